"""The next action: the earliest action that can still meet the earliest deadline reading,
with a by-when date, for `check`, `plan` and `audit` alike."""

from __future__ import annotations

from senco_cli.dates import add_months, next_september
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.notices import say
from senco_cli.logic.npq_timing import NPQ_NOT_BEGUN, recent_cohorts
from senco_cli.logic.report import NextAction
from senco_cli.logic.situation import earliest_reading
from senco_cli.logic.verdict import Verdict
from senco_cli.rules.model import Rules
from senco_cli.text import FUNDING_WORDS

DESIGNATION_STEPS = ("qualified_teacher", "induction", "teaching_post")


def _providers(rules: Rules) -> tuple[str, ...]:
    return tuple(rules.lead_providers.values.get("names", ())) if rules.lead_providers else ()


def next_action(verdict: Verdict, rules: Rules) -> NextAction | None:
    """What to do first. A designated SENCO in breach: the designation condition first. A
    person who still needs the NPQ: when the next intake's result is after the earliest
    deadline reading and a funded cohort that started in the last weeks gives a sooner
    result (in time, or at least sooner), ask a lead provider now about joining it (the next
    intake is the fallback); else register
    for the judged cohort by its start (registration opening estimated from the yearly
    pattern where not announced). Otherwise the first open step, to act on now."""
    as_of, profile, timing = verdict.as_of, verdict.profile, verdict.timing
    step = verdict.next_step()
    if verdict.situation == "in_breach":
        step = next(
            (s for s in verdict.steps if s.id in DESIGNATION_STEPS and s.status in ("todo", "in_progress")),
            step,
        )
    if step is None:
        return None
    earliest = earliest_reading(verdict.deadline)
    if step.id == "senco_qualification" and timing is not None and verdict.situation != "in_breach":
        if timing.route == "resubmission":
            return NextAction(
                "resubmit",
                say(rules, "next_resubmit", {"result_by": timing.result_by}),
                as_of,
                "now",
            )
        cohort = timing.cohort
        if profile.npq in NPQ_NOT_BEGUN and cohort is not None and step.status in ("todo", "check"):
            opens, estimated = rules.registration_opens(cohort)
            about = say(rules, "starts_estimated") if cohort.starts_estimated else ""
            register = say(
                rules, "next_register", {"starts": cohort.starts}, cohort=cohort.label, about=about
            )
            too_late = earliest is not None and timing.result_by > earliest
            if too_late and profile.npq_cohort is None:
                months = rules.course.number("months_to_result_max")
                for recent in recent_cohorts(rules, as_of):
                    result_by = add_months(recent.starts, months)
                    # In time for the earliest reading; or, where no intake is in time (or the
                    # deadline has passed), the soonest result: never the later one.
                    if result_by < timing.result_by:
                        # The cohort is funded; whether DfE would fund this person on it is
                        # their own verdict (funded before, say, is not funded again).
                        funding = decide_funding(profile._replace(npq_cohort=recent.id), rules, as_of)
                        return NextAction(
                            "late_join",
                            say(
                                rules,
                                "next_late_join",
                                {"starts": recent.starts, "result_by": result_by},
                                cohort=recent.label,
                                providers=rules.provider_names(),
                                funding=FUNDING_WORDS[funding.status][1],
                            ),
                            as_of,
                            "now",
                            opens=opens,
                            opens_estimated=estimated,
                            providers=_providers(rules),
                            fallback=register,
                            sources=rules.lead_providers.sources if rules.lead_providers else (),
                        )
            return NextAction(
                "register",
                register,
                cohort.starts,
                "estimate" if cohort.starts_estimated else "fixed",
                opens=opens,
                opens_estimated=estimated,
                providers=_providers(rules),
            )
    if step.id == "qualified_teacher" and step.status == "todo" and verdict.routes:
        start = next_september(as_of)
        return NextAction(
            "qualified_teacher",
            say(rules, "next_qts_route", {"starts": start}, basis=step.title),
            start,
            "estimate",
        )
    return NextAction(step.id, step.title, as_of, "now")
