"""Load the rules from data/*.toml, validate every entry and cross-check them; refuse any fault with one message naming the file and key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from senco_cli.errors import InputError
from senco_cli.profile.model import (
    KEY_PATHS,
    PRIVATE,
    READ_PAST,
    RESULTS,
    ROSTER_COLUMNS,
    SECTIONS,
    header_key,
)
from senco_cli.rules.answers import read_answers
from senco_cli.rules.declared import build, schema_of
from senco_cli.rules.folder import RULE_FILES, data_dir
from senco_cli.rules.model import (
    Amount,
    Cohort,
    Dated,
    DfeCohort,
    Duration,
    FundingRule,
    FundingStatus,
    GiasType,
    LawRule,
    Policy,
    Route,
    Rules,
    Setting,
    Source,
)
from senco_cli.rules.vocab import LAW_VALUES, LEAD_PROVIDER_VALUES, NPQ_VALUES
from senco_cli.rules.wording import (
    ThirdPerson,
    read_notices,
    read_sentences,
    read_third_person,
    read_wording,
)
from senco_cli.schema import Field, validate

# ---- schemas -------------------------------------------------------------------------


def _https(value: Any) -> str | None:
    return None if str(value).startswith("https://") else "must be an https:// URL."


DATED = {
    "from": Field("date", required=True),
    "until": Field("date"),
    "sources": Field("str_list", required=True),
}


def _short(value: Any) -> str | None:
    return None if 0 < len(str(value)) <= SHORT_LABEL_MAX else f"must be 1 to {SHORT_LABEL_MAX} characters."


SHORT_LABEL_MAX = 24
SOURCE_SCHEMA = {
    "title": Field("str", required=True),
    "short": Field("str", check=_short),
    "url": Field("str", required=True, check=_https),
}
SOURCES_FILE = {
    "reviewed": Field("date", required=True),
    "sources": Field("map", required=True),
}
SETTING_SCHEMA = schema_of(Setting, given=("id",))  # the id is the table's key


def law_schema(values: Mapping[str, Field]) -> dict[str, Field]:
    """A law entry's schema: its title, the values its shape declares, its dates and sources."""
    return {"title": Field("str", required=True), **values, **DATED}


LAW_FILE = {
    key: Field("table", required=True, schema=law_schema(values)) for key, values in LAW_VALUES.items()
}
COHORT_SCHEMA = schema_of(Cohort)
FUNDING_RULE_SCHEMA = schema_of(FundingRule)
POLICY_SCHEMA = schema_of(
    Policy,
    title="title",
    given=("id",),  # the table's key
    extra={"rules": Field("table_list", required=True, schema=FUNDING_RULE_SCHEMA)},
)
DFE_COHORT_SCHEMA = {
    "identifier": Field("str", required=True),
    "cohort": Field("str", required=True),
    "sources": Field("str_list", required=True),
}
NPQ_FILE = {
    **{key: Field("table", required=True, schema=law_schema(values)) for key, values in NPQ_VALUES.items()},
    "cohorts": Field("table_list", required=True, schema=COHORT_SCHEMA),
    "dfe_cohorts": Field("table_list", schema=DFE_COHORT_SCHEMA),
    "policies": Field("map", required=True),
    "lead_providers": Field("table", schema=law_schema(LEAD_PROVIDER_VALUES)),
}
# A route may require any yes/no answer of the profile, and these three.
CONDITIONS = {
    **{key: Field("bool") for keys in SECTIONS.values() for key, spec in keys.items() if spec.kind == "bool"},
    "min_schools_taught_in": Field("int", minimum=0),
    "setting_in": Field("str_list"),
    "qualified_in": Field("str_list"),
}
DURATION_SCHEMA = schema_of(Duration, title=None)  # titled by its route
ROUTE_SCHEMA = schema_of(
    Route,
    extra={
        "requires": Field("table", schema=CONDITIONS),
        "requires_any": Field("table", schema=CONDITIONS),
        "durations": Field("table_list", schema=DURATION_SCHEMA),
    },
)
# A price gives `gbp`, or `min_gbp` and `max_gbp` (checked when built).
AMOUNT_SCHEMA = schema_of(Amount, optional=("min_gbp", "max_gbp"), shorthand={"gbp": Field("int", minimum=0)})
ROUTES_FILE = {"routes": Field("table_list", required=True, schema=ROUTE_SCHEMA)}
COSTS_FILE = {
    "fee_caps": Field("table_list", required=True, schema=AMOUNT_SCHEMA),
    "npq_senco": Field("table_list", required=True, schema=AMOUNT_SCHEMA),
    "trn": Field("table", required=True, schema=AMOUNT_SCHEMA),
}
SETTINGS_FILE = {"settings": Field("map", required=True), "gias": Field("map")}
GIAS_SCHEMA = schema_of(GiasType, given=("sources",), optional=("also",))  # one list of sources for all
GIAS_FILE = {
    "sources": Field("str_list", required=True),
    "types": Field("table_list", required=True, schema=GIAS_SCHEMA),
}
COLUMNS_FILE = {
    "aliases": Field("map", required=True),
    "posts": Field(
        "table", schema={kind: Field("str_list") for kind in ("senco", "head_teacher", "teacher")}
    ),
    "read_past": Field("map"),
    "suggest": Field("table", schema={"concepts": Field("str_list")}),
}


# ---- loading -------------------------------------------------------------------------


class _Builder:
    """Turns validated tables into rule objects, resolving source ids as it goes."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources
        self.file = ""

    def fail(self, message: str, path: str) -> InputError:
        return InputError(message, path=path, file=self.file, code="bad_rules")

    def resolve(self, ids: list[str], path: str) -> tuple[Source, ...]:
        if not ids:
            raise self.fail("needs at least one source.", f"{path}.sources")
        for source_id in ids:
            if source_id not in self.sources:
                raise self.fail(f'names unknown source "{source_id}".', f"{path}.sources")
        return tuple(self.sources[source_id] for source_id in ids)

    def dated(self, table: Mapping[str, Any], path: str, title_key: str = "title") -> dict[str, Any]:
        starts, ends = table["from"], table.get("until")
        if ends is not None and ends < starts:
            raise self.fail(f"until ({ends}) is before from ({starts}).", f"{path}.until")
        return {
            "title": table[title_key],
            "applies_from": starts,
            "applies_until": ends,
            "sources": self.resolve(table["sources"], path),
        }

    def law_rule(self, table: Mapping[str, Any], path: str) -> LawRule:
        values = {k: v for k, v in table.items() if k not in ("title", "from", "until", "sources")}
        return LawRule(**self.dated(table, path), values=values)

    def amount(self, table: Mapping[str, Any], path: str) -> Amount:
        low = table.get("min_gbp", table.get("gbp"))
        high = table.get("max_gbp", table.get("gbp"))
        if low is None or high is None or low > high:
            raise self.fail("needs gbp, or min_gbp no greater than max_gbp.", path)
        return Amount(**self.dated(table, path, "label"), min_gbp=low, max_gbp=high)


def _read(directory: Path, name: str) -> tuple[str, dict[str, Any]]:
    import tomllib  # only when the rules are read, not when they come from the cache

    file = f"data/{name}.toml"
    try:
        with (directory / f"{name}.toml").open("rb") as handle:
            return file, tomllib.load(handle)
    except OSError as error:
        raise InputError(f"cannot read the rules: {error.strerror}.", file=file) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"the rules are not valid TOML: {error}.", file=file) from None


def load_rules(directory: Path | None = None) -> Rules:
    """Read and validate every rules file; raise InputError naming the file and entry."""
    tables = dict(_read(directory or data_dir(), name) for name in RULE_FILES)
    files = {name: f"data/{name}.toml" for name in RULE_FILES}
    raw = {name: tables[files[name]] for name in RULE_FILES}

    validate(raw["sources"], SOURCES_FILE, files["sources"])
    for key, table in raw["sources"]["sources"].items():
        validate(table, SOURCE_SCHEMA, files["sources"], prefix=f"sources.{key}.")
    builder = _Builder(
        {
            key: Source(key, t["title"], t["url"], t.get("short", ""))
            for key, t in raw["sources"]["sources"].items()
        }
    )

    builder.file = files["settings"]
    validate(raw["settings"], SETTINGS_FILE, builder.file)
    settings = {}
    for key, table in raw["settings"]["settings"].items():
        validate(table, SETTING_SCHEMA, builder.file, prefix=f"settings.{key}.")
        settings[key] = build(Setting, table, builder.dated(table, f"settings.{key}", "label"), id=key)

    gias = _gias(builder, raw["settings"].get("gias"), settings)

    builder.file = files["law"]
    validate(raw["law"], LAW_FILE, builder.file)
    law = {key: builder.law_rule(table, key) for key, table in raw["law"].items()}

    builder.file = files["npq"]
    validate(raw["npq"], NPQ_FILE, builder.file)
    policies: dict[str, Policy] = {}
    # A policy that extends another is built after it.
    for key, table in sorted(raw["npq"]["policies"].items(), key=lambda item: "extends" in item[1]):
        policies[key] = _policy(builder, key, table, settings, policies)
    cohorts = tuple(
        _cohort(builder, index, table, policies) for index, table in enumerate(raw["npq"]["cohorts"])
    )
    _unique([c.id for c in cohorts], builder, "cohorts")
    dfe_cohorts = _dfe_cohorts(builder, raw["npq"].get("dfe_cohorts", []), cohorts)

    builder.file = files["routes"]
    validate(raw["routes"], ROUTES_FILE, builder.file)
    routes = tuple(
        _route(builder, index, table, settings) for index, table in enumerate(raw["routes"]["routes"])
    )
    _unique([r.id for r in routes], builder, "routes")
    for index, route in enumerate(routes):
        _no_overlap(route.durations, builder, f"routes[{index}].durations")

    builder.file = files["costs"]
    validate(raw["costs"], COSTS_FILE, builder.file)
    fee_caps = tuple(
        builder.amount(table, f"fee_caps[{index}]") for index, table in enumerate(raw["costs"]["fee_caps"])
    )
    _no_overlap(fee_caps, builder, "fee_caps")
    npq_prices = tuple(
        builder.amount(table, f"npq_senco[{index}]") for index, table in enumerate(raw["costs"]["npq_senco"])
    )
    _distinct_starts(npq_prices, builder, "npq_senco")

    return Rules(
        reviewed=raw["sources"]["reviewed"],
        sources=builder.sources,
        law=law,
        settings=settings,
        course=builder.law_rule(raw["npq"]["course"], "course"),
        cohort_pattern=builder.law_rule(raw["npq"]["cohort_pattern"], "cohort_pattern"),
        cohorts=cohorts,
        dfe_cohorts=dfe_cohorts,
        policies=policies,
        routes=routes,
        fee_caps=fee_caps,
        wording=read_wording(raw["wording"], files["wording"]),
        notices=read_notices(raw["wording"], files["wording"]),
        sentences=read_sentences(raw["wording"], files["wording"]),
        lead_providers=(
            builder.law_rule(raw["npq"]["lead_providers"], "lead_providers")
            if "lead_providers" in raw["npq"]
            else None
        ),
        npq_prices=npq_prices,
        trn_price=builder.amount(raw["costs"]["trn"], "trn"),
        gias=gias,
        third_person=(
            read_third_person(raw["wording"]["third_person"], files["wording"])
            if "third_person" in raw["wording"]
            else ThirdPerson()
        ),
        column_names=_column_names(raw["columns"], files["columns"]),
        answers=read_answers(raw["answers"], files["answers"]),
        read_past=_read_past(raw["columns"], files["columns"]),
        posts=_posts(raw["columns"], files["columns"]),
        concepts=tuple(raw["columns"].get("suggest", {}).get("concepts", ())),
    )


def _gias(
    builder: _Builder, table: Mapping[str, Any] | None, settings: Mapping[str, Setting]
) -> tuple[GiasType, ...]:
    if table is None:
        return ()
    validate(table, GIAS_FILE, builder.file, prefix="gias.")
    sources = builder.resolve(table["sources"], "gias")
    kinds = []
    for index, entry in enumerate(table["types"]):
        where = f"gias.types[{index}]"
        setting, check = entry.get("setting"), entry.get("check")
        if (setting is None) == (check is None):
            raise builder.fail("give either `setting` or `check` (why the type does not decide it).", where)
        if setting is not None and setting not in settings:
            raise builder.fail(
                f'"{setting}" is not a setting. Allowed: {", ".join(settings)}.', f"{where}.setting"
            )
        also = tuple(entry.get("also", ()))
        kinds.append(build(GiasType, entry, {}, also=also, setting=setting, check=check, sources=sources))
    _unique([str(kind.code) for kind in kinds], builder, "gias.types")
    return tuple(kinds)


def _column_names(table: Mapping[str, Any], file: str) -> dict[str, tuple[str, ...]]:
    """Each roster column and the headers that mean it: its dotted key, its last part where
    no other column shares it, then the aliases in data/columns.toml. A header may mean only
    one column."""
    validate(table, COLUMNS_FILE, file)
    columns = (*KEY_PATHS.values(), *ROSTER_COLUMNS)
    names: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    last_parts = [column.split(".")[-1] for column in columns]
    for column, last in zip(columns, last_parts, strict=True):
        aliases = table["aliases"].get(column, [])
        validate({column: aliases}, {column: Field("str_list")}, file, prefix="aliases.")
        own = (last,) if last_parts.count(last) == 1 else ()  # "name" is both you. and school.
        names[column] = (column, *own, *aliases)
    for column in table["aliases"]:
        if column not in names:
            raise InputError(
                f"is not a roster column. Columns: {', '.join(columns)}.",
                path=f"aliases.{column}",
                file=file,
                code="bad_rules",
            )
    for column, headers in names.items():
        for header in headers:
            other = owner.setdefault(header_key(header), column)
            if other != column:
                raise InputError(
                    f'"{header}" would mean both {other} and {column}.',
                    path=f"aliases.{column}",
                    file=file,
                    code="bad_rules",
                )
    return names


def _read_past(table: Mapping[str, Any], file: str) -> dict[str, str]:
    """The headers read past (data/columns.toml [read_past]), normalised, each marked
    READ_PAST, PRIVATE or (senco's own results, `senco_results`) RESULTS; none may be a
    column's header too."""
    headers = {header_key(name) for names in _column_names(table, file).values() for name in names}
    marks: dict[str, str] = {}
    for group, listed in table.get("read_past", {}).items():
        validate({group: listed}, {group: Field("str_list")}, file, prefix="read_past.")
        for name in listed:
            if header_key(name) in headers:
                raise InputError(
                    f'"{name}" is a column\'s header: it cannot be read past.',
                    path=f"read_past.{group}",
                    file=file,
                    code="bad_rules",
                )
            mark = {"private": PRIVATE, "senco_results": RESULTS}.get(group, READ_PAST)
            marks[header_key(name)] = PRIVATE if marks.get(header_key(name)) == PRIVATE else mark
    return marks


def _posts(table: Mapping[str, Any], file: str) -> dict[str, str]:
    """Each post's words (data/columns.toml [posts]), normalised, to senco, head_teacher or
    teacher; a word may mean one of them only."""
    posts: dict[str, str] = {}
    for kind, words in table.get("posts", {}).items():
        for word in words:
            if posts.setdefault(header_key(word), kind) != kind:
                raise InputError(
                    f'"{word}" would mean both {posts[header_key(word)]} and {kind}.',
                    path=f"posts.{kind}",
                    file=file,
                    code="bad_rules",
                )
    return posts


def _dfe_cohorts(
    builder: _Builder, tables: list[Mapping[str, Any]], cohorts: tuple[Cohort, ...]
) -> tuple[DfeCohort, ...]:
    """DfE's cohort identifiers (npq.toml [[dfe_cohorts]]): each a start year and one lower
    case letter ("2026b", as DfE's cohort model allows), to a cohort of that year, with
    sources; each identifier once."""
    import re

    known = {c.id for c in cohorts}
    read = []
    for index, table in enumerate(tables):
        where = f"dfe_cohorts[{index}]"
        identifier, cohort = table["identifier"], table["cohort"]
        if not re.fullmatch(r"20\d\d[a-z]", identifier):
            raise builder.fail(
                f'"{identifier}" is not a DfE cohort identifier: a start year and one lower case letter ("2026b").',
                f"{where}.identifier",
            )
        if cohort not in known:
            raise builder.fail(
                f'"{cohort}" is not a cohort. Allowed: {", ".join(sorted(known))}.', f"{where}.cohort"
            )
        if not cohort.startswith(identifier[:4] + "-"):
            raise builder.fail(
                f'"{identifier}" starts in {identifier[:4]}, but {cohort} does not.', f"{where}.cohort"
            )
        read.append(DfeCohort(identifier, cohort, builder.resolve(table["sources"], where)))
    _unique([d.identifier for d in read], builder, "dfe_cohorts")
    return tuple(read)


def _unique(ids: list[str], builder: _Builder, path: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise builder.fail(f'id "{item}" appears twice.', path)
        seen.add(item)


def _distinct_starts(entries: tuple[Dated, ...], builder: _Builder, path: str) -> None:
    """Each entry of a dated list starts on its own date; the latest started one applies."""
    starts = [entry.applies_from for entry in entries]
    if len(set(starts)) != len(starts):
        raise builder.fail("two entries start on the same date.", path)


def _no_overlap(entries: tuple[Dated, ...], builder: _Builder, path: str) -> None:
    ordered = sorted(entries, key=lambda entry: entry.applies_from)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.applies_until is None or later.applies_from <= earlier.applies_until:
            raise builder.fail(f'"{earlier.title}" and "{later.title}" overlap in time.', path)


def _known_settings(names: list[str], settings: Mapping[str, Setting], builder: _Builder, path: str) -> None:
    for name in names:
        if name not in settings:
            raise builder.fail(f'names unknown setting "{name}".', path)


def _policy(
    builder: _Builder,
    key: str,
    table: Mapping[str, Any],
    settings: Mapping[str, Setting],
    built: Mapping[str, Policy],
) -> Policy:
    path = f"policies.{key}"
    if not isinstance(table, dict):
        raise builder.fail("must be a table.", path)
    validate(table, POLICY_SCHEMA, builder.file, prefix=f"{path}.")
    base_name = table.get("extends")
    if base_name is not None and (base_name not in built or built[base_name].extends is not None):
        raise builder.fail(
            f'extends "{base_name}", which is not a policy without "extends".', f"{path}.extends"
        )
    rules = []
    covered: dict[tuple[str, bool | None], int] = {}
    for index, rule in enumerate(table["rules"]):
        rule_path = f"{path}.rules[{index}]"
        _known_settings(rule["settings"], settings, builder, f"{rule_path}.settings")
        for setting in rule["settings"]:
            covered_key = (setting, rule.get("rtta_referred"))
            if covered_key in covered:
                raise builder.fail(f'setting "{setting}" has two rules.', rule_path)
            covered[covered_key] = index
        rules.append(
            FundingRule(
                settings=tuple(rule["settings"]),
                rtta_referred=rule.get("rtta_referred"),
                verdict=cast(FundingStatus, rule["verdict"]),  # checked against VERDICTS
                reason_code=rule["reason_code"],
                reason=rule["reason"],
                sources=builder.resolve(rule["sources"], rule_path),
            )
        )
    if base_name is not None:
        overridden = {setting for setting, _ in covered}
        for base_rule in built[base_name].rules:
            kept = tuple(s for s in base_rule.settings if s not in overridden)
            if kept:
                rules.append(base_rule._replace(settings=kept))
                covered.update({(s, base_rule.rtta_referred): -1 for s in kept})
    covered_settings = {setting for setting, _ in covered}
    missing = [s for s in settings if s not in covered_settings]
    if missing:
        raise builder.fail(f"has no rule for: {', '.join(missing)}.", path)
    return Policy(**builder.dated(table, path), id=key, rules=tuple(rules), extends=base_name)


def _cohort(
    builder: _Builder, index: int, table: Mapping[str, Any], policies: Mapping[str, Policy]
) -> Cohort:
    path = f"cohorts[{index}]"
    policy = table.get("policy")
    if table["funding"] == "funded" and policy not in policies:
        raise builder.fail(f"a funded cohort needs a policy; known: {', '.join(policies)}.", f"{path}.policy")
    return build(Cohort, table, builder.dated(table, path, "label"))  # type: ignore[no-any-return]


def _route(builder: _Builder, index: int, table: Mapping[str, Any], settings: Mapping[str, Setting]) -> Route:
    path = f"routes[{index}]"
    for key in ("requires", "requires_any"):
        names = table.get(key, {}).get("setting_in", [])
        _known_settings(names, settings, builder, f"{path}.{key}.setting_in")
    durations = tuple(
        _duration(builder, table["label"], duration, f"{path}.durations[{index}]")
        for index, duration in enumerate(table.get("durations", []))
    )
    dated = builder.dated(table, path, "label")
    requires = {key: table.get(key, {}) for key in ("requires", "requires_any")}
    return build(Route, table, dated, durations=durations, **requires)  # type: ignore[no-any-return]


def _duration(builder: _Builder, label: str, table: Mapping[str, Any], path: str) -> Duration:
    if table["months_min"] > table["months_max"]:
        raise builder.fail("months_min is greater than months_max.", path)
    return Duration(
        **builder.dated({**table, "title": label}, path),
        months_min=table["months_min"],
        months_max=table["months_max"],
    )
