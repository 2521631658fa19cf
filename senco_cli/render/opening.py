"""The answer first: what a check report opens with, in words, for every format that shows
it (the terminal and HTML): the situation, the next action, the deadline and the funding."""

from __future__ import annotations

import datetime as dt

from senco_cli.dates import long_date
from senco_cli.logic.report import NextAction, Report
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Source
from senco_cli.text import FUNDING_WORDS, headline, time_left

NOTHING_TO_SCHEDULE = "Nothing left to schedule."  # a plan with no milestone left, in every format

BOUND = {
    True: "regulation 49 applies",
    False: "regulation 49 does not apply",
    None: "whether regulation 49 applies depends on the school",
}


class Opening(NamedTuple):
    setting: str | None  # "Mainstream academy or free school: regulation 49 applies"
    headline: str
    next_action: str | None
    next_sources: tuple[Source, ...]  # what the next action's words name (the lead providers' list)
    deadline: str  # "1 September 2028, in 1 year 9 months", or why there is none
    deadline_state: str  # overdue | due | unknown | none
    deadline_other: str | None  # the other reading's date, when the law reads two ways
    basis: str | None  # why that deadline, unless the deadline line already says it
    basis_sources: tuple[Source, ...]
    funding_symbol: str
    funding_word: str
    funding_for: str  # " for Autumn 2027", or ""
    funding_reason: str | None  # None when the NPQ is not needed
    funding_sources: tuple[Source, ...]
    not_needed: bool  # the person is qualified: funding is for reference only
    urgent: tuple[str, ...]


def qualification_code(report: Report) -> str:
    return next((step.code for step in report.steps if step.id == "senco_qualification"), "")


def next_action_words(action: NextAction | None, as_of: dt.date) -> str | None:
    """The next action with its by-when, as every format words it."""
    if action is None:
        return None
    words = action.text
    if action.code == "register" and action.by is not None:
        about = "about " if action.opens_estimated else ""
        if action.opens is not None and action.opens > as_of:
            words += f"; registration opens {about}{long_date(action.opens)}"
        words += f"; register before {long_date(action.by)}"
    elif action.code == "late_join" and action.fallback:
        words += f". If not: {action.fallback[0].lower()}{action.fallback[1:]}"
    return words


def opening(report: Report) -> Opening:
    action = next_action_words(report.next_action, report.as_of)
    deadline = report.deadline
    other = None
    if deadline.applies and deadline.date is not None:
        when = f"{long_date(deadline.date)}, {time_left(report.as_of, deadline.date)}"
        state = "overdue" if deadline.overdue else "due"
        if deadline.other_reading is not None:
            other = long_date(deadline.other_reading)
    elif deadline.applies is None:
        when, state = "can't tell yet: see the steps to check", "unknown"
    elif report.qualified and qualification_code(report) == "duty_not_binding":
        when, state = "none: exempt from the SENCO qualification duty (not from QTS)", "none"
    elif report.qualified:
        when, state = "none: you hold the SENCO qualification", "none"
    elif report.statutory is False:
        when, state = "none: no legal deadline applies here", "none"
    else:
        when, state = "none yet: the clock starts when you become SENCO", "none"
    # The basis is shown where it adds to the line: "none: no legal deadline applies here", "none
    # yet: the clock starts when you become SENCO" and the setting line already say it.
    no_duty = state == "none"
    said = no_duty or deadline.basis.rstrip(".").lower() in when.lower()
    basis = None if said else deadline.basis
    funding = report.funding
    symbol, word = FUNDING_WORDS[funding.status]
    return Opening(
        setting=f"{report.setting_label}: {BOUND[report.statutory]}" if report.setting_label else None,
        headline=headline(report.situation, report.remaining()),
        next_action=action,
        next_sources=report.next_action.sources if report.next_action else (),
        deadline=when,
        deadline_state=state,
        deadline_other=other,
        basis=basis,
        basis_sources=deadline.sources,
        funding_symbol=symbol,
        funding_word=word,
        funding_for=f" for {funding.cohort_label}" if funding.cohort_label else "",
        funding_reason=None if report.qualified else funding.reason.removeprefix(f"{funding.cohort_label}: "),
        funding_sources=funding.sources,
        not_needed=bool(report.qualified),
        urgent=tuple(report.urgent),
    )
