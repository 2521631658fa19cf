"""The result of an assessment, and its JSON form (the contract's `check` object)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from senco_cli.records import NamedTuple
from senco_cli.rules.model import Cohort, FundingStatus, Payer, Source, StepStatus

if TYPE_CHECKING:
    from senco_cli.logic.notices import Notice

FINISHED: tuple[StepStatus, ...] = ("done", "not_needed")


def sources_json(sources: tuple[Source, ...]) -> list[dict[str, str]]:
    return [{"title": source.title, "url": source.url} for source in sources]


def record_json(record: Any) -> dict[str, Any]:
    """A NamedTuple of a result as JSON: dates as YYYY-MM-DD, sources as title and URL."""
    fields: dict[str, Any] = record._asdict()
    for key, value in fields.items():
        if isinstance(value, dt.date):
            fields[key] = value.isoformat()
        elif key == "sources":
            fields[key] = sources_json(value)
    return fields


class Step(NamedTuple):
    id: str
    status: StepStatus
    title: str
    detail: str
    sources: tuple[Source, ...]
    code: str = ""  # the decision that gave this step (its words are data/wording.toml's)

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class Deadline(NamedTuple):
    applies: bool | None  # None: the answers do not settle it
    date: dt.date | None
    days_left: int | None
    overdue: bool
    basis: str
    sources: tuple[Source, ...] = ()
    other_reading: dt.date | None = None  # the deadline on a second reading of the law

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class Funding(NamedTuple):
    status: FundingStatus
    cohort: str | None
    reason_code: str
    reason: str
    sources: tuple[Source, ...]
    cohort_label: str | None = None
    cohort_starts: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        return {**record_json(self), "guaranteed": False}


class CostItem(NamedTuple):
    id: str
    label: str
    min_gbp: int | None  # None: the sources state no amount
    max_gbp: int | None
    payer: Payer
    sources: tuple[Source, ...]
    months_min: int | None = None
    months_max: int | None = None
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class RouteOption(NamedTuple):
    id: str
    label: str
    months_min: int | None
    months_max: int | None
    min_gbp: int | None
    max_gbp: int | None
    note: str
    sources: tuple[Source, ...]

    def as_json(self) -> dict[str, Any]:
        return record_json(self)


class NextAction(NamedTuple):
    code: str  # register | late_join | resubmit | a step id
    text: str
    by: dt.date | None  # act by this date (for `now`, the as-of date)
    by_kind: str  # now | fixed | estimate | deadline
    opens: dt.date | None = None  # registration opens (register, late_join)
    opens_estimated: bool = False
    providers: tuple[str, ...] = ()  # lead providers to ask or register with
    fallback: str | None = None  # what to do if this fails
    sources: tuple[Source, ...] = ()  # what the words name beyond the rule (the lead providers' list)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "text": self.text,
            "by": self.by.isoformat() if self.by else None,
            "by_kind": self.by_kind,
            "opens": self.opens.isoformat() if self.opens else None,
            "opens_estimated": self.opens_estimated,
            "providers": list(self.providers),
            "fallback": self.fallback,
        }


class Report(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    name: str | None
    setting_label: str | None
    statutory: bool | None
    can_be_designated: bool | None
    qualified: bool
    steps: tuple[Step, ...]
    deadline: Deadline
    funding: Funding
    costs: tuple[CostItem, ...]
    routes: tuple[RouteOption, ...]
    warnings: tuple[str, ...] = ()
    at_risk: bool = False  # the standard NPQ schedule ends after the deadline, or it has passed
    expected_result: dt.date | None = None  # when the NPQ result is expected on that schedule
    warning_sources: tuple[Source, ...] = ()
    urgent: tuple[str, ...] = ()  # the warnings that change what to do now: shown first
    next_cohort: Cohort | None = None  # the cohort the person would join, if they still need the NPQ
    situation: str = "on_track"  # decided once by logic.situation.decide_situation
    notices: tuple[Notice, ...] = ()  # every warning and note, as data (`warnings` holds their texts)
    next_action: NextAction | None = None  # what to do first, and by when

    @property
    def command(self) -> str:
        return "check"

    @property
    def ready(self) -> bool:
        """Nothing stands between this person and the role: ready, or no legal requirement."""
        return self.situation in ("ready", "not_required")

    def remaining(self) -> int:
        return sum(step.status not in FINISHED for step in self.steps)

    @property
    def exit_code(self) -> int:
        return 0 if self.ready else 1  # follows the situation

    def all_sources(self) -> list[Source]:
        """Every source the report cites, once each, in the order first cited."""
        cited: dict[str, Source] = {}
        groups = [step.sources for step in self.steps]
        groups += [self.deadline.sources, self.funding.sources]
        groups += [item.sources for item in self.costs] + [route.sources for route in self.routes]
        groups.append(self.warning_sources)
        groups.append(self.next_action.sources if self.next_action else ())
        for group in groups:
            for source in group:
                cited.setdefault(source.url, source)
        return list(cited.values())

    def cost_totals(self) -> tuple[int, int]:
        """(min, max) over the items whose amounts the sources state."""
        known = [item for item in self.costs if item.min_gbp is not None and item.max_gbp is not None]
        return sum(item.min_gbp or 0 for item in known), sum(item.max_gbp or 0 for item in known)

    def payload(self) -> dict[str, Any]:
        """The JSON result's fields (the envelope adds the command and the version)."""
        total_min, total_max = self.cost_totals()
        return {
            "status": "ready" if self.ready else "not_ready",
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "name": self.name,
            "statutory": self.statutory,
            "can_be_designated": self.can_be_designated,
            "qualified": self.qualified,
            "at_risk": self.at_risk,
            "situation": self.situation,
            "expected_npq_result": self.expected_result.isoformat() if self.expected_result else None,
            "steps": [step.as_json() for step in self.steps],
            "deadline": self.deadline.as_json(),
            "funding": self.funding.as_json(),
            "costs": {
                "items": [item.as_json() for item in self.costs],
                "total_min_gbp": total_min,
                "total_max_gbp": total_max,
            },
            "routes": [route.as_json() for route in self.routes],
            "warnings": list(self.warnings),
            "notices": [notice.as_json() for notice in self.notices],
            "next_action": self.next_action.as_json() if self.next_action else None,
        }


OPEN_ORDER: dict[str, int] = {"todo": 0, "in_progress": 1, "check": 2}  # what to act on first


def first_open_step(steps: tuple[Step, ...]) -> Step | None:
    """The step to act on first: the first to do, else the first under way, else the first to
    check; None when every step is done or not needed."""
    best: Step | None = None
    rank = len(OPEN_ORDER)
    for step in steps:
        order = OPEN_ORDER.get(step.status, rank)
        if order < rank:
            best, rank = step, order
            if order == 0:
                break
    return best
