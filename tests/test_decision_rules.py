"""Each decision rule at its date boundaries, for each setting, and the QTS route rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from senco_cli.dates import add_years
from senco_cli.logic.assess import assess
from senco_cli.logic.report import Report
from senco_cli.profile.model import Profile
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules

from conftest import TODAY, step_status

Person = Callable[..., Profile]
D = dt.date


# ---- reg 49(4): who the three-year duty applies to ------------------------------------


@pytest.mark.parametrize(
    ("since", "previous", "qualified", "deadline", "status"),
    [
        # The day after 1 Sep 2009, 12 months or less earlier service: the duty applies.
        (D(2009, 9, 2), 0, False, D(2012, 9, 2), "todo"),
        (D(2009, 9, 2), 12, False, D(2012, 9, 2), "todo"),
        # In post on or by 1 Sep 2009: regulation 49(4) does not reach them, whatever the service.
        (D(2009, 9, 1), 13, True, None, "not_needed"),
        (D(2009, 8, 31), 13, True, None, "not_needed"),
        (D(2009, 9, 1), 12, True, None, "not_needed"),
        (D(2009, 8, 31), 0, True, None, "not_needed"),
    ],
)
def test_2009_boundary(
    rules: Rules,
    person: Person,
    since: D,
    previous: int,
    qualified: bool,
    deadline: D | None,
    status: str,
) -> None:
    profile = person(setting="maintained", senco_since=since, previous_senco_months=previous)
    report = assess(profile, rules, TODAY)
    assert report.qualified is qualified
    assert report.deadline.date == deadline
    assert report.deadline.applies is (not qualified)
    assert step_status(report, "senco_qualification") == status


def test_pre_2009_senco_is_not_overdue_and_hears_of_the_old_rule(rules: Rules, person: Person) -> None:
    report = assess(
        person(setting="maintained", senco_since=D(2009, 9, 1), previous_senco_months=6), rules, TODAY
    )
    assert report.qualified is True and report.ready and not report.at_risk
    assert report.deadline.overdue is False and report.deadline.date is None
    assert any(w.startswith("Check: under the 2008 Regulations") for w in report.warnings)
    urls = {s.url for s in report.all_sources()}
    assert "https://teacher-cpd.design-history.education.gov.uk/register-for-an-npq/senco-npq" in urls


@pytest.mark.parametrize(("as_of", "applies"), [(D(2014, 8, 31), True), (D(2014, 9, 1), False)])
def test_the_2009_transition_ended_with_the_2008_regulations(
    rules: Rules, person: Person, as_of: D, applies: bool
) -> None:
    profile = person(setting="maintained", senco_since=D(2009, 6, 1), previous_senco_months=0)
    report = assess(profile, rules, as_of)
    assert report.deadline.applies is applies
    if applies:  # while the 2008 Regulations stood: award due September 2012, flagged
        assert report.deadline.date == D(2012, 9, 1)
        assert step_status(report, "senco_qualification") == "check"


def test_pre_2009_academy_senco_was_never_caught(rules: Rules, person: Person) -> None:
    profile = person(setting="academy", senco_since=D(2009, 6, 1), previous_senco_months=0)
    assert assess(profile, rules, D(2012, 1, 1)).deadline.applies is False


def test_day_after_2009_starts_a_three_year_clock(rules: Rules, person: Person) -> None:
    report = assess(
        person(setting="maintained", senco_since=D(2009, 9, 2), previous_senco_months=24), rules, TODAY
    )
    # More than 12 months' earlier service after 2009: the literal exemption is flagged, not decided.
    assert step_status(report, "senco_qualification") == "check"
    assert report.qualified is False
    assert any("literally" in w for w in report.warnings)
    assert report.exit_code == 1


def test_earlier_service_of_12_months_or_less_still_gives_the_duty(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2025, 9, 1), previous_senco_months=12), rules, TODAY)
    assert report.deadline.date == D(2028, 9, 1)
    assert step_status(report, "senco_qualification") == "todo"


# ---- the third anniversary --------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "days_left", "overdue"),
    [(D(2028, 8, 31), 1, False), (D(2028, 9, 1), 0, False), (D(2028, 9, 2), -1, True)],
)
def test_third_anniversary(rules: Rules, person: Person, as_of: D, days_left: int, overdue: bool) -> None:
    report = assess(person(senco_since=D(2025, 9, 1)), rules, as_of)
    assert report.deadline.date == D(2028, 9, 1)
    assert report.deadline.days_left == days_left
    assert report.deadline.overdue is overdue
    assert any("has passed" in w for w in report.warnings) is overdue


def test_29_february_gives_28_february(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2024, 2, 29)), rules, D(2026, 11, 28))
    assert report.deadline.date == D(2027, 2, 28)
    assert report.deadline.days_left == (D(2027, 2, 28) - D(2026, 11, 28)).days


def test_29_february_to_a_leap_year_keeps_29(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2025, 2, 28)), rules, TODAY)
    assert report.deadline.date == D(2028, 2, 28)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_not_yet_senco_has_no_deadline(rules: Rules, person: Person) -> None:
    report = assess(person(senco="planning", senco_since=None), rules, TODAY)
    assert report.deadline.applies is False
    assert report.deadline.date is None and report.deadline.days_left is None


def test_senco_without_a_start_date_is_a_check(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=None), rules, TODAY)
    assert report.deadline.applies is None
    assert step_status(report, "senco_start_date") == "check"


# ---- which qualification counts (1 Sep 2024, 1 Sep 2027) ------------------------------


@pytest.mark.parametrize(
    ("started", "counts"),
    [(D(2024, 8, 31), True), (D(2024, 9, 1), False), (D(2024, 9, 2), False)],
)
def test_nasenco_start_boundary(rules: Rules, person: Person, started: D, counts: bool) -> None:
    profile = person(nasenco="passed", nasenco_started=started, nasenco_awarded=D(2025, 7, 1))
    report = assess(profile, rules, TODAY)
    assert report.qualified is counts
    assert step_status(report, "senco_qualification") == ("done" if counts else "todo")


@pytest.mark.parametrize(
    ("awarded", "counts"),
    [(D(2027, 8, 31), True), (D(2027, 9, 1), False), (D(2027, 9, 2), False)],
)
def test_nasenco_completion_boundary(rules: Rules, person: Person, awarded: D, counts: bool) -> None:
    profile = person(nasenco="passed", nasenco_started=D(2023, 9, 1), nasenco_awarded=awarded)
    report = assess(profile, rules, D(2027, 10, 1))
    assert report.qualified is counts


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(D(2027, 8, 31), "in_progress"), (D(2027, 9, 1), "todo"), (D(2027, 9, 2), "todo")],
)
def test_nasenco_still_studying_at_the_cut_off(rules: Rules, person: Person, as_of: D, status: str) -> None:
    profile = person(nasenco="studying", nasenco_started=D(2024, 1, 10), senco_since=D(2026, 1, 5))
    assert step_status(assess(profile, rules, as_of), "senco_qualification") == status


def test_passed_nasenco_without_award_date_counts_before_the_cut_off(rules: Rules, person: Person) -> None:
    profile = person(nasenco="passed", nasenco_started=D(2023, 9, 1))
    assert assess(profile, rules, D(2026, 1, 1)).qualified is True
    after = assess(profile, rules, D(2027, 9, 1))
    assert after.qualified is False and step_status(after, "senco_qualification") == "check"


def test_npq_passed_is_qualified_and_ready(rules: Rules, person: Person) -> None:
    report = assess(person(npq="passed"), rules, TODAY)
    assert report.qualified and report.ready and report.exit_code == 0
    assert report.deadline.applies is False


def test_npq_under_way_warns_when_the_result_comes_after_the_deadline(rules: Rules, person: Person) -> None:
    profile = person(npq="studying", npq_started=D(2025, 11, 1), senco_since=D(2024, 6, 3))
    report = assess(profile, rules, TODAY)
    assert step_status(report, "senco_qualification") == "in_progress"
    assert any("after your deadline" in w for w in report.warnings)


# ---- reg 49(2)/(3): who may be designated ---------------------------------------------


def test_no_qts_at_a_maintained_school_cannot_be_designated(rules: Rules, person: Person) -> None:
    report = assess(person(qts=False, induction=None, setting="maintained"), rules, TODAY)
    assert step_status(report, "qualified_teacher") == "todo"
    assert step_status(report, "induction") == "todo"
    assert report.can_be_designated is False
    assert report.routes


def test_head_teacher_needs_no_qts(rules: Rules, person: Person) -> None:
    report = assess(
        person(qts=False, head_teacher=True, induction=None, teaches_at_school=None), rules, TODAY
    )
    assert [step_status(report, s) for s in ("qualified_teacher", "induction", "teaching_post")] == [
        "not_needed"
    ] * 3
    assert report.can_be_designated is True
    assert step_status(report, "senco_qualification") == "todo"  # the 3-year duty still applies


def test_eyts_is_not_qts(rules: Rules, person: Person) -> None:
    report = assess(person(qts=False, eyts=True, setting="maintained_nursery"), rules, TODAY)
    teacher = report.steps[0]
    assert teacher.status == "todo" and "not QTS" in teacher.detail


@pytest.mark.parametrize(("set_member", "status"), [(True, "done"), (False, "todo"), (None, "check")])
def test_qtls_counts_only_with_set_membership(
    rules: Rules, person: Person, set_member: bool | None, status: str
) -> None:
    report = assess(person(qts=False, qtls=True, set_member=set_member, induction=None), rules, TODAY)
    assert step_status(report, "qualified_teacher") == status


@pytest.mark.parametrize(
    ("setting", "induction", "status"),
    [
        ("maintained", "in_progress", "in_progress"),
        ("maintained", "not_started", "todo"),
        ("maintained_nursery", "in_progress", "in_progress"),
        ("academy", "in_progress", "check"),
        ("academy", "passed", "done"),
        ("special", "in_progress", "not_needed"),
        ("maintained", "not_required", "not_needed"),
    ],
)
def test_induction_by_setting(
    rules: Rules, person: Person, setting: str, induction: str, status: str
) -> None:
    report = assess(person(setting=setting, induction=induction), rules, TODAY)
    assert step_status(report, "induction") == status


def test_not_teaching_at_the_school(rules: Rules, person: Person) -> None:
    report = assess(person(teaches_at_school=False), rules, TODAY)
    assert step_status(report, "teaching_post") == "todo"
    assert report.can_be_designated is False


STATUTORY = {"maintained", "academy", "maintained_nursery"}


@pytest.mark.parametrize("setting", list(load_rules().settings))
def test_each_setting(rules: Rules, person: Person, setting: str) -> None:
    report = assess(
        person(setting=setting, rtta_referred=False if setting == "other" else None), rules, TODAY
    )
    asked = setting in ("early_years", "sixteen_to_nineteen")
    assert report.statutory is (None if asked else setting in STATUTORY)
    qualification = step_status(report, "senco_qualification")
    if setting in STATUTORY:
        assert qualification == "todo" and report.deadline.applies is True
    elif setting in ("early_years", "sixteen_to_nineteen"):
        # DfE's form invites a school's nursery class or sixth form to choose these: asked, not decided.
        assert qualification == "check" and not report.ready
        answered = assess(person(setting=setting, part_of_school=False), rules, TODAY)
        assert step_status(answered, "senco_qualification") == "not_needed" and answered.ready
    else:
        assert qualification == "not_needed" and report.deadline.applies is False
        assert report.can_be_designated is True and report.ready


def test_missing_setting_is_a_check_not_a_guess(rules: Rules, person: Person) -> None:
    report = assess(person(setting=None, qts=False), rules, TODAY)
    assert report.statutory is None
    assert step_status(report, "qualified_teacher") == "check"
    assert step_status(report, "school_setting") == "check"
    assert report.funding.status == "unknown"
    assert report.can_be_designated is None


# ---- TRN -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "status", "title_word"),
    [
        ({"has_trn": True}, "done", "teacher reference number"),
        ({"has_trn": None}, "done", "QTS"),
        # A missing TRN is advice since DfE's registration dropped its TRN step (June 2026):
        # the step stays, but never counts against readiness.
        ({"has_trn": False}, "not_needed", "Find your TRN"),
        (
            {"has_trn": False, "qts": False, "eyts": False, "teaching_years": 0, "induction": None},
            "not_needed",
            "Request a TRN",
        ),
        ({"has_trn": None, "qts": None}, "not_needed", "teacher reference number"),
    ],
)
def test_trn(rules: Rules, person: Person, changes: dict[str, object], status: str, title_word: str) -> None:
    trn = next(s for s in assess(person(**changes), rules, TODAY).steps if s.id == "trn")
    assert trn.status == status and title_word in trn.title


# ---- routes to QTS ---------------------------------------------------------------------


def route_ids(report: Report) -> set[str]:
    return {route.id for route in report.routes}


NO_QTS = dict(qts=False, induction=None, setting="maintained", has_trn=None)


def test_unqualified_graduate_teacher_in_two_schools_gets_assessment_only(
    rules: Rules, person: Person
) -> None:
    report = assess(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=2), rules, TODAY)
    assert {"assessment_only", "postgraduate_apprenticeship", "pgce", "school_led"} <= route_ids(report)
    assert not route_ids(report) & {
        "undergraduate_qts",
        "teacher_degree_apprenticeship",
        "apply_for_qts",
    }


def test_one_school_is_not_enough_for_assessment_only(rules: Rules, person: Person) -> None:
    report = assess(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=1), rules, TODAY)
    assert "assessment_only" not in route_ids(report)


def test_graduate_not_teaching_gets_pgce_and_school_led(rules: Rules, person: Person) -> None:
    report = assess(person(**NO_QTS, unqualified_teacher=False), rules, TODAY)
    assert route_ids(report) == {"pgce", "school_led"}


def test_non_graduate_gets_degree_routes(rules: Rules, person: Person) -> None:
    report = assess(person(**NO_QTS, degree=False, unqualified_teacher=False), rules, TODAY)
    assert route_ids(report) == {"undergraduate_qts", "teacher_degree_apprenticeship"}


def test_teacher_degree_apprenticeship_starts_autumn_2025(rules: Rules, person: Person) -> None:
    profile = person(**NO_QTS, degree=False, unqualified_teacher=False)
    assert "teacher_degree_apprenticeship" not in route_ids(assess(profile, rules, D(2025, 8, 31)))
    assert "teacher_degree_apprenticeship" in route_ids(assess(profile, rules, D(2025, 9, 1)))


def test_qualified_abroad_gets_apply_for_qts(rules: Rules, person: Person) -> None:
    assert "apply_for_qts" in route_ids(assess(person(**NO_QTS, qualified_abroad=True), rules, TODAY))


def test_outside_england_gets_iqts(rules: Rules, person: Person) -> None:
    assert "iqts" in route_ids(assess(person(**NO_QTS, in_england=False), rules, TODAY))


def test_fe_teacher_gets_qtls(rules: Rules, person: Person) -> None:
    fe_teacher = {**NO_QTS, "setting": "sixteen_to_nineteen", "senco": "planning"}
    report = assess(person(**fe_teacher), rules, TODAY)
    assert "qtls" in route_ids(report)


def test_no_gcse_rules_out_training_routes(rules: Rules, person: Person) -> None:
    report = assess(person(**NO_QTS, gcse_english_maths=False), rules, TODAY)
    assert route_ids(report) == set()
    assert "GCSE" in report.steps[0].detail


@pytest.mark.parametrize(
    ("as_of", "fee"), [(D(2025, 6, 1), 9535), (D(2025, 9, 2), 9790), (D(2026, 11, 28), 10050)]
)
def test_pgce_fee_is_the_cap_for_the_next_september(rules: Rules, person: Person, as_of: D, fee: int) -> None:
    report = assess(person(**NO_QTS), rules, as_of)
    pgce = next(r for r in report.routes if r.id == "pgce")
    assert (pgce.min_gbp, pgce.max_gbp) == (fee, fee)


def test_no_routes_once_qualified(rules: Rules, person: Person) -> None:
    assert assess(person(), rules, TODAY).routes == ()


# ---- costs and funding in the report ----------------------------------------------------


def test_funded_npq_costs_nothing_and_is_not_guaranteed(rules: Rules, person: Person) -> None:
    report = assess(person(npq_cohort="2026-autumn"), rules, TODAY)
    assert report.funding.status == "funded"
    assert "not guaranteed" in report.funding.reason
    npq = next(item for item in report.costs if item.id == "npq_senco")
    assert (npq.min_gbp, npq.max_gbp, npq.payer) == (0, 0, "dfe")


def test_unfunded_npq_costs_the_provider_price(rules: Rules, person: Person) -> None:
    report = assess(
        person(npq_cohort="2026-autumn", setting="independent", senco_since=None, senco="planning"),
        rules,
        TODAY,
    )
    assert report.funding.status == "not_funded"
    # Not statutory, so the qualification is not a remaining step and costs nothing here.
    assert all(item.id != "npq_senco" for item in report.costs)
    report = assess(person(npq_cohort="2026-spring"), rules, TODAY)
    npq = next(item for item in report.costs if item.id == "npq_senco")
    assert (npq.min_gbp, npq.max_gbp, npq.payer) == (1265, 1265, "you_or_school")


def test_default_cohort_is_the_next_to_start(rules: Rules, person: Person) -> None:
    assert assess(person(), rules, D(2026, 10, 31)).funding.cohort == "2026-autumn"
    assert assess(person(), rules, D(2026, 11, 1)).funding.cohort == "2026-autumn"
    later = assess(person(), rules, D(2026, 11, 2)).funding
    assert later.cohort == "2027-autumn" and later.status == "unknown"


def test_no_known_cohort_gives_unknown(rules: Rules, person: Person) -> None:
    funding = assess(person(), rules, D(2028, 1, 1)).funding
    assert (funding.status, funding.cohort) == ("unknown", None)


def test_next_cohort_too_late_for_the_deadline_is_warned(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2025, 1, 6)), rules, D(2026, 10, 1))
    assert any("cannot finish on the standard schedule" in w for w in report.warnings)


def test_stale_data_warning(rules: Rules, person: Person) -> None:
    """Warned from the day after the review is STALE_AFTER_MONTHS old, and not before."""
    from senco_cli.dates import add_months
    from senco_cli.rules.model import STALE_AFTER_MONTHS

    last_fresh = add_months(rules.reviewed, STALE_AFTER_MONTHS)
    warned = {
        day: any(f"last reviewed on {rules.reviewed}" in w for w in assess(person(), rules, day).warnings)
        for day in (rules.reviewed, last_fresh, last_fresh + dt.timedelta(days=1))
    }
    assert list(warned.values()) == [False, False, True]


def test_remembered_routes_key_on_every_answer_a_condition_reads() -> None:
    from senco_cli.logic.routes import route_answers
    from senco_cli.rules.load import CONDITIONS

    read = {
        {"min_schools_taught_in": "schools_taught_in", "setting_in": "setting"}.get(k, k) for k in CONDITIONS
    }
    assert read <= set(route_answers())


def test_remembered_routes_follow_the_answers(rules: Rules, person: Person) -> None:
    two = assess(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=2), rules, TODAY)
    one = assess(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=1), rules, TODAY)
    again = assess(person(**NO_QTS, unqualified_teacher=True, schools_taught_in=2), rules, TODAY)
    assert "assessment_only" in route_ids(two) and "assessment_only" not in route_ids(one)
    assert route_ids(again) == route_ids(two)


def test_regulation_49_applies_in_england_only(rules: Rules, person: Person) -> None:
    report = assess(
        person(setting="maintained", in_england=False, qts=False, induction=None, npq_cohort="2026-autumn"),
        rules,
        TODAY,
    )
    assert report.statutory is False and report.deadline.applies is False
    assert step_status(report, "qualified_teacher") == "check"  # it depends on where they will be SENCO
    assert "England only" in report.steps[0].detail and "iqts" in route_ids(report)
    assert step_status(report, "senco_qualification") == "not_needed"
    assert report.funding.status == "not_funded" and report.funding.reason_code == "NOT_IN_ENGLAND"
