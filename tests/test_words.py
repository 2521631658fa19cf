"""Words people read: counts agree with their nouns everywhere, in every format."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from senco_cli.text import audit_counts, plural, steps_remain, time_left

from conftest import ROOT

NOUNS = ["school", "row", "person", "month", "year", "day", "step", "data line", "column", "event", "setting"]


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(NOUNS))
def test_a_count_agrees_with_its_noun(count: int, noun: str) -> None:
    said = plural(count, noun)
    number, word = said.split(" ", 1)
    assert int(number) == count
    assert (word == noun) == (count == 1)
    assert word in (noun, "people" if noun == "person" else noun + "s")


@given(st.floats(min_value=0, max_value=1000, allow_nan=False).map(lambda x: round(x, 1)))
def test_fractional_counts_take_the_plural(count: float) -> None:
    assert plural(count, "month").endswith("month" if count == 1 else "months")


def test_the_examples_from_the_issue() -> None:
    assert plural(1, "school") == "1 school" and plural(1, "person") == "1 person"
    assert plural(2, "person") == "2 people" and plural(1, "row") == "1 row"
    assert steps_remain(1) == "1 step remains" and steps_remain(3) == "3 steps remain"
    summary = {"lines": 1, "rows": 1, "ready": 1, "not_ready": 0, "invalid": 0, "overdue": 0}
    summary |= {"at_risk": 0, "due_within_6_months": 0, "cant_tell": 0, "assessed": 1, "in_breach": 0}
    assert audit_counts(summary).startswith("1 data line, 1 person: ")


@given(st.dates(), st.dates())
def test_time_left_never_says_one_with_a_plural(start: object, end: object) -> None:
    said = time_left(start, end)  # type: ignore[arg-type]
    assert not re.search(r"\b1 (years|months|days)\b", said)
    assert not re.search(r"\b([02-9]|\d\d+) (year|month|day)\b", said)


def test_markdown_check_opens_with_the_answer() -> None:
    """Markdown (what people paste into an email) opens as the terminal and HTML do: the
    headline, Next, the deadline, the funding and the urgent notes, then the checklist."""
    from conftest import EXAMPLES, run_senco

    text = run_senco("check", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "markdown").stdout
    order = [
        text.index(part) for part in ("AT RISK", "**Next:**", "## Deadline", "## NPQ funding", "> **!**")
    ]
    assert order == sorted(order) and order[-1] < text.index("## Checklist")


# The packages whose every sentence comes from data/wording.toml: they decide, the data words.
WORDED = ("logic",)
# Strings there with a space that people do not read as a sentence of senco's.
NOT_SENTENCES = {
    "Northern Ireland",  # a nation's name, compared with the answer qualified_in gives
}


def sentence_literals(path: Path) -> list[str]:
    """The string constants of a module that hold a space between words (f-strings' parts
    too), leaving out docstrings and what an exception is raised with."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    left_out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                left_out.add(id(first.value))
        if isinstance(node, ast.Raise | ast.Assert):
            left_out.update(id(inner) for inner in ast.walk(node))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in left_out
        and " " in node.value.strip()
        and node.value not in NOT_SENTENCES
    ]


@pytest.mark.parametrize("package", WORDED)
def test_the_logic_writes_no_sentence_of_its_own(package: str) -> None:
    """A sentence people read lives in data/wording.toml under a code, so that it is edited
    there and every format says it the same way; the logic names the code."""
    found = {
        f"{path.relative_to(ROOT)}": literals
        for path in sorted((ROOT / "senco_cli" / package).glob("*.py"))
        if (literals := sentence_literals(path))
    }
    assert found == {}


def test_the_scan_finds_a_sentence_written_in_code(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '''"""A docstring with spaces."""
def f(x):
    """Another."""
    if x:
        raise ValueError("an error message stays in code")
    return f"{x} NPQ cohort starts" + "Northern Ireland"
''',
        encoding="utf-8",
    )
    assert sentence_literals(module) == [" NPQ cohort starts"]
