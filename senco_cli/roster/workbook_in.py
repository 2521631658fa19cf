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
    """A workbook cell as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)


class WorkbookRows:
    """The rows of one sheet as Records, numbered as the spreadsheet numbers them."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        from python_calamine import CalamineError, CalamineWorkbook

        from senco_cli.inputs import require_regular_file

        file = str(path)
        self.size = require_regular_file(path, "workbook")
        try:
            workbook = CalamineWorkbook.from_path(file)
        except (CalamineError, OSError, ValueError) as error:
            raise InputError(
                f"cannot be read as a {path.suffix.lower()} workbook ({error}).", file=file, code="unreadable"
            ) from None
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            raise InputError(
                f'has no sheet "{sheet}". Sheets: {", ".join(names)}.',
                path="--sheet",
                file=file,
                code="bad_option",
            )
        if not names:
            raise InputError("has no sheets.", file=file, code="empty")
        self.sheet_name = sheet or names[0]
        self.sheet_names = names
        try:
            self._sheet = workbook.get_sheet_by_name(self.sheet_name)
        except Exception as error:  # calamine raises its own kinds for a damaged sheet
            raise InputError(
                f'sheet "{self.sheet_name}" cannot be read ({error}).', file=file, code="unreadable"
            ) from None
        self.filled = 0

    def __iter__(self) -> Iterator[Record]:
        first_row = (self._sheet.start or (0, 0))[0]
        lead = [""] * (self._sheet.start or (0, 0))[1]  # columns left of the first cell
        for index, values in enumerate(self._sheet.iter_rows()):
            cells = lead + [cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                self.filled += 1
            yield Record(first_row + index + 1, cells)

    def data_lines(self) -> int:
        """Rows read with something in them, the header aside."""
        return max(self.filled - 1, 0)
