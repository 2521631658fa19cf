"""A workbook's size checked before anything is inflated or read into a range.

Spreadsheet readers build a dense range from the first to the last cell of a sheet, so one
stray cell at XFD1048576 costs gigabytes; and a zip part can inflate a thousandfold. So:

- the zip directory's sizes are checked first: no part past MAX_PART_BYTES, and the whole
  past MAX_TOTAL_BYTES (a "zip bomb" is refused with one line before it is inflated); then
  each part is inflated once with its bytes counted, so that a part that unpacks to more
  than the directory declares is refused too (readers trust the directory);
- an .xlsx/.xlsm sheet's cells are then scanned as a stream (its XML read in chunks) to
  find the table: its width is that of the header row and the title rows above it, and a
  run of EMPTY_RUN empty rows ends it. Cells beyond are never read (a warning names the
  first); a table still larger than MAX_CELLS is refused naming its far cell. The same scan
  finds the cells that hold an Excel error (#REF!) or a formula saved without its value,
  which readers give as blanks.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO
from xml.etree import ElementTree

from senco_cli.errors import InputError
from senco_cli.records import NamedTuple

# Limits that keep any workbook under 10 MB on disk within 5 s and 300 MB (benchmarks/
# workbook_bounds.py); a roster of 20,000 people with 30 columns is well within them, and
# CSV has none.
MAX_PART_BYTES = 96 * 1024 * 1024  # one part inflated: a 99,000-person sheet as Excel saves it is about 70 MB
MAX_TOTAL_BYTES = 192 * 1024 * 1024  # every part inflated
MAX_SMALL_PART = 4 * 1024 * 1024  # the workbook's list of sheets and its relationships
MAX_ROWS = 100_000  # rows in the table
MAX_CELLS = 1_500_000  # rows x columns of the table a reader holds at once (about 50 MB)
EMPTY_RUN = 1_000  # this many empty rows end the table
HEADER_ROWS = 11  # the header and up to ten title rows above it set the table's width
MAX_FLAWS = 100_000  # error cells remembered; more is refused
CHUNK = 1 << 20

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
ROW = re.compile(rb"<(" + _NAME + rb")row\b([^>]*?)(?:/>|>(.*?)</" + _NAME + rb"row>)", re.S)
CELL = re.compile(rb"<" + _NAME + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _NAME + rb"c>)", re.S)
ATTRIBUTE = re.compile(rb'\b(r|t)\s*=\s*"([^"]*)"')
ROW_NUMBER = re.compile(rb'\br\s*=\s*"(\d+)"')
REFERENCE = re.compile(rb"([A-Z]{1,3})(\d+)")
LAST_REFERENCE = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})\d+"')
ANY_VALUE = re.compile(rb"<v>\s*[^<\s]|<t(?:\s[^>]*)?>\s*[^<\s]")
VALUE = re.compile(rb"<" + _NAME + rb"v>(.*?)</" + _NAME + rb"v>", re.S)
FORMULA = re.compile(rb"<" + _NAME + rb"f\b")
TEXT = re.compile(rb"<" + _NAME + rb"t\b[^>]*>[^<]")
# Anything that may make a cell filled (a value, an error, a formula with no value): past the
# table's end, rows up to the first such match are passed over without being read one by one.
MAYBE_FILLED = re.compile(ANY_VALUE.pattern + rb'|t="e"|(?:</f>|<f\b[^>]*/>)\s*</c>')


class Bounds(NamedTuple):
    """What the scan found: the sheet to read (the file itself, or a copy holding only the
    table), the cells that hold errors, and a warning about cells left out."""

    source: IO[bytes] | None  # a copy to read instead of the file; None: the file as it is
    flaws: dict[tuple[int, int], str]  # (row, column) from 1 and 0 -> what is wrong with the cell
    warning: str | None


def column_letters(index: int) -> str:
    """0 -> A, 16383 -> XFD."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _column_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + byte - 64
    return index - 1


def check_archive(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse a workbook whose parts would inflate past the limits, before inflating any."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            raise InputError(
                f"has a part ({info.filename}) that unpacks to {info.file_size / 2**20:,.0f} MB "
                f"({ratio:,.0f} times its packed size): more than senco reads ({MAX_PART_BYTES // 2**20} MB). "
                "If it is a real roster, save it as CSV and audit that.",
                file=file,
                code="too_large",
            )
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            f"unpacks to {total / 2**20:,.0f} MB: more than senco reads ({MAX_TOTAL_BYTES // 2**20} MB). "
            "If it is a real roster, save it as CSV and audit that.",
            file=file,
            code="too_large",
        )
    for info in archive.infolist():
        _check_unpacked(archive, info, file)


def _check_unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> None:
    """Refuse a part that unpacks to more than the zip's directory says (a reader that trusts
    the directory's size would inflate it all): its bytes are counted as it is inflated, and
    inflating stops one byte past the size it declares."""
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1  # zipfile stops inflating a part at its file_size
    del probe.CRC  # no checksum of a size the part does not declare (calamine checks the real one)
    unpacked = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK):
                unpacked += len(chunk)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error) as error:
        raise InputError(
            f"cannot be read: its part {info.filename} is damaged or encrypted ({error}).",
            file=file,
            code="unreadable",
        ) from None
    if unpacked > info.file_size:
        raise InputError(
            f"has a part ({info.filename}) that unpacks to more than the {info.file_size:,} bytes its zip "
            "directory declares: the file is damaged or made to harm. Open it in Excel and save it again, "
            "or save it as CSV and audit that.",
            file=file,
            code="too_large",
        )


def sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The zip path of the named sheet's XML in an .xlsx, or None if it cannot be told."""
    try:
        book = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, ElementTree.ParseError):
        return None
    ids = {
        sheet.get("name"): sheet.get(R_ID)
        for sheet in book.iter(f"{MAIN}sheet")
        if sheet.get(R_ID) is not None
    }
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels.iter(f"{RELS}Relationship")}
    target = targets.get(ids.get(name))
    if not target:
        return None
    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return path if path in archive.namelist() else None


def _small_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if archive.getinfo(name).file_size > MAX_SMALL_PART:
        raise ElementTree.ParseError(f"{name} is too large")
    return ElementTree.fromstring(archive.read(name))


class _Row(NamedTuple):
    number: int  # from 1
    cells: list[tuple[int, bytes]]  # each cell's column (from 0) and its XML
    filled: list[int]  # columns with a value (or an error)
    flaws: list[tuple[int, str]]


def _rows(
    stream: IO[bytes],
    head: list[bytes],
    width: Callable[[], int],
    first: Callable[[], bool] = lambda: True,
    past: Callable[[], bool] = lambda: False,
) -> Iterator[_Row]:
    """Each row of a sheet's XML, read a chunk at a time; `head` gets the XML before the first.
    `first()`: whether the first cell right of the table holding a value is still wanted.
    `past()`: whether the table has ended, so that only a row that may hold something is
    wanted; rows before the first such row are passed over (counted, not yielded).

    A row whose cells all lie within `width()` and hold no error or formula is taken whole,
    without looking at each cell (most rows of a roster); any other row cell by cell.
    """
    buffer = stream.read(CHUNK)
    prefixed = ROW.search(buffer) is not None and b"<row" not in buffer  # <x:row>: the slow way
    number = 0
    while True:
        chunk = stream.read(CHUNK)
        buffer += chunk
        if not prefixed and head and past():
            found = MAYBE_FILLED.search(buffer)
            start = buffer.rfind(b"<row", 0, found.start() if found else len(buffer))
            if start > 0:
                skipped = buffer[:start]
                last = ROW_NUMBER.search(skipped, skipped.rfind(b"<row"))
                number = int(last.group(1)) if last else number + skipped.count(b"</row>")
                buffer = buffer[start:]
        if prefixed:
            cut = _last_row_end(buffer) if chunk else len(buffer)
            if cut < 0:
                continue
            part, buffer = buffer[:cut], buffer[cut:]
            for found in ROW.finditer(part):
                if not head:
                    head.append(part[: found.start()])
                given = ROW_NUMBER.search(found.group(2))
                number = int(given.group(1)) if given else number + 1
                yield _row(number, found.group(1), found.group(3) or b"", width(), first())
        else:
            pieces = buffer.split(b"</row>")
            buffer = pieces.pop()  # not yet closed
            for piece in pieces:
                start = piece.rfind(b"<row")
                if start < 0:
                    continue
                if not head:
                    head.append(piece[:start])
                end = piece.find(b">", start)
                given = ROW_NUMBER.search(piece, start, end)
                number = int(given.group(1)) if given else number + 1
                yield _row(number, b"", piece[end + 1 :], width(), first())
        if not chunk:
            break


def _last_row_end(buffer: bytes) -> int:
    """Where the last closing row tag in `buffer` ends, or -1."""
    end = buffer.rfind(b"row>")
    while end >= 0:
        start = buffer.rfind(b"<", 0, end)
        if buffer[start + 1 : start + 2] == b"/":
            return end + len(b"row>")
        end = buffer.rfind(b"row>", 0, end)
    return -1


def _row(number: int, prefix: bytes, body: bytes, width: int, first: bool = True) -> _Row:
    if width >= 0 and not prefix and b"<f" not in body and b't="e"' not in body:
        at = body.rfind(b"<c ")
        last = LAST_REFERENCE.match(body, at) if at >= 0 else None
        if last is not None:
            column = _column_index(last.group(1))
            if column <= width:
                return _Row(number, [(column, body)], [column] if ANY_VALUE.search(body) else [], [])
    row = _Row(number, [], [], [])
    column = -1
    for cell in CELL.finditer(body):
        attributes = dict(ATTRIBUTE.findall(cell.group(1)))
        where = REFERENCE.fullmatch(attributes.get(b"r", b""))
        column = _column_index(where.group(1)) if where else column + 1
        if 0 <= width < column:  # this cell and those after it lie right of the table
            _beyond(row, column, body[cell.start() :], first)
            break
        _cell(row, column, attributes.get(b"t", b"n"), cell.group(2) or b"", cell.group(0))
    return row


def _beyond(row: _Row, column: int, rest: bytes, first: bool) -> None:
    """The cells right of the table, from `column` on, kept as one (never read): with
    `first`, the first holding a value is found, for the warning that names it; else, or
    when none holds a value, an error or a formula, none is looked at."""
    row.cells.append((column, rest))
    if not (ANY_VALUE.search(rest) or FORMULA.search(rest) or b't="e"' in rest):
        return
    if not first:  # the warning is written: that something may be there is enough
        row.filled.append(column)
        return
    seen = _Row(row.number, [], [], [])
    column -= 1
    for cell in CELL.finditer(rest):
        attributes = dict(ATTRIBUTE.findall(cell.group(1)))
        where = REFERENCE.fullmatch(attributes.get(b"r", b""))
        column = _column_index(where.group(1)) if where else column + 1
        _cell(seen, column, attributes.get(b"t", b"n"), cell.group(2) or b"", cell.group(0))
        if seen.filled:
            row.filled.append(seen.filled[0])
            return


def _cell(row: _Row, column: int, kind: bytes, body: bytes, xml: bytes) -> None:
    value = VALUE.search(body)
    row.cells.append((column, xml))
    if kind == b"e":
        error = value.group(1).decode("utf-8", "replace").strip() if value else ""
        row.flaws.append((column, f"holds an Excel error ({error or 'no value'}): correct the cell"))
    elif (value is not None and value.group(1).strip()) or (kind == b"inlineStr" and TEXT.search(body)):
        pass  # a value
    elif FORMULA.search(body) and value is None:
        row.flaws.append((column, "is a formula with no saved value: open and save the file in Excel"))
    else:
        return
    row.filled.append(column)


class _Table:
    """The table as the rows pass: its width, its first and last filled rows, its flaws."""

    def __init__(self, sheet: str, file: str) -> None:
        self.sheet, self.file = sheet, file
        self.width = -1  # the header row's last column
        self.first = self.last = 0  # the first and last filled rows
        self.dropped: str | None = None  # the first cell with a value left out, and why
        self.trimmed = False  # a cell (even an empty one) lies beyond the table
        self.flaws: dict[tuple[int, int], str] = {}

    def take(self, row: _Row) -> None:
        width = self.width
        if row.filled:
            right = max(row.filled)
            if right > width:
                if self.dropped is None:
                    far = min(c for c in row.filled if c > width)
                    self.dropped = f"{column_letters(far)}{row.number}: no header above it"
                if min(row.filled) > width:
                    self.trimmed = True
                    return
                right = max(c for c in row.filled if c <= width)
            self.first = self.first or row.number
            self.last = row.number
            rows = self.last - self.first + 1
            if rows > MAX_ROWS or rows * (width + 1) > MAX_CELLS:
                raise _too_large(
                    self.sheet, self.file, f"{column_letters(right)}{row.number}", rows, width + 1
                )
            for column, problem in row.flaws:
                if column <= width:
                    self.flaws[(row.number, column)] = problem
            if len(self.flaws) > MAX_FLAWS:
                raise InputError(
                    f'sheet "{self.sheet}" has more than {MAX_FLAWS:,} cells with errors: correct them in Excel.',
                    file=self.file,
                    code="too_large",
                )
        if row.cells and max(column for column, _ in row.cells) > width:
            self.trimmed = True


def scan_sheet(archive: zipfile.ZipFile, part: str, sheet: str, file: str) -> Bounds:
    """The table on one sheet: see the module's docstring. Its width is the header row's: the
    first row with two or more cells filled among the first HEADER_ROWS filled rows."""
    table = _Table(sheet, file)
    above: list[_Row] = []  # filled rows until the header is found
    head: list[bytes] = []
    beyond = 0  # the first row after the table
    with archive.open(part) as stream:
        first, past = (lambda: table.dropped is None), (lambda: beyond > 0)
        for row in _rows(stream, head, lambda: table.width, first, past):
            if table.width < 0:
                if row.filled:
                    above.append(row)
                if len(row.filled) >= 2 or len(above) >= HEADER_ROWS:
                    table.width = (
                        max(row.filled) if len(row.filled) >= 2 else max(max(r.filled) for r in above)
                    )
                    for earlier in above:
                        table.take(earlier)
                continue
            if table.last and row.number - table.last > EMPTY_RUN:
                beyond = beyond or row.number
                if row.filled:
                    far = f"{column_letters(min(row.filled))}{row.number}"
                    table.dropped = (
                        table.dropped or f"{far}: {EMPTY_RUN:,} or more empty rows separate it from the table"
                    )
                    break
                continue
            table.take(row)
    if table.width < 0 and above:
        table.width = max(max(r.filled) for r in above)
        for earlier in above:
            table.take(earlier)
    warning = None
    if table.dropped is not None:
        warning = (
            f'left out cells beyond the table on sheet "{sheet}", the first at {table.dropped}. '
            "Delete them, or move them into the table."
        )
    if not (table.trimmed or beyond):
        return Bounds(None, table.flaws, warning)
    return Bounds(_copy_table(archive, part, table), table.flaws, warning)


def _copy_table(archive: zipfile.ZipFile, part: str, table: _Table) -> IO[bytes]:
    """The sheet's rows read again, keeping only the table's cells."""
    head: list[bytes] = []
    kept: list[bytes] = []
    with archive.open(part) as stream:
        for row in _rows(stream, head, lambda: table.width, lambda: False):
            if row.number > table.last:
                break
            cells = [xml for column, xml in row.cells if column <= table.width]
            if cells:
                kept.append(b'<row r="%d">' % row.number + b"".join(cells) + b"</row>")
    return _copy_with(archive, part, b"".join(head), kept)


def _too_large(sheet: str, file: str, far: str, rows: int, columns: int) -> InputError:
    return InputError(
        f'sheet "{sheet}" reaches cell {far}: {rows:,} rows by {columns:,} columns is more than senco '
        f"reads from a workbook ({MAX_ROWS:,} rows, {MAX_CELLS:,} cells). Delete what is below or right "
        "of the people (a formula filled down, say), or save the sheet as CSV and audit that.",
        file=file,
        code="too_large",
    )


def _copy_with(archive: zipfile.ZipFile, part: str, head: bytes, rows: list[bytes]) -> IO[bytes]:
    """The workbook in memory with the sheet holding only the table's rows; the other
    sheets are left out (only this one is read)."""
    opening = re.search(rb"<(" + _NAME + rb")worksheet\b[^>]*>", head)
    prefix = opening.group(1) if opening else b""
    root = opening.group(0) if opening else b'<worksheet xmlns="' + MAIN[1:-1].encode() + b'">'
    body = (
        b"".join(rows).replace(b"<row ", b"<" + prefix + b"row ").replace(b"</row>", b"</" + prefix + b"row>")
    )
    sheet = b"".join(
        [b'<?xml version="1.0" encoding="UTF-8"?>', root, b"<", prefix, b"sheetData>", body]
        + [b"</", prefix, b"sheetData></", prefix, b"worksheet>"]
    )
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            if info.filename == part:
                out.writestr(part, sheet)
            elif not info.filename.startswith("xl/worksheets/"):
                out.writestr(info.filename, archive.read(info))
    copy.seek(0)
    return copy
