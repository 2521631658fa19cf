"""A row with a problem still says whose it is: its name, masked TRN, school and URN, in
every output format, whether the problem is a bad cell or one person's rows that disagree."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_real_rosters import KINDS, write
from workbooks import read_workbook

from conftest import AUDIT_AS_OF, audit_json, run_in_process

HEADER = ["Name", "TRN", "School", "URN", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO"]
SCHOOLS = [("100001", "Oak"), ("100002", "Elm")]
NPQ_WORDS = ("Not started", "In progress", "Passed")
# Cells no column reads: each makes its row one to correct.
BAD_CELLS = {"QTS": "maybe", "Date appointed SENCO": "1-Sep-2025", "SENCO": "sometimes"}
# How a spreadsheet may write one TRN: each reads as the same seven digits.
TRN_FORMS = {"plain": "{}{}", "decimal": "{}{}.0", "spaced": "{} {}"}


def person(number: int, school: int, npq: int) -> list[str]:
    urn, name = SCHOOLS[school]
    return [f"Pat Doe{number}", f"{7_100_000 + number}", name, urn, "Yes", "Passed", NPQ_WORDS[npq], "Yes",
            "01/09/2025"]  # fmt: skip


people = st.lists(
    st.tuples(
        st.integers(0, len(SCHOOLS) - 1),
        st.integers(0, len(NPQ_WORDS) - 1),
        st.sampled_from([None, *sorted(BAD_CELLS)]),  # a cell no column reads
        st.integers(0, 2),  # copies of the row
        st.booleans(),  # a copy differs in its NPQ
        st.sampled_from(sorted(TRN_FORMS)),  # how the copies write the TRN
    ),
    min_size=1,
    max_size=6,
)


def text_lines(path: Path, *args: str) -> list[str]:
    result = run_in_process("audit", str(path), *AUDIT_AS_OF, *args)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


def csv_rows(path: Path, *args: str) -> list[dict[str, str]]:
    result = run_in_process("audit", str(path), "--format", "csv", *AUDIT_AS_OF, *args)
    assert result.returncode in (0, 1), result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def xlsx_staff(path: Path, folder: Path) -> list[dict[str, Any]]:
    """The Staff sheet of `senco audit PATH --format xlsx`, read back with python-calamine."""
    out = folder / f"{path.stem}-results.xlsx"
    result = run_in_process(
        "audit", str(path), "--format", "xlsx", "--output", str(out), "--force", *AUDIT_AS_OF
    )
    assert result.returncode in (0, 1), result.stderr
    header, *rows = read_workbook(out)["Staff"]
    return [dict(zip(header, row, strict=True)) for row in rows]


def masked(trn: str) -> str:
    return "****" + trn[-3:]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), generated=people, data=st.data())
def test_every_row_keeps_its_name_and_trn_in_every_format(
    tmp_path_factory: pytest.TempPathFactory, kind: str, generated: list[Any], data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("to_correct")
    rows: list[list[str]] = []
    for number, (school, npq, bad, copies, differ, form) in enumerate(generated):
        row = person(number, school, npq)
        if bad is not None:
            row[HEADER.index(bad)] = BAD_CELLS[bad]
        rows.append(row)
        for copy in range(copies):
            again = list(row)
            again[1] = TRN_FORMS[form].format(row[1][:3], row[1][3:])
            if differ and copy == 0:
                again[HEADER.index("NPQ")] = NPQ_WORDS[(npq + 1) % len(NPQ_WORDS)]
            rows.append(again)
    order = data.draw(st.permutations(range(len(rows))))
    shuffled = [rows[n] for n in order]
    path = write(folder, "roster", [HEADER, *shuffled], kind)
    # Whose each spreadsheet row is (the header is row 1).
    whose = {number: row for number, row in enumerate(shuffled, 2)}

    code, result, stderr = audit_json(path)
    assert code in (0, 1), stderr
    assert len(result["rows"]) == len(generated)
    for got in result["rows"]:
        row = whose[got["row"]]
        assert (got["name"], got["trn"], got["school"], got["urn"]) == (
            row[0], masked(row[1].split(".")[0].replace(" ", "")), row[2], row[3]
        ), got  # fmt: skip

    lines = text_lines(path)
    for got in result["rows"]:
        shown = [line for line in lines if line.endswith(f"  row {got['row']}")]
        assert len(shown) == 1, (got["row"], lines)
        assert f" {got['name']}  TRN {got['trn']}  row " in shown[0]

    # The roster-order results (CSV, xlsx) write every row back, its own cells (the TRN
    # masked), in the roster's order; a row read with another's person has that person's
    # results and a note naming the row where the person is counted.
    by_row = {got["row"]: got for got in result["rows"]}
    person_of = {}  # each row's person: the row where they are counted
    for number, row in whose.items():
        trn = row[1].split(".")[0].replace(" ", "")
        person_of[number] = min(
            n for n, other in whose.items() if other[1].split(".")[0].replace(" ", "") == trn
        )
    written = csv_rows(path)
    assert len(written) == len(shuffled)
    for number, got in enumerate(written, 2):
        own = whose[number]
        assert [got[h] for h in HEADER] == [own[0], masked(own[1].split(".")[0].replace(" ", "")), *own[2:]]
        theirs = by_row[person_of[number]]
        assert got["result.status"] == theirs["status"] and got["result.error"] == (theirs["error"] or "")
        if number != person_of[number]:
            assert got["result.note"].startswith(f"read with row {person_of[number]} as one person"), got
    staff = xlsx_staff(path, folder)
    assert [int(row["Row in roster"]) for row in staff] == list(whose)
    staff_by_row = {int(row["Row in roster"]): row for row in staff}
    for number, row in staff_by_row.items():
        theirs = staff_by_row[person_of[number]]
        assert row["Name"] == whose[number][0]
        assert (row["Result"], row["To correct"]) == (theirs["Result"], theirs["To correct"])


# The user's GIAS extract: Dan Orr twice at Bay School, the rows differing only in NPQ.
GIAS_HEADER = ["URN", "LA (code)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (name)",
               "EstablishmentStatus (name)", "Name", "TRN", "QTS", "Induction", "NPQ", "SENCO",
               "Date appointed SENCO"]  # fmt: skip
ANN = ["137000", "202", "4001", "Oak Academy", "Academy sponsor led", "Open", "Ann Lee", "2000001", "Yes", "Passed",
       "In progress", "Yes", "01/09/2024"]  # fmt: skip
DAN = ["137003", "202", "4004", "Bay School", "Academy converter", "Open", "Dan Orr", "2000004", "Yes", "Passed",
       "Not started", "Yes", "01/09/2023"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_rows_of_one_person_that_disagree_keep_the_name_and_trn(tmp_path: Path, kind: str) -> None:
    """The GIAS example: Dan Orr's two rows (one TRN, one school) differ in NPQ. He is one
    row to correct, shown with his name, masked TRN, school and URN."""
    dan_again = [*DAN[:10], "Passed", *DAN[11:]]
    path = write(tmp_path, "gias", [GIAS_HEADER, ANN, DAN, dan_again], kind)
    code, result, _ = audit_json(path)
    dan = next(row for row in result["rows"] if row["row"] == 3)
    assert (dan["name"], dan["trn"], dan["school"], dan["urn"], dan["status"]) == (
        "Dan Orr", "****004", "Bay School", "137003", "invalid"
    )  # fmt: skip
    assert "rows 3, 4 have the same TRN but differ in senco_training.npq" in dan["error"]
    assert any(line.startswith("! needs correcting Dan Orr  TRN ****004  row 3") for line in text_lines(path))
    # Judged without the NPQ they disagree on, on everything else they agree on: his deadline
    # (he was judged on nothing, "no deadline"), and he is never taken as not started.
    assert dan["deadline"] == "2026-09-01" and dan["qualified"] is False
    assert dan["situation"] == "cant_tell"  # a row to correct is judged, never overdue


def test_one_trn_written_two_ways_keeps_the_trn(tmp_path: Path) -> None:
    """The TRN example: rows of one TRN written "1234567.0" and "123 4567", or "TRN 7654321"
    and "7654321", with names that differ: one row to correct each, with the first row's
    name and the TRN (which one of the rows gives plainly)."""
    header = ["Name", "TRN", "QTS", "SENCO", "Date appointed SENCO", "School type"]
    rows = [
        header,
        ["B", "1234567.0", "Yes", "Yes", "2025-09-01", "academy"],
        ["C", "123 4567", "Yes", "Yes", "2025-09-01", "academy"],
        ["D", "TRN 7654321", "Yes", "Yes", "2025-09-01", "academy"],
        ["E", "7654321", "Yes", "maybe 7654321", "2025-09-01", "academy"],
    ]
    path = write(tmp_path, "trn", rows, "csv")
    _, result, _ = audit_json(path)
    assert [(row["row"], row["name"], row["trn"], row["status"]) for row in result["rows"]] == [
        (2, "B", "****567", "invalid"),
        (4, "D", "****321", "invalid"),
    ]
    assert "7654321" not in str(result) and "1234567" not in str(result)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    since=st.dates(dt.date(2022, 1, 1), dt.date(2026, 11, 1)),
    npq=st.sampled_from(["Not started", "In progress", "Passed"]),
    other_npq=st.sampled_from(["Not started", "In progress", "Passed"]),
    days=st.integers(1, 400),
)
def test_rows_that_disagree_are_judged_on_what_they_agree_on(
    tmp_path_factory: pytest.TempPathFactory, since: dt.date, npq: str, other_npq: str, days: int
) -> None:
    """One TRN on two rows at one school: where the rows differ in the NPQ only, the person is
    judged as the roster with that NPQ cell left blank (the same deadline and next step);
    where they differ in the start date, never on either row's date."""
    folder = tmp_path_factory.mktemp("disagree")
    header = ["Name", "TRN", "URN", "School type", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO"]
    row = [
        "Dan Orr",
        "2000004",
        "137003",
        "Academy converter",
        "Yes",
        "Passed",
        npq,
        "Yes",
        since.isoformat(),
    ]

    def judged(*rows: list[str]) -> dict[str, Any]:
        path = write(folder, "roster", [header, *rows], "csv")
        found: dict[str, Any] = audit_json(path)[1]["rows"][0]
        return found

    fields = ("deadline", "days_left", "qualified", "next_step", "statutory")
    if other_npq != npq:
        disputed = judged(row, [*row[:6], other_npq, *row[7:]])
        blank = judged([*row[:6], "", *row[7:]])
        assert disputed["status"] == "invalid" and "differ in senco_training.npq" in disputed["error"]
        assert {f: disputed[f] for f in fields} == {f: blank[f] for f in fields}
    later = (since + dt.timedelta(days=days)).isoformat()
    disputed = judged(row, [*row[:8], later])
    assert disputed["status"] == "invalid" and disputed["deadline"] == judged([*row[:8], ""])["deadline"]
