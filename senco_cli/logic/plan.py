"""`senco plan`: the dated route to a qualified SENCO, from the same report as `senco check`.

Milestones are `fixed` (a rule or an announced date), `estimate` (from typical durations)
or `deadline`; phases are spans of time for the timeline. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.dates import add_months, add_years, next_september
from senco_cli.logic.assess import assess
from senco_cli.logic.notices import Notice, notice, say
from senco_cli.logic.npq_timing import NPQ_UNDER_WAY, npq_timing
from senco_cli.logic.qualification import still_needs_npq
from senco_cli.logic.report import NextAction, record_json
from senco_cli.logic.situation import FAILING, earliest_reading
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Rules, Source
from senco_cli.rules.vocab import NoticeCode

SHORT_COURSE_MONTHS = 3  # assessment only: starts when a provider can take you, not in September


class Milestone(NamedTuple):
    id: str
    label: str
    date: dt.date
    kind: str  # fixed | estimate | deadline
    sources: tuple[Source, ...]
    check: bool = False  # the date is one reading or an assumption: verify it
    after_deadline: bool = False  # an NPQ result that falls after the earliest deadline reading

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
    situation: str = "on_track"  # the same decision as `senco check`'s (logic.situation)
    remaining: int = 0  # checklist steps still open
    notices: tuple[Notice, ...] = ()
    next_action: NextAction | None = None  # the same as `senco check`'s
    person: tuple[str, ...] = ()  # the answers that tell this person's calendar from another's

    @property
    def command(self) -> str:
        return "plan"

    @property
    def exit_code(self) -> int:
        """1 for in breach, overdue and at risk; 0 otherwise."""
        return 1 if self.situation in FAILING else 0

    def all_sources(self) -> list[Source]:
        """Every source the milestones cite, once each, in the order first cited."""
        return list({s.url: s for m in self.milestones for s in m.sources}.values())

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def uid_seed(self) -> str:
        """Stable per person, so that calendar events keep their UIDs across runs, and
        different between people, named or not: from the name, the date the SENCO post
        began, and the setting. Never from the TRN."""
        import hashlib  # for calendar files only

        basis = "\x1f".join((self.name or "", *self.person)) or "senco"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:12]

    def payload(self) -> dict[str, Any]:
        """The JSON result's fields (the envelope adds the command and the version)."""
        return {
            "status": "at_risk" if self.situation in FAILING else "on_track",
            "situation": self.situation,
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "name": self.name,
            "milestones": [m.as_json() for m in self.milestones],
            "phases": [p.as_json() for p in self.phases],
            "warnings": list(self.warnings),
            "notices": [notice.as_json() for notice in self.notices],
            "next_action": self.next_action.as_json() if self.next_action else None,
        }


def make_plan(profile: Profile, rules: Rules, as_of: dt.date) -> Plan:
    return _Planner(profile, rules, as_of).plan()


def _person(profile: Profile) -> tuple[str, ...]:
    since = profile.senco_since
    return (since.isoformat() if since else "", profile.setting or "")


class _Planner:
    """Collects the milestones, phases and warnings of one person's plan."""

    def __init__(self, profile: Profile, rules: Rules, as_of: dt.date) -> None:
        self.profile = profile
        self.rules = rules
        self.as_of = as_of
        self.report = assess(profile, rules, as_of)
        self.milestones: list[Milestone] = []
        self.phases: list[Phase] = []
        self.notices: list[Notice] = list(self.report.notices)

    def note(self, code: NoticeCode, dates: dict[str, dt.date | None] | None = None, **values: Any) -> None:
        self.notices.append(notice(self.rules, code, dates, **values))

    def milestone(
        self,
        milestone_id: str,
        label: str,
        date: dt.date,
        kind: str,
        sources: tuple[Source, ...],
        check: bool = False,
        after_deadline: bool = False,
    ) -> None:
        self.milestones.append(
            Milestone(milestone_id, label, date, kind, tuple(dict.fromkeys(sources)), check, after_deadline)
        )

    def plan(self) -> Plan:
        self.qts_routes()
        self.next_steps()
        self.npq()
        deadline = self.report.deadline
        if deadline.applies and deadline.date is not None:
            two = deadline.other_reading is not None
            self.milestone(
                "deadline",
                say(self.rules, "milestone_deadline_one_reading" if two else "milestone_deadline"),
                deadline.date,
                "deadline",
                deadline.sources,
                check=two,
            )
            if deadline.other_reading is not None:
                self.milestone(
                    "deadline_other_reading",
                    say(self.rules, "milestone_deadline_other_reading"),
                    deadline.other_reading,
                    "deadline",
                    deadline.sources,
                    check=True,
                )
            earliest = earliest_reading(deadline)
            if earliest is not None:
                self.latest_cohort(earliest)
        if self.profile.nasenco == "studying":
            transition = self.rules.law["nasenco_transition"]
            self.milestone(
                "nasenco_cut_off",
                say(self.rules, "milestone_nasenco_cut_off"),
                transition.date("completed_before"),
                "deadline",
                transition.sources,
            )
        milestones = sorted(self.milestones, key=lambda m: (m.date, m.id))
        unique = {(n.code, n.text): n for n in self.notices}.values()
        notices = sorted(unique, key=lambda n: n.level != "urgent")
        return Plan(
            self.as_of,
            self.rules.reviewed,
            self.profile.name,
            tuple(milestones),
            tuple(self.phases),
            self.report.at_risk,
            tuple(n.text for n in notices),
            self.report.situation,
            self.report.remaining(),
            tuple(notices),
            self.report.next_action,
            _person(self.profile),
        )

    def next_steps(self) -> None:
        """The next action as an event: registering for the NPQ (its registration opening an
        estimate where not announced), or asking a lead provider about a late join."""
        action = self.report.next_action
        if action is None:
            return
        sources = self.rules.cohort_pattern.sources + (
            self.rules.lead_providers.sources if self.rules.lead_providers else ()
        )
        if action.code in ("register", "late_join") and action.opens is not None:
            self.milestone(
                "register_npq",
                say(
                    self.rules,
                    "milestone_register_npq_fallback"
                    if action.code == "late_join"
                    else "milestone_register_npq",
                ),
                max(action.opens, self.as_of),
                "estimate" if action.opens_estimated else "fixed",
                sources,
            )
        if action.code == "late_join" and action.by is not None:
            self.milestone(
                "late_join",
                say(self.rules, "milestone_late_join"),
                action.by,
                "estimate",
                sources,
                check=True,
            )

    def qts_routes(self) -> None:
        """Without QTS: when each fitting route could start and end, and the earliest designation."""
        if not self.report.routes:
            return
        earliest: tuple[dt.date, tuple[Source, ...]] | None = None
        for route in self.report.routes:
            if route.months_max is None:
                self.note("plan_route_undated", basis=route.label)
                continue
            short_name = route.label.split(" (")[0]
            starts = self.as_of if route.months_max <= SHORT_COURSE_MONTHS else next_september(self.as_of)
            if route.id == self.profile.qts_route:  # already training: from its start, not a new one
                starts = self.profile.qts_route_started or self.as_of  # undated: begun by today at the latest
            ends = add_months(starts, route.months_max)
            self.phases.append(Phase(f"route_{route.id}", short_name, starts, ends, "estimate"))
            self.milestone(
                f"qts_{route.id}",
                say(self.rules, "milestone_qts_by", route=short_name),
                ends,
                "estimate",
                route.sources,
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
                Phase(
                    "induction", say(self.rules, "phase_induction"), designation, after_induction, "estimate"
                )
            )
            designation, sources = after_induction, sources + induction.sources
            if setting.induction == "check":
                self.note("plan_academy_induction")
        planned = self.profile.senco_from if self.profile.senco == "planning" else None
        if planned is not None and planned < designation:
            self.note("plan_start_before_designation", {"starts": planned, "first": designation})
        self.milestone(
            "earliest_designation",
            say(self.rules, "milestone_earliest_designation"),
            designation,
            "estimate",
            sources + self.rules.law["designation"].sources,
        )

    def npq(self) -> dt.date | None:
        """The NPQ's dates: a course under way, or the cohort to join. Returns the expected result date."""
        profile, course = self.profile, self.rules.course
        qualification = next(s for s in self.report.steps if s.id == "senco_qualification")
        if not still_needs_npq(qualification, self.report.qualified):
            return None
        timing = npq_timing(profile, self.rules, self.as_of)
        if timing is None:
            self.note("plan_no_cohort_known")
            return None
        earliest = earliest_reading(self.report.deadline)
        late = earliest is not None and self.report.deadline.applies is True and timing.result_by > earliest
        if timing.route == "resubmission":
            self.milestone(
                "npq_result",
                say(
                    self.rules,
                    "milestone_resubmission_result_late" if late else "milestone_resubmission_result",
                ),
                timing.result_by,
                "estimate",
                course.sources,
                after_deadline=late,
            )
            return timing.result_by
        cohort = timing.cohort
        from_cohort = (
            profile.npq_started is None or profile.npq not in NPQ_UNDER_WAY or profile.npq == "deferred"
        )
        if cohort is not None and from_cohort:
            if cohort.registration_opens is not None and profile.npq not in NPQ_UNDER_WAY:
                self.milestone(
                    "registration_opens",
                    say(self.rules, "milestone_registration_opens", cohort=cohort.label),
                    cohort.registration_opens,
                    "fixed",
                    cohort.sources,
                )
            elif cohort.funding == "not_announced":
                self.note("plan_cohort_not_announced", cohort=cohort.label)
            self.milestone(
                "cohort_start",
                say(self.rules, "milestone_cohort_starts", cohort=cohort.label),
                cohort.starts,
                timing.kind,
                cohort.sources + self.rules.cohort_pattern.sources,
            )
        starts, kind = timing.starts, timing.kind
        taught_end = add_months(starts, course.number("months_taught"))
        result = timing.result_by
        low, high = course.number("months_to_result_min"), course.number("months_to_result_max")
        taught = say(self.rules, "phase_npq_taught")
        self.phases.append(Phase("npq_taught", taught, starts, taught_end, kind))
        assessed = say(self.rules, "phase_npq_assessment")
        self.phases.append(Phase("npq_assessment", assessed, taught_end, result, "estimate"))
        self.milestone(
            "npq_taught_end",
            say(self.rules, "milestone_npq_taught_end"),
            taught_end,
            "estimate",
            course.sources,
        )
        self.milestone(
            "npq_result",
            say(
                self.rules,
                "milestone_npq_result_late" if late else "milestone_npq_result",
                low=low,
                high=high,
            ),
            result,
            "estimate",
            course.sources,
            check=timing.assumed,
            after_deadline=late,
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
            course = self.rules.course
            self.note(
                "plan_no_cohort_in_time",
                {"starts": self.as_of, "deadline": deadline},
                basis=say(
                    self.rules,
                    "npq_result_months",
                    low=course.number("months_to_result_min"),
                    high=course.number("months_to_result_max"),
                ),
            )
            return
        start, announced = fitting[-1]
        self.milestone(
            "latest_cohort_start",
            say(self.rules, "milestone_latest_cohort_start"),
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
