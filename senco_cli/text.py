"""Helpers shared by the renderers: status words and symbols, money, safe text."""

from __future__ import annotations

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


def days_phrase(days_left: int) -> str:
    if days_left < 0:
        return f"overdue by {-days_left} days"
    if days_left == 0:
        return "due today"
    return f"{days_left} days left"
