"""Each rule entity declared once: the schema its data-file entries are checked against is
read from its typed fields in rules/model.py (the field's type gives the kind, a Literal
its allowed values, a default or `| None` makes it optional), and entries are built from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from senco_cli.rules.model import COHORT_FUNDING, INDUCTION, PAYERS, VERDICTS
from senco_cli.rules.vocab import FUNDING_CODES
from senco_cli.schema import Field

KINDS = {"str": "str", "bool": "bool", "int": "int", "dt.date": "date", "tuple[str, ...]": "str_list"}
CHOICES: dict[str, tuple[str, ...]] = {
    "Payer": PAYERS,
    "FundingStatus": VERDICTS,
    "FundingCode": FUNDING_CODES,
    "Induction": INDUCTION,
    "CohortFunding": COHORT_FUNDING,
}
# The fields every dated entry has, and their keys in the data files.
DATED_FIELDS = ("title", "applies_from", "applies_until", "sources")
DATED = {
    "from": Field("date", required=True),
    "until": Field("date"),
    "sources": Field("str_list", required=True),
}


def schema_of(
    entity: Any,
    *,
    title: str | None = "label",
    given: tuple[str, ...] = (),
    extra: Mapping[str, Field] | None = None,
    optional: tuple[str, ...] = (),
    shorthand: Mapping[str, Field] | None = None,
) -> dict[str, Field]:
    """The schema of an entity's entries in a data file. `title`: the key its title is
    written under (None: the entry has none of its own); `given`: fields that come from
    elsewhere (the table's key, say); `extra`: fields whose values are tables; `optional`:
    fields an entry may leave out though the entity needs them (its builder fills them);
    `shorthand`: keys an entry may give that are no field (a price's `gbp` for min and max
    at once), checked after the title."""
    # Written as text (postponed annotations): senco's record classes keep the text
    # (senco_cli.records), typing.NamedTuple's keep it in forward references.
    annotations: Mapping[str, Any] = entity.__annotations__
    defaults: Mapping[str, Any] = entity._field_defaults
    extra = extra or {}
    dated = "applies_from" in entity._fields
    schema: dict[str, Field] = {}
    if title is None or not dated:
        schema.update(shorthand or {})
    for name in entity._fields:
        if name in given:
            continue
        if name in extra:
            schema[name] = extra[name]
            continue
        if dated and name in DATED_FIELDS:
            if name == "title" and title is not None:
                schema[title] = Field("str", required=True)
                schema.update(shorthand or {})
            continue
        if name == "sources":  # source ids, resolved when built
            schema[name] = Field("str_list", required=True)
            continue
        annotation = str(getattr(annotations[name], "__forward_arg__", annotations[name]))
        base = annotation.removesuffix(" | None")
        required = base == annotation and name not in defaults and name not in optional
        if base in CHOICES:
            schema[name] = Field("str", required=required, choices=CHOICES[base])
        elif KINDS[base] == "int":
            schema[name] = Field("int", required=required, minimum=0)
        else:
            schema[name] = Field(KINDS[base], required=required)
    return {**schema, **DATED} if dated else schema


def build(entity: Any, table: Mapping[str, Any], dated: Mapping[str, Any], **given: Any) -> Any:
    """An entity from its checked entry: the dated fields, then each field the entry gives
    (lists as tuples), then `given`; a field the entry leaves out takes its default."""
    values = {
        name: tuple(table[name]) if isinstance(table[name], list) else table[name]
        for name in entity._fields
        if name in table and name not in given and name not in DATED_FIELDS
    }
    return entity(**dated, **values, **given)
