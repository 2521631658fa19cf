"""`senco plan`: dates for each kind of person, the calendar file, and the timeline picture."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.logic.plan import Plan, make_plan
from senco_cli.profile.model import Profile
from senco_cli.render.ics import plan_calendar
from senco_cli.render.terminal.check import make_console
from senco_cli.render.terminal.plan import render_plan
from senco_cli.rules.model import Rules

from conftest import EXAMPLES, ROOT, run_in_process

Person = Callable[..., Profile]
D = dt.date
runner = CliRunner()
SNAPSHOT = ROOT / "tests" / "snapshots" / "plan-unqualified-graduate-80.txt"


def dates(plan: Plan) -> dict[str, D]:
    return {m.id: m.date for m in plan.milestones}


def kinds(plan: Plan) -> dict[str, str]:
    return {m.id: m.kind for m in plan.milestones}


NO_QTS = dict(qts=False, induction=None, setting="maintained", senco="planning", senco_since=None)


def test_graduate_without_qts(rules: Rules, person: Person) -> None:
    plan = make_plan(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=2), rules, D(2026, 11, 28))
    got = dates(plan)
    assert got["qts_assessment_only"] == D(2027, 2, 28)  # starts now, up to 12 weeks
    assert got["qts_pgce"] == D(2028, 9, 1)  # starts next September, one year
    assert got["qts_postgraduate_apprenticeship"] == D(2028, 9, 1)  # 9 to 12 months since August 2025
    assert got["earliest_designation"] == D(2029, 2, 28)  # assessment only + 2 years' induction
    assert kinds(plan)["earliest_designation"] == "estimate"
    assert {p.id for p in plan.phases} >= {"route_assessment_only", "route_pgce", "induction", "npq_taught"}
    assert not plan.at_risk and "deadline" not in got


def test_non_graduate_without_qts(rules: Rules, person: Person) -> None:
    plan = make_plan(person(**NO_QTS, degree=False, unqualified_teacher=False), rules, D(2026, 3, 1))
    got = dates(plan)
    assert got["qts_undergraduate_qts"] == D(2030, 9, 1)  # September 2026 + 48 months
    assert got["qts_teacher_degree_apprenticeship"] == D(2030, 6, 1)
    assert got["earliest_designation"] == D(2032, 6, 1)


def test_academy_induction_is_flagged_not_decided(rules: Rules, person: Person) -> None:
    plan = make_plan(
        person(**{**NO_QTS, "setting": "academy"}, unqualified_teacher=False), rules, D(2026, 11, 28)
    )
    assert any("Academies need not require induction" in w for w in plan.warnings)


def test_ect_mid_induction(rules: Rules, person: Person) -> None:
    plan = make_plan(
        person(induction="in_progress", setting="maintained", senco="planning", senco_since=None),
        rules,
        D(2026, 5, 1),
    )
    got = dates(plan)
    assert got["registration_opens"] == D(2026, 6, 23) and got["cohort_start"] == D(2026, 11, 1)
    assert kinds(plan)["cohort_start"] == "fixed"
    assert got["npq_taught_end"] == D(2028, 5, 1) and got["npq_result"] == D(2028, 9, 1)
    assert "deadline" not in got and not plan.at_risk


def test_new_senco_with_time_to_spare(rules: Rules, person: Person) -> None:
    plan = make_plan(person(senco_since=D(2026, 9, 1)), rules, D(2026, 10, 1))
    got = dates(plan)
    assert got["deadline"] == D(2029, 9, 1) and kinds(plan)["deadline"] == "deadline"
    assert got["npq_result"] == D(2028, 9, 1)
    assert got["latest_cohort_start"] == D(2027, 11, 1) and kinds(plan)["latest_cohort_start"] == "estimate"
    assert not plan.at_risk and plan.exit_code == 0


def test_senco_who_cannot_finish_in_time(rules: Rules, person: Person) -> None:
    plan = make_plan(person(senco_since=D(2025, 9, 1)), rules, D(2026, 11, 28))
    assert plan.at_risk and plan.exit_code == 1
    assert dates(plan)["npq_result"] == D(2029, 9, 1) > dates(plan)["deadline"]
    assert "latest_cohort_start" not in dates(plan)
    assert any("No NPQ cohort" in w for w in plan.warnings)


def test_overdue_senco_is_at_risk(rules: Rules, person: Person) -> None:
    plan = make_plan(person(senco_since=D(2022, 1, 10)), rules, D(2026, 11, 28))
    assert plan.at_risk and any("has passed" in w for w in plan.warnings)


def test_nasenco_student_near_the_cut_off(rules: Rules, person: Person) -> None:
    profile = person(nasenco="studying", nasenco_started=D(2024, 1, 10), senco_since=D(2025, 1, 6))
    plan = make_plan(profile, rules, D(2027, 6, 1))
    assert dates(plan)["nasenco_cut_off"] == D(2027, 9, 1) and kinds(plan)["nasenco_cut_off"] == "deadline"
    assert dates(plan)["deadline"] == D(2028, 1, 6)


def test_npq_under_way_uses_its_start(rules: Rules, person: Person) -> None:
    plan = make_plan(
        person(npq="studying", npq_started=D(2025, 11, 1), senco_since=D(2025, 9, 1)), rules, D(2026, 11, 28)
    )
    assert dates(plan)["npq_result"] == D(2027, 9, 1) and not plan.at_risk
    assert "cohort_start" not in dates(plan)


def test_already_qualified(rules: Rules, person: Person) -> None:
    plan = make_plan(person(npq="passed"), rules, D(2026, 11, 28))
    assert plan.milestones == () and plan.phases == () and plan.exit_code == 0


def test_json_contract() -> None:
    result = run_in_process(
        "plan", "--profile", str(EXAMPLES / "new-senco.toml"), "--as-of", "2026-11-28", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert result.returncode == data["exit_code"] == 1
    assert (data["command"], data["status"], data["senco_result_version"]) == ("plan", "at_risk", 1)
    assert list(data) == sorted(data)
    for milestone in data["milestones"]:
        assert set(milestone) == {"id", "label", "date", "kind", "sources", "check", "after_deadline"}
        assert milestone["kind"] in {"fixed", "estimate", "deadline"} and milestone["sources"]
    for phase in data["phases"]:
        assert {"id", "label", "start", "end"} <= set(phase)
    assert [m["date"] for m in data["milestones"]] == sorted(m["date"] for m in data["milestones"])


def calendar_events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]).split("-")[0]: event for event in calendar.walk("VEVENT")}


def test_calendar_file(rules: Rules, person: Person) -> None:
    plan = make_plan(person(senco_since=D(2026, 9, 1)), rules, D(2026, 5, 1))
    events = calendar_events(plan_calendar(plan))
    assert {"deadline", "registration_opens", "cohort_start", "latest_cohort_start", "npq_result"} <= set(
        events
    )
    deadline = events["deadline"]
    assert deadline.decoded("DTSTART") == D(2029, 9, 1)  # an all-day event
    assert deadline.decoded("DTEND") == D(2029, 9, 2)
    # Reminders ring at 09:00 in England, winter (GMT) and summer (BST) alike: floating local
    # time, read back by icalendar's own alarm arithmetic, then placed in Europe/London.
    london = ZoneInfo("Europe/London")
    rings = sorted(alarm.trigger for alarm in deadline.alarms.times)
    assert [ring.tzinfo for ring in rings] == [None, None]  # floating: the calendar's local time
    assert rings == [dt.datetime(2029, 3, 1, 9, 0), dt.datetime(2029, 8, 1, 9, 0)]
    in_london = [ring.replace(tzinfo=london) for ring in rings]
    assert [ring.utcoffset() for ring in in_london] == [dt.timedelta(0), dt.timedelta(hours=1)]
    assert all(ring.hour == 9 for ring in in_london)
    descriptions = sorted(str(alarm["DESCRIPTION"]) for alarm in deadline.walk("VALARM"))
    assert descriptions == [
        "SENCO qualification deadline in 1 month: 1 September 2029",
        "SENCO qualification deadline in 6 months: 1 September 2029",
    ]
    assert events["cohort_start"].decoded("DTSTART") == D(2026, 11, 1)
    assert events["registration_opens"].decoded("DTSTART") == D(2026, 6, 23)


def test_calendar_uids_are_stable_across_runs(tmp_path: Path) -> None:
    args = ["plan", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "ics"]
    first = run_in_process(*args, "--as-of", "2026-11-28").stdout
    later = run_in_process(*args, "--as-of", "2027-02-01").stdout
    assert calendar_events(first)["deadline"]["UID"] == calendar_events(later)["deadline"]["UID"]
    assert first.startswith("BEGIN:VCALENDAR") and "TRIGGER:-P" in first


def test_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("mine", encoding="utf-8")
    args = ["plan", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "ics", "--output", str(target)]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and target.read_text(encoding="utf-8") == "mine"
    written = runner.invoke(app, [*args, "--force"])
    assert written.exit_code in (0, 1) and target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def render_80(plan: Plan) -> str:
    stream = io.StringIO()
    console = make_console(True, stream)
    console.width = 80
    render_plan(plan, console)
    return stream.getvalue()


def test_timeline_snapshot_at_80_columns_without_colour(rules: Rules) -> None:
    from senco_cli.profile.io import load_profile

    profile = load_profile(EXAMPLES / "unqualified-graduate.toml", rules.vocabulary())
    text = render_80(make_plan(profile, rules, D(2026, 11, 28)))
    assert "\x1b" not in text
    assert all(len(line) <= 80 for line in text.splitlines() if not line.startswith("    https://"))
    timeline = text.split("Timeline\n")[1].split("\n\n")[0].splitlines()
    axis, *bars, markers, legend = timeline
    assert axis.index("|2027") == axis.index("|") and all(len(line) <= 80 for line in timeline)
    assert markers.index("▲") == bars[0].index("▒")  # assessment only starts today
    assert legend.startswith("▲ today 28 November 2026")
    assert not re.search(r"\d{4}-\d\d-\d\d", text.split("\nSources\n")[0])  # dates in words
    if os.environ.get("SENCO_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        "changed on purpose? rerun with SENCO_UPDATE_SNAPSHOTS=1"
    )


def test_text_view_at_risk() -> None:
    result = run_in_process("plan", "--profile", str(EXAMPLES / "new-senco.toml"), "--as-of", "2026-11-28")
    assert result.returncode == 1 and "AT RISK" in result.stdout and "◆" in result.stdout


def test_markdown_view() -> None:
    result = run_in_process(
        "plan", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "markdown", "--as-of", "2026-11-28"
    )
    assert (
        result.stdout.startswith("# SENCO plan for Sam Patel")
        and "| 1 September 2028 | deadline |" in result.stdout
    )


@pytest.mark.parametrize("output_format", ["ics", "text"])
def test_plan_without_profile_needs_a_terminal(output_format: str) -> None:
    result = run_in_process("plan", "--format", output_format)
    assert result.returncode == 2 and "--profile" in result.stderr


def test_check_and_plan_head_their_reports_alike(rules: Rules, person: Person) -> None:
    from senco_cli.logic.assess import assess

    people = [
        person(),
        person(npq="passed"),
        person(setting="independent"),
        person(senco_since=D(2022, 9, 1)),
        person(senco_since=D(2024, 9, 1), npq="registered", npq_cohort="2026-autumn"),
        person(senco="planning", senco_since=None, qts=False, induction=None),
        person(has_trn=None, qts=None, setting=None),
    ]
    situations = set()
    for profile in people:
        report, plan = assess(profile, rules, D(2026, 11, 28)), make_plan(profile, rules, D(2026, 11, 28))
        assert report.situation == plan.situation and report.remaining() == plan.remaining
        assert plan.at_risk is (report.situation in ("at_risk", "overdue"))
        situations.add(report.situation)
    assert situations == {"on_track", "ready", "not_required", "at_risk", "overdue", "cant_tell"}


@pytest.mark.parametrize("output_format", ["text", "markdown", "html"])
@pytest.mark.parametrize("example", ["qualified-senco.toml", "independent-school.toml", "new-senco.toml"])
def test_a_sources_heading_only_over_sources(output_format: str, example: str) -> None:
    """A plan with nothing left to schedule says so and cites nothing: it printed an empty
    "Sources" heading (and Markdown an empty milestones table). A plan with milestones lists
    the sources they cite."""
    result = run_in_process(
        "plan", "--profile", str(EXAMPLES / example), "--as-of", "2026-11-30", "--format", output_format
    )
    assert result.returncode in (0, 1), result.stderr
    text = result.stdout
    nothing_left = "Nothing left to schedule." in text
    has_heading = any(
        heading in text for heading in ("\nSources\n", "## Sources", 'id="sources"', "Sources:")
    )
    cited = re.search(r"\[1\]|\b1\. \[|source-1", text) is not None
    assert has_heading == cited, (example, output_format)
    assert not (nothing_left and "| Date | Kind | Milestone |" in text)
    if example == "new-senco.toml":
        assert cited and not nothing_left
