"""A TRN typed anywhere in a roster, in any column or as a header, is never shown in full:
not on stdout or stderr, nor in a results file of any format (text, JSON, CSV, Markdown,
HTML, xlsx read back). senco shows a roster's text masked (text.shown) wherever it goes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_personal_data import digit_windows, shown_windows
from workbooks import read_workbook

from senco_cli.profile.model import ROSTER_COLUMNS
from senco_cli.roster.headers import COLUMNS

from conftest import run_in_process

AS_OF = ("--as-of", "2026-11-28")
FORMATS = ("text", "json", "csv", "markdown", "html", "xlsx")
BASE = {
    "you.name": "Sam",
    "you.trn": "3456789",
    "role.senco": "yes",
    "role.senco_since": "01/09/2025",
    "school.setting": "academy",
    "school.name": "Oak",
    "school.urn": "100001",
}
# A school's LAESTAB ("DfE number", 202/2019) is seven digits by its nature: what that column
# holds is the school's number, shown as written in the CSV and JSON, not a person's TRN.
SCHOOL_NUMBER = "school.laestab"
EVERY_COLUMN = sorted({*COLUMNS, *ROSTER_COLUMNS} - {SCHOOL_NUMBER})
# Digits 3 to 9: never five in a row of a date (20xx-xx-xx), a URN or a count the reports show.
TRNS = st.text("3456789", min_size=7, max_size=7)
# A TRN as people write one (the forms the message mask has always masked).
TRN_FORMS = st.sampled_from(["plain", "3 4", "3-4", "2 3 2", "TRN"])


def typed(trn: str, form: str) -> str:
    return {
        "plain": trn,
        "3 4": f"{trn[:3]} {trn[3:]}",
        "3-4": f"{trn[:3]}-{trn[3:]}",
        "2 3 2": f"{trn[:2]} {trn[2:5]} {trn[5:]}",
        "TRN": f"TRN {trn}",
    }[form]


def everything(tmp_path: Path, roster: Path, fmt: str, *extra: str) -> tuple[int, str]:
    """All a run shows: stdout, stderr, and the file it writes (an xlsx read back by calamine)."""
    if fmt == "xlsx":
        target = tmp_path / "results.xlsx"
        result = run_in_process(
            "audit", str(roster), *AS_OF, *extra, "--format", fmt, "--output", str(target), "--force"
        )
        book = read_workbook(target) if target.exists() else {}
        cells = [str(cell) for rows in book.values() for row in rows for cell in row]
        return result.returncode, result.stdout + result.stderr + "\n".join(cells)
    result = run_in_process("audit", str(roster), *AS_OF, *extra, "--format", fmt)
    return result.returncode, result.stdout + result.stderr


def write(path: Path, header: list[str], row: list[str]) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, row])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run_all(tmp_path: Path, roster: Path, secret: set[str], *extra: str, refused: bool = False) -> None:
    for fmt in FORMATS:
        code, said = everything(tmp_path, roster, fmt, *extra)
        assert code == 2 if refused else code in (0, 1), said
        leaked = secret & shown_windows(said)
        assert not leaked, (fmt, extra, leaked, said[:3000])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    columns=st.lists(st.sampled_from(EVERY_COLUMN), min_size=1, max_size=3, unique=True),
    trn=TRNS,
    form=TRN_FORMS,
    as_header=st.booleans(),
)
def test_a_trn_in_any_column_or_header_is_never_shown(
    tmp_path: Path, columns: list[str], trn: str, form: str, as_header: bool
) -> None:
    """The TRN as a cell of any column the roster takes (read as that column's answer, or
    refused, and echoed in the CSV and xlsx), and as an unknown header (left out with
    --ignore-unknown, named in the error without it), in every format."""
    cell = typed(trn, form)
    values = dict(BASE) | dict.fromkeys(columns, cell)
    header, row = list(values), list(values.values())
    if as_header:
        header, row = [*header, f"Notes {cell}"], [*row, cell]
    roster = write(tmp_path / "roster.csv", header, row)
    secret = digit_windows(trn)
    if as_header:
        run_all(tmp_path, roster, secret, refused=True)
    run_all(tmp_path, roster, secret, *(("--ignore-unknown",) if as_header else ()))


def test_a_trn_in_every_column_at_once_is_never_shown(tmp_path: Path) -> None:
    """Every column the roster takes holding a TRN, each typed a different way."""
    forms = ["plain", "3 4", "3-4", "2 3 2", "TRN"]
    trns = ["".join("3456789"[(n + k) % 7] for k in range(7)) for n in range(len(EVERY_COLUMN))]
    cells = [typed(trn, forms[n % len(forms)]) for n, trn in enumerate(trns)]
    roster = write(tmp_path / "every.csv", [*EVERY_COLUMN, cells[0]], [*cells, cells[1]])
    run_all(tmp_path, roster, {w for trn in trns for w in digit_windows(trn)}, "--ignore-unknown")


@pytest.mark.parametrize("column", EVERY_COLUMN)
def test_a_trn_in_each_column_is_never_shown_in_json(tmp_path: Path, column: str) -> None:
    """Each column on its own, so that its own message (the row's first problem) is shown."""
    values = dict(BASE) | {column: "TRN 7654398"}
    roster = write(tmp_path / "one.csv", list(values), list(values.values()))
    result = run_in_process("audit", str(roster), *AS_OF, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert not digit_windows("7654398") & shown_windows(result.stdout + result.stderr), result.stdout


@pytest.mark.parametrize("fmt", ["text", "csv", "json", "markdown", "html"])
def test_a_name_that_is_a_trn_is_masked(tmp_path: Path, fmt: str) -> None:
    """The new user's roster: a Name cell of 7654321 was printed as it was beside TRN ****321."""
    roster = write(tmp_path / "names.csv", ["Name", "TRN", "QTS"], ["7654321", "7654321", "Yes"])
    result = run_in_process("audit", str(roster), *AS_OF, "--format", fmt)
    assert result.returncode == 1, result.stderr
    assert "7654321" not in result.stdout + result.stderr and "****321" in result.stdout
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(result.stdout)))
        assert (row["Name"], row["TRN"]) == ("****321", "****321")
    if fmt == "json":
        assert json.loads(result.stdout)["rows"][0]["name"] == "****321"


def test_a_header_left_out_is_masked_as_in_the_error(tmp_path: Path) -> None:
    """--ignore-unknown's note said "Unknown thing 7654321", which the error without it masks."""
    roster = write(
        tmp_path / "trn.csv", ["Name", "TRN", "QTS", "Unknown thing 7654321"], ["A", "1234567", "Yes", "x"]
    )
    refused = run_in_process("audit", str(roster), *AS_OF)
    left_out = run_in_process("audit", str(roster), *AS_OF, "--ignore-unknown")
    assert refused.returncode == 2 and "Unknown thing ****321" in refused.stderr
    assert left_out.returncode == 1 and 'left out: "Unknown thing ****321"' in left_out.stderr
    assert "7654321" not in refused.stderr + left_out.stderr + left_out.stdout


@pytest.mark.parametrize(
    ("cell", "echoed"),
    [
        ("202/2019", "202/2019"),
        ("2022019", "2022019"),
        ("TRN 7654321", "TRN ****321"),
        ("76 543 21", "****321"),
    ],
)
def test_a_school_number_is_shown_as_written_and_anything_else_masked(
    tmp_path: Path, cell: str, echoed: str
) -> None:
    """A LAESTAB ("DfE number") is the school's seven digits, kept in the CSV as written; a
    cell there that is no LAESTAB is masked like any other."""
    roster = write(tmp_path / "dfe.csv", ["Name", "TRN", "DfE number"], ["A", "1234567", cell])
    result = run_in_process("audit", str(roster), *AS_OF, "--format", "csv")
    assert next(csv.DictReader(io.StringIO(result.stdout)))["DfE number"] == echoed
    if echoed != cell:
        result = run_in_process("audit", str(roster), *AS_OF, "--format", "json")
        assert "7654321" not in result.stdout + result.stderr


def test_a_school_number_from_its_parts_is_three_and_four_digits(tmp_path: Path) -> None:
    """GIAS's LA (code) and EstablishmentNumber make the LAESTAB; a TRN in them makes none."""
    header = ["Name", "TRN", "LA (code)", "EstablishmentNumber"]
    good = write(tmp_path / "parts.csv", header, ["A", "1234567", "202", "2019"])
    assert (
        json.loads(run_in_process("audit", str(good), *AS_OF, "--format", "json").stdout)["rows"][0][
            "laestab"
        ]
        == "2022019"
    )
    bad = write(tmp_path / "trn.csv", header, ["A", "1234567", "7654321", "7654321"])
    result = run_in_process("audit", str(bad), *AS_OF, "--format", "json")
    assert "7654321" not in result.stdout + result.stderr
