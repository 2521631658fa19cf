"""The verdict: one person's situation decided once, before any words about it. `senco check`
and `senco plan` add the notices, notes and costs to it (logic.assess); `senco audit` reads
only the verdict, row by row."""

from __future__ import annotations

import datetime as dt

from senco_cli.logic.npq_timing import NpqTiming
from senco_cli.logic.qualification import Outcome
from senco_cli.logic.report import Deadline, Funding, NextAction, RouteOption, Step, first_open_step
from senco_cli.logic.scope import Scope
from senco_cli.logic.situation import SETTLED_OK, Situation
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Cohort

AT_RISK: tuple[Situation, ...] = ("overdue", "at_risk")  # a report's `at_risk`


class Verdict(NamedTuple):
    """What stands between one person and the SENCO role on `as_of`, decided once from the
    answers and the rules: the checklist of SEND Regulations 2014 reg 49, the deadline,
    DfE funding, the routes to QTS, the situation and the next action."""

    as_of: dt.date
    profile: Profile  # the answers as judged (role.senco filled in from a date given)
    scope: Scope  # does reg 49 bind the post
    statutory: bool | None
    can_be_designated: bool | None
    qualified: bool
    steps: tuple[Step, ...]
    qualification: Outcome  # the senco_qualification step, the deadline and the duty's notices
    deadline: Deadline
    funding: Funding
    routes: tuple[RouteOption, ...]
    timing: NpqTiming | None  # the NPQ's timing, while the qualification is still to gain
    expected_result: dt.date | None
    next_cohort: Cohort | None
    situation: Situation
    next_action: NextAction | None = None  # what to do first, and by when

    @property
    def ready(self) -> bool:
        """Nothing stands between this person and the role: ready, or no legal requirement."""
        return self.situation in SETTLED_OK

    @property
    def at_risk(self) -> bool:
        """Overdue, or at risk of missing the deadline."""
        return self.situation in AT_RISK

    def next_step(self) -> Step | None:
        """The step to act on first: something to do, then under way, then to check."""
        return first_open_step(self.steps)
