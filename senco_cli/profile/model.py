"""The profile: a person's answers (format 1), the questions' vocabulary and the sections they sit in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from senco_cli.records import NamedTuple
from senco_cli.schema import Field
from senco_cli.text import unsafe

FORMAT = 1
INDUCTION = ("passed", "in_progress", "not_started", "not_required", "failed")
QUALIFIED_IN = ("england", "wales", "scotland", "northern_ireland", "elsewhere")
NPQ = ("none", "registered", "studying", "deferred", "awaiting_result", "passed", "failed", "withdrawn")
NASENCO = ("none", "studying", "passed")
SENCO_ROLE = ("yes", "planning", "no")


def _plain_text(value: Any) -> str | None:
    if len(value) > 200:
        return "is too long: 200 characters at most."
    if not value.isprintable() and any(unsafe(char) for char in value):
        return "must be plain text: control characters and escape sequences are not allowed."
    return None


EARLIEST_DATE = dt.date(1950, 1, 1)


def _plausible_date(value: Any) -> str | None:
    return f"({value}) is before {EARLIEST_DATE.year}: check the year." if value < EARLIEST_DATE else None


def _trn(value: Any) -> str | None:
    # The value is never repeated: a mistyped TRN is still mostly someone's TRN.
    digits = value.replace(" ", "")
    if not (digits.isascii() and digits.isdigit()):
        return "is not a TRN: a TRN is 7 digits, with nothing else but spaces (no dashes, dots or slashes)."
    if len(digits) != 7:
        return f"is not a TRN: a TRN is 7 digits, and this has {len(digits)}."
    if digits == "0000000":
        return "is all zeros, which is not a TRN: enter your own 7-digit number."
    return None


def _must(**constraints: Any) -> Field:
    """What an answer must be beyond its type (which Profile declares)."""
    return Field("", **constraints)


# Each answer's type is declared once, in Profile below; these add what its type cannot say.
CONSTRAINTS: dict[str, Field] = {
    "name": _must(check=_plain_text),
    "trn": _must(check=_trn),
    "teaching_years": _must(minimum=0, maximum=60),
    "schools_taught_in": _must(minimum=0, maximum=500),
    "qualified_in": _must(choices=QUALIFIED_IN),
    "induction": _must(choices=INDUCTION),
    "qts_route_started": _must(check=_plausible_date),
    "npq": _must(choices=NPQ),
    "npq_started": _must(check=_plausible_date),
    "nasenco": _must(choices=NASENCO),
    "nasenco_started": _must(check=_plausible_date),
    "nasenco_awarded": _must(check=_plausible_date),
    "senco": _must(choices=SENCO_ROLE),
    "senco_since": _must(check=_plausible_date),
    "senco_from": _must(check=_plausible_date),
    "previous_senco_months": _must(minimum=0, maximum=720),
}
# The profile file's sections ([you], [qualifications], ...): each starts at its first
# answer in Profile's order and runs to the next.
SECTION_STARTS = {
    "name": "you",
    "degree": "qualifications",
    "npq": "senco_training",
    "senco": "role",
    "setting": "school",
}
# Columns a roster may have that are not answers: which school the person is at (by name,
# URN, LAESTAB or LA code and establishment number, with its GIAS status and country), and a
# person's name in parts and their post, which answer questions of the profile.
SCHOOL_COLUMNS = (
    "school.name",
    "school.urn",
    "school.laestab",
    "school.la_code",
    "school.establishment_number",
    "school.establishment_status",
    "school.country",
)
PERSON_COLUMNS = ("you.given_name", "you.family_name", "you.preferred_name", "role.post")
ROSTER_COLUMNS = (*SCHOOL_COLUMNS, *PERSON_COLUMNS)
# Header lookups' marks for headers known and not needed, for those never written out, and
# for senco's own result columns from an earlier run (left out: the new run writes its own).
READ_PAST = "-read past"
PRIVATE = "-private"
RESULTS = "-results"


class Vocabulary(NamedTuple):
    """The ids the rules data declares: a profile's cohort, setting and route to QTS must be
    among them. `setting_names`: other names a roster may give a setting (GIAS establishment
    types, by name or code, and the settings' labels), normalised by `header_key`, each to a
    setting id, or to None with the reason the name alone does not decide it.
    `cohort_starts`: each cohort's start date, to refuse answers that contradict it. `words`:
    the words each choice column takes (data/answers.toml) and the cohorts' labels."""

    cohorts: tuple[str, ...]
    settings: tuple[str, ...]
    setting_names: Mapping[str, tuple[str | None, str]] = {}
    routes: tuple[str, ...] = ()
    cohort_starts: Mapping[str, dt.date] = {}
    # column -> a word it may hold, normalised -> (the answer it stands for, a note when the
    # word could mean two answers and the cautious one was taken); "yes_no" for yes/no columns
    words: Mapping[str, Mapping[str, tuple[Any, str | None]]] = {}


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
    qts_route: str | None = None
    qts_route_started: dt.date | None = None
    npq: str | None = None
    npq_started: dt.date | None = None
    npq_cohort: str | None = None
    npq_rejoin_cohort: str | None = None
    npq_funded_before: bool | None = None
    nasenco: str | None = None
    nasenco_started: dt.date | None = None
    nasenco_awarded: dt.date | None = None
    senco: str | None = None
    senco_since: dt.date | None = None
    senco_from: dt.date | None = None
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


KINDS = {"str": "str", "bool": "bool", "int": "int", "float": "number", "dt.date": "date"}


def _sections() -> dict[str, dict[str, Field]]:
    """Each section's answers, with their types from Profile and any constraints."""
    sections: dict[str, dict[str, Field]] = {}
    section = ""
    for key in Profile._fields:
        section = SECTION_STARTS.get(key, section)
        written = Profile.__annotations__[key]  # postponed: the text as written
        kind = KINDS[str(getattr(written, "__forward_arg__", written)).removesuffix(" | None")]
        sections.setdefault(section, {})[key] = CONSTRAINTS.get(key, Field(kind))._replace(kind=kind)
    return sections


SECTIONS = _sections()
FILE_SCHEMA: dict[str, Field] = {
    "format": Field("int", required=True),
    **{section: Field("table", schema=keys) for section, keys in SECTIONS.items()},
}
# Each answer's dotted key in the file, e.g. "setting" -> "school.setting".
KEY_PATHS = {key: f"{section}.{key}" for section, keys in SECTIONS.items() for key in keys}
