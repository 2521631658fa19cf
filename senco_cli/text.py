"""Helpers shared by the renderers: status words and symbols, money, safe text."""

from __future__ import annotations

import datetime as dt
import unicodedata

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


def steps_remain(count: int) -> str:
    return f"{count} step remains" if count == 1 else f"{count} steps remain"


def headline(situation: str, remaining: int) -> str:
    symbol, word, meaning = SITUATIONS[situation]
    return f"{symbol} {word}: {meaning.format(remaining=steps_remain(remaining))}"


PAYERS = {
    "dfe": "DfE",
    "you_or_school": "you or your school",
    "you_with_loan": "you (tuition fee loan available)",
    "employer": "your employer",
}


def plain(text: str) -> str:
    """Text safe to print on one line: control and format characters shown as codes, not obeyed."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf") else char for char in text
    )


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
        return f"{low} months"
    return f"{low} to {high} months"


def time_left(start: dt.date, end: dt.date) -> str:
    """How long from `start` to `end` as people say it: "in 1 year 9 months", "3 months ago"."""
    later, earlier = (end, start) if end >= start else (start, end)
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    if months == 0:
        days = (later - earlier).days
        span = "today" if days == 0 else (f"{days} day" + ("s" if days != 1 else ""))
    else:
        years, months = divmod(months, 12)
        parts = [f"{years} year" + ("s" if years != 1 else "")] if years else []
        parts += [f"{months} month" + ("s" if months != 1 else "")] if months else []
        span = " ".join(parts)
    if span == "today":
        return "today"
    return f"in {span}" if end >= start else f"{span} ago"


def days_phrase(days_left: int) -> str:
    if days_left < 0:
        return f"overdue by {-days_left} days"
    if days_left == 0:
        return "due today"
    return f"{days_left} days left"
