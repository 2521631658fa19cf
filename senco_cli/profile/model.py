"""The profile: a person's answers, read from and written to TOML (format 1)."""

from __future__ import annotations

import datetime as dt
import tomllib
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from senco_cli.dates import add_years
from senco_cli.errors import InputError
from senco_cli.schema import Field, suggestion, validate

FORMAT = 1
MAX_FILE_BYTES = 1_000_000
INDUCTION = ("passed", "in_progress", "not_started", "not_required", "failed")
QUALIFIED_IN = ("england", "wales", "scotland", "northern_ireland", "elsewhere")
NPQ = ("none", "registered", "studying", "awaiting_result", "passed", "failed", "withdrawn")
NASENCO = ("none", "studying", "passed")
SENCO_ROLE = ("yes", "planning", "no")


def _plain_text(value: Any) -> str | None:
    if len(value) > 200:
        return "is too long: 200 characters at most."
    if not value.isprintable() and any(unicodedata.category(char) in ("Cc", "Cf") for char in value):
        return "must be plain text: control characters and escape sequences are not allowed."
    return None


EARLIEST_DATE = dt.date(1950, 1, 1)


def _plausible_date(value: Any) -> str | None:
    return f"({value}) is before {EARLIEST_DATE.year}: check the year." if value < EARLIEST_DATE else None


def _trn(value: Any) -> str | None:
    digits = value.replace(" ", "")
    if not (len(digits) == 7 and digits.isascii() and digits.isdigit()):
        return f'"{value}" is not a TRN: a TRN is 7 digits, such as "1234567".'
    if digits == "0000000":
        return '"0000000" is not a TRN: enter your own 7-digit number.'
    return None


SECTIONS: dict[str, dict[str, Field]] = {
    "you": {
        "name": Field("str", check=_plain_text),
        "has_trn": Field("bool"),
        "trn": Field("str", check=_trn),
        "teaching_years": Field("number", minimum=0, maximum=60),
        "schools_taught_in": Field("int", minimum=0, maximum=500),
        "unqualified_teacher": Field("bool"),
    },
    "qualifications": {
        "degree": Field("bool"),
        "gcse_english_maths": Field("bool"),
        "gcse_science": Field("bool"),
        "qts": Field("bool"),
        "qtls": Field("bool"),
        "set_member": Field("bool"),
        "qualified_abroad": Field("bool"),
        "qualified_in": Field("str", choices=QUALIFIED_IN),
        "eyts": Field("bool"),
        "induction": Field("str", choices=INDUCTION),
    },
    "senco_training": {
        "npq": Field("str", choices=NPQ),
        "npq_started": Field("date", check=_plausible_date),
        "npq_cohort": Field("str"),
        "npq_funded_before": Field("bool"),
        "nasenco": Field("str", choices=NASENCO),
        "nasenco_started": Field("date", check=_plausible_date),
        "nasenco_awarded": Field("date", check=_plausible_date),
    },
    "role": {
        "senco": Field("str", choices=SENCO_ROLE),
        "senco_since": Field("date", check=_plausible_date),
        "previous_senco_months": Field("number", minimum=0, maximum=720),
        "head_teacher": Field("bool"),
        "teaches_at_school": Field("bool"),
        "shared_senco": Field("bool"),
        "on_leave": Field("bool"),
    },
    "school": {
        "setting": Field("str"),  # one of the settings in data/settings.toml
        "in_england": Field("bool"),
        "rise": Field("bool"),
        "rtta_referred": Field("bool"),
        "supports_npq": Field("bool"),
        "part_of_school": Field("bool"),
    },
}
FILE_SCHEMA: dict[str, Field] = {
    "format": Field("int", required=True),
    **{section: Field("table", schema=keys) for section, keys in SECTIONS.items()},
}
# Columns a roster may have that are not answers: which school the person is at.
SCHOOL_COLUMNS = ("school.name", "school.urn")
# Each answer's dotted key in the file, e.g. "setting" -> "school.setting".
KEY_PATHS = {key: f"{section}.{key}" for section, keys in SECTIONS.items() for key in keys}


class Vocabulary(NamedTuple):
    """The ids the rules data declares: a profile's cohort and setting must be among them.
    `setting_names`: other names a roster may give a setting (GIAS establishment types, by
    name or code, and the settings' labels), normalised by `header_key`, each to a setting
    id, or to None with the reason the name alone does not decide it."""

    cohorts: tuple[str, ...]
    settings: tuple[str, ...]
    setting_names: Mapping[str, tuple[str | None, str]] = {}


def header_key(text: str) -> str:
    """A name as compared: case, spaces and punctuation ignored ("School type" = "school_type")."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class Profile(NamedTuple):
    """One person's answers. None means the question was not answered."""

    name: str | None = None
    has_trn: bool | None = None
    trn: str | None = None
    teaching_years: float | None = None
    schools_taught_in: int | None = None
    unqualified_teacher: bool | None = None
    degree: bool | None = None
    gcse_english_maths: bool | None = None
    gcse_science: bool | None = None
    qts: bool | None = None
    qtls: bool | None = None
    set_member: bool | None = None
    qualified_abroad: bool | None = None
    qualified_in: str | None = None
    eyts: bool | None = None
    induction: str | None = None
    npq: str | None = None
    npq_started: dt.date | None = None
    npq_cohort: str | None = None
    npq_funded_before: bool | None = None
    nasenco: str | None = None
    nasenco_started: dt.date | None = None
    nasenco_awarded: dt.date | None = None
    senco: str | None = None
    senco_since: dt.date | None = None
    previous_senco_months: float | None = None
    head_teacher: bool | None = None
    teaches_at_school: bool | None = None
    shared_senco: bool | None = None
    on_leave: bool | None = None
    setting: str | None = None
    in_england: bool | None = None
    rise: bool | None = None
    rtta_referred: bool | None = None
    supports_npq: bool | None = None
    part_of_school: bool | None = None

    def answers(self) -> dict[str, Any]:
        """The answered questions, by field name."""
        return {key: value for key, value in self._asdict().items() if value is not None}


def read_profile_file(path: Path) -> dict[str, Any]:
    """Parse a profile file (or `-`, standard input) into a table; every failure is an
    InputError naming the file."""
    from senco_cli.inputs import read_bytes

    file = str(path)
    content = read_bytes(path, MAX_FILE_BYTES, "profile file")
    if len(content) > MAX_FILE_BYTES:
        raise InputError("is too large for a profile (over 1 MB).", file=file, code="unreadable")
    try:
        text = content.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text: save it as UTF-8.", file=file, code="not_toml") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"is not valid TOML: {error}.", file=file, code="not_toml") from None
    except RecursionError:
        raise InputError("is nested too deeply to be a profile.", file=file, code="not_toml") from None


def profile_from_table(table: Mapping[str, Any], file: str, known: Vocabulary) -> Profile:
    """Validate a parsed profile table against format 1 and build the Profile."""
    if not table:
        raise InputError("is empty: a profile starts with format = 1.", file=file, code="missing")
    validate(table, FILE_SCHEMA, file)
    if table["format"] != FORMAT:
        raise InputError(
            f"format {table['format']} is not known: only format = 1 exists.",
            path="format",
            file=file,
            code="not_allowed",
        )
    answers: dict[str, Any] = {}
    for section in SECTIONS:
        answers.update(table.get(section, {}))
    return profile_from_answers(answers, file, known)


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
    for key, allowed, what in (
        ("npq_cohort", known.cohorts, "cohort"),
        ("setting", known.settings, "setting"),
    ):
        value = answers.get(key)
        if value is not None and value not in allowed:
            raise InputError(
                f'"{value}" is not a known {what}. Allowed: {", ".join(allowed)}.{suggestion(value, allowed)}',
                path=KEY_PATHS[key],
                file=file,
                code="not_allowed",
            )
    profile = Profile(**answers)
    _check_consistency(profile, file)
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
    if p.rtta_referred is not None and p.setting not in (None, "other"):
        raise _conflict("rtta_referred", f'is only for school.setting = "other", not "{p.setting}".', file)


def check_dates(profile: Profile, as_of: dt.date, file: str) -> None:
    """Reject dates that cannot be true on `as_of`."""
    if profile.senco_since is not None and profile.senco_since > as_of + dt.timedelta(days=365):
        raise _conflict(
            "senco_since",
            f"({profile.senco_since}) is more than a year after {as_of}: enter the date you became "
            "or will become SENCO.",
            file,
        )
    if profile.npq_started is not None and profile.npq_started > add_years(as_of, 2):
        raise _conflict(
            "npq_started",
            f"({profile.npq_started}) is more than two years after {as_of}: enter when the course began "
            "or will begin.",
            file,
        )
    if profile.nasenco_started is not None and profile.nasenco_started > as_of:
        raise _conflict(
            "nasenco_started",
            f"({profile.nasenco_started}) is after {as_of}: enter when the course began.",
            file,
        )
    if profile.nasenco_awarded is not None and profile.nasenco_awarded > as_of:
        raise _conflict(
            "nasenco_awarded",
            f"({profile.nasenco_awarded}) is after {as_of}: an award date is in the past.",
            file,
        )


def load_profile(path: Path, known: Vocabulary) -> Profile:
    return profile_from_table(read_profile_file(path), str(path), known)


def profile_to_table(profile: Profile) -> dict[str, Any]:
    """The profile as a format-1 TOML table, unanswered questions left out."""
    table: dict[str, Any] = {"format": FORMAT}
    answers = profile.answers()
    for section, keys in SECTIONS.items():
        section_answers = {key: answers[key] for key in keys if key in answers}
        if section_answers:
            table[section] = section_answers
    return table


def save_profile(profile: Profile, path: Path, *, force: bool) -> None:
    """Write atomically; never replace an existing file unless `force`."""
    import tomli_w

    from senco_cli.atomic import atomic_writer

    with atomic_writer(path, force=force) as stream:
        stream.write(tomli_w.dumps(profile_to_table(profile)))
