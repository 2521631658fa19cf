"""One person's result in an audit: a roster row assessed (the rows and the school table
are both made of these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from senco_cli.records import NamedTuple
from senco_cli.text import days_phrase, plural

# Each row's word and colour, most urgent first: the situations' precedence (in_breach,
# overdue, at_risk, cant_tell, on_track, ready and not_required), with a row to correct
# first among those that can't be told.
STATES: tuple[tuple[str, str], ...] = (
    ("in breach", "bad"),
    ("overdue", "bad"),
    ("at risk", "bad"),
    ("needs correcting", "warn"),
    ("can't tell", "warn"),
    ("not ready", "plain"),
    ("ready", "good"),
)
STATE_RANK = {word: rank for rank, (word, _) in enumerate(STATES)}
NO_DEADLINE = 2**31 - 1  # days left sorting a row without a deadline after every other


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

    def state(self) -> tuple[str, str]:
        """The row's word and its colour, the one every format shows: the first of STATES
        that applies, in the precedence of the situations (logic/situation.py SITUATIONS).
        A breach stands on a row with a cell to correct (it rests on answers that were read);
        anything else on such a row is "needs correcting"."""
        if self.situation == "in_breach":
            return STATES[0]
        if self.status == "invalid":
            return STATES[3]
        if self.overdue:
            return STATES[1]
        if self.at_risk:
            return STATES[2]
        if self.status == "ready":
            return STATES[6]
        if self.situation == "cant_tell":  # the situation's word, as check and plan say it
            return STATES[4]
        return STATES[5]

    def next_words(self) -> str:
        """What to do about this row, as every format says it: the cell to correct, else the
        next step; then the row's note (an answer the roster lacks, how its rows were read).
        "Needs qualified teacher status (QTS) · Needs an answer for Induction."."""
        first = f"correct: {self.error}" if self.error else (self.next_step_title or "")
        return " · ".join(part for part in (first, self.note) if part)

    def days_words(self) -> str | None:
        """The days to the deadline as every format says them ("90 days left", "overdue by
        5 days"). A row to correct is flagged, not judged: a deadline it has passed is said
        as "455 days ago", never overdue."""
        if self.days_left is None:
            return None
        if self.error is not None and self.days_left < 0:
            return f"{plural(-self.days_left, 'day')} ago"
        return days_phrase(self.days_left)

    def urgency(self) -> tuple[int, int, int]:
        """Sort key: the row's word in STATES' order (in breach, overdue, at risk, needs
        correcting, can't tell, not ready, ready), then fewest days left (rows with no
        deadline after those with one), then the row number."""
        rank = STATE_RANK[self.state()[0]]
        return (rank, self.days_left if self.days_left is not None else NO_DEADLINE, self.row)
