"""One person on several rows is never counted twice, in any roster shape (issue 25 item
2): rows with the same TRN are joined (flagged to correct where they disagree); rows with
no TRN are joined when alike in every cell, and flagged, each kept, when they share a name
and school but differ."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_real_rosters import KINDS, write

from conftest import audit_json

# Three shapes a roster comes in: a trust's own sheet, a Workforce Census-style export (a
# Role column) and DfE's NPQ registration export. Each person is the same answers in each.
SHAPES = {
    "trust": ["Name", "TRN", "School", "URN", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO",
              "Teaches at the school"],
    "workforce": ["Teacher number", "Given name", "Legal surname", "Role", "School URN", "School name", "QTS",
                  "Induction", "NPQ", "Date appointed SENCO"],
    "npq export": ["Full Name", "TRN", "School URN", "Senco In Role", "Senco Start Date", "Training Status"],
}  # fmt: skip
SCHOOLS = [("100001", "Oakfield Primary"), ("100002", "Birch Primary"), ("100003", "Cedar Primary")]
COUNTS = ("rows", "ready", "not_ready", "invalid", "in_breach", "overdue", "at_risk", "cant_tell", "schools")


def person_row(shape: str, number: int, trn: str, school: int, since: dt.date, npq: int) -> list[Any]:
    urn, name = SCHOOLS[school]
    given, family = f"Given{number}", f"Family{number}"
    if shape == "trust":
        npq_word = ("Not started", "In progress", "Passed")[npq]
        return [f"{given} {family}", trn, name, urn, "Yes", "Passed", npq_word, "Yes", since, "Yes"]
    if shape == "workforce":
        npq_word = ("Not started", "In progress", "Passed")[npq]
        return [trn, given, family, "SEN Co-ordinator", urn, name, "Yes", "Passed", npq_word, since]
    status = ("", "active", "withdrawn")[npq]
    return [f"{given} {family}", trn, urn, "yes", since, status]


people = st.lists(
    st.tuples(
        st.booleans(),  # has a TRN
        st.integers(0, len(SCHOOLS) - 1),
        st.dates(dt.date(2021, 9, 1), dt.date(2026, 9, 1)),
        st.integers(0, 2),
        st.integers(0, 2),  # extra copies of the row
        st.booleans(),  # one copy differs in an answer
    ),
    min_size=1,
    max_size=6,
)


def counts(result: dict[str, Any]) -> tuple[Any, ...]:
    summary = result["summary"]
    table = sorted(
        (s["urn"], s["people"], s["sencos"], s["overdue"], s["at_risk"], s["status"])
        for s in result["schools"]
    )
    return (*(summary[key] for key in COUNTS), table)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(sorted(SHAPES)), kind=st.sampled_from(KINDS), generated=people, data=st.data())
def test_a_person_on_several_rows_is_counted_once(
    tmp_path_factory: pytest.TempPathFactory, shape: str, kind: str, generated: list[Any], data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("duplicates")
    header = SHAPES[shape]
    once: list[list[Any]] = []
    rows: list[tuple[int, list[Any]]] = []  # (person, row)
    differs: set[int] = set()
    for number, (has_trn, school, since, npq, copies, differ) in enumerate(generated):
        trn = f"{7_000_000 + number}" if has_trn or shape == "workforce" else ""
        row = person_row(shape, number, trn, school, since, npq)
        once.append(row)
        rows.append((number, row))
        for copy in range(copies):
            again = list(row)
            if data.draw(st.booleans()):  # the URN as a spreadsheet may write it: the same school
                at = next(n for n, h in enumerate(header) if "URN" in h)
                again[at] = f"{again[at]}.0"
            if differ and copy == 0:
                # Another start date: for a TRN, the same person in doubt (to correct); with
                # no TRN, maybe two people of one name (each kept, with a note).
                at = next(n for n, h in enumerate(header) if "Date" in h)
                again[at] = since + dt.timedelta(days=1)
                differs.add(number)
            rows.append((number, again))
    order = data.draw(st.permutations(range(len(rows))))
    shuffled = [rows[n] for n in order]
    with_copies = write(folder, "copies", [header, *[row for _, row in shuffled]], kind)
    code, result, stderr = audit_json(with_copies)
    assert code in (0, 1), stderr
    # No TRN and differing rows: each kept (they may be two people); anything else: once.
    no_trn_differing = {n for n in differs if not once[n][header.index("TRN")]} if "TRN" in header else set()
    kept = len(generated) + sum(sum(1 for person, _ in rows if person == n) - 1 for n in no_trn_differing)
    assert result["summary"]["rows"] == kept
    assert result["summary"]["lines"] == len(rows)  # every row is a data line, joined or not
    assert sum(school["people"] for school in result["schools"]) == kept  # and once in the school table
    # A person in doubt (one TRN, rows that disagree) is one row to correct (judged on what
    # the rows agree on: test_rows_to_correct.py).
    in_doubt = differs - no_trn_differing
    doubted = [row for row in result["rows"] if "differ in role.senco_since" in (row["error"] or "")]
    assert len(doubted) == len(in_doubt) and all(row["status"] == "invalid" for row in doubted)
    flagged = [
        row for row in result["rows"] if "same name at the same school and no TRN" in (row["note"] or "")
    ]
    assert len(flagged) == sum(sum(1 for person, _ in rows if person == n) for n in no_trn_differing)
    if not differs:
        # Copies alike: the same counts as the roster with each person once.
        alone = write(folder, "once", [header, *once], kind)
        assert counts(result) == counts(audit_json(alone)[1])


# A trust sheet's row (SHAPES["trust"]): a SENCO since September 2022 at Oakfield Primary.
ANN_AT_OAKFIELD = ("Ann Able", "7000001", "Oakfield Primary", "100001", "Yes", "Passed", "Not started", "Yes",
                   dt.date(2022, 9, 1), "Yes")  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_trn_at_two_schools_is_a_shared_senco_counted_at_each(tmp_path: Path, kind: str) -> None:
    """Issue 25 item 2 without a Role or Post column: a trust sheet holding one SENCO once
    per school she serves (a shared SENCO, SEND Code of Practice 6.92 to 6.93) is judged at
    each school; her row pasted twice at one school, and two alike rows with no TRN, once."""
    header = SHAPES["trust"]
    since = dt.date(2022, 9, 1)
    ann = list(ANN_AT_OAKFIELD)
    rows = [
        header,
        ann,
        ["Ann Able", "7000001", "Birch Primary", "100002", "Yes", "Passed", "Not started", "Yes", since, "Yes"],
        ["Ben Bird", "", "Birch Primary", "100002", "Yes", "Passed", "Not started", "Yes", since, "Yes"],
        ["Ben Bird", "", "Birch Primary", "100002", "Yes", "Passed", "Not started", "Yes", since, "Yes"],
        ann,
    ]  # fmt: skip
    code, result, _ = audit_json(write(tmp_path, "trust", rows, kind))
    assert result["summary"]["rows"] == 3 and result["summary"]["lines"] == 5
    by_row = {row["row"]: row for row in result["rows"]}
    assert set(by_row) == {2, 3, 4}
    assert by_row[2]["status"] != "invalid" and "rows 2, 6 have the same TRN" in by_row[2]["note"]
    assert by_row[3]["status"] != "invalid" and by_row[3]["status"] == by_row[2]["status"]
    assert (
        by_row[4]["status"] != "invalid"
        and "rows 4, 5 are the same in every cell (no TRN)" in by_row[4]["note"]
    )
    people = {school["urn"]: school["people"] for school in result["schools"]}
    assert people == {"100001": 1, "100002": 2}


@pytest.mark.parametrize("kind", KINDS)
def test_a_urn_written_as_a_decimal_is_the_same_school_for_joining(tmp_path: Path, kind: str) -> None:
    """One person's row pasted twice, once with the URN as a spreadsheet wrote it
    ("100000.0"): one person at one school, not a shared SENCO counted twice there."""
    header = SHAPES["trust"]
    row = list(ANN_AT_OAKFIELD)
    rows = [header, row, [*row[:3], "100001.0", *row[4:]]]
    code, result, _ = audit_json(write(tmp_path, "trust", rows, kind))
    assert result["summary"]["rows"] == 1
    assert [(school["urn"], school["people"]) for school in result["schools"]] == [("100001", 1)]
    (ann,) = result["rows"]
    assert ann["status"] != "invalid" and "rows 2, 3 have the same TRN" in ann["note"]
