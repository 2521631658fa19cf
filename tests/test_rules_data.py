"""The bundled rules: every entry dated and sourced, and broken data rejected by name."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from senco_cli.errors import InputError
from senco_cli.logic.assess import assess, npq_cost
from senco_cli.logic.funding import decide_funding
from senco_cli.logic.plan import make_plan
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Dated, Rules

from conftest import ROOT, TODAY, Person, step_words, urls

D = dt.date


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


# ---- the November 2026 expert review: each correction at its boundary, on the shipped data


# 1. A registered participant, or one studying without a start date, is timed from the cohort.


def test_registered_for_a_cohort_that_ends_after_the_deadline_is_at_risk(
    rules: Rules, person: Person
) -> None:
    late = person(senco_since=D(2025, 9, 1), npq="registered", npq_cohort="2027-autumn")
    report = assess(late, rules, TODAY)
    assert report.expected_result == D(2029, 9, 1) and report.deadline.date == D(2028, 9, 1)
    assert report.at_risk and any("after your deadline" in w for w in report.warnings)
    plan = make_plan(late, rules, TODAY)
    assert plan.at_risk and plan.exit_code == 1
    assert plan.milestone("npq_result") is not None and plan.milestone("npq_result").date == D(2029, 9, 1)  # type: ignore[union-attr]


def test_registered_for_a_cohort_that_ends_in_time_is_on_track(rules: Rules, person: Person) -> None:
    on_time = person(senco_since=D(2025, 9, 1), npq="registered", npq_cohort="2026-autumn")
    assert assess(on_time, rules, TODAY).at_risk is False
    assert make_plan(on_time, rules, TODAY).exit_code == 0


def test_studying_without_a_start_date_assumes_the_latest_intake(rules: Rules, person: Person) -> None:
    studying = person(senco_since=D(2025, 9, 1), npq="studying")
    report = assess(studying, rules, TODAY)
    # The latest intake before 28 November 2026 is autumn 2026: result by 1 September 2028.
    assert report.expected_result == D(2028, 9, 1)
    assert "latest intake" in step_words(report, "senco_qualification")[2]
    assert report.at_risk is False  # 1 September 2028 is the deadline itself, not after it


def test_check_and_plan_agree_on_at_risk(rules: Rules, person: Person) -> None:
    people = [
        person(senco_since=since, npq=npq, npq_cohort=cohort)
        for since in (D(2023, 11, 1), D(2024, 9, 1), D(2025, 9, 1), D(2026, 9, 1))
        for npq, cohort in (("none", None), ("registered", "2026-autumn"), ("registered", "2027-autumn"))
    ] + [person(senco_since=D(2022, 1, 1), npq="studying"), person(senco="planning", senco_since=None)]
    for profile in people:
        assert assess(profile, rules, TODAY).at_risk is make_plan(profile, rules, TODAY).at_risk, profile


# 2. SENCOs in post before 1 September 2009 (see also test_decision_rules).


def test_a_2005_senco_is_ready_not_overdue(rules: Rules, person: Person) -> None:
    report = assess(person(setting="maintained", senco_since=D(2005, 1, 10)), rules, TODAY)
    assert report.ready and report.exit_code == 0 and not report.deadline.overdue
    assert step_words(report, "senco_qualification")[0] == "not_needed"


# 3. QTLS with lapsed SET membership: renew, nothing more.


def test_lapsed_qtls_is_told_to_renew_only(rules: Rules, person: Person) -> None:
    report = assess(person(qts=False, qtls=True, set_member=False, induction=None), rules, TODAY)
    status, title, _ = step_words(report, "qualified_teacher")
    assert (status, title) == ("todo", "Renew your SET membership")
    assert step_words(report, "induction")[0] == "not_needed"
    assert report.routes == () and "qts_route" not in {item.id for item in report.costs}


def test_qtls_before_november_2014_meant_ifl_membership(rules: Rules, person: Person) -> None:
    current = person(qts=False, qtls=True, set_member=True, induction=None)
    assert (
        "Institute for Learning"
        in step_words(assess(current, rules, D(2014, 10, 31)), "qualified_teacher")[2]
    )
    assert (
        "Society for Education and Training"
        in step_words(assess(current, rules, D(2014, 11, 1)), "qualified_teacher")[2]
    )


# 6. Postgraduate teaching apprenticeship: 9 months from 5 August 2025; since 2018.


@pytest.mark.parametrize(
    ("as_of", "months"), [(D(2018, 9, 1), (12, 15)), (D(2025, 8, 4), (12, 15)), (D(2025, 8, 5), (9, 12))]
)
def test_pgta_length_follows_the_date(
    rules: Rules, person: Person, as_of: D, months: tuple[int, int]
) -> None:
    profile = person(
        qts=False, induction=None, setting="maintained", unqualified_teacher=True, schools_taught_in=1
    )
    route = next(r for r in assess(profile, rules, as_of).routes if r.id == "postgraduate_apprenticeship")
    assert (route.months_min, route.months_max) == months


def test_pgta_did_not_exist_before_september_2018(rules: Rules, person: Person) -> None:
    profile = person(qts=False, induction=None, setting="maintained", unqualified_teacher=True)
    assert "postgraduate_apprenticeship" not in {r.id for r in assess(profile, rules, D(2018, 8, 31)).routes}


# 9. One to twelve months of earlier service: both readings of the third anniversary.


@pytest.mark.parametrize(("months", "earlier"), [(1, D(2028, 8, 1)), (12, D(2027, 9, 1))])
def test_earlier_service_gives_a_second_reading(
    rules: Rules, person: Person, months: int, earlier: D
) -> None:
    report = assess(person(senco_since=D(2025, 9, 1), previous_senco_months=months), rules, TODAY)
    assert report.deadline.date == D(2028, 9, 1) and report.deadline.other_reading == earlier
    assert any(w.startswith("Check: with") for w in report.warnings)


def test_no_earlier_service_has_one_reading(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2025, 9, 1), previous_senco_months=0), rules, TODAY)
    assert report.deadline.other_reading is None


# 10. Planning a SENCO post from a setting the law does not bind directly.


@pytest.mark.parametrize("setting", ["other", "la_teacher", "hospital", "virtual_school"])
def test_planning_from_outside_a_school_is_a_check(rules: Rules, person: Person, setting: str) -> None:
    profile = person(
        setting=setting,
        senco="planning",
        senco_since=None,
        rtta_referred=False if setting == "other" else None,
    )
    report = assess(profile, rules, TODAY)
    assert report.exit_code == 1 and report.statutory is None
    status, _, detail = step_words(report, "senco_qualification")
    assert status == "check" and "within 3 years" in detail


def test_a_serving_senco_outside_a_school_is_not_bound(rules: Rules, person: Person) -> None:
    assert assess(person(setting="la_teacher"), rules, TODAY).statutory is False


def test_agency_supply_teachers_are_told_to_choose_other(rules: Rules) -> None:
    assert "agency" in rules.settings["other"].help and "agency" in rules.settings["la_teacher"].help


# 11. Teachers from Wales, Scotland and Northern Ireland.


def test_welsh_qts_is_recognised(rules: Rules, person: Person) -> None:
    report = assess(person(qualified_in="wales"), rules, TODAY)
    assert step_words(report, "qualified_teacher")[:2] == ("done", "You hold QTS (awarded in Wales)")


@pytest.mark.parametrize(("place", "word"), [("scotland", "Probation"), ("northern_ireland", "Induction")])
def test_scottish_and_ni_teachers_apply_for_qts_and_are_exempt_from_induction(
    rules: Rules, person: Person, place: str, word: str
) -> None:
    report = assess(
        person(qts=False, qualified_in=place, induction="passed", setting="maintained"), rules, TODAY
    )
    assert step_words(report, "qualified_teacher")[:2] == ("todo", "Apply for QTS in England")
    assert step_words(report, "induction")[0] == "done" and step_words(report, "induction")[1].startswith(
        word
    )
    assert "apply_for_qts" in {r.id for r in report.routes}
    assert "https://www.gov.uk/guidance/qualified-teacher-status-qts" in urls(report)


def test_qualified_in_england_gets_no_apply_for_qts(rules: Rules, person: Person) -> None:
    def routes(place: str) -> set[str]:
        profile = person(qts=False, induction=None, qualified_in=place, setting="maintained")
        return {route.id for route in assess(profile, rules, TODAY).routes}

    assert "apply_for_qts" in routes("scotland")  # the same person, trained in Scotland, may apply
    assert "apply_for_qts" not in routes("england")


# 12, 13. Shared SENCOs who are heads; leave does not pause the clock.


def test_head_who_is_a_shared_senco_is_warned(rules: Rules, person: Person) -> None:
    report = assess(person(head_teacher=True, shared_senco=True), rules, TODAY)
    assert any("6.92 to 6.93" in w for w in report.warnings)
    assert "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25" in urls(report)
    assert not any(
        "6.92" in w for w in assess(person(head_teacher=False, shared_senco=True), rules, TODAY).warnings
    )


def test_leave_does_not_pause_the_clock(rules: Rules, person: Person) -> None:
    report = assess(person(on_leave=True), rules, TODAY)
    assert report.deadline.date == D(2028, 9, 1)
    assert any("does not pause" in w and "defer" in w for w in report.warnings)


# 14. Failed induction.


def test_failed_induction_bars_designation_where_reg_49_binds(rules: Rules, person: Person) -> None:
    report = assess(person(setting="maintained", induction="failed"), rules, TODAY)
    assert step_words(report, "induction")[0] == "todo" and report.can_be_designated is False
    independent = assess(person(setting="independent", induction="failed"), rules, TODAY)
    assert step_words(independent, "induction")[0] == "not_needed"


# 15. A school's nursery class or sixth form chosen as early years or 16 to 19.


@pytest.mark.parametrize("setting", ["early_years", "sixteen_to_nineteen"])
def test_part_of_a_school_is_asked_not_decided(rules: Rules, person: Person, setting: str) -> None:
    report = assess(person(setting=setting, part_of_school=True), rules, TODAY)
    status, _, detail = step_words(report, "senco_qualification")
    assert status == "check" and "school's own setting" in detail and not report.ready
    assert "school's" in rules.settings[setting].help


# 16. Academy SENCOs appointed 2009 to 2014.


def test_academy_senco_from_2012_shows_both_readings(rules: Rules, person: Person) -> None:
    report = assess(person(setting="academy", senco_since=D(2012, 9, 1)), rules, TODAY)
    assert report.deadline.date == D(2015, 9, 1) and report.deadline.other_reading == D(2017, 9, 1)
    assert "1 September 2014" in report.deadline.basis
    assert step_words(report, "senco_qualification")[0] == "check"


def test_maintained_senco_from_2012_has_one_reading(rules: Rules, person: Person) -> None:
    report = assess(person(setting="maintained", senco_since=D(2012, 9, 1)), rules, TODAY)
    assert report.deadline.other_reading is None and step_words(report, "senco_qualification")[0] == "todo"


def test_academies_were_not_bound_before_september_2014(rules: Rules, person: Person) -> None:
    profile = person(setting="academy", senco_since=D(2012, 9, 1))
    assert assess(profile, rules, D(2014, 8, 31)).deadline.applies is False
    assert assess(profile, rules, D(2014, 9, 1)).deadline.applies is True


# 17. Leap-day appointments.


def test_leap_day_appointment_says_why_28_february(rules: Rules, person: Person) -> None:
    report = assess(person(senco_since=D(2024, 2, 29)), rules, TODAY)
    assert report.deadline.date == D(2027, 2, 28)
    assert "29 February 2027 does not exist" in report.deadline.basis


# 18, 19. Sources that say what they are cited for; who pays for fee-funded training.


def test_replaced_sources_are_gone(rules: Rules) -> None:
    cited = {s.url for s in rules.sources.values()}
    assert not any("HL7189" in url for url in cited)
    assert not any("eligible-settings" in url for url in cited)
    assert rules.law["qtls"].applies_from == D(2014, 11, 1)
    assert "lead provider" in rules.law["school_support"].title.lower()


def test_pgce_and_degree_fees_can_be_paid_with_a_loan(rules: Rules) -> None:
    payers = {route.id: route.payer for route in rules.routes}
    assert payers["pgce"] == payers["undergraduate_qts"] == "you_with_loan"


def test_nasenco_before_the_npq_existed(rules: Rules, person: Person) -> None:
    report = assess(person(setting="maintained", senco_since=D(2010, 9, 1)), rules, D(2011, 1, 1))
    assert step_words(report, "senco_qualification")[1] == "Gain the NASENCO award"


def test_law_entries_apply_only_from_their_date(rules: Rules, person: Person) -> None:
    before_duty = assess(person(setting="maintained", senco_since=D(2008, 1, 1)), rules, D(2009, 1, 1))
    assert before_duty.deadline.applies is False
    nasenco_2010 = person(
        setting="maintained", senco_since=D(2010, 9, 1), nasenco="passed", nasenco_started=D(2010, 9, 1)
    )
    assert assess(nasenco_2010, rules, D(2012, 1, 1)).qualified is True


def test_deferral_has_no_invented_length_and_shows_both_sources(rules: Rules, person: Person) -> None:
    deferral = rules.law["npq_deferral"]
    assert "12 months" not in deferral.title and "defer_months" not in deferral.values
    assert "check with your provider" in deferral.title.lower()
    assert {s.url for s in deferral.sources} >= {
        rules.sources["bpn_npq_deferral"].url,
        rules.sources["dfe_npq_deferral_design_history"].url,
    }
    report = assess(
        person(senco_since=D(2026, 9, 1), npq="studying", npq_started=D(2026, 11, 1)), rules, TODAY
    )
    note = next(w for w in report.warnings if "defer" in w)
    assert "exceptional circumstances" in note and "indefinite" in note and "12 months" not in note
    leave = assess(person(senco_since=D(2026, 9, 1), on_leave=True), rules, TODAY)
    assert not any("12 months" in w for w in leave.warnings)
    assert any("check with your provider" in w for w in leave.warnings)


def test_unfunded_price_is_a_range_with_vat_where_charged(rules: Rules, person: Person) -> None:
    price = rules.npq_price_on(TODAY)
    assert (price.min_gbp, price.max_gbp) == (1265, 1518)  # 1,265 before VAT, 1,518 with VAT at 20%
    assert "+ VAT where charged" in price.title and "check with your provider" in price.title
    assert rules.npq_price_on(D(2025, 11, 1)).max_gbp == 1265  # the 2024/25 list answers for its time
    independent = decide_funding(person(setting="independent", npq_cohort="2026-autumn"), rules, TODAY)
    item = npq_cost(rules, independent, TODAY)
    assert (item.min_gbp, item.max_gbp) == (1265, 1518) and "VAT" in item.label


def test_apply_for_qts_teaching_experience_bands(rules: Rules) -> None:
    route = next(r for r in rules.routes if r.id == "apply_for_qts")
    assert "under 9 months is not enough" in route.note
    assert "9 to 20 months means a two-year statutory induction" in route.note
    assert "over 20 months, none" in route.note
    assert "a30fd63" in rules.sources["aqts_work_experience"].url
    assert "aqts_work_experience" in {s.id for s in route.sources}


@pytest.mark.parametrize("changes", [{"has_trn": False}, {"has_trn": None, "qts": True}, {"has_trn": None}])
def test_a_missing_trn_is_advice_never_not_ready(
    rules: Rules, person: Person, changes: dict[str, object]
) -> None:
    ready = person(senco_since=D(2026, 9, 1), npq="passed", **changes)
    report = assess(ready, rules, TODAY)
    trn = next(s for s in report.steps if s.id == "trn")  # the contract's step stays
    assert trn.status in ("done", "not_needed")
    assert report.ready and report.exit_code == 0


def test_trn_words_never_say_a_trn_is_needed_to_register(rules: Rules) -> None:
    for code in ("trn_held", "trn_assumed", "trn_find", "trn_request", "trn_unknown"):
        words = rules.wording[code]
        text = f"{words.title} {words.detail}".lower()
        assert "need a teacher reference number to register" not in text and "need it to register" not in text
    assert "no trn step" in rules.law["trn"].title.lower()
    assert "556dcda" in rules.sources["dfe_npq_one_login"].title


def test_citations_say_what_they_are_cited_for(rules: Rules) -> None:
    caps = {cap.title: cap for cap in rules.fee_caps}
    assert [s.id for s in caps["Tuition fee cap 2025/26"].sources] == ["fee_cap_2025"]
    assert (
        "£9,535" in rules.sources["fee_cap_2025"].title and "2025/26" in rules.sources["fee_cap_2025"].title
    )
    undergraduate = next(r for r in rules.routes if r.id == "undergraduate_qts")
    assert any("three to four years" in s.title for s in undergraduate.sources)
    cited = {s.url for s in rules.sources.values()}
    assert not any("MutualRecognition" in url for url in cited)  # replaced by Apply for QTS, 1 Feb 2023
    assert "qts_guidance" in {s.id for s in rules.law["uk_nations"].sources}
    assert "/blob/9e9784a/" in rules.sources["dfe_npq_course_start"].url


def test_frameworks_review_is_noted_for_cohorts_after_november_2027(rules: Rules, person: Person) -> None:
    review = rules.law["npq_frameworks_review"]
    assert review.date("cohorts_after") == D(2027, 11, 1) and "NPQ for SENCOs" in review.title
    later = assess(
        person(senco_since=D(2026, 9, 1), npq="registered", npq_started=D(2028, 1, 10)), rules, TODAY
    )
    assert review.title + "." in later.warnings
    assert {s.url for s in review.sources} <= urls(later)
    sooner = assess(person(senco_since=D(2026, 9, 1), npq="none"), rules, TODAY)
    assert review.title + "." not in sooner.warnings


@pytest.mark.parametrize(
    "folder", [ROOT / "data", ROOT / "tests" / "fixtures" / "rules"], ids=["shipped", "frozen"]
)
def test_every_source_has_a_short_label_and_a_site(folder: Path) -> None:
    """The terminal's list of sources shows each source's short label and its site."""
    sources = load_rules(folder).sources.values()
    assert all(0 < len(source.short) <= 24 for source in sources), [s.id for s in sources if not s.short]
    assert len({source.short for source in sources}) == len(sources)  # no two read the same
    for source in sources:
        assert source.site in source.url and not source.site.startswith("www."), source.site
    sites = {source.id: source.site for source in sources}
    assert sites["send_regs_reg49"] == "legislation.gov.uk" and sites["trn"] == "gov.uk"
    assert sites["git_assessment_only"] == "education.gov.uk" and sites["dfe_npq_scenarios"] == "github.com"
