"""The questions in-process, through prompt_toolkit's pipe input: every branch of the flow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from senco_cli.interview.answers import convert, problem_with
from senco_cli.interview.flow import run_interview
from senco_cli.interview.questions import NOT_SURE, Question, prune, questions
from senco_cli.logic.assess import assess
from senco_cli.profile.io import load_profile
from senco_cli.rules.model import Rules

from conftest import TODAY

DOWN, ENTER = "\x1b[B", "\r"
D = dt.date


def spec(rules: Rules, key: str) -> Question:
    return next(q for q in questions(rules) if q.key == key)


def keys_for(rules: Rules, key: str, value: Any, current: Any = None) -> str:
    """The keys that answer question `key` with `value`, starting from the highlighted choice."""
    question = spec(rules, key)
    if question.kind == "select":
        values = [c.value for c in question.choices]
        start = values.index(current) if current in values else 0
        return DOWN * (values.index(value) - start) + ENTER
    if question.kind == "confirm":
        return ("yes" if value else "no") + ENTER
    return f"{value}{ENTER}"


def script(rules: Rules, answers: list[tuple[str, Any]]) -> str:
    return "".join(keys_for(rules, key, value) for key, value in answers)


def interview(rules: Rules, keys: str, save: Path | None = None, force: bool = False):  # type: ignore[no-untyped-def]
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()  # a script one answer short ends in EOFError rather than waiting for ever
        with create_app_session(input=pipe, output=DummyOutput()):
            return run_interview(rules, TODAY, save=save, force=force)


class ScriptedAsker:
    """Answers from a list, in order, checking each question asked is the one expected: the
    interview's flow tested without prompt_toolkit. Typed answers pass the same checks."""

    def __init__(self, answers: list[tuple[str, Any]], changes: list[tuple[str, Any]] = ()) -> None:  # type: ignore[assignment]
        self.answers = list(answers)
        self.changes = list(changes)
        self.said: list[str] = []

    def ask(self, question: Question, default: Any, as_of: dt.date, answers: dict[str, Any]) -> Any:
        assert self.answers, f"asked {question.key} with no answer left"
        key, value = self.answers.pop(0)
        assert key == question.key, f"asked {question.key}, expected {key}"
        if isinstance(value, str) and question.kind != "select":
            assert problem_with(question, value, as_of, answers) is None
            return convert(question, value)
        return value

    def review(self, asked: list[tuple[Question, str]]) -> Question | None:
        if not self.changes:
            assert not self.answers, f"not asked: {self.answers}"
            return None
        key, value = self.changes.pop(0)
        self.answers.insert(0, (key, value))
        return next(q for q, _ in asked if q.key == key)

    def replace(self, path: Path) -> bool:
        return False

    def say(self, text: str) -> None:
        self.said.append(text)


def scripted(rules: Rules, answers: list[tuple[str, Any]], **options: Any):  # type: ignore[no-untyped-def]
    return run_interview(rules, TODAY, save=options.get("save"), force=False, asker=ScriptedAsker(answers))


NEW_SENCO = [
    ("name", "Sam Patel"),
    ("setting", "academy"),
    ("in_england", True),
    ("senco", "yes"),
    ("senco_since", "1/9/2025"),
    ("previous_senco_months", 0),
    ("head_teacher", False),
    ("shared_senco", False),
    ("on_leave", False),
    ("teaches_at_school", True),
    ("qts", True),
    ("induction", "passed"),
    ("npq", "none"),
    ("npq_funded_before", False),
    ("nasenco", "none"),
    ("supports_npq", True),
]
CONFIRM_REPORT = ENTER


def expected(answers: list[tuple[str, Any]]) -> dict[str, Any]:
    converted = dict(answers)
    for key, value in converted.items():
        if isinstance(value, str) and "/" in value:
            day, month, year = (int(part) for part in value.split("/"))
            converted[key] = D(year, month, day)
    return converted


def test_new_senco(rules: Rules) -> None:
    profile = scripted(rules, NEW_SENCO)
    assert profile.answers() == expected(NEW_SENCO)
    report = assess(profile, rules, TODAY)
    assert report.deadline.date == D(2028, 9, 1)


def test_no_qts_asks_routes_not_induction(rules: Rules) -> None:
    answers = [
        ("name", ""),
        ("setting", "maintained"),
        ("in_england", True),
        ("senco", "planning"),
        ("senco_from", NOT_SURE),
        ("head_teacher", False),
        ("shared_senco", False),
        ("teaches_at_school", True),
        ("qts", False),
        ("qualified_in", "england"),
        ("qtls", False),
        ("qts_route", NOT_SURE),
        ("eyts", False),
        ("degree", True),
        ("gcse_english_maths", True),
        ("unqualified_teacher", True),
        ("schools_taught_in", 2),
        ("has_trn", False),
        ("teaching_years", 2.5),
        ("npq", "none"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
        ("supports_npq", True),
    ]
    profile = scripted(rules, answers)
    assert "induction" not in profile.answers() and "senco_since" not in profile.answers()
    assert profile.answers() == {k: v for k, v in answers if v != "" and v is not NOT_SURE}
    report = assess(profile, rules, TODAY)
    assert "assessment_only" in {r.id for r in report.routes}


def test_qtls_with_set_membership_skips_routes(rules: Rules) -> None:
    answers = [
        ("name", "Kim"),
        ("setting", "maintained"),
        ("in_england", True),
        ("senco", "planning"),
        ("senco_from", "1/9/2027"),
        ("head_teacher", False),
        ("shared_senco", False),
        ("teaches_at_school", True),
        ("qts", False),
        ("qualified_in", "england"),
        ("qtls", True),
        ("set_member", True),
        ("has_trn", True),
        ("npq", "none"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
        ("supports_npq", False),
    ]
    profile = scripted(rules, answers)
    assert profile.answers() == expected(answers)
    report = assess(profile, rules, TODAY)
    assert report.steps[0].status == "done"
    assert report.deadline.date == D(2030, 9, 1)  # three years from the planned start


def test_head_teacher_is_not_asked_about_teaching(rules: Rules) -> None:
    answers = [
        ("name", "Head"),
        ("setting", "maintained"),
        ("in_england", True),
        ("senco", "no"),
        ("head_teacher", True),
        ("qts", True),
        ("induction", "passed"),
        ("npq", "passed"),
    ]
    profile = scripted(rules, answers)
    assert profile.answers() == dict(answers)
    assert assess(profile, rules, TODAY).ready


def test_nasenco_dates(rules: Rules) -> None:
    answers = [
        ("name", "Alex"),
        ("setting", "maintained"),
        ("in_england", True),
        ("senco", "yes"),
        ("senco_since", "2019-01-07"),
        ("previous_senco_months", 0),
        ("head_teacher", False),
        ("shared_senco", False),
        ("on_leave", False),
        ("teaches_at_school", True),
        ("qts", True),
        ("induction", "passed"),
        ("npq", "none"),
        ("npq_funded_before", False),
        ("nasenco", "passed"),
        ("nasenco_started", "2019-09-01"),
        ("nasenco_awarded", "15/7/2021"),
    ]
    profile = scripted(rules, answers)
    assert profile.nasenco_started == D(2019, 9, 1) and profile.nasenco_awarded == D(2021, 7, 15)
    assert "supports_npq" not in profile.answers()
    assert assess(profile, rules, TODAY).qualified


@pytest.mark.parametrize(
    ("setting", "extra", "status"),
    [
        ("maintained", [], "funded"),
        ("special", [], "funded"),
        ("hospital", [], "subject_to_review"),
        ("independent", [], "not_funded"),
        ("early_years", [("part_of_school", False)], "not_funded"),
        ("other", [("rtta_referred", True)], "subject_to_review"),
        ("other", [("rtta_referred", False)], "not_funded"),
    ],
)
def test_each_funding_relevant_setting(
    rules: Rules, setting: str, extra: list[tuple[str, Any]], status: str
) -> None:
    statutory = setting in ("maintained", "academy", "maintained_nursery")
    answers = [("name", "T"), ("setting", setting), *extra, ("in_england", True), ("senco", "planning")]
    if statutory or not rules.settings[setting].senco_post_here:  # the law may bind where they go
        answers += [("senco_from", NOT_SURE)]
    if statutory:
        answers += [("head_teacher", False), ("shared_senco", False), ("teaches_at_school", True)]
    answers += [("qts", True)] + ([("induction", "passed")] if statutory else [])
    answers += [
        ("npq", "registered"),
        ("npq_cohort", "2026-autumn"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
    ]
    profile = scripted(rules, answers)
    assert assess(profile, rules, TODAY).funding.status == status


def test_changing_an_answer_at_the_summary_asks_what_now_matters(rules: Rules) -> None:
    keys = script(rules, NEW_SENCO)
    asked = [key for key, _ in NEW_SENCO]
    # Change "qts" to no: the induction answer is dropped and the route questions are asked.
    keys += DOWN * (asked.index("qts") + 1) + ENTER + "no" + ENTER
    keys += script(
        rules,
        [
            ("qualified_in", "england"),
            ("qtls", False),
            ("qts_route", NOT_SURE),
            ("eyts", False),
            ("degree", True),
            ("gcse_english_maths", True),
            ("unqualified_teacher", False),
            ("has_trn", True),
        ],
    )
    keys += CONFIRM_REPORT
    profile = interview(rules, keys)
    assert profile.qts is False and profile.induction is None
    assert profile.degree is True and profile.has_trn is True
    assert profile.senco_since == D(2025, 9, 1)  # untouched answers are kept


def test_invalid_answers_are_re_asked(rules: Rules) -> None:
    keys = script(rules, NEW_SENCO[:4])
    keys += "\r" + "31/2/2025\r" + "\x15" + "2030-01-01\r" + "\x15" + "1/9/2025\r"  # empty, unreal, future
    keys += "\r" + "-3\r" + "\x15" + "lots\r" + "\x15" + "0\r"  # empty, negative, not a number
    keys += script(rules, NEW_SENCO[6:]) + CONFIRM_REPORT  # from head_teacher on
    profile = interview(rules, keys)
    assert profile.senco_since == D(2025, 9, 1) and profile.previous_senco_months == 0


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("senco_since", "", "Enter the date you became SENCO"),
        (
            "senco_since",
            "30/2/2025",
            "The date must be a real date, like 2025-09-01, 1/9/2025 or 1 September 2025",
        ),
        ("senco_since", "2026-11-29", "The date must be in the past"),
        ("senco_since", "2026-11-28", None),
        ("senco_since", "1/9/2025", None),
        ("previous_senco_months", "", "Enter the number of months"),
        ("previous_senco_months", "-1", "The number must be 0 or more"),
        ("previous_senco_months", "nan", "Enter a number, like 6"),
        ("previous_senco_months", "1e9", "The number must be 720 or less"),
        ("schools_taught_in", "2.5", "Enter a whole number, like 2"),
        ("name", "Bad\x1b[31m", "Enter plain text, without control characters or invisible characters"),
        ("name", "Soft\u00adhyphen", "Enter plain text, without control characters or invisible characters"),
        ("name", "Zero\u200bwidth", "Enter plain text, without control characters or invisible characters"),
        ("name", "", None),
    ],
)
def test_gov_uk_style_messages(rules: Rules, key: str, text: str, message: str | None) -> None:
    assert problem_with(spec(rules, key), text, TODAY, {}) == message


def test_award_before_start_is_refused(rules: Rules) -> None:
    question = spec(rules, "nasenco_awarded")
    answers = {"nasenco_started": D(2023, 9, 1)}
    assert "after the course started" in (problem_with(question, "2023-08-31", TODAY, answers) or "")


def test_save_then_profile_reads_back_the_same(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    profile = interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT, save=target)
    assert load_profile(target, rules.vocabulary()) == profile


def test_saved_answers_are_offered_as_defaults(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    first = interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT, save=target)
    before = target.read_bytes()
    # Accept every default: Enter for text, select and yes/no alike; then decline to replace.
    second = interview(rules, ENTER * len(NEW_SENCO) + CONFIRM_REPORT + "no" + ENTER, save=target)
    assert second == first
    assert target.read_bytes() == before


def test_existing_file_replaced_only_with_a_yes_or_force(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    target.write_text("format = 1\n", encoding="utf-8")
    interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT + "yes" + ENTER, save=target)
    assert "Sam Patel" in target.read_text(encoding="utf-8")
    target.write_text("format = 1\n", encoding="utf-8")
    interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT, save=target, force=True)
    assert "Sam Patel" in target.read_text(encoding="utf-8")


def test_prune_is_stable(rules: Rules) -> None:
    specs = questions(rules)
    answers = {
        "qts": False,
        "induction": "passed",
        "setting": "academy",
        "qtls": True,
        "set_member": True,
        "degree": True,
        "senco": "no",
        "senco_since": D(2025, 1, 1),
    }
    once = prune(answers, specs)
    assert prune(once, specs) == once
    assert "induction" not in once and "senco_since" not in once and "degree" not in once


def test_every_question_names_a_profile_key_once(rules: Rules) -> None:
    from senco_cli.profile.model import KEY_PATHS

    keys = [q.key for q in questions(rules)]
    assert len(keys) == len(set(keys))
    assert set(keys) <= set(KEY_PATHS)


@pytest.mark.parametrize("where", ["missing-folder/me.toml", "."])
def test_an_unwritable_save_path_is_refused_before_any_question(
    rules: Rules, tmp_path: Path, where: str
) -> None:
    from senco_cli.errors import InputError

    with pytest.raises(InputError, match="cannot be written"):
        interview(rules, "", save=tmp_path / where)


def test_dates_before_1950_are_refused(rules: Rules) -> None:
    assert (
        problem_with(spec(rules, "senco_since"), "1/1/1949", TODAY, {}) == "The date must be in or after 1950"
    )


def test_every_choice_has_a_title_and_a_help_line(rules: Rules) -> None:
    for question in questions(rules):
        if question.kind == "select":
            assert all(choice.title and choice.help for choice in question.choices), question.key


def test_a_failed_save_still_gives_the_answers(
    rules: Rules, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = full_disk / "me.toml"
    profile = interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT, save=target)
    assert profile.name == "Sam Patel"  # the report is still made from these answers
    assert not target.exists()
    errors = capsys.readouterr().err
    assert "not saved" in errors and "No space left on device" in errors
    assert 'name = "Sam Patel"' in errors and "senco_since = 2025-09-01" in errors


def test_re_saving_keeps_answers_the_interview_did_not_ask(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    target.write_text(
        'format = 1\n[you]\nname = "Sam Patel"\nhas_trn = true\ntrn = "1234567"\n'
        "[qualifications]\ndegree = true\ngcse_science = true\n",
        encoding="utf-8",
    )
    keys = script(rules, [(k, v) for k, v in NEW_SENCO if k != "name"])
    profile = interview(rules, ENTER + keys + CONFIRM_REPORT, save=target, force=True)
    saved = load_profile(target, rules.vocabulary())
    assert saved == profile
    assert (saved.has_trn, saved.trn, saved.degree, saved.gcse_science) == (True, "1234567", True, True)


def test_a_kept_answer_that_contradicts_a_new_one_is_dropped(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    target.write_text('format = 1\n[role]\nsenco = "yes"\nsenco_since = 2020-09-01\n', encoding="utf-8")
    answers = [
        ("name", "Sam"),
        ("setting", "independent"),
        ("in_england", True),
        ("senco", "no"),
        ("qts", True),
        ("npq", "none"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
        ("supports_npq", True),
    ]
    # The saved "yes" is highlighted first.
    keys = (
        script(rules, answers[:3])
        + keys_for(rules, "senco", "no", current="yes")
        + script(rules, answers[4:])
    )
    profile = interview(rules, keys + CONFIRM_REPORT, save=target, force=True)
    assert profile.senco == "no" and profile.senco_since is None


def test_saved_message_shows_escape_sequences_as_codes(
    rules: Rules, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "me\x1b[2Jx.toml"
    interview(rules, script(rules, NEW_SENCO) + CONFIRM_REPORT, save=target)
    errors = capsys.readouterr().err
    assert "\x1b" not in errors and "\\u001b[2Jx.toml" in errors


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_name_accepted_when_typed_is_accepted_in_a_profile(text: str) -> None:
    from senco_cli.profile.io import profile_from_table
    from senco_cli.rules.cache import bundled_rules

    question = spec(bundled_rules(), "name")
    if problem_with(question, text, TODAY, {}) is None:
        name = convert(question, text)
        table = {"format": 1, "you": {"name": name}} if name is not None else {"format": 1}
        assert profile_from_table(table, "typed", bundled_rules().vocabulary()).name == name


@given(st.text(alphabet="0123456789./- e", max_size=12))
@settings(max_examples=300, deadline=None)
def test_a_number_or_date_accepted_when_typed_is_accepted_in_a_profile(text: str) -> None:
    from senco_cli.profile.io import profile_from_table
    from senco_cli.profile.validate import check_dates
    from senco_cli.rules.cache import bundled_rules

    rules = bundled_rules()
    for key, section in (
        ("senco_since", "role"),
        ("previous_senco_months", "role"),
        ("schools_taught_in", "you"),
    ):
        question = spec(rules, key)
        if problem_with(question, text, TODAY, {}) is None:
            value = convert(question, text)
            extra = {"senco": "yes"} if key == "senco_since" else {}
            profile = profile_from_table(
                {"format": 1, section: {key: value, **extra}}, "typed", rules.vocabulary()
            )
            check_dates(profile, TODAY, "typed")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_check_your_answers_says_counts_in_words(data: st.DataObject, shipped_rules: Rules) -> None:
    """Issue 23: "Earlier SENCO service" showed a bare "0". Every number question says what it
    counts: "none", "1 month", "18 months", "2.5 years"."""
    from senco_cli.interview.answers import answer_words
    from senco_cli.interview.flow import shown_answers

    counted = [q for q in questions(shipped_rules) if q.kind in ("number", "integer")]
    assert {q.key for q in counted} >= {"previous_senco_months", "teaching_years", "schools_taught_in"}
    question = data.draw(st.sampled_from(counted))
    assert question.unit, f"{question.key} does not say what it counts"
    top = int(question.maximum or 100)
    value = data.draw(
        st.integers(0, top) if question.kind == "integer" else st.sampled_from([0, 1, 18, 2.5, top])
    )
    [(_, shown)] = shown_answers((question,), {question.key: value})
    assert shown == answer_words(question, value)
    if value == 0:
        assert shown == "none"
    else:
        number, unit = shown.split(" ")
        assert float(number) == value and unit.startswith(question.unit)
        assert unit == question.unit if value == 1 else unit != question.unit
