"""A roster's rows as profiles: one person per row, from CSV (csv_records.py) or a workbook
(workbook_in.py), under a header read by headers.py.

Cells are read as typed in spreadsheets: yes/no, true/false, y/n or 1/0 in any case; dates
as 2025-09-01 or UK day/month/year; blank means unanswered. School type takes senco's
setting ids, their labels, or GIAS establishment types by name or code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.profile.model import KEY_PATHS, ROSTER_COLUMNS, SECTIONS, Profile, Vocabulary, header_key
from senco_cli.profile.validate import check_dates, named_setting, profile_from_answers
from senco_cli.records import NamedTuple
from senco_cli.roster.csv_records import Record, RecordReader, open_roster
from senco_cli.roster.headers import COLUMNS, Header, Names, find_header
from senco_cli.schema import Field, problem_with
from senco_cli.text import mask_cell, plural

# Each column's answer key and field: "school.setting" -> ("setting", Field(...)).
PLACES = {f"{section}.{key}": (key, spec) for section, keys in SECTIONS.items() for key, spec in keys.items()}
# Checked against the rules' ids, which are lower case.
LOWER_CASE_IDS = ("school.setting", "qualifications.qts_route")
TRUE_WORDS = {"yes", "true", "y", "1"}
FALSE_WORDS = {"no", "false", "n", "0"}
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
    return sheet, rows


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
    cells = record.cells
    if len(cells) > len(columns):
        problems.append(InputError(f"has {len(cells)} cells but the header names {len(columns)} columns."))
    for index, problem in record.flaws:
        column = columns[index] if index < len(columns) else None
        if column is not None:
            from senco_cli.roster.workbook_bounds import column_letters

            cell = f"{column_letters(index)}{record.number}"
            problems.append(InputError(f"cell {cell} {problem}.", path=column, code="cell_error"))
    read = _Cells(sheet.header_row(), sheet.known, problems)
    for index, (column, cell) in enumerate(zip(columns, cells, strict=False)):
        if column is not None and cell and not cell.isspace():
            read.cell(index, column, cell)
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
    closed = school.get("school.establishment_status", "")
    if header_key(closed) == "closed":
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
    laestab = school_number(school)
    unsure = bool(notes)
    # How the row was read (one person's rows joined) is said first; it leaves nothing open.
    note = " ".join([record.note, *notes] if record.note else notes) or None
    if not problems:
        return Row(record.number, cells, profile, None, school_name, urn, note, laestab, unsure)
    first = problems[0]
    column = first.path if first.path in PLACES or first.path in ROSTER_COLUMNS else ""
    failure = InputError(first.message, path=column, file=f"{sheet.file}: {where}", code=first.code)
    return Row(record.number, cells, profile, failure, school_name, urn, note, laestab, unsure)


def school_number(school: dict[str, str]) -> str | None:
    """The school's LAESTAB ("DfE number"): seven digits, its LA code and establishment
    number, given as one (201/3614, 2013614) or in GIAS's two columns."""
    given = school.get("school.laestab")
    if given:
        digits = "".join(ch for ch in given if ch.isdigit())
        return digits if len(digits) == 7 else given
    la, number = school.get("school.la_code"), school.get("school.establishment_number")
    if la and number and la.isdigit() and number.isdigit():
        return f"{int(la):03d}{int(number):04d}"
    return None


class _Cells:
    """A row's cells read one by one into answers, the school's columns and notes."""

    def __init__(self, headers: list[str], known: Vocabulary, problems: list[InputError]) -> None:
        self.headers = headers
        self.known = known
        self.problems = problems
        self.answers: dict[str, Any] = {}
        self.school: dict[str, str] = {}
        self.notes: list[str] = []
        self.said: dict[str, tuple[Any, str]] = {}  # column -> (what it was read as, the header)
        self.cohort_readings: tuple[str, ...] | None = None  # a cohort cell that names no one cohort
        self.cohort_note: str | None = None
        self.names: dict[str, str] = {}

    def cell(self, index: int, column: str, cell: str) -> None:
        header = self.headers[index] if index < len(self.headers) else column
        if column in ROSTER_COLUMNS:
            value = " ".join(cell.split())
            if column == "school.urn" and URN_AS_NUMBER.fullmatch(value):
                value = value.split(".")[0]  # 100000.0: a URN read as a number
            self._roster_cell(column, value, header)
            return
        if column == "you.trn" and MASKED_TRN.fullmatch(cell.strip()):
            # senco's own results show a TRN by its last three digits: a person with a TRN.
            self._answer("you.has_trn", True, header)
            return
        try:
            value, note = read_word(cell.strip(), column, self.known)
        except InputError as error:
            self.problems.append(error)
            return
        if isinstance(value, tuple):  # a DfE cohort that could be either of these (or none known)
            self.cohort_readings, self.cohort_note = value, note
            return
        if note:
            self.notes.append(note)
        self._answer(column, value, header)

    def _answer(self, column: str, value: Any, header: str) -> None:
        compared = value
        if column == "school.setting" and isinstance(value, str):
            compared = self.known.setting_names.get(header_key(value), (value, ""))[0]
        if column in self.said and self.said[column][1] != "(name parts)":
            before, other = self.said[column]
            if before != compared:
                self.problems.append(
                    InputError(f'"{other}" and "{header}" disagree: correct one of them.', path=column)
                )
            return
        self.said[column] = (compared, header)
        if value is not None:
            self.answers[PLACES[column][0]] = value

    def _roster_cell(self, column: str, value: str, header: str) -> None:
        if column in ("you.given_name", "you.family_name", "you.preferred_name"):
            self.names.setdefault(column, value)
            self._name(header)
        elif column == "role.post":
            self._post(value, header)
        elif column == "school.country":
            inside = header_key(value)
            if inside == "england":
                self._answer("school.in_england", True, header)
            elif inside not in UK_WIDE:
                self._answer("school.in_england", False, header)
            self.school.setdefault(column, value)
        elif column in self.school and header_key(self.school[column]) != header_key(value):
            self.problems.append(
                InputError(f'"{header}" disagrees with an earlier {column} column.', path=column)
            )
        else:
            self.school.setdefault(column, value)

    def _name(self, header: str) -> None:
        first = self.names.get("you.preferred_name") or self.names.get("you.given_name")
        parts = [part for part in (first, self.names.get("you.family_name")) if part]
        if "you.name" in self.said and self.said["you.name"][1] != "(name parts)":
            return  # a whole name column wins over the parts
        self.said["you.name"] = (" ".join(parts), "(name parts)")
        self.answers["name"] = " ".join(parts)

    def _post(self, value: str, header: str) -> None:
        """A post (or several, "Teacher; SEN Co-ordinator") as role.senco, role.head_teacher
        and role.teaches_at_school."""
        words = self.known.words.get("role.post", {})
        kinds = {words.get(header_key(post), (None, None))[0] for post in re.split(r"[;/,|]| and ", value)}
        self._answer("role.senco", "yes" if "senco" in kinds else "no", header)
        self._answer("role.head_teacher", "head_teacher" in kinds, header)
        if "teacher" in kinds:
            self._answer("role.teaches_at_school", True, header)


UK_WIDE = {"", "unitedkingdom", "uk", "notapplicable", "na"}  # GIAS country names that do not say


def read_word(text: str, column: str, known: Vocabulary) -> tuple[Any, str | None]:
    """A cell as the answer it stands for: a word of data/answers.toml (the interview's
    titles, the template's drop-down values, the usual words) for a choice or yes/no column,
    a cohort by id, label or DfE's start year, else read_column_cell. Returns the value and
    a note when the word could mean two answers (the cautious one is taken)."""
    spec = PLACES[column][1]
    words = known.words.get(YES_NO if spec.kind == "bool" else column)
    if words:
        found = words.get(_word_key(text))
        if found is not None:
            return found
    return read_column_cell(text, column), None


YES_NO = "yes_no"


@lru_cache(maxsize=4096)
def _word_key(text: str) -> str:
    return header_key(text)


@lru_cache(maxsize=65536)
def read_column_cell(text: str, column: str) -> Any:
    """read_cell, remembered: a roster repeats the same few answers thousands of times."""
    return read_cell(text, PLACES[column][1], column)


URN_AS_NUMBER = re.compile(r"\d+\.0+")
MASKED_TRN = re.compile(r"\*{3,}\d{0,3}")  # a TRN as senco's results show it: ****567
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
SERIAL = re.compile(r"\d{5}(\.\d+)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date numbers (after its 1900 leap-year slip)


def excel_serial(text: str) -> dt.date | None:
    """The date an Excel day number in 1954 to 2119 stands for (20000 to 80000), else None."""
    if not SERIAL.fullmatch(text) or not 20_000 <= float(text) <= 80_000:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(float(text)))


TRN_AS_NUMBER = re.compile(r"^(\d{6,7})(\.0+)?$|^(\d{1,7})\.0+$")


def read_cell(text: str, spec: Field, column: str) -> Any:
    """A spreadsheet cell as the value its column takes; InputError naming the column if not."""
    if column == "you.trn":
        # Spreadsheets store a TRN as a number: 1234567.0, or 123456 for 0123456.
        number = TRN_AS_NUMBER.match(text.replace(" ", ""))
        if number:
            text = (number.group(1) or number.group(3)).zfill(7)
    try:
        value = _convert_cell(text, spec, column)
        problem = problem_with(value, spec)
        if problem is not None:
            raise InputError(problem[0], path=column, code=problem[1])
    except InputError as error:
        # A cell repeated in its message is masked like a TRN when it holds five or more
        # digits: a TRN typed in the wrong column is still a TRN.
        shown = mask_cell(text)
        if shown != text:
            raise InputError(error.message.replace(text, shown), error.path, error.file, error.code) from None
        raise
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
            serial = excel_serial(text)
            if serial is not None:
                raise InputError(
                    f"is a number, not a date: it looks like an Excel date ({serial:%d/%m/%Y}) in a cell "
                    "formatted as General or Number. Format the cell as a date in Excel.",
                    path=column,
                ) from None
            raise InputError(
                f'"{text}" is not a date: use 2025-09-01 or 01/09/2025 (day/month/year).', path=column
            ) from None
    if spec.choices or column in LOWER_CASE_IDS:
        # Spreadsheets capitalise: "Passed" and "Academy" mean the allowed values.
        lowered = text.lower()
        return lowered if lowered in spec.choices or column in LOWER_CASE_IDS else text
    if spec.kind in ("int", "number"):
        if "," in text and not THOUSANDS.fullmatch(text):
            raise InputError(
                f'"{text}" is not a number: write a decimal with a point ("2.5"); a comma only '
                'separates thousands ("1,000").',
                path=column,
            )
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
