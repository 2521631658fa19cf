"""`senco plan`: the dated route to a qualified SENCO, from the same report as `senco check`.

Milestones are `fixed` (a rule or an announced date), `estimate` (from typical durations)
or `deadline`; phases are spans of time for the timeline. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, NamedTuple

from senco_cli.dates import add_months, add_years, long_date, next_september
from senco_cli.logic.assess import assess
from senco_cli.logic.npq_timing import NPQ_UNDER_WAY, npq_timing
from senco_cli.logic.report import record_json
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Rules, Source

SHORT_COURSE_MONTHS = 3  # assessment only: starts when a provider can take you, not in September


class Milestone(NamedTuple):
    id: str
    label: str
    date: dt.date
    kind: str  # fixed | estimate | deadline
    sources: tuple[Source, ...]

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class Phase(NamedTuple):
    id: str
    label: str
    start: dt.date
    end: dt.date
    kind: str  # fixed | estimate

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class Plan(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    name: str | None
    milestones: tuple[Milestone, ...]
    phases: tuple[Phase, ...]
    at_risk: bool
    warnings: tuple[str, ...]
    situation: str = "on_track"  # the same words as `senco check`'s headline
    remaining: int = 0  # checklist steps still open

    @property
    def command(self) -> str:
        return "plan"

    @property
    def exit_code(self) -> int:
        return 1 if self.at_risk else 0

    def all_sources(self) -> list[Source]:
        """Every source the milestones cite, once each, in the order first cited."""
        return list({s.url: s for m in self.milestones for s in m.sources}.values())

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def uid_seed(self) -> str:
        """Stable per person, so that calendar events keep their UIDs across runs."""
        return hashlib.sha256((self.name or "senco").encode("utf-8")).hexdigest()[:12]

    def payload(self) -> dict[str, Any]:
        """The JSON result's fields (the envelope adds the command and the version)."""
        return {
            "status": "at_risk" if self.at_risk else "on_track",
            "situation": self.situation,
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "name": self.name,
            "milestones": [m.as_json() for m in self.milestones],
            "phases": [p.as_json() for p in self.phases],
            "warnings": list(self.warnings),
        }


def make_plan(profile: Profile, rules: Rules, as_of: dt.date) -> Plan:
    return _Planner(profile, rules, as_of).plan()


class _Planner:
    """Collects the milestones, phases and warnings of one person's plan."""

    def __init__(self, profile: Profile, rules: Rules, as_of: dt.date) -> None:
        self.profile = profile
        self.rules = rules
        self.as_of = as_of
        self.report = assess(profile, rules, as_of)
        self.milestones: list[Milestone] = []
        self.phases: list[Phase] = []
        self.warnings: list[str] = []

    def milestone(
        self, milestone_id: str, label: str, date: dt.date, kind: str, sources: tuple[Source, ...]
    ) -> None:
        self.milestones.append(Milestone(milestone_id, label, date, kind, tuple(dict.fromkeys(sources))))

    def plan(self) -> Plan:
        self.qts_routes()
        result_due = self.npq()
        deadline = self.report.deadline
        if deadline.applies and deadline.date is not None:
            self.milestone(
                "deadline",
                "Statutory deadline: hold the SENCO qualification",
                deadline.date,
                "deadline",
                deadline.sources,
            )
            self.latest_cohort(deadline.date)
        if self.profile.nasenco == "studying":
            transition = self.rules.law["nasenco_transition"]
            self.milestone(
                "nasenco_cut_off",
                "NASENCO must be completed before this date to count",
                transition.date("completed_before"),
                "deadline",
                transition.sources,
            )
        at_risk = self.report.at_risk
        if deadline.overdue and deadline.date is not None:
            self.warnings.append(
                f"The deadline {long_date(deadline.date)} has passed: talk to your head teacher now."
            )
        elif at_risk and result_due is not None and deadline.date is not None:
            self.warnings.append(
                f"The NPQ result is expected around {long_date(result_due)}, after your deadline "
                f"{long_date(deadline.date)}."
            )
        milestones = sorted(self.milestones, key=lambda m: (m.date, m.id))
        return Plan(
            self.as_of,
            self.rules.reviewed,
            self.profile.name,
            tuple(milestones),
            tuple(self.phases),
            at_risk,
            tuple(self.warnings),
            self.report.situation,
            self.report.remaining(),
        )

    def qts_routes(self) -> None:
        """Without QTS: when each fitting route could start and end, and the earliest designation."""
        if not self.report.routes:
            return
        earliest: tuple[dt.date, tuple[Source, ...]] | None = None
        for route in self.report.routes:
            if route.months_max is None:
                self.warnings.append(f"{route.label}: the sources give no duration, so it is not dated here.")
                continue
            short_name = route.label.split(" (")[0]
            starts = self.as_of if route.months_max <= SHORT_COURSE_MONTHS else next_september(self.as_of)
            ends = add_months(starts, route.months_max)
            self.phases.append(Phase(f"route_{route.id}", short_name, starts, ends, "estimate"))
            self.milestone(
                f"qts_{route.id}", f"QTS by about this date ({short_name})", ends, "estimate", route.sources
            )
            if earliest is None or ends < earliest[0]:
                earliest = (ends, route.sources)
        setting = self.rules.settings.get(self.profile.setting or "")
        if earliest is None or setting is None or not self.report.statutory:
            return
        designation, sources = earliest
        if setting.induction != "not_required" and not self.profile.head_teacher:
            induction = self.rules.law["induction"]
            after_induction = add_years(designation, induction.number("years"))
            self.phases.append(
                Phase("induction", "Statutory induction", designation, after_induction, "estimate")
            )
            designation, sources = after_induction, sources + induction.sources
            if setting.induction == "check":
                self.warnings.append(
                    "Academies need not require induction until the Children's Wellbeing and Schools Act 2026 "
                    "duty is commenced; without it you could be designated as soon as you have QTS."
                )
        self.milestone(
            "earliest_designation",
            "Earliest date you could be designated SENCO",
            designation,
            "estimate",
            sources + self.rules.law["designation"].sources,
        )

    def npq(self) -> dt.date | None:
        """The NPQ's dates: a course under way, or the cohort to join. Returns the expected result date."""
        profile, course = self.profile, self.rules.course
        qualification = next(s for s in self.report.steps if s.id == "senco_qualification")
        needs_npq = qualification.status == "todo" or (
            qualification.status == "check" and profile.npq in (None, "none")
        )
        if profile.npq not in NPQ_UNDER_WAY and not needs_npq:
            return None
        timing = npq_timing(profile, self.rules, self.as_of)
        if timing is None:
            self.warnings.append("No NPQ cohort after this date is known yet.")
            return None
        cohort = timing.cohort
        if cohort is not None and (profile.npq_started is None or profile.npq not in NPQ_UNDER_WAY):
            if cohort.registration_opens is not None and profile.npq not in NPQ_UNDER_WAY:
                self.milestone(
                    "registration_opens",
                    f"Registration opens for {cohort.label}",
                    cohort.registration_opens,
                    "fixed",
                    cohort.sources,
                )
            elif cohort.funding == "not_announced":
                self.warnings.append(
                    f"{cohort.label} is not announced yet: its dates follow the yearly pattern."
                )
            self.milestone(
                "cohort_start",
                f"{cohort.label} NPQ cohort starts",
                cohort.starts,
                timing.kind,
                cohort.sources + self.rules.cohort_pattern.sources,
            )
        starts, kind = timing.starts, timing.kind
        taught_end = add_months(starts, course.number("months_taught"))
        result = timing.result_by
        low, high = course.number("months_to_result_min"), course.number("months_to_result_max")
        self.phases.append(Phase("npq_taught", "NPQ for SENCOs: taught", starts, taught_end, kind))
        self.phases.append(
            Phase("npq_assessment", "NPQ for SENCOs: assessment and result", taught_end, result, "estimate")
        )
        self.milestone(
            "npq_taught_end", "End of the NPQ's taught phase", taught_end, "estimate", course.sources
        )
        self.milestone(
            "npq_result",
            f"Expected NPQ result ({low} to {high} months after the start)",
            result,
            "estimate",
            course.sources,
        )
        return result

    def latest_cohort(self, deadline: dt.date) -> None:
        """The last cohort start whose result still comes before the deadline."""
        profile = self.profile
        if self.report.qualified or profile.npq in NPQ_UNDER_WAY or profile.npq == "passed":
            return
        latest_allowed = add_months(deadline, -self.rules.course.number("months_to_result_max"))
        fitting = cohort_starts(self.rules, self.as_of, latest_allowed)
        if not fitting:
            self.warnings.append(
                f"No NPQ cohort starting from {long_date(self.as_of)} can give a result by your deadline "
                f"{long_date(deadline)} on the standard schedule ({self.rules.course.number('months_to_result_min')} "
                f"to {self.rules.course.number('months_to_result_max')} months)."
            )
            return
        start, announced = fitting[-1]
        self.milestone(
            "latest_cohort_start",
            "Latest NPQ cohort start that still gives a result before the deadline",
            start,
            "fixed" if announced else "estimate",
            self.rules.cohort_pattern.sources + self.rules.course.sources,
        )


def cohort_starts(rules: Rules, after: dt.date, until: dt.date) -> list[tuple[dt.date, bool]]:
    """Cohort starts in the data, then one a year on the pattern: (start, announced)."""
    known = sorted((c.starts, not c.starts_estimated) for c in rules.cohorts if c.new_participants)
    pattern = rules.cohort_pattern
    month, day = pattern.number("start_month"), pattern.number("start_day")
    starts = list(known)
    year = (known[-1][0].year if known else after.year) + 1
    while dt.date(year, month, day) <= until:
        starts.append((dt.date(year, month, day), False))
        year += 1
    return [(start, announced) for start, announced in starts if after <= start <= until]
