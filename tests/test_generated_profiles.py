"""Generated profiles, good and hostile: each either gives a report or one InputError, never a crash."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.audit.rows import assess_row
from senco_cli.errors import InputError
from senco_cli.logic.assess import assess
from senco_cli.profile.io import load_profile
from senco_cli.profile.model import SECTIONS
from senco_cli.profile.validate import check_dates
from senco_cli.roster.csv_records import Record
from senco_cli.roster.headers import COLUMNS as ROSTER_COLUMNS
from senco_cli.roster.sheet import Sheet, to_row
from senco_cli.rules.load import load_rules

RULES = load_rules()
KNOWN = RULES.vocabulary()
AS_OF = dt.date(2026, 11, 28)

scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["yes", "no", "passed", "academy", "none", "2026-autumn", "1234567", "planning"]),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=8), scalars, max_size=2),
)
known_keys = [(section, key) for section, keys in SECTIONS.items() for key in keys]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if draw(st.booleans()) or draw(st.booleans()):
        table["format"] = draw(st.one_of(st.just(1), values))
    for section, key in draw(st.lists(st.sampled_from(known_keys), max_size=12)):
        table.setdefault(section, {})[key] = draw(values)
    if draw(st.integers(0, 9)) == 0:
        table[draw(st.text(min_size=1, max_size=10))] = draw(values)
    return table


# One folder for every generated file, removed when the tests end.
_FOLDER = tempfile.TemporaryDirectory(prefix="senco-generated-")


def _write(table: dict[str, Any]) -> Path | None:
    try:
        content = tomli_w.dumps(table)
    except (TypeError, ValueError):
        return None
    path = Path(_FOLDER.name) / "p.toml"
    path.write_text(content, encoding="utf-8")
    return path


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_gives_a_report_or_one_input_error(table: dict[str, Any]) -> None:
    path = _write(table)
    if path is None:
        return
    try:
        profile = load_profile(path, KNOWN)
        check_dates(profile, AS_OF, str(path))
    except InputError as error:
        assert error.file == str(path)
        assert str(error).startswith(str(path))
        return
    report = assess(profile, RULES, AS_OF)
    result = report.payload()
    json.dumps(result)
    assert result["exit_code"] in (0, 1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_any_bytes_give_a_report_or_one_input_error(content: bytes) -> None:
    path = Path(_FOLDER.name) / "p.toml"
    path.write_bytes(content)
    try:
        load_profile(path, KNOWN)
    except InputError as error:
        assert error.file == str(path)


runner = CliRunner()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_command_exits_0_1_or_2_with_json_on_stdout(table: dict[str, Any]) -> None:
    path = _write(table)
    if path is None:
        return
    result = runner.invoke(
        app, ["check", "--profile", str(path), "--format", "json", "--as-of", "2026-11-28"]
    )
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    data = json.loads(result.stdout)
    assert data["exit_code"] == result.exit_code
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "yes",
            "No",
            "TRUE",
            "0",
            "01/09/2025",
            "2025-13-01",
            "31/02/2024",
            "academy",
            "Passed",
            "-1",
            "1e9",
            "nan",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list(ROSTER_COLUMNS)), min_size=1, max_size=8, unique=True), st.data())
def test_any_roster_row_is_assessed_or_reported(columns: list[str], data: st.DataObject) -> None:
    row_cells = [data.draw(cells) for _ in columns]
    sheet = Sheet("r.csv", columns, KNOWN, AS_OF)
    record = Record(2, row_cells)
    row = to_row(record, sheet)
    result = assess_row(record, sheet, RULES)
    assert result.status in ("ready", "not_ready", "invalid")
    assert (result.status == "invalid") == (row.error is not None)
    if result.status == "invalid":
        assert result.error and "\x1b" not in result.error
