"""Helpers shared by the renderers: status words and symbols, money, safe text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import IO, Any

STATUS_WORDS = {
    "done": ("✔", "done"),
    "todo": ("✘", "to do"),
    "in_progress": ("◐", "in progress"),
    "not_needed": ("–", "not needed"),
    "check": ("?", "check"),
}
FUNDING_WORDS = {
    "funded": ("✔", "funded"),
    "subject_to_review": ("?", "subject to DfE review"),
    "not_funded": ("✘", "not funded"),
    "unknown": ("?", "unknown"),
}
# How each situation heads a report: symbol, word, and what it means.
SITUATIONS = {
    "in_breach": (
        "✘",
        "IN BREACH",
        "the school cannot keep you as SENCO until you are a qualified teacher (QTS, or QTLS with SET "
        "membership) working as a teacher there, or the head takes the role",
    ),
    "overdue": ("✘", "OVERDUE", "the deadline has passed"),
    "at_risk": ("✘", "AT RISK", "the standard NPQ schedule ends after the deadline"),
    "not_required": ("✔", "NO LEGAL REQUIREMENT HERE", "employers may still ask for QTS or the NPQ"),
    "ready": ("✔", "READY", "every step is done or not needed"),
    "cant_tell": ("?", "CAN'T TELL YET", "an answer or the sources do not settle it: see the steps to check"),
    "on_track": ("◐", "NOT READY, ON TRACK", "{remaining}"),
}


IRREGULAR_PLURALS = {"person": "people", "child": "children"}


def plural(count: float, word: str, many: str | None = None) -> str:
    """The count and the word, singular for exactly 1: "1 school", "2 schools", "0 rows",
    "1 person", "3 people", "1.5 months". `many` spells a plural the rule here does not."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    if count == 1:
        return f"{number} {word}"
    if many is None:
        many = IRREGULAR_PLURALS.get(word) or word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{number} {many}"


def steps_remain(count: int) -> str:
    return plural(count, "step") + (" remains" if count == 1 else " remain")


def audit_counts(summary: Mapping[str, Any]) -> str:
    """The audit's counts (AuditResult.summary) in one sentence, every count of people in it:
    the situations in their order of precedence (in breach, overdue, at risk), then the rest."""
    return (
        f"{plural(summary['lines'], 'data line')}, {plural(summary['rows'], 'person')}: "
        f"{summary['assessed']} assessed ({summary['ready']} ready, {summary['not_ready']} not ready), "
        f"{summary['invalid']} to correct; "
        f"{summary['in_breach']} in breach, {summary['overdue']} overdue, {summary['at_risk']} at risk, "
        f"{summary['due_within_6_months']} due within 6 months, "
        f"{summary['cant_tell']} can't tell (answers missing)."
    )


def audit_summary(summary: Mapping[str, Any]) -> list[str]:
    """The audit's summary as the terminal and Markdown give it: the counts, the schools and
    the NPQ funding of the cohort judged, each a sentence, from the one summary."""
    lines = [audit_counts(summary)]
    if summary["schools"]:
        lines.append(
            f"{plural(summary['schools'], 'school')}: {summary['schools_meeting_reg49']} with a SENCO who "
            "meets regulation 49."
        )
    funding = ", ".join(f"{count} {FUNDING_WORDS[status][1]}" for status, count in summary["funding"].items())
    if funding:
        lines.append(f"NPQ funding for the cohort judged ({', '.join(summary['cohorts'])}): {funding}.")
    return lines


def headline(situation: str, remaining: int) -> str:
    symbol, word, meaning = SITUATIONS[situation]
    return f"{symbol} {word}: {meaning.format(remaining=steps_remain(remaining))}"


PAYERS = {
    "dfe": "DfE",
    "you_or_school": "you or your school",
    "you_with_loan": "you (tuition fee loan available)",
    "employer": "your employer",
}


# Invisible characters that scripts and emoji need: the zero-width non-joiner and joiner
# (Persian compound names, emoji sequences) and the left-to-right, right-to-left and Arabic
# letter marks. They cannot move the cursor or hide text, unlike the other format characters
# (bidirectional overrides and isolates, tag characters) and the control characters.
SCRIPT_MARKS = frozenset("\u200c\u200d\u200e\u200f\u061c")


def unsafe(char: str) -> bool:
    """A control or format character that could move the cursor or hide text."""
    return unicodedata.category(char) in ("Cc", "Cf") and char not in SCRIPT_MARKS


def plain(text: str) -> str:
    """Text safe to print on one line: control and format characters shown as codes, not obeyed."""
    if text.isprintable():  # no control or format character at all (nearly every message)
        return text
    return "".join(f"\\u{ord(char):04x}" if unsafe(char) else char for char in text)


# What is never masked as a TRN though it has digits enough. A date as people write it: the
# forms senco reads (2025-09-01, 01/09/2025, 1 Sep 2025, 1-Sep-2025) and the ones it refuses
# but a person may type (2025/09/01, Sep 1 2025, 01/09/25), shaped as a date (a day 1 to 31,
# a month 1 to 12 or a month's name, a year 1900 to 2199): "33/44/5555" is digits, not a
# date. And a spreadsheet cell's address (B1048576, XFD1048576: column letters in capitals
# up to XFD, a row up to 1,048,576), as senco's own messages name a cell; "TRN1234567" is a
# TRN, and "RP99/12345" (a TRN in DfE's old form) is no address.
MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DAY_SUFFIX = r"(?:st|nd|rd|th)?"
KEPT_SHAPES = (
    r"(?<!\d)(?<!\d[-/.])(?:"
    r"(?P<y1>\d{4})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<s2>[-/.])(?P<m2>\d{1,2})(?P=s2)(?P<y2>\d{4}|\d{2})"
    rf"|(?P<d3>\d{{1,2}}){DAY_SUFFIX}[\s-]+(?P<m3>{MONTH_WORD}),?[\s-]+(?P<y3>\d{{4}})"
    rf"|(?P<m4>{MONTH_WORD})[\s-]+(?P<d4>\d{{1,2}}){DAY_SUFFIX},?[\s-]+(?P<y4>\d{{4}})"
    # A cell's address only where senco's own words name one ("cell B1048576", "the first at
    # XFD5000"): a name or cell such as "JO1048000" is masked like any other digits.
    r"|(?:(?<=cell )|(?<=at ))(?P<column>(?-i:[A-Z]{1,3}))(?P<row>[1-9]\d{0,6})(?! \d)"
    r")(?!\d)(?![-/.]\d)"
)
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
LAST_CELL = ("XFD", 1_048_576)  # a spreadsheet's last column and row


@cache
def kept_shapes() -> re.Pattern[str]:
    """A date as people write it, or a cell's address (see KEPT_SHAPES); compiled when first
    needed."""
    return re.compile(KEPT_SHAPES, re.IGNORECASE)


@cache
def digit_runs() -> re.Pattern[str]:
    """A run of digits with single separators between them; compiled when first needed."""
    return re.compile(r"\d(?:[ \-./]?\d)+")


@cache
def five_digits() -> re.Pattern[str]:
    """Five digits with at most single separators between them: the least a mask acts on."""
    return re.compile(r"\d(?:[ \-./]?\d){4}")


def _kept(found: re.Match[str]) -> bool:
    """Whether a KEPT_SHAPES match is a date or a cell's address, not digits that happen to
    be shaped so. 31/09/2025 is a date mistyped, still a date; 33/44/5555 is digits."""
    groups = found.groupdict()
    column = groups["column"]
    if column is not None:
        width = (len(column), column) <= (len(LAST_CELL[0]), LAST_CELL[0])
        return column != "TRN" and width and int(groups["row"]) <= LAST_CELL[1]
    n = next(n for n in "1234" if groups[f"d{n}"] is not None)
    day, month, year = int(groups[f"d{n}"]), groups[f"m{n}"], groups[f"y{n}"]
    if month.isdigit():
        month_fits = 1 <= int(month) <= 12
    else:
        word = month.rstrip(".").lower()
        month_fits = any(name.startswith(word) for name in MONTHS)
    return month_fits and 1 <= day <= 31 and (len(year) == 2 or 1900 <= int(year) <= 2199)


def _mask_runs(text: str, masked: Callable[[str], str]) -> str:
    """`text` with each run of digits outside a date or a cell's address given to `masked`
    (callers first pass over texts with no five digits: nothing a mask acts on)."""
    out: list[str] = []
    start = 0
    for found in kept_shapes().finditer(text):
        if _kept(found):
            out.append(digit_runs().sub(lambda run: masked(run.group()), text[start : found.start()]))
            out.append(found.group())
            start = found.end()
    out.append(digit_runs().sub(lambda run: masked(run.group()), text[start:]))
    return "".join(out)


def mask_trn(trn: str | None) -> str | None:
    """Only the last three digits of a TRN are ever shown; one already shown so ("****567",
    from senco's own results) stays as it is."""
    if not trn:
        return None
    if trn.startswith("*") and trn.lstrip("*").isdigit() and len(trn.lstrip("*")) <= 3:
        return trn
    whole, point, zeros = trn.partition(".")
    if point and whole.strip().isdigit() and not zeros.strip("0"):
        trn = whole  # 1234567.0, as a spreadsheet may store it: the TRN's own last digits
    digits = trn if trn.isdigit() else "".join(char for char in trn if char.isdigit()) or trn.replace(" ", "")
    return "****" + digits[-3:] if len(digits) > 3 else "*" * len(digits)


def _cell_run(run: str) -> str:
    return mask_trn(run) or "" if sum(char.isdigit() for char in run) >= 5 else run


def _message_run(run: str) -> str:
    digits = sum(char.isdigit() for char in run)
    return mask_trn(run) or "" if digits >= 7 or (digits >= 5 and not run.isdigit()) else run


def mask_cell(text: str) -> str:
    """A cell's text as a message may repeat it: every run of five or more digits (with or
    without separators) shown by its last three, since it could be a TRN. A date, in any
    way people write one (KEPT_SHAPES), is left as it is."""
    if five_digits().search(text) is None:  # nearly every cell: nothing a mask acts on
        return text
    return _mask_runs(text, _cell_run)


def mask_numbers(text: str) -> str:
    """Text (a message, or a name, header or cell on its way out) with anything that could be
    a TRN shown by its last three digits: a run of five or more digits with separators
    (123-4567, 99/12345, 123 4567), or seven or more without. Dates, in any way people write
    one (KEPT_SHAPES), and numbers with thousands commas are left as they are."""
    if five_digits().search(text) is None:  # nearly every text: nothing a mask acts on
        return text
    return _masked_numbers(text)


@lru_cache(maxsize=4096)
def _masked_numbers(text: str) -> str:
    return _mask_runs(text, _message_run)


def shown(text: str | None) -> str | None:
    """A roster's text (a name, a school, a header, a cell) as senco's output shows it:
    masked as mask_numbers masks a message, so a TRN typed in any column is never shown."""
    return mask_numbers(text) if text else text


def money(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "not stated"
    if low == high:
        return "free" if low == 0 else f"£{low:,}"
    return f"£{low:,} to £{high:,}"


def months(low: int | None, high: int | None) -> str:
    if low is None or high is None:
        return "not stated"
    if low == high:
        return plural(low, "month")
    return f"{low} to {high} months"


def time_left(start: dt.date, end: dt.date) -> str:
    """How long from `start` to `end` as people say it: "in 1 year 9 months", "3 months ago"."""
    later, earlier = (end, start) if end >= start else (start, end)
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    if months == 0:
        days = (later - earlier).days
        span = "today" if days == 0 else plural(days, "day")
    else:
        years, months = divmod(months, 12)
        parts = [plural(years, "year")] if years else []
        parts += [plural(months, "month")] if months else []
        span = " ".join(parts)
    if span == "today":
        return "today"
    return f"in {span}" if end >= start else f"{span} ago"


def days_phrase(days_left: int) -> str:
    if days_left < 0:
        return f"overdue by {plural(-days_left, 'day')}"
    if days_left == 0:
        return "due today"
    return f"{plural(days_left, 'day')} left"


def write_wrapped(stream: IO[str], text: str) -> None:
    """Text on one line, or, when `stream` is a terminal, wrapped to its width; paths and
    options are never broken."""
    import os

    try:
        width = os.get_terminal_size(stream.fileno()).columns if stream.isatty() else 0
    except (OSError, ValueError, AttributeError):
        width = 0
    if width:
        import textwrap

        lines = textwrap.wrap(
            text, width=max(width, 40), subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
        )
        text = "\n".join(lines)
    stream.write(text + "\n")
