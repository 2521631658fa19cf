"""The SENCO qualification: does the qualification duty (3 years in today's rules) apply,
by when, and is it met."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from senco_cli.dates import add_months, add_years, long_date, months_between, ordinal
from senco_cli.logic.npq_timing import NPQ_UNDER_WAY, npq_timing
from senco_cli.logic.report import Deadline, Step
from senco_cli.logic.scope import reg49_scope
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Rules, Setting, Source, StepStatus


class Duty(NamedTuple):
    """Whether reg 49(4) applies, and the deadline it gives."""

    applies: bool | None  # None: the answers do not settle it
    exempt: bool  # exempt for certain
    deadline: dt.date | None
    basis: str
    uncertain: str = ""  # why the tool says `check` rather than deciding
    note: str = ""  # what the person should know, without changing the status
    other_reading: dt.date | None = None  # the deadline on a second reading of the law


class Outcome(NamedTuple):
    step: Step
    qualified: bool
    deadline: Deadline
    warnings: tuple[str, ...]


def _nasenco_counts(profile: Profile, rules: Rules, as_of: dt.date) -> bool | None:
    """Does a passed NASENCO count under the 2024 transition rule? None: not settled."""
    rule = rules.law["nasenco_transition"]
    if profile.nasenco != "passed":
        return False
    if not rule.in_force(as_of):
        return True  # before the 2024 rule, a NASENCO was the qualification
    if profile.nasenco_started is None:
        return None
    if profile.nasenco_started >= rule.date("started_before"):
        return False
    completed_before = rule.date("completed_before")
    if profile.nasenco_awarded is not None:
        return profile.nasenco_awarded < completed_before
    # Passed by as_of; if as_of is before the cut-off, so was the award.
    return True if as_of < completed_before else None


def three_year_duty(profile: Profile, rules: Rules, setting: Setting | None, as_of: dt.date) -> Duty:
    duty = rules.law["three_year_duty"]
    years = duty.number("years")
    limit = duty.number("previous_service_limit_months")
    scope = reg49_scope(profile, setting, years)
    if scope.binds is False:
        return Duty(False, False, None, scope.reason)
    if not duty.in_force(as_of):
        return Duty(
            False, False, None, f"The SENCO qualification duty applies from {long_date(duty.applies_from)}."
        )
    if profile.senco in ("planning", "no"):
        return Duty(
            False,
            False,
            None,
            f"Not a SENCO yet: the {years}-year clock starts on the day you become SENCO.",
        )
    if profile.senco is None or profile.senco_since is None:
        return Duty(
            None,
            False,
            None,
            "Unknown: answer whether and since when you are SENCO (senco check --save me.toml).",
        )
    if setting is None or scope.binds is None:
        return Duty(None, False, None, "Unknown: " + scope.reason)
    since = profile.senco_since
    previous = profile.previous_senco_months or 0
    transition = rules.law["transition_2009"]
    in_post_by = transition.date("in_post_by")
    bound_from = setting.statutory_from or duty.applies_from
    if since <= in_post_by:
        return _in_post_by_2009(profile, rules, setting, as_of, in_post_by)
    if as_of < bound_from:
        return Duty(
            False,
            False,
            None,
            f"The SENCO qualification duty binds this setting ({setting.label}) only from {long_date(bound_from)}.",
        )
    deadline = add_years(since, years)
    basis = f"{ordinal(years).capitalize()} anniversary of becoming SENCO on {long_date(since)}."
    if since.month == 2 and since.day == 29 and deadline.day == 28:
        basis += f" 28 February is used because 29 February {deadline.year} does not exist."
    uncertain: list[str] = []
    notes: list[str] = []
    other_reading = None
    if since < bound_from:
        other_reading = add_years(bound_from, years)
        basis += (
            f" This setting was bound only from {long_date(bound_from)}: the 2008 Regulations covered "
            "maintained schools only."
        )
        uncertain.append(
            f"You became SENCO on {long_date(since)}, before the duty bound {setting.label.lower()}s on "
            f"{long_date(bound_from)}. One reading counts {years} years from your appointment "
            f"({long_date(deadline)}); another from the day the duty bound your school "
            f"({long_date(other_reading)}). Ask your school or local authority which they apply."
        )
    if previous > limit:
        basis += " (if the exemption below does not apply)"
        uncertain.append(
            f"You had {previous:g} months' earlier SENCO service. Read literally, regulation "
            f"49(4) exempts anyone with more than {limit} months' earlier service; DfE describes "
            "the exemption as only for SENCOs appointed before 1 September 2009. Ask your "
            "school or local authority which reading they apply."
        )
    elif profile.previous_senco_months is None:
        notes.append(
            "Check: earlier SENCO service was not answered, so none is counted. With more than "
            f"{limit} months of it at a mainstream state school, the duty may read differently "
            "(answer it with senco check --save me.toml)."
        )
    elif previous > 0:
        first = add_months(since, -round(previous))
        other_reading = add_years(first, years)
        notes.append(
            f"Check: with {previous:g} months' earlier SENCO service, the {ordinal(years)} anniversary can "
            f"also be read from when you first became a SENCO (about {long_date(first)}), giving "
            f"{long_date(other_reading)} instead of {long_date(deadline)}. Plan for the earlier date "
            "unless your school or local authority tells you otherwise."
        )
    return Duty(True, False, deadline, basis, " ".join(uncertain), " ".join(notes), other_reading)


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
            f"In post by {long_date(in_post_by)} with {limit} months' service or less: caught by the 2009 "
            f"Regulations, award due by {long_date(award_by)}.",
            uncertain="The 2009 award date comes from a secondary summary of SI 2009/1387.",
        )
    return Duty(
        False,
        True,
        None,
        f"You became SENCO by {long_date(in_post_by)}: regulation 49(4) covers only SENCOs appointed "
        f"after that date, so the {rules.law['three_year_duty'].number('years')}-year qualification "
        "duty does not bind you.",
        note=(
            "Check: under the 2008 Regulations (to 31 August 2014), SENCOs of maintained schools in post "
            f"on {long_date(in_post_by)} with {limit} months' service or less had to gain the "
            "qualification. Regulation 49 did not carry that rule over, and DfE says SENCOs appointed "
            "before 1 September 2009 need not take the NPQ."
        ),
    )


def senco_qualification(profile: Profile, rules: Rules, setting: Setting | None, as_of: dt.date) -> Outcome:
    duty = three_year_duty(profile, rules, setting, as_of)
    years = rules.law["three_year_duty"].number("years")
    scope = reg49_scope(profile, setting, years)
    transition = rules.law["nasenco_transition"]
    npq_rule = rules.law["npq_required"]
    duty_rule = rules.law["three_year_duty"]
    sources = npq_rule.sources + transition.sources + duty_rule.sources
    if duty.exempt or duty.note:
        sources += rules.law["transition_2009"].sources
    warnings: list[str] = [duty.note] if duty.note else []
    words = {
        "years": years,
        "reason": scope.reason,
        "started_before": long_date(transition.date("started_before")),
        "completed_before": long_date(transition.date("completed_before")),
        "npq_from": long_date(npq_rule.applies_from),
        "extra": "",
    }

    def outcome(status: StepStatus, code: str, qualified: bool = False, **values: Any) -> Outcome:
        title, detail = rules.wording[code].fill({**words, **values})
        step = Step("senco_qualification", status, title, detail, tuple(dict.fromkeys(sources)), code)
        return Outcome(step, qualified, _deadline(duty, qualified, as_of, duty_rule.sources), tuple(warnings))

    if profile.npq == "passed":
        return outcome("done", "npq_passed", True)
    nasenco = _nasenco_counts(profile, rules, as_of)
    if nasenco is True:
        return outcome("done", "nasenco_counts", True)
    if duty.exempt:
        return outcome("not_needed", "duty_not_binding", True, reason=duty.basis)

    extra = ""
    step_status: StepStatus
    if profile.npq in NPQ_UNDER_WAY:
        timing = npq_timing(profile, rules, as_of)
        if timing is not None:
            extra = f" Expected by about {long_date(timing.result_by)} (from {timing.basis})."
            if duty.deadline is not None and timing.result_by > duty.deadline:
                warnings.append(
                    f"Your NPQ result is expected around {long_date(timing.result_by)}, after your deadline "
                    f"{long_date(duty.deadline)}: talk to your head teacher now."
                )
        step_status, code = (
            "in_progress",
            "npq_registered" if profile.npq == "registered" else "npq_under_way",
        )
    elif profile.nasenco == "studying" and profile.nasenco_started is None:
        step_status, code = "check", "nasenco_start_unknown"
    elif (
        profile.nasenco == "studying"
        and profile.nasenco_started is not None
        and profile.nasenco_started < transition.date("started_before")
        and as_of < transition.date("completed_before")
    ):
        step_status, code = "in_progress", "nasenco_finish"
    elif nasenco is None:
        step_status, code = "check", "nasenco_dates_unknown"
    elif scope.binds is False:
        step_status, code = "not_needed", "qualification_not_required_here"
    else:
        step_status, code = "todo", _qualification_todo(profile, npq_rule.applies_from, as_of)
        if duty.applies is False:
            extra = f" You must hold it within {years} years of becoming SENCO at a school where regulation 49 applies."
    if duty.uncertain:
        step_status = "check" if step_status != "in_progress" else step_status
        warnings.append(duty.uncertain)
    if scope.binds is None and step_status == "todo":
        step_status = "check"
        extra += " Whether the law requires it: " + scope.reason
    return outcome(step_status, code, extra=extra)


def _qualification_todo(profile: Profile, npq_from: dt.date, as_of: dt.date) -> str:
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


def _deadline(duty: Duty, qualified: bool, as_of: dt.date, sources: tuple[Source, ...]) -> Deadline:
    if qualified:
        return Deadline(False, None, None, False, "Already qualified or exempt.", sources)
    if not duty.applies or duty.deadline is None:
        return Deadline(duty.applies, None, None, False, duty.basis, sources)
    days_left = (duty.deadline - as_of).days
    return Deadline(True, duty.deadline, days_left, days_left < 0, duty.basis, sources, duty.other_reading)
