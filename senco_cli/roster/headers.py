"""A roster's header row: found below any title rows, and each header matched to a column by
its key or an alias in data/columns.toml, ignoring case, spaces and punctuation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from senco_cli.errors import InputError
from senco_cli.profile.model import KEY_PATHS, PRIVATE, READ_PAST, RESULTS, ROSTER_COLUMNS, header_key
from senco_cli.records import NamedTuple
from senco_cli.roster.csv_records import Record
from senco_cli.text import mask_numbers

COLUMNS = tuple(KEY_PATHS.values())
TITLE_ROWS = 10  # rows above the header (a title, a date, a blank line) looked through
UNKNOWN_LISTED = 8  # unknown headers named in the error; the rest are counted


class Header(NamedTuple):
    """How the header row was understood."""

    columns: list[str | None]
    headers: list[str]  # as written, but for a TRN in one, masked (text.mask_numbers)
    ignored: list[str]  # headers left out with --ignore-unknown (blank ones too)
    title_rows: int  # rows above it that were skipped
    private: tuple[int, ...] = ()  # positions in the file of columns never written out (left out here)
    read_past: int = 0  # known headers not needed (GIAS's other columns, say)
    results: int = 0  # of the columns left out: senco's results from an earlier run

    def explained(self) -> str | None:
        """One line saying how each header was read, or None when every header is a key."""
        pairs = [f'"{h}" as {c}' for h, c in zip(self.headers, self.columns, strict=True) if c and h != c]
        if not pairs and not self.ignored and not self.private:
            return None
        parts = ["read columns: " + ", ".join(pairs)] if pairs else []
        if self.ignored:
            parts.append("left out: " + ", ".join(f'"{h}"' for h in self.ignored))
        if len(self.private) > self.results:
            parts.append(
                f"{len(self.private) - self.results} private column(s) (a date of birth, say) read past and never "
                "written out"
            )
        if self.results:
            parts.append(
                f"{self.results} result column(s) of an earlier senco audit left out: this run judges afresh"
            )
        return "; ".join(parts) + "."


def default_names() -> dict[str, tuple[str, ...]]:
    """Headers without data/columns.toml: the dotted keys only."""
    return {column: (column,) for column in (*COLUMNS, *ROSTER_COLUMNS)}


Names = Mapping[str, tuple[str, ...]]  # each column and the headers that mean it


def header_lookup(names: Names) -> dict[str, str]:
    return {header_key(name): column for column, aliases in names.items() for name in aliases}


def read_header(
    cells: Sequence[str],
    file: str,
    names: Names | None = None,
    ignore_unknown: bool = False,
    title_rows: int = 0,
    concepts: Sequence[str] = (),
) -> Header:
    """Each header matched, ignoring case, spaces and punctuation, to a column by its key or
    an alias in data/columns.toml; headers marked READ_PAST are known and not needed, and
    PRIVATE ones (and RESULTS: senco's results from an earlier run, in a roster corrected
    in the results workbook) are left out altogether. An unknown header is an error unless
    ignore_unknown. Two headers for one column are both kept: each row is checked that
    they agree (sheet.to_row)."""
    names = names or default_names()
    lookup = header_lookup(names)
    every = [header.strip() for header in cells]
    if not any(every):
        raise InputError("has no header row: the first row names the columns.", file=file, code="bad_header")
    marks = [lookup.get(header_key(header)) if header else None for header in every]
    private = tuple(n for n, mark in enumerate(marks) if mark in (PRIVATE, RESULTS))
    results = sum(mark == RESULTS for mark in marks)
    headers = [h for n, h in enumerate(every) if n not in private]
    kept = [mark for n, mark in enumerate(marks) if n not in private]
    known = {n for n, mark in enumerate(kept) if mark == READ_PAST}
    columns = [None if n in known else mark for n, mark in enumerate(kept)]
    unknown = [
        h for n, (h, c) in enumerate(zip(headers, columns, strict=True)) if h and c is None and n not in known
    ]
    if unknown and not ignore_unknown:
        raise InputError(unknown_message(unknown, names, concepts), file=file, code="bad_header")
    if not any(columns):
        raise InputError("has no column senco knows in its header row.", file=file, code="bad_header")
    headers = [mask_numbers(h) for h in headers]  # as senco shows them: a TRN in a header masked
    ignored = [
        h or f"(column {n} has no header)"
        for n, (h, c) in enumerate(zip(headers, columns, strict=True), 1)
        if c is None and n - 1 not in known
    ]
    return Header(columns, headers, ignored, title_rows, private, len(known), results)


def unknown_message(unknown: list[str], names: Names, concepts: Sequence[str]) -> str:
    """The unknown headers, the first UNKNOWN_LISTED by name, each with one suggestion at
    most (a header about the same things), and the count of the rest."""
    every = [name for column, aliases in names.items() if not column.startswith("-") for name in aliases]
    listed = []
    for header in unknown[:UNKNOWN_LISTED]:
        close = suggest(header, every, concepts)
        listed.append(header + (f' (did you mean "{close}"?)' if close else ""))
    rest = f" and {len(unknown) - UNKNOWN_LISTED} more" if len(unknown) > UNKNOWN_LISTED else ""
    return (
        f"unknown {'column' if len(unknown) == 1 else 'columns'}: {', '.join(listed)}{rest}. Columns are named "
        "by profile key "
        "(school.setting) or a usual header (School type); senco audit --template shows them, and "
        "--ignore-unknown leaves other columns out."
    )


def _concepts(header: str, concepts: Sequence[str]) -> set[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in header.casefold()).split()
    return {word for word in words if word in concepts}


def suggest(header: str, candidates: Sequence[str], concepts: Sequence[str]) -> str | None:
    """The closest known header about the same things: its concept words (data/columns.toml
    [suggest]) are among the unknown header's, and it has some when the unknown one does;
    None when no header is close."""
    import difflib  # only on the error path

    own = _concepts(header, concepts)
    fitting = [
        c
        for c in candidates
        if (_concepts(c, concepts) <= own) and (bool(_concepts(c, concepts)) == bool(own))
    ]
    close = difflib.get_close_matches(header, fitting, n=1, cutoff=0.6)
    if not close:
        lowered = {c.casefold(): c for c in fitting}
        close = [
            lowered[c] for c in difflib.get_close_matches(header.casefold(), list(lowered), n=1, cutoff=0.6)
        ]
    return close[0] if close else None


def looks_like_header(cells: Sequence[str], lookup: dict[str, str]) -> bool:
    """Two or more cells are known headers, or every filled cell is."""
    filled = [cell for cell in cells if cell.strip()]
    known = sum(header_key(cell) in lookup for cell in filled)
    return known >= 2 or (known >= 1 and known == len(filled))


def find_header(
    records: Iterator[Record],
    file: str,
    names: Names | None,
    ignore_unknown: bool,
    concepts: Sequence[str] = (),
) -> tuple[Header, Iterator[Record]]:
    """The header row: the first row of known headers within the first TITLE_ROWS filled rows
    (a title or a date above it is skipped), else the first filled row. The records after
    it come without the private columns' cells."""
    header, rest = _find_header(records, file, names, ignore_unknown, concepts)
    return header, (without(rest, header.private) if header.private else rest)


def without(records: Iterator[Record], private: tuple[int, ...]) -> Iterator[Record]:
    """Each record with the private columns' cells left out, never held."""
    for record in records:
        yield record._replace(cells=[cell for n, cell in enumerate(record.cells) if n not in private])


def _find_header(
    records: Iterator[Record], file: str, names: Names | None, ignore_unknown: bool, concepts: Sequence[str]
) -> tuple[Header, Iterator[Record]]:
    lookup = header_lookup(names or default_names())
    looked: list[Record] = []
    for record in records:
        filled = any(cell.strip() for cell in record.cells)
        if not record.problem and not filled:
            continue
        if not record.problem and looks_like_header(record.cells, lookup):
            return read_header(record.cells, file, names, ignore_unknown, len(looked), concepts), records
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
    header = read_header(first.cells, file, names, ignore_unknown, concepts=concepts)
    return header, _chain(looked[1:], records)


def _chain(first: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from first
    yield from rest
