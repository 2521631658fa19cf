"""The parts of a report remembered per answers (logic/memo.by_answers) are keyed by every
answer they read: each is run on generated profiles that record which answers are read,
and any answer read but missing from the key fails the test. A remembered report is the
report worked out afresh, for any profile and after any other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from senco_cli.logic import assess as engine
from senco_cli.logic import memo
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.npq_timing import npq_timing
from senco_cli.logic.qualification import qualification_step, senco_qualification, three_year_duty
from senco_cli.logic.routes import fitting_routes, route_under_way
from senco_cli.logic.scope import scope_on
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Rules

from conftest import FROZEN_RULES

DAYS = (dt.date(2024, 3, 1), dt.date(2026, 11, 28), dt.date(2028, 9, 2))
READ: set[str] = set()


class Recording(Profile):
    """A profile that notes each answer read."""

    __slots__ = ()


def _recorder(index: int, name: str) -> property:
    def read(self: Profile) -> Any:
        READ.add(name)
        return tuple.__getitem__(self, index)

    return property(read)


for _index, _name in enumerate(Profile._fields):
    setattr(Recording, _name, _recorder(_index, _name))


def _rules() -> Rules:
    from senco_cli.rules.load import load_rules

    return load_rules(FROZEN_RULES)


RULES = _rules()
COHORTS = [None, *(c.id for c in RULES.cohorts)]
CHOICES: dict[str, list[Any]] = {
    column.split(".")[-1]: [
        None,
        *sorted({answer for answer, _ in words.values() if answer is not None}, key=str),
    ]
    for column, words in RULES.answers.words.items()
    if column.split(".")[-1] in Profile._fields
}
CHOICES |= {
    "setting": [None, *RULES.settings],
    "npq_cohort": COHORTS,
    "npq_rejoin_cohort": COHORTS,
    "qts_route": [None, *(r.id for r in RULES.routes)],
    "trn": [None, "", "1234567"],
    "name": [None, "Ann"],
    "teaching_years": [None, 0, 0.5, 4],
    "schools_taught_in": [None, 0, 1, 2],
    "previous_senco_months": [None, 0, 6, 30],
}
dates = st.none() | st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31))


def answer(name: str) -> st.SearchStrategy[Any]:
    if name in CHOICES:
        return st.sampled_from(CHOICES[name])
    written = str(Profile.__annotations__[name])
    return dates if "date" in written else st.sampled_from([None, True, False])


profiles = st.builds(Profile, **{name: answer(name) for name in Profile._fields})


def parts(profile: Profile, day: dt.date) -> list[tuple[Any, tuple[Any, ...]]]:
    """Each remembered part, with the further arguments assess gives it for this profile."""
    scope = scope_on(profile, RULES, day)
    qualification = senco_qualification(profile, RULES, RULES.settings.get(profile.setting or ""), day, scope)
    timing = npq_timing(profile, RULES, day)
    status, qualified = qualification.step.status, qualification.qualified
    trn = engine.TRN(profile, RULES, day, scope, qualified)
    routes = fitting_routes(profile, RULES, day)
    duty = three_year_duty(profile, RULES, RULES.settings.get(profile.setting or ""), day, scope)
    settled_by_duty = (
        duty.exempt,
        duty.basis if duty.exempt else "",
        bool(duty.notes),
        duty.applies,
        bool(duty.uncertain),
    )
    return [
        (qualification_step, (scope, *settled_by_duty)),
        (decide_funding, ()),
        (npq_timing, ()),
        (scope_on, ()),
        (route_under_way, ()),
        (engine.QUALIFIED_TEACHER, (scope,)),
        (engine.INDUCTION, (scope,)),
        (engine.TEACHING_POST, (scope,)),
        (engine.TRN, (scope, qualified)),
        (engine.EXTRA_STEPS, (scope, status, qualified)),
        (
            engine.COSTS,
            (scope, trn.code, status, routes, decide_funding(profile, RULES, day)),
        ),
        (
            engine.NOTES,
            (scope, qualification.deadline.applies, qualified, timing.starts if timing else None),
        ),
    ]


@settings(max_examples=300, deadline=None)
@given(profiles, st.sampled_from(DAYS))
def test_every_answer_read_is_in_the_key(profile: Profile, day: dt.date) -> None:
    recording = Recording(*profile)
    for part, more in parts(profile, day):
        function: Callable[..., Any] = part.__wrapped__
        READ.clear()
        function(recording, RULES, day, *more)
        keyed = set(part.fields) | set(part.truthy)
        assert keyed >= READ, (getattr(part, "part", part).__name__, READ - keyed)


@settings(max_examples=200, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=6), st.sampled_from(DAYS))
def test_a_remembered_report_is_the_report_afresh(people: list[Profile], day: dt.date) -> None:
    remembered = [engine.assess(person, RULES, day) for person in people]
    for person, report in zip(people, remembered, strict=True):
        memo.forget()
        assert engine.assess(person, RULES, day) == report
