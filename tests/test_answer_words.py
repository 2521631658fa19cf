"""The words each choice takes, declared once (data/answers.toml): the interview shows them,
the template's drop-downs offer them, and the audit reads every one of them back as the
answer it stands for, as typed in any case, with any spacing or punctuation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import read_workbook

from senco_cli.interview.questions import questions
from senco_cli.profile.model import SECTIONS
from senco_cli.roster.cells import read_word
from senco_cli.roster.csv_records import Record
from senco_cli.roster.sheet import Sheet, to_row
from senco_cli.rules.model import Rules

from conftest import run_in_process

CHOICE_COLUMNS = [f"{s}.{k}" for s, keys in SECTIONS.items() for k, spec in keys.items() if spec.choices]


@pytest.fixture(scope="module")
def offered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each drop-down of the real template workbook, as calamine reads it: header -> values."""
    path = Path(tmp_path_factory.mktemp("template")) / "template.xlsx"
    assert run_in_process("audit", "--template", "--format", "xlsx", "--output", str(path)).returncode == 0
    lists = read_workbook(path)["Lists"]
    return {column[0]: [cell for cell in column[1:] if cell] for column in zip(*lists, strict=True)}


def meaning(rules: Rules, header: str, word: str) -> tuple[str, Any]:
    """What a drop-down word stands for, from the rules data itself (not from the reader)."""
    column = next(c for c, names in rules.column_names.items() if header in names)
    if column == "school.setting":
        return column, next(s.id for s in rules.settings.values() if s.label == word)
    if column == "senco_training.npq_cohort":
        return column, next(c.id for c in rules.cohorts if c.label == word)
    if word in rules.answers.yes[:1] + rules.answers.no[:1] and column not in rules.answers.choices:
        return column, word == rules.answers.yes[0]
    return column, next(a.value for a in rules.answers.choices[column] if a.sheet == word)


def spellings() -> st.SearchStrategy[Any]:
    return st.sampled_from([str, str.upper, str.lower, lambda w: w.replace(" ", "_"), lambda w: f"  {w} "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_drop_down_word_reads_back_as_its_answer(
    offered: dict[str, list[str]], shipped_rules: Rules, data: st.DataObject
) -> None:
    header = data.draw(st.sampled_from(sorted(offered)))
    word = data.draw(st.sampled_from(offered[header]))
    spell = data.draw(spellings())
    column, expected = meaning(shipped_rules, header, word)
    sheet = Sheet("f", [column], shipped_rules.vocabulary(), __import__("datetime").date(2026, 11, 28))
    row = to_row(Record(2, [spell(word)]), sheet)
    assert row.error is None, (header, word, row.error)
    assert row.profile is not None
    assert getattr(row.profile, column.split(".")[1]) == expected, (header, word)


def test_the_drop_downs_cover_every_choice_column(
    offered: dict[str, list[str]], shipped_rules: Rules
) -> None:
    headers = {column: names for column, names in shipped_rules.column_names.items()}
    for column in CHOICE_COLUMNS:
        assert any(name in offered for name in headers[column]), column


def test_the_interview_offers_the_same_titles(shipped_rules: Rules) -> None:
    """One declaration: the interview's choices are the answers of data/answers.toml."""
    asked = {q.key: q for q in questions(shipped_rules)}
    for column, answers in shipped_rules.answers.choices.items():
        question = asked[column.split(".")[1]]
        assert [(c.value, c.title) for c in question.choices] == [(a.value, a.title) for a in answers]
        for answer in answers:  # and a title typed in a roster reads as that answer
            assert read_word(answer.title, column, shipped_rules.vocabulary())[0] == answer.value


@pytest.mark.parametrize(
    ("column", "words", "value", "unclear"),
    [
        ("senco_training.npq", ["Not started"], "none", False),
        ("senco_training.npq", ["In progress"], "studying", False),
        ("senco_training.npq", ["Completed"], "awaiting_result", True),
        ("senco_training.npq", ["Awaiting result"], "awaiting_result", False),
        ("senco_training.npq", ["Deferred", "deferred"], "deferred", False),
        ("senco_training.npq", ["N/A"], None, True),
        ("senco_training.nasenco", ["Yes"], "studying", True),
        ("senco_training.nasenco", ["No"], "none", False),
        ("senco_training.nasenco", ["Completed", "Achieved"], "passed", False),
        ("senco_training.nasenco", ["In progress"], "studying", False),
        ("qualifications.induction", ["Completed"], "passed", False),
        ("qualifications.induction", ["Exempt", "Not required"], "not_required", False),
        ("qualifications.induction", ["In progress"], "in_progress", False),
        ("qualifications.induction", ["N/A"], None, True),
    ],
)
def test_the_words_people_type(
    shipped_rules: Rules, column: str, words: list[str], value: Any, unclear: bool
) -> None:
    """The issue's examples: each reads as its answer; a word that could mean two answers
    takes the cautious one and says so."""
    for word in words:
        read, note = read_word(word, column, shipped_rules.vocabulary())
        assert read == value, word
        assert (note is not None) == unclear, word
        if unclear:
            assert word in note


def test_an_unclear_word_says_so_on_the_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name,NPQ,SENCO,Date appointed SENCO\nA,Completed,Yes,01/09/2025\n", encoding="utf-8")
    result = run_in_process("audit", str(path), "--format", "csv", "--as-of", "2026-11-28")
    assert 'NPQ ""Completed"" could mean passed or still waiting for the result' in result.stdout
