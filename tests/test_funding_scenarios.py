"""DfE's own 120 funding scenarios for the NPQ for SENCOs: every verdict must match."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from senco_cli.logic.funding import decide_funding
from senco_cli.profile.model import Profile
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules

from conftest import ROOT, SHIPPED_RULES, TODAY

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
