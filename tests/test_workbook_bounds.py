"""Workbooks in: the work is bounded by the table, not by stray cells or a part that inflates
a thousandfold; the sheet read is the one a person sees; cells Excel shows as errors, dates
with times, numbers with commas, school systems' disguised exports and split schools are
each said plainly. Every workbook is the smallest that shows the fault, zipped by hand."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import sheet_data, write_raw_xlsx

from senco_cli.roster.workbook_bounds import MAX_CELLS, MAX_PART_BYTES

from conftest import run_in_process, run_senco

AS_OF = ("--as-of", "2026-11-28")
PERSON = {
    "A1": "you.name",
    "B1": "role.senco",
    "C1": "role.senco_since",
    "D1": "school.setting",
    "A2": "Sam Patel",
    "B2": "yes",
    "C2": "2025-09-01",
    "D2": "academy",
}


def book(tmp_path: Path, cells: dict[str, Any], name: str = "staff.xlsx") -> Path:
    return write_raw_xlsx(tmp_path / name, [("Staff", sheet_data(cells), "visible")])


def audit_json(path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    result = run_in_process("audit", str(path), "--format", "json", *AS_OF, *args)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


# 1. A stray cell far from the table.


@pytest.mark.parametrize("far", ["XFD5000", "XFD1048576", "B1048576"])
def test_a_stray_cell_far_below_is_left_out_and_named(tmp_path: Path, far: str) -> None:
    path = book(tmp_path, {**PERSON, far: 1})
    assert path.stat().st_size < 4000
    # A real process: a reader that built the dense range would take gigabytes or abort.
    result = run_senco("audit", str(path), "--format", "json", *AS_OF)
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [row["name"] for row in rows] == ["Sam Patel"] and rows[0]["deadline"] == "2028-09-01"
    assert f"the first at {far}" in result.stderr and "empty rows separate it" in result.stderr


def test_a_stray_cell_right_of_the_header_is_left_out_and_named(tmp_path: Path) -> None:
    code, result, stderr = audit_json(book(tmp_path, {**PERSON, "XFD30": "x"}))
    assert code == 1 and [row["name"] for row in result["rows"]] == ["Sam Patel"]
    assert "the first at XFD30: no header above it" in stderr
    assert any("XFD30" in warning for warning in result["warnings"])


def test_a_formula_filled_down_to_blanks_ends_with_the_people(tmp_path: Path) -> None:
    """A helper column whose formula gives "" on every row down the sheet: one person."""
    helper = "".join(
        f'<row r="{n}"><c r="AZ{n}" t="str"><f>IF(A{n}="","",1)</f><v></v></c></row>'
        for n in range(3, 70_000)
    )
    xml = sheet_data(PERSON).replace("</sheetData>", helper + "</sheetData>")
    path = write_raw_xlsx(tmp_path / "staff.xlsx", [("Staff", xml, "visible")])
    code, result, _ = audit_json(path)
    assert code == 1 and [row["name"] for row in result["rows"]] == ["Sam Patel"]


def test_a_table_still_too_large_is_refused_naming_its_far_cell(tmp_path: Path) -> None:
    """A helper column with a header and a value on every row: the table really is that
    large, so it is refused with one line, before it is read."""
    helper = "".join(f'<row r="{n}"><c r="AZ{n}"><f>1</f><v>1</v></c></row>' for n in range(2, 70_000))
    xml = sheet_data({**PERSON, "AZ1": "helper"}).replace("</sheetData>", helper + "</sheetData>")
    path = write_raw_xlsx(tmp_path / "staff.xlsx", [("Staff", xml, "visible")])
    result = run_in_process("audit", str(path), *AS_OF, "--ignore-unknown")
    assert result.returncode == 2
    far = f"AZ{MAX_CELLS // 52 + 1}"  # where 52 columns (A to AZ) pass the limit
    assert f'sheet "Staff" reaches cell {far}' in result.stderr and "Delete what is below" in result.stderr
    assert result.stderr.count("\n") == 1


# 2. A part that inflates a thousandfold.


def test_a_shared_strings_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = book(tmp_path, PERSON)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as part,
    ):
        part.write(
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        )
        for _ in range(MAX_PART_BYTES // (1 << 20) + 1):
            part.write(b"a" * (1 << 20))
        part.write(b"</t></si></sst>")
    assert path.stat().st_size < 200_000
    result = run_senco("audit", str(path), *AS_OF)
    assert result.returncode == 2, result.stderr
    assert (
        "xl/sharedStrings.xml" in result.stderr
        and f"unpacks to {MAX_PART_BYTES // (1 << 20) + 1} MB" in result.stderr
    )
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# 4. The sheet a person sees.


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_first_sheet_is_not_read(tmp_path: Path, state: str) -> None:
    lists = sheet_data({"A1": "you.name", "A2": "Not A Person"})
    path = write_raw_xlsx(
        tmp_path / "staff.xlsx", [("Lists", lists, state), ("Staff", sheet_data(PERSON), "visible")]
    )
    code, result, stderr = audit_json(path)
    assert [row["name"] for row in result["rows"]] == ["Sam Patel"]
    assert 'read the first visible sheet, "Staff"' in stderr and '"Lists"' in stderr


def test_a_chart_sheet_first_is_passed_over(tmp_path: Path) -> None:
    chart = (
        '<?xml version="1.0"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    path = write_raw_xlsx(
        tmp_path / "staff.xlsx",
        [("Chart", chart, "visible"), ("Staff", sheet_data(PERSON), "visible")],
        kinds={"Chart": "chartsheet"},
    )
    code, result, _ = audit_json(path)
    assert [row["name"] for row in result["rows"]] == ["Sam Patel"]
    refused = run_in_process("audit", str(path), "--sheet", "chart", *AS_OF)
    assert refused.returncode == 2 and "is a chart or macro sheet" in refused.stderr


def test_sheet_names_match_ignoring_case(tmp_path: Path) -> None:
    path = write_raw_xlsx(
        tmp_path / "staff.xlsx",
        [("Notes", sheet_data({"A1": "Read me"}), "visible"), ("SENCOs", sheet_data(PERSON), "visible")],
    )
    code, result, _ = audit_json(path, "--sheet", "sencos")
    assert [row["name"] for row in result["rows"]] == ["Sam Patel"]


# 5. Excel errors and formulas saved without a value.


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (("e", "#REF!"), "cell C2 holds an Excel error (#REF!)"),
        (("e", "#N/A"), "cell C2 holds an Excel error (#N/A)"),
        (
            ("f", "DATE(2025,9,1)"),
            "cell C2 is a formula with no saved value: open and save the file in Excel",
        ),
    ],
)
def test_error_cells_are_to_correct_naming_the_cell(tmp_path: Path, cell: Any, said: str) -> None:
    code, result, _ = audit_json(book(tmp_path, {**PERSON, "C2": cell}))
    (row,) = result["rows"]
    assert row["status"] == "invalid" and row["error"].startswith(f"role.senco_since: {said}")
    assert row["name"] == "Sam Patel"


def test_an_error_in_a_column_senco_leaves_out_is_not_a_problem(tmp_path: Path) -> None:
    cells = {**PERSON, "E1": "Notes", "E2": ("e", "#DIV/0!")}
    code, result, _ = audit_json(book(tmp_path, cells), "--ignore-unknown")
    assert result["rows"][0]["status"] != "invalid"


# 6. Dates with a time; Excel day numbers in a General cell.


def test_a_date_with_a_time_is_its_date(tmp_path: Path) -> None:
    # 45901.3541666667 is 2025-09-01 08:30 in a cell formatted as a date.
    styles = (
        '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'
    )
    xml = sheet_data(PERSON).replace(
        '<c r="C2" t="inlineStr"><is><t>2025-09-01</t></is></c>',
        '<c r="C2" s="1"><v>45901.3541666667</v></c>',
    )
    path = write_raw_xlsx(tmp_path / "staff.xlsx", [("Staff", xml, "visible")], {"xl/styles.xml": styles})
    code, result, _ = audit_json(path)
    (row,) = result["rows"]
    assert row["status"] != "invalid", row["error"]
    assert row["deadline"] == "2028-09-01"


def test_an_excel_day_number_in_a_general_cell_is_said_to_be_one(tmp_path: Path) -> None:
    code, result, _ = audit_json(book(tmp_path, {**PERSON, "C2": 45901}))
    (row,) = result["rows"]
    assert row["status"] == "invalid"
    assert (
        "looks like an Excel date (01/09/2025)" in row["error"]
        and "Format the cell as a date" in row["error"]
    )


# 7. One school, split.


def test_a_urn_read_as_a_number_is_the_same_school(tmp_path: Path) -> None:
    header = "you.name,role.senco,role.senco_since,school.setting,school.name,school.urn"
    lines = [
        header,
        "Ann,yes,2025-09-01,academy,Oak Primary,100000",
        "Cat,no,,academy,Oak Primary,100000.0",
    ]
    path = tmp_path / "staff.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, result, _ = audit_json(path)
    assert [(s["name"], s["urn"], s["people"]) for s in result["schools"]] == [("Oak Primary", "100000", 2)]


SCHOOLS_HEADER = "you.name,role.senco,role.senco_since,school.setting,school.name,school.urn"


def schools_roster(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "staff.csv"
    path.write_text("\n".join([SCHOOLS_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_a_split_school_is_one_school(tmp_path: Path) -> None:
    """The issue's example: a URN, the same URN typed as a number, and no URN at all."""
    path = schools_roster(
        tmp_path,
        "Ann,yes,2025-09-01,academy,Oak Primary,100000",
        "Cat,no,,academy,Oak Primary,100000.0",
        "Dev,no,,academy,oak primary,",
        "Eve,yes,2025-09-01,academy,Birch Primary,100002",
    )
    code, result, _ = audit_json(path)
    schools = [(s["name"], s["urn"], s["people"], s["sencos"]) for s in result["schools"]]
    assert sorted(schools) == [("Birch Primary", "100002", 1, 1), ("Oak Primary", "100000", 3, 1)]
    assert result["summary"]["schools"] == 2
    oak = [row["name"] for row in result["rows"] if row["urn"] == "100000"]
    assert sorted(oak) == ["Ann", "Cat", "Dev"]  # Dev's row is given the school's URN, and goes with it
    names = [row["name"] for row in result["rows"]]
    assert (
        abs(names.index("Dev") - names.index("Ann")) <= 2
        and abs(names.index("Dev") - names.index("Cat")) <= 2
    )
    assert not any("URN" in warning for warning in result["warnings"])


@pytest.mark.parametrize(
    ("lines", "said", "schools"),
    [
        (
            ["Ann,yes,2025-09-01,academy,Oak Primary,100000", "Cat,no,,academy,Oak Primary,100001",
             "Dev,no,,academy,Oak Primary,"],
            "is given 2 URNs in the roster (100000, 100001)",
            3,  # the row without a URN joins neither
        ),
        (
            ["Ann,yes,2025-09-01,academy,Oak Primary,100000", "Cat,no,,academy,Birch Primary,100000"],
            "URN 100000 is given 2 school names in the roster",
            1,
        ),
    ],
)  # fmt: skip
def test_a_name_with_two_urns_or_a_urn_with_two_names_is_a_warning_said_once(
    tmp_path: Path, lines: list[str], said: str, schools: int
) -> None:
    path = schools_roster(tmp_path, *lines)
    code, result, _ = audit_json(path)
    assert len(result["schools"]) == schools
    assert sum(said in warning for warning in result["warnings"]) == 1, result["warnings"]
    for shown in ("text", "markdown", "html"):
        run = run_in_process("audit", str(path), "--format", shown, *AS_OF)
        assert run.returncode == 1, run.stderr
        assert " ".join((run.stdout + run.stderr).replace("\\", "").split()).count(said) == 1, shown


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["Oak Primary", "oak primary", "Birch Primary"]),
                  st.sampled_from(["", "100000", "100000.0", "100001"])),
        min_size=1, max_size=8,
    )
)  # fmt: skip
def test_schools_are_counted_by_urn_with_rows_without_one_joined_by_name(
    tmp_path: Path, rows: list[tuple[str, str]]
) -> None:
    """Any mix of names and URNs: a school per URN (100000.0 is 100000), rows without a URN
    joined to the one URN their name has, or a school of their own; every person counted
    once; a warning per name with several URNs and per URN with several names."""
    lines = [f"P{n},no,,academy,{name},{urn}" for n, (name, urn) in enumerate(rows)]
    code, result, _ = audit_json(schools_roster(tmp_path, *lines))
    urn_of = {"100000.0": "100000"}
    urns_by_name: dict[str, set[str]] = {}
    names_by_urn: dict[str, set[str]] = {}
    for name, urn in rows:
        if urn:
            urns_by_name.setdefault(name.casefold(), set()).add(urn_of.get(urn, urn))
            names_by_urn.setdefault(urn_of.get(urn, urn), set()).add(name.casefold())
    alone = {
        name.casefold() for name, urn in rows if not urn and len(urns_by_name.get(name.casefold(), ())) != 1
    }
    assert len(result["schools"]) == len(names_by_urn) + len(alone)
    assert sum(school["people"] for school in result["schools"]) == len(rows)
    warned = [w for w in result["warnings"] if "URN" in w]
    assert len(warned) == sum(len(u) > 1 for u in urns_by_name.values()) + sum(
        len(n) > 1 for n in names_by_urn.values()
    )


# 8. A web page or text with an .xls name.


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"<html><body><table><tr><td>you.name</td></tr></table></body></html>", "is a web page (HTML)"),
        (b"\r\n<TABLE BORDER=1><TR><TD>Name</TD></TR></TABLE>", "is a web page (HTML)"),
        (b"you.name,role.senco\r\nSam,yes\r\n", "is text (CSV)"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "is an Excel 2003 XML spreadsheet",
        ),
    ],
)
def test_an_export_named_xls_says_what_it_is(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(content)
    result = run_in_process("audit", str(path), *AS_OF)
    assert result.returncode == 2 and said in result.stderr and "with a .xls name" in result.stderr
    assert ("Rename it to .csv" if "CSV" in said else "save it as an Excel Workbook (.xlsx)") in result.stderr


# 9. A comma in a number.


@pytest.mark.parametrize(("typed", "years"), [("2,5", None), ("1,000", None), ("4.5", 4.5), ("12", 12.0)])
def test_a_decimal_comma_is_refused_not_read_as_thousands(
    tmp_path: Path, typed: str, years: float | None
) -> None:
    path = tmp_path / "staff.csv"
    path.write_text(f'you.name,you.teaching_years\nSam,"{typed}"\n', encoding="utf-8")
    code, result, _ = audit_json(path)
    (row,) = result["rows"]
    if years is None and typed == "2,5":
        assert row["status"] == "invalid" and 'write a decimal with a point ("2.5")' in row["error"]
    elif typed == "1,000":  # a thousands comma is read, and 1,000 years is out of range
        assert row["status"] == "invalid" and "decimal" not in row["error"]
    else:
        assert row["status"] != "invalid", row["error"]


CELL_KINDS = [
    '<c r="{ref}"><v>1</v></c>',
    '<c r="{ref}" s="1"/>',
    '<c r="{ref}" t="e"><v>#REF!</v></c>',
    '<c r="{ref}"><f>A1</f></c>',
    '<c r="{ref}" t="str"><f>IF(A1="","",1)</f><v></v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>Sam</t></is></c>',
]


@given(st.dictionaries(st.integers(0, 9), st.sampled_from(CELL_KINDS), min_size=1, max_size=10))
def test_cells_right_of_the_table_are_set_aside_as_reading_each_would(cells: dict[int, str]) -> None:
    """A row with cells right of the header's last column (C): the cells under the header are
    read as when every cell is read, and the first cell beyond holding something is the one
    reading every cell finds."""
    from senco_cli.roster.workbook_bounds import _row, column_letters

    width = 2
    cells[max(cells) if max(cells) > width else width + 1] = CELL_KINDS[1]
    body = "".join(cells[c].format(ref=f"{column_letters(c)}7") for c in sorted(cells)).encode()
    quick, full = _row(7, b"", body, width), _row(7, b"", body, -1)  # -1: every cell read
    beyond = [c for c in full.filled if c > width]
    assert quick.filled == [c for c in full.filled if c <= width] + beyond[:1]
    assert quick.flaws == [flaw for flaw in full.flaws if flaw[0] <= width]
    assert [cell for cell in quick.cells if cell[0] <= width] == [
        cell for cell in full.cells if cell[0] <= width
    ]
    assert max(column for column, _ in quick.cells) > width


@settings(max_examples=8, deadline=None)
@given(
    gap=st.one_of(st.integers(1_001, 3_000), st.integers(40_000, 70_000)),  # past the first chunks too
    kind=st.sampled_from(CELL_KINDS),
    column=st.integers(0, 60),
    after=st.integers(0, 3),
)
def test_rows_past_the_table_are_passed_over_as_reading_each_would(
    gap: int, kind: str, column: int, after: int
) -> None:
    """Past the table's end (1,000 empty rows), rows are passed over a chunk at a time; the
    first cell there holding something is the one reading every row finds, across chunks."""
    import tempfile

    from senco_cli.roster.workbook_bounds import column_letters, scan_sheet

    blanks = "".join(
        f'<row r="{n}"><c r="AZ{n}" t="str"><f>IF(A{n}="","",1)</f><v></v></c></row>'
        for n in range(3, 3 + gap)
    )
    stray = 3 + gap + after
    ref = f"{column_letters(column)}{stray}"
    xml = sheet_data(PERSON).replace(
        "</sheetData>", blanks + f'<row r="{stray}">{kind.format(ref=ref)}</row></sheetData>'
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_raw_xlsx(Path(folder) / "staff.xlsx", [("Staff", xml, "visible")])
        with zipfile.ZipFile(path) as archive:
            bounds = scan_sheet(archive, "xl/worksheets/sheet1.xml", "Staff", "staff.xlsx")
    holds = kind not in (CELL_KINDS[1], CELL_KINDS[4])
    if holds:
        assert (
            bounds.warning is not None and f"the first at {ref}: 1,000 or more empty rows" in bounds.warning
        )
    else:
        assert bounds.warning is None
