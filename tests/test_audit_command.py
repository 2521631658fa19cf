"""`senco audit`: rosters as spreadsheets save them, bad cells per row, outputs checked against `senco check`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.audit.parallel import assess_rows
from senco_cli.audit.rows import audit
from senco_cli.roster.sheet import read_sheet
from senco_cli.rules.cache import bundled_rules
from senco_cli.rules.model import Rules
from senco_cli.text import mask_trn

from conftest import BAD_ANSWERS, audit_json, run_senco

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-28"]
HEADER = (
    "you.name,you.trn,qualifications.qts,qualifications.induction,role.senco,role.senco_since,"
    "role.teaches_at_school,role.head_teacher,school.setting,school.in_england,senco_training.npq,"
    "senco_training.npq_funded_before,school.supports_npq"
)
NEW = "Sam Patel,1234567,yes,passed,yes,01/09/2025,yes,no,academy,yes,none,no,yes"
QUALIFIED = "Alex Morgan,7654321,Yes,Passed,yes,2019-01-07,TRUE,FALSE,Maintained,y,passed,n,"
OVERDUE = "Late One,,1,passed,yes,2/3/2023,1,0,maintained,yes,studying,no,"


def roster(
    tmp_path: Path, *rows: str, header: str = HEADER, encoding: str = "utf-8", newline: str = "\n"
) -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(newline.join([header, *rows, ""]).encode(encoding))
    return path


def test_rows_sorted_by_urgency_with_summary(tmp_path: Path) -> None:
    code, result, _ = audit_json(roster(tmp_path, NEW, QUALIFIED, OVERDUE))
    assert code == 1
    assert [row["name"] for row in result["rows"]] == ["Late One", "Sam Patel", "Alex Morgan"]
    assert result["rows"][0]["overdue"] is True and result["rows"][0]["days_left"] == -271
    assert result["summary"] == {
        "rows": 3,
        "lines": 3,
        "in_breach": 0,
        "assessed": 3,
        "ready": 1,
        "not_ready": 2,
        "invalid": 0,
        "overdue": 1,
        "at_risk": 1,  # Sam Patel: the next cohort's result comes after 1 September 2028
        "cant_tell": 0,
        "due_within_6_months": 0,
        "funding": {"unknown": 3},
        "cohorts": {"2027-autumn": 3},
        "schools": 0,
        "schools_meeting_reg49": 0,
        "missing_columns": {},
    }
    assert list(result) == sorted(result)
    assert (result["command"], result["status"], result["exit_code"], result["senco_result_version"]) == (
        "audit",
        "not_ready",
        1,
        1,
    )


def test_all_ready_exits_0(tmp_path: Path) -> None:
    code, result, _ = audit_json(roster(tmp_path, QUALIFIED))
    assert code == 0 and result["status"] == "ready"


def test_due_within_6_months(tmp_path: Path) -> None:
    soon = NEW.replace("01/09/2025", "01/03/2024")  # deadline 2027-03-01
    code, result, _ = audit_json(roster(tmp_path, soon))
    assert result["summary"]["due_within_6_months"] == 1 and result["rows"][0]["deadline"] == "2027-03-01"


def test_uk_dates_are_never_read_as_us_dates(tmp_path: Path) -> None:
    _, result, _ = audit_json(roster(tmp_path, NEW))
    assert result["rows"][0]["deadline"] == "2028-09-01"  # 01/09/2025 is 1 September
    _, result, _ = audit_json(roster(tmp_path, NEW.replace("01/09/2025", "09/13/2025")))
    assert result["rows"][0]["status"] == "invalid" and "role.senco_since" in result["rows"][0]["error"]


# Cells only a roster can hold, and the bad answers a profile can hold too (conftest).
BAD_CELLS = [
    ("qualifications.qts", "maybe", "is not yes or no"),
    ("role.senco_since", "next year", "is not a date"),
    *((key, str(answer), words) for key, answer, words in BAD_ANSWERS),
]


@pytest.mark.parametrize(("column", "value", "words"), BAD_CELLS)
def test_a_bad_cell_is_reported_and_the_other_rows_still_assessed(
    tmp_path: Path, column: str, value: str, words: str
) -> None:
    cells = NEW.split(",")
    cells[HEADER.split(",").index(column)] = value
    code, result, _ = audit_json(roster(tmp_path, QUALIFIED, ",".join(cells), OVERDUE))
    assert code == 1
    (invalid,) = [row for row in result["rows"] if row["status"] == "invalid"]
    assert invalid["row"] == 3 and column in invalid["error"] and words in invalid["error"]
    assert "\x1b" not in invalid["error"]
    assert result["summary"]["invalid"] == 1 and result["summary"]["ready"] == 1


def test_negative_number_and_extra_cells(tmp_path: Path) -> None:
    header = HEADER + ",role.previous_senco_months"
    code, result, _ = audit_json(
        roster(tmp_path, NEW + ",-3", NEW.replace("1234567", "1234568") + ",0,extra", header=header)
    )
    errors = {row["row"]: row["error"] for row in result["rows"] if row["status"] == "invalid"}
    assert "0 or more" in errors[2] and "role.previous_senco_months" in errors[2]
    assert "cells but the header names" in errors[3]


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (HEADER.replace("school.setting", "school.seting"), '(did you mean "school.setting"?)'),
        ("nme,settng", 'settng (did you mean "setting"?)'),
    ],
)
def test_unknown_columns_exit_2(tmp_path: Path, header: str, words: str) -> None:
    result = runner.invoke(app, ["audit", str(roster(tmp_path, NEW, header=header))])
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_two_columns_for_one_question_are_read_when_they_agree(tmp_path: Path) -> None:
    """Two columns that answer the same question are fine when they agree; a row where they
    disagree is reported, naming both headers."""
    path = roster(
        tmp_path,
        NEW + ",Sam Patel",
        NEW.replace("Sam Patel", "Sam Lee").replace("1234567", "1234568") + ",Sam Patel",
        header=HEADER + ",Full name",
    )
    code, result, _ = audit_json(path)
    rows = {row["row"]: row for row in result["rows"]}
    assert rows[2]["status"] != "invalid" and rows[2]["name"] == "Sam Patel"
    assert rows[3]["status"] == "invalid" and '"you.name" and "Full name" disagree' in rows[3]["error"]


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"\n\n"])
def test_unreadable_files_exit_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    result = runner.invoke(app, ["audit", str(path), "--format", "json"])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["status"] == "error"


def test_missing_file_folder_and_no_file(tmp_path: Path) -> None:
    assert runner.invoke(app, ["audit", str(tmp_path / "nope.csv")]).exit_code == 2
    assert runner.invoke(app, ["audit", str(tmp_path)]).exit_code == 2
    missing = runner.invoke(app, ["audit"])
    assert missing.exit_code == 2 and "--template" in missing.stderr


def test_excel_files_bom_crlf_and_windows_1252(tmp_path: Path) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([HEADER, NEW, ""]).encode("utf-8"))
    code, result, _ = audit_json(bom)
    assert result["rows"][0]["name"] == "Sam Patel" and result["rows"][0]["status"] == "not_ready"
    windows = roster(tmp_path, NEW.replace("Sam Patel", "Zoë Brontë"), encoding="cp1252", newline="\r\n")
    run = runner.invoke(app, ["audit", str(windows), "--format", "json", *AS_OF])
    assert json.loads(run.stdout)["rows"][0]["name"] == "Zoë Brontë"
    assert "Windows-1252" in run.stderr
    assert any("Windows-1252" in w for w in json.loads(run.stdout)["warnings"])


def test_trns_are_never_printed_in_full(tmp_path: Path) -> None:
    path = roster(tmp_path, NEW, QUALIFIED)
    for output_format in ("text", "json", "csv", "markdown"):
        result = runner.invoke(app, ["audit", str(path), "--format", output_format, *AS_OF])
        assert "1234567" not in result.stdout and "7654321" not in result.stdout, output_format
        assert "****567" in result.stdout, output_format
    assert mask_trn("123 4567") == "****567" and mask_trn(None) is None


def same_person_checked(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    profile = tmp_path / "sam.toml"
    profile.write_text(
        'format = 1\n[you]\nname = "Sam Patel"\ntrn = "1234567"\n[qualifications]\nqts = true\n'
        'induction = "passed"\n[role]\nsenco = "yes"\nsenco_since = 2025-09-01\nteaches_at_school = true\n'
        'head_teacher = false\n[school]\nsetting = "academy"\nin_england = true\nsupports_npq = true\n'
        '[senco_training]\nnpq = "none"\nnpq_funded_before = false\n',
        encoding="utf-8",
    )
    result = run_senco("check", "--profile", str(profile), "--format", "json", *AS_OF)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_and_csv_agree_with_senco_check(tmp_path: Path) -> None:
    checked = same_person_checked(tmp_path)
    _, audited, _ = audit_json(roster(tmp_path, NEW))
    row = audited["rows"][0]
    assert row["status"] == checked["status"]
    assert row["qualified"] == checked["qualified"]
    assert (
        row["deadline"] == checked["deadline"]["date"]
        and row["days_left"] == checked["deadline"]["days_left"]
    )
    assert row["funding"] == checked["funding"]["status"] and row["cohort"] == checked["funding"]["cohort"]
    first_open = next(s for s in checked["steps"] if s["status"] not in ("done", "not_needed"))
    assert row["next_step"] == first_open["id"]

    out = runner.invoke(app, ["audit", str(roster(tmp_path, NEW)), "--format", "csv", *AS_OF]).stdout
    (record,) = list(csv.DictReader(io.StringIO(out)))
    assert record["you.name"] == "Sam Patel" and record["you.trn"] == "****567"
    assert record["result.status"] == checked["status"]
    assert record["result.deadline"] == checked["deadline"]["date"]
    assert record["result.days_left"] == str(checked["deadline"]["days_left"])
    assert record["result.funding"] == checked["funding"]["status"]
    assert record["result.next_step"] == "Needs" + first_open["title"].removeprefix("Take")


def test_csv_keeps_input_order_and_reports_errors(tmp_path: Path) -> None:
    bad = NEW.replace("academy", "acadmy")
    out = runner.invoke(
        app, ["audit", str(roster(tmp_path, QUALIFIED, bad)), "--format", "csv", *AS_OF]
    ).stdout
    records = list(csv.DictReader(io.StringIO(out)))
    assert [r["you.name"] for r in records] == ["Alex Morgan", "Sam Patel"]
    assert records[1]["result.status"] == "invalid" and "school.setting" in records[1]["result.error"]


def test_text_and_markdown(tmp_path: Path) -> None:
    path = roster(
        tmp_path, NEW, OVERDUE, NEW.replace("yes,passed", "maybe,passed").replace("1234567", "1234568")
    )
    text = runner.invoke(app, ["audit", str(path), "--no-color", *AS_OF]).stdout
    said = "3 data lines, 3 people: 2 assessed (0 ready, 2 not ready), 1 to correct; 0 in breach, 1 overdue"
    assert said in " ".join(text.split())
    assert text.index("Late One") < text.index("Sam Patel")
    assert "! needs correcting" in text and "correct: qualifications.qts" in text
    md = runner.invoke(app, ["audit", str(path), "--format", "markdown", *AS_OF]).stdout
    assert md.startswith("# SENCO audit") and "| 3 | ✘ overdue | Late One |" in md
    # A row to correct is never counted at risk or overdue (its answers are in doubt).
    needs = next(line for line in md.splitlines() if "! needs correcting" in line)
    assert "Sam Patel" in needs and "at risk" not in needs and "overdue" not in needs


def test_output_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    path = roster(tmp_path, NEW)
    target = tmp_path / "out.csv"
    target.write_text("keep me", encoding="utf-8")
    refused = runner.invoke(app, ["audit", str(path), "--format", "csv", "--output", str(target)])
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(
        app, ["audit", str(path), "--format", "csv", "--output", str(target), "--force", *AS_OF]
    )
    assert forced.exit_code == 1 and target.read_text(encoding="utf-8-sig").startswith("you.name")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_bad_roster_with_output_writes_nothing(tmp_path: Path) -> None:
    path = roster(tmp_path, NEW, header="nonsense")
    target = tmp_path / "out.json"
    result = runner.invoke(app, ["audit", str(path), "--output", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]


def test_template_round_trips(tmp_path: Path) -> None:
    template = run_senco("audit", "--template")
    assert template.returncode == 0
    header, example = template.stdout.strip().splitlines()
    assert header.startswith("you.name,") and "school.setting" in header
    path = tmp_path / "template.csv"
    path.write_text(template.stdout, encoding="utf-8")
    code, result, _ = audit_json(path)
    assert result["rows"][0]["status"] == "not_ready" and result["rows"][0]["name"] == "Sam Patel"


def test_worker_processes_give_the_same_results(tmp_path: Path, rules: Rules) -> None:
    rows = [
        NEW.replace("Sam Patel", f"Teacher {i}").replace(
            "01/09/2025", f"{1 + i % 28:02d}/0{1 + i % 9}/202{i % 6}"
        )
        for i in range(1200)
    ]
    rows[5] = rows[5].replace("academy", "acadmy")
    text = "\n".join([HEADER, *rows]) + "\n"
    day = dt.date(2026, 11, 28)

    def run(workers: int) -> list[dict]:  # type: ignore[type-arg]
        sheet, raw = read_sheet(io.StringIO(text), "r.csv", rules.vocabulary(), day)
        result = audit(assess_rows(raw, sheet, rules, cells="", workers=workers), rules, day)
        return [row.as_json() for row in result.rows]

    serial, parallel = run(1), run(2)
    assert serial == parallel and len(serial) == 1200


def test_a_header_without_rows_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    path = roster(tmp_path)
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["audit", str(path), "--format", "csv", "--output", str(target)])
    assert result.exit_code == 2 and "no people" in result.stderr and not target.exists()


def test_title_rows_above_the_header_are_skipped_and_said(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f'Oak Trust SENCOs\n"autumn, 2026\n\n{HEADER}\n{NEW}\n', encoding="utf-8")
    code, result, _ = audit_json(path)
    assert code == 1 and [row["name"] for row in result["rows"]] == ["Sam Patel"]
    assert any("skipped 2 rows above the header" in warning for warning in result["warnings"])


def test_a_broken_header_row_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(f'"you.name,school.setting\n{NEW}\n', encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), *AS_OF])
    assert result.exit_code == 2 and "header row that is not readable CSV" in result.stderr


def test_template_is_csv_or_a_workbook_only() -> None:
    csv_template = runner.invoke(app, ["audit", "--template"])
    assert csv_template.exit_code == 0 and csv_template.stdout.startswith("you.name,school.name,school.urn,")
    refused = runner.invoke(app, ["audit", "--template", "--format", "html"])
    assert refused.exit_code == 2 and "--template writes CSV" in refused.stderr


@settings(max_examples=60, deadline=None)
@given(
    qts=st.sampled_from(["yes", "no", ""]),
    senco=st.sampled_from(["yes", "no", "planning"]),
    npq=st.sampled_from(["none", "studying", "passed", "awaiting_result", ""]),
    setting=st.sampled_from(["academy", "maintained", "special", "independent"]),
    bad_cell=st.sampled_from(["Sept 2022", "31/02/2022", "soon", "#REF!"]),
)
def test_a_row_to_correct_is_never_judged_on_what_was_dropped(
    qts: str, senco: str, npq: str, setting: str, bad_cell: str
) -> None:
    """A row with a cell to correct was judged without it: it is never ready, on track,
    overdue or at risk on that partial reading; only a breach (resting on what was read) stands."""
    text = (
        "you.name,qualifications.qts,role.senco,role.senco_since,school.setting,senco_training.npq\n"
        f"Row,{qts},{senco},{bad_cell},{setting},{npq}\n"
    )
    rules = bundled_rules()
    sheet, rows = read_sheet(
        io.StringIO(text, newline=""), "r.csv", rules.vocabulary(), dt.date(2026, 11, 30)
    )
    assessed = assess_rows(rows, sheet, rules, cells="none", workers=1)
    (row,) = list(audit(assessed, rules, dt.date(2026, 11, 30)).rows)
    assert row.status == "invalid"
    assert row.situation in ("cant_tell", "in_breach")
    assert not row.overdue and not row.at_risk
