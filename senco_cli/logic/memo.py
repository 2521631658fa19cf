"""Look-ups worked out once and remembered, rather than once per person: an audit judges
every row of a roster on the same date, and most of a report depends on a few answers that
thousands of rows share (the setting, the cohort, whether QTS is held).

- `once_per_day(function)`: `function(rules, day)`, remembered per rules object and day.
- `by_answers(*fields)`: `function(profile, rules, day, *more)`, remembered per rules object,
  day, the values of the profile's `fields` (and the truth of its `truthy` fields) and
  `more`. The function must read no other answer: tests/test_memo_keys.py records what
  each one reads and fails on any answer left out of its key.
- `forget()`: drop everything remembered (tests judge each person afresh with it).

Answers are shared between callers, so they are immutable (tuples and NamedTuples).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from operator import attrgetter
from typing import Any, TypeVar

from senco_cli.rules.model import Rules

Result = TypeVar("Result")
Function = TypeVar("Function", bound=Callable[..., Any])
KEPT = 64  # (rules, date) pairs remembered; a run uses one or two
KEPT_ANSWERS = 4096  # distinct answers remembered per function and day; then it starts again
_MISSING = object()
_forgetters: list[Callable[[], None]] = []


def forget() -> None:
    """Drop every look-up remembered, in this module's memos and the ones registered with it."""
    for clear in _forgetters:
        clear()


def remembered_elsewhere(clear: Callable[[], None]) -> None:
    """Register another memo's clear(), for forget()."""
    _forgetters.append(clear)


def once_per_day(function: Callable[[Rules, dt.date], Result]) -> Callable[[Rules, dt.date], Result]:
    """`function(rules, day)` remembered for each rules object and day. The rules object is
    kept with its answer, so a new rules object (an edited folder, a test's copy) is never
    given another's answer. Answers are shared: callers must not change them."""
    memo: dict[tuple[int, dt.date], tuple[Rules, Any]] = {}
    last: list[Any] = [None, None, None]  # the last (rules, day, answer)

    @wraps(function)
    def remembered(rules: Rules, day: dt.date) -> Result:
        if rules is last[0] and day == last[1]:
            return last[2]  # type: ignore[no-any-return]
        found = memo.get((id(rules), day))
        if found is not None and found[0] is rules:
            answer = found[1]
        else:
            answer = function(rules, day)
            if len(memo) >= KEPT:
                memo.clear()
            memo[(id(rules), day)] = (rules, answer)
        last[0], last[1], last[2] = rules, day, answer
        return answer  # type: ignore[no-any-return]

    def clear() -> None:
        memo.clear()
        last[0] = last[1] = last[2] = None

    remembered.cache_clear = clear  # type: ignore[attr-defined]
    _forgetters.append(clear)
    return remembered


def by_answers(*fields: str, truthy: tuple[str, ...] = ()) -> Callable[[Function], Function]:
    """Remember `function(profile, rules, day, *more)` per rules object and day, keyed by the
    profile's answers `fields`, whether each of `truthy` is set to something true, and
    `more` (which must be hashable). The wrapper keeps `fields` and `truthy` for the test
    that checks them, and the function itself as `__wrapped__`."""
    read = attrgetter(*fields) if fields else (lambda _: ())
    read_truthy = attrgetter(*truthy) if truthy else None
    one_truthy = len(truthy) == 1

    def decorate(function: Function) -> Function:
        days: dict[tuple[int, dt.date], tuple[Rules, dict[Any, Any]]] = {}
        # The last (rules, day, answers) used: a roster asks on one day with one rules object.
        last: list[Any] = [None, None, None]

        def answers_on(rules: Rules, day: dt.date) -> dict[Any, Any]:
            found = days.get((id(rules), day))
            if found is None or found[0] is not rules:
                if len(days) >= KEPT:
                    days.clear()
                found = days[(id(rules), day)] = (rules, {})
            last[0], last[1], last[2] = rules, day, found[1]
            return found[1]

        @wraps(function)
        def remembered(profile: Any, rules: Rules, day: dt.date, *more: Any) -> Any:
            memo = last[2] if rules is last[0] and day == last[1] else answers_on(rules, day)
            if read_truthy is None:
                key: Any = (read(profile), more)
            elif one_truthy:
                key = (read(profile), bool(read_truthy(profile)), more)
            else:
                key = (read(profile), tuple(map(bool, read_truthy(profile))), more)
            answer = memo.get(key, _MISSING)
            if answer is _MISSING:
                answer = function(profile, rules, day, *more)
                if len(memo) >= KEPT_ANSWERS:
                    memo.clear()
                memo[key] = answer
            return answer

        def clear() -> None:
            days.clear()
            last[0] = last[1] = last[2] = None

        remembered.fields = fields  # type: ignore[attr-defined]
        remembered.truthy = truthy  # type: ignore[attr-defined]
        _forgetters.append(clear)
        return remembered  # type: ignore[return-value]

    return decorate
