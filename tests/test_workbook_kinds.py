"""Workbooks of every kind senco reads (.ods, .xlsb, .xls as well as .xlsx), each bounded
before python-calamine builds its dense range: a hostile file of a few KB is read or refused
with one line naming the file and what to do. And a zip that lies about its sizes."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from workbooks import ods_cell, ods_row, sheet_data, write_ods_rows, write_raw_xlsx, write_xls, write_xlsb

from conftest import run_senco

AS_OF = ("--as-of", "2026-11-28")


PEOPLE = [
    ods_row(*(ods_cell(h) for h in ("you.name", "role.senco", "role.senco_since", "school.setting"))),
    ods_row(*(ods_cell(v) for v in ("Sam Patel", "yes", "2025-09-01", "academy"))),
]
EMPTY_CELLS = '<table:table-cell table:number-columns-repeated="1020"/>'


def refused(path: Path, *said: str) -> str:
    """A real process: a reader that built the dense range would take gigabytes or abort."""
    result = run_senco("audit", str(path), *AS_OF)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"senco: {path}: ") or str(path) in result.stderr.splitlines()[0]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for words in said:
        assert words in result.stderr, result.stderr
    return result.stderr


def read_people(path: Path) -> list[str]:
    result = run_senco("audit", str(path), "--format", "json", *AS_OF)
    assert result.returncode == 1, result.stderr
    return [row["name"] for row in json.loads(result.stdout)["rows"]]


# .ods: repeats counted, never expanded.


def test_an_ods_with_a_far_cell_is_refused_naming_it(tmp_path: Path) -> None:
    far = ods_row('<table:table-cell table:number-columns-repeated="16000"/>', ods_cell("x"))
    rows = [*PEOPLE, ods_row("<table:table-cell/>", repeated=500_000), far]
    path = write_ods_rows(tmp_path / "staff.ods", {"Staff": rows})
    assert path.stat().st_size < 4000
    refused(
        path, 'sheet "Staff" reaches cell WQK500003', "Delete what is below or right", "save the sheet as CSV"
    )


def test_an_ods_row_repeated_many_times_is_refused(tmp_path: Path) -> None:
    rows = [*PEOPLE, ods_row(ods_cell("Sam Patel"), ods_cell("yes"), repeated=500_000)]
    path = write_ods_rows(tmp_path / "staff.ods", {"Staff": rows})
    refused(path, 'sheet "Staff" reaches cell B500002', "100,000 rows")


def test_an_ods_counts_every_sheet_as_all_are_read(tmp_path: Path) -> None:
    """Each sheet within the limit, but calamine reads all of them at once."""
    wide = ods_row(*[ods_cell("x", repeated=16_000)], repeated=60)  # 960,000 cells each
    path = write_ods_rows(tmp_path / "staff.ods", {"Staff": PEOPLE, "Lists": [wide], "More": [wide]})
    refused(path, 'sheet "More" reaches cell WQJ60', "with the sheets before it")


def test_an_ods_as_libreoffice_saves_it_is_read(tmp_path: Path) -> None:
    """LibreOffice ends a sheet with a million empty rows and empty columns: not counted."""
    trailer = ods_row(EMPTY_CELLS, repeated=1_048_574)
    rows = [PEOPLE[0], PEOPLE[1].replace("</table:table-row>", EMPTY_CELLS + "</table:table-row>"), trailer]
    path = write_ods_rows(tmp_path / "staff.ods", {"Staff": rows, "Empty": [trailer]})
    assert read_people(path) == ["Sam Patel"]


# .xls and .xlsb: each cell's place read from its record, its value never.

HEADER = ["you.name", "role.senco", "role.senco_since", "school.setting"]
CELLS = {(0, c): h for c, h in enumerate(HEADER)} | {
    (1, c): v for c, v in enumerate(["Sam Patel", "yes", "2025-09-01", "academy"])
}


def test_an_xls_is_read(tmp_path: Path) -> None:
    assert read_people(write_xls(tmp_path / "staff.xls", {"Staff": CELLS})) == ["Sam Patel"]


@pytest.mark.parametrize(("row", "column", "far"), [(65_535, 255, "IV65536"), (40_000, 100, "CW40001")])
def test_an_xls_with_a_far_cell_is_refused_naming_it(tmp_path: Path, row: int, column: int, far: str) -> None:
    path = write_xls(tmp_path / "staff.xls", {"Staff": {**CELLS, (row, column): 1}})
    assert path.stat().st_size < 8000
    refused(
        path, f'sheet "Staff" reaches cell {far}', "Delete what is below or right", "save the sheet as CSV"
    )


def test_an_xls_counts_every_sheet_as_all_are_read(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "staff.xls", {"Staff": CELLS, "Lists": {(4000, 255): 1}, "More": {(4000, 255): 1}}
    )
    refused(path, 'sheet "More" reaches cell IV4001', "with the sheets before it (1,024,264 cells)")


def test_an_xlsb_is_read(tmp_path: Path) -> None:
    assert read_people(write_xlsb(tmp_path / "staff.xlsb", CELLS)) == ["Sam Patel"]


def test_an_xlsb_with_a_far_cell_is_refused_naming_it(tmp_path: Path) -> None:
    path = write_xlsb(tmp_path / "staff.xlsb", {**CELLS, (500_000, 16_383): 1})
    assert path.stat().st_size < 4000
    refused(path, 'sheet "Staff" reaches cell XFD500001', "100,000 rows", "save the sheet as CSV")


def test_an_xlsb_wide_table_is_refused_naming_its_far_cell(tmp_path: Path) -> None:
    path = write_xlsb(tmp_path / "staff.xlsb", {**CELLS, (100, 16_383): 1})
    refused(path, 'sheet "Staff" reaches cell XFD101', "101 rows by 16,384 columns")


@pytest.mark.parametrize("damage", ["no relationships", "a shared string that is not there"])
def test_a_damaged_xlsb_is_refused_saying_what_to_do(tmp_path: Path, damage: str) -> None:
    """calamine stops with a panic on these (a BaseException): refused, never a traceback."""
    if damage == "no relationships":
        built = write_xlsb(tmp_path / "built.xlsb", CELLS)
        path = tmp_path / "staff.xlsb"
        with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w") as copy:
            for name in source.namelist():
                if not name.endswith(".rels"):
                    copy.writestr(name, source.read(name))
    else:
        path = write_xlsb(tmp_path / "staff.xlsb", {**CELLS, (2, 0): ("shared", 5)})
    result = run_senco("audit", str(path), *AS_OF)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"senco: error: {path}: ") and "save it again, or save" in last, last


# A zip whose directory lies about a part's size.


def lie_about_size(path: Path, part: str, declared: int) -> None:
    """Set the size a zip declares for `part`, in its local header and its directory."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                data[at + offset : at + offset + 4] = struct.pack("<I", declared)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_part_that_unpacks_to_more_than_declared_is_refused(tmp_path: Path, suffix: str) -> None:
    people = {"A1": "you.name", "B1": "role.senco", "A2": "Sam Patel", "B2": "yes"}
    if suffix == ".xlsx":
        path = write_raw_xlsx(tmp_path / "staff.xlsx", [("Staff", sheet_data(people), "visible")])
        part = "xl/sharedStrings.xml"
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(part, "w") as stream:
            stream.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
            for _ in range(20):
                stream.write(b"a" * (1 << 20))
            stream.write(b"</t></si></sst>")
    else:
        path = write_ods_rows(tmp_path / "staff.ods", {"Staff": PEOPLE})
        part = "META-INF/manifest.xml"
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("Thumbnails/x.xml", b" " * (20 << 20))
        part = "Thumbnails/x.xml"
    lie_about_size(path, part, 1000)
    assert path.stat().st_size < 100_000
    refused(path, f"has a part ({part}) that unpacks to more than the 1,000 bytes", "save it again")


ODS_CELLS = st.sampled_from(
    [
        "<table:table-cell/>",
        '<table:table-cell table:style-name="ce1"/>',
        '<table:table-cell table:number-columns-repeated="7"/>',
        "<table:table-cell></table:table-cell>",
        '<table:table-cell office:value-type="string"><text:p>Sam</text:p></table:table-cell>',
        '<table:table-cell office:value-type="float" office:value="1"/>',
        '<table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell>",
        "<table:table-cell><text:p>typed</text:p></table:table-cell>",
        "<table:covered-table-cell/>",
        '<table:table-cell table:formula="of:=1"/>',
    ]
)


@given(st.lists(ODS_CELLS, max_size=12), st.sampled_from(["", " ", "\\n  "]))
def test_an_ods_row_is_measured_alike_the_quick_way_and_cell_by_cell(cells: list[str], space: str) -> None:
    """The quick count of a row's columns (most rows) agrees with reading each cell."""
    from senco_cli.roster.ods_bounds import _last_filled, _last_filled_slowly

    body = space.join(cells).encode() + space.encode()
    assert _last_filled(body) == _last_filled_slowly(body)
