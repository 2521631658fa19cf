"""A trust's or local authority's list of schools (`senco audit --schools`), as GIAS
downloads it (CSV or a workbook), read with the roster's header rules: each open school,
with whether regulation 49 binds it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from senco_cli.audit.schools import ListedSchool
from senco_cli.errors import InputError
from senco_cli.profile.model import Profile, header_key
from senco_cli.roster.sheet import open_sheet, school_number, to_row
from senco_cli.rules.model import Rules
from senco_cli.text import shown

CLOSED = "closed"  # GIAS EstablishmentStatus (name) of a school that is shut


def read_school_list(
    path: Path,
    rules: Rules,
    as_of: dt.date,
    names: Mapping[str, tuple[str, ...]],
    concepts: Sequence[str],
    *,
    ignore_unknown: bool = False,
) -> tuple[ListedSchool, ...]:
    """Every open school on the list, in its order. A school is bound by regulation 49
    (SEND Regulations 2014, reg 2's "relevant school") when its setting is statutory in
    data/settings.toml and it is in England; None when its GIAS type alone does not say.
    Closed schools (EstablishmentStatus "Closed") are left out. Raises InputError naming
    the file when it names no school (no URN, LAESTAB or name column)."""
    file = str(path)
    listed: list[ListedSchool] = []
    opening = open_sheet(
        path, rules.vocabulary(), as_of, None, names, ignore_unknown=ignore_unknown, concepts=tuple(concepts)
    )
    with opening as (sheet, rows, _size, _warnings, _text):
        if not {"school.urn", "school.laestab", "school.name", "school.la_code"} & set(sheet.columns):
            raise InputError(
                "names no school: a list of schools needs a URN, LAESTAB or EstablishmentName column.",
                path="--schools",
                file=file,
                code="bad_header",
            )
        for record in rows:
            row = to_row(record, sheet)
            school = {
                column: " ".join(cell.split())
                for column, cell in zip(sheet.columns, record.cells, strict=False)
                if column and cell.strip()
            }
            if header_key(school.get("school.establishment_status", "")) == CLOSED:
                continue
            if not (row.urn or row.school or row.laestab):
                continue
            listed.append(
                ListedSchool(  # its name and URN shown as the roster's are (audit/rows.py)
                    name=shown(row.school or f"URN {row.urn}") or "",
                    urn=shown(row.urn),
                    laestab=row.laestab or school_number(school),
                    statutory=_statutory(row.profile, rules),
                )
            )
    if not listed:
        raise InputError("lists no open school.", path="--schools", file=file, code="empty")
    return tuple(listed)


def _statutory(profile: Profile | None, rules: Rules) -> bool | None:
    if profile is None:
        return None
    if profile.in_england is False:
        return False
    found = rules.settings.get(profile.setting or "")
    return None if found is None else found.statutory
