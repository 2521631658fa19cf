"""`senco plan`: the dated route to a qualified SENCO, from the same report as `senco check`.

Milestones are `fixed` (a rule or an announced date), `estimate` (from typical durations)
or `deadline`; phases are spans of time for the timeline. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, NamedTuple

from senco_cli.dates import add_months, add_years, next_september
from senco_cli.engine import assess
from senco_cli.profile import Profile
from senco_cli.qualification import NPQ_UNDER_WAY
from senco_cli.report import RESULT_VERSION, Report, record_json
from senco_cli.rules import Cohort, Rules, Source

SHORT_COURSE_MONTHS = 3  # assessment only: starts when a provider can take you, not in September


class Milestone(NamedTuple):
    id: str
    label: str
    date: dt.date
    kind: str  # fixed | estimate | deadline
    sources: tuple[Source, ...]

    @classmethod
    def of(
        cls, milestone_id: str, label: str, date: dt.date, kind: str, sources: tuple[Source, ...]
    ) -> Milestone:
        return cls(milestone_id, label, date, kind, tuple(dict.fromkeys(sources)))

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

    @property
    def command(self) -> str:
        return "plan"

    @property
    def exit_code(self) -> int:
        return 1 if self.at_risk else 0

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def uid_seed(self) -> str:
        """Stable per person, so that calendar events keep their UIDs across runs."""
        return hashlib.sha256((self.name or "senco").encode("utf-8")).hexdigest()[:12]

    def as_json(self) -> dict[str, Any]:
        return {
            "senco_result_version": RESULT_VERSION,
            "command": self.command,
            "status": "at_risk" if self.at_risk else "on_track",
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "name": self.name,
            "milestones": [m.as_json() for m in self.milestones],
            "phases": [p.as_json() for p in self.phases],
            "warnings": list(self.warnings),
        }


def make_plan(profile: Profile, rules: Rules, as_of: dt.date) -> Plan:
    report = assess(profile, rules, as_of)
    milestones: list[Milestone] = []
    phases: list[Phase] = []
    warnings: list[str] = []
    _qts_routes(profile, rules, report, as_of, milestones, phases, warnings)
    result_due = _npq(profile, rules, report, as_of, milestones, phases, warnings)
    deadline = report.deadline
    if deadline.applies and deadline.date is not None:
        milestones.append(
            Milestone.of(
                "deadline",
                "Statutory deadline: hold the SENCO qualification",
                deadline.date,
                "deadline",
                deadline.sources,
            )
        )
        _latest_cohort(rules, deadline.date, as_of, profile, report, milestones, warnings)
    if profile.nasenco == "studying":
        transition = rules.law["nasenco_transition"]
        cut_off = transition.date("completed_before")
        milestones.append(
            Milestone.of(
                "nasenco_cut_off",
                "NASENCO must be completed before this date to count",
                cut_off,
                "deadline",
                transition.sources,
            )
        )
    at_risk = bool(
        deadline.applies
        and deadline.date is not None
        and not report.qualified
        and (deadline.overdue or (result_due is not None and result_due > deadline.date))
    )
    if deadline.overdue:
        warnings.append(f"The deadline {deadline.date} has passed: talk to your head teacher now.")
    elif at_risk:
        warnings.append(
            f"The NPQ result is expected around {result_due}, after your deadline {deadline.date}."
        )
    milestones.sort(key=lambda m: (m.date, m.id))
    return Plan(
        as_of, rules.reviewed, profile.name, tuple(milestones), tuple(phases), at_risk, tuple(warnings)
    )


def _qts_routes(
    profile: Profile,
    rules: Rules,
    report: Report,
    as_of: dt.date,
    milestones: list[Milestone],
    phases: list[Phase],
    warnings: list[str],
) -> None:
    """Without QTS: when each fitting route could start and end, and the earliest designation."""
    if not report.routes:
        return
    induction = rules.law["induction"]
    setting = rules.settings.get(profile.setting or "")
    earliest: tuple[dt.date, tuple[Source, ...]] | None = None
    for route in report.routes:
        if route.months_max is None:
            warnings.append(f"{route.label}: the sources give no duration, so it is not dated here.")
            continue
        starts = as_of if route.months_max <= SHORT_COURSE_MONTHS else next_september(as_of)
        ends = add_months(starts, route.months_max)
        phases.append(Phase(f"route_{route.id}", route.label.split(" (")[0], starts, ends, "estimate"))
        milestones.append(
            Milestone.of(
                f"qts_{route.id}",
                f"QTS by about this date ({route.label.split(' (')[0]})",
                ends,
                "estimate",
                route.sources,
            )
        )
        if earliest is None or ends < earliest[0]:
            earliest = (ends, route.sources)
    if earliest is None or setting is None or not setting.statutory:
        return
    designation, sources = earliest
    if setting.induction != "not_required" and not profile.head_teacher:
        years = induction.number("years")
        phases.append(
            Phase("induction", "Statutory induction", designation, add_years(designation, years), "estimate")
        )
        designation = add_years(designation, years)
        sources = sources + induction.sources
        if setting.induction == "check":
            warnings.append(
                "Academies need not require induction until the Children's Wellbeing and Schools Act 2026 "
                "duty is commenced; without it you could be designated as soon as you have QTS."
            )
    milestones.append(
        Milestone.of(
            "earliest_designation",
            "Earliest date you could be designated SENCO",
            designation,
            "estimate",
            sources + rules.law["designation"].sources,
        )
    )


def _npq(
    profile: Profile,
    rules: Rules,
    report: Report,
    as_of: dt.date,
    milestones: list[Milestone],
    phases: list[Phase],
    warnings: list[str],
) -> dt.date | None:
    """The NPQ's dates: a course under way, or the next cohort. Returns the expected result date."""
    course = rules.course
    taught, result_max = course.number("months_taught"), course.number("months_to_result_max")
    qualification = next(s for s in report.steps if s.id == "senco_qualification")
    if profile.npq in NPQ_UNDER_WAY and profile.npq_started is not None:
        starts = profile.npq_started
        kind = "fixed"
    elif qualification.status == "todo" or (
        qualification.status == "check" and profile.npq in (None, "none")
    ):
        cohort = _cohort(profile, rules, as_of)
        if cohort is None:
            warnings.append("No NPQ cohort after this date is known yet.")
            return None
        kind = "estimate" if cohort.starts_estimated else "fixed"
        if cohort.registration_opens is not None:
            milestones.append(
                Milestone.of(
                    "registration_opens",
                    f"Registration opens for {cohort.label}",
                    cohort.registration_opens,
                    "fixed",
                    cohort.sources,
                )
            )
        elif cohort.funding == "not_announced":
            warnings.append(f"{cohort.label} is not announced yet: its dates follow the yearly pattern.")
        milestones.append(
            Milestone.of(
                "cohort_start",
                f"{cohort.label} NPQ cohort starts",
                cohort.starts,
                kind,
                cohort.sources + rules.cohort_pattern.sources,
            )
        )
        starts = cohort.starts
    else:
        return None
    taught_end = add_months(starts, taught)
    result = add_months(starts, result_max)
    phases.append(Phase("npq_taught", "NPQ for SENCOs: taught", starts, taught_end, kind))
    phases.append(
        Phase("npq_assessment", "NPQ for SENCOs: assessment and result", taught_end, result, "estimate")
    )
    milestones.append(
        Milestone.of(
            "npq_taught_end", "End of the NPQ's taught phase", taught_end, "estimate", course.sources
        )
    )
    milestones.append(
        Milestone.of(
            "npq_result",
            "Expected NPQ result (18 to 22 months after the start)",
            result,
            "estimate",
            course.sources,
        )
    )
    return result


def _cohort(profile: Profile, rules: Rules, as_of: dt.date) -> Cohort | None:
    if profile.npq_cohort is not None:
        return rules.cohort(profile.npq_cohort)
    return rules.next_cohort(as_of)


def cohort_starts(rules: Rules, after: dt.date, until: dt.date) -> list[tuple[dt.date, bool]]:
    """Cohort starts in the data, then one a year on the pattern: (start, announced)."""
    known = sorted((c.starts, not c.starts_estimated) for c in rules.cohorts)
    pattern = rules.cohort_pattern
    month, day = pattern.number("start_month"), pattern.number("start_day")
    starts = list(known)
    year = (known[-1][0].year if known else after.year) + 1
    while dt.date(year, month, day) <= until:
        starts.append((dt.date(year, month, day), False))
        year += 1
    return [(start, is_known) for start, is_known in starts if after <= start <= until]


def _latest_cohort(
    rules: Rules,
    deadline: dt.date,
    as_of: dt.date,
    profile: Profile,
    report: Report,
    milestones: list[Milestone],
    warnings: list[str],
) -> None:
    if report.qualified or profile.npq in NPQ_UNDER_WAY or profile.npq == "passed":
        return
    latest_allowed = add_months(deadline, -rules.course.number("months_to_result_max"))
    fitting = cohort_starts(rules, as_of, latest_allowed)
    if not fitting:
        warnings.append(
            f"No NPQ cohort starting from {as_of} can give a result by your deadline {deadline} on the standard "
            "schedule (18 to 22 months)."
        )
        return
    start, known = fitting[-1]
    milestones.append(
        Milestone.of(
            "latest_cohort_start",
            "Latest NPQ cohort start that still gives a result before the deadline",
            start,
            "fixed" if known else "estimate",
            rules.cohort_pattern.sources + rules.course.sources,
        )
    )
