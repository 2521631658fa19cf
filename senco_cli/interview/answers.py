"""Typed answers: what is wrong with one (in GOV.UK's words), what it means, how it reads back.

No prompting here, so that the interview's logic can be tested without a terminal; the
same checks as the profile's are applied, so an answer accepted when typed is accepted
when saved and read again.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from senco_cli.dates import add_years, long_date, parse_date
from senco_cli.interview.questions import NOT_SURE, Question
from senco_cli.profile.model import EARLIEST_DATE, SECTIONS
from senco_cli.profile.validate import PLANNED_START_YEARS
from senco_cli.text import plural

# Each answer's field in the profile.
FIELDS = {key: spec for keys in SECTIONS.values() for key, spec in keys.items()}
YES_WORDS = {"y", "yes"}
NO_WORDS = {"n", "no"}
UNSURE_WORDS = {"not sure", "unsure", "don't know", "dont know", "?", "ns"}


def yes_no_words(question: Question) -> str:
    return "yes, no or not sure" if question.unsure else "yes or no"


def is_unsure(question: Question, text: str) -> bool:
    return question.unsure and text.strip().lower() in UNSURE_WORDS


def problem_with(question: Question, text: str, as_of: dt.date, answers: dict[str, Any]) -> str | None:
    """What is wrong with a typed answer; None when it is fine. An empty answer takes the
    question's default where it has one (the caller passes the default's text instead)."""
    text = text.strip()
    if is_unsure(question, text):
        return None
    if question.kind == "text":
        if len(text) > 200:
            return "Enter 200 characters or fewer"
        from senco_cli.schema import problem_with as field_problem

        if text and field_problem(text, FIELDS[question.key]) is not None:
            return "Enter plain text, without control characters or invisible characters"
        return None
    if question.kind == "confirm":
        if text.lower() in YES_WORDS | NO_WORDS:
            return None
        return f"Answer {yes_no_words(question)}, then press Enter"
    if not text:
        return question.missing
    if question.kind == "date":
        try:
            day = parse_date(text)
        except ValueError:
            return "The date must be a real date, like 2025-09-01, 1/9/2025 or 1 September 2025"
        if question.future:
            if day < as_of:
                return "The date must be today or in the future"
            if day > add_years(as_of, PLANNED_START_YEARS):
                return f"The date must be within {PLANNED_START_YEARS} years"
            return None
        if day > as_of:
            return "The date must be in the past"
        if day < EARLIEST_DATE:
            return f"The date must be in or after {EARLIEST_DATE.year}"
        started = answers.get("nasenco_started")
        if question.key == "nasenco_awarded" and isinstance(started, dt.date) and day < started:
            return f"The date must be the same as or after the course started ({long_date(started)})"
        return None
    try:
        number = float(text)
    except ValueError:
        return "Enter a number, like 6" + (", or not sure" if question.unsure else "")
    if not math.isfinite(number):
        return "Enter a number, like 6"
    if question.kind == "integer" and not number.is_integer():
        return "Enter a whole number, like 2"
    if number < 0:
        return "The number must be 0 or more"
    if question.maximum is not None and number > question.maximum:
        return f"The number must be {question.maximum:g} or less"
    return None


def convert(question: Question, reply: str) -> Any:
    """The value of an answer that passed problem_with."""
    reply = reply.strip()
    if is_unsure(question, reply):
        return NOT_SURE
    if question.kind == "text":
        return reply or None
    if question.kind == "confirm":
        return reply.lower() in YES_WORDS
    if question.kind == "date":
        return parse_date(reply)
    number = float(reply)
    return int(number) if question.kind == "integer" or number.is_integer() else number


def format_value(question: Question, value: Any) -> str:
    """An answer as the person would type or read it."""
    if value is None:
        return ""
    if question.kind == "select":
        return next(
            (c.title for c in question.all_choices() if c.value is value or c.value == value), str(value)
        )
    if value is NOT_SURE:
        return "Not sure"
    if question.kind == "confirm":
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def answer_words(question: Question, value: Any) -> str:
    """An answer as "Check your answers" reads it: a count in words with what it counts
    ("none", "1 month", "18 months"), never a bare number; any other answer as typed."""
    if question.unit and isinstance(value, int | float) and not isinstance(value, bool):
        return "none" if value == 0 else plural(value, question.unit)
    return format_value(question, value)
