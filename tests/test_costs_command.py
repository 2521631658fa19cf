"""`senco costs`: the table matches the data on several dates, filters narrow, bad values exit 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.dates import long_date
from senco_cli.logic.costs import costs_lookup
from senco_cli.rules.model import Rules

from conftest import REVIEWED, TODAY, run_senco

runner = CliRunner()
D = dt.date


def costs_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["costs", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def item(result: dict, item_id: str) -> dict:  # type: ignore[type-arg]
    return next(i for i in result["items"] if i["id"] == item_id)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("as_of", "fee"),
    [
        ("2025-06-30", 9535),
        ("2025-09-01", 9535),
        ("2025-09-02", 9790),
        ("2026-11-28", 10050),
        ("2027-09-01", 10050),
    ],
)
def test_course_fees_follow_the_fee_cap_for_the_next_september(as_of: str, fee: int) -> None:
    result = costs_json("--as-of", as_of)
    assert (item(result, "pgce")["min_gbp"], item(result, "pgce")["max_gbp"]) == (fee, fee)
    assert (item(result, "school_led")["min_gbp"], item(result, "school_led")["max_gbp"]) == (0, fee)
    assert item(result, "undergraduate_qts")["max_gbp"] == 4 * fee
    assert result["fee_cap"]["gbp"] == fee


def test_no_fee_cap_known_means_not_stated() -> None:
    result = costs_json("--as-of", "2028-10-01")
    assert item(result, "pgce")["min_gbp"] is None and result["fee_cap"] is None


def test_amounts_match_the_data(rules: Rules) -> None:
    result = costs_json("--as-of", "2026-11-28")
    npq = item(result, "npq_senco")
    assert (npq["min_gbp"], npq["max_gbp"], npq["payer"]) == (
        rules.npq_price_on(TODAY).min_gbp,
        rules.npq_price_on(TODAY).max_gbp,
        "you_or_school",
    )
    ao = item(result, "assessment_only")
    assert (ao["min_gbp"], ao["max_gbp"], ao["months_max"]) == (1500, 4000, 3)
    assert item(result, "trn")["max_gbp"] == 0
    assert item(result, "teacher_degree_apprenticeship")["payer"] == "employer"
    for entry in result["items"]:
        assert entry["sources"] and all(s["url"].startswith("https://") for s in entry["sources"])


def test_routes_not_yet_in_force_are_left_out() -> None:
    ids = {i["id"] for i in costs_json("--as-of", "2025-08-31")["items"]}
    assert "teacher_degree_apprenticeship" not in ids
    assert "teacher_degree_apprenticeship" in {i["id"] for i in costs_json("--as-of", "2025-09-01")["items"]}


def test_json_contract() -> None:
    result = costs_json("--as-of", "2026-11-28")
    assert list(result) == sorted(result)
    assert (result["senco_result_version"], result["command"], result["status"], result["exit_code"]) == (
        1,
        "costs",
        "ok",
        0,
    )
    assert result["as_of"] == "2026-11-28" and result["data_reviewed"] == REVIEWED
    for key in ("id", "label", "min_gbp", "max_gbp", "sources"):
        assert all(key in entry for entry in result["items"])
    assert [c["id"] for c in result["cohorts"]] == [
        "2024-autumn",
        "2025-spring",
        "2025-autumn",
        "2026-spring",
        "2026-autumn",
        "2027-autumn",
    ]
    assert {c["id"]: c["funding"] for c in result["cohorts"]}["2026-spring"] == "unfunded"
    assert all({"id", "starts", "funding"} <= set(c) for c in result["cohorts"])
    assert result["funding"]["guaranteed"] is False


def test_next_cohort_not_announced_shows_the_last_announced_rules() -> None:
    result = costs_json("--as-of", "2026-11-28")
    assert result["funding"]["cohort"] == "2027-autumn"
    assert result["funding"]["cohort_funding"] == "not_announced"
    assert result["funding"]["rules_cohort"] == "2026-autumn"
    verdicts = {
        s: r["verdict"] for r in result["funding"]["rules"] for s in r["settings"] if not r["condition"]
    }
    assert verdicts["academy"] == "funded" and verdicts["independent"] == "not_funded"
    assert verdicts["hospital"] == "subject_to_review" and verdicts["independent_special"] == "unknown"


@pytest.mark.parametrize(
    ("setting", "cohort", "status"),
    [
        ("academy", "2026-autumn", "funded"),
        ("academy", "2026-spring", "not_funded"),
        ("academy", None, "unknown"),
        ("independent", "2026-autumn", "not_funded"),
        ("virtual_school", "2026-autumn", "subject_to_review"),
    ],
)
def test_setting_filter(setting: str, cohort: str | None, status: str) -> None:
    args = ["--as-of", "2026-11-28", "--setting", setting] + (["--cohort", cohort] if cohort else [])
    result = costs_json(*args)
    (verdict,) = result["setting"]
    assert verdict["status"] == status and verdict["guaranteed"] is False
    npq = item(result, "npq_senco")
    if status == "funded":
        assert (npq["min_gbp"], npq["payer"]) == (0, "dfe")
        assert "not guaranteed" in verdict["reason"]
    else:
        assert (npq["min_gbp"], npq["payer"]) == (1265, "you_or_school")


def test_setting_other_shows_both_adviser_answers() -> None:
    result = costs_json("--setting", "other", "--cohort", "2026-autumn")
    assert [v["status"] for v in result["setting"]] == ["subject_to_review", "not_funded"]


def test_route_filter_shows_one_route() -> None:
    result = costs_json("--route", "assessment_only")
    assert [i["id"] for i in result["items"]] == ["assessment_only"]


def test_cohort_filter_judges_that_cohort() -> None:
    result = costs_json("--cohort", "2025-spring")
    assert result["funding"]["cohort"] == "2025-spring" and result["funding"]["rules"]
    assert costs_json("--cohort", "2026-spring")["funding"]["rules"][0]["verdict"] == "not_funded"


@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [
        ("--setting", "acadmy", "academy"),
        ("--route", "pgc", "pgce"),
        ("--cohort", "2026-autum", "2026-autumn"),
    ],
)
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_bad_filter_values_exit_2_with_the_allowed_list(
    option: str, value: str, suggestion: str, output_format: str
) -> None:
    result = runner.invoke(app, ["costs", option, value, "--format", output_format])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert option in message and "Allowed:" in message and f'Did you mean "{suggestion}"?' in message
    if output_format == "json":
        assert json.loads(result.stdout)["errors"][0]["path"] == option


def test_text_and_markdown_views() -> None:
    text = run_senco("costs", "--as-of", "2026-11-28")
    assert text.returncode == 0
    for words in (
        "£1,265",
        "£1,500–£4,000",
        "£10,050",
        "Autumn 2027",
        "not announced",
        "never guaranteed",
        "Sources",
        f"reviewed {long_date(dt.date.fromisoformat(REVIEWED))}",
    ):
        assert words in text.stdout, words
    md = run_senco("costs", "--format", "markdown", "--setting", "academy", "--cohort", "2026-autumn")
    assert md.returncode == 0 and md.stdout.startswith("# SENCO costs and NPQ funding")
    assert "**Mainstream academy or free school**: ✔ funded" in md.stdout


def test_costs_lookup_is_pure(rules: Rules) -> None:
    first = costs_lookup(rules, D(2026, 11, 28), setting="academy")
    assert first.payload() == costs_lookup(rules, D(2026, 11, 28), setting="academy").payload()
