"""CSV as spreadsheets save it, read into records: UTF-8 with or without a byte-order mark,
UTF-16 with one (Excel's "Unicode Text"), or Windows-1252 (with a warning); cells separated
by commas, or by semicolons or tabs as Excel saves CSV in locales that write a decimal
comma; quotes read strictly, so that one stray quote never swallows the rows after it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from senco_cli.errors import InputError
from senco_cli.records import NamedTuple

MAX_CELL = 2_000  # characters: longer is a quote that swallowed the rows after it
SEPARATORS = (",", "\t", ";")
PEEK_LINES = 50  # lines looked at, at most, for the header's separator


class Record(NamedTuple):
    """One record as read: its first line's number, its cells, and what broke it (if anything)."""

    number: int  # the row's line in the spreadsheet: the header is row 1
    cells: list[str]
    problem: str | None = None
    lines: int = 1  # physical lines it took
    note: str | None = None  # how it was read (rows of one person joined, say)
    flaws: tuple[tuple[int, str], ...] = ()  # workbook cells (by column, from 0) read as blank: why
    # One person's rows that disagree: what to correct, and the cells they disagree in (by
    # column, from 0). Unlike `problem`, the rest of the row is judged; those cells are
    # judged as blank, and written back as the row has them.
    disputed: str | None = None
    unread: tuple[int, ...] = ()
    person: Record | None = None  # a row joined into another's person (people.py): that person's record


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
        if data.startswith(UTF16_MARKS):
            return io.StringIO(_utf16(data, file), newline=""), None, len(data)
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
            start = raw.read(4096)
            if start.startswith(UTF16_MARKS):
                raw.seek(0)
                return io.StringIO(_utf16(raw.read(), file), newline=""), None, size
            if b"\x00" in start:
                raise InputError(
                    "is not a CSV text file: it holds binary data. Give a workbook (.xlsx, .xls, .ods) "
                    "by its own file name, or save the sheet as CSV.",
                    file=file,
                    code="unreadable",
                )
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


UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # Excel's "Unicode Text" starts with one


def _utf16(data: bytes, file: str) -> str:
    """A UTF-16 file with its byte-order mark, as text (the file is held in memory: UTF-16
    text is read whole, as standard input is)."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputError(
            "starts as UTF-16 text but is not: save the sheet as CSV UTF-8.", file=file, code="unreadable"
        ) from None


def _cp1252_warning(file: str) -> str:
    from senco_cli.text import plain

    return f"{plain(file)} is not UTF-8: read it as Windows-1252, as Excel saves it. Check names look right."


class _Lines:
    """The physical lines of the file, numbered, with a way to read some of them again."""

    def __init__(self, text: IO[str]) -> None:
        self.source = iter(text)
        self.again: list[tuple[int, str]] = []  # to be read again, in reverse order
        self.taken: list[tuple[int, str]] = []  # lines of the record being read
        self.number = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.again:
            line = self.again.pop()
        else:
            line = (self.number + 1, next(self.source))
            self.number += 1
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
        self.filled = 0  # lines read with something in a cell (a line of separators alone is blank)
        self.separator = self._separator()
        self.records = self._read()

    def _separator(self) -> str:
        """The cells' separator: comma, tab or semicolon, whichever the header holds most of (a
        comma where they tie). The header is taken as the first line holding two or more of
        one of them: a title above it rarely holds more than one ("Oakfield; SENCOs"). With
        no such line in the first PEEK_LINES, the first line holding any; else a comma."""
        found: tuple[int, bool, str] | None = None
        for line in self.lines:
            most = max((line.count(mark), mark == ",", mark) for mark in SEPARATORS)
            if most[0] >= 2:
                found = most
                break
            if most[0] and found is None:
                found = most
            if len(self.lines.taken) >= PEEK_LINES:
                break
        peeked, self.lines.taken = self.lines.taken, []
        self.lines.read_again(peeked)
        return found[2] if found is not None else ","

    def __iter__(self) -> Iterator[Record]:
        return self.records

    @property
    def data_lines(self) -> int:
        """Lines read so far with something in a cell, the header aside: a line of separators
        or spaces alone is blank; each line of a cell that runs across lines counts."""
        return max(self.filled - 1, 0)

    def _read(self) -> Iterator[Record]:
        lines = self.lines
        while True:
            reader = csv.reader(lines, strict=True, delimiter=self.separator)
            try:
                for cells in reader:
                    taken, lines.taken = lines.taken, []
                    first = taken[0][0]
                    if len(taken) > 1 and self.columns is not None and len(cells) > self.columns:
                        lines.read_again(taken[1:])
                        self.filled += 1
                        yield Record(first, [], _swallowed(first), 1)
                        break
                    if any(cell.strip() for cell in cells):
                        self.filled += sum(1 for _, line in taken if line.strip())
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
                self.filled += 1
                yield Record(taken[0][0], [], _swallowed(taken[0][0]), 1)


def _swallowed(number: int) -> str:
    return (
        f"a quote opened in row {number} is not closed properly (or a cell is over {MAX_CELL:,} "
        "characters): correct this row; the rows after it were read on their own."
    )
