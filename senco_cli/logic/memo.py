"""Look-ups that depend on the rules and the date alone, worked out once per (rules, date)
rather than once per person: an audit judges every row of a roster on the same date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from senco_cli.rules.model import Rules

Result = TypeVar("Result")
KEPT = 64  # (rules, date) pairs remembered; a run uses one or two


def once_per_day(function: Callable[[Rules, dt.date], Result]) -> Callable[[Rules, dt.date], Result]:
    """`function(rules, day)` remembered for each rules object and day. The rules object is
    kept with its answer, so a new rules object (an edited folder, a test's copy) is never
    given another's answer. Answers are shared: callers must not change them."""
    memo: dict[tuple[int, dt.date], tuple[Rules, Any]] = {}

    @wraps(function)
    def remembered(rules: Rules, day: dt.date) -> Result:
        found = memo.get((id(rules), day))
        if found is not None and found[0] is rules:
            return found[1]  # type: ignore[no-any-return]
        answer = function(rules, day)
        if len(memo) >= KEPT:
            memo.clear()
        memo[(id(rules), day)] = (rules, answer)
        return answer

    remembered.cache_clear = memo.clear  # type: ignore[attr-defined]
    return remembered
