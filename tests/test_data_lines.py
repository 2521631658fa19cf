"""The audit's "data lines" are the lines with something in a cell, the header aside: a line
of separators or spaces alone is blank, and a person's second row (read with the first) is
a data line like any other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_real_rosters import KINDS, write

from conftest import audit_json

HEADER = ["Name", "TRN", "School", "URN", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO"]


def person(number: int) -> list[str]:
    return [f"Pat Doe{number}", f"{7_200_000 + number}", "Oak", "100001", "Yes", "Passed", "Not started", "Yes",
            "01/09/2025"]  # fmt: skip


# What a line under the header holds: a person, that person again, or nothing (empty
# cells, cells of spaces).
LINES = st.lists(st.sampled_from(["person", "again", "empty", "spaces"]), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), lines=LINES)
def test_data_lines_are_the_lines_with_something_in_a_cell(
    tmp_path_factory: pytest.TempPathFactory, kind: str, lines: list[str]
) -> None:
    rows: list[list[Any]] = []
    people = 0
    for line in lines:
        if line == "person" or (line == "again" and not people):
            people += 1
            rows.append(person(people))
        elif line == "again":
            rows.append(person(people))
        else:
            rows.append(["" if line == "empty" else " "] * len(HEADER))
    if not people:
        rows.append(person(1))
        people = 1
    filled = sum(1 for row in rows if any(cell.strip() for cell in row))
    path = write(tmp_path_factory.mktemp("lines"), "roster", [HEADER, *rows], kind)
    code, result, stderr = audit_json(path)
    assert code in (0, 1), stderr
    assert (result["summary"]["lines"], result["summary"]["rows"]) == (filled, people)
    # Only a cell across lines makes lines and rows differ: nothing here does.
    assert not any("data line" in warning for warning in result["warnings"])


def test_the_users_small_roster(tmp_path: Path) -> None:
    """The example: nine people, one of them on two rows, a blank line and a line of commas:
    10 data lines, 9 people; without the line of commas, the same."""
    header = ["Name", "TRN", "School", "URN", "QTS", "SENCO", "Date appointed SENCO"]
    people = [
        [f"P{n}", f"{1_000_000 + n}", "Oak", "100001", "Yes", "Yes", "2025-09-01"] for n in range(1, 10)
    ]
    lines = [",".join(header), ",".join(people[0]), *(",".join(p) for p in people), ""]
    with_commas = tmp_path / "small.csv"
    with_commas.write_text("\n".join([*lines, "," * (len(header) - 1), ""]), encoding="utf-8")
    without = tmp_path / "without.csv"
    without.write_text("\n".join(lines), encoding="utf-8")
    for path in (with_commas, without):
        _, result, _ = audit_json(path)
        assert (result["summary"]["lines"], result["summary"]["rows"]) == (10, 9)
        assert not any("data line" in warning for warning in result["warnings"])


def test_a_cell_across_lines_is_still_said(tmp_path: Path) -> None:
    """A cell that runs across two lines makes two data lines and one row: said, as before,
    and a person on two rows beside it does not hide it or add to it."""
    path = tmp_path / "cell.csv"
    path.write_text(
        'Name,TRN,QTS,SENCO\nAnn Lee,2000001,"Yes\nNo",Yes\nBob Ray,2000002,Yes,Yes\nBob Ray,2000002,Yes,Yes\n',
        encoding="utf-8",
    )
    _, result, _ = audit_json(path)
    assert (result["summary"]["lines"], result["summary"]["rows"]) == (4, 2)
    assert any("The file has 4 data lines and 3 rows" in warning for warning in result["warnings"])
    ann = next(row for row in result["rows"] if row["row"] == 2)
    assert (ann["name"], ann["trn"], ann["status"]) == ("Ann Lee", "****001", "invalid")
