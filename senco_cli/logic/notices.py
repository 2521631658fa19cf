"""Notices: each warning and note of a report as data a script can read (a code, a level,
the words from data/wording.toml, and the dates it names as dates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from senco_cli.dates import long_date
from senco_cli.logic.memo import once_per_day
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Rules
from senco_cli.rules.vocab import NoticeCode, SentenceCode


class Notice(NamedTuple):
    code: str  # a [notices.CODE] of data/wording.toml, or a rules notice (rules_stale, send_reform)
    level: str  # urgent | check | info
    text: str
    dates: Mapping[str, dt.date]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "text": self.text,
            "dates": {name: day.isoformat() for name, day in sorted(self.dates.items())},
        }


def notice(
    rules: Rules, code: NoticeCode, dates: Mapping[str, dt.date | None] | None = None, **values: Any
) -> Notice:
    """The notice `code` in the words data/wording.toml gives it: `dates` fill their
    placeholders as people write dates and are kept as dates; `values` fill the rest."""
    words = rules.notices[code]
    known: dict[str, dt.date] = {}
    if dates:
        for name, day in dates.items():
            if day is not None:
                known[name] = day
                values[name] = long_date(day)  # a date fills its placeholder over a value of that name
    return Notice(code, words.level, words.text.format_map(values), known)


def say(
    rules: Rules, code: SentenceCode, dates: Mapping[str, dt.date | None] | None = None, **values: Any
) -> str:
    """The sentence `code` of data/wording.toml, filled: dates as people write them."""
    if dates:
        for name, day in dates.items():
            if day is not None:
                values[name] = long_date(day)  # a date fills its placeholder over a value of that name
    return rules.sentences[code].format_map(values)


def rules_notices(rules: Rules, as_of: dt.date, reform: bool = True) -> list[Notice]:
    """What the reports say about the rules data itself on `as_of` (stale data; the reform
    proposals)."""
    return list(_with_reform(rules, as_of) if reform else _notices(rules, as_of, False))


@once_per_day
def _with_reform(rules: Rules, as_of: dt.date) -> tuple[Notice, ...]:
    return tuple(_notices(rules, as_of, True))


def _notices(rules: Rules, as_of: dt.date, reform: bool) -> list[Notice]:
    texts = rules.warnings_on(as_of, reform)
    notices = []
    for text in texts:
        code = "send_reform" if text.startswith(rules.law["send_reform"].title) else "rules_stale"
        dates = {"reviewed": rules.reviewed} if code == "rules_stale" else {}
        notices.append(Notice(code, "info", text, dates))
    return notices
