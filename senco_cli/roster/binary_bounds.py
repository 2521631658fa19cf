"""Binary workbooks' sizes checked before python-calamine reads them.

calamine builds a sheet as a dense range from its first to its last cell holding something,
so one cell at IV65536 in a 5 KB .xls costs a gigabyte. In a binary workbook each cell's
place is in its record, so the records are walked first, here, each cell's row and column
taken without its value, and a sheet that would reach past the limits is refused with one
line naming its far cell (blank cells, which calamine leaves out, are not counted):

- .xlsb (Excel Binary Workbook, MS-XLSB): a zip whose sheets are BIFF12 records; only the
  sheet to be read is walked, as calamine reads one sheet at a time.
- .xls (Excel 97-2003, MS-XLS): BIFF8 records in an OLE compound file, read with olefile;
  every sheet is walked and counted together, as calamine reads them all on opening.
"""

from __future__ import annotations

import posixpath
import struct
import weakref
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from senco_cli.errors import InputError
from senco_cli.roster.workbook_bounds import MAX_CELLS, MAX_ROWS, MAX_SMALL_PART, column_letters

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# MS-XLSB 2.3.2: BrtRowHdr starts a row; BrtCellRk to BrtFmlaError give a cell a value
# (BrtCellBlank, 1, does not); BrtEndSheetData ends the cells; BrtBundleSh names a sheet.
XLSB_ROW, XLSB_VALUES, XLSB_END_DATA = 0x0000, range(0x0002, 0x000C), 0x0092
XLSB_SHEET, XLSB_END_SHEETS = 0x009C, 0x0090
# MS-XLS 2.3: records of one cell (row, column first): LabelSst, Label, Number, RK, BoolErr,
# Formula, RString; MulRk holds a run of columns. Blank and MulBlank are not read.
XLS_CELL = frozenset({0x00FD, 0x0204, 0x0203, 0x027E, 0x0205, 0x0006, 0x00D6})
XLS_MULRK, XLS_BOUNDSHEET, XLS_BOF, XLS_EOF = 0x00BD, 0x0085, 0x0809, 0x000A
U16, U32, HEAD = struct.Struct("<H"), struct.Struct("<I"), struct.Struct("<HH")


class _Extent:
    """What a reader will hold: rows and columns from the first, to the last holding something."""

    def __init__(self, sheet: str, file: str, before: int = 0) -> None:
        self.sheet, self.file, self.before = sheet, file, before
        self.rows = self.columns = 0

    def add(self, row: int, column: int) -> None:
        if row >= self.rows or column >= self.columns:
            self.rows, self.columns = max(self.rows, row + 1), max(self.columns, column + 1)
            if self.rows > MAX_ROWS or self.before + self.rows * self.columns > MAX_CELLS:
                raise self.too_large(f"{column_letters(column)}{row + 1}")

    def too_large(self, far: str) -> InputError:
        others = f" with the sheets before it ({self.before:,} cells)" if self.before else ""
        return InputError(
            f'sheet "{self.sheet}" reaches cell {far}: {self.rows:,} rows by {self.columns:,} columns{others} '
            f"is more than senco reads from a workbook ({MAX_ROWS:,} rows, {MAX_CELLS:,} cells). Delete "
            "what is below or right of the people, or save the sheet as CSV and audit that.",
            file=self.file,
            code="too_large",
        )


def _damaged(file: str, what: str) -> InputError:
    return InputError(
        f"cannot be read: {what}. Open it in Excel and save it again, or save it as CSV and audit that.",
        file=file,
        code="unreadable",
    )


# .xlsb


def scan_xlsb(archive: zipfile.ZipFile, sheet: str, file: str) -> None:
    """Refuse an .xlsb whose sheet `sheet` reaches past MAX_ROWS rows or MAX_CELLS cells,
    naming its far cell. Raises InputError (too_large; unreadable for broken records)."""
    part = _xlsb_part(archive, sheet)
    if part is None:
        return  # calamine says what is wrong with it
    extent = _Extent(sheet, file)
    data = archive.read(part)  # its size checked with the zip's (check_archive)
    at, end, row = 0, len(data), 0
    try:
        while at < end:
            kind = data[at]
            at += 1
            if kind & 0x80:
                kind = (kind & 0x7F) | ((data[at] & 0x7F) << 7)
                at += 1
            size = shift = 0
            for _ in range(4):
                byte = data[at]
                at += 1
                size |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    break
            if kind in XLSB_VALUES:
                extent.add(row, U32.unpack_from(data, at)[0])
            elif kind == XLSB_ROW:
                row = U32.unpack_from(data, at)[0]
            elif kind == XLSB_END_DATA:
                break
            at += size
    except (IndexError, struct.error):
        raise _damaged(file, f'the records of sheet "{sheet}" are cut short') from None


def check_xlsb(archive: zipfile.ZipFile, file: str) -> None:
    """Refuse, before calamine opens it, an .xlsb whose list of sheets names a part that is
    not there (calamine stops with a panic on it). Raises InputError (unreadable)."""
    if any(part is None for part in _xlsb_sheets(archive).values()):
        raise _damaged(file, "its list of sheets names a part the file does not hold")


def _xlsb_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip path of the named sheet's records, as calamine finds it, or None."""
    return _xlsb_sheets(archive).get(sheet)


_SHEETS: weakref.WeakKeyDictionary[zipfile.ZipFile, dict[str, str | None]] = weakref.WeakKeyDictionary()


def _xlsb_sheets(archive: zipfile.ZipFile) -> dict[str, str | None]:
    """Each sheet's name and the zip path of its records as calamine finds them (BrtBundleSh
    in workbook.bin, its relationship's target), None where that part is missing; read once
    an archive (the check on opening and the scan of the sheet both ask)."""
    found = _SHEETS.get(archive)
    if found is None:
        found = _SHEETS[archive] = _read_xlsb_sheets(archive)
    return found


def _read_xlsb_sheets(archive: zipfile.ZipFile) -> dict[str, str | None]:
    try:
        book_size = archive.getinfo("xl/workbook.bin").file_size
        rels_size = archive.getinfo("xl/_rels/workbook.bin.rels").file_size
        if max(book_size, rels_size) > MAX_SMALL_PART:
            return {}
        book = archive.read("xl/workbook.bin")
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.bin.rels"))
    except KeyError:
        return {"": None} if "xl/workbook.bin" in archive.namelist() else {}
    except ElementTree.ParseError:
        return {"": None}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels.iter(f"{RELS}Relationship")}
    names = set(archive.namelist())
    sheets: dict[str, str | None] = {}
    at = 0
    try:
        while at < len(book):
            kind = book[at]
            at += 1
            if kind & 0x80:
                kind = (kind & 0x7F) | ((book[at] & 0x7F) << 7)
                at += 1
            size = shift = 0
            for _ in range(4):
                byte = book[at]
                at += 1
                size |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    break
            body = book[at : at + size]
            at += size
            if kind == XLSB_END_SHEETS:
                break
            if kind != XLSB_SHEET:
                continue
            length = U32.unpack_from(body, 8)[0]
            if length == 0xFFFFFFFF:
                continue
            relation = body[12 : 12 + 2 * length].decode("utf-16-le")
            named = U32.unpack_from(body, 12 + 2 * length)[0]
            start = 16 + 2 * length
            target = targets.get(relation)
            path = posixpath.normpath(f"xl/{target}") if target else None
            sheets[body[start : start + 2 * named].decode("utf-16-le")] = path if path in names else None
    except (IndexError, struct.error, UnicodeDecodeError):
        return sheets
    return sheets


# .xls


def scan_xls(path: Path, file: str) -> None:
    """Refuse an .xls whose sheets together reach past MAX_CELLS cells (calamine reads all
    of them on opening), naming the sheet and its far cell. Raises InputError."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as compound:
            name = next((n for n in ("Workbook", "Book") if compound.exists(n)), None)
            if name is None:
                return  # not a workbook: calamine says so
            data = compound.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error) as error:
        raise _damaged(file, f"it is not a readable Excel 97-2003 workbook ({error})") from None
    try:
        sheets = _boundsheets(data)
        before = 0
        for offset, sheet in sheets:
            extent = _Extent(sheet, file, before)
            _xls_cells(data, offset, extent)
            before += extent.rows * extent.columns
    except (IndexError, struct.error):
        raise _damaged(file, "its records are cut short") from None


def _boundsheets(data: bytes) -> list[tuple[int, str]]:
    """Each sheet's substream offset and name, from the workbook globals' BoundSheet8 records."""
    sheets = []
    at, end = 0, len(data)
    while at + 4 <= end:
        kind, size = HEAD.unpack_from(data, at)
        body = data[at + 4 : at + 4 + size]
        at += 4 + size
        if kind == XLS_EOF:
            break
        if kind == XLS_BOUNDSHEET:
            length, wide = body[6], body[7] if len(body) > 7 else 0
            raw = body[8 : 8 + length * (2 if wide & 1 else 1)]
            sheets.append((U32.unpack_from(body)[0], raw.decode("utf-16-le" if wide & 1 else "latin-1")))
    return sheets


def _xls_cells(data: bytes, at: int, extent: _Extent) -> None:
    depth, end = 0, len(data)
    while at + 4 <= end:
        kind, size = HEAD.unpack_from(data, at)
        at += 4
        if kind in XLS_CELL:
            extent.add(U16.unpack_from(data, at)[0], U16.unpack_from(data, at + 2)[0])
        elif kind == XLS_MULRK:
            extent.add(U16.unpack_from(data, at)[0], U16.unpack_from(data, at + size - 2)[0])
        elif kind == XLS_BOF:
            depth += 1
        elif kind == XLS_EOF:
            depth -= 1
            if depth <= 0:
                return
        at += size
