"""Each rule entity is declared once, as a typed NamedTuple in rules/model.py: the schema its
data-file entries are checked against is read from those fields."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest

from senco_cli.rules import load
from senco_cli.rules.declared import build, schema_of
from senco_cli.rules.model import (
    Amount,
    Cohort,
    Duration,
    FundingRule,
    GiasType,
    Payer,
    Policy,
    Route,
    Setting,
    Source,
)
from senco_cli.schema import Field

DATED = {"title", "applies_from", "applies_until"}


@pytest.mark.parametrize(
    ("entity", "schema", "title", "not_in_file", "shorthand"),
    [
        (Setting, load.SETTING_SCHEMA, "label", {"id"}, set()),
        (Cohort, load.COHORT_SCHEMA, "label", set(), set()),
        (Route, load.ROUTE_SCHEMA, "label", set(), set()),
        (Duration, load.DURATION_SCHEMA, None, set(), set()),
        (FundingRule, load.FUNDING_RULE_SCHEMA, None, set(), set()),
        (Policy, load.POLICY_SCHEMA, "title", {"id"}, set()),
        (Amount, load.AMOUNT_SCHEMA, "label", set(), {"gbp"}),
        (GiasType, load.GIAS_SCHEMA, None, {"sources"}, set()),
    ],
)
def test_an_entitys_schema_has_exactly_its_fields(
    entity: type, schema: dict[str, Field], title: str | None, not_in_file: set[str], shorthand: set[str]
) -> None:
    fields = set(entity._fields) - not_in_file  # type: ignore[attr-defined]
    expected = fields - DATED | ({title} if title else set()) | shorthand
    if "applies_from" in entity._fields:  # type: ignore[attr-defined]
        expected |= {"from", "until"}
    assert set(schema) == expected


def test_a_price_gives_gbp_or_both_ends_and_a_gias_type_may_leave_out_other_names() -> None:
    """What the hand-written schemas allowed, read now from the declarations."""
    assert load.AMOUNT_SCHEMA["gbp"] == Field("int", minimum=0)
    assert load.AMOUNT_SCHEMA["min_gbp"] == load.AMOUNT_SCHEMA["max_gbp"] == Field("int", minimum=0)
    assert list(load.AMOUNT_SCHEMA)[:2] == ["label", "gbp"]
    assert load.GIAS_SCHEMA["also"] == Field("str_list") and load.GIAS_SCHEMA["code"].required
    assert load.POLICY_SCHEMA["extends"] == Field("str") and load.POLICY_SCHEMA["rules"].required


class Sample(NamedTuple):
    title: str
    applies_from: dt.date
    applies_until: dt.date | None
    sources: tuple[Source, ...]
    id: str
    payer: Payer
    weeks: int
    names: tuple[str, ...]
    opens: dt.date | None
    note: str = ""


def test_a_new_field_is_checked_without_writing_a_schema() -> None:
    schema = schema_of(Sample)
    assert schema["weeks"] == Field("int", required=True, minimum=0)
    assert schema["names"] == Field("str_list", required=True)
    assert schema["opens"] == Field("date") and schema["note"] == Field("str")
    assert schema["payer"].choices == ("dfe", "you_or_school", "you_with_loan", "employer")
    assert {"label", "from", "until", "sources"} <= set(schema) and "title" not in schema


def test_an_entry_is_built_from_the_same_fields() -> None:
    dated = {"title": "A", "applies_from": dt.date(2026, 1, 1), "applies_until": None, "sources": ()}
    table = {"id": "a", "payer": "dfe", "weeks": 3, "names": ["x", "y"], "opens": None, "label": "A"}
    built = build(Sample, table, dated)
    assert built == Sample("A", dt.date(2026, 1, 1), None, (), "a", "dfe", 3, ("x", "y"), None, "")


def test_the_profiles_sections_come_from_its_typed_answers() -> None:
    from senco_cli.profile.model import CONSTRAINTS, SECTION_STARTS, SECTIONS, Profile

    assert set(CONSTRAINTS) <= set(Profile._fields) and set(SECTION_STARTS) <= set(Profile._fields)
    in_sections = [key for keys in SECTIONS.values() for key in keys]
    assert in_sections == list(Profile._fields)  # each answer once, in the order declared
    assert list(SECTIONS) == ["you", "qualifications", "senco_training", "role", "school"]
    assert SECTIONS["you"]["teaching_years"] == Field("number", minimum=0, maximum=60)
    assert SECTIONS["role"]["senco_since"].kind == "date" and SECTIONS["school"]["rise"] == Field("bool")
