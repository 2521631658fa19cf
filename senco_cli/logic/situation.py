"""Where a person stands, decided once: the one word `check`, `plan`, `audit` and every
format head their reports with, and from which `status`, `at_risk` and the exit codes follow."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from senco_cli.logic.report import FINISHED, Deadline, Step
from senco_cli.records import NamedTuple

Situation = Literal["in_breach", "overdue", "at_risk", "cant_tell", "on_track", "ready", "not_required"]
# In order of precedence: the first that applies wins.
SITUATIONS: tuple[Situation, ...] = (
    "in_breach",
    "overdue",
    "at_risk",
    "cant_tell",
    "on_track",
    "ready",
    "not_required",
)
# The situations that make `check` and `plan` exit 1 even when nothing else is open.
FAILING: tuple[Situation, ...] = ("in_breach", "overdue", "at_risk")
SETTLED_OK: tuple[Situation, ...] = ("ready", "not_required")


class Facts(NamedTuple):
    """What the situation is decided from: one assessment's findings."""

    as_of: dt.date
    statutory: bool | None  # regulation 49 binds the setting (None: not settled)
    senco: str | None  # role.senco: yes | planning | no
    can_be_designated: bool | None  # meets reg 49(2) or (3) now (None: not settled)
    qualified: bool  # holds the SENCO qualification or is exempt from the duty
    qualification_settled: bool  # the answers settle whether a qualification held counts
    deadline: Deadline
    expected_result: dt.date | None  # the earliest NPQ result still open to them
    steps: tuple[Step, ...]


def earliest_reading(deadline: Deadline) -> dt.date | None:
    """The earliest reading of the deadline: where the law reads two ways, the earlier date."""
    readings = [day for day in (deadline.date, deadline.other_reading) if day is not None]
    return min(readings, default=None)


def decide_situation(facts: Facts) -> Situation:
    """The person's situation under SEND Regulations 2014 reg 49, first that applies:

    - in_breach: a designated SENCO (role.senco = "yes") at a school reg 49 binds who cannot
      be designated now: not a qualified teacher who passed induction where required and
      works as a teacher at the school (49(2)), and not the head or acting head (49(3)).
      The three years of 49(4) are for the SENCO qualification only, never for these.
    - overdue: bound, the deadline has passed, and the qualification is known not held.
    - at_risk: bound, not qualified, and the earliest reading of the deadline has passed or
      falls before the expected NPQ result.
    - cant_tell: an answer the situation depends on is missing (whether reg 49 binds, the
      role or its start, whether a NASENCO counts, whether a designated SENCO can be
      designated), or every open step is a question. A missing date never gives overdue
      or at_risk on its own.
    - not_required: reg 49 does not bind the setting (optional steps never make it "not
      ready"); ready: every step done or not needed; on_track: otherwise.
    """
    bound = facts.statutory is True
    designated = facts.senco == "yes"
    if bound and designated and facts.can_be_designated is False:
        return "in_breach"
    if facts.statutory is False:
        return "not_required"
    deadline = facts.deadline
    known_unqualified = bound and not facts.qualified and facts.qualification_settled
    if known_unqualified and deadline.applies and deadline.overdue:
        return "overdue"
    earliest = earliest_reading(deadline)
    late = earliest is not None and (
        earliest < facts.as_of or (facts.expected_result is not None and facts.expected_result > earliest)
    )
    if known_unqualified and deadline.applies and late:
        return "at_risk"
    missing = (
        facts.statutory is None
        or deadline.applies is None
        or (bound and not facts.qualification_settled)
        or (bound and designated and facts.can_be_designated is None)
    )
    open_steps = [step for step in facts.steps if step.status not in FINISHED]
    if missing or (open_steps and all(step.status == "check" for step in open_steps)):
        return "cant_tell"
    return "on_track" if open_steps else "ready"
