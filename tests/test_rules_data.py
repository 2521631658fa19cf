"""The bundled rules: every entry dated and sourced, and broken data rejected by name."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from senco_cli.errors import InputError
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Dated, Rules

from conftest import ROOT


@pytest.fixture(scope="module")
def rules(shipped_rules: Rules) -> Rules:
    """This file checks the shipped data itself, not the frozen copy."""
    return shipped_rules


def all_entries(rules: Rules) -> list[tuple[str, Dated]]:
    entries: list[tuple[str, Dated]] = []
    entries += [(f"law.{key}", rule) for key, rule in rules.law.items()]
    entries += [(f"settings.{key}", s) for key, s in rules.settings.items()]
    entries += [(f"cohorts.{c.id}", c) for c in rules.cohorts]
    entries += [(f"policies.{key}", p) for key, p in rules.policies.items()]
    entries += [(f"routes.{r.id}", r) for r in rules.routes]
    entries += [(f"fee_caps.{c.title}", c) for c in rules.fee_caps]
    entries += [("course", rules.course), ("cohort_pattern", rules.cohort_pattern)]
    entries += [(f"npq_senco.{p.applies_from}", p) for p in rules.npq_prices] + [("trn", rules.trn_price)]
    return entries


def test_every_entry_has_a_date_and_an_https_source(rules: Rules) -> None:
    entries = all_entries(rules)
    assert len(entries) > 40
    for name, entry in entries:
        assert isinstance(entry.applies_from, dt.date), name
        assert entry.sources, name
        for source in entry.sources:
            assert source.url.startswith("https://"), (name, source.url)
            assert source.title.strip(), name
    for policy in rules.policies.values():
        for rule in policy.rules:
            assert rule.sources and all(s.url.startswith("https://") for s in rule.sources)


CONTRACT_SETTINGS = (  # the settings ../design/contract.md promises; the data may add more
    "maintained",
    "academy",
    "maintained_nursery",
    "special",
    "alternative_provision",
    "sixteen_to_nineteen",
    "independent",
    "independent_special",
    "hospital",
    "virtual_school",
    "young_offender_institution",
    "la_teacher",
    "lead_mentor",
    "early_years",
    "other",
)


def test_shipped_settings_keep_the_contract(rules: Rules) -> None:
    assert set(CONTRACT_SETTINGS) <= set(rules.settings)


def test_reviewed_date_is_set(rules: Rules) -> None:
    assert rules.reviewed == dt.date(2026, 11, 30)  # the November 2026 review


def test_fee_caps_from_the_sources(rules: Rules) -> None:
    caps = {cap.applies_from: cap.min_gbp for cap in rules.fee_caps}
    assert caps == {
        dt.date(2025, 9, 1): 9535,
        dt.date(2026, 9, 1): 9790,
        dt.date(2027, 9, 1): 10050,
    }
    assert rules.npq_price_on(dt.date(2026, 11, 28)).min_gbp == 1265


def test_cohorts_from_the_sources(rules: Rules) -> None:
    funding = {c.id: c.funding for c in rules.cohorts}
    assert funding == {
        "2024-autumn": "funded",
        "2025-spring": "funded",
        "2025-autumn": "funded",
        "2026-spring": "unfunded",
        "2026-autumn": "funded",
        "2027-autumn": "not_announced",
    }


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    (
        "npq.toml",
        'reason_code = "ELIGIBLE_SETTING"',
        'reason_code = "ELIGIBLE_SETTING"\nreson = "x"',
        "data/npq.toml",
        "policies.publicly_funded_2024.rules[0].reson",
        "unknown key",
    ),
    (
        "costs.toml",
        "gbp = 9535",
        'gbp = "9535"',
        "data/costs.toml",
        "fee_caps[0].gbp",
        "whole number",
    ),
    (
        "routes.toml",
        'sources = ["git_assessment_only"]',
        "sources = []",
        "data/routes.toml",
        "routes[0].sources",
        "at least one source",
    ),
    (
        "routes.toml",
        'sources = ["git_assessment_only"]',
        'sources = ["nowhere"]',
        "data/routes.toml",
        "routes[0].sources",
        'unknown source "nowhere"',
    ),
    (
        "costs.toml",
        "from = 2026-09-01",
        "from = 2026-08-01",
        "data/costs.toml",
        "fee_caps",
        "overlap",
    ),
    (
        "sources.toml",
        'url = "https://www.legislation.gov.uk/ukpga/2014/6/section/67"',
        'url = "http://www.legislation.gov.uk/ukpga/2014/6/section/67"',
        "data/sources.toml",
        "sources.cfa_s67.url",
        "https",
    ),
    (
        "npq.toml",
        'settings = ["lead_mentor"]',
        'settings = ["lead_mentr"]',
        "data/npq.toml",
        "policies.publicly_funded.rules[6].settings",
        'unknown setting "lead_mentr"',
    ),
    (
        "settings.toml",
        'induction = "required"',
        'induction = "sometimes"',
        "data/settings.toml",
        "settings.maintained.induction",
        "Allowed: required, not_required, check",
    ),
    (
        "law.toml",
        "from = 2009-09-01\nbecame",
        "became",
        "data/law.toml",
        "three_year_duty.from",
        "required",
    ),
    (
        "costs.toml",
        "until = 2026-08-31",
        "until = 2024-08-31",
        "data/costs.toml",
        "fee_caps[0].until",
        "before",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "named_file", "path", "words"), BROKEN)
def test_broken_rules_are_rejected_naming_file_and_entry(
    data_copy: Path, file: str, old: str, new: str, named_file: str, path: str, words: str
) -> None:
    edit(data_copy / file, old, new)
    with pytest.raises(InputError) as caught:
        load_rules(data_copy)
    assert caught.value.file == named_file
    assert caught.value.path == path
    assert words in caught.value.message


def test_invalid_toml_in_the_rules_is_named(data_copy: Path) -> None:
    (data_copy / "law.toml").write_text("[designation\n", encoding="utf-8")
    with pytest.raises(InputError, match="data/law.toml"):
        load_rules(data_copy)


def test_every_github_file_is_cited_at_a_commit(rules: Rules) -> None:
    """A file on a branch changes under its citation: GitHub files are cited at a commit."""
    for source in rules.sources.values():
        if "github.com/" in source.url and "/blob/" in source.url:
            ref = source.url.split("/blob/")[1].split("/")[0]
            assert len(ref) >= 7 and all(c in "0123456789abcdef" for c in ref), source.id
