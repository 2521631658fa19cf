"""A roster's cells as the answers they stand for, read once for each distinct text.

Cells are read as typed in spreadsheets: yes/no, true/false, y/n or 1/0 in any case; dates
as 2025-09-01 or UK day/month/year; blank means unanswered. School type takes senco's
setting ids, their labels, or GIAS establishment types by name or code.

What a cell says depends on its column, its text and the rules' words (the Vocabulary)
alone, and a roster repeats a few dozen words a column (and its dates) thousands of times:
a sheet's CellReader reads each distinct text of a column once and remembers the reading,
KEPT_CELLS texts a column and KEPT_IN_ALL in all at most, each of LONGEST_KEPT characters
at most, so that a roster of a million rows of long, never-repeated cells holds no more than
a few megabytes of them. What depends on the row (two columns that must agree, a
name given in parts, a post that answers three questions) is worked out row by row, in
RowCells.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.profile.model import ROSTER_COLUMNS, SECTIONS, Vocabulary, header_key
from senco_cli.rules.answers import NOT_APPLICABLE  # words that answer nothing ("N/A")
from senco_cli.schema import Field, problem_with
from senco_cli.text import mask_cell

# Each column's answer key and field: "school.setting" -> ("setting", Field(...)).
PLACES = {f"{section}.{key}": (key, spec) for section, keys in SECTIONS.items() for key, spec in keys.items()}
# Checked against the rules' ids, which are lower case.
LOWER_CASE_IDS = ("school.setting", "qualifications.qts_route")
TRUE_WORDS = {"yes", "true", "y", "1"}
FALSE_WORDS = {"no", "false", "n", "0"}

KEPT_CELLS = 4096  # distinct texts remembered a column (a name or TRN column never repeats)
KEPT_IN_ALL = 32_768  # distinct texts remembered a sheet, all its columns together
LONGEST_KEPT = 64  # characters: words, dates and numbers are shorter; longer is read afresh
NAME_PARTS = "(name parts)"  # what a name put together from given and family names is said by

# What one cell says, whatever the row, as a plain 7-tuple (read once a cell, it must be quick):
#   (ANSWER, column it answers, answer key, value, value as two cells are compared, note, header)
#   (ERROR, message, path, file, code, None, None)       the cell cannot be read
#   (COHORT, readings, note, None, None, None, None)     a DfE cohort that names no one cohort
#   (ROSTER, value, None, None, None, None, None)        a school or person column, spaces tidied
#   (BLANK, None, None, None, None, None, None)          nothing in it
# An answer's reading is also what RowCells.said keeps: the value compared and the header.
Reading = tuple[int, Any, Any, Any, Any, Any, Any]
ANSWER, ERROR, COHORT, ROSTER, BLANK = range(5)
BLANK_CELL: Reading = (BLANK, None, None, None, None, None, None)
ROSTER_COLUMN_SET = frozenset(ROSTER_COLUMNS)


def cell_reading(column: str, header: str, cell: str, known: Vocabulary) -> Reading:
    """What a cell of `column` (under `header`) says, as a Reading. Depends on these and
    `known` only: CellReader remembers it by them."""
    if not cell or cell.isspace():
        return BLANK_CELL
    if column in ROSTER_COLUMN_SET:
        value = " ".join(cell.split())
        if column == "school.urn" and URN_AS_NUMBER.fullmatch(value):
            value = value.split(".")[0]  # 100000.0: a URN read as a number
        return (ROSTER, value, None, None, None, None, None)
    text = cell.strip()
    if column == "you.trn" and text.startswith("*") and MASKED_TRN.fullmatch(text):
        # senco's own results show a TRN by its last three digits: a person with a TRN.
        return answer_reading("you.has_trn", True, None, header, known)
    try:
        value, note = read_word(text, column, known)
    except InputError as error:
        return (ERROR, error.message, error.path, error.file, error.code, None, None)
    if note is not None and "{header}" in note:
        note = note.replace("{header}", header)
    if isinstance(value, tuple):  # a DfE cohort that could be either of these (or none known)
        return (COHORT, value, note, None, None, None, None)
    return answer_reading(column, value, note, header, known)


def answer_reading(column: str, value: Any, note: str | None, header: str, known: Vocabulary) -> Reading:
    """`column` answered `value` by the cell under `header`. Two cells for one column are
    compared by what they mean: a setting by the id it names."""
    compared = value
    if column == "school.setting" and isinstance(value, str):
        compared = known.setting_names.get(header_key(value), (value, ""))[0]
    return (ANSWER, column, PLACES[column][0], value, compared, note, header)


Spot = tuple[str, str, dict[str, Reading]]  # a column's key, its header, its texts read so far


class CellReader:
    """How a sheet's cells are read, worked out once for the sheet: each column's key and
    header, and each distinct text a column holds, read once (KEPT_CELLS a column, KEPT_IN_ALL
    in all, LONGEST_KEPT characters long at most)."""

    def __init__(self, columns: list[str | None], headers: list[str], known: Vocabulary) -> None:
        self.known = known
        self.room = KEPT_IN_ALL  # texts that may still be remembered
        self.spots: list[Spot | None] = [
            None if column is None else (column, headers[index] if index < len(headers) else column, {})
            for index, column in enumerate(columns)
        ]

    def row(self, cells: list[str], problems: list[InputError]) -> RowCells:
        """A row's cells read (problems found are added to `problems`)."""
        read = RowCells(self.known, problems)
        said, answers, notes = read.said, read.answers, read.notes
        for spot, cell in zip(self.spots, cells, strict=False):
            if spot is None:
                continue
            column, header, seen = spot
            reading = seen.get(cell)
            if reading is None:
                reading = cell_reading(column, header, cell, self.known)
                if len(seen) < KEPT_CELLS and len(cell) <= LONGEST_KEPT and self.room:
                    seen[cell] = reading
                    self.room -= 1
            kind, said_as, key, value, _, note, _ = reading
            if kind == ANSWER:
                if note:
                    notes.append(note)
                if said_as in said:
                    read.answer(reading)
                else:  # the first cell for its column, as nearly every one is
                    said[said_as] = reading
                    if value is not None:
                        answers[key] = value
            elif kind == ROSTER:
                read.roster_cell(column, said_as, header)
            elif kind == ERROR:
                problems.append(InputError(said_as, key, value, reading[4]))
            elif kind == COHORT:
                read.cohort_readings, read.cohort_note = said_as, key
        return read


class RowCells:
    """A row's cells read one by one into answers, the school's columns and notes."""

    __slots__ = (
        "known",
        "problems",
        "answers",
        "school",
        "notes",
        "said",
        "cohort_readings",
        "cohort_note",
        "names",
    )

    def __init__(self, known: Vocabulary, problems: list[InputError]) -> None:
        self.known = known
        self.problems = problems
        self.answers: dict[str, Any] = {}
        self.school: dict[str, str] | None = None  # the school's columns, when the sheet has any
        self.notes: list[str] = []
        self.said: dict[str, Reading] = {}  # column -> the answer's reading (what it was read as, the header)
        self.cohort_readings: tuple[str, ...] | None = None  # a cohort cell that names no one cohort
        self.cohort_note: str | None = None
        self.names: dict[str, str] | None = None  # the name's parts, when the sheet has them

    def answer(self, reading: Reading) -> None:
        """An answer's reading; a second cell for its column must agree with the first."""
        _, column, key, value, compared, _, header = reading
        said = self.said.get(column)
        if said is not None and said[6] != NAME_PARTS:
            if said[4] != compared:
                self.problems.append(
                    InputError(f'"{said[6]}" and "{header}" disagree: correct one of them.', path=column)
                )
            return
        self.said[column] = reading
        if value is not None:
            self.answers[key] = value

    def _answer(self, column: str, value: Any, header: str) -> None:
        self.answer(answer_reading(column, value, None, header, self.known))

    def roster_cell(self, column: str, value: str, header: str) -> None:
        """A school or person column that is not an answer itself."""
        if column in ("you.given_name", "you.family_name", "you.preferred_name"):
            if self.names is None:
                self.names = {}
            self.names.setdefault(column, value)
            self._name(self.names)
            return
        if column == "role.post":
            self._post(value, header)
            return
        if self.school is None:
            self.school = {}
        school = self.school
        if column == "school.country":
            inside = header_key(value)
            if inside == "england":
                self._answer("school.in_england", True, header)
            elif inside not in UK_WIDE:
                self._answer("school.in_england", False, header)
            school.setdefault(column, value)
        elif column in school and header_key(school[column]) != header_key(value):
            self.problems.append(
                InputError(f'"{header}" disagrees with an earlier {column} column.', path=column)
            )
        else:
            school.setdefault(column, value)

    def _name(self, names: dict[str, str]) -> None:
        first = names.get("you.preferred_name") or names.get("you.given_name")
        parts = [part for part in (first, names.get("you.family_name")) if part]
        if "you.name" in self.said and self.said["you.name"][6] != NAME_PARTS:
            return  # a whole name column wins over the parts
        self.said["you.name"] = answer_reading("you.name", " ".join(parts), None, NAME_PARTS, self.known)
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
    a cohort by id, label or DfE's start year, else read_cell. Returns the value and a note
    when the word could mean two answers (the cautious one is taken). A roster's reading of
    each distinct text is remembered by CellReader, not here."""
    spec = PLACES[column][1]
    words = known.words.get(YES_NO if spec.kind == "bool" else column)
    key = header_key(text)
    if words:
        found = words.get(key)
        if found is not None:
            return found
    if column != "you.name":  # a name is whatever it says
        found = known.words.get(NOT_APPLICABLE, {}).get(key)
        if found is not None:  # "N/A": left unanswered, saying so
            return found
    return read_cell(text, spec, column), None


YES_NO = "yes_no"


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
    if column == "you.trn" and not (len(text) == 7 and text.isdecimal()):  # seven digits: as it is
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
                f'"{text}" is not a date: use 2025-09-01, 01/09/2025 (day/month/year) or 1 Sep 2025.',
                path=column,
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
