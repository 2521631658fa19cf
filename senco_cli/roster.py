"""Read a roster spreadsheet (CSV) as people save them: one profile per row.

Columns are the profile's dotted keys. Cells are read as typed in spreadsheets: yes/no,
true/false, y/n or 1/0 in any case; dates as 2025-09-01 or UK day/month/year; blank means
unanswered. Files from Excel (UTF-8 with a byte-order mark, CRLF line ends, Windows-1252)
are read too; the last with a warning.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple

from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.profile import (
    KEY_PATHS,
    SCHOOL_COLUMNS,
    SECTIONS,
    Profile,
    Vocabulary,
    check_dates,
    header_key,
    profile_from_answers,
)
from senco_cli.schema import Field, problem_with, suggestion

COLUMNS = tuple(KEY_PATHS.values())
# Each column's answer key and field: "school.setting" -> ("setting", Field(...)).
PLACES = {f"{section}.{key}": (key, spec) for section, keys in SECTIONS.items() for key, spec in keys.items()}
LOWER_CASE_IDS = ("school.setting",)  # checked against the rules' ids, which are lower case
TRUE_WORDS = {"yes", "true", "y", "1"}
FALSE_WORDS = {"no", "false", "n", "0"}
TEMPLATE_ROW = {
    "you.name": "Sam Patel",
    "you.has_trn": "yes",
    "you.trn": "1234567",
    "qualifications.qts": "yes",
    "qualifications.induction": "passed",
    "senco_training.npq": "none",
    "senco_training.npq_funded_before": "no",
    "senco_training.nasenco": "none",
    "role.senco": "yes",
    "role.senco_since": "01/09/2025",
    "role.previous_senco_months": "0",
    "role.head_teacher": "no",
    "role.teaches_at_school": "yes",
    "school.setting": "academy",
    "school.in_england": "yes",
    "school.supports_npq": "yes",
}


MAX_CELL = 2_000  # characters: longer is a quote that swallowed the rows after it


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


class Sheet(NamedTuple):
    """What every row of a roster is read against."""

    file: str
    columns: list[str | None]  # each column's key; None for a column left out (--ignore-unknown)
    known: Vocabulary
    as_of: Any
    cohort: str | None = None  # --cohort: judged for rows that name none
    headers: list[str] | None = None  # the headers as the file has them (default: the keys)
    header: Header | None = None  # how the header row was read

    def header_row(self) -> list[str]:
        return self.headers if self.headers is not None else [c or "" for c in self.columns]


class Record(NamedTuple):
    """One record as read: its first line's number, its cells, and what broke it (if anything)."""

    number: int  # the row's line in the spreadsheet: the header is row 1
    cells: list[str]
    problem: str | None = None
    lines: int = 1  # physical lines it took


class Row(NamedTuple):
    number: int
    cells: list[str]
    profile: Profile | None  # from the cells that could be read
    error: InputError | None  # the first problem, if any
    school: str | None = None  # school.name
    urn: str | None = None  # school.urn
    note: str | None = None  # why an answer was left open (a GIAS type that does not decide the setting)


def template() -> str:
    """A header row and one example row, to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = list(TEMPLATE_ROW) + [c for c in COLUMNS if c not in TEMPLATE_ROW]
    writer.writerow(columns)
    writer.writerow([TEMPLATE_ROW.get(column, "") for column in columns])
    return out.getvalue()


def open_roster(path: Path) -> tuple[IO[str], str | None, int]:
    """The file (or `-`, standard input) as a text stream, a warning when it had to be read
    as Windows-1252, and its size in bytes.

    A file is checked for UTF-8 in chunks first, so neither pass holds it all; standard
    input is read into memory once.
    """
    from senco_cli.inputs import is_stdin, read_bytes, require_regular_file

    file = str(path)
    if is_stdin(path):
        data = read_bytes(path)
        if b"\x00" in data[:4096]:
            raise InputError(
                "is not CSV text: give a workbook (.xlsx, .xls, .ods) by its file name.",
                file=file,
                code="unreadable",
            )
        try:
            text = data.decode("utf-8-sig")
            warning = None
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warning = _cp1252_warning(file)
        return io.StringIO(text, newline=""), warning, len(data)
    size = require_regular_file(path, "CSV file")
    try:
        with path.open("rb") as raw:
            if b"\x00" in raw.read(4096):
                raise InputError("is not a CSV text file.", file=file, code="unreadable")
            raw.seek(0)
            encoding, warning = "utf-8-sig", None
            decoder = codecs.getincrementaldecoder("utf-8")()
            try:
                for chunk in iter(lambda: raw.read(1 << 16), b""):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                encoding = "cp1252"
                warning = _cp1252_warning(file)
        return path.open(encoding=encoding, errors="replace", newline=""), warning, size
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}.", file=file, code="unreadable") from None


def _cp1252_warning(file: str) -> str:
    from senco_cli.text import plain

    return f"{plain(file)} is not UTF-8: read it as Windows-1252, as Excel saves it. Check names look right."


def default_names() -> dict[str, tuple[str, ...]]:
    """Headers without data/columns.toml: the dotted keys only."""
    return {column: (column,) for column in (*COLUMNS, *SCHOOL_COLUMNS)}


def header_lookup(names: dict[str, tuple[str, ...]] | Any) -> dict[str, str]:
    return {header_key(name): column for column, aliases in names.items() for name in aliases}


def read_header(
    cells: Sequence[str], file: str, names: Any = None, ignore_unknown: bool = False, title_rows: int = 0
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
            f"unknown column(s): {', '.join(unknown)}. Columns are named by profile key (school.setting) "
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
        raise InputError(f"column(s) appear twice: {'; '.join(twice)}.", file=file, code="bad_header")
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


class _Lines:
    """The physical lines of the file, numbered, with a way to read some of them again."""

    def __init__(self, text: IO[str]) -> None:
        self.source = iter(text)
        self.again: list[tuple[int, str]] = []  # to be read again, in reverse order
        self.taken: list[tuple[int, str]] = []  # lines of the record being read
        self.number = 0
        self.filled = 0  # lines with something on them

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.again:
            line = self.again.pop()
        else:
            line = (self.number + 1, next(self.source))
            self.number += 1
            self.filled += bool(line[1].strip())
        self.taken.append(line)
        return line[1]

    def read_again(self, lines: list[tuple[int, str]]) -> None:
        self.again.extend(reversed(lines))


class RecordReader:
    """Every record, never letting one quote swallow the rows after it.

    Quotes are read strictly. A record that breaks (a quote never closed, text after a
    closing quote, a cell past MAX_CELL characters, more cells than columns over several
    lines) is reported on the line where it began, and the lines after that one are read
    again as rows of their own. A well-formed cell that runs across lines stays one record,
    reported, so that nobody is missed silently.
    """

    def __init__(self, text: IO[str]) -> None:
        csv.field_size_limit(MAX_CELL)
        self.lines = _Lines(text)
        self.columns: int | None = None  # known once the header is read
        self.records = self._read()

    def __iter__(self) -> Iterator[Record]:
        return self.records

    @property
    def data_lines(self) -> int:
        """Lines read so far with something on them, the header aside."""
        return max(self.lines.filled - 1, 0)

    def _read(self) -> Iterator[Record]:
        lines = self.lines
        while True:
            reader = csv.reader(lines, strict=True)
            try:
                for cells in reader:
                    taken, lines.taken = lines.taken, []
                    first = taken[0][0]
                    if len(taken) > 1 and self.columns is not None and len(cells) > self.columns:
                        lines.read_again(taken[1:])
                        yield Record(first, [], _swallowed(first), 1)
                        break
                    problem = None
                    if len(taken) > 1:
                        problem = (
                            f"a cell runs across lines {first} to {taken[-1][0]}: put each person on one "
                            "line (a quote may be unbalanced)."
                        )
                    yield Record(first, cells, problem, len(taken))
                else:
                    return
            except csv.Error:
                taken, lines.taken = lines.taken, []
                if not taken:
                    return
                lines.read_again(taken[1:])
                yield Record(taken[0][0], [], _swallowed(taken[0][0]), 1)


def _swallowed(number: int) -> str:
    return (
        f"a quote opened in row {number} is not closed properly (or a cell is over {MAX_CELL:,} "
        "characters): correct this row; the rows after it were read on their own."
    )


class SheetRows:
    """The records under the header, blank rows left out; `data_lines` once read."""

    def __init__(self, records: Iterator[Record], data_lines: Callable[[], int]) -> None:
        self.records = records
        self.data_lines = data_lines

    def __iter__(self) -> Iterator[Record]:
        for record in self.records:
            broken = record.problem is not None and not record.cells
            if broken or any(cell and not cell.isspace() for cell in record.cells):
                yield record


def read_sheet(
    text: IO[str],
    file: str,
    known: Vocabulary,
    as_of: Any,
    cohort: str | None = None,
    *,
    names: Any = None,
    ignore_unknown: bool = False,
) -> tuple[Sheet, SheetRows]:
    """A CSV sheet's header, and its non-blank records."""
    reader = RecordReader(text)
    header, records = find_header(iter(reader), file, names, ignore_unknown)
    reader.columns = len(header.columns)
    return sheet_for(header, file, known, as_of, cohort), SheetRows(
        records, lambda: reader.data_lines - header.title_rows
    )


def sheet_for(header: Header, file: str, known: Vocabulary, as_of: Any, cohort: str | None) -> Sheet:
    return Sheet(file, header.columns, known, as_of, cohort, header.headers, header)


def find_header(
    records: Iterator[Record], file: str, names: Any, ignore_unknown: bool
) -> tuple[Header, Iterator[Record]]:
    """The header row: the first row of known headers within the first TITLE_ROWS filled rows
    (a title or a date above it is skipped), else the first filled row."""
    lookup = header_lookup(names or default_names())
    looked: list[Record] = []
    for record in records:
        if record.problem:
            if not looked:
                raise InputError(
                    f"has a header row that is not readable CSV: {record.problem}",
                    file=file,
                    code="bad_header",
                )
            break
        if not any(cell.strip() for cell in record.cells):
            continue
        if looks_like_header(record.cells, lookup):
            return read_header(record.cells, file, names, ignore_unknown, len(looked)), records
        looked.append(record)
        if len(looked) >= TITLE_ROWS:
            break
    if not looked:
        raise InputError("is empty: the first row names the columns.", file=file, code="bad_header")
    first = looked[0]
    header = read_header(first.cells, file, names, ignore_unknown)
    return header, _chain(looked[1:], records)


def _chain(first: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from first
    yield from rest


def to_row(record: Record, sheet: Sheet) -> Row:
    """One row as a profile from every cell that can be read, and the first problem found."""
    where = f"row {record.number}"
    columns = sheet.columns
    problems: list[InputError] = []
    if record.problem:
        problems.append(InputError(record.problem))
    cells = record.cells
    if len(cells) > len(columns):
        problems.append(InputError(f"has {len(cells)} cells but the header names {len(columns)} columns."))
    answers: dict[str, Any] = {}
    school: dict[str, str] = {}
    note = None
    for column, cell in zip(columns, cells, strict=False):
        if column is None or not cell or cell.isspace():
            continue
        if column in SCHOOL_COLUMNS:
            school[column] = " ".join(cell.split())
            continue
        try:
            answers[PLACES[column][0]] = read_column_cell(cell.strip(), column)
        except InputError as error:
            problems.append(error)
    setting = answers.get("setting")
    if setting is not None and setting not in sheet.known.settings:
        meaning = sheet.known.setting_names.get(header_key(setting))
        if meaning is not None:  # a GIAS type, by name or code, or a setting's label
            answers["setting"], decided_by = meaning
            if answers["setting"] is None:
                del answers["setting"]
                note = f'school.setting "{setting}": {decided_by}'
    if "npq_cohort" not in answers and sheet.cohort is not None:
        answers["npq_cohort"] = sheet.cohort
    profile = None
    if not record.problem:
        while True:
            try:
                profile = profile_from_answers(dict(answers), where, sheet.known)
                check_dates(profile, sheet.as_of, where)
                break
            except InputError as error:
                problems.append(error)
                key = next((k for k in answers if KEY_PATHS.get(k) == error.path), None)
                if key is None:
                    profile = None
                    break
                del answers[key]  # judge the rest without the answer in question
    school_name, urn = school.get("school.name"), school.get("school.urn")
    if not problems:
        return Row(record.number, cells, profile, None, school_name, urn, note)
    first = problems[0]
    column = first.path if first.path in PLACES else ""
    failure = InputError(first.message, path=column, file=f"{sheet.file}: {where}", code=first.code)
    return Row(record.number, cells, profile, failure, school_name, urn, note)


@lru_cache(maxsize=65536)
def read_column_cell(text: str, column: str) -> Any:
    """read_cell, remembered: a roster repeats the same few answers thousands of times."""
    return read_cell(text, PLACES[column][1], column)


TRN_AS_NUMBER = re.compile(r"^(\d{6,7})(\.0+)?$|^(\d{1,7})\.0+$")


def read_cell(text: str, spec: Field, column: str) -> Any:
    """A spreadsheet cell as the value its column takes; InputError naming the column if not."""
    if column == "you.trn":
        # Spreadsheets store a TRN as a number: 1234567.0, or 123456 for 0123456.
        number = TRN_AS_NUMBER.match(text.replace(" ", ""))
        if number:
            text = (number.group(1) or number.group(3)).zfill(7)
    value = _convert_cell(text, spec, column)
    problem = problem_with(value, spec)
    if problem is not None:
        raise InputError(problem[0], path=column, code=problem[1])
    return value


def _convert_cell(text: str, spec: Field, column: str) -> Any:
    if spec.kind == "bool":
        word = text.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise InputError(f'"{text}" is not yes or no (yes/no, true/false, y/n or 1/0).', path=column)
    if spec.kind == "date":
        try:
            return parse_date(text)
        except ValueError:
            raise InputError(
                f'"{text}" is not a date: use 2025-09-01 or 01/09/2025 (day/month/year).', path=column
            ) from None
    if spec.choices or column in LOWER_CASE_IDS:
        # Spreadsheets capitalise: "Passed" and "Academy" mean the allowed values.
        lowered = text.lower()
        return lowered if lowered in spec.choices or column in LOWER_CASE_IDS else text
    if spec.kind in ("int", "number"):
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise InputError(f'"{text}" is not a number.', path=column) from None
        if spec.kind == "int":
            if not number.is_integer():
                raise InputError(f'"{text}" is not a whole number.', path=column)
            return int(number)
        return number
    return text
