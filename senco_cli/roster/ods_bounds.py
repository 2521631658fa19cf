"""An .ods workbook's size checked before it is read.

python-calamine reads every sheet of an .ods when it opens it, each as a dense range from
the first cell to the last one holding something, expanding LibreOffice's repeats
(table:number-rows-repeated, table:number-columns-repeated) cell by cell. So a 2 KB file
can ask for billions of cells. Its content.xml is scanned first as a stream, the repeats
counted rather than expanded; a workbook whose sheets reach past the limits is refused with
one line naming the sheet and its far cell. Empty repeats (LibreOffice ends every sheet with
a million empty rows) cost nothing and are not counted.
"""

from __future__ import annotations

import re
import zipfile
from xml.sax.saxutils import unescape

from senco_cli.errors import InputError
from senco_cli.roster.workbook_bounds import CHUNK, MAX_CELLS, MAX_ROWS, column_letters

CONTENT = "content.xml"
ROW_END = b"</table:table-row>"
ROW = re.compile(rb"<table:table-row\b([^>]*)>")
TABLE = re.compile(rb"<table:table\s[^>]*?\btable:name=\"([^\"]*)\"")
CELL = re.compile(
    rb"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S
)
ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
HAS_VALUE = re.compile(rb"office:value-type=|table:formula=")


class _Sheet:
    """One table's extent as its rows pass: rows so far, and the last row and column that
    hold something (counting from 1)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = self.last_row = self.columns = 0

    def cells(self) -> int:
        return self.last_row * self.columns


def _repeats(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found.group(1)) if found else 1


def _last_filled(body: bytes) -> int:
    """The last column of a row that holds something, counting from 1; 0 if none. Empty
    cells at the row's end are dropped first; when the cell then last holds something (most
    rows), the row's cells and repeats are counted without looking at each."""
    body = body.rstrip()
    while body.endswith(b"/>"):  # an empty cell (or a filled one written empty) at the end
        start = body.rfind(b"<table:")
        if start < 0 or HAS_VALUE.search(body, start):
            break
        body = body[:start].rstrip()
    if not body:
        return 0
    start = max(body.rfind(b"<table:table-cell"), body.rfind(b"<table:covered-table-cell"))
    tail = CELL.match(body, start) if start >= 0 else None
    if (
        tail is not None
        and tail.end() == len(body)
        and (HAS_VALUE.search(tail.group(1)) or (tail.group(2) or b"").strip())
    ):
        cells = body.count(b"<table:table-cell") + body.count(b"<table:covered-table-cell")
        return cells + sum(int(n) - 1 for n in COLUMNS_REPEATED.findall(body))
    return _last_filled_slowly(body)


def _last_filled_slowly(body: bytes) -> int:
    column = last = 0
    for cell in CELL.finditer(body):
        repeated = _repeats(COLUMNS_REPEATED, cell.group(1))
        if HAS_VALUE.search(cell.group(1)) or (cell.group(2) or b"").strip():
            last = column + repeated
        column += repeated
    return last


def scan_ods(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse an .ods whose sheets would make a reader hold more than MAX_CELLS cells (all its
    sheets together, as they are all read) or a sheet of more than MAX_ROWS rows, naming the
    sheet and the cell that passes the limit. Raises InputError (code too_large); a workbook
    without content.xml is left to the reader to refuse."""
    try:
        stream = archive.open(CONTENT)
    except KeyError:
        return
    sheets: list[_Sheet] = []
    total = 0  # cells of the sheets before this one
    with stream:
        buffer = b""
        while True:
            chunk = stream.read(CHUNK)
            buffer += chunk
            pieces = buffer.split(ROW_END)
            buffer = pieces.pop() if chunk else b""
            for piece in pieces:
                opened = list(ROW.finditer(piece))
                if not opened:
                    continue
                found = opened[-1]  # the last row opened in the piece is the one this end closes
                for table in TABLE.finditer(piece, 0, found.start()):
                    total += sheets[-1].cells() if sheets else 0
                    sheets.append(_Sheet(unescape(table.group(1).decode("utf-8", "replace"))))
                if not sheets:
                    sheets.append(_Sheet(""))
                sheet = sheets[-1]
                sheet.rows += _repeats(ROWS_REPEATED, found.group(1))
                last = _last_filled(piece[found.end() :])
                if last:
                    sheet.last_row, sheet.columns = sheet.rows, max(sheet.columns, last)
                    if sheet.last_row > MAX_ROWS or total + sheet.cells() > MAX_CELLS:
                        raise _too_large(sheet, last, total, file)
            if not chunk:
                break


def _too_large(sheet: _Sheet, last: int, before: int, file: str) -> InputError:
    far = f"{column_letters(last - 1)}{sheet.last_row}"
    others = f" with the sheets before it ({before:,} cells)" if before else ""
    return InputError(
        f'sheet "{sheet.name}" reaches cell {far}: {sheet.last_row:,} rows by {sheet.columns:,} columns{others} '
        f"is more than senco reads from a workbook ({MAX_ROWS:,} rows, {MAX_CELLS:,} cells). Delete what is "
        "below or right of the people (a filled-down or repeated cell, say), or save the sheet as CSV and "
        "audit that.",
        file=file,
        code="too_large",
    )
