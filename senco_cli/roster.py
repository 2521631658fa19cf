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
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple

from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.profile import KEY_PATHS, SECTIONS, Profile, check_dates, profile_from_answers
from senco_cli.schema import Field, problem_with, suggestion

COLUMNS = tuple(KEY_PATHS.values())
# Each column's answer key and field: "school.setting" -> ("setting", Field(...)).
PLACES = {f"{section}.{key}": (key, spec) for section, keys in SECTIONS.items() for key, spec in keys.items()}
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


class Sheet(NamedTuple):
    """What every row of a roster is read against."""

    file: str
    columns: list[str]
    cohort_ids: tuple[str, ...]
    as_of: Any


class Row(NamedTuple):
    number: int  # the row's line in the spreadsheet: the header is row 1
    cells: list[str]
    profile: Profile | None
    error: InputError | None


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
    from senco_cli.inputs import is_stdin, read_bytes

    file = str(path)
    if is_stdin(path):
        data = read_bytes(path)
        if b"\x00" in data[:4096]:
            raise InputError("is not CSV text.", file=file, code="unreadable")
        try:
            text = data.decode("utf-8-sig")
            warning = None
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warning = _cp1252_warning(file)
        return io.StringIO(text, newline=""), warning, len(data)
    read_bytes(path, 0, "CSV file")  # a regular file that can be read, or a clear error
    try:
        size = path.stat().st_size
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


def read_header(header: Sequence[str], file: str) -> list[str]:
    columns = [cell.strip() for cell in header]
    if not any(columns):
        raise InputError("has no header row: the first row names the columns.", file=file, code="bad_header")
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        hints = "".join(suggestion(c, COLUMNS) for c in unknown)
        raise InputError(
            f"unknown column(s): {', '.join(unknown)}. Columns are the profile's dotted keys, "
            f"such as school.setting (senco audit --template prints them all).{hints}",
            file=file,
            code="bad_header",
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise InputError(f"column(s) appear twice: {', '.join(repeated)}.", file=file, code="bad_header")
    return columns


def read_sheet(
    text: IO[str], file: str, cohort_ids: Sequence[str], as_of: Any
) -> tuple[Sheet, Iterator[tuple[int, list[str] | None]]]:
    """The sheet's header, and its rows as (row number, cells); cells None where the CSV breaks."""
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("is empty: the first row names the columns.", file=file, code="bad_header") from None
    except csv.Error as error:
        raise InputError(f"is not readable CSV: {error}.", file=file, code="unreadable") from None
    sheet = Sheet(file, read_header(header, file), tuple(cohort_ids), as_of)

    def rows() -> Iterator[tuple[int, list[str] | None]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if any(cell and not cell.isspace() for cell in cells):
                    yield number, cells
        except csv.Error:
            yield number + 1, None

    return sheet, rows()


def to_row(number: int, cells: list[str] | None, sheet: Sheet) -> Row:
    """One row as a profile, or the first problem in it, naming the row and the column."""
    where = f"row {number}"
    columns = sheet.columns
    try:
        if cells is None:
            raise InputError("is not readable CSV (a quote may be unbalanced); rows after it were not read.")
        if len(cells) > len(columns):
            raise InputError(f"has {len(cells)} cells but the header names {len(columns)} columns.")
        answers: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=False):
            if cell and not cell.isspace():
                answers[PLACES[column][0]] = read_column_cell(cell.strip(), column)
        profile = profile_from_answers(answers, where, sheet.cohort_ids)
        check_dates(profile, sheet.as_of, where)
    except InputError as error:
        column = error.path if error.path in PLACES else ""
        failure = InputError(error.message, path=column, file=f"{sheet.file}: {where}", code=error.code)
        return Row(number, cells or [], None, failure)
    return Row(number, cells, profile, None)


@lru_cache(maxsize=65536)
def read_column_cell(text: str, column: str) -> Any:
    """read_cell, remembered: a roster repeats the same few answers thousands of times."""
    return read_cell(text, PLACES[column][1], column)


def read_cell(text: str, spec: Field, column: str) -> Any:
    """A spreadsheet cell as the value its column takes; InputError naming the column if not."""
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
    if spec.choices:
        # Spreadsheets capitalise: "Passed" and "Academy" mean the allowed values.
        lowered = text.lower()
        return lowered if lowered in spec.choices else text
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
