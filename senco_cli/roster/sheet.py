"""A roster's rows as profiles: one person per row, from CSV (csv_records.py) or a workbook
(workbook_in.py), under a header read by headers.py, each cell read by cells.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from senco_cli.errors import InputError
from senco_cli.profile.model import KEY_PATHS, ROSTER_COLUMNS, Profile, Vocabulary, header_key
from senco_cli.profile.validate import check_dates, named_setting, profile_from_answers
from senco_cli.records import NamedTuple
from senco_cli.roster.cells import PLACES, CellReader
from senco_cli.roster.csv_records import Record, RecordReader, open_roster
from senco_cli.roster.headers import COLUMNS, Header, Names, find_header
from senco_cli.text import plural, shown

# The example row, in the words the template's drop-downs offer (data/answers.toml).
TEMPLATE_ROW = {
    "you.name": "Sam Patel",
    "school.name": "Oakfield Primary",
    "school.urn": "100000",
    "you.has_trn": "Yes",
    "you.trn": "1234567",
    "qualifications.qts": "Yes",
    "qualifications.induction": "Passed",
    "senco_training.npq": "Not started",
    "senco_training.npq_funded_before": "No",
    "senco_training.nasenco": "No",
    "role.senco": "Yes",
    "role.senco_since": "01/09/2025",
    "role.previous_senco_months": "0",
    "role.head_teacher": "No",
    "role.teaches_at_school": "Yes",
    "school.setting": "academy",
    "school.in_england": "Yes",
    "school.supports_npq": "Yes",
}


class Sheet(NamedTuple):
    """What every row of a roster is read against."""

    file: str
    columns: list[str | None]  # each column's key; None for a column left out (--ignore-unknown)
    known: Vocabulary
    as_of: Any
    cohort: str | None = None  # --cohort: judged for rows that name none
    header: Header | None = None  # how the header row was read (None: the columns are keys)
    separator: str = ","  # a CSV's cell separator (a comma, or a semicolon or tab), written back alike

    def header_row(self) -> list[str]:
        """The headers as the file has them."""
        return self.header.headers if self.header is not None else [c or "" for c in self.columns]


class Row(NamedTuple):
    number: int
    cells: list[str]
    profile: Profile | None  # from the cells that could be read
    error: InputError | None  # the first problem, if any
    school: str | None = None  # school.name
    urn: str | None = None  # school.urn
    note: str | None = None  # why an answer was left open or read the cautious way
    laestab: str | None = None  # the school's LA and establishment number ("DfE number")
    unsure: bool = False  # an answer was left open or read the cautious way (the note says which)


def template_columns() -> list[str]:
    """The columns of a roster to fill in: the example row's first, then the rest."""
    return list(TEMPLATE_ROW) + [column for column in COLUMNS if column not in TEMPLATE_ROW]


def template() -> str:
    """A header row and one example row, to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = template_columns()
    writer.writerow(columns)
    writer.writerow([TEMPLATE_ROW.get(column, "") for column in columns])
    return out.getvalue()


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
    names: Names | None = None,
    ignore_unknown: bool = False,
    concepts: tuple[str, ...] = (),
) -> tuple[Sheet, SheetRows]:
    """A CSV sheet's header, and its non-blank records."""
    reader = RecordReader(text)
    sheet, rows = sheet_of(
        iter(reader), lambda: reader.data_lines, file, known, as_of, cohort, names, ignore_unknown, concepts
    )
    # a record with more cells than this over several lines broke
    reader.columns = len(sheet.columns) + (len(sheet.header.private) if sheet.header else 0)
    return sheet._replace(separator=reader.separator), rows


def sheet_of(
    records: Iterator[Record],
    lines: Callable[[], int],
    file: str,
    known: Vocabulary,
    as_of: Any,
    cohort: str | None,
    names: Names | None,
    ignore_unknown: bool,
    concepts: tuple[str, ...] = (),
) -> tuple[Sheet, SheetRows]:
    """Any source's records as a sheet and its rows; `lines` counts the filled lines read
    after the first, so the title rows are taken off."""
    header, rest = find_header(records, file, names, ignore_unknown, concepts)
    sheet = Sheet(file, header.columns, known, as_of, cohort, header)
    return sheet, SheetRows(rest, lambda: lines() - header.title_rows)


class OpenedSheet(NamedTuple):
    sheet: Sheet
    rows: SheetRows
    size: int  # bytes in the file
    warnings: tuple[str, ...]  # about the file as a whole: its encoding, sheets, title rows
    text: IO[str] | None  # the CSV stream, which a progress bar follows; None for a workbook


@contextmanager
def open_sheet(
    roster: Path,
    known: Vocabulary,
    as_of: Any,
    cohort: str | None,
    names: Names | None,
    *,
    sheet_name: str | None = None,
    ignore_unknown: bool = False,
    concepts: tuple[str, ...] = (),
) -> Iterator[OpenedSheet]:
    """A roster's sheet and rows, from CSV (or `-`) or a workbook."""
    from senco_cli.roster.workbook_in import WorkbookRows, is_workbook

    file = str(roster)
    if is_workbook(roster):
        book = WorkbookRows(roster, sheet_name)
        sheet, rows = sheet_of(
            iter(book), book.data_lines, file, known, as_of, cohort, names, ignore_unknown, concepts
        )
        warnings = [book.warning] if book.warning else []
        if sheet_name is None and (len(book.sheet_names) > 1 or book.hidden):
            of = f" of {len(book.sheet_names)}" if len(book.sheet_names) > 1 else ""
            hidden = ", ".join(f'"{name}"' for name in book.hidden)
            warnings.append(
                f'read the first visible sheet, "{book.sheet_name}"{of}'
                + (f"; not the hidden or chart sheets {hidden}" if hidden else "")
                + "; --sheet NAME reads another."
            )
        yield OpenedSheet(sheet, rows, book.size, _with_title_rows(sheet, warnings), None)
        return
    if sheet_name is not None:
        raise InputError(
            "--sheet is for workbooks (.xlsx, .xls, .ods), not CSV.", path="--sheet", code="bad_option"
        )
    text, warning, size = open_roster(roster)
    with text:
        sheet, rows = read_sheet(
            text, file, known, as_of, cohort, names=names, ignore_unknown=ignore_unknown, concepts=concepts
        )
        yield OpenedSheet(sheet, rows, size, _with_title_rows(sheet, [warning] if warning else []), text)


def _with_title_rows(sheet: Sheet, warnings: list[str]) -> tuple[str, ...]:
    if sheet.header is not None and sheet.header.title_rows:
        warnings.append(
            f"skipped {plural(sheet.header.title_rows, 'row')} above the header (a title, say): the header is "
            "the first row that names columns."
        )
    return tuple(warnings)


def to_row(record: Record, sheet: Sheet) -> Row:
    """One row as a profile from every cell that can be read, and the first problem found.
    Two cells for one column (GIAS's type code and name, say) must agree; a word that could
    mean two answers reads the cautious way, with a note."""
    where = f"row {record.number}"
    columns = sheet.columns
    problems: list[InputError] = []
    if record.problem:
        problems.append(InputError(record.problem))
    if record.disputed:
        problems.append(InputError(record.disputed))
    cells = record.cells
    if len(cells) > len(columns):
        problems.append(InputError(f"has {len(cells)} cells but the header names {len(columns)} columns."))
    for index, problem in record.flaws:
        column = columns[index] if index < len(columns) else None
        if column is not None:
            from senco_cli.roster.workbook_bounds import column_letters

            cell = f"{column_letters(index)}{record.number}"
            problems.append(InputError(f"cell {cell} {problem}.", path=column, code="cell_error"))
    judged = (
        [("" if index in record.unread else cell) for index, cell in enumerate(cells)]
        if record.unread
        else cells
    )
    read = cell_reader(sheet).row(judged, problems)
    answers, school, notes = read.answers, read.school, read.notes
    if answers.get("setting") is not None:
        setting, undecided = named_setting(answers["setting"], sheet.known)
        if undecided:  # a GIAS type that does not decide the setting: asked for, not guessed
            del answers["setting"]
            notes.append(f"school.setting {undecided}")
    readings = read.cohort_readings
    if (
        "npq_cohort" not in answers
        and sheet.cohort is not None
        and (readings is None or sheet.cohort in readings)
    ):
        answers["npq_cohort"] = sheet.cohort  # --cohort, where the row names none (or it is one reading)
    elif readings is not None and "npq_cohort" not in answers and read.cohort_note:
        notes.append(read.cohort_note)
    closed = school.get("school.establishment_status") if school is not None else None
    if closed and header_key(closed) == "closed":
        problems.insert(
            0,
            InputError(
                f'the school is "{closed}" in GIAS: senco judges people at open schools only.',
                path="school.establishment_status",
            ),
        )
    profile = None
    if not record.problem:
        while True:
            try:
                # the answers as they are: profile_from_answers only puts a TRN's or a
                # setting's value in its usual form, which reads the same a second time
                profile = profile_from_answers(answers, where, sheet.known)
                check_dates(profile, sheet.as_of, where)
                break
            except InputError as error:
                problems.append(error)
                key = next((k for k in answers if KEY_PATHS.get(k) == error.path), None)
                if key is None:
                    profile = None
                    break
                del answers[key]  # judge the rest without the answer in question
    if school is not None:
        school_name, urn, laestab = school.get("school.name"), school.get("school.urn"), school_number(school)
    else:
        school_name = urn = laestab = None
    unsure = bool(notes)
    # How the row was read (one person's rows joined) is said first; it leaves nothing open.
    note = " ".join([record.note, *notes] if record.note else notes) or None
    if not problems:
        return Row(record.number, cells, profile, None, school_name, urn, note, laestab, unsure)
    first = problems[0]
    column = first.path if first.path in PLACES or first.path in ROSTER_COLUMNS else ""
    failure = InputError(first.message, path=column, file=f"{sheet.file}: {where}", code=first.code)
    return Row(record.number, cells, profile, failure, school_name, urn, note, laestab, unsure)


_READERS: dict[int, tuple[Sheet, CellReader]] = {}
KEPT_SHEETS = 4  # sheets whose readers are kept; a run reads one (and --schools, another)


def cell_reader(sheet: Sheet) -> CellReader:
    """The sheet's CellReader, made once for the sheet object and kept with it."""
    found = _READERS.get(id(sheet))
    if found is not None and found[0] is sheet:
        return found[1]
    if len(_READERS) >= KEPT_SHEETS:
        _READERS.clear()
    reader = CellReader(sheet.columns, sheet.header_row(), sheet.known)
    _READERS[id(sheet)] = (sheet, reader)
    return reader


def forget_readings() -> None:
    """Drop every sheet's remembered readings (tests read each row afresh with it)."""
    _READERS.clear()


LAESTAB = re.compile(r"\s*\d{3}[/ -]?\d{4}\s*")  # a school's LA and establishment number: 202/2019


def school_number(school: dict[str, str]) -> str | None:
    """The school's LAESTAB ("DfE number"): seven digits, its LA code and establishment
    number, given as one (201/3614, 2013614) or in GIAS's two columns."""
    given = school.get("school.laestab")
    if given:
        return "".join(ch for ch in given if ch.isdigit()) if LAESTAB.fullmatch(given) else shown(given)
    la, number = school.get("school.la_code"), school.get("school.establishment_number")
    if la and number and la.isdigit() and number.isdigit() and len(la) <= 3 and len(number) <= 4:
        return f"{int(la):03d}{int(number):04d}"
    return None
