"""The SENCO qualification: does the three-year duty apply, by when, and is it met."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from senco_cli.dates import add_months, add_years, months_between
from senco_cli.profile import Profile
from senco_cli.report import Deadline, Step
from senco_cli.rules import Rules, Setting, Source

NPQ_UNDER_WAY = ("registered", "studying", "awaiting_result")


class Duty(NamedTuple):
    """Whether reg 49(4) applies, and the deadline it gives."""

    applies: bool | None  # None: the answers do not settle it
    exempt: bool  # exempt for certain
    deadline: dt.date | None
    basis: str
    uncertain: str = ""  # why the tool says `check` rather than deciding


class Outcome(NamedTuple):
    step: Step
    qualified: bool
    deadline: Deadline
    warnings: tuple[str, ...]


def reg49_binds(profile: Profile, setting: Setting | None) -> bool | None:
    """Does regulation 49 bind this person's post? None until the setting is known."""
    if profile.in_england is False:
        return False
    return None if setting is None else setting.statutory


def not_bound_reason(profile: Profile, setting: Setting | None) -> str:
    if profile.in_england is False:
        return "Regulation 49 (SEND Regulations 2014) applies in England only."
    label = setting.label if setting else "this setting"
    return f"Regulation 49 does not bind this setting ({label})."


def _nasenco_counts(profile: Profile, rules: Rules, as_of: dt.date) -> bool | None:
    """Does a passed NASENCO count under the 2024 transition rule? None: not settled."""
    rule = rules.law["nasenco_transition"]
    if profile.nasenco != "passed":
        return False
    if profile.nasenco_started is None:
        return None
    if profile.nasenco_started >= rule.date("started_before"):
        return False
    completed_before = rule.date("completed_before")
    if profile.nasenco_awarded is not None:
        return profile.nasenco_awarded < completed_before
    # Passed by as_of; if as_of is before the cut-off, so was the award.
    return True if as_of < completed_before else None


def three_year_duty(profile: Profile, rules: Rules, setting: Setting | None) -> Duty:
    duty = rules.law["three_year_duty"]
    years = duty.number("years")
    limit = duty.number("previous_service_limit_months")
    if reg49_binds(profile, setting) is False:
        return Duty(False, False, None, not_bound_reason(profile, setting))
    if profile.senco in ("planning", "no"):
        return Duty(
            False,
            False,
            None,
            f"Not a SENCO yet: the {years}-year clock starts on the day you become SENCO.",
        )
    if profile.senco is None or profile.senco_since is None:
        return Duty(None, False, None, "Unknown: answer role.senco and role.senco_since.")
    if setting is None:
        return Duty(None, False, None, "Unknown: answer school.setting.")
    since = profile.senco_since
    previous = profile.previous_senco_months or 0
    transition = rules.law["transition_2009"]
    in_post_by = transition.date("in_post_by")
    if since <= in_post_by:
        service_by_2009 = previous + months_between(since, in_post_by)
        if service_by_2009 > limit:
            return Duty(
                False,
                True,
                None,
                f"In post by {in_post_by} with more than {limit} months' SENCO service: exempt.",
            )
        return Duty(
            True,
            False,
            transition.date("award_by"),
            f"In post by {in_post_by} with {limit} months' service or less: caught by the 2009 "
            f"Regulations, award due by {transition.date('award_by')}.",
            uncertain="The 2009 award date comes from a secondary summary of SI 2009/1387.",
        )
    deadline = add_years(since, years)
    if previous > limit:
        return Duty(
            True,
            False,
            deadline,
            f"Third anniversary of becoming SENCO ({since}), if the exemption below does not apply.",
            uncertain=(
                f"You had {previous:g} months' earlier SENCO service. Read literally, regulation "
                f"49(4) exempts anyone with more than {limit} months' earlier service; DfE describes "
                "the exemption as only for SENCOs appointed before 1 September 2009. Ask your "
                "school or local authority which reading they apply."
            ),
        )
    return Duty(True, False, deadline, f"Third anniversary of becoming SENCO on {since}.")


def senco_qualification(profile: Profile, rules: Rules, setting: Setting | None, as_of: dt.date) -> Outcome:
    duty = three_year_duty(profile, rules, setting)
    transition = rules.law["nasenco_transition"]
    npq_rule = rules.law["npq_required"]
    duty_rule = rules.law["three_year_duty"]
    sources = npq_rule.sources + transition.sources + duty_rule.sources
    warnings: list[str] = []

    def outcome(status: str, title: str, detail: str, qualified: bool = False) -> Outcome:
        step = Step("senco_qualification", status, title, detail, tuple(dict.fromkeys(sources)))
        return Outcome(step, qualified, _deadline(duty, qualified, as_of, duty_rule.sources), tuple(warnings))

    if profile.npq == "passed":
        return outcome(
            "done",
            "You hold the NPQ for SENCOs",
            "This is the mandatory SENCO qualification.",
            True,
        )
    nasenco = _nasenco_counts(profile, rules, as_of)
    started_before = transition.date("started_before")
    completed_before = transition.date("completed_before")
    if nasenco is True:
        return outcome(
            "done",
            "Your NASENCO award counts",
            f"Begun before {started_before} and completed before {completed_before}: it meets "
            "regulation 49 under the 2024 transition rule.",
            True,
        )
    if duty.exempt:
        return outcome("not_needed", "Exempt from the SENCO qualification duty", duty.basis, True)

    if profile.npq in NPQ_UNDER_WAY:
        result_due = _npq_result_due(profile, rules)
        detail = "The requirement is met when you receive the outcome."
        if result_due is not None:
            detail += f" Expected by about {result_due}."
            if duty.deadline is not None and result_due > duty.deadline:
                warnings.append(
                    f"Your NPQ result is expected around {result_due}, after your deadline "
                    f"{duty.deadline}: talk to your head teacher now."
                )
        step_status, title = "in_progress", "NPQ for SENCOs under way"
    elif profile.nasenco == "studying" and profile.nasenco_started is None:
        step_status, title = "check", "Check whether your NASENCO will count"
        detail = (
            f"Add senco_training.nasenco_started: NASENCO counts only if begun before "
            f"{started_before} and completed before {completed_before}."
        )
    elif (
        profile.nasenco == "studying"
        and profile.nasenco_started is not None
        and profile.nasenco_started < started_before
        and as_of < completed_before
    ):
        step_status, title = (
            "in_progress",
            "Finish your NASENCO before " + completed_before.isoformat(),
        )
        detail = (
            f"It counts only if completed before {completed_before}; after that you would need "
            "the NPQ for SENCOs."
        )
    elif nasenco is None:
        step_status, title = "check", "Check whether your NASENCO counts"
        detail = (
            f"Add senco_training.nasenco_started and nasenco_awarded: NASENCO counts only if begun "
            f"before {started_before} and completed before {completed_before}."
        )
    elif reg49_binds(profile, setting) is False:
        step_status, title = "not_needed", "No legal SENCO qualification rule here"
        detail = (
            f"{not_bound_reason(profile, setting)} Employers may still ask for the NPQ for SENCOs, "
            "the recognised qualification."
        )
    else:
        step_status, title, detail = _npq_todo(profile, duty, transition.date("started_before"))
    if duty.uncertain:
        step_status = "check" if step_status != "in_progress" else step_status
        warnings.append(duty.uncertain)
    if setting is None and step_status == "todo":
        step_status = "check"
        detail += " Whether the law requires it depends on school.setting."
    return outcome(step_status, title, detail)


def _npq_todo(profile: Profile, duty: Duty, npq_from: dt.date) -> tuple[str, str, str]:
    if profile.npq == "failed":
        return "todo", "Retake the NPQ assessment", "Failures retake at the next assessment window."
    if profile.npq == "withdrawn":
        detail = "Register again for a cohort. DfE does not fund the same NPQ twice."
        return "todo", "Register again for the NPQ for SENCOs", detail
    if profile.nasenco in ("studying", "passed"):
        return (
            "todo",
            "Take the NPQ for SENCOs",
            f"Your NASENCO does not count (begun on or after {npq_from}, or not completed in time).",
        )
    detail = "Register with a lead provider through DfE's NPQ registration service."
    if duty.applies is False:
        detail += (
            " You must hold it within 3 years of becoming SENCO at a school where regulation 49 applies."
        )
    return "todo", "Take the NPQ for SENCOs", detail


def _npq_result_due(profile: Profile, rules: Rules) -> dt.date | None:
    if profile.npq_started is None:
        return None
    return add_months(profile.npq_started, rules.course.number("months_to_result_max"))


def _deadline(duty: Duty, qualified: bool, as_of: dt.date, sources: tuple[Source, ...]) -> Deadline:
    if qualified:
        return Deadline(False, None, None, False, "Already qualified or exempt.", sources)
    if not duty.applies or duty.deadline is None:
        return Deadline(duty.applies, None, None, False, duty.basis, sources)
    days_left = (duty.deadline - as_of).days
    return Deadline(True, duty.deadline, days_left, days_left < 0, duty.basis, sources)
