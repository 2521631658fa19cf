"""Check a parsed TOML table against a small declarative schema.

Used for both the rules data and the profile, so that every problem is reported the
same way: the dotted key, what was wrong, what is allowed, and a "did you mean".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from senco_cli.errors import InputError
from senco_cli.records import NamedTuple

# A check returns what is wrong with a value, or None when it is fine.
Check = Callable[[Any], str | None]


class Field(NamedTuple):
    kind: str  # str | bool | int | number | date | str_list | table | map | table_list
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    schema: Mapping[str, Field] = {}  # noqa: RUF012 - read only
    check: Check | None = None


def suggestion(word: str, allowed: Sequence[str]) -> str:
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def option_value(value: str | None, allowed: Sequence[str], option: str, what: str = "value") -> str | None:
    """A command-line option's value, matched whatever its case, or one InputError naming the
    option, what is allowed and a "did you mean"."""
    if value is None:
        return None
    value = value.strip().lower()
    if value not in allowed:
        raise InputError(
            f'"{value}" is not a known {what}. Allowed: {_allowed_list(allowed)}.{suggestion(value, allowed)}',
            path=option,
            code="bad_option",
        )
    return value


def _allowed_list(allowed: Sequence[str]) -> str:
    return ", ".join(allowed)


KIND_NAMES = {
    "str": "text in quotes",
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "date": "a date such as 2025-09-01 (no quotes)",
    "str_list": "a list of text values",
    "table": "a table",
    "map": "a table",
    "table_list": "a list of tables",
}


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "str_list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind in ("table", "map"):
        return isinstance(value, dict)
    if kind == "table_list":
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    return False


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dt.datetime):
        return "a date with a time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def validate(table: Mapping[str, Any], schema: Mapping[str, Field], file: str, prefix: str = "") -> None:
    """Raise InputError for the first problem found in `table`."""
    for key, value in table.items():
        spec = schema.get(key)
        if spec is None:
            allowed = list(schema)
            raise InputError(
                f"unknown key. Allowed here: {_allowed_list(allowed)}.{suggestion(key, allowed)}",
                path=f"{prefix}{key}",
                file=file,
                code="unknown_key",
            )
        _validate_value(value, spec, file, prefix, key)
    for key, spec in schema.items():
        if spec.required and key not in table:
            raise InputError("is required but missing.", path=f"{prefix}{key}", file=file, code="missing")


def problem_with(value: Any, spec: Field) -> tuple[str, str] | None:
    """(message, code) for what is wrong with one value, or None; nested tables aside."""
    if not _type_ok(spec.kind, value):
        return f"must be {KIND_NAMES.get(spec.kind, spec.kind)}, not {_describe(value)}.", "wrong_type"
    if spec.choices and value not in spec.choices:
        message = f'"{value}" is not allowed. Allowed: {_allowed_list(spec.choices)}.'
        return message + suggestion(str(value), spec.choices), "not_allowed"
    if spec.kind == "number" and not math.isfinite(value):
        return "must be a finite number.", "not_allowed"
    if spec.maximum is not None and value > spec.maximum:
        return f"must be {spec.maximum:g} or less, not {value}.", "too_large"
    if spec.minimum is not None and value < spec.minimum:
        return f"must be {spec.minimum:g} or more, not {value}.", "too_small"
    if spec.check is not None:
        problem = spec.check(value)
        if problem:
            return problem, "not_allowed"
    return None


def _validate_value(value: Any, spec: Field, file: str, prefix: str, key: str) -> None:
    problem = problem_with(value, spec)
    if problem is not None:
        raise InputError(problem[0], path=f"{prefix}{key}", file=file, code=problem[1])
    if spec.kind == "table":
        validate(value, spec.schema, file, prefix=f"{prefix}{key}.")
    elif spec.kind == "table_list":
        for index, item in enumerate(value):
            validate(item, spec.schema, file, prefix=f"{prefix}{key}[{index}].")
