"""Which routes to QTS fit a person, and what each would cost as of a date."""

from __future__ import annotations

import datetime as dt
from functools import cache
from operator import attrgetter
from typing import Any

from senco_cli.dates import add_months, next_september
from senco_cli.logic.memo import by_answers, remembered_elsewhere
from senco_cli.logic.report import RouteOption
from senco_cli.profile.model import Profile
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Route, Rules


def _condition(profile: Profile, key: str, expected: Any) -> bool | None:
    """True or False when the answers settle the condition; None when unanswered."""
    if key == "min_schools_taught_in":
        schools = profile.schools_taught_in
        return None if schools is None else schools >= expected
    if key == "setting_in":
        return None if profile.setting is None else profile.setting in expected
    if key == "qualified_in":
        place = profile.qualified_in or ("elsewhere" if profile.qualified_abroad else None)
        return None if place is None else place in expected
    answer = getattr(profile, key)
    return None if answer is None else answer == expected


def route_fits(route: Route, profile: Profile) -> bool:
    """All `requires` hold or are unanswered; at least one `requires_any` clearly holds."""
    if any(_condition(profile, k, v) is False for k, v in route.requires.items()):
        return False
    if route.requires_any:
        return any(_condition(profile, k, v) is True for k, v in route.requires_any.items())
    return True


def route_cost(route: Route, rules: Rules, as_of: dt.date) -> tuple[int | None, int | None, tuple[Any, ...]]:
    """(min, max, extra sources): fee-cap routes are priced for the next September start."""
    if route.fee_cap_years_min is None or route.fee_cap_years_max is None:
        return route.min_gbp, route.max_gbp, ()
    cap = rules.fee_cap_on(next_september(as_of))
    if cap is None:
        return None, None, ()
    return cap.min_gbp * route.fee_cap_years_min, cap.max_gbp * route.fee_cap_years_max, cap.sources


def route_option(route: Route, rules: Rules, as_of: dt.date) -> RouteOption:
    low, high, cost_sources = route_cost(route, rules, as_of)
    months_min, months_max, length_sources = route.months_on(as_of)
    sources = tuple(dict.fromkeys(route.sources + length_sources + cost_sources))
    return RouteOption(route.id, route.label, months_min, months_max, low, high, route.note, sources)


# The profile answers each route condition reads (conditions are declared in rules.CONDITIONS).
# Which routes fit depends on nothing else, so the result is remembered per combination of
# these answers: a roster repeats a few combinations thousands of times.
CONDITION_ANSWERS: dict[str, tuple[str, ...]] = {
    "min_schools_taught_in": ("schools_taught_in",),
    "setting_in": ("setting",),
    "qualified_in": ("qualified_in", "qualified_abroad"),
}


@cache
def route_answers() -> tuple[str, ...]:
    """The answers the route conditions read (worked out when first needed: the conditions
    are declared with the rules' reader, which a run with cached rules never loads)."""
    from senco_cli.rules.load import CONDITIONS

    return tuple(dict.fromkeys(a for key in CONDITIONS for a in CONDITION_ANSWERS.get(key, (key,))))


@cache
def _read_route_answers() -> Any:
    return attrgetter(*route_answers())


_remembered: dict[tuple[Any, ...], tuple[Rules, tuple[RouteOption, ...]]] = {}
_REMEMBER_AT_MOST = 4096
remembered_elsewhere(_remembered.clear)


def fitting_routes(profile: Profile, rules: Rules, as_of: dt.date) -> tuple[RouteOption, ...]:
    """The routes to QTS in force on `as_of` whose conditions the answers meet (or leave open),
    priced and timed as of that day; remembered per rules, day and the answers they read."""
    key = (id(rules), as_of, _read_route_answers()(profile))
    known = _remembered.get(key)
    if known is not None and known[0] is rules:
        return known[1]
    routes = tuple(
        route_option(route, rules, as_of)
        for route in rules.routes
        if route.in_force(as_of) and route_fits(route, profile)
    )
    if len(_remembered) >= _REMEMBER_AT_MOST:
        _remembered.clear()
    _remembered[key] = (rules, routes)  # holding `rules` keeps its id from being reused
    return routes


class RouteUnderWay(NamedTuple):
    option: RouteOption  # priced and timed as on the day the training started
    starts: dt.date | None  # qualifications.qts_route_started
    qts_by: dt.date | None  # QTS by about: the start plus the route's longest length


@by_answers("qts_route", "qts_route_started")
def route_under_way(profile: Profile, rules: Rules, as_of: dt.date) -> RouteUnderWay | None:
    """The route to QTS a person is training on now (`qualifications.qts_route`), timed from
    when they started (`qts_route_started`) with the length in force on that day
    (data/routes.toml, `durations` where the length changed): QTS by about the start plus the
    route's `months_max`. None without a known route; `qts_by` None without a start date or
    where the sources give no length."""
    route = next((r for r in rules.routes if r.id == profile.qts_route), None)
    if route is None:
        return None
    starts = profile.qts_route_started
    option = route_option(route, rules, starts or as_of)
    qts_by = add_months(starts, option.months_max) if starts and option.months_max is not None else None
    return RouteUnderWay(option, starts, qts_by)
