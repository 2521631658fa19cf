"""A roster's header row: found below any title rows, and each header matched to a column by
its key or an alias in data/columns.toml, ignoring case, spaces and punctuation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from senco_cli.errors import InputError
from senco_cli.profile.model import KEY_PATHS, SCHOOL_COLUMNS, header_key
from senco_cli.roster.csv_records import Record
from senco_cli.schema import suggestion

COLUMNS = tuple(KEY_PATHS.values())
TITLE_ROWS = 10  # rows above the header (a title, a date, a blank line) looked through


class Header(NamedTuple):
    """How the header row was understood."""

    columns: list[str | None]
    headers: list[str]
    ignored: list[str]  # headers left out with --ignore-unknown (blank ones too)
    title_rows: int  # rows above it that were skipped

    def explained(self) -> str | None:
        """One line saying how each header was read, or None when every header is a key."""
        pairs = [f'"{h}" as {c}' for h, c in zip(self.headers, self.columns, strict=True) if c and h != c]
        if not pairs and not self.ignored:
            return None
        parts = ["read columns: " + ", ".join(pairs)] if pairs else []
        if self.ignored:
            parts.append("left out: " + ", ".join(f'"{h}"' for h in self.ignored))
        return "; ".join(parts) + "."


def default_names() -> dict[str, tuple[str, ...]]:
    """Headers without data/columns.toml: the dotted keys only."""
    return {column: (column,) for column in (*COLUMNS, *SCHOOL_COLUMNS)}


Names = Mapping[str, tuple[str, ...]]  # each column and the headers that mean it


def header_lookup(names: Names) -> dict[str, str]:
    return {header_key(name): column for column, aliases in names.items() for name in aliases}


def read_header(
    cells: Sequence[str],
    file: str,
    names: Names | None = None,
    ignore_unknown: bool = False,
    title_rows: int = 0,
) -> Header:
    """Each header matched, ignoring case, spaces and punctuation, to a column by its key or
    an alias in data/columns.toml; an unknown header is an error unless ignore_unknown."""
    names = names or default_names()
    lookup = header_lookup(names)
    headers = [cell.strip() for cell in cells]
    if not any(headers):
        raise InputError("has no header row: the first row names the columns.", file=file, code="bad_header")
    columns = [lookup.get(header_key(header)) if header else None for header in headers]
    unknown = [h for h, c in zip(headers, columns, strict=True) if h and c is None]
    if unknown and not ignore_unknown:
        every = [name for aliases in names.values() for name in aliases]
        hints = "".join(suggestion(h, every) for h in unknown)
        raise InputError(
            f"unknown {'column' if len(unknown) == 1 else 'columns'}: {', '.join(unknown)}. Columns are named by profile key (school.setting) "
            f"or a usual header (School type); senco audit --template shows them, and --ignore-unknown "
            f"leaves other columns out.{hints}",
            file=file,
            code="bad_header",
        )
    found = [c for c in columns if c]
    repeated = sorted({c for c in found if found.count(c) > 1})
    if repeated:
        twice = [
            f"{c} ({', '.join(h for h, k in zip(headers, columns, strict=True) if k == c)})" for c in repeated
        ]
        raise InputError(
            f"{'a column appears' if len(twice) == 1 else 'columns appear'} twice: {'; '.join(twice)}.",
            file=file,
            code="bad_header",
        )
    if not found:
        raise InputError("has no column senco knows in its header row.", file=file, code="bad_header")
    ignored = [
        h or f"(column {n} has no header)"
        for n, (h, c) in enumerate(zip(headers, columns, strict=True), 1)
        if c is None
    ]
    return Header(columns, headers, ignored, title_rows)


def looks_like_header(cells: Sequence[str], lookup: dict[str, str]) -> bool:
    """Two or more cells are known headers, or every filled cell is."""
    filled = [cell for cell in cells if cell.strip()]
    known = sum(header_key(cell) in lookup for cell in filled)
    return known >= 2 or (known >= 1 and known == len(filled))


def find_header(
    records: Iterator[Record], file: str, names: Names | None, ignore_unknown: bool
) -> tuple[Header, Iterator[Record]]:
    """The header row: the first row of known headers within the first TITLE_ROWS filled rows
    (a title or a date above it is skipped), else the first filled row."""
    lookup = header_lookup(names or default_names())
    looked: list[Record] = []
    for record in records:
        filled = any(cell.strip() for cell in record.cells)
        if not record.problem and not filled:
            continue
        if not record.problem and looks_like_header(record.cells, lookup):
            return read_header(record.cells, file, names, ignore_unknown, len(looked)), records
        looked.append(record)
        if len(looked) >= TITLE_ROWS:
            break
    if not looked:
        raise InputError("is empty: the first row names the columns.", file=file, code="bad_header")
    first = looked[0]
    if first.problem:
        raise InputError(
            f"has a header row that is not readable CSV: {first.problem}", file=file, code="bad_header"
        )
    header = read_header(first.cells, file, names, ignore_unknown)
    return header, _chain(looked[1:], records)


def _chain(first: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from first
    yield from rest
