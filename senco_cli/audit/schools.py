"""A roster's people school by school: whether each school has a SENCO who meets
regulation 49 today, and who there needs attention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

from senco_cli.audit.person import RowResult

SCHOOL_STATUS = {
    "meets": "a SENCO meets regulation 49",
    "overdue": "the SENCO is past the deadline",
    "not_met": "no SENCO meets regulation 49 yet",
    "no_senco": "no SENCO in the roster",
    "not_required": "regulation 49 does not apply",
    "cant_tell": "can't tell: answers missing or to correct",
}


class SchoolSummary(NamedTuple):
    """One school's people in the roster, and whether it has a SENCO who meets regulation 49."""

    name: str
    urn: str | None
    people: int
    sencos: int
    status: str  # a key of SCHOOL_STATUS
    at_risk: int
    overdue: int
    invalid: int
    earliest_deadline: dt.date | None  # of its people still to qualify

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        fields["earliest_deadline"] = self.earliest_deadline.isoformat() if self.earliest_deadline else None
        return fields


def school_key(row: RowResult) -> str:
    return f"urn:{row.urn}" if row.urn else f"name:{(row.school or '').casefold()}"


class _School:
    """One school's rows, counted as they come in urgency order (no row kept)."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.urn: str | None = None
        self.people = self.sencos = self.at_risk = self.overdue = self.invalid = 0
        self.senco_meets = self.senco_overdue = self.unsure = False
        self.all_not_statutory = True
        self.earliest: dt.date | None = None

    def add(self, r: RowResult) -> None:
        self.people += 1
        self.name = self.name or r.school
        self.urn = self.urn or r.urn
        if r.senco:
            self.sencos += 1
            self.senco_meets = self.senco_meets or r.meets_reg49
            self.senco_overdue = self.senco_overdue or r.overdue
        self.all_not_statutory = self.all_not_statutory and r.statutory is False
        self.unsure = self.unsure or r.status == "invalid" or r.cant_tell
        self.at_risk += r.at_risk and not r.overdue
        self.overdue += r.overdue
        self.invalid += r.status == "invalid"
        if r.deadline and r.status != "ready" and (self.earliest is None or r.deadline < self.earliest):
            self.earliest = r.deadline

    def summary(self) -> SchoolSummary:
        if self.senco_meets:
            status = "meets"
        elif self.senco_overdue:
            status = "overdue"
        elif self.people and self.all_not_statutory:
            status = "not_required"
        elif self.unsure:
            status = "cant_tell"
        elif not self.sencos:
            status = "no_senco"
        else:
            status = "not_met"
        return SchoolSummary(
            name=self.name or "(no school name)",
            urn=self.urn,
            people=self.people,
            sencos=self.sencos,
            status=status,
            at_risk=self.at_risk,
            overdue=self.overdue,
            invalid=self.invalid,
            earliest_deadline=self.earliest,
        )


def school_table(rows: Iterable[RowResult]) -> tuple[SchoolSummary, ...]:
    """A summary per school, in the order of each school's most urgent row (the rows come in
    urgency order); none when the roster names no school. One pass; no row is kept."""
    groups: dict[str, _School] = {}
    named = False
    for row in rows:
        named = named or bool(row.school or row.urn)
        school = groups.get(key := school_key(row))
        if school is None:
            school = groups[key] = _School()
        school.add(row)
    return tuple(school.summary() for school in groups.values()) if named else ()
