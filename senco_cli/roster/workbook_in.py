"""Read a roster from a spreadsheet workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) with
python-calamine, imported only here. Each row becomes the text a CSV cell would hold, so
that one reader judges both: an Excel date becomes 2025-09-01, a whole number loses its
".0" (a TRN typed as a number gets its leading zeros back later), TRUE becomes yes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from senco_cli.errors import InputError
from senco_cli.roster.csv_records import Record

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def cell_text(value: Any) -> str:
    """A workbook cell as the text a person would have typed; a date and time is its date
    (no answer takes a time, and Excel shows such a cell as the date)."""
    if type(value) is str:  # most cells: first, as a roster has thousands
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)


ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def check_kind(path: Path, file: str) -> None:
    """Refuse, saying what it is, a file named as a workbook that is a web page or text (the
    "Export to Excel" of many school systems writes HTML or CSV with an .xls name)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}.", file=file, code="unreadable") from None
    if start.startswith((ZIP_MAGIC, OLE_MAGIC)) or not start:
        return
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in start.lower():
        kind = "an Excel 2003 XML spreadsheet"
    elif text.startswith(
        (b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml", b"<head", b"<body", b"<")
    ):
        kind = "a web page (HTML)"
    elif b"\x00" not in start:
        kind = "text (CSV)"
    else:
        return  # some other binary: the reader says what is wrong with it
    name = path.suffix.lower()
    raise InputError(
        f'is {kind} with a {name} name, not a workbook (an "Export to Excel" often gives one). '
        + (
            "Rename it to .csv and audit that."
            if kind == "text (CSV)"
            else "Open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV, then audit that."
        ),
        file=file,
        code="unreadable",
    )


def choose_sheet(metadata: list[Any], wanted: str | None, file: str) -> tuple[str, list[str]]:
    """The sheet to read and the sheets a person sees in Excel: --sheet by name (ignoring
    case, as Excel does), else the first visible worksheet (not a hidden one or a chart)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    names = [sheet.name for sheet in metadata]
    worksheets = [s.name for s in metadata if s.typ == SheetTypeEnum.WorkSheet]
    visible = [s.name for s in metadata if s.visible == SheetVisibleEnum.Visible and s.name in worksheets]
    if wanted is not None:
        found = [name for name in names if name == wanted] or [
            name for name in names if name.casefold() == wanted.casefold()
        ]
        if not found:
            raise InputError(
                f'has no sheet "{wanted}". Sheets: {", ".join(names)}.',
                path="--sheet",
                file=file,
                code="bad_option",
            )
        if found[0] not in worksheets:
            raise InputError(
                f'sheet "{found[0]}" is a chart or macro sheet, not a table: give a worksheet.',
                path="--sheet",
                file=file,
                code="bad_option",
            )
        return found[0], visible
    if not visible:
        raise InputError(
            "has no visible worksheet"
            + (f" (hidden: {_quoted(worksheets)}; --sheet NAME reads one)." if worksheets else "."),
            file=file,
            code="empty",
        )
    return visible[0], visible


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


class WorkbookRows:
    """The rows of one sheet as Records, numbered as the spreadsheet numbers them; cells
    beyond the table never read (workbook_bounds.py)."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        from senco_cli.inputs import require_regular_file
        from senco_cli.roster.workbook_bounds import Bounds

        file = str(path)
        self.size = require_regular_file(path, "workbook")
        check_kind(path, file)
        archive = _open_zip(path, file)
        try:
            _check_before_reading(archive, path, file)
            try:
                workbook = CalamineWorkbook.from_path(file)
            except BaseException as error:  # calamine's panic on a damaged file is a BaseException
                if not (isinstance(error, CalamineError | OSError | ValueError) or _panicked(error)):
                    raise
                raise InputError(
                    f"cannot be read as a {path.suffix.lower()} workbook ({error}).",
                    file=file,
                    code="unreadable",
                ) from None
            self.sheet_name, self.sheet_names = choose_sheet(list(workbook.sheets_metadata), sheet, file)
            self.hidden = [name for name in workbook.sheet_names if name not in self.sheet_names]
            bounds = Bounds(None, {}, None)
            if archive is not None:
                bounds = _bounds(archive, self.sheet_name, file)
            if bounds.source is not None:
                workbook = CalamineWorkbook.from_filelike(bounds.source)
            self.flaws = bounds.flaws
            self.warning = bounds.warning
            try:
                self._sheet = workbook.get_sheet_by_name(self.sheet_name)
            except BaseException as error:  # calamine raises its own kinds for a damaged sheet
                if not (isinstance(error, Exception) or _panicked(error)):
                    raise
                raise InputError(
                    f'sheet "{self.sheet_name}" cannot be read ({error}). Open the file in Excel and save it '
                    "again, or save the sheet as CSV and audit that.",
                    file=file,
                    code="unreadable",
                ) from None
        finally:
            if archive is not None:
                archive.close()
        self.filled = 0

    def __iter__(self) -> Iterator[Record]:
        first_row = (self._sheet.start or (0, 0))[0]
        lead = [""] * (self._sheet.start or (0, 0))[1]  # columns left of the first cell
        by_row: dict[int, list[tuple[int, str]]] = {}
        for (number, column), problem in sorted(self.flaws.items()):
            by_row.setdefault(number, []).append((column, problem))
        for index, values in enumerate(self._sheet.iter_rows()):
            cells = lead + [cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            number = first_row + index + 1
            flaws = tuple(by_row.pop(number, ()))
            if flaws or any(cell.strip() for cell in cells):  # cells of spaces alone: a blank row
                self.filled += 1
            yield Record(number, cells, flaws=flaws)
        for number, only in sorted(by_row.items()):  # rows holding nothing but errors
            self.filled += 1
            yield Record(number, [], flaws=tuple(only))

    def data_lines(self) -> int:
        """Rows read with something in them, the header aside."""
        return max(self.filled - 1, 0)


def _panicked(error: BaseException) -> bool:
    """python-calamine stopped on a damaged file (pyo3's PanicException, not an Exception)."""
    return type(error).__name__ == "PanicException"


def _open_zip(path: Path, file: str) -> Any:
    """The workbook as a zip (.xlsx, .xlsm, .xlsb, .ods), its sizes checked; None for .xls."""
    import zipfile

    from senco_cli.roster.workbook_bounds import check_archive

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return None
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}.", file=file, code="unreadable") from None
    try:
        check_archive(archive, file)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_before_reading(archive: Any, path: Path, file: str) -> None:
    """What python-calamine reads on opening, bounded first: every sheet of an .ods or .xls."""
    suffix = path.suffix.lower()
    if archive is not None and suffix == ".ods":
        from senco_cli.roster.ods_bounds import scan_ods

        scan_ods(archive, file)
    elif archive is None and suffix == ".xls":
        from senco_cli.roster.binary_bounds import scan_xls

        scan_xls(path, file)
    elif archive is not None and suffix == ".xlsb":
        from senco_cli.roster.binary_bounds import check_xlsb

        check_xlsb(archive, file)


def _bounds(archive: Any, sheet: str, file: str) -> Any:
    import zipfile

    from senco_cli.roster.workbook_bounds import Bounds, scan_sheet, sheet_part

    part = sheet_part(archive, sheet)
    if part is None:  # not an .xlsx: an .ods (checked on opening) or an .xlsb
        from senco_cli.roster.binary_bounds import scan_xlsb

        scan_xlsb(archive, sheet, file)
        return Bounds(None, {}, None)
    try:
        return scan_sheet(archive, part, sheet, file)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise InputError(f'sheet "{sheet}" cannot be read ({error}).', file=file, code="unreadable") from None
