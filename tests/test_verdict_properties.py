"""Properties of the one verdict, over generated profiles on the frozen rules: where a
person stands is decided once, agrees across check, plan and audit, and follows the law."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senco_cli.audit.rows import assess_row
from senco_cli.logic.assess import assess
from senco_cli.logic.plan import make_plan
from senco_cli.logic.report import Report
from senco_cli.profile.model import INDUCTION, KEY_PATHS, NASENCO, NPQ, Profile
from senco_cli.render.opening import opening
from senco_cli.roster.csv_records import Record
from senco_cli.roster.sheet import Sheet
from senco_cli.rules.load import load_rules

from conftest import FROZEN_RULES

RULES = load_rules(FROZEN_RULES)
KNOWN = RULES.vocabulary()
AS_OF_DATES = (dt.date(2026, 11, 30), dt.date(2025, 3, 1), dt.date(2027, 12, 1))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CHECKS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def dates(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


@st.composite
def people(draw: st.DrawFn) -> tuple[Profile, dt.date]:
    """A plausible person and the day they are judged on: every answer may be missing."""
    as_of = draw(st.sampled_from(AS_OF_DATES))
    booleans = maybe(st.booleans())
    nasenco_started = draw(maybe(dates(dt.date(2015, 1, 1), as_of)))
    nasenco_awarded = draw(maybe(dates(nasenco_started or dt.date(2015, 1, 1), as_of)))
    profile = Profile(
        has_trn=draw(booleans),
        qts=draw(booleans),
        qtls=draw(booleans),
        set_member=draw(booleans),
        induction=draw(maybe(st.sampled_from(INDUCTION))),
        npq=draw(maybe(st.sampled_from(NPQ))),
        npq_started=draw(maybe(dates(dt.date(2024, 9, 1), as_of))),
        npq_cohort=draw(maybe(st.sampled_from([c.id for c in RULES.cohorts]))),
        npq_funded_before=draw(booleans),
        nasenco=draw(maybe(st.sampled_from(NASENCO))),
        nasenco_started=nasenco_started,
        nasenco_awarded=nasenco_awarded,
        senco=draw(maybe(st.sampled_from(("yes", "planning", "no")))),
        senco_since=draw(maybe(dates(dt.date(2005, 1, 1), as_of))),
        previous_senco_months=draw(maybe(st.integers(0, 24))),
        head_teacher=draw(booleans),
        teaches_at_school=draw(booleans),
        setting=draw(maybe(st.sampled_from(sorted(RULES.settings)))),
        in_england=draw(booleans),
        supports_npq=draw(booleans),
    )
    return profile, as_of


@st.composite
def bound_sencos(draw: st.DrawFn) -> tuple[Profile, dt.date]:
    """A designated SENCO who can be designated at a school the law binds: the people whose
    deadline and NPQ timing decide the situation, often with earlier service (two readings)."""
    profile, as_of = draw(people())
    bound = sorted(key for key, setting in RULES.settings.items() if setting.statutory)
    since = draw(dates(dt.date(2022, 1, 1), as_of))
    return (
        profile._replace(
            setting=draw(st.sampled_from(bound)),
            in_england=True,
            senco="yes",
            senco_since=since,
            qts=True,
            induction="passed",
            teaches_at_school=True,
            previous_senco_months=draw(st.integers(0, 12)),
            nasenco=draw(st.sampled_from((None, "none"))),
        ),
        as_of,
    )


anyone = st.one_of(people(), bound_sencos())


def judged(person: tuple[Profile, dt.date]) -> Report:
    profile, as_of = person
    return assess(profile, RULES, as_of)


def role(report: Report, person: tuple[Profile, dt.date]) -> str | None:
    profile = person[0]
    return "yes" if profile.senco is None and profile.senco_since is not None else profile.senco


@CHECKS
@given(anyone)
def test_in_breach_exactly_when_a_bound_designated_senco_cannot_be_designated(
    person: tuple[Profile, dt.date],
) -> None:
    report = judged(person)
    breach = report.statutory is True and role(report, person) == "yes" and report.can_be_designated is False
    assert (report.situation == "in_breach") is breach
    if breach:
        assert report.exit_code == 1 and make_plan(*person[:1], RULES, person[1]).exit_code == 1


@CHECKS
@given(anyone)
def test_check_plan_and_audit_agree_on_the_situation_and_the_next_action(
    person: tuple[Profile, dt.date],
) -> None:
    profile, as_of = person
    report = judged(person)
    plan = make_plan(profile, RULES, as_of)
    assert plan.situation == report.situation and plan.next_action == report.next_action
    assert plan.exit_code == (1 if report.situation in ("in_breach", "overdue", "at_risk") else 0)
    assert report.exit_code == (0 if report.situation in ("ready", "not_required") else 1)
    columns: list[str | None] = []
    cells: list[str] = []
    for key, value in profile.answers().items():
        columns.append(KEY_PATHS[key])
        cells.append(("yes" if value else "no") if isinstance(value, bool) else str(value))
    row = assess_row(Record(2, cells), Sheet("r.csv", columns, KNOWN, as_of), RULES)
    if row.status != "invalid":
        assert row.situation == report.situation
        action = report.next_action
        assert (row.next_action, row.next_by) == ((action.code, action.by) if action else (None, None))
        assert row.overdue is (report.situation == "overdue")


@CHECKS
@given(anyone)
def test_at_risk_exactly_when_the_result_is_after_the_earliest_deadline_reading(
    person: tuple[Profile, dt.date],
) -> None:
    report = judged(person)
    readings = [d for d in (report.deadline.date, report.deadline.other_reading) if d is not None]
    earliest = min(readings, default=None)
    if report.situation in ("in_breach", "overdue", "not_required"):
        return
    settled = not any(s.code == "nasenco_dates_unknown" for s in report.steps)
    late = earliest is not None and (
        earliest < report.as_of or (report.expected_result is not None and report.expected_result > earliest)
    )
    expected = bool(
        report.statutory is True and not report.qualified and settled and report.deadline.applies and late
    )
    assert (report.situation == "at_risk") is expected
    assert report.at_risk is expected


@CHECKS
@given(anyone)
def test_a_missing_date_never_gives_overdue_or_at_risk(person: tuple[Profile, dt.date]) -> None:
    profile, as_of = person
    without_start = profile._replace(senco="yes", senco_since=None)
    assert assess(without_start, RULES, as_of).situation not in ("overdue", "at_risk")
    nasenco_undated = profile._replace(
        nasenco="passed", nasenco_started=None, nasenco_awarded=None, npq="none"
    )
    report = assess(nasenco_undated, RULES, as_of)
    if RULES.law["nasenco_transition"].in_force(as_of):
        assert report.situation not in ("overdue", "at_risk") and not report.deadline.overdue


@CHECKS
@given(anyone)
def test_a_setting_the_law_does_not_bind_is_never_not_ready(person: tuple[Profile, dt.date]) -> None:
    report = judged(person)
    if report.statutory is False:
        assert report.situation == "not_required" and report.exit_code == 0 and report.ready


@CHECKS
@given(anyone)
def test_qualified_or_exempt_is_said_only_when_true(person: tuple[Profile, dt.date]) -> None:
    report = judged(person)
    code = next(s.code for s in report.steps if s.id == "senco_qualification")
    deadline = opening(report).deadline
    assert "already qualified or exempt" not in deadline
    assert ("you hold the SENCO qualification" in deadline) == (code in ("npq_passed", "nasenco_counts"))
    assert ("exempt from the SENCO qualification duty" in deadline) == (code == "duty_not_binding")


@CHECKS
@given(anyone)
def test_a_head_is_never_told_to_talk_to_the_head(person: tuple[Profile, dt.date]) -> None:
    profile, as_of = person
    head = profile._replace(head_teacher=True)
    report = assess(head, RULES, as_of)
    plan = make_plan(head, RULES, as_of)
    for text in (*report.warnings, *plan.warnings):
        assert "head teacher now" not in text and "Talk to your head teacher" not in text


@CHECKS
@given(anyone)
def test_every_date_in_notices_is_iso(person: tuple[Profile, dt.date]) -> None:
    report = judged(person)
    plan = make_plan(person[0], RULES, person[1])
    for notice in (*report.notices, *plan.notices):
        shown = notice.as_json()
        assert set(shown) == {"code", "level", "text", "dates"}
        assert shown["level"] in ("urgent", "check", "info")
        for value in shown["dates"].values():
            assert ISO_DATE.match(value) and dt.date.fromisoformat(value)
    assert [n.text for n in report.notices] == list(report.warnings)


# Anyone, made a SENCO who has not begun the NPQ and was appointed when a late join can be
# the answer (the deadline falls after the cohort that has just started would finish).
racing = st.tuples(anyone, dates(dt.date(2024, 6, 1), dt.date(2026, 6, 1))).map(
    lambda drawn: (
        drawn[0][0]._replace(
            senco="yes", senco_since=drawn[1], npq="none", npq_cohort=None, qts=True, induction="passed"
        ),
        dt.date(2026, 11, 30),
    )
)


@CHECKS
@given(racing)
def test_a_late_join_says_the_persons_own_funding_for_the_cohort_it_names(
    person: tuple[Profile, dt.date],
) -> None:
    """The cohort to join late is funded as a cohort; what the Next line says of funding is
    this person's verdict for it (funded before, not in England, a setting DfE does not fund)."""
    from senco_cli.logic.funding import decide_funding
    from senco_cli.text import FUNDING_WORDS

    profile, as_of = person
    action = judged(person).next_action
    if action is None or action.code != "late_join":
        return
    (cohort,) = [c for c in RULES.cohorts if f"join {c.label} (" in action.text]
    verdict = decide_funding(profile._replace(npq_cohort=cohort.id), RULES, as_of)
    assert f"DfE funding for you: {FUNDING_WORDS[verdict.status][1]};" in action.text
