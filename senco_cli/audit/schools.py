"""A roster's people school by school: whether each school has a SENCO who meets
regulation 49 today, and who there needs attention."""

from __future__ import annotations

import datetime as dt
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


def school_summary(rows: list[RowResult]) -> SchoolSummary:
    sencos = [r for r in rows if r.senco]
    if any(r.meets_reg49 for r in sencos):
        status = "meets"
    elif any(r.overdue for r in sencos):
        status = "overdue"
    elif rows and all(r.statutory is False for r in rows):
        status = "not_required"
    elif any(r.status == "invalid" or r.cant_tell for r in rows):
        status = "cant_tell"
    elif not sencos:
        status = "no_senco"
    else:
        status = "not_met"
    deadlines = [r.deadline for r in rows if r.deadline and r.status != "ready"]
    return SchoolSummary(
        name=next((r.school for r in rows if r.school), "(no school name)"),
        urn=next((r.urn for r in rows if r.urn), None),
        people=len(rows),
        sencos=len(sencos),
        status=status,
        at_risk=sum(r.at_risk and not r.overdue for r in rows),
        overdue=sum(r.overdue for r in rows),
        invalid=sum(r.status == "invalid" for r in rows),
        earliest_deadline=min(deadlines, default=None),
    )


def school_table(rows: list[RowResult]) -> tuple[SchoolSummary, ...]:
    """A summary per school, in the order of each school's most urgent row (the rows come in
    urgency order); none when the roster names no school."""
    if not any(row.school or row.urn for row in rows):
        return ()
    groups: dict[str, list[RowResult]] = {}
    for row in rows:
        groups.setdefault(school_key(row), []).append(row)
    return tuple(school_summary(group) for group in groups.values())
