"""The results workbook (`senco audit --format xlsx`) offers the template's drop-downs on the
roster's choice columns, so a lead corrects a row there and runs the audit again on it:
every word a drop-down offers is read back as the answer it stands for. The drop-downs are
read from the written file's own XML (the validations) and its hidden Lists sheet."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_answer_words import meaning, offered  # noqa: F401  (offered: a fixture)
from workbooks import read_workbook, write_xlsx
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name

from senco_cli.profile.model import header_key
from senco_cli.render.xlsx import RESULT_HEADERS
from senco_cli.roster.sheet import open_sheet, to_row
from senco_cli.rules.model import Rules

from conftest import run_in_process

AS_OF = ("--as-of", "2026-11-28")
DAY = dt.date(2026, 11, 28)
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def validations(path: Path) -> dict[str, tuple[str, list[str]]]:
    """The Staff sheet's list drop-downs, as written: column letters -> (the cells they
    cover, the words offered, from the range of the Lists sheet they name)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    lists = read_workbook(path)["Lists"]
    found: dict[str, tuple[str, list[str]]] = {}
    for rule in root.iter(f"{MAIN}dataValidation"):
        assert rule.get("type") == "list"
        formula = rule.findtext(f"{MAIN}formula1") or ""
        source = re.fullmatch(r"Lists!\$([A-Z]+)\$(\d+):\$\1\$(\d+)", formula)
        assert source is not None, formula
        column = column_number(source.group(1))
        words = [lists[row - 1][column] for row in range(int(source.group(2)), int(source.group(3)) + 1)]
        cells = rule.get("sqref") or ""
        found[re.sub(r"\d", "", cells.split(":")[0])] = (cells, words)
    return found


def column_number(letters: str) -> int:
    return int(xl_cell_to_rowcol(f"{letters}1")[1])


def letters_of(index: int) -> str:
    return str(xl_col_to_name(index))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_word_a_results_drop_down_offers_reads_back_as_its_answer(
    offered: dict[str, list[str]],  # noqa: F811
    shipped_rules: Rules,
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    # A roster with some of the template's choice columns, each cell one of the offered
    # words or blank; the column order, the people and the words are generated.
    headers = data.draw(st.lists(st.sampled_from(sorted(offered)), min_size=1, max_size=6, unique=True))
    people = data.draw(st.integers(1, 4))
    rows = [["Name", *headers]]
    for number in range(people):
        cells = [data.draw(st.sampled_from(["", *offered[header]])) for header in headers]
        rows.append([f"Person {number}", *cells])
    folder = tmp_path_factory.mktemp("results")
    roster = write_xlsx(folder / "staff.xlsx", {"Staff": rows})
    out = folder / "results.xlsx"
    done = run_in_process("audit", str(roster), *AS_OF, "--format", "xlsx", "--output", str(out))
    assert done.returncode in (0, 1), done.stderr
    staff = read_workbook(out)["Staff"]
    header_row = [str(cell) for cell in staff[0]]
    assert header_row == ["Name", *headers, *RESULT_HEADERS]
    found = validations(out)
    # One drop-down on each choice column, over every person's row, offering what the
    # template's does; none elsewhere.
    expected_letters = {letters_of(1 + n) for n in range(len(headers))}
    assert set(found) == expected_letters
    for n, header in enumerate(headers):
        cells, words = found[letters_of(1 + n)]
        letter = letters_of(1 + n)
        assert cells == (f"{letter}2" if people == 1 else f"{letter}2:{letter}{people + 1}")
        assert words == offered[header], header
    # Corrected in the results workbook (one offered word in one cell a row; senco's result
    # columns and the masked TRN as written) and read again as the audit reads a roster.
    corrected = [staff[0]]
    wanted: list[tuple[str, str, Any]] = []
    for n, header in enumerate(headers):
        for word in found[letters_of(1 + n)][1]:
            row = ["" for _ in staff[0]]
            row[0] = f"{header}: {word}"
            row[1 + n] = word
            row[len(headers) + 1 :] = staff[1][len(headers) + 1 :]
            corrected.append(row)
            wanted.append((header, word, meaning(shipped_rules, header, word)))
    again = write_xlsx(folder / "corrected.xlsx", {"Staff": corrected})
    with open_sheet(again, shipped_rules.vocabulary(), DAY, None, shipped_rules.header_names()) as opened:
        assert opened.sheet.header is not None and opened.sheet.header.results == len(RESULT_HEADERS)
        read = [to_row(record, opened.sheet) for record in opened.rows]
    assert len(read) == len(wanted)
    for row, (header, word, (column, value)) in zip(read, wanted, strict=True):
        assert row.profile is not None, (header, word, row.error)
        assert getattr(row.profile, column.split(".")[1]) == value, (header, word, row.error)


def test_a_results_workbook_runs_again_as_it_is(tmp_path: Path) -> None:
    """Corrected and run again: the earlier run's result columns are left out (this run
    writes its own once), the masked TRN reads as "has a TRN", and the counts agree."""
    rows = [
        ["Name", "TRN", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO", "Teaches at the school"],
        ["Ann Lee", "1234567", "Yes", "Passed", "Not started", "Yes", dt.date(2025, 9, 1), "Yes"],
        ["Bo Chan", "7654321", "Yes", "Completd", "Studying now", "Yes", dt.date(2024, 9, 1), "Yes"],
    ]
    roster = write_xlsx(tmp_path / "staff.xlsx", {"Staff": rows})
    first = tmp_path / "results.xlsx"
    run_in_process("audit", str(roster), *AS_OF, "--format", "xlsx", "--output", str(first))
    staff = read_workbook(first)["Staff"]
    by_name = {row[0]: row for row in staff[1:]}
    assert by_name["Bo Chan"][len(rows[0])] == "needs correcting"
    # The lead picks "Passed" from the Induction drop-down and runs the audit on the results.
    letter_index = rows[0].index("Induction")
    assert validations(first)[letters_of(letter_index)][1][0] == "Passed"
    fixed = [list(row) for row in staff]
    for row in fixed[1:]:
        if row[0] == "Bo Chan":
            row[letter_index] = "Passed"
    again = write_xlsx(tmp_path / "corrected.xlsx", {"Staff": fixed})
    second = tmp_path / "results-2.xlsx"
    done = run_in_process("audit", str(again), *AS_OF, "--format", "xlsx", "--output", str(second))
    assert "result column(s) of an earlier senco audit left out" in done.stderr
    assert "unknown column" not in done.stderr
    staff = read_workbook(second)["Staff"]
    assert [str(h) for h in staff[0]] == [*rows[0], *RESULT_HEADERS]  # one set of results
    results = {row[0]: dict(zip(staff[0], row, strict=True)) for row in staff[1:]}
    assert results["Bo Chan"]["Result"] != "needs correcting" and not results["Bo Chan"]["To correct"]
    assert results["Ann Lee"]["TRN"] == "****567"
    assert header_key(str(results["Ann Lee"]["Result"])) == header_key(str(by_name["Ann Lee"][len(rows[0])]))
