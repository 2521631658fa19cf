"""Excel workbooks with XlsxWriter, imported only here: the audit's results (Staff, Schools,
Summary) and a roster template with drop-down lists from the rules data.

Every cell from a roster is written as a string, never as a formula, so text that starts
with "=", "+", "-" or "@" shows as text in Excel and never runs (OWASP CSV injection).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from senco_cli.audit.missing import usual_header
from senco_cli.audit.person import RowResult
from senco_cli.audit.rows import Assessed, AuditResult, row_state
from senco_cli.audit.schools import SCHOOL_STATUS
from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.roster.cells import PLACES
from senco_cli.roster.sheet import TEMPLATE_ROW, Sheet, template_columns
from senco_cli.rules.model import Rules
from senco_cli.text import FUNDING_WORDS

DATE_FORMAT = "d mmmm yyyy"
# The Result column's fill by its word, so that overdue and at risk, and needs correcting and
# can't tell, look different as well as reading different (all light: black text stays AA).
RESULT_FILLS = {
    "in breach": "#f6d0d0",
    "overdue": "#f6d0d0",
    "at risk": "#fde2c4",
    "needs correcting": "#e4dcf2",
    "can't tell": "#fbe5b6",
    "ready": "#cce8d4",
    "not ready": "#ffffff",
}
DATE_WIDTH = 19  # characters: "30 September 2028" shows whole, never as ###
LINE_HEIGHT = 15  # points: one line of 11 pt text
DATE_TEXT = len("30 September 2028")  # the longest date as DATE_FORMAT shows it
TEXT_WIDTH = 30  # characters: a roster's own column is no wider; longer text wraps
LONG_WIDTH = 40  # characters: Next step, To correct and Note wrap at this width
# Characters of column width one printed A4 landscape page holds at a legible size: about
# 100 at full size, so 135 at three quarters (11 pt text printed at 8 pt). A wider sheet
# prints over more pages across, its first column on each, rather than shrunk to one
# unreadable page (12 people in 22 columns fitted to one page printed at 3 pt, measured
# with LibreOffice: tests/test_xlsx_print.py).
PAGE_CHARACTERS = 135
A4 = 9  # XlsxWriter's paper code for A4
# The result word says overdue, at risk, can't tell, ready or not ready: one column, a colour.
RESULT_HEADERS = (
    "Result",
    "Deadline",
    "Days left",
    "Next step",
    "NPQ funding",
    "To correct",
    "Note",
    "Row in roster",
)
RESULT_LIST_WARNING = (
    "senco reads the listed words and the usual ones (Exempt, Completed, codes such as in_progress). "
    "Keep it if it is one of those."
)
OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


MAX_ROWS = 1_048_576  # in an Excel sheet (Excel specifications and limits)
# Rows made as tall as their wrapped text, at most: XlsxWriter keeps every row height it is
# given until the file closes, so past this many (a roster nobody prints) rows keep the
# sheet's height and memory stays flat.
TALL_ROWS_MAX = 100_000
MAX_COLUMNS = 16_384


def _workbook(stream: IO[bytes], scratch: Path | None = None) -> Any:
    """A workbook written to `stream`; with a `scratch` folder, row by row in constant memory,
    its temporary files there (never in the system's temporary folder)."""
    import xlsxwriter

    options: dict[str, Any] = {
        **OPTIONS,
        "constant_memory": scratch is not None,
        "in_memory": scratch is None,
    }
    if scratch is not None:
        options["tmpdir"] = str(scratch)
    return xlsxwriter.Workbook(stream, options)


def _closed(book: Any) -> None:
    """Close the workbook; a failure to write (a full disk) is the OSError it wraps."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        book.close()
    except FileCreateError as error:
        cause = error.args[0] if error.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(error)) from None


class AuditWorkbook:
    """The results as a workbook: Staff (the roster's own columns, then the results, in the
    roster's order so it lines up with the file), Schools (when the roster names them) and
    Summary. Staff is written row by row as people are assessed, in constant memory."""

    cells = "raw"  # what each assessed row keeps of its cells

    def __init__(
        self, stream: IO[bytes], sheet: Sheet, to_file: bool = True, scratch: Path | None = None
    ) -> None:
        columns = len(sheet.header_row()) + len(RESULT_HEADERS)
        if columns > MAX_COLUMNS:
            raise InputError(
                f"has {len(sheet.header_row()):,} columns: with senco's {len(RESULT_HEADERS)} they pass the "
                f"{MAX_COLUMNS:,} columns an Excel sheet holds. Use --format csv, or leave columns out of the roster.",
                file=sheet.file,
                code="too_large",
            )
        self.file = sheet.file
        self.book = _workbook(stream, scratch)
        self.bold = self.book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        self.date = self.book.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.top = self.book.add_format({"valign": "top"})  # numbers beside wrapped text
        self.states = {
            word: self.book.add_format(
                {"bg_color": colour, "border": 1, "border_color": "#b1b4b6", "valign": "top"}
            )
            for word, colour in RESULT_FILLS.items()
        }
        # "To correct" names the column by the sheet's own header, as the person wrote it.
        self.header_of = {
            column: header
            for column, header in zip(sheet.columns, sheet.header_row(), strict=False)
            if column is not None
        }
        self.columns = sheet.columns
        self.staff = self.book.add_worksheet("Staff")
        self.own = len(sheet.header_row())
        self.headers = [*sheet.header_row(), *RESULT_HEADERS]
        # Each column's width as the longest text it shows (a header wraps at its words).
        self.widths = [max((len(word) for word in header.split()), default=4) for header in self.headers]
        # Rows are as tall as their wrapped text: set here, as no spreadsheet is sure to.
        header_lines = max(
            len(textwrap.wrap(h, width + 3)) or 1 for h, width in zip(self.headers, self.widths, strict=True)
        )
        self.staff.set_row(0, LINE_HEIGHT * header_lines)
        self.staff.write_row(0, 0, self.headers, self.bold)
        self.staff.freeze_panes(1, 0)
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.date_columns = {
            index
            for index, column in enumerate(sheet.columns)
            if column in PLACES and PLACES[column][1].kind == "date"
        }
        self.written = 0

    def rows(self, assessed: Iterable[Assessed]) -> Iterator[Assessed]:
        """Pass each assessed row through, writing it to Staff on the way."""
        try:
            for row, cells in assessed:
                self.written += 1
                if self.written >= MAX_ROWS:  # never cut short without a word
                    raise InputError(
                        f"has more people than an Excel sheet holds ({MAX_ROWS - 1:,} fit below its header): "
                        "use --format csv, which has no such limit, or split the roster.",
                        file=self.file,
                        code="too_large",
                    )
                self._staff_row(self.written, row, cells)
                yield row, cells
        except BaseException:  # an error, Ctrl-C or a signal: the run ends here
            self.abandon()
            raise

    def abandon(self) -> None:
        """Close the sheets' temporary files (their folder is removed by the caller)."""
        for sheet in self.book.worksheets():
            handle = getattr(sheet, "row_data_fh", None)
            if handle is not None and not handle.closed:
                handle.close()

    def _staff_row(self, number: int, row: RowResult, cells: list[str]) -> None:
        staff = self.staff
        for index, cell in enumerate(cells):
            day = _date(cell) if index in self.date_columns else None
            if day is not None:
                staff.write_datetime(number, index, dt.datetime.combine(day, dt.time()), self.date)
                self._shows(index, DATE_TEXT)
            elif cell:
                staff.write_string(number, index, cell, self.wrap)
                self._shows(index, len(cell))
        word, _ = row_state(row)
        at = self.own
        texts = (
            (3, row.next_step_title),
            (4, FUNDING_WORDS[row.funding][1] if row.funding else None),
            (5, self.own_header(row.error) if row.error else None),
            (6, row.note),
        )
        lines = max(
            (_lines(cell, TEXT_WIDTH) for index, cell in enumerate(cells) if index not in self.date_columns),
            default=1,
        )
        lines = max(lines, *(_lines(text or "", LONG_WIDTH) for _, text in texts))
        # Before the row's cells: in constant memory a row is final once the next begins.
        if lines > 1 and number <= TALL_ROWS_MAX:
            staff.set_row(number, LINE_HEIGHT * lines)
        staff.write_string(number, at, word, self.states[word])
        self._shows(at, len(word))
        if row.deadline is not None:
            staff.write_datetime(number, at + 1, dt.datetime.combine(row.deadline, dt.time()), self.date)
            self._shows(at + 1, DATE_TEXT)
        if row.days_left is not None:
            staff.write_number(number, at + 2, row.days_left, self.top)
            self._shows(at + 2, len(str(row.days_left)))
        for offset, text in texts:
            if text:
                staff.write_string(number, at + offset, text, self.wrap)
                self._shows(at + offset, len(text))
        staff.write_number(number, at + 7, row.row, self.top)
        self._shows(at + 7, len(str(row.row)))

    def _shows(self, index: int, length: int) -> None:
        if length > self.widths[index]:
            self.widths[index] = length

    def _drop_downs(self) -> None:
        """Each choice column of the roster (as the template's: data/answers.toml's words,
        the settings' and cohorts' labels) gets the template's drop-down over its rows, so a
        row can be corrected and the audit run again on this workbook. A warning, not a
        stop: the usual words (Exempt, Completed) and GIAS type names are read too."""
        from senco_cli.rules.cache import bundled_rules

        rules = bundled_rules()
        offered = [
            (index, column, _choices(rules, column, PLACES[column][1]))
            for index, column in enumerate(self.columns)
            if column in PLACES
        ]
        offered = [(index, column, words) for index, column, words in offered if words]
        if not offered or not self.written:
            return
        lists = self.book.add_worksheet("Lists")
        # Row by row: the sheet is written in constant memory, so rows go in order.
        lists.write_row(0, 0, [self.header_of.get(column, column) for _, column, _ in offered])
        for row in range(max(len(words) for _, _, words in offered)):
            for at, (_, _, words) in enumerate(offered):
                if row < len(words):
                    lists.write_string(row + 1, at, words[row])
        for at, (index, _, words) in enumerate(offered):
            letter = _letter(at)
            self.staff.data_validation(
                1,
                index,
                self.written,
                index,
                {
                    "validate": "list",
                    "source": f"=Lists!${letter}$2:${letter}${len(words) + 1}",
                    "error_type": "warning",
                    "error_title": "Not one of the listed words",
                    "error_message": RESULT_LIST_WARNING,
                },
            )
        lists.hide()

    def column_widths(self) -> list[float]:
        """Each column as wide as what it shows (its header's longest word, its longest
        cell; the filter button's room added), dates whole, long text wrapped."""
        widths: list[float] = []
        for index, shown in enumerate(self.widths):
            longest = LONG_WIDTH if index in (self.own + 3, self.own + 5, self.own + 6) else TEXT_WIDTH
            width = min(shown, longest) + 3
            if index in self.date_columns or index == self.own + 1:
                width = max(width, DATE_WIDTH)
            widths.append(width)
        return widths

    def own_header(self, error: str) -> str:
        """An error that starts with a column's key ("role.senco_since: ...") says the sheet's
        own header for it instead."""
        column, said, rest = error.partition(": ")
        header = self.header_of.get(column)
        return f"{header}: {rest}" if said and header else error

    def finish(self, result: AuditResult) -> None:
        self.staff.autofilter(0, 0, self.written, len(self.headers) - 1)
        widths = self.column_widths()
        for index, width in enumerate(widths):
            self.staff.set_column(index, index, width)
        print_setup(self.staff, pages_wide(widths))
        self.staff.repeat_columns(0)  # the first column (the name, as a roster has it) on every page
        if result.schools:
            _schools(self.book, result, self.bold, self.date)
        _summary(self.book, result, self.bold, self.date)
        self._drop_downs()
        try:
            _closed(self.book)
        except BaseException:
            self.abandon()
            raise


def print_setup(sheet: Any, wide: int = 1) -> None:
    """Landscape A4, `wide` pages across (as many down as it takes), the header row on
    every page."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(wide, 0)
    sheet.repeat_rows(0)


def _lines(text: str, width: int) -> int:
    """The lines `text` wraps to in a column at most `width` characters wide (+3 padding)."""
    return len(textwrap.wrap(text, width + 3)) or 1 if len(text) > width else 1


def pages_wide(widths: list[float]) -> int:
    """The pages across that columns of these widths print on at a legible size."""
    return max(1, math.ceil(sum(widths) / PAGE_CHARACTERS))


def _date(cell: str) -> dt.date | None:
    try:
        return parse_date(cell) if cell else None
    except ValueError:
        return None


def _schools(book: Any, result: AuditResult, bold: Any, date: Any) -> None:
    sheet = book.add_worksheet("Schools")
    headers = [
        "School",
        "URN",
        "Regulation 49",
        "People",
        "SENCOs",
        "In breach",
        "Overdue",
        "At risk",
        "To correct",
        "Earliest deadline",
    ]
    sheet.set_row(0, LINE_HEIGHT * 2)
    sheet.write_row(0, 0, headers, bold)
    sheet.freeze_panes(1, 0)
    for number, school in enumerate(result.schools, start=1):
        sheet.write_string(number, 0, school.name)
        sheet.write_string(number, 1, school.urn or "")
        sheet.write_string(number, 2, SCHOOL_STATUS[school.status])
        for offset, count in enumerate(
            (school.people, school.sencos, school.in_breach, school.overdue, school.at_risk, school.invalid)
        ):
            sheet.write_number(number, 3 + offset, count)
        if school.earliest_deadline is not None:
            sheet.write_datetime(number, 9, dt.datetime.combine(school.earliest_deadline, dt.time()), date)
    sheet.autofilter(0, 0, len(result.schools), len(headers) - 1)
    longest = max((len(school.name) for school in result.schools), default=0)
    sheet.set_column(0, 0, min(max(longest, len("School")), TEXT_WIDTH) + 2)
    sheet.set_column(2, 2, 36)
    sheet.set_column(3, 8, 10)  # counts under headers that wrap ("To correct")
    sheet.set_column(9, 9, DATE_WIDTH)
    print_setup(sheet)


SUMMARY_LINE = 60  # characters of a note on one line of the Summary's two columns (66 wide)
SUMMARY_LABELS = {
    "rows": "People",
    "ready": "Ready",
    "not_ready": "Not ready",
    "invalid": "To correct",
    "in_breach": "In breach",
    "overdue": "Overdue",
    "at_risk": "At risk",
    "due_within_6_months": "Due within 6 months",
    "cant_tell": "Can't tell",
    "schools": "Schools",
    "schools_meeting_reg49": "Schools with a SENCO who meets regulation 49",
}


def _summary(book: Any, result: AuditResult, bold: Any, date: Any) -> None:
    sheet = book.add_worksheet("Summary")
    summary = result.summary()
    sheet.write_row(0, 0, ["SENCO audit", ""], bold)
    sheet.write_string(1, 0, "As of")
    sheet.write_datetime(1, 1, dt.datetime.combine(result.as_of, dt.time()), date)
    sheet.write_string(2, 0, "Rules data reviewed")
    sheet.write_datetime(2, 1, dt.datetime.combine(result.data_reviewed, dt.time()), date)
    line = 4
    for key, label in SUMMARY_LABELS.items():
        sheet.write_string(line, 0, label)
        sheet.write_number(line, 1, summary[key])
        line += 1
    line += 1
    # The notes wrap across both columns: on paper, they stay on the page.
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for note in ("TRNs show their last three digits only.", *result.warnings):
        sheet.merge_range(line, 0, line, 1, note, wrap)
        sheet.set_row(line, LINE_HEIGHT * (len(textwrap.wrap(note, SUMMARY_LINE)) or 1))
        line += 1
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 1, 18)
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)


# ---- the template -------------------------------------------------------------------


def header_name(rules: Rules, column: str) -> str:
    """A column's usual header: the first alias in data/columns.toml, else its key."""
    return usual_header(column, rules.column_names)


def write_template_workbook(rules: Rules, stream: IO[bytes]) -> None:
    """A Staff sheet with the usual headers, an example row and drop-down lists; a hidden
    Lists sheet holding the choices; an Instructions sheet."""
    book = _workbook(stream)
    bold = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    date = book.add_format({"num_format": DATE_FORMAT})
    text = book.add_format({"num_format": "@"})
    staff = book.add_worksheet("Staff")
    lists = book.add_worksheet("Lists")
    instructions = book.add_worksheet("Instructions")
    columns = template_columns()
    staff.write_row(0, 0, [header_name(rules, column) for column in columns], bold)
    staff.freeze_panes(1, 0)
    example = {**TEMPLATE_ROW, "school.setting": "Academy converter"}  # a GIAS type name
    list_column = 0
    for index, column in enumerate(columns):
        spec = PLACES[column][1] if column in PLACES else None
        value = example.get(column, "")
        if spec is not None and spec.kind == "date":
            staff.set_column(index, index, 16, date)
            day = _date(value)
            if day is not None:
                staff.write_datetime(1, index, dt.datetime.combine(day, dt.time()), date)
        else:
            staff.set_column(index, index, 18, text if column in ("you.trn", "school.urn") else None)
            if value:
                staff.write_string(1, index, value)
        choices = _choices(rules, column, spec)
        if choices:
            lists.write_string(0, list_column, header_name(rules, column))
            lists.write_column(1, list_column, choices)
            letter = _letter(list_column)
            staff.data_validation(
                1,
                index,
                10_000,
                index,
                {
                    "validate": "list",
                    "source": f"=Lists!${letter}$2:${letter}${len(choices) + 1}",
                    # A warning, not a stop: GIAS type names and codes are accepted too.
                    "error_type": "warning" if column == "school.setting" else "stop",
                    "error_message": "Choose from the list (see the Instructions sheet).",
                },
            )
            list_column += 1
    lists.hide()
    _instructions(instructions, rules, columns, bold)
    _closed(book)


def _choices(rules: Rules, column: str, spec: Any) -> list[str]:
    """What a column's drop-down offers: the words of data/answers.toml (the interview's),
    the settings' labels, the cohorts' labels; each reads back as the answer it stands for."""
    if column == "school.setting":
        return [setting.label for setting in rules.settings.values()]
    if column == "senco_training.npq_cohort":
        return [cohort.label for cohort in rules.cohorts]
    if spec is None:
        return []
    if spec.kind == "bool":
        return [rules.answers.yes[0], rules.answers.no[0]]
    return rules.answers.sheet_words(column)


def _letter(index: int) -> str:
    """0 -> A: XlsxWriter's own column names."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(index))


def _instructions(sheet: Any, rules: Rules, columns: list[str], bold: Any) -> None:
    lines = [
        "One person per row on the Staff sheet. Leave a cell empty when you don't know: senco then says 'check'.",
        "Choice columns have drop-down lists. School type also takes the GIAS establishment type, by name "
        "(Academy converter, Community school) or code.",
        "Dates are real dates (or typed as 01/09/2025). A TRN is 7 digits: keep it as text so leading zeros stay.",
        "Then run: senco audit staff.xlsx --format xlsx --output results.xlsx",
        "senco reads the file on this computer only; results show TRNs by their last three digits.",
        "",
    ]
    for number, line in enumerate(lines):
        sheet.write_string(number, 0, line)
    start = len(lines)
    sheet.write_row(start, 0, ["Column", "Key", "Also read from these headers"], bold)
    for offset, column in enumerate(columns, start=1):
        names = [n for n in rules.column_names.get(column, ()) if n != header_name(rules, column)]
        sheet.write_row(start + offset, 0, [header_name(rules, column), column, ", ".join(names)])
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, 2, 80)
