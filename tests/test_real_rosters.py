"""The files trusts and local authorities already keep, read by `senco audit` as they come,
as CSV and as xlsx: a GIAS extract joined to a staff list, a School Workforce Census-style
export, DfE's "Check a teacher's record" bulk file, DfE's NPQ registration SENCO export, and
a GIAS list of schools (--schools)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from workbooks import read_workbook, write_xlsx

from senco_cli.profile.model import Profile
from senco_cli.roster.sheet import open_sheet, to_row
from senco_cli.rules.model import Rules

from conftest import run_in_process

AS_OF = ("--as-of", "2026-11-28")
DAY = dt.date(2026, 11, 28)
FIXTURES = Path(__file__).parent / "fixtures"
# The header of a GIAS establishment extract exactly as DfE's fixture has it
# (DFE-Digital/npq-registration spec/fixtures/files/gias_sample.csv).
GIAS = (FIXTURES / "gias-extract-header.txt").read_text(encoding="utf-8").strip().split(",")
KINDS = ("csv", "xlsx")


def write(tmp_path: Path, name: str, rows: list[list[Any]], kind: str) -> Path:
    """The rows as a CSV file (every cell as text, dates as a UK spreadsheet saves them) or
    as a real .xlsx (numbers as numbers, dates as dates)."""
    if kind == "xlsx":
        return write_xlsx(tmp_path / f"{name}.xlsx", {"Sheet1": rows})
    path = tmp_path / f"{name}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for row in rows:
            writer.writerow(
                ["" if c is None else c.strftime("%d/%m/%Y") if isinstance(c, dt.date) else c for c in row]
            )
    return path


def gias_school(
    urn: int,
    name: str,
    code: int,
    kind: str,
    *,
    status: str = "Open",
    la: int = 202,
    number: int = 2019,
    country: str = "",
) -> dict[str, Any]:
    return {
        "URN": urn,
        "LA (code)": la,
        "LA (name)": "Camden",
        "EstablishmentNumber": number,
        "EstablishmentName": name,
        "TypeOfEstablishment (code)": code,
        "TypeOfEstablishment (name)": kind,
        "EstablishmentTypeGroup (name)": "Local authority maintained schools",
        "EstablishmentStatus (code)": 2 if status == "Closed" else 1,
        "EstablishmentStatus (name)": status,
        "PhaseOfEducation (name)": "Primary",
        "Country (name)": country,
        "Postcode": "NW5 4LP",
        "HeadFirstName": "Pat",
    }


def gias_row(school: dict[str, Any]) -> list[Any]:
    return [school.get(header) for header in GIAS]


def audit_json(path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    result = run_in_process("audit", str(path), "--format", "json", *AS_OF, *args)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def profiles(path: Path, rules: Rules) -> dict[int, tuple[Profile | None, str | None, str | None]]:
    """Each row of the file as senco reads it: its profile, error and note, by row number."""
    opened = open_sheet(path, rules.vocabulary(), DAY, None, rules.header_names(), concepts=rules.concepts)
    with opened as (sheet, rows, *_):
        read = [to_row(record, sheet) for record in rows]
    return {row.number: (row.profile, row.error and row.error.message, row.note) for row in read}


# ---- 1. A GIAS extract joined to a staff list ----------------------------------------

STAFF = ["Full name", "TRN", "QTS", "Induction status", "NPQ status", "SENCO", "Date appointed SENCO",
         "Teaches at the school", "Head teacher", "School supports NPQ"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_gias_joined_roster_reads_in_one_run(tmp_path: Path, kind: str) -> None:
    people = [
        (gias_school(100000, "The Aldgate School", 2, "Voluntary aided school", la=201, number=3614),
         ["Ann Able", "7000001", "Yes", "Completed", "Passed", "Yes", dt.date(2024, 9, 1), "Yes", "No", "Yes"]),
        (gias_school(100008, "Argyle Primary School", 1, "Community school"),
         ["Ben Late", "7000002", "Yes", "Completed", "In progress", "Yes", dt.date(2022, 9, 1), "Yes", "No", "Yes"]),
        (gias_school(100009, "Beckford Primary School", 1, "Academy converter"),
         ["Cat Odd", "7000003", "Yes", "Completed", "Not started", "Yes", dt.date(2025, 9, 1), "Yes", "No", "Yes"]),
        (gias_school(100004, "Sherborne Nursery School", 15, "Local authority nursery school", status="Closed"),
         ["Dee Gone", "7000004", "Yes", "Completed", "Not started", "Yes", dt.date(2025, 9, 1), "Yes", "No", "Yes"]),
        (gias_school(100010, "Brecknock Primary School", 1, "Community school", country="Wales"),
         ["Eli Far", "7000005", "Yes", "Completed", "Not started", "Yes", dt.date(2025, 9, 1), "Yes", "No", "Yes"]),
    ]  # fmt: skip
    rows = [[*GIAS, *STAFF], *[[*gias_row(school), *person] for school, person in people]]
    path = write(tmp_path, "gias-staff", rows, kind)
    code, result, stderr = audit_json(path)
    assert code == 1 and "unknown column" not in stderr and "left out" not in stderr
    by_name = {row["name"]: row for row in result["rows"] if row["name"]}
    assert by_name["Ann Able"]["status"] == "ready" and by_name["Ann Able"]["laestab"] == "2013614"
    assert by_name["Ben Late"]["overdue"] is True and by_name["Ben Late"]["urn"] == "100008"
    # The type's code says community school, its name academy converter: reported, not guessed.
    odd = by_name["Cat Odd"]
    assert odd["status"] == "invalid"
    assert '"TypeOfEstablishment (code)" and "TypeOfEstablishment (name)" disagree' in odd["error"]
    # A closed establishment is flagged, not judged.
    gone = by_name["Dee Gone"]
    assert gone["status"] == "invalid" and "Closed" in gone["error"] and gone["overdue"] is False
    # A country outside England sets in_england: regulation 49 does not bind the school.
    assert by_name["Eli Far"]["statutory"] is False
    schools = {school["urn"]: school for school in result["schools"]}
    assert schools["100000"]["status"] == "meets" and schools["100008"]["status"] == "overdue"
    assert result["summary"]["overdue"] == 1  # the rows to correct are never counted


# ---- 2. A School Workforce Census-style export -----------------------------------------

WORKFORCE = ["Teacher number", "Given name", "Preferred forename", "Legal surname", "Role", "QTS",
             "Induction", "NPQ", "Date appointed SENCO", "School URN", "School name", "School type"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_workforce_export_names_the_senco_and_counts_each_person_once(
    tmp_path: Path, kind: str, rules: Rules
) -> None:
    school = ["100008", "Argyle Primary School", "Community school"]
    trn: Any = 123456 if kind == "xlsx" else "0123456"  # a number in a workbook: its leading zero lost
    rows = [
        WORKFORCE,
        [trn, "Robert", "Bob", "Jones", "Teacher", "Yes", "Passed", "In progress", None, *school],
        ["7000003", "Cara", None, "Diaz", "Headteacher", "Yes", "Passed", "Not started", None, *school],
        ["0123456", "Robert", "Bob", "Jones", "SEN Co-ordinator", "Yes", "Passed", "In progress",
         dt.date(2025, 9, 1), *school],
        ["7000004", "Dev", None, "Shah", "SENDCo", "Yes", "Passed", "Not started", dt.date(2025, 1, 6), *school],
        ["7000004", "Dev", None, "Shah", "Teacher", "No", "Passed", "Not started", dt.date(2025, 1, 6), *school],
    ]  # fmt: skip
    path = write(tmp_path, "workforce", rows, kind)
    code, result, stderr = audit_json(path)
    assert "unknown column" not in stderr
    assert result["summary"]["rows"] == 3 and result["summary"]["lines"] == 5  # a line a post
    assert not any("data lines" in warning for warning in result["warnings"])
    by_row = {row["row"]: row for row in result["rows"]}
    bob = by_row[2]
    assert (
        bob["name"] == "Bob Jones" and bob["senco"] is True and "rows 2, 4 have the same TRN" in bob["note"]
    )
    assert by_row[3]["name"] == "Cara Diaz" and by_row[3]["senco"] is False
    dev = by_row[5]
    assert dev["status"] == "invalid" and "differ in qualifications.qts" in dev["error"]
    school_row = result["schools"][0]
    assert school_row["people"] == 3 and school_row["sencos"] == 1
    read = profiles(path, rules)
    assert read[3][0] is not None and read[3][0].head_teacher is True and read[3][0].senco == "no"
    assert read[2][0] is not None and read[2][0].teaches_at_school is True


# ---- 3. DfE's "Check a teacher's record" bulk file -------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_bulk_file_date_of_birth_is_never_written(tmp_path: Path, kind: str) -> None:
    rows = [["TRN", "Date of birth"], ["1234567", dt.date(1985, 3, 14)], ["7654321", dt.date(1990, 1, 2)]]
    path = write(tmp_path, "bulk", rows, kind)
    code, result, stderr = audit_json(path)
    assert code == 1 and result["summary"]["rows"] == 2
    assert "private column" in stderr and "Date of birth" not in stderr
    outputs = [json.dumps(result)]
    for fmt in ("csv", "text", "markdown", "html"):
        outputs.append(run_in_process("audit", str(path), "--format", fmt, *AS_OF).stdout)
    out = tmp_path / "results.xlsx"
    run_in_process("audit", str(path), "--format", "xlsx", "--output", str(out), *AS_OF)
    outputs.append(json.dumps(read_workbook(out), default=str))
    for text in outputs:
        for secret in ("1985", "14/03", "1990-01-02", "Date of birth", "1234567"):
            assert secret not in text
    assert outputs[1].splitlines()[0].lstrip("\ufeff").startswith("TRN,result.status")


# ---- 4. DfE's NPQ registration SENCO export ---------------------------------------------

# app/services/exporters/tad_senco_data_request.rb: csv_headers
NPQ_EXPORT = ["Full Name", "Email", "Application ID", "Application ECF ID", "User ID", "User ECF ID",
              "TRN Verified", "Lead Provider ID", "Lead Provider ECF ID", "Employment Role", "Employment Type",
              "Work Setting", "Works In School", "School URN", "Private Childcare Provider URN",
              "Number Of Pupils", "Eligible For Funding", "Funding Choice", "Funded Place", "Senco In Role",
              "Senco Start Date", "Started Course", "Lead Provider Approval Status", "Training Status",
              "Headteacher Status", "Cohort"]  # fmt: skip


def npq_row(name: str, in_role: str, since: Any, status: str, cohort: Any) -> list[Any]:
    cells = dict.fromkeys(NPQ_EXPORT, "")
    cells.update({"Full Name": name, "Email": f"{name.split()[0].lower()}@school.example", "School URN": "100008",
                  "Senco In Role": in_role, "Senco Start Date": since, "Training Status": status, "Cohort": cohort,
                  "Application ID": 41, "Employment Role": "SENCO", "Works In School": "true"})  # fmt: skip
    return [cells[header] for header in NPQ_EXPORT]


@pytest.mark.parametrize("kind", KINDS)
def test_the_npq_registration_export_maps_to_the_profile(tmp_path: Path, kind: str, rules: Rules) -> None:
    rows = [
        NPQ_EXPORT,
        npq_row("Eve Stone", "yes", "2025-09-01", "active", 2025 if kind == "xlsx" else "2025"),
        npq_row("Fay Moss", "no_but_i_plan_to_become_one", "", "deferred", "2026b"),
        npq_row("Gus Hale", "no_i_do_not_plan_to_be_a_SENCO", "", "withdrawn", "2024"),
    ]
    path = write(tmp_path, "npq-export", rows, kind)
    code, result, stderr = audit_json(path)
    assert "unknown column" not in stderr and result["summary"]["rows"] == 3
    assert "school.example" not in json.dumps(result)  # the email is private
    read = profiles(path, rules)
    eve, fay, gus = read[2], read[3], read[4]
    # "2025" is a start year, as DfE's export writes it: Spring 2025 ("2025a") or Autumn 2025
    # ("2025b"). No guess: left unanswered, both shown, the row can't tell.
    assert eve[0] is not None and (eve[0].senco, eve[0].npq, eve[0].npq_cohort) == ("yes", "studying", None)
    assert eve[0].senco_since == dt.date(2025, 9, 1)
    assert (
        eve[2] is not None
        and 'NPQ cohort "2025" could be Spring 2025 (DfE\'s "2025a") or Autumn 2025' in eve[2]
    )
    # "2026b" is Autumn 2026, as DfE's course start question says: read, nothing assumed.
    assert fay[0] is not None and (fay[0].senco, fay[0].npq, fay[0].npq_cohort) == (
        "planning",
        "deferred",
        "2026-autumn",
    )
    assert fay[2] is None or "cohort" not in fay[2]
    assert gus[0] is not None and (gus[0].senco, gus[0].npq, gus[0].npq_cohort) == (
        "no",
        "withdrawn",
        "2024-autumn",
    )
    assert gus[2] is None  # 2024 has one cohort: nothing was assumed
    rows_out = {row["name"]: row for row in result["rows"]}
    assert (
        rows_out["Eve Stone"]["cant_tell"] is True and "could be Spring 2025" in rows_out["Eve Stone"]["note"]
    )
    assert "cohort" not in (rows_out["Fay Moss"]["note"] or "")
    # --cohort settles a start year that could be either, when it is one of them.
    _, settled, _ = audit_json(path, "--cohort", "2025-autumn")
    eve_settled = next(row for row in settled["rows"] if row["name"] == "Eve Stone")
    assert eve_settled["cohort"] == "2025-autumn" and "could be" not in (eve_settled["note"] or "")


@pytest.mark.parametrize(
    ("written", "cohort", "note"),
    [
        ("2024", "2024-autumn", None),
        ("2024a", "2024-autumn", None),
        ("2025a", "2025-spring", None),
        ("2025b", "2025-autumn", None),
        ("2026a", "2026-spring", None),
        ("2026B", "2026-autumn", None),
        ("2025", None, 'could be Spring 2025 (DfE\'s "2025a") or Autumn 2025 (DfE\'s "2025b")'),
        ("2026", None, 'could be Spring 2026 (DfE\'s "2026a") or Autumn 2026 (DfE\'s "2026b")'),
        ("2027a", None, 'no source says which cohort DfE\'s "2027a" is'),
        ("2026c", None, 'no source says which cohort DfE\'s "2026c" is'),
    ],
)
def test_dfe_cohort_identifiers_read_as_their_sources_say(
    rules: Rules, written: str, cohort: str | None, note: str | None
) -> None:
    """DfE's cohorts are a start year and a letter, "a" first (app/models/cohort.rb); which
    season a letter is comes from the sources in data/npq.toml [[dfe_cohorts]], else it is
    left open with both readings shown."""
    from senco_cli.roster.csv_records import Record
    from senco_cli.roster.sheet import Sheet

    sheet = Sheet("f", ["you.name", "senco_training.npq_cohort"], rules.vocabulary(), DAY)
    row = to_row(Record(2, ["Pat", written]), sheet)
    assert row.profile is not None and row.profile.npq_cohort == cohort
    if note is None:
        assert row.note is None and not row.unsure
    else:
        assert row.note is not None and note in row.note and row.unsure
    for entry in rules.dfe_cohorts:  # every reading cites its source
        assert entry.sources and all("npq-registration/blob/9e9784a/" in s.url for s in entry.sources)


# ---- 5. "DfE number" is the school's LAESTAB --------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_dfe_number_is_the_school_not_the_teacher(tmp_path: Path, kind: str, rules: Rules) -> None:
    rows = [["Name", "DfE number", "TRN", "SENCO"], ["Ann Able", "202/2019", "1234567", "Yes"],
            ["Ben Bow", 2022036 if kind == "xlsx" else "2022036", None, "Yes"]]  # fmt: skip
    path = write(tmp_path, "dfe-number", rows, kind)
    read = profiles(path, rules)
    assert read[2][0] is not None and read[2][0].trn == "1234567"
    assert read[3][0] is not None and read[3][0].trn is None  # never read as a TRN
    _, result, _ = audit_json(path)
    assert {row["name"]: row["laestab"] for row in result["rows"]} == {
        "Ann Able": "2022019",
        "Ben Bow": "2022036",
    }


# ---- 13. Every school on the trust's list ------------------------------------------------

FIVE = [
    gias_school(100008, "Argyle Primary School", 1, "Community school", number=2019),
    gias_school(100009, "Beckford Primary School", 1, "Community school", number=2036),
    gias_school(100010, "Brecknock Primary School", 28, "Academy sponsor led", number=2065),
    gias_school(100011, "Brookfield Primary School", 34, "Academy converter", number=2078),
    gias_school(100012, "Carlton Primary School", 1, "Community school", number=2095),
]
ROSTER = ["Name", "TRN", "QTS", "Induction", "NPQ", "SENCO", "Date appointed SENCO", "Teaches at the school",
          "Head teacher", "URN", "DfE number"]  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_list_of_five_schools_with_a_roster_covering_three(tmp_path: Path, kind: str) -> None:
    closed = gias_school(
        100004, "Sherborne Nursery School", 15, "Local authority nursery school", status="Closed"
    )
    schools = write(tmp_path, "schools", [GIAS, *[gias_row(s) for s in [*FIVE, closed]]], kind)
    roster = write(tmp_path, "roster", [
        ROSTER,
        ["Ann Able", "7000001", "Yes", "Passed", "Passed", "Yes", dt.date(2024, 9, 1), "Yes", "No", "100008", None],
        ["Ben Late", "7000002", "Yes", "Passed", "Studying", "Yes", dt.date(2022, 9, 1), "Yes", "No", "100009", None],
        ["Cal Lee", "7000003", "Yes", "Passed", "Not started", "Yes", dt.date(2026, 9, 1), "Yes", "No", None, "202/2065"],
    ], kind)  # fmt: skip
    code, result, stderr = audit_json(roster, "--schools", str(schools))
    assert "unknown column" not in stderr
    table = result["schools"]
    assert len(table) == 5 and result["summary"]["schools"] == 5  # the closed one is left out
    empty = [school for school in table if school["status"] == "no_senco"]
    assert sorted(school["urn"] for school in empty) == ["100011", "100012"]
    assert all(school["people"] == 0 for school in empty)
    assert [school["status"] for school in table][:2] == ["no_senco", "no_senco"]  # most urgent first
    by_urn = {school["urn"]: school for school in table}
    assert by_urn["100010"]["people"] == 1  # matched by its DfE number (LAESTAB)
    text = run_in_process("audit", str(roster), "--schools", str(schools), "--no-color", *AS_OF).stdout
    assert "Carlton Primary School" in text and "Brookfield Primary School" in text
    assert text.count("no SENCO in the roster") == 2


def test_the_list_says_which_schools_the_law_binds_and_flags_rows_off_it(tmp_path: Path) -> None:
    special = gias_school(100020, "Oak Special School", 7, "Community special school", number=7001)
    schools = write(tmp_path, "schools", [GIAS, gias_row(FIVE[0]), gias_row(special)], "csv")
    roster = write(tmp_path, "roster", [
        ROSTER,
        ["Ann Able", "7000001", "Yes", "Passed", "Passed", "Yes", dt.date(2024, 9, 1), "Yes", "No", "100008", None],
        ["Zed Away", "7000009", "Yes", "Passed", "Passed", "Yes", dt.date(2024, 9, 1), "Yes", "No", "999999", None],
    ], "csv")  # fmt: skip
    _, result, _ = audit_json(roster, "--schools", str(schools))
    by_urn = {school["urn"]: school for school in result["schools"]}
    assert by_urn["100020"]["status"] == "not_required" and by_urn["100020"]["people"] == 0
    zed = next(row for row in result["rows"] if row["name"] == "Zed Away")
    assert "URN 999999 is not on the list of schools" in zed["note"]
    assert any("not on the list of schools" in warning for warning in result["warnings"])


def test_a_list_that_names_no_school_is_refused(tmp_path: Path) -> None:
    schools = write(tmp_path, "schools", [["Name", "TRN"], ["A", "1234567"]], "csv")
    roster = write(tmp_path, "roster", [ROSTER[:2], ["A", "1234567"]], "csv")
    result = run_in_process("audit", str(roster), "--schools", str(schools), *AS_OF)
    assert result.returncode == 2 and "names no school" in result.stderr and "schools.csv" in result.stderr


# ---- The 12-person, 5-school workbook, typed as a trust lead would -----------------------

TRUST = ["Name", "School", "URN", "School type", "TRN", "QTS", "Induction", "NPQ status", "NASENCO", "SENCO",
         "Date appointed SENCO", "Head teacher", "Teaches at the school", "In England"]  # fmt: skip
SCHOOLS = {
    "Oakfield Primary": ("100001", "Academy converter", "academy"),
    "Birch Primary": ("100002", "Community school", "maintained"),
    "Cedar CE Primary": ("100003", "Voluntary aided school", "maintained"),
    "Damson Academy": ("100004", "Academy sponsor led", "academy"),
    "Elm Foundation School": ("100005", "Foundation school", "maintained"),
}
# Each person as typed, and what each typed word stands for (the profile `senco check` reads).
TWELVE: list[tuple[list[Any], dict[str, Any]]] = [
    (["Ann Able", "Oakfield Primary", "7000001", "Yes", "Completed", "In progress", "No", "Yes", dt.date(2024, 9, 1), "No", "Yes"],
     {"induction": "passed", "npq": "studying", "nasenco": "none", "senco": "yes"}),
    (["Ben Bird", "Oakfield Primary", "7000002", "yes", "Exempt", "Not started", "No", "No", None, "No", "Yes"],
     {"induction": "not_required", "npq": "none", "nasenco": "none", "senco": "no"}),
    (["Cal Cole", "Birch Primary", "7000003", "Yes", "Completed", "Completed", "No", "Yes", dt.date(2021, 9, 1), "No", "Yes"],
     {"induction": "passed", "npq": "awaiting_result", "nasenco": "none", "senco": "yes"}),
    (["Dee Dunn", "Birch Primary", "7000004", "Yes", "In progress", "Not started", "No", "Yes", "1 September 2025", "No", "Yes"],
     {"induction": "in_progress", "npq": "none", "nasenco": "none", "senco": "yes"}),
    (["Eve Eden", "Cedar CE Primary", "7000005", "Yes", "Completed", "N/A", "Achieved", "Yes", dt.date(2019, 1, 7), "No", "Yes"],
     {"induction": "passed", "nasenco": "passed", "senco": "yes"}),
    (["Fin Ford", "Cedar CE Primary", "7000006", "Yes", "N/A", "Not started", "No", "No", None, "No", "Yes"],
     {"npq": "none", "nasenco": "none", "senco": "no"}),
    (["Gus Gray", "Damson Academy", "7000007", "No", None, "Not started", "No", "Yes", dt.date(2023, 9, 1), "No", "No"],
     {"npq": "none", "nasenco": "none", "senco": "yes"}),
    (["Hal Hart", "Damson Academy", "7000008", "Yes", "Completed", "Not started", "No", "No", None, "No", "Yes"],
     {"induction": "passed", "npq": "none", "nasenco": "none", "senco": "no"}),
    (["Ivy Ives", "Elm Foundation School", "7000009", "Yes", "Completed", "Awaiting result", "No", "Yes", dt.date(2025, 1, 6), "No", "Yes"],
     {"induction": "passed", "npq": "awaiting_result", "nasenco": "none", "senco": "yes"}),
    (["Jo Jay", "Elm Foundation School", "7000010", "Yes", "Completed", "Registered", "No", "Planning to be", None, "No", "Yes"],
     {"induction": "passed", "npq": "registered", "nasenco": "none", "senco": "planning"}),
    (["Kit King", "Elm Foundation School", "7000011", "Yes", "Completed", "Not started", "No", "No", None, "Yes", "No"],
     {"induction": "passed", "npq": "none", "nasenco": "none", "senco": "no"}),
    (["Lou Lane", "Oakfield Primary", "7000012", "Yes", "Completed", "Studying now", "In progress", "Yes", dt.date(2025, 9, 1), "No", "Yes"],
     {"induction": "passed", "npq": "studying", "nasenco": "studying", "senco": "yes"}),
]  # fmt: skip
SECTION = {
    "induction": "qualifications",
    "npq": "senco_training",
    "nasenco": "senco_training",
    "senco": "role",
}


def trust_row(typed: list[Any]) -> list[Any]:
    name, school, trn, qts, induction, npq, nasenco, senco, since, head, teaches = typed
    urn, gias_type, _ = SCHOOLS[school]
    return [
        name,
        school,
        urn,
        gias_type,
        trn,
        qts,
        induction,
        npq,
        nasenco,
        senco,
        since,
        head,
        teaches,
        "Yes",
    ]


def trust_profile(typed: list[Any], words: dict[str, Any], folder: Path) -> Path:
    import tomli_w

    name, school, trn, qts, _, _, _, _, since, head, teaches = typed
    profile: dict[str, Any] = {
        "format": 1,
        "you": {"name": name, "trn": trn},
        "qualifications": {"qts": qts.lower() == "yes"},
        "role": {"head_teacher": head == "Yes", "teaches_at_school": teaches == "Yes"},
        "school": {"setting": SCHOOLS[school][2], "in_england": True},
    }
    if since is not None:
        profile["role"]["senco_since"] = since if isinstance(since, dt.date) else dt.date(2025, 9, 1)
    for key, value in words.items():
        profile.setdefault(SECTION[key], {})[key] = value
    path = folder / f"{name.replace(' ', '-')}.toml"
    path.write_text(tomli_w.dumps(profile), encoding="utf-8")
    return path


def test_a_trust_workbook_reads_in_one_run_and_agrees_with_check(tmp_path: Path) -> None:
    sheet = [["Oak Trust: SENCO tracker, autumn 2026"], [], TRUST, *[trust_row(typed) for typed, _ in TWELVE]]
    book = write_xlsx(tmp_path / "trust.xlsx", {"SENCOs": sheet})
    code, result, stderr = audit_json(book, "--by", "person")
    assert code == 1 and "unknown column" not in stderr
    assert result["summary"]["rows"] == 12 and result["summary"]["invalid"] == 0
    assert result["summary"]["schools"] == 5
    rows = {row["name"]: row for row in result["rows"]}
    for typed, words in TWELVE:
        checked = json.loads(
            run_in_process("check", "--profile", str(trust_profile(typed, words, tmp_path)), "--format", "json",
                           *AS_OF).stdout
        )  # fmt: skip
        row = rows[typed[0]]
        assert row["status"] == checked["status"], typed[0]
        assert row["deadline"] == checked["deadline"]["date"], typed[0]
        assert row["situation"] == checked["situation"], typed[0]
        assert row["overdue"] == (checked["situation"] == "overdue"), typed[0]
        assert row["at_risk"] == checked["at_risk"], typed[0]
    # The cautious reading of NPQ "Completed" is said on the row.
    assert "could mean passed" in rows["Cal Cole"]["note"]
    statuses = {school["name"]: school["status"] for school in result["schools"]}
    assert statuses["Damson Academy"] == "none_meets"  # its only SENCO has no QTS
    assert statuses["Birch Primary"] == "overdue"
    order = [school["status"] for school in result["schools"]]
    ranks = ["no_senco", "none_meets", "overdue", "at_risk", "not_met", "cant_tell", "meets", "not_required"]
    assert order == sorted(order, key=ranks.index)
    # Each can't-tell row names what it lacks.
    for row in result["rows"]:
        if row["cant_tell"] and row["status"] != "invalid" and row["lacks"]:
            assert "Needs an answer for" in row["note"]


def test_missing_columns_are_said_once_with_the_rows_they_would_judge(tmp_path: Path) -> None:
    keep = [i for i, header in enumerate(TRUST) if header not in ("Induction", "Teaches at the school")]
    sheet = [[TRUST[i] for i in keep], *[[trust_row(typed)[i] for i in keep] for typed, _ in TWELVE]]
    book = write_xlsx(tmp_path / "trust.xlsx", {"SENCOs": sheet})
    _, result, _ = audit_json(book)
    missing = result["summary"]["missing_columns"]
    assert set(missing) >= {"Induction", "Teaches at school"}
    line = result["warnings"][0]
    assert line.startswith("Add a") and "senco audit --template shows every column" in line
    assert f"an Induction column to judge {missing['Induction']} rows" in line
    text = run_in_process("audit", str(book), "--no-color", *AS_OF).stdout
    assert text.count("Induction column to judge") == 1
    assert text.index("Induction column to judge") < text.index("Ann Able")
