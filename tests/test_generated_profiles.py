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
    st.sampled_from(
        ["yes", "no", "passed", "academy", "none", "2026-autumn", "2027-autumn", "1234567", "planning"]
        + ["deferred", "pgce", "postgraduate_apprenticeship"]
    ),
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
            "Deferred",
            "PGCE",
            "2027-autumn",
            "01/09/2027",
            "planning",
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


# Well-formed answers, the new ones among them (issue 21): a deferral and the cohort rejoined,
# a route to QTS under way, a planned start as SENCO. What each must do holds for all of them.
AS_OF_PLUS_5 = AS_OF.replace(year=AS_OF.year + 5)


@st.composite
def answered_profiles(draw: st.DrawFn) -> dict[str, Any]:
    from senco_cli.profile.model import NPQ, SENCO_ROLE

    maybe = st.none() | st.booleans()
    quals: dict[str, Any] = {"qts": draw(st.booleans())}
    if not quals["qts"]:
        quals.update(degree=draw(st.booleans()), gcse_english_maths=draw(st.booleans()))
        if draw(st.booleans()):
            quals["qts_route"] = draw(st.sampled_from([r.id for r in RULES.routes]))
            if draw(st.booleans()):
                quals["qts_route_started"] = draw(st.dates(dt.date(2018, 9, 1), AS_OF))
    else:
        quals["induction"] = draw(st.sampled_from(["passed", "in_progress", "not_required"]))
    training: dict[str, Any] = {"npq": draw(st.sampled_from(NPQ))}
    if training["npq"] in ("studying", "deferred", "awaiting_result") and draw(st.booleans()):
        training["npq_started"] = draw(st.dates(dt.date(2024, 9, 1), AS_OF))
    if training["npq"] == "deferred" and draw(st.booleans()):
        training["npq_rejoin_cohort"] = draw(st.sampled_from([c.id for c in RULES.cohorts]))
    role: dict[str, Any] = {"senco": draw(st.sampled_from(SENCO_ROLE))}
    if role["senco"] == "yes":
        role["senco_since"] = draw(st.dates(dt.date(2009, 9, 2), AS_OF))
        role["previous_senco_months"] = draw(st.integers(0, 11))
    if role["senco"] == "planning" and draw(st.booleans()):
        role["senco_from"] = draw(st.dates(AS_OF, AS_OF_PLUS_5))
    role.update(head_teacher=draw(st.booleans()), teaches_at_school=draw(st.booleans()))
    you = {k: v for k, v in {"has_trn": draw(maybe)}.items() if v is not None}
    school = {"setting": draw(st.sampled_from(list(RULES.settings))), "in_england": True}
    return {
        "format": 1,
        "you": you,
        "qualifications": quals,
        "senco_training": training,
        "role": role,
        "school": school,
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answered_profiles())
def test_new_answers_shape_the_timing_they_name(table: dict[str, Any]) -> None:
    from senco_cli.dates import add_months, add_years
    from senco_cli.logic.plan import make_plan
    from senco_cli.profile.io import profile_from_table

    try:
        profile = profile_from_table(table, "generated", KNOWN)
        check_dates(profile, AS_OF, "generated")
    except InputError as error:  # only the contradictions the rules refuse
        assert error.path in ("senco_training.npq_rejoin_cohort", "qualifications.qts_route"), error
        return
    report = assess(profile, RULES, AS_OF)
    plan = make_plan(profile, RULES, AS_OF)
    assert next(s for s in report.steps if s.id == "trn").status in ("done", "not_needed")  # advice only
    months = RULES.course.number("months_to_result_max")
    if profile.senco_from is not None and report.deadline.date is not None:
        assert report.deadline.date == add_years(profile.senco_from, 3)
    if profile.npq == "deferred" and profile.npq_rejoin_cohort and report.expected_result:
        rejoin = RULES.cohort(profile.npq_rejoin_cohort)
        assert rejoin is not None and report.expected_result == add_months(rejoin.starts, months)
    teacher = report.steps[0]
    if profile.qts_route is not None and teacher.status == "in_progress":
        assert teacher.code.startswith("qts_training") and [r.id for r in report.routes] == [
            profile.qts_route
        ]
        started, route = profile.qts_route_started, report.routes[0]
        qts = plan.milestone(f"qts_{profile.qts_route}")
        if started is not None and route.months_max is not None:
            assert qts is not None and qts.date == add_months(started, route.months_max)
