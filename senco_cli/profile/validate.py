"""A profile's answers checked together: settings by any of their names, the cohort, answers that contradict each other, and dates that cannot be true on the as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from senco_cli.dates import add_years
from senco_cli.errors import InputError
from senco_cli.profile.model import (
    KEY_PATHS,
    Profile,
    Vocabulary,
    header_key,
)
from senco_cli.schema import suggestion


def named_setting(value: str, known: Vocabulary) -> tuple[str | None, str | None]:
    """A setting given by another name (a GIAS establishment type, by name or code, or a
    setting's label): its id, or None with why the name alone does not decide it. Unknown
    names are returned as they are, for the usual error."""
    if value in known.settings:
        return value, None
    meaning = known.setting_names.get(header_key(value))
    if meaning is None:
        return value, None
    setting, said = meaning
    return setting, None if setting else f'"{value}": {said}'


# The answers that name one of the rules' ids: the answer, the Vocabulary's ids, what they are.
NAMED_IDS = (
    ("npq_cohort", "cohorts", "cohort"),
    ("npq_rejoin_cohort", "cohorts", "cohort"),
    ("setting", "settings", "setting"),
    ("qts_route", "routes", "route to QTS"),
)


def profile_from_answers(answers: dict[str, Any], file: str, known: Vocabulary) -> Profile:
    """Build a Profile from answers whose values are already checked one by one
    (by `validate`, or cell by cell in a roster): the cohort and cross-checks remain."""
    if "trn" in answers:
        answers["trn"] = answers["trn"].replace(" ", "")
    if answers.get("setting") is not None:
        setting, undecided = named_setting(answers["setting"], known)
        if undecided:
            raise InputError(
                f"{undecided} Allowed: {', '.join(known.settings)}.",
                path=KEY_PATHS["setting"],
                file=file,
                code="not_allowed",
            )
        answers["setting"] = setting
    for key, ids, what in NAMED_IDS:
        value = answers.get(key)
        if value is None:
            continue
        allowed = getattr(known, ids)
        if value not in allowed:
            raise InputError(
                f'"{value}" is not a known {what}. Allowed: {", ".join(allowed)}.{suggestion(value, allowed)}',
                path=KEY_PATHS[key],
                file=file,
                code="not_allowed",
            )
    profile = Profile(**answers)
    _check_consistency(profile, file)
    _check_rejoin(profile, file, known)
    return profile


def _conflict(key: str, message: str, file: str) -> InputError:
    return InputError(message, path=KEY_PATHS[key], file=file, code="inconsistent")


def _check_consistency(p: Profile, file: str) -> None:
    if p.trn is not None and p.has_trn is False:
        raise _conflict("trn", "is given, but you.has_trn = false. Remove one of them.", file)
    if p.senco_since is not None and p.senco not in (None, "yes"):
        raise _conflict(
            "senco_since",
            f'is given, but role.senco = "{p.senco}". It is only for role.senco = "yes".',
            file,
        )
    if p.npq_started is not None and p.npq == "none":
        raise _conflict(
            "npq_started",
            'is given, but senco_training.npq = "none". Set npq to where you are.',
            file,
        )
    if p.nasenco_started is not None and p.nasenco == "none":
        raise _conflict("nasenco_started", 'is given, but senco_training.nasenco = "none".', file)
    if p.nasenco_awarded is not None and p.nasenco not in (None, "passed"):
        raise _conflict("nasenco_awarded", 'is only for senco_training.nasenco = "passed".', file)
    if p.nasenco_awarded and p.nasenco_started and p.nasenco_awarded < p.nasenco_started:
        raise _conflict(
            "nasenco_awarded",
            f"({p.nasenco_awarded}) is before senco_training.nasenco_started ({p.nasenco_started}).",
            file,
        )
    if p.senco_from is not None and p.senco not in (None, "planning"):
        raise _conflict(
            "senco_from",
            f'is a planned start, only for role.senco = "planning", not "{p.senco}". '
            "A SENCO now gives role.senco_since instead.",
            file,
        )
    if p.npq_rejoin_cohort is not None and p.npq not in (None, "deferred"):
        raise _conflict(
            "npq_rejoin_cohort",
            f'is only for senco_training.npq = "deferred", not "{p.npq}".',
            file,
        )
    if p.qts_route is not None and (p.qts or (p.qtls and p.set_member)):
        held = "qualifications.qts = true" if p.qts else "QTLS with SET membership"
        raise _conflict(
            "qts_route",
            f"is a route to QTS you are training on, but you gave {held}. Remove one of them.",
            file,
        )
    if p.qts_route_started is not None and p.qts_route is None:
        raise _conflict(
            "qts_route_started",
            "is given without qualifications.qts_route: name the route you are training on.",
            file,
        )
    if p.rtta_referred is not None and p.setting not in (None, "other"):
        raise _conflict("rtta_referred", f'is only for school.setting = "other", not "{p.setting}".', file)


def _check_rejoin(p: Profile, file: str, known: Vocabulary) -> None:
    """A deferred course is rejoined in a cohort that starts after the course began."""
    starts = known.cohort_starts.get(p.npq_rejoin_cohort or "")
    if starts is not None and p.npq_started is not None and starts <= p.npq_started:
        raise _conflict(
            "npq_rejoin_cohort",
            f'("{p.npq_rejoin_cohort}", starting {starts}) does not start after '
            f"senco_training.npq_started ({p.npq_started}): choose a later cohort.",
            file,
        )


PLANNED_START_YEARS = 5  # a planned SENCO start further ahead than this is not a plan to judge


# Each date's latest possible value on the as-of date, and what the message says past it.
LATEST_DATES: tuple[tuple[str, Callable[[dt.date], dt.date], str], ...] = (
    ("senco_from", lambda day: add_years(day, PLANNED_START_YEARS),
     f"is more than {PLANNED_START_YEARS} years after {{as_of}}: enter the date you plan to become SENCO."),
    ("qts_route_started", lambda day: day + dt.timedelta(days=365),
     "is more than a year after {as_of}: enter when your training began or will begin."),
    ("senco_since", lambda day: day + dt.timedelta(days=365),
     "is more than a year after {as_of}: enter the date you became or will become SENCO."),
    ("npq_started", lambda day: add_years(day, 2),
     "is more than two years after {as_of}: enter when the course began or will begin."),
    ("nasenco_started", lambda day: day, "is after {as_of}: enter when the course began."),
    ("nasenco_awarded", lambda day: day, "is after {as_of}: an award date is in the past."),
)  # fmt: skip


def check_dates(profile: Profile, as_of: dt.date, file: str) -> None:
    """Reject dates that cannot be true on `as_of`: a planned start already past, or any date
    later than it could be (LATEST_DATES). Raises InputError naming the key."""
    if profile.senco_from is not None and profile.senco_from < as_of:
        raise _conflict(
            "senco_from",
            f"({profile.senco_from}) is before {as_of}: a planned start is on or after today. If you "
            'are SENCO already, give role.senco = "yes" and role.senco_since.',
            file,
        )
    for key, latest, words in LATEST_DATES:
        value = getattr(profile, key)
        if value is not None and value > latest(as_of):
            raise _conflict(key, f"({value}) " + words.format(as_of=as_of), file)
