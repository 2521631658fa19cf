"""The profile file: TOML (format 1) read from a file or standard input, and written atomically."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from senco_cli.errors import InputError
from senco_cli.profile.model import (
    FILE_SCHEMA,
    FORMAT,
    SECTIONS,
    Profile,
    Vocabulary,
)
from senco_cli.profile.validate import (
    profile_from_answers,
)
from senco_cli.schema import validate

MAX_FILE_BYTES = 1_000_000


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
