"""The SENCO qualification: does the qualification duty (3 years in today's rules) apply,
by when, and is it met."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.dates import add_months, add_years, long_date, months_between, ordinal
from senco_cli.logic.memo import by_answers, once_per_day, remembered_elsewhere
from senco_cli.logic.notices import Notice, notice, say
from senco_cli.logic.npq_timing import NPQ_UNDER_WAY, npq_timing
from senco_cli.logic.report import Deadline, Step
from senco_cli.logic.scope import Scope
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Rules, Setting, Source, StepStatus
from senco_cli.rules.vocab import SentenceCode, StepCode


class Duty(NamedTuple):
    """Whether reg 49(4) applies, and the deadline it gives."""

    applies: bool | None  # None: the answers do not settle it
    exempt: bool  # exempt for certain
    deadline: dt.date | None
    basis: str
    uncertain: tuple[Notice, ...] = ()  # why the tool says `check` rather than deciding
    notes: tuple[Notice, ...] = ()  # what the person should know, without changing the status
    other_reading: dt.date | None = None  # the deadline on a second reading of the law


class Outcome(NamedTuple):
    step: Step
    qualified: bool
    deadline: Deadline
    notices: tuple[Notice, ...]
    settled: bool = True  # False: a qualification held may count, but the answers do not say


def _nasenco_counts(profile: Profile, rules: Rules, as_of: dt.date) -> bool | None:
    """Does a passed NASENCO count under the 2024 transition rule? None: not settled."""
    if profile.nasenco != "passed":
        return False
    fixed = _fixed(rules, as_of)
    if not fixed.nasenco_rule_in_force:
        return True  # before the 2024 rule, a NASENCO was the qualification
    if profile.nasenco_started is None:
        # A course completed before the start cut-off was necessarily begun before it (SI 2024/535 reg 2).
        awarded = profile.nasenco_awarded
        return True if awarded is not None and awarded < fixed.nasenco_started_before else None
    if profile.nasenco_started >= fixed.nasenco_started_before:
        return False
    if profile.nasenco_awarded is not None:
        return profile.nasenco_awarded < fixed.nasenco_completed_before
    # Passed by as_of; if as_of is before the cut-off, so was the award.
    return True if as_of < fixed.nasenco_completed_before else None


def three_year_duty(
    profile: Profile, rules: Rules, setting: Setting | None, as_of: dt.date, scope: Scope
) -> Duty:
    """Does the SENCO qualification duty of SEND Regulations 2014 reg 49(4) bind this person,
    and by when? The deadline is the third anniversary (`years` in data/law.toml) of becoming
    SENCO, 29 February giving 28 February; SENCOs in post by 1 September 2009 are outside it
    (the 2008 Regulations' rule while it lasted). Where the law reads two ways (earlier SENCO
    service, a setting bound later), the other date is `other_reading` and the reading is a
    `check` notice. `applies` is None when the answers do not settle it."""
    fixed = _fixed(rules, as_of)
    years, limit, applies_from = fixed.years, fixed.previous_limit, fixed.duty_applies_from
    if scope.binds is False:
        return Duty(False, False, None, scope.reason)
    if not fixed.duty_in_force:
        return Duty(False, False, None, say(rules, "duty_from", {"starts": applies_from}))
    planned = profile.senco == "planning" and profile.senco_from is not None
    if planned:  # the clock and the plan run from the planned start
        profile = profile._replace(senco="yes", senco_since=profile.senco_from)
    if profile.senco in ("planning", "no"):
        return Duty(False, False, None, say(rules, "duty_not_senco_yet", years=years))
    if profile.senco is None or profile.senco_since is None:
        return Duty(None, False, None, say(rules, "duty_role_unknown"))
    if setting is None or scope.binds is None:
        return Duty(None, False, None, say(rules, "duty_unknown", basis=scope.reason))
    since = profile.senco_since
    previous = profile.previous_senco_months or 0
    in_post_by = fixed.in_post_by
    bound_from = setting.statutory_from or applies_from
    if since <= in_post_by:
        return _in_post_by_2009(profile, rules, setting, as_of, in_post_by)
    if as_of < bound_from:
        return Duty(
            False,
            False,
            None,
            say(rules, "duty_setting_bound_later", {"starts": bound_from}, setting=setting.label),
        )
    deadline = add_years(since, years)
    anniversary: SentenceCode = "duty_planned_anniversary" if planned else "duty_anniversary"
    basis = say(rules, anniversary, {"first": since}, ordinal_title=fixed.ordinal_title)
    if since.month == 2 and since.day == 29 and deadline.day == 28:
        basis += say(rules, "duty_leap_day", year=deadline.year)
    uncertain: list[Notice] = []
    notes: list[Notice] = []
    other_reading = None
    if since < bound_from:
        other_reading = add_years(bound_from, years)
        basis += say(rules, "duty_bound_later_basis", {"starts": bound_from})
        uncertain.append(
            notice(
                rules,
                "bound_later",
                {"first": since, "starts": bound_from, "deadline": deadline, "other_reading": other_reading},
                setting=setting.label.lower() + "s",
                years=years,
            )
        )
    if previous > limit:
        basis += say(rules, "duty_if_not_exempt")
        uncertain.append(notice(rules, "previous_service_exemption", previous=f"{previous:g}", limit=limit))
    elif profile.previous_senco_months is None:
        notes.append(notice(rules, "previous_service_unanswered", limit=limit))
    elif previous > 0:
        first = add_months(since, -round(previous))
        other_reading = add_years(first, years)
        notes.append(
            notice(
                rules,
                "deadline_two_readings",
                {"first": first, "other_reading": other_reading, "deadline": deadline},
                previous=f"{previous:g}",
                ordinal=ordinal(years),
            )
        )
    return Duty(True, False, deadline, basis, tuple(uncertain), tuple(notes), other_reading)


def _in_post_by_2009(
    profile: Profile, rules: Rules, setting: Setting, as_of: dt.date, in_post_by: dt.date
) -> Duty:
    """SENCOs in post by 1 September 2009: the 2008 Regulations' rule while it lasted, then none."""
    transition = rules.law["transition_2009"]
    limit = rules.law["three_year_duty"].number("previous_service_limit_months")
    service_by_2009 = (profile.previous_senco_months or 0) + months_between(
        profile.senco_since or in_post_by, in_post_by
    )
    maintained = setting.statutory_from is not None and setting.statutory_from <= in_post_by
    if transition.in_force(as_of) and maintained and service_by_2009 <= limit:
        award_by = transition.date("award_by")
        return Duty(
            True,
            False,
            award_by,
            say(rules, "duty_2009_caught", {"starts": in_post_by, "deadline": award_by}, limit=limit),
            uncertain=(notice(rules, "award_2009_secondary"),),
        )
    return Duty(
        False,
        True,
        None,
        say(
            rules,
            "duty_2009_outside",
            {"starts": in_post_by},
            years=rules.law["three_year_duty"].number("years"),
        ),
        notes=(notice(rules, "pre_2009_old_rule", {"starts": in_post_by}, limit=limit),),
    )


def senco_qualification(
    profile: Profile, rules: Rules, setting: Setting | None, as_of: dt.date, scope: Scope
) -> Outcome:
    """The SENCO qualification check (reg 49(4) and (7), SI 2024/535): the NPQ for SENCOs
    passed, or a NASENCO begun before 1 September 2024 and completed before 1 September 2027
    (one completed before 1 September 2024 was begun before it), or exempt from the duty.
    Returns the `senco_qualification` step, whether qualified or exempt, the deadline
    (overdue only when the qualification is known not held) and the duty's notices."""
    duty = three_year_duty(profile, rules, setting, as_of, scope)
    fixed = _fixed(rules, as_of)
    # The step follows from the qualification answers and what the duty settles, not from
    # its dates: it is remembered per those; the deadline is each person's own.
    step, qualified, doubted = qualification_step(
        profile,
        rules,
        as_of,
        scope,
        duty.exempt,
        duty.basis if duty.exempt else "",
        bool(duty.notes),
        duty.applies,
        bool(duty.uncertain),
    )
    settled = step.code not in UNSETTLED
    deadline = _deadline(duty, step.code, as_of, fixed.duty_sources, settled, fixed.held_basis)
    notices = duty.notes + duty.uncertain if doubted else duty.notes
    return Outcome(step, qualified, deadline, notices, settled)


@by_answers(
    "npq", "nasenco", "nasenco_started", "nasenco_awarded", "npq_cohort", "npq_rejoin_cohort", "npq_started"
)
def qualification_step(
    profile: Profile,
    rules: Rules,
    as_of: dt.date,
    scope: Scope,
    exempt: bool,
    exempt_basis: str,
    duty_notes: bool,
    duty_applies: bool | None,
    duty_uncertain: bool,
) -> tuple[Step, bool, bool]:
    """The `senco_qualification` step from the qualification answers and what the duty
    settles (exempt, with `exempt_basis`; whether it has notes, applies, or reads two ways):
    the step, whether qualified or exempt, and whether the duty's uncertainty is the
    person's to check (their notices then join the duty's notes)."""
    fixed = _fixed(rules, as_of)
    sources = fixed.sources_2009 if exempt or duty_notes else fixed.sources

    def step(status: StepStatus, code: StepCode, **values: Any) -> Step:
        title, detail = _filled(rules, code, scope.reason, tuple(values.items()))
        return Step("senco_qualification", status, title, detail, sources, code)

    if profile.npq == "passed":
        return step("done", "npq_passed"), True, False
    nasenco = _nasenco_counts(profile, rules, as_of)
    if nasenco is True:
        return step("done", "nasenco_counts"), True, False
    if exempt:
        return step("not_needed", "duty_not_binding", reason=exempt_basis), True, False

    extra = ""
    step_status: StepStatus
    code: StepCode
    if profile.npq in NPQ_UNDER_WAY:
        timing = npq_timing(profile, rules, as_of)
        if timing is not None:
            extra = say(rules, "npq_expected_by", {"result_by": timing.result_by}, basis=timing.basis)
        step_status = "in_progress"
        code = "npq_registered" if profile.npq == "registered" else "npq_under_way"
        if profile.npq == "deferred":
            code = "npq_deferred"
    elif profile.nasenco == "studying" and profile.nasenco_started is None:
        step_status, code = "check", "nasenco_start_unknown"
    elif (
        profile.nasenco == "studying"
        and profile.nasenco_started is not None
        and profile.nasenco_started < fixed.nasenco_started_before
        and as_of < fixed.nasenco_completed_before
    ):
        step_status, code = "in_progress", "nasenco_finish"
    elif nasenco is None:
        step_status, code = "check", "nasenco_dates_unknown"
    elif scope.binds is False:
        step_status, code = "not_needed", "qualification_not_required_here"
    else:
        step_status, code = "todo", _qualification_todo(profile, fixed.npq_from, as_of)
        if duty_applies is False:
            extra = say(rules, "npq_within_years", years=fixed.years)
    if duty_uncertain and step_status != "in_progress":
        step_status = "check"
    if scope.binds is None and step_status == "todo":
        step_status = "check"
        extra += say(rules, "law_requires_it", reason=scope.reason)
    return step(step_status, code, extra=extra), False, duty_uncertain


class _Fixed(NamedTuple):
    """What the qualification check reads from the rules alike for everyone on a day."""

    years: int
    sources: tuple[Source, ...]  # the step's sources, each once
    sources_2009: tuple[Source, ...]  # with the 2009 transition's, for those it concerns
    duty_sources: tuple[Source, ...]
    held_basis: str
    previous_limit: int  # months of earlier SENCO service beyond which the exemption may apply
    duty_in_force: bool
    duty_applies_from: dt.date
    in_post_by: dt.date  # the 2009 transition's date
    ordinal_title: str  # "Third", for the duty's years
    nasenco_rule_in_force: bool
    nasenco_started_before: dt.date
    nasenco_completed_before: dt.date
    npq_from: dt.date  # the NPQ for SENCOs is the qualification for SENCOs from this date


@once_per_day
def _fixed(rules: Rules, as_of: dt.date) -> _Fixed:
    duty_rule = rules.law["three_year_duty"]
    sources = rules.law["npq_required"].sources + rules.law["nasenco_transition"].sources + duty_rule.sources
    nasenco = rules.law["nasenco_transition"]
    years = duty_rule.number("years")
    return _Fixed(
        years,
        tuple(dict.fromkeys(sources)),
        tuple(dict.fromkeys(sources + rules.law["transition_2009"].sources)),
        duty_rule.sources,
        say(rules, "duty_held"),
        duty_rule.number("previous_service_limit_months"),
        duty_rule.in_force(as_of),
        duty_rule.applies_from,
        rules.law["transition_2009"].date("in_post_by"),
        ordinal(years).capitalize(),
        nasenco.in_force(as_of),
        nasenco.date("started_before"),
        nasenco.date("completed_before"),
        rules.law["npq_required"].applies_from,
    )


_FILLED: dict[tuple[Any, ...], tuple[Rules, tuple[str, str]]] = {}
remembered_elsewhere(_FILLED.clear)


def _filled(
    rules: Rules, code: StepCode, reason: str, values: tuple[tuple[str, Any], ...]
) -> tuple[str, str]:
    """The qualification step's title and detail in the words of `code`; remembered, since a
    roster repeats a few (code, reason, values) thousands of times."""
    key = (id(rules), code, reason, values)
    found = _FILLED.get(key)
    if found is not None and found[0] is rules:
        return found[1]
    transition = rules.law["nasenco_transition"]
    words = {
        "years": rules.law["three_year_duty"].number("years"),
        "reason": reason,
        "started_before": long_date(transition.date("started_before")),
        "completed_before": long_date(transition.date("completed_before")),
        "npq_from": long_date(rules.law["npq_required"].applies_from),
        "extra": "",
        **dict(values),
    }
    filled = rules.wording[code].fill(words)
    if len(_FILLED) >= 4096:
        _FILLED.clear()
    _FILLED[key] = (rules, filled)
    return filled


def _qualification_todo(profile: Profile, npq_from: dt.date, as_of: dt.date) -> StepCode:
    """The code of the qualification still to gain."""
    if as_of < npq_from:
        return "nasenco_gain"
    if profile.npq == "failed":
        return "npq_retake"
    if profile.npq == "withdrawn":
        return "npq_register_again"
    if profile.nasenco in ("studying", "passed"):
        return "npq_take_nasenco_late"
    return "npq_take"


STILL_OPEN: tuple[StepStatus, ...] = ("todo", "in_progress", "check")


def still_needs_npq(step: Step, qualified: bool) -> bool:
    """Still needs the NPQ for SENCOs (or the SENCO qualification): not qualified or exempt,
    and the `senco_qualification` step is open (to do, under way, or to check)."""
    return not qualified and step.status in STILL_OPEN


# The qualification codes where a qualification held may count but the answers do not say.
UNSETTLED = ("nasenco_dates_unknown",)  # a NASENCO passed: held, but does it count?
HELD = ("npq_passed", "nasenco_counts")


def _deadline(
    duty: Duty, code: str, as_of: dt.date, sources: tuple[Source, ...], settled: bool, held_basis: str
) -> Deadline:
    """The deadline as reported: none once the qualification is held or the duty does not
    bind; `overdue` only when the qualification is known not held."""
    if code in HELD:
        return Deadline(False, None, None, False, held_basis, sources)
    if code == "duty_not_binding":
        return Deadline(False, None, None, False, duty.basis, sources)
    if not duty.applies or duty.deadline is None:
        return Deadline(duty.applies, None, None, False, duty.basis, sources)
    days_left = (duty.deadline - as_of).days
    overdue = days_left < 0 and settled
    return Deadline(True, duty.deadline, days_left, overdue, duty.basis, sources, duty.other_reading)
