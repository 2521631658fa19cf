"""DfE's own 120 funding scenarios for the NPQ for SENCOs: every verdict must match."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from senco_cli.logic.assess import assess, npq_cost
from senco_cli.logic.funding import decide_funding
from senco_cli.profile.model import Profile
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules

from conftest import ROOT, SHIPPED_RULES, TODAY, Person, urls

D = dt.date
SCENARIOS = ROOT / "tests" / "fixtures" / "dfe-npq-senco-funding-scenarios.csv"
EXPECTED = {"yes": "funded", "no": "not_funded", "subject to review": "subject_to_review"}
COHORTS = {"2026 spring": "2026-spring", "2026 autumn": "2026-autumn"}


def _settings_for(dfe_name: str, rules: Rules) -> list[tuple[str, bool | None]]:
    """Every (setting, rtta_referred) of ours that DfE's work-setting name covers."""
    rtta = {"other - referred by a RTTA": True, "other - not referred by a RTTA": False}
    matches = [
        (setting.id, rtta.get(dfe_name))
        for setting in rules.settings.values()
        if dfe_name in setting.dfe_names
    ]
    assert matches, f"no setting maps to DfE's {dfe_name!r}"
    return matches


def _rows() -> list[dict[str, str]]:
    with Path(SCENARIOS).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()


def test_the_table_has_all_120_rows() -> None:
    assert len(ROWS) == 120


@pytest.mark.parametrize("row", ROWS, ids=lambda r: "|".join(list(r.values())[:5]))
def test_verdict_matches_dfe(row: dict[str, str]) -> None:
    rules = load_rules(SHIPPED_RULES)
    expected = EXPECTED[row["Expected eligibility value"]]
    for setting, rtta_referred in _settings_for(row["Work setting"], rules):
        profile = Profile(
            setting=setting,
            rtta_referred=rtta_referred,
            in_england=row["Works in England"] == "yes",
            npq_funded_before=row["Already registered for this course"] == "yes",
            rise=row["RISE list?"] == "yes",
            npq_cohort=COHORTS[row["Cohort"]],
        )
        funding = decide_funding(profile, rules, TODAY)
        assert (setting, funding.status) == (setting, expected), funding.reason
        assert funding.cohort == COHORTS[row["Cohort"]]


# ---- the November 2026 expert review's funding corrections, on the shipped data


@pytest.fixture(scope="module")
def rules(shipped_rules: Rules) -> Rules:
    """The funding corrections check the shipped data itself, as the scenarios do."""
    return shipped_rules


# 4. Funded before: not funded, even for a cohort whose funding is not announced.


def test_previously_funded_is_not_funded_for_an_unannounced_cohort(rules: Rules, person: Person) -> None:
    report = assess(person(npq="withdrawn", npq_funded_before=True, npq_cohort="2027-autumn"), rules, TODAY)
    assert (report.funding.status, report.funding.reason_code) == ("not_funded", "PREVIOUSLY_FUNDED")
    npq = next(item for item in report.costs if item.id == "npq_senco")
    assert npq.min_gbp == rules.npq_price_on(TODAY).min_gbp and npq.payer == "you_or_school"
    assert "free if DfE funds" not in npq.label
    assert any("defer" in w for w in report.warnings)
    assert "https://www.inspirationteachingschoolhub.org/42/funding" in urls(report)


def test_not_funded_before_and_unannounced_stays_unknown(rules: Rules, person: Person) -> None:
    report = assess(person(npq_cohort="2027-autumn"), rules, TODAY)
    assert report.funding.status == "unknown"


# 5. No spring 2026 intake: the default cohort in early 2026 is autumn 2026.


@pytest.mark.parametrize("as_of", [D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 1)])
def test_spring_2026_is_never_the_default_cohort(rules: Rules, person: Person, as_of: D) -> None:
    funding = decide_funding(person(npq_funded_before=False), rules, as_of)
    assert funding.cohort == "2026-autumn" and funding.status == "funded"
    assert "no spring 2026 intake" in funding.reason


def test_spring_2026_named_explicitly_keeps_dfes_verdict(rules: Rules, person: Person) -> None:
    funding = decide_funding(person(npq_cohort="2026-spring"), rules, D(2026, 1, 10))
    assert (funding.status, funding.reason_code) == ("not_funded", "UNFUNDED_COHORT")


# 7. Hospital schools and YOIs: funded outright in autumn 2024 and spring 2025.


@pytest.mark.parametrize(
    ("cohort", "verdict"),
    [("2024-autumn", "funded"), ("2025-spring", "funded"), ("2025-autumn", "subject_to_review")],
)
@pytest.mark.parametrize("setting", ["hospital", "young_offender_institution"])
def test_hospital_and_yoi_funding_by_cohort(
    rules: Rules, person: Person, setting: str, cohort: str, verdict: str
) -> None:
    funding = decide_funding(person(setting=setting, npq_cohort=cohort), rules, TODAY)
    assert funding.status == verdict


def test_virtual_school_stays_under_review_in_2024(rules: Rules, person: Person) -> None:
    assert decide_funding(
        person(setting="virtual_school", npq_cohort="2024-autumn"), rules, TODAY
    ).status == ("subject_to_review")


# Data corrections of 30 November 2026 (issue 21), each checked against the shipped data.


def test_gias_57_secure_16_to_19_is_unknown_showing_both_sources(rules: Rules, person: Person) -> None:
    named = rules.setting_names()
    assert (
        named["57"]
        == named["academysecure16to19"]
        == ("secure_sixteen_to_nineteen", "Academy secure 16 to 19")
    )
    funding = decide_funding(
        person(setting="secure_sixteen_to_nineteen", npq_cohort="2026-autumn"), rules, TODAY
    )
    assert (funding.status, funding.reason_code) == ("unknown", "SOURCES_CONFLICT")
    assert "does not list" in funding.reason and "guidance funds 16 to 19" in funding.reason
    cited = {s.url for s in funding.sources}
    assert rules.sources["npq_funding_guidance"].url in cited
    assert (
        rules.sources["dfe_npq_school_model"].url in cited
        and "9e9784a" in rules.sources["dfe_npq_school_model"].url
    )
    report = assess(
        person(setting="secure_sixteen_to_nineteen", npq="none", npq_cohort="2026-autumn"), rules, TODAY
    )
    assert report.statutory is False
    item = npq_cost(rules, funding, TODAY)
    assert (item.min_gbp, item.max_gbp) == (0, 1518)  # free only if DfE funds it


def test_gias_24_secure_units_are_funded_as_a_school(rules: Rules, person: Person) -> None:
    assert rules.setting_names()["24"] == ("secure_unit", "Secure units")
    assert all("young offender" not in (kind.check or "") for kind in rules.gias)
    funding = decide_funding(person(setting="secure_unit", npq_cohort="2026-autumn"), rules, TODAY)
    assert (funding.status, funding.reason_code) == ("funded", "ELIGIBLE_SETTING")
    assert assess(person(setting="secure_unit"), rules, TODAY).statutory is False
