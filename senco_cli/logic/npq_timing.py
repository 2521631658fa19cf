"""When this person's NPQ for SENCOs would start and give its result: one answer for
`check`, `plan` and `audit`, so that they agree on who is at risk."""

from __future__ import annotations

import datetime as dt

from senco_cli.dates import add_months
from senco_cli.logic.memo import by_answers, once_per_day
from senco_cli.logic.notices import say
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Cohort, Rules

NPQ_UNDER_WAY = ("registered", "studying", "deferred", "awaiting_result")
NPQ_NOT_BEGUN = (None, "none", "withdrawn")
RECENT_COHORT_DAYS = 60  # a cohort that started this recently may still take a late joiner


class NpqTiming(NamedTuple):
    starts: dt.date
    result_by: dt.date  # the latest the result is expected on the standard schedule
    kind: str  # fixed: a date given or announced | estimate
    cohort: Cohort | None
    basis: str  # how the start was found, in words
    route: str = "cohort"  # cohort: a course from its start | resubmission: after a failed assessment
    assumed: bool = False  # the cohort was inferred, not answered: say which, to check


def judged_cohort(profile: Profile, rules: Rules, as_of: dt.date) -> Cohort | None:
    """The cohort judged for funding and timing: the profile's `npq_cohort`, else the
    earliest intake for new participants starting on or after `as_of`."""
    if profile.npq_cohort is not None:
        return rules.cohort(profile.npq_cohort)
    return rules.next_cohort(as_of)


def resubmission_months(rules: Rules) -> int:
    """How long a resubmission after a failed assessment takes: one more assessment window
    (the months from the end of teaching to the latest result)."""
    course = rules.course
    return course.number("months_to_result_max") - course.number("months_taught")


def registration_cohort(rules: Rules, as_of: dt.date) -> Cohort | None:
    """The intake a person who says they registered (and gives no cohort) is almost surely
    on: the latest whose registration had opened by `as_of` and that has not started, or
    started within the last RECENT_COHORT_DAYS; else the next intake."""
    candidates = [
        c
        for c in rules.cohorts
        if c.new_participants
        and rules.registration_opens(c)[0] <= as_of
        and (as_of - c.starts).days <= RECENT_COHORT_DAYS
    ]
    return max(candidates, key=lambda c: c.starts, default=None) or rules.next_cohort(as_of)


@once_per_day
def recent_cohorts(rules: Rules, as_of: dt.date) -> tuple[Cohort, ...]:
    """Funded intakes that started within the last RECENT_COHORT_DAYS: a lead provider may
    still take a late joiner."""
    return tuple(
        c
        for c in rules.cohorts
        if 0 < (as_of - c.starts).days <= RECENT_COHORT_DAYS and c.funding == "funded" and c.new_participants
    )


@by_answers("npq", "npq_cohort", "npq_rejoin_cohort", "npq_started")
def npq_timing(profile: Profile, rules: Rules, as_of: dt.date) -> NpqTiming | None:
    """When the NPQ for SENCOs would give its result: the course under way (from its start,
    else its cohort, else the intake assumed), a resubmission after a failed assessment, or
    the cohort a person who still needs it would join (the judged cohort). Result dates add
    the course's `months_to_result_max` (data/npq.toml). None when no cohort is known.
    A deferred course is timed from the cohort rejoined (`npq_rejoin_cohort`, else the next
    intake, an estimate): deferred participants rejoin a later cohort and finish with it
    (Best Practice Network's deferral policy)."""
    months = rules.course.number("months_to_result_max")

    def timing(starts: dt.date, kind: str, cohort: Cohort | None, basis: str) -> NpqTiming:
        return NpqTiming(starts, add_months(starts, months), kind, cohort, basis)

    def from_cohort(cohort: Cohort, basis: str) -> NpqTiming:
        kind = "estimate" if cohort.starts_estimated else "fixed"
        return timing(cohort.starts, kind, cohort, basis)

    named = rules.cohort(profile.npq_cohort) if profile.npq_cohort else None
    if profile.npq == "deferred":  # finished with the cohort rejoined, on its schedule
        rejoin = rules.cohort(profile.npq_rejoin_cohort) if profile.npq_rejoin_cohort else None
        if rejoin is not None:
            return from_cohort(rejoin, say(rules, "timing_rejoin", cohort=rejoin.label))
        upcoming = rules.next_cohort(as_of)
        if upcoming is None:
            return None
        return timing(
            upcoming.starts,
            "estimate",
            upcoming,
            say(rules, "timing_rejoin_next", cohort=upcoming.label),
        )
    if profile.npq in NPQ_UNDER_WAY:
        if profile.npq_started is not None:
            return timing(profile.npq_started, "fixed", named, say(rules, "timing_course_start"))
        if named is not None:
            return from_cohort(named, say(rules, "timing_cohort_start", cohort=named.label))
        if profile.npq == "registered":
            assumed = registration_cohort(rules, as_of)
            if assumed is None:
                return None
            basis = say(rules, "timing_assumed", cohort=assumed.label)
            return from_cohort(assumed, basis)._replace(assumed=True)
        started = rules.latest_started_cohort(as_of)
        if started is None:
            return None
        return timing(
            started.starts,
            "estimate",
            started,
            say(rules, "timing_latest_intake", as_of=as_of.isoformat(), cohort=started.label),
        )
    if profile.npq == "failed":
        return NpqTiming(
            as_of,
            add_months(as_of, resubmission_months(rules)),
            "estimate",
            named,
            say(rules, "timing_resubmission"),
            route="resubmission",
        )
    if profile.npq in NPQ_NOT_BEGUN:
        cohort = judged_cohort(profile, rules, as_of)
        return from_cohort(cohort, say(rules, "timing_judged", cohort=cohort.label)) if cohort else None
    return None
