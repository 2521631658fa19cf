"""Date arithmetic the rules need, and reading dates as people type them."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@lru_cache(maxsize=8192)
def add_years(day: dt.date, years: int) -> dt.date:
    """The anniversary `years` on; where that day does not exist (29 Feb), the day before."""
    target_year = day.year + years
    if day.month == 2 and day.day == 29 and not is_leap(target_year):
        return dt.date(target_year, 2, 28)
    return day.replace(year=target_year)


@lru_cache(maxsize=8192)
def add_months(day: dt.date, months: int) -> dt.date:
    """`months` calendar months on, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, days_in_month(year, month)))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (0 if end is not after start)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def next_september(day: dt.date) -> dt.date:
    """The first 1 September on or after `day`: when teacher training courses start."""
    september = dt.date(day.year, 9, 1)
    return september if day <= september else dt.date(day.year + 1, 9, 1)


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ISO, UK day/month/year and day-month-in-words dates (1 Sep 2025, or 1-Sep-2025 as
    Excel shows a date); compiled when first needed (a run that reads no written date never
    pays for it)."""
    return (
        re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})" + TIME_OF_DAY),
        re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + TIME_OF_DAY),
        re.compile(
            r"^\s*(\d{1,2})(?:st|nd|rd|th)?(?:\s+|\s*-\s*)([A-Za-z]+)\.?,?(?:\s+|\s*-\s*)(\d{4})"
            + TIME_OF_DAY
        ),
    )


# A time after the date, as a spreadsheet or a census export writes a date-and-time cell
# ("01/09/2025 10:30", "2025-09-01 00:00:00", "2025-09-01T08:00:00"): the date is read.
TIME_OF_DAY = r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?\s*$"


def _month_number(word: str) -> int:
    """September, Sept, Sep or sep -> 9."""
    word = word.lower()
    for number, name in enumerate(MONTH_NAMES, start=1):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    raise ValueError("not a month")


def parse_date(text: str) -> dt.date:
    """Read `2025-09-01`, UK day/month/year `1/9/2025` (day first, as dates are written in
    England: 01/02/2025 is 1 February), or `1 September 2025` (`1 Sept 2025`, `1-Sep-2025`,
    the month in any case), each perhaps with a time of day after it (read as its date);
    raise ValueError otherwise."""
    iso_date, uk_date, words_date = _date_patterns()
    iso = iso_date.match(text)
    uk = uk_date.match(text)
    words = words_date.match(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif uk:
        day, month, year = (int(part) for part in uk.groups())
    elif words:
        day, month, year = int(words.group(1)), _month_number(words.group(2)), int(words.group(3))
    else:
        raise ValueError("not a date")
    return dt.date(year, month, day)


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@lru_cache(maxsize=8192)
def long_date(day: dt.date) -> str:
    """A date as people write it: 1 September 2028."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: dt.date) -> str:
    """A date in a narrow column: 1 Sep 2028."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@lru_cache(maxsize=8192)
def ordinal(number: int) -> str:
    """1 -> first ... 10 -> tenth, then 11th, 12th, ..."""
    if 1 <= number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
