"""One verdict, right for every person: each defect of the November 2026 review with its
smallest profile, judged as of 30 November 2026 on the frozen rules."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from senco_cli.logic.assess import assess
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.plan import make_plan
from senco_cli.logic.report import Report
from senco_cli.profile.model import Profile
from senco_cli.render.opening import opening
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules
from senco_cli.text import FUNDING_WORDS

from conftest import BASE, EXAMPLES, FROZEN_RULES, SHIPPED_RULES, run_in_process, run_senco, step_status

Person = Callable[..., Profile]
D = dt.date
AS_OF = D(2026, 11, 30)


def codes(report: Report) -> list[str]:
    return [n.code for n in report.notices]


def test_1_unqualified_designated_senco_is_in_breach(rules: Rules, person: Person) -> None:
    profile = person(setting="maintained", qts=False, senco_since=D(2026, 10, 1))
    report = assess(profile, rules, AS_OF)
    assert report.can_be_designated is False
    assert report.situation == "in_breach" and report.exit_code == 1
    assert "cannot_be_designated" in codes(report)
    assert make_plan(profile, rules, AS_OF).exit_code == 1
    assert report.next_action is not None and report.next_action.code == "qualified_teacher"


def test_1_pre_2009_senco_without_qts_is_in_breach_and_exempt_only_from_the_npq(
    rules: Rules, person: Person
) -> None:
    report = assess(person(setting="maintained", qts=False, senco_since=D(2006, 9, 1)), rules, AS_OF)
    assert report.situation == "in_breach"
    first = opening(report)
    assert "already qualified or exempt" not in first.deadline
    assert "exempt from the SENCO qualification duty (not from QTS)" in first.deadline


def test_2_nasenco_completed_before_2024_counts_without_a_start_date(rules: Rules, person: Person) -> None:
    profile = person(
        setting="maintained", nasenco="passed", nasenco_awarded=D(2019, 7, 15), senco_since=D(2018, 9, 1)
    )
    report = assess(profile, rules, AS_OF)
    assert report.qualified and report.situation == "ready" and not report.deadline.overdue


def test_2_nasenco_passed_with_no_dates_is_cant_tell_never_overdue(
    rules: Rules, person: Person, tmp_path: Path
) -> None:
    profile = person(setting="maintained", nasenco="passed", senco_since=D(2018, 9, 1))
    report = assess(profile, rules, AS_OF)
    assert report.situation == "cant_tell" and not report.deadline.overdue
    assert step_status(report, "senco_qualification") == "check"
    # The audit counts it the same way.
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "you.name,school.setting,qualifications.qts,qualifications.induction,role.teaches_at_school,"
        "role.senco,role.senco_since,senco_training.nasenco\n"
        "A,maintained,yes,passed,yes,yes,2018-09-01,passed\n",
        encoding="utf-8",
    )
    result = run_in_process("audit", str(roster), "--as-of", "2026-11-30", "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["overdue"] == 0 and data["summary"]["cant_tell"] == 1
    assert data["rows"][0]["situation"] == "cant_tell" and data["rows"][0]["overdue"] is False


def test_3_failed_assessment_two_months_before_the_deadline_is_at_risk(rules: Rules, person: Person) -> None:
    profile = person(setting="maintained", npq="failed", senco_since=D(2024, 1, 31))
    report = assess(profile, rules, AS_OF)
    assert report.deadline.date == D(2027, 1, 31)
    assert report.situation == "at_risk" and "resubmission_after_deadline" in codes(report)
    plan = make_plan(profile, rules, AS_OF)
    assert plan.exit_code == 1 and plan.situation == "at_risk"


def test_4_registered_without_a_cohort_is_assumed_on_the_cohort_whose_registration_was_open(
    rules: Rules, person: Person
) -> None:
    report = assess(person(setting="maintained", npq="registered", senco_since=D(2026, 1, 5)), rules, AS_OF)
    assert report.expected_result == D(2028, 9, 1)  # Autumn 2026, not Autumn 2027
    assert report.situation == "on_track"
    assumed = next(n for n in report.notices if n.code == "cohort_assumed")
    assert assumed.level == "check" and "Autumn 2026" in assumed.text


def test_5_earlier_service_judges_at_risk_against_the_earliest_reading(
    rules: Rules, person: Person, tmp_path: Path
) -> None:
    profile = person(setting="maintained", previous_senco_months=10, senco_since=D(2026, 9, 1))
    report = assess(profile, rules, AS_OF)
    assert report.deadline.date == D(2029, 9, 1) and report.deadline.other_reading == D(2028, 11, 1)
    assert report.situation == "at_risk"
    # Autumn 2026 (started 1 November) would still be in time on the earlier reading.
    assert report.next_action is not None and report.next_action.code == "late_join"
    plan = make_plan(profile, rules, AS_OF)
    assert plan.exit_code == 1
    readings = {m.id: m for m in plan.milestones if m.kind == "deadline"}
    assert readings["deadline"].check and readings["deadline_other_reading"].date == D(2028, 11, 1)
    path = tmp_path / "p.toml"
    path.write_text(
        tomli_w.dumps(
            {
                "format": 1,
                "qualifications": {"qts": True, "induction": "passed"},
                "role": {
                    "senco": "yes",
                    "senco_since": D(2026, 9, 1),
                    "previous_senco_months": 10,
                    "teaches_at_school": True,
                },
                "school": {"setting": "maintained"},
            }
        ),
        encoding="utf-8",
    )
    checked = json.loads(
        run_in_process("check", "--profile", str(path), "--as-of", "2026-11-30", "--format", "json").stdout
    )
    assert checked["situation"] == "at_risk" and checked["at_risk"] is True


def test_6_an_expected_result_date_that_has_passed_is_said(rules: Rules, person: Person) -> None:
    report = assess(
        person(setting="maintained", npq="awaiting_result", npq_started=D(2024, 11, 4)), rules, AS_OF
    )
    passed = next(n for n in report.notices if n.code == "result_date_passed")
    assert passed.dates == {"result_by": D(2026, 9, 4)} and "ask your provider" in passed.text


def test_7_a_senco_not_working_as_a_teacher_there_is_in_breach(rules: Rules, person: Person) -> None:
    report = assess(person(setting="maintained", teaches_at_school=False), rules, AS_OF)
    assert report.can_be_designated is False and report.situation == "in_breach"
    post = next(s for s in report.steps if s.id == "teaching_post")
    assert post.title == "Work as a teacher at the school" and "without a class timetable" in post.detail


def test_8_a_special_school_has_no_legal_requirement_whatever_the_npq(rules: Rules, person: Person) -> None:
    for npq in ("studying", "none"):
        report = assess(person(setting="special", npq=npq, npq_started=D(2026, 11, 1)), rules, AS_OF)
        assert report.situation == "not_required" and report.exit_code == 0, npq


def test_9_a_head_is_told_to_talk_to_the_governing_body(rules: Rules, person: Person) -> None:
    report = assess(person(head_teacher=True, senco_since=D(2025, 9, 1)), rules, AS_OF)
    assert report.situation == "at_risk"
    assert not any("your head teacher" in w for w in report.warnings)
    assert any("governing body or trust" in w for w in report.warnings)


def test_10_an_independent_school_senco_sees_the_npq_price_as_optional(rules: Rules, person: Person) -> None:
    report = assess(person(setting="independent"), rules, AS_OF)
    item = next(i for i in report.costs if i.id == "npq_senco")
    assert "optional" in item.label and item.max_gbp and item.max_gbp > 0
    assert report.situation == "not_required"


def test_11_the_late_join_hint_says_when_that_cohort_is_also_too_late(rules: Rules, person: Person) -> None:
    """Both the cohort that has just started and the next intake finish after the deadline:
    the next action is still the sooner result (it pointed at the next intake, a year
    later), and the notice says that cohort is late too."""
    report = assess(person(setting="maintained", senco_since=D(2025, 6, 1)), rules, AS_OF)
    assert "recent_cohort_also_late" in codes(report) and "recent_cohort_join" not in codes(report)
    action = report.next_action
    assert action is not None and action.code == "late_join"
    assert report.deadline.date is not None and report.expected_result is not None
    assert action.fallback is not None and "Autumn 2027" in action.fallback


@settings(max_examples=300, deadline=None)
@given(
    since=st.dates(dt.date(2023, 1, 1), dt.date(2026, 11, 28)),
    day=st.dates(dt.date(2026, 9, 1), dt.date(2027, 3, 1)),
)
def test_the_next_action_never_points_at_a_later_result_than_one_open(
    rules: Rules, since: dt.date, day: dt.date
) -> None:
    """Whatever the deadline, a person who has not begun the NPQ is pointed at the soonest
    result open to them: a late join when a cohort that has just started finishes before
    the next intake, else the next intake."""
    from senco_cli.dates import add_months
    from senco_cli.logic.npq_timing import recent_cohorts

    report = assess(Profile(qts=True, induction="passed", teaches_at_school=True, senco="yes",
                            senco_since=since, setting="maintained", in_england=True,
                            npq="none", supports_npq=True), rules, day)  # fmt: skip
    action = report.next_action
    if action is None or report.expected_result is None:
        return
    months = rules.course.number("months_to_result_max")
    recent = [add_months(c.starts, months) for c in recent_cohorts(rules, day)]
    late_join_sooner = bool(recent) and min(recent) < report.expected_result
    too_late = report.deadline.date is not None and report.expected_result > report.deadline.date
    if action.code == "register":
        assert not (too_late and late_join_sooner), (since, day)
    if action.code == "late_join":
        assert late_join_sooner


def test_12_a_result_on_the_deadline_day_has_no_margin(rules: Rules, person: Person) -> None:
    report = assess(
        person(setting="maintained", npq="studying", npq_cohort="2026-autumn", senco_since=D(2025, 9, 1)),
        rules,
        AS_OF,
    )
    assert report.expected_result == report.deadline.date == D(2028, 9, 1)
    assert report.situation == "on_track" and "no_margin" in codes(report)


def test_next_action_to_register_carries_its_dates_and_the_lead_providers(
    rules: Rules, person: Person
) -> None:
    report = assess(person(setting="maintained", senco_since=D(2026, 11, 1)), rules, AS_OF)
    action = report.next_action
    assert action is not None and action.code == "register"
    assert (action.by, action.opens, action.opens_estimated) == (D(2027, 11, 1), D(2027, 6, 23), True)
    assert "Best Practice Network" in action.providers
    plan = make_plan(person(setting="maintained", senco_since=D(2026, 11, 1)), rules, AS_OF)
    register = plan.milestone("register_npq")
    assert register is not None and register.kind == "estimate" and register.date == D(2027, 6, 23)
    assert plan.next_action == action


def test_costs_words_a_date_with_no_cohort_the_same_in_every_format() -> None:
    """Issue 20 §4: with no cohort at all, no format says "not announced for this cohort"."""
    said = "No NPQ cohort starting on or after 1 January 2028 is known yet"
    data = json.loads(run_in_process("costs", "--as-of", "2028-01-01", "--format", "json").stdout)
    notes = data["funding"]["notices"]
    assert [n["code"] for n in notes] == ["costs_no_cohort"] and notes[0]["dates"] == {"starts": "2028-01-01"}
    for form in ("text", "markdown", "html"):
        out = run_in_process("costs", "--as-of", "2028-01-01", "--format", form).stdout
        assert said in " ".join(out.split()), form
        assert "for this cohort" not in out, form


def test_rules_without_words_for_a_notice_or_a_sentence_are_refused_at_load(tmp_path: Path) -> None:
    for table in ("notices.no_margin", "sentences.duty_held", "sentences.milestone_deadline"):
        data = tmp_path / table
        shutil.copytree(SHIPPED_RULES, data)
        wording = data / "wording.toml"
        text = wording.read_text(encoding="utf-8")
        start = text.index(f"[{table}]")
        end = text.index("\n[", start + 1)
        wording.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
        result = run_senco(
            "check", "--profile", str(EXAMPLES / "new-senco.toml"), env={"SENCO_DATA_DIR": str(data)}
        )
        assert result.returncode == 2, table
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"data/wording.toml: {table}: is missing: " in lines[0], lines


def test_the_calendar_carries_the_next_action_and_marks_a_late_result(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        tomli_w.dumps(
            {
                "format": 1,
                "qualifications": {"qts": True, "induction": "passed"},
                "role": {"senco": "yes", "senco_since": D(2026, 9, 1), "previous_senco_months": 10},
                "school": {"setting": "maintained"},
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "plan.ics"
    result = run_in_process(
        "plan", "--profile", str(profile), "--as-of", "2026-11-30", "--format", "ics", "--output", str(out)
    )
    assert result.returncode == 1
    from icalendar import Calendar

    events = {str(e.get("uid")).split("-")[0]: e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert {"late_join", "register_npq", "deadline_other_reading", "npq_result"} <= set(events)
    assert "Estimate" in str(events["register_npq"].get("description"))
    assert events["register_npq"].decoded("dtstart") == D(2027, 6, 23)
    assert "after the deadline" in str(events["npq_result"].get("summary"))
    assert "after the deadline" in str(events["npq_result"].get("description"))


def test_a_nasenco_still_being_studied_is_not_held_so_a_passed_deadline_is_overdue(
    rules: Rules, person: Person
) -> None:
    """Only a passed NASENCO with no dates leaves "held" open; one still studied is not held."""
    report = assess(person(nasenco="studying", senco_since=D(2010, 1, 1)), rules, AS_OF)
    assert report.situation == "overdue" and report.deadline.overdue


def said_to_ask(report: Report) -> int:
    """How often the next action and the notes beside it tell the person to ask a lead provider."""
    action = report.next_action
    said = [action.text if action else "", *report.warnings]
    return sum(text.lower().count("ask a lead provider") for text in said)


def test_the_late_join_is_said_once_with_the_providers_to_ask(rules: Rules, person: Person) -> None:
    """Issue 23: the AT RISK opening's Next line and the warning under it both told the person
    to ask a lead provider about the cohort that had just started. The Next line says it, with
    the lead providers to ask and the fallback; no warning repeats it. Also once the deadline
    has passed (joining late is then the soonest result)."""
    at_risk = assess(person(setting="academy", senco_since=D(2025, 9, 1)), rules, AS_OF)
    overdue = assess(person(setting="academy", senco_since=D(2022, 9, 1)), rules, AS_OF)
    assert (at_risk.situation, overdue.situation) == ("at_risk", "overdue")
    for report in (at_risk, overdue):
        action = report.next_action
        assert action is not None and action.code == "late_join"
        assert said_to_ask(report) == 1
        assert rules.provider_names() in action.text
        assert not {"recent_cohort_join", "recent_cohort_soonest"} & set(codes(report))
        first = opening(report)
        assert first.next_action is not None and "If not: register" in first.next_action
        assert not any("lead provider" in warning for warning in first.urgent)


FROZEN = load_rules(FROZEN_RULES)


@settings(max_examples=60, deadline=None)
@given(
    since=st.dates(D(2021, 1, 1), D(2026, 11, 30)),
    previous=st.sampled_from([None, 0, 6, 13, 30]),
    npq=st.sampled_from(["none", "withdrawn", "registered"]),
)
def test_no_report_tells_the_person_twice_to_ask_a_lead_provider(
    since: dt.date, previous: int | None, npq: str
) -> None:
    changes = {"setting": "academy", "senco_since": since, "previous_senco_months": previous, "npq": npq}
    report = assess(Profile(**{**BASE, **changes}), FROZEN, AS_OF)  # type: ignore[arg-type]
    assert said_to_ask(report) <= 1, report.warnings


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"npq_funded_before": False}, "DfE funding for you: funded;"),
        ({"npq_funded_before": True}, "DfE funding for you: not funded;"),
        ({"npq_funded_before": None}, "DfE funding for you: unknown;"),
    ],
)
def test_the_late_join_says_the_persons_own_funding_for_that_cohort(
    rules: Rules, person: Person, answers: dict[str, Any], said: str
) -> None:
    """A funded cohort is not funded for everyone: DfE does not fund the NPQ twice, so a
    person it funded before is told 'not funded' for the cohort to join late, as the funding
    verdict for that cohort says (it said 'funded' for everyone)."""
    profile = person(setting="academy", senco_since=D(2025, 9, 1), **answers)
    report = assess(profile, rules, AS_OF)
    action = report.next_action
    assert action is not None and action.code == "late_join" and said in action.text
    joined = decide_funding(profile._replace(npq_cohort="2026-autumn"), rules, AS_OF)
    assert f"DfE funding for you: {FUNDING_WORDS[joined.status][1]};" in action.text
