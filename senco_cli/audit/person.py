"""One person's result in an audit: a roster row assessed (the rows and the school table
are both made of these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.records import NamedTuple


class RowResult(NamedTuple):
    row: int
    name: str | None
    trn: str | None  # masked
    status: str  # ready | not_ready | invalid
    qualified: bool | None
    deadline: dt.date | None
    days_left: int | None
    overdue: bool
    funding: str | None
    cohort: str | None
    next_step: str | None  # the id of the first step still open
    next_step_title: str | None
    error: str | None  # invalid rows: what to correct (TRNs masked)
    at_risk: bool = False  # the standard NPQ schedule ends after the deadline (as `senco plan`)
    cant_tell: bool = False  # an answer the rules need is missing, or the sources conflict
    school: str | None = None  # school.name
    urn: str | None = None  # school.urn
    note: str | None = None  # why an answer was left open
    senco: bool = False  # the person is the school's SENCO
    statutory: bool | None = None  # regulation 49 binds their setting
    meets_reg49: bool = False  # a SENCO who meets regulation 49 today (qualified, or within the deadline)
    situation: str | None = None  # the same decision as `senco check` (logic.situation); None: invalid
    next_action: str | None = None  # the code of `senco check`'s next action (register, late_join, a step id)
    next_by: dt.date | None = None  # act by this date
    laestab: str | None = None  # the school's LA and establishment number ("DfE number")
    can_be_designated: bool | None = None  # reg 49(1)-(3): may be the SENCO now (None: can't tell)
    lacks: tuple[str, ...] = ()  # can't tell: the unanswered questions that apply (dotted keys)
    # A row read with row N's person (one person on several rows): written back in the roster's
    # order with N's results, never counted. Only results in the roster's order hold such rows.
    read_with: int | None = None

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        del fields["read_with"]
        fields["deadline"] = self.deadline.isoformat() if self.deadline else None
        fields["next_by"] = self.next_by.isoformat() if self.next_by else None
        return fields

    def urgency(self) -> tuple[int, int, int]:
        """Sort key: overdue, at risk, then fewest days left; rows to correct before the rest;
        ready rows last."""
        if self.situation == "in_breach" or self.overdue:
            group = 0
        elif self.at_risk:
            group = 1
        elif self.days_left is not None and self.status != "ready":
            group = 2
        elif self.status == "invalid":
            group = 3
        elif self.status == "not_ready":
            group = 4
        else:
            group = 5
        return (group, self.days_left if self.days_left is not None else 0, self.row)
