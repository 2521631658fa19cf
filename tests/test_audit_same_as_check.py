"""A roster's rows judged as `senco check` judges one person: the look-ups worked out once per
roster (logic/memo.py, and the date arithmetic remembered in dates.py) give every field of
every report exactly as working each one out afresh does, and the audit's JSON row says what
`senco check --format json` says for the same answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

from senco_cli import dates
from senco_cli.audit.missing import lacking
from senco_cli.audit.parallel import assess_rows
from senco_cli.logic import memo
from senco_cli.logic.assess import assess
from senco_cli.logic.report import FINISHED
from senco_cli.profile.io import save_profile
from senco_cli.profile.model import Profile
from senco_cli.roster.sheet import read_sheet, to_row
from senco_cli.rules.model import Rules

from conftest import run_in_process

DAY = dt.date(2026, 11, 28)
COLUMNS = [
    "you.name",
    "qualifications.qts",
    "qualifications.induction",
    "role.senco",
    "role.senco_since",
    "role.previous_senco_months",
    "role.head_teacher",
    "role.teaches_at_school",
    "senco_training.npq",
    "senco_training.npq_cohort",
    "senco_training.npq_funded_before",
    "senco_training.nasenco",
    "school.setting",
    "school.in_england",
    "school.supports_npq",
]


def roster(rules: Rules, rows: int, seed: int) -> str:
    """A roster of varied people: new and long-serving SENCOs, NPQ at every stage, people
    without QTS or induction, every setting, answers left blank."""
    rng = random.Random(seed)
    cohorts = ["", *(c.id for c in rules.cohorts)]

    def maybe(*values: str) -> str:
        return rng.choice(["", *values])

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for index in range(rows):
        since = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 13))
        writer.writerow(
            [
                f"Person {index}",
                maybe("yes", "no"),
                maybe("passed", "in_progress", "not_started", "failed", "not_required"),
                maybe("yes", "no", "planned"),
                rng.choice(["", since.isoformat()]),
                rng.choice(["", "0", "6", "30"]),
                maybe("yes", "no"),
                maybe("yes", "no"),
                maybe("none", "registered", "studying", "awaiting_result", "passed", "failed"),
                rng.choice(cohorts),
                maybe("yes", "no"),
                maybe("none", "passed", "studying"),
                maybe(*rules.settings),
                maybe("yes", "no"),
                maybe("yes", "no"),
            ]
        )
    return out.getvalue()


def forget() -> None:
    """Clear every look-up remembered across people."""
    memo.forget()
    for function in (dates.add_years, dates.add_months, dates.long_date, dates.ordinal):
        function.cache_clear()


def test_every_field_of_every_report_as_if_judged_alone(rules: Rules) -> None:
    text = roster(rules, 400, seed=24)
    sheet, records = read_sheet(io.StringIO(text, newline=""), "r.csv", rules.vocabulary(), DAY)
    profiles = [row.profile for row in (to_row(record, sheet) for record in records)]
    judged = [p for p in profiles if p is not None]
    assert len(judged) > 300
    # Two dates taken in turn, so that an answer remembered for one date and given on the
    # other would show.
    days = [DAY if index % 2 else DAY + dt.timedelta(days=400) for index in range(len(judged))]
    forget()
    in_a_roster = [assess(profile, rules, day) for profile, day in zip(judged, days, strict=True)]
    for profile, day, report in zip(judged, days, in_a_roster, strict=True):
        forget()
        assert assess(profile, rules, day) == report
    situations = {report.situation for report in in_a_roster}
    assert len(situations) >= 4, situations  # the roster reaches many kinds of person


def test_audit_rows_say_what_check_says(rules: Rules, tmp_path: Path) -> None:
    text = roster(rules, 40, seed=7)
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    audited = run_in_process("audit", str(path), "--format", "json", "--as-of", DAY.isoformat())
    rows = {row["row"]: row for row in json.loads(audited.stdout)["rows"]}
    sheet, reading = read_sheet(io.StringIO(text, newline=""), "r.csv", rules.vocabulary(), DAY)
    records = list(reading)
    checked = 0
    for record, (result, _) in zip(
        records, assess_rows(iter(records), sheet, rules, cells="", workers=1), strict=True
    ):
        profile = to_row(record, sheet).profile
        if profile is None or result.status == "invalid":
            continue
        file = tmp_path / f"p{record.number}.toml"
        save_profile(profile, file, force=True)
        check = json.loads(
            run_in_process(
                "check", "--profile", str(file), "--format", "json", "--as-of", DAY.isoformat()
            ).stdout
        )
        row = rows[record.number]
        assert row == row | as_check_says(check, profile, rules)
        assert set(row) - set(as_check_says(check, profile, rules)) == NOT_FROM_CHECK
        checked += 1
    assert checked >= 20


# An audit row's fields that come from the roster's cells, not from the judgement.
NOT_FROM_CHECK = {"row", "error", "note", "school", "urn", "laestab", "trn"}


def as_check_says(check: dict[str, Any], profile: Profile, rules: Rules) -> dict[str, Any]:
    """Every judged field of an audit row, as `senco check --format json` gives it for the
    same answers (a row with no notes of its own)."""
    steps = check["steps"]
    action = check["next_action"]
    open_step = next((s for s in steps if s["status"] not in FINISHED), None)
    if action is not None:
        open_step = next((s for s in steps if s["id"] == action["code"]), open_step)
    cant_tell = check["situation"] == "cant_tell" or any(s["status"] == "check" for s in steps)
    senco = profile.senco == "yes" or profile.senco_since is not None
    in_time = check["qualified"] or check["deadline"]["applies"] is True
    meets = check["statutory"] is True and in_time and check["situation"] not in ("in_breach", "overdue")
    return {
        "name": check["name"],
        "status": check["status"],
        "situation": check["situation"],
        "qualified": check["qualified"],
        "statutory": check["statutory"],
        "can_be_designated": check["can_be_designated"],
        "at_risk": check["at_risk"],
        "overdue": check["situation"] == "overdue",
        "deadline": check["deadline"]["date"],
        "days_left": check["deadline"]["days_left"],
        "funding": check["funding"]["status"],
        "cohort": check["funding"]["cohort"],
        "next_step": open_step["id"] if open_step else None,
        "next_step_title": rules.third_person(open_step["title"]) if open_step else None,
        "next_action": action["code"] if action else None,
        "next_by": action["by"] if action else None,
        "cant_tell": cant_tell,
        "lacks": list(lacking(profile, ((s["id"], s["status"]) for s in steps))) if cant_tell else [],
        "senco": senco,
        "meets_reg49": bool(senco and meets and check["can_be_designated"]),
    }
