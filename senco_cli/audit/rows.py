"""`senco audit`: every row of a roster assessed with the same engine as `senco check`."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

from senco_cli.audit.missing import lacking, missing_columns, usual_header
from senco_cli.audit.ordered import OrderedRows
from senco_cli.audit.person import RowResult
from senco_cli.audit.schools import ListedSchool, SchoolList, SchoolSummary, SchoolTable, school_key
from senco_cli.dates import add_months
from senco_cli.logic.assess import judge
from senco_cli.logic.notices import say
from senco_cli.logic.report import FINISHED
from senco_cli.records import NamedTuple
from senco_cli.roster.csv_records import Record
from senco_cli.roster.sheet import Sheet, cell_reader, to_row
from senco_cli.rules.model import Rules
from senco_cli.text import mask_numbers, mask_trn, plain, plural, shown

DUE_SOON_MONTHS = 6
RESULT_COLUMNS = (
    "result.status",
    "result.qualified",
    "result.deadline",
    "result.days_left",
    "result.overdue",
    "result.funding",
    "result.next_step",
    "result.error",
    "result.at_risk",
    "result.cant_tell",
    "result.note",
    "result.situation",
)
# A cell Excel or LibreOffice would run as a formula starts with one of these (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text and never runs as a formula. A plain number such as
    -90 (days left when overdue) is a number to a spreadsheet, not a formula: it stays one."""
    if PLAIN_NUMBER.fullmatch(cell):
        return cell
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# Each result's symbol, shown with its word so that colour is never the only cue.
STATE_SYMBOLS = {"bad": "✘", "good": "✔", "warn": "!", "plain": "✘"}


def row_state(row: RowResult) -> tuple[str, str]:
    """The result's word and its colour (RowResult.state): every format takes it from here."""
    return row.state()


def situation_of_row(situation: str, error: str | None) -> str:
    """A row with a cell to correct was judged without that cell, so only a breach (which rests
    on answers that were read) stands; anything else is can't tell until it is corrected."""
    return situation if error is None or situation == "in_breach" else "cant_tell"


_THIRD_PERSON: dict[tuple[int, str], tuple[Rules, str]] = {}


def third_person(rules: Rules, title: str) -> str:
    """A step's title about someone else (rules.third_person), remembered: a roster's rows
    share a few dozen titles."""
    found = _THIRD_PERSON.get((id(rules), title))
    if found is not None and found[0] is rules:
        return found[1]
    if len(_THIRD_PERSON) >= 4096:
        _THIRD_PERSON.clear()
    said = rules.third_person(title)
    _THIRD_PERSON[(id(rules), title)] = (rules, said)
    return said


STATUS = attrgetter("status")


def assess_row(record: Record, sheet: Sheet, rules: Rules) -> RowResult:
    """A row judged from every answer that could be read; a row with a problem is `invalid`
    but keeps its name and what could be judged (a deadline from a good date, say)."""
    row = to_row(record, sheet)
    error = None
    if row.error is not None:
        where = f"{row.error.path}: " if row.error.path else ""
        error = mask_numbers(plain(where + row.error.message))
    if row.profile is None:
        name, trn = identity(record, sheet)
        return RowResult(
            record.number, shown(name), mask_trn(trn), "invalid", None, None, None, False, None, None, None, None,
            error, school=shown(row.school), urn=shown(row.urn), note=shown(row.note), laestab=row.laestab,
        )  # fmt: skip
    profile = row.profile
    name, trn = profile.name, profile.trn
    if error is not None and (name is None or trn is None):  # the answer in question was set aside
        read_name, read_trn = identity(record, sheet)
        name, trn = name or read_name, trn or read_trn
    report = judge(profile, rules, sheet.as_of)  # the verdict: no words are shown per row
    steps, action, situation, deadline = report.steps, report.next_action, report.situation, report.deadline
    # The step the next action is about, else the first step still open.
    open_step = next((s for s in steps if s.id == action.code), None) if action is not None else None
    if open_step is None:
        open_step = next((s for s in steps if s.status not in FINISHED), None)
    status = "invalid" if error else ("ready" if report.ready else "not_ready")
    senco = profile.senco == "yes" or profile.senco_since is not None
    # Meets regulation 49 today: bound, can be designated, qualified or within the deadline,
    # and the situation (the same decision as `check`) is neither a breach nor overdue.
    in_time = report.qualified or deadline.applies is True
    meets = report.statutory is True and in_time and situation not in ("in_breach", "overdue")
    cant_tell = row.unsure or situation == "cant_tell" or "check" in map(STATUS, steps)
    lacks = lacking(profile, ((s.id, s.status) for s in steps)) if cant_tell else ()
    note = row.note
    if lacks:
        needs = say(
            rules, "audit_needs_answer", columns=", ".join(usual_header(c, rules.column_names) for c in lacks)
        )
        note = f"{note} {needs}" if note else needs
    return RowResult(
        row=record.number,
        name=shown(name),
        trn=mask_trn(trn),
        status=status,
        qualified=report.qualified,
        deadline=deadline.date,
        days_left=deadline.days_left,
        overdue=situation == "overdue" and not error,  # a row to correct is never counted overdue
        funding=report.funding.status,
        cohort=report.funding.cohort,
        next_step=open_step.id if open_step else None,
        next_step_title=third_person(rules, open_step.title) if open_step else None,
        error=error,
        at_risk=report.at_risk and not error,
        cant_tell=cant_tell,
        school=shown(row.school),
        urn=shown(row.urn),
        note=shown(note),
        senco=senco,
        statutory=report.statutory,
        meets_reg49=bool(senco and meets and report.can_be_designated and not error),
        situation=situation_of_row(situation, error),
        next_action=action.code if action else None,
        next_by=action.by if action else None,
        laestab=row.laestab,
        can_be_designated=report.can_be_designated,
        lacks=lacks,
    )


def identity(record: Record, sheet: Sheet) -> tuple[str | None, str | None]:
    """Whose row it is, read from its cells alone: the name and the TRN (unmasked: the caller
    masks it), each None where its cell is blank or cannot be read. A row with a problem is
    not judged whole, but is still shown with these (and its school, which to_row reads).
    Cells after one that runs across lines are not read: they may be the next person's."""
    cells = record.cells
    spans = next((n for n, cell in enumerate(cells) if "\n" in cell or "\r" in cell), None)
    if spans is not None:
        cells = cells[:spans]
    if not cells:
        return None, None
    answers = cell_reader(sheet).row(cells, []).answers
    name, trn = answers.get("name"), answers.get("trn")
    return (name if isinstance(name, str) else None), (trn if isinstance(trn, str) else None)


class AuditResult(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    rows: Sequence[RowResult]  # sorted by urgency; by school first when `by` is "school"
    warnings: tuple[str, ...]
    lines: int | None = None  # data lines in the file: lines with something in a cell, the header aside
    by: str = "school"  # "school": grouped by school (when the roster names schools); "person"
    schools: tuple[SchoolSummary, ...] = ()  # one per school, most urgent first; none if none named
    missing: tuple[tuple[str, int], ...] = ()  # columns the roster lacks: (usual header, rows it would judge)

    def missing_line(self) -> str | None:
        """The columns to add, said once: "Add an Induction column to judge 10 rows; ..."."""
        if not self.missing:
            return None
        adds = "; ".join(
            f"{'an' if header[:1].lower() in 'aeiou' else 'a'} {header} column to judge {count} "
            f"row{'s' if count != 1 else ''}"
            for header, count in self.missing
        )
        return f"Add {adds} (senco audit --template shows every column)."

    @property
    def command(self) -> str:
        return "audit"

    def people_heading(self) -> str:
        """The heading over the people, saying the order they are in."""
        if self.by == "school" and self.schools:
            return "People school by school (most urgent school first), most urgent first within each"
        return "People, most urgent first"

    @property
    def exit_code(self) -> int:
        return 0 if self.rows and all(r.status == "ready" for r in self.rows) else 1

    def summary(self) -> dict[str, Any]:
        """The counts over every row, in one pass (the rows may be on disk: audit/ordered.py).

        A row to correct is counted as such ("invalid") and is flagged, not judged: it is in
        no other count but "in_breach" (a breach rests on answers that were read, and stands:
        situation_of_row). Of the rows judged: "overdue", "at_risk" (not overdue),
        "cant_tell", "due_within_6_months" (a deadline from the as-of date to six months on,
        never one passed), and the NPQ funding and cohort judged."""
        soon = add_months(self.as_of, DUE_SOON_MONTHS)
        statuses: Counter[str] = Counter()
        funding: Counter[str] = Counter()
        cohorts: Counter[str] = Counter()
        in_breach = overdue = at_risk = cant_tell = due_soon = 0
        for r in self.rows:
            statuses[r.status] += 1
            in_breach += r.situation == "in_breach"
            if r.error is not None:
                continue
            overdue += r.overdue
            at_risk += r.at_risk and not r.overdue
            cant_tell += r.situation == "cant_tell"
            due_soon += bool(r.deadline and not r.overdue and self.as_of <= r.deadline <= soon)
            if r.funding:
                funding[r.funding] += 1
            if r.cohort:
                cohorts[r.cohort] += 1
        return {
            "rows": len(self.rows),
            "lines": self.lines if self.lines is not None else len(self.rows),
            "assessed": statuses["ready"] + statuses["not_ready"],
            "ready": statuses["ready"],
            "not_ready": statuses["not_ready"],
            "invalid": statuses["invalid"],
            "in_breach": in_breach,
            "overdue": overdue,
            "at_risk": at_risk,
            "cant_tell": cant_tell,
            "due_within_6_months": due_soon,
            "funding": dict(sorted(funding.items())),
            "cohorts": dict(sorted(cohorts.items())),
            "schools": len(self.schools),
            "schools_meeting_reg49": sum(s.meeting > 0 for s in self.schools),
            "missing_columns": dict(self.missing),
        }

    def payload(self) -> dict[str, Any]:
        """The JSON result's fields (the envelope adds the command and the version); the rows
        come one at a time, so a large roster's JSON is written without holding it whole."""
        return {
            "status": "ready" if self.exit_code == 0 else "not_ready",
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "summary": self.summary(),
            "schools": [school.as_json() for school in self.schools],
            "warnings": list(self.warnings),
            "rows": (row.as_json() for row in self.rows),
        }


Assessed = tuple[RowResult, list[str]]  # the result, and the row's cells for CSV output


def audit(
    assessed: Iterable[Assessed],
    rules: Rules,
    as_of: dt.date,
    warnings: tuple[str, ...] = (),
    lines: Any = None,
    by: str = "school",
    listed: tuple[ListedSchool, ...] = (),
    present: tuple[str | None, ...] | None = None,
) -> AuditResult:
    """The rows sorted by urgency; `lines` (or a function giving it once all is read) is the
    file's count of data lines; `listed`: the schools of --schools; `present`: the sheet's
    columns, to say which missing ones would let senco judge more rows. One pass: each row
    is matched to the list, counted into the school table and the missing columns, and
    kept on disk (OrderedRows)."""
    rows = OrderedRows()
    table = SchoolTable(listed)
    matcher = SchoolList(listed) if listed else None
    lacks: Counter[str] = Counter()
    joined = 0
    for result, _ in assessed:
        if result.read_with is not None:  # written back with its person's results, counted with them
            joined += 1
            continue
        if matcher is not None:
            result = matcher.match(result)
        lacks.update(result.lacks)
        rows.append(result)
        table.add(result)
    notes = warnings
    if matcher is not None and matcher.off_list:
        notes += (say(rules, "audit_off_list", count=matcher.off_list),)
    missing = tuple(missing_columns(lacks, present, rules.column_names)) if present is not None else ()
    return finish(
        rows, rules, as_of, notes, lines() if callable(lines) else lines, by, table, missing, joined
    )


def finish(
    rows: OrderedRows,
    rules: Rules,
    as_of: dt.date,
    warnings: tuple[str, ...],
    lines: int | None,
    by: str = "school",
    table: SchoolTable | None = None,
    missing: tuple[tuple[str, int], ...] = (),
    joined: int = 0,
) -> AuditResult:
    """The rows put in order (by school: the school table's order), and the result.
    `joined`: the rows read with another row's person, which `lines` counts and `rows` does not."""
    schools = table.summaries() if table is not None else ()
    rows.sort(by, [school_key(school) for school in schools], table.joined if table is not None else None)
    if table is not None:
        warnings += tuple(table.warnings())
    notes = tuple(mask_numbers(w) for w in warnings) + tuple(rules.warnings_on(as_of))
    read = len(rows) + joined
    if lines is not None and lines != read:
        notes += (
            say(rules, "audit_lines_joined", lines=plural(lines, "data line"), rows=plural(read, "row")),
        )
    result = AuditResult(as_of, rules.reviewed, rows, notes, lines, by, schools, missing)
    line = result.missing_line()
    return result._replace(warnings=(line, *notes)) if line else result


def result_cells(result: RowResult) -> list[str]:
    """The columns appended to a row in CSV output."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    return [
        result.status,
        text(result.qualified),
        text(result.deadline),
        text(result.days_left),
        text(result.overdue) if result.status != "invalid" else "",
        text(result.funding),
        text(result.next_step_title),
        text(result.error),
        text(result.at_risk),
        text(result.cant_tell),
        text(result.note),
        text(result.situation),
    ]
