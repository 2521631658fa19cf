"""`senco audit` on the workbooks trusts have: Excel and LibreOffice files in, their own
headers, GIAS school types, a table per school, and results out as a real workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from workbooks import read_workbook, sheet_xml, write_ods, write_xlsx

from senco_cli.profile.model import header_key
from senco_cli.render import xlsx
from senco_cli.rules.model import Rules

from conftest import EXAMPLES, audit_json, run_in_process

AS_OF = ("--as-of", "2026-11-28")
HEADERS = [
    "Name",
    "Teacher reference number",
    "QTS",
    "Induction status",
    "NPQ",
    "SENCO",
    "Date appointed SENCO",
    "Headteacher",
    "Teaches at the school",
    "School name",
    "URN",
    "Type of establishment",
    "In England",
    "School supports NPQ",
]
# Each person as a trust's sheet holds them: a TRN typed as a number loses its leading zero,
# dates are Excel dates, yes/no in any case, and the school type as GIAS writes it.
PEOPLE: list[list[Any]] = [
    ["Sam Patel", 123456, "Yes", "Passed", "none", "yes", dt.date(2025, 9, 1), "No", "yes",
     "Oakfield Primary", 100001, "Academy converter", "yes", "yes"],
    ["Late One", 7654321, "yes", "passed", "studying", "yes", dt.date(2022, 9, 1), "no", "yes",
     "Birch Primary", 100002, "Community school", "yes", "yes"],
    ["Alex Morgan", 7000001, "yes", "passed", "passed", "yes", dt.date(2019, 1, 7), "no", "yes",
     "Birch Primary", 100002, 1, "yes", "yes"],
    ["Jo Field", None, "yes", "passed", "none", "yes", dt.date(2026, 9, 1), "no", "yes",
     "Cedar Special", 100003, "Academy special converter", "yes", "yes"],
    ["Ann Case", 7000002, "yes", "passed", "none", "yes", dt.date(2026, 1, 5), "no", "yes",
     "Secure site", 100004, "Secure units", "yes", "yes"],
]  # fmt: skip
PROFILE_KEYS = {
    "Name": ("you", "name"),
    "Teacher reference number": ("you", "trn"),
    "QTS": ("qualifications", "qts"),
    "Induction status": ("qualifications", "induction"),
    "NPQ": ("senco_training", "npq"),
    "SENCO": ("role", "senco"),
    "Date appointed SENCO": ("role", "senco_since"),
    "Headteacher": ("role", "head_teacher"),
    "Teaches at the school": ("role", "teaches_at_school"),
    "In England": ("school", "in_england"),
    "School supports NPQ": ("school", "supports_npq"),
}
SETTINGS = {"Academy converter": "academy", "Community school": "maintained", 1: "maintained"}


def staff_sheet(*people: list[Any], title: bool = True) -> list[list[Any]]:
    rows: list[list[Any]] = [["Oak Trust: SENCOs, autumn 2026"], []] if title else []
    return [*rows, HEADERS, *people]


def as_profile(person: list[Any], tmp_path: Path) -> Path | None:
    """The same person as a profile file, when their school type decides the setting."""
    cells = dict(zip(HEADERS, person, strict=True))
    if cells["Type of establishment"] not in SETTINGS:
        return None
    profile: dict[str, Any] = {"format": 1}
    for header, (section, key) in PROFILE_KEYS.items():
        value = cells[header]
        if value is None:
            continue
        if isinstance(value, str) and value.lower() in ("yes", "no") and key not in ("senco",):
            value = value.lower() == "yes"
        elif key == "trn":
            value = str(value).zfill(7)
        elif isinstance(value, str):
            value = value.lower()
        profile.setdefault(section, {})[key] = value
    profile.setdefault("school", {})["setting"] = SETTINGS[cells["Type of establishment"]]
    path = tmp_path / f"{cells['Name'].replace(' ', '-')}.toml"
    path.write_text(tomli_w.dumps(profile), encoding="utf-8")
    return path


@pytest.mark.parametrize("write", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_a_workbook_gives_what_senco_check_gives_for_each_person(write: Any, tmp_path: Path) -> None:
    book = write(
        tmp_path / f"staff.{'xlsx' if write is write_xlsx else 'ods'}", {"Staff": staff_sheet(*PEOPLE)}
    )
    code, result, stderr = audit_json(book, "--by", "person")
    assert code == 1
    assert "skipped 1 row above the header" in " ".join(result["warnings"])
    assert (
        '"Teacher reference number" as you.trn' in stderr
        and '"Type of establishment" as school.setting' in stderr
    )
    rows = {row["name"]: row for row in result["rows"]}
    assert set(rows) == {person[0] for person in PEOPLE}
    assert rows["Sam Patel"]["trn"] == "****456"  # 0123456, stored as the number 123456
    for person in PEOPLE:
        profile = as_profile(person, tmp_path)
        if profile is None:
            continue
        checked = json.loads(
            run_in_process("check", "--profile", str(profile), "--format", "json", *AS_OF).stdout
        )
        row = rows[person[0]]
        assert row["status"] == checked["status"], person[0]
        assert row["deadline"] == checked["deadline"]["date"], person[0]
        assert row["at_risk"] == checked["at_risk"], person[0]
        assert row["funding"] == checked["funding"]["status"], person[0]
        open_steps = [s for s in checked["steps"] if s["status"] not in ("done", "not_needed")]
        assert row["next_step"] == (open_steps[0]["id"] if open_steps else None), person[0]


def test_a_gias_type_that_does_not_decide_the_setting_is_a_check(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    _, result, _ = audit_json(book)
    secure = next(row for row in result["rows"] if row["name"] == "Ann Case")
    assert secure["cant_tell"] is True and secure["status"] == "not_ready"
    assert "secure unit" in secure["note"] and secure["next_step"] is not None
    special = next(row for row in result["rows"] if row["name"] == "Jo Field")
    assert special["statutory"] is False and special["status"] == "ready"


def test_sheet_option_and_dates_typed_as_text(tmp_path: Path) -> None:
    typed = [*PEOPLE[0][:6], "01/09/2025", *PEOPLE[0][7:]]
    book = write_xlsx(
        tmp_path / "staff.xlsx", {"Notes": [["not people"]], "SENCOs": staff_sheet(typed, title=False)}
    )
    code, result, _ = audit_json(book, "--sheet", "SENCOs")
    assert code == 1 and [row["deadline"] for row in result["rows"]] == ["2028-09-01"]
    first = run_in_process("audit", str(book), *AS_OF)
    assert first.returncode == 2 and "has no column senco knows" not in first.stderr
    missing = run_in_process("audit", str(book), "--sheet", "Staff", *AS_OF)
    assert missing.returncode == 2 and 'no sheet "Staff". Sheets: Notes, SENCOs' in missing.stderr


def test_unknown_headers_stop_unless_ignored(tmp_path: Path) -> None:
    sheet = [[*HEADERS, "Shoe size", "Notes"], [*PEOPLE[0], 9, "=1+1"]]
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": sheet})
    stopped = run_in_process("audit", str(book), *AS_OF)
    assert stopped.returncode == 2 and "unknown columns: Shoe size, Notes" in stopped.stderr
    assert "--ignore-unknown" in stopped.stderr and len(stopped.stderr.strip().splitlines()) == 1
    code, result, stderr = audit_json(book, "--ignore-unknown")
    assert code == 1 and result["summary"]["rows"] == 1
    assert 'left out: "Shoe size", "Notes"' in stderr
    near = write_xlsx(
        tmp_path / "near.xlsx", {"Staff": [["Name", "Date apointed SENCO"], ["A", "01/09/2025"]]}
    )
    hint = run_in_process("audit", str(near), *AS_OF)
    assert hint.returncode == 2 and '(did you mean "Date appointed SENCO"?)' in hint.stderr


def test_headers_ignore_case_spaces_and_punctuation(rules: Rules) -> None:
    from senco_cli.roster.headers import read_header

    header = read_header(
        ["NAME", " date_appointed_senco ", "School-Type", "trn", "role.senco"], "f", rules.column_names
    )
    assert header.columns == ["you.name", "role.senco_since", "school.setting", "you.trn", "role.senco"]


def test_every_gias_type_maps_to_its_setting_or_a_check(rules: Rules) -> None:
    from senco_cli.roster.csv_records import Record
    from senco_cli.roster.sheet import Sheet, to_row

    known = rules.vocabulary()
    sheet = Sheet("f", ["you.name", "school.setting"], known, dt.date(2026, 11, 28))
    assert len(rules.gias) >= 39
    for kind in rules.gias:
        assert kind.sources and any("gias_types" in s.url or "establishment" in s.title for s in kind.sources)
        for spelling in (kind.name, kind.name.upper(), str(kind.code), *kind.also):
            row = to_row(Record(2, ["A", spelling]), sheet)
            assert row.error is None, spelling
            assert row.profile is not None and row.profile.setting == kind.setting, spelling
            assert (row.note is not None) == (kind.setting is None), spelling
    expected = {
        "Academy special converter": "special",
        "Free schools 16 to 19": "sixteen_to_nineteen",
        "Local authority nursery school": "maintained_nursery",
        "Pupil referral unit": "alternative_provision",
        "Other independent school": "independent",
        "Other independent special school": "independent_special",
        "Non-maintained special school": "special",
        "Foundation special school": "special",
        "Free schools": "academy",
        "Community school": "maintained",
    }
    names = {header_key(kind.name): kind.setting for kind in rules.gias}
    for name, setting in expected.items():
        assert names[header_key(name)] == setting, name
    assert {kind.name for kind in rules.gias if kind.setting is None} >= {
        "Secure units",
        "Miscellaneous",
        "Welsh establishment",
    }


def test_a_table_per_school(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    _, result, _ = audit_json(book)
    schools = {school["name"]: school for school in result["schools"]}
    # Alex Morgan meets regulation 49, but Late One is overdue: the school is never shown as met.
    assert schools["Birch Primary"]["status"] == "overdue" and schools["Birch Primary"]["overdue"] == 1
    assert schools["Birch Primary"]["meeting"] == 1
    # Sam Patel is designated and within the deadline, but at risk of missing it.
    assert schools["Oakfield Primary"]["status"] == "at_risk" and schools["Oakfield Primary"]["at_risk"] == 1
    assert schools["Oakfield Primary"]["meeting"] == 1
    assert schools["Cedar Special"]["status"] == "not_required"
    assert schools["Secure site"]["status"] == "cant_tell"
    assert (
        schools["Birch Primary"]["earliest_deadline"] == "2025-09-01"
        and schools["Birch Primary"]["urn"] == "100002"
    )
    assert result["summary"]["schools"] == 4 and result["summary"]["schools_meeting_reg49"] == 2
    # Grouped by school, most urgent first within each; --by person keeps one list by urgency.
    by_school = [row["name"] for row in result["rows"]]
    assert by_school.index("Late One") + 1 == by_school.index("Alex Morgan")
    _, by_person, _ = audit_json(book, "--by", "person")
    assert [row["name"] for row in by_person["rows"]][0] == "Late One"
    assert [row["name"] for row in by_person["rows"]][-2:] == ["Alex Morgan", "Jo Field"]  # ready, by row


def test_terminal_view_fits_and_speaks_of_the_person(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    for width in ("80", "120", "40"):
        text = run_in_process("audit", str(book), *AS_OF, env={"COLUMNS": width}).stdout
        assert all(len(line) <= int(width) for line in text.splitlines()), width
    text = run_in_process("audit", str(book), *AS_OF, env={"COLUMNS": "80"}).stdout
    assert "Needs the NPQ for SENCOs" in text and "Take the NPQ" not in text
    assert " your " not in text.replace("Your", "your").lower()
    assert text.index("Birch Primary") < text.index("Late One") < text.index("Alex Morgan")


def test_next_steps_about_someone_else_never_say_you(rules: Rules) -> None:
    import re

    for words in rules.wording.values():
        said = rules.third_person(words.title)
        assert not re.search(r"\byou(r)?\b", said, re.IGNORECASE), said
    assert rules.third_person("Take the NPQ for SENCOs") == "Needs the NPQ for SENCOs"


def test_xlsx_results_read_back(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    out = tmp_path / "results.xlsx"
    result = run_in_process("audit", str(book), *AS_OF, "--format", "xlsx", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    sheets = read_workbook(out)
    assert list(sheets) == ["Staff", "Schools", "Summary", "Lists"]  # Lists: the drop-downs' words, hidden
    assert 'name="Lists" sheetId="4" state="hidden"' in zipfile.ZipFile(out).read("xl/workbook.xml").decode()
    staff = sheets["Staff"]
    header = staff[0]
    assert header[: len(HEADERS)] == HEADERS and header[len(HEADERS)] == "Result"
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in staff[1:]}
    assert by_name["Sam Patel"]["Teacher reference number"] == "****456"
    assert by_name["Sam Patel"]["Result"] == "at risk" and by_name["Late One"]["Result"] == "overdue"
    assert by_name["Sam Patel"]["Deadline"] == dt.date(2028, 9, 1)  # a real date, not text
    assert by_name["Sam Patel"]["Date appointed SENCO"] == dt.date(2025, 9, 1)
    every_cell = " ".join(str(cell) for rows in sheets.values() for row in rows for cell in row)
    for person in PEOPLE:
        if person[1] is not None:
            assert str(person[1]) not in every_cell  # no TRN in full anywhere
    schools = {row[0]: row for row in sheets["Schools"][1:]}
    assert schools["Birch Primary"][2] == "the SENCO is past the deadline"
    summary = dict((row[0], row[1]) for row in sheets["Summary"] if row[0])
    assert summary["People"] == 5 and summary["Rules data reviewed"] == dt.date(2026, 11, 29)
    staff_xml = sheet_xml(out, 1)
    assert 'state="frozen"' in staff_xml and "<autoFilter" in staff_xml


def test_xlsx_needs_an_output_file(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    result = run_in_process("audit", str(book), "--format", "xlsx")
    assert result.returncode == 2 and "--output" in result.stderr


INJECTIONS = ['=HYPERLINK("http://example.com","click")', "+1", "@SUM(1)", "-2+3", "\tTab"]


def test_formula_text_stays_text_in_csv_and_xlsx(tmp_path: Path) -> None:
    people = [[name, 7_100_000 + n, *PEOPLE[0][2:]] for n, name in enumerate(INJECTIONS)]
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*people, title=False)})
    out_csv = tmp_path / "results.csv"
    run_in_process("audit", str(book), *AS_OF, "--format", "csv", "--output", str(out_csv))
    records = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    names = [record[0] for record in records[1:]]
    assert sorted(names) == sorted("'" + name for name in INJECTIONS)
    out = tmp_path / "results.xlsx"
    run_in_process("audit", str(book), *AS_OF, "--format", "xlsx", "--output", str(out))
    staff = read_workbook(out)["Staff"]
    assert sorted(row[0] for row in staff[1:]) == sorted(INJECTIONS)  # the person's text, unchanged
    assert "<f>" not in sheet_xml(out, 1)  # and not one formula


def test_xlsx_template_has_lists_and_reads_back(tmp_path: Path, rules: Rules) -> None:
    template = tmp_path / "template.xlsx"
    result = run_in_process("audit", "--template", "--format", "xlsx", "--output", str(template))
    assert result.returncode == 0
    sheets = read_workbook(template)
    assert list(sheets) == ["Staff", "Lists", "Instructions"]
    header = sheets["Staff"][0]
    assert header[:5] == ["Name", "School", "URN", "Has TRN", "TRN"]
    assert not [name for name in header if "." in name]  # every column has a usual header
    lists = {
        column[0]: [cell for cell in column[1:] if cell] for column in zip(*sheets["Lists"], strict=True)
    }
    assert lists["School type"] == [setting.label for setting in rules.settings.values()]
    # The interview's own words (data/answers.toml), never codes such as in_progress.
    assert lists["Induction"] == ["Passed", "In progress", "Not started", "Not required", "Failed"]
    assert lists["NPQ"][:3] == ["Not started", "Registered", "Studying now"]
    assert lists["Has TRN"] == ["Yes", "No"]
    xml = sheet_xml(template, 1)
    assert xml.count('<dataValidation type="list"') == len(lists)
    assert 'state="hidden"' in (
        Path(template).read_bytes()
        and __import__("zipfile").ZipFile(template).read("xl/workbook.xml").decode()
    )
    # Filled in as it comes, it is a roster senco reads.
    code, audited, _ = audit_json(template)
    assert code == 1 and audited["summary"]["rows"] == 1 and audited["rows"][0]["at_risk"] is True
    assert audited["rows"][0]["school"] == "Oakfield Primary"


def test_a_missing_column_the_rules_need_is_a_check(tmp_path: Path) -> None:
    """No "Teaches at the school" column: each person's answer is unknown, so "can't tell"."""
    keep = [i for i, header in enumerate(HEADERS) if header != "Teaches at the school"]
    sheet = [[HEADERS[i] for i in keep], [PEOPLE[0][i] for i in keep]]
    code, result, _ = audit_json(write_xlsx(tmp_path / "staff.xlsx", {"Staff": sheet}))
    row = result["rows"][0]
    assert code == 1 and row["status"] == "not_ready" and row["cant_tell"] is True
    assert row["next_step"] == "teaching_post"


def test_a_profile_takes_gias_types_and_labels_too(tmp_path: Path) -> None:
    original = (EXAMPLES / "new-senco.toml").read_text(encoding="utf-8")
    expected = json.loads(
        run_in_process(
            "check", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "json", *AS_OF
        ).stdout
    )
    for name in ("Academy converter", "34", "Mainstream academy or free school", "ACADEMY"):
        profile = tmp_path / "me.toml"
        profile.write_text(original.replace('setting = "academy"', f'setting = "{name}"'), encoding="utf-8")
        checked = json.loads(
            run_in_process("check", "--profile", str(profile), "--format", "json", *AS_OF).stdout
        )
        assert checked == expected, name
    profile.write_text(original.replace('setting = "academy"', 'setting = "Secure units"'), encoding="utf-8")
    refused = run_in_process("check", "--profile", str(profile), *AS_OF)
    assert refused.returncode == 2 and "secure unit is not a school type" in refused.stderr
    assert "school.setting" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


def test_markdown_audit_has_the_school_table(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*PEOPLE)})
    text = run_in_process("audit", str(book), "--format", "markdown", *AS_OF).stdout
    assert (
        "## Schools" in text
        and "| Birch Primary | 100002 | the SENCO is past the deadline | 2 | 0 | 1 | 0 | 0 | 1 September 2025 |"
        in text
    )
    heading = "## People school by school (most urgent school first), most urgent first within each"
    assert text.index("## Schools") < text.index(heading) < text.index("Late One")


def test_xlsx_results_print_and_show_what_they_say(tmp_path: Path) -> None:
    """Issue 25 item 15: a print setup, dates that fit their columns, one fill per kind of
    result, and "To correct" in the sheet's own words."""
    people = [*PEOPLE, ["Bad Date", None, "yes", "passed", "none", "yes", "Sept 2022", "no", "yes",
                        "Oakfield Primary", 100001, "Academy converter", "yes", "yes"]]  # fmt: skip
    book = write_xlsx(tmp_path / "staff.xlsx", {"Staff": staff_sheet(*people)})
    out = tmp_path / "results.xlsx"
    run_in_process("audit", str(book), *AS_OF, "--format", "xlsx", "--output", str(out))
    staff = read_workbook(out)["Staff"]
    by_name = {row[0]: dict(zip(staff[0], row, strict=True)) for row in staff[1:]}
    assert by_name["Bad Date"]["To correct"].startswith("Date appointed SENCO: ")
    for number in (1, 2):  # Staff and Schools
        xml = sheet_xml(out, number)
        assert 'orientation="landscape"' in xml and 'paperSize="9"' in xml
        assert 'fitToPage="1"' in xml and 'fitToHeight="0"' in xml  # one page wide (the default width)
    with zipfile.ZipFile(out) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        styles = archive.read("xl/styles.xml").decode("utf-8")
    assert "_xlnm.Print_Titles" in workbook and "Staff!$1:$1" in workbook
    fills = {
        word: xlsx.RESULT_FILLS[word] for word in ("overdue", "at risk", "needs correcting", "can't tell")
    }
    assert len(set(fills.values())) == 4
    for colour in fills.values():
        assert colour.lstrip("#").upper() in styles
    # "30 September 2028" (17 characters) fits the deadline column: no ### in Excel.
    widths = re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet_xml(out, 1))
    deadline_column = len(HEADERS) + 2  # 1-based: the column after Result
    width = next(float(w) for lo, hi, w in widths if int(lo) <= deadline_column <= int(hi))
    assert width >= len("30 September 2028")
