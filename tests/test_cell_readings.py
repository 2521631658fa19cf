"""A roster's cells are read once for each distinct text of a column and remembered
(roster/cells.py): every row must read exactly as it reads afresh, whatever the cells hold
(words in any case, blanks, spaces, bad dates, TRNs, two columns for one answer) and
whatever the headers say."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senco_cli.audit.rows import assess_row
from senco_cli.profile.model import ROSTER_COLUMNS
from senco_cli.roster.csv_records import Record
from senco_cli.roster.headers import COLUMNS, Header
from senco_cli.roster.sheet import Row, Sheet, forget_readings, to_row
from senco_cli.rules.load import load_rules

RULES = load_rules()
KNOWN = RULES.vocabulary()
AS_OF = dt.date(2026, 11, 28)
# Words that mean different things in different columns, dates good and bad, numbers that
# could be TRNs, GIAS's words, and what a person types by mistake.
WORDS = [
    "yes", "no", "y", "n", "1", "0", "true", "maybe", "", " ", "passed", "In progress", "not started",
    "Completed", "N/A", "Exempt", "01/09/2025", "2025-09-01", "1/9/2025", "31/02/2025", "2030-01-01",
    "45000", "12345678", "1234567", "123 4567", "1234567.0", "****567", "academy", "Community school",
    "28", "2026", "2025a", "Teacher; SENCO", "Head teacher", "England", "Wales", "Closed", "Open",
    "100000.0", "100000", "201/3614", "3,5", "1,000", "6", "-3", "2.5", "Sam", "Patel", "studying",
    "deferred", "planning", "none", "école", "x\u200by", "=1+1",
    *KNOWN.cohorts, *KNOWN.settings, *KNOWN.routes,
]  # fmt: skip
SPELLINGS = [str, str.upper, str.lower, str.title, lambda w: f"  {w} ", lambda w: w.replace(" ", "_")]
cells = st.one_of(
    st.builds(lambda word, spell: spell(word), st.sampled_from(WORDS), st.sampled_from(SPELLINGS)),
    st.text(max_size=6),
)


Drawn = tuple[list[str | None], list[str], str | None, list[list[str]]]


@st.composite
def sheets(draw: st.DrawFn) -> Drawn:
    """A sheet's columns (often two for one answer, under different headers), headers and
    --cohort, and rows of cells drawn from a few texts, so that each text is in many cells
    of many columns."""
    kinds = draw(st.lists(st.sampled_from([*COLUMNS, *ROSTER_COLUMNS, None]), min_size=1, max_size=4))
    columns: list[str | None] = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=8))
    headers = [
        column if column is not None and draw(st.booleans()) else f"Column {index + 1}"
        for index, column in enumerate(columns)
    ]
    cohort = draw(st.sampled_from([None, *KNOWN.cohorts]))
    pool = draw(st.lists(cells, min_size=1, max_size=4))  # a few texts, each in many cells
    rows = draw(st.lists(st.lists(st.sampled_from(pool), max_size=len(columns) + 1), min_size=2, max_size=8))
    return columns, headers, cohort, rows


def fields(row: Row) -> tuple[Any, ...]:
    """Every field of a row, its error's too (errors compare by identity)."""
    error = row.error
    said = None if error is None else (type(error), error.message, error.path, error.file, error.code)
    return (*row._replace(error=None), said)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_rows_read_with_remembered_cells_read_as_afresh(drawn: Drawn) -> None:
    columns, headers, cohort, rows = drawn
    sheet = Sheet("r.csv", columns, KNOWN, AS_OF, cohort, Header(columns, headers, [], 0))
    records = [Record(number, cells) for number, cells in enumerate(rows, 2)]
    forget_readings()
    remembered = [(fields(to_row(r, sheet)), assess_row(r, sheet, RULES)) for r in records]
    for record, (row, result) in zip(records, remembered, strict=True):
        forget_readings()
        assert fields(to_row(record, sheet)) == row
        forget_readings()
        assert assess_row(record, sheet, RULES) == result
