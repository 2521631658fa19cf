"""The answer first: what a check report opens with, in words, for every format that shows
it (the terminal and HTML): the situation, the next action, the deadline and the funding."""

from __future__ import annotations

from typing import NamedTuple

from senco_cli.dates import long_date
from senco_cli.logic.report import Report
from senco_cli.rules.model import Source
from senco_cli.text import FUNDING_WORDS, headline, time_left

BOUND = {
    True: "regulation 49 applies",
    False: "regulation 49 does not apply",
    None: "whether regulation 49 applies depends on the school",
}


class Opening(NamedTuple):
    setting: str | None  # "Mainstream academy or free school: regulation 49 applies"
    headline: str
    next_action: str | None
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


def opening(report: Report) -> Opening:
    step = report.next_step()
    action = None
    if step is not None:
        action = step.title
        if step.id == "senco_qualification" and step.status == "todo" and report.next_cohort is not None:
            cohort = report.next_cohort
            about = "about " if cohort.starts_estimated else ""
            action += f": the next intake is {cohort.label}, starting {about}{long_date(cohort.starts)}"
    deadline = report.deadline
    other = None
    if deadline.applies and deadline.date is not None:
        when = f"{long_date(deadline.date)}, {time_left(report.as_of, deadline.date)}"
        state = "overdue" if deadline.overdue else "due"
        if deadline.other_reading is not None:
            other = long_date(deadline.other_reading)
    elif deadline.applies is None:
        when, state = "can't tell yet: see the steps to check", "unknown"
    elif report.qualified:
        when, state = "none: already qualified or exempt", "none"
    elif report.statutory is False:
        when, state = "none: no legal deadline applies here", "none"
    else:
        when, state = "none yet: the clock starts when you become SENCO", "none"
    # The basis is shown where it adds to the line: "none: no legal deadline applies here" and
    # the setting line above it already say what the basis would repeat.
    no_duty = state == "none" and (report.statutory is False or bool(report.qualified))
    said = no_duty or deadline.basis.rstrip(".").lower() in when.lower()
    basis = None if said else deadline.basis
    funding = report.funding
    symbol, word = FUNDING_WORDS[funding.status]
    return Opening(
        setting=f"{report.setting_label}: {BOUND[report.statutory]}" if report.setting_label else None,
        headline=headline(report.situation, report.remaining()),
        next_action=action,
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
