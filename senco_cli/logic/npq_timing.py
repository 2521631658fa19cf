"""When this person's NPQ for SENCOs would start and give its result: one answer for
`check`, `plan` and `audit`, so that they agree on who is at risk."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from senco_cli.dates import add_months
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Cohort, Rules

NPQ_UNDER_WAY = ("registered", "studying", "awaiting_result")
NPQ_NOT_BEGUN = (None, "none", "withdrawn")


class NpqTiming(NamedTuple):
    starts: dt.date
    result_by: dt.date  # the latest the result is expected on the standard schedule
    kind: str  # fixed: a date given or announced | estimate
    cohort: Cohort | None
    basis: str  # how the start was found, in words


def npq_timing(profile: Profile, rules: Rules, as_of: dt.date) -> NpqTiming | None:
    """The NPQ under way, or the cohort a person who still needs it would join; None if unknown."""
    months = rules.course.number("months_to_result_max")

    def timing(starts: dt.date, kind: str, cohort: Cohort | None, basis: str) -> NpqTiming:
        return NpqTiming(starts, add_months(starts, months), kind, cohort, basis)

    def from_cohort(cohort: Cohort, basis: str) -> NpqTiming:
        kind = "estimate" if cohort.starts_estimated else "fixed"
        return timing(cohort.starts, kind, cohort, basis)

    named = rules.cohort(profile.npq_cohort) if profile.npq_cohort else None
    if profile.npq in NPQ_UNDER_WAY:
        if profile.npq_started is not None:
            return timing(profile.npq_started, "fixed", named, "the course start you gave")
        if named is not None:
            return from_cohort(named, f"the start of {named.label}")
        if profile.npq == "registered":
            upcoming = rules.next_cohort(as_of)
            return from_cohort(upcoming, f"the next intake, {upcoming.label}") if upcoming else None
        started = rules.latest_started_cohort(as_of)
        if started is None:
            return None
        return timing(
            started.starts,
            "estimate",
            started,
            f"the latest intake before {as_of}, {started.label} (answer senco_training.npq_started "
            "for your own date)",
        )
    if profile.npq in NPQ_NOT_BEGUN:
        cohort = named or rules.next_cohort(as_of)
        return from_cohort(cohort, f"the cohort judged, {cohort.label}") if cohort else None
    return None
