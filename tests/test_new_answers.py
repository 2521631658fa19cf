"""The answers a profile could not give before (issue 21): a deferred NPQ and the cohort
rejoined, a route to QTS already under way, and a planned start as SENCO. Each through a
profile file, the interview in-process and an audit row, with its contradictions refused."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from test_interview import ScriptedAsker
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.dates import add_months, add_years
from senco_cli.errors import InputError
from senco_cli.interview.answers import problem_with
from senco_cli.interview.flow import run_interview
from senco_cli.interview.questions import NOT_SURE, questions
from senco_cli.logic.assess import assess
from senco_cli.logic.plan import make_plan
from senco_cli.profile.io import load_profile
from senco_cli.profile.validate import check_dates
from senco_cli.roster.sheet import template_columns
from senco_cli.rules.model import Rules

from conftest import TODAY

D = dt.date
runner = CliRunner()
AS_OF = ["--as-of", TODAY.isoformat()]
SENCO_2025 = (
    '[role]\nsenco = "yes"\nsenco_since = 2025-09-01\nteaches_at_school = true\nhead_teacher = false\n'
)
TEACHER = '[qualifications]\nqts = true\ninduction = "passed"\n'
SCHOOL = '[school]\nsetting = "maintained"\nin_england = true\n'


def write(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path / "me.toml"
    path.write_text("format = 1\n" + "".join(parts), encoding="utf-8")
    return path


def load(rules: Rules, path: Path) -> Any:
    profile = load_profile(path, rules.vocabulary())
    check_dates(profile, TODAY, str(path))
    return profile


def refused(rules: Rules, path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load(rules, path)
    return caught.value


# ---- senco_training.npq = "deferred", npq_rejoin_cohort -------------------------------------


def test_deferred_is_timed_from_the_cohort_rejoined(rules: Rules, tmp_path: Path) -> None:
    training = (
        '[senco_training]\nnpq = "deferred"\nnpq_started = 2025-11-01\nnpq_rejoin_cohort = "2027-autumn"\n'
    )
    profile = load(rules, write(tmp_path, TEACHER, training, SENCO_2025, SCHOOL))
    report = assess(profile, rules, TODAY)
    step = next(s for s in report.steps if s.id == "senco_qualification")
    assert (step.status, step.code) == ("in_progress", "npq_deferred")
    rejoin = rules.cohort("2027-autumn")
    assert rejoin is not None
    assert report.expected_result == add_months(rejoin.starts, rules.course.number("months_to_result_max"))
    assert report.at_risk and report.situation == "at_risk"  # 1 September 2029 is after 1 September 2028
    plan = make_plan(profile, rules, TODAY)
    assert plan.exit_code == 1 and plan.milestone("cohort_start").date == rejoin.starts  # type: ignore[union-attr]
    assert any("indefinite" in w or "defer" in w for w in report.warnings)


def test_deferred_without_a_cohort_assumes_the_next_intake(rules: Rules, tmp_path: Path) -> None:
    profile = load(
        rules, write(tmp_path, TEACHER, '[senco_training]\nnpq = "deferred"\n', SENCO_2025, SCHOOL)
    )
    step = next(s for s in assess(profile, rules, TODAY).steps if s.id == "senco_qualification")
    assert "next intake" in step.detail and "npq_rejoin_cohort" in step.detail


@pytest.mark.parametrize(
    ("training", "key", "words"),
    [
        (
            'npq = "deferred"\nnpq_rejoin_cohort = "2031-autumn"\n',
            "senco_training.npq_rejoin_cohort",
            "not a known cohort",
        ),
        (
            'npq = "studying"\nnpq_rejoin_cohort = "2027-autumn"\n',
            "senco_training.npq_rejoin_cohort",
            '"deferred"',
        ),
        (
            'npq = "deferred"\nnpq_started = 2026-11-01\nnpq_rejoin_cohort = "2025-autumn"\n',
            "senco_training.npq_rejoin_cohort",
            "does not start after",
        ),
        ('npq = "deferd"\n', "senco_training.npq", "deferred"),
    ],
)
def test_deferral_contradictions_are_refused(
    rules: Rules, tmp_path: Path, training: str, key: str, words: str
) -> None:
    error = refused(rules, write(tmp_path, "[senco_training]\n" + training))
    assert error.path == key and words in str(error)


# ---- qualifications.qts_route, qts_route_started ---------------------------------------------


def test_qts_timing_comes_from_the_route_under_way(rules: Rules, tmp_path: Path) -> None:
    quals = '[qualifications]\nqts = false\ndegree = true\ngcse_english_maths = true\nqts_route = "pgce"\nqts_route_started = 2026-09-01\n'
    role = '[role]\nsenco = "planning"\nteaches_at_school = true\nhead_teacher = false\n'
    profile = load(rules, write(tmp_path, quals, role, SCHOOL))
    report = assess(profile, rules, TODAY)
    teacher = report.steps[0]
    assert (teacher.status, teacher.code) == ("in_progress", "qts_training")
    assert "1 September 2027" in teacher.detail  # 12 months from the start given
    assert [r.id for r in report.routes] == ["pgce"] and report.can_be_designated is False
    plan = make_plan(profile, rules, TODAY)
    assert plan.milestone("qts_pgce").date == D(2027, 9, 1)  # type: ignore[union-attr]
    # Not a new start: a new PGCE would begin on 1 September 2027 and end a year later.
    fresh = make_plan(profile._replace(qts_route=None, qts_route_started=None), rules, TODAY)
    assert fresh.milestone("qts_pgce").date == D(2028, 9, 1)  # type: ignore[union-attr]


def test_route_length_is_the_one_in_force_at_its_start(rules: Rules, tmp_path: Path) -> None:
    quals = '[qualifications]\nqts = false\nqts_route = "postgraduate_apprenticeship"\nqts_route_started = 2025-01-06\n'
    profile = load(rules, write(tmp_path, quals, SCHOOL))
    plan = make_plan(profile, rules, TODAY)
    assert plan.milestone("qts_postgraduate_apprenticeship").date == D(2026, 4, 6)  # type: ignore[union-attr]  # 15 months before August 2025


@pytest.mark.parametrize(
    ("quals", "key", "words"),
    [
        ('qts_route = "pgcee"\n', "qualifications.qts_route", 'Did you mean "pgce"'),
        ('qts = true\nqts_route = "pgce"\n', "qualifications.qts_route", "qualifications.qts = true"),
        (
            "qts_route_started = 2026-09-01\n",
            "qualifications.qts_route_started",
            "without qualifications.qts_route",
        ),
        (
            'qts_route = "pgce"\nqts_route_started = 2028-09-01\n',
            "qualifications.qts_route_started",
            "more than a year",
        ),
    ],
)
def test_route_contradictions_are_refused(
    rules: Rules, tmp_path: Path, quals: str, key: str, words: str
) -> None:
    error = refused(rules, write(tmp_path, "[qualifications]\n" + quals))
    assert error.path == key and words in str(error), str(error)


# ---- role.senco_from --------------------------------------------------------------------------


def test_the_deadline_and_plan_run_from_the_planned_start(rules: Rules, tmp_path: Path) -> None:
    role = '[role]\nsenco = "planning"\nsenco_from = 2027-09-01\nteaches_at_school = true\nhead_teacher = false\n'
    profile = load(rules, write(tmp_path, TEACHER, '[senco_training]\nnpq = "none"\n', role, SCHOOL))
    report = assess(profile, rules, TODAY)
    assert report.deadline.applies and report.deadline.date == D(2030, 9, 1)
    assert "planned start" in report.deadline.basis
    plan = make_plan(profile, rules, TODAY)
    assert plan.milestone("deadline").date == D(2030, 9, 1)  # type: ignore[union-attr]
    assert plan.exit_code == 0  # autumn 2027 gives a result by 1 September 2029, in time
    soon = profile._replace(senco_from=D(2026, 12, 1), npq="registered", npq_cohort="2027-autumn")
    assert assess(soon, rules, TODAY).at_risk is False  # result 1 September 2029, deadline 1 December 2029
    late = soon._replace(npq_cohort=None, npq_started=D(2028, 3, 1))  # result about 1 January 2030
    assert assess(late, rules, TODAY).at_risk is True
    assert make_plan(late, rules, TODAY).exit_code == 1


@pytest.mark.parametrize(
    ("role", "words"),
    [
        (
            'senco = "yes"\nsenco_since = 2025-09-01\nsenco_from = 2027-09-01\n',
            'only for role.senco = "planning"',
        ),
        ('senco = "planning"\nsenco_from = 2026-01-01\n', "is before 2026-11-28"),
        ('senco = "planning"\nsenco_from = 2033-01-01\n', "more than 5 years"),
    ],
)
def test_planned_start_contradictions_are_refused(
    rules: Rules, tmp_path: Path, role: str, words: str
) -> None:
    error = refused(rules, write(tmp_path, "[role]\n" + role))
    assert error.path == "role.senco_from" and words in str(error), str(error)


def test_a_refused_answer_exits_2_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, '[senco_training]\nnpq = "studying"\nnpq_rejoin_cohort = "2027-autumn"\n')
    result = runner.invoke(app, ["check", "--profile", str(path), *AS_OF])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "senco_training.npq_rejoin_cohort" in lines[0]
    assert "Traceback" not in result.output


# ---- the interview, in-process ----------------------------------------------------------------

START = [("name", "T"), ("setting", "maintained"), ("in_england", True)]
TEACHES = [("head_teacher", False), ("shared_senco", False), ("teaches_at_school", True)]


def run(rules: Rules, answers: list[tuple[str, Any]]) -> Any:
    return run_interview(rules, TODAY, save=None, force=False, asker=ScriptedAsker(answers))


def test_interview_asks_the_planned_start_only_when_planning(rules: Rules) -> None:
    answers = [
        *START,
        ("senco", "planning"),
        ("senco_from", "1/9/2027"),
        *TEACHES,
        ("qts", True),
        ("induction", "passed"),
        ("npq", "passed"),
    ]
    profile = run(rules, answers)
    assert profile.senco_from == D(2027, 9, 1)
    senco_from = next(q for q in questions(rules) if q.key == "senco_from")
    assert problem_with(senco_from, "1/9/2025", TODAY, {}) == "The date must be today or in the future"
    assert not senco_from.when({"setting": "maintained", "in_england": True, "senco": "yes"})
    assert not senco_from.when({"setting": "special", "in_england": True, "senco": "planning"})  # not bound


def test_interview_asks_the_route_under_way_and_skips_route_fitting(rules: Rules) -> None:
    answers = [
        *START,
        ("senco", "no"),
        ("head_teacher", False),
        ("teaches_at_school", True),
        ("qts", False),
        ("qualified_in", "england"),
        ("qtls", False),
        ("qts_route", "pgce"),
        ("qts_route_started", "1/9/2026"),
        ("eyts", False),  # no degree, GCSE or schools questions: the route is chosen
        ("has_trn", True),
        ("npq", "none"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
        ("supports_npq", True),
    ]
    profile = run(rules, answers)
    assert (profile.qts_route, profile.qts_route_started) == ("pgce", D(2026, 9, 1))
    assert assess(profile, rules, TODAY).steps[0].code == "qts_training"


def test_interview_asks_the_rejoin_cohort_for_a_deferral(rules: Rules) -> None:
    answers = [
        *START,
        ("senco", "yes"),
        ("senco_since", "1/9/2025"),
        ("previous_senco_months", 0),
        ("head_teacher", False),
        ("shared_senco", False),
        ("on_leave", True),
        ("teaches_at_school", True),
        ("qts", True),
        ("induction", "passed"),
        ("npq", "deferred"),
        ("npq_rejoin_cohort", "2027-autumn"),
        ("npq_funded_before", False),
        ("nasenco", "none"),
    ]
    profile = run(rules, answers)
    assert (profile.npq, profile.npq_rejoin_cohort) == ("deferred", "2027-autumn")
    rejoin = next(q for q in questions(rules) if q.key == "npq_rejoin_cohort")
    assert NOT_SURE in {c.value for c in rejoin.all_choices()}
    assert "2026-spring" not in {c.value for c in rejoin.choices}  # took no new participants


# ---- audit rows and the roster template ---------------------------------------------------------


def test_audit_rows_read_the_new_columns(tmp_path: Path) -> None:
    header = (
        "Name,QTS,Induction,SENCO,Date appointed SENCO,Planned SENCO start,Teaches at school,Head teacher,"
        "School type,In England,NPQ,NPQ start date,Rejoin cohort,QTS route,QTS route started"
    )
    rows = [
        "Deferred,yes,passed,yes,01/09/2025,,yes,no,maintained,yes,Deferred,01/11/2025,2027-autumn,,",
        "Planned,yes,passed,planning,,01/09/2027,yes,no,maintained,yes,none,,,,",
        "Training,no,,no,,,yes,no,maintained,yes,none,,,PGCE,01/09/2026",
        "Bad,yes,passed,yes,01/09/2025,01/09/2027,yes,no,maintained,yes,none,,,,",
    ]
    path = tmp_path / "staff.csv"
    path.write_text("\n".join([header, *rows, ""]), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--format", "json", *AS_OF])
    got = {row["name"]: row for row in json.loads(result.stdout)["rows"]}
    assert (
        got["Deferred"]["at_risk"] is True and got["Deferred"]["next_step_title"] == "NPQ for SENCOs deferred"
    )
    assert got["Planned"]["deadline"] == "2030-09-01"
    assert got["Training"]["status"] == "not_ready"
    assert got["Bad"]["status"] == "invalid" and "role.senco_from" in got["Bad"]["error"]
    columns = template_columns()
    for key in (
        "role.senco_from",
        "qualifications.qts_route",
        "qualifications.qts_route_started",
        "senco_training.npq_rejoin_cohort",
    ):
        assert key in columns


@pytest.mark.parametrize("start", [D(2026, 11, 28), D(2027, 2, 28), D(2028, 2, 29)])
def test_planned_deadline_is_three_years_on(rules: Rules, person: Any, start: D) -> None:
    report = assess(person(senco="planning", senco_since=None, senco_from=start), rules, TODAY)
    assert report.deadline.date == add_years(start, 3)


def test_a_planned_start_before_the_earliest_designation_is_flagged(rules: Rules, person: Any) -> None:
    training = dict(
        qts=False, induction=None, qts_route="pgce", qts_route_started=D(2026, 9, 1), setting="maintained"
    )
    early = person(senco="planning", senco_since=None, senco_from=D(2027, 9, 1), **training)
    plan = make_plan(early, rules, TODAY)
    designation = plan.milestone("earliest_designation")
    assert designation is not None and designation.date == D(
        2029, 9, 1
    )  # QTS 2027, then two years' induction
    flagged = [n for n in plan.notices if n.code == "plan_start_before_designation"]
    assert len(flagged) == 1 and flagged[0].dates == {"starts": D(2027, 9, 1), "first": D(2029, 9, 1)}
    later = make_plan(early._replace(senco_from=D(2029, 9, 1)), rules, TODAY)
    assert not [n for n in later.notices if n.code == "plan_start_before_designation"]
