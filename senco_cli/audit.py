"""`senco audit`: every row of a roster assessed with the same engine as `senco check`."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any, NamedTuple

from senco_cli.csv_records import Record
from senco_cli.dates import add_months
from senco_cli.engine import assess
from senco_cli.report import FINISHED, RESULT_VERSION
from senco_cli.roster import Sheet, to_row
from senco_cli.rules import Rules
from senco_cli.text import plain

DUE_SOON_MONTHS = 6
CHUNK_ROWS = 500
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
)
# The steps regulation 49 asks of a SENCO before they are designated; the qualification
# itself may follow within the deadline.
DESIGNATION_STEPS = ("qualified_teacher", "induction", "teaching_post")
# A cell Excel or LibreOffice would run as a formula starts with one of these (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LONG_NUMBER = re.compile(r"\d[\d ]{5,}\d(?:\.0+)?")


def mask_trn(trn: str | None) -> str | None:
    """Only the last three digits of a TRN are ever shown."""
    if not trn:
        return None
    digits = trn.replace(" ", "")
    return "****" + digits[-3:] if len(digits) > 3 else "*" * len(digits)


def mask_numbers(text: str) -> str:
    """Any run of seven or more digits in a message (a TRN, perhaps) shown by its last three."""
    return LONG_NUMBER.sub(lambda found: mask_trn(found.group().split(".")[0]) or "", text)


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text and never runs as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class RowResult(NamedTuple):
    row: int
    name: str | None
    trn: str | None  # masked
    status: str  # ready | not_ready | invalid
    qualified: bool | None
    deadline: dt.date | None
    days_left: int | None
    overdue: bool
    funding: str | None
    cohort: str | None
    next_step: str | None  # the id of the first step still open
    next_step_title: str | None
    error: str | None  # invalid rows: what to correct (TRNs masked)
    at_risk: bool = False  # the standard NPQ schedule ends after the deadline (as `senco plan`)
    cant_tell: bool = False  # an answer the rules need is missing, or the sources conflict
    school: str | None = None  # school.name
    urn: str | None = None  # school.urn
    note: str | None = None  # why an answer was left open
    senco: bool = False  # the person is the school's SENCO
    statutory: bool | None = None  # regulation 49 binds their setting
    meets_reg49: bool = False  # a SENCO who meets regulation 49 today (qualified, or within the deadline)

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        fields["deadline"] = self.deadline.isoformat() if self.deadline else None
        return fields

    def urgency(self) -> tuple[int, int, int]:
        """Sort key: overdue, at risk, then fewest days left; rows to correct before the rest;
        ready rows last."""
        if self.overdue:
            group = 0
        elif self.at_risk:
            group = 1
        elif self.days_left is not None and self.status != "ready":
            group = 2
        elif self.status == "invalid":
            group = 3
        elif self.status == "not_ready":
            group = 4
        else:
            group = 5
        return (group, self.days_left if self.days_left is not None else 0, self.row)


def row_state(row: RowResult) -> tuple[str, str]:
    """The result's word and its colour."""
    if row.status == "invalid":
        return "needs correcting", "warn"
    if row.overdue:
        return "overdue", "bad"
    if row.at_risk:
        return "at risk", "bad"
    if row.status == "ready":
        return "ready", "good"
    if row.cant_tell:
        return "can't tell", "warn"
    return "not ready", "plain"


def assess_row(record: Record, sheet: Sheet, rules: Rules) -> RowResult:
    """A row judged from every answer that could be read; a row with a problem is `invalid`
    but keeps its name and what could be judged (a deadline from a good date, say)."""
    row = to_row(record, sheet)
    error = None
    if row.error is not None:
        where = f"{row.error.path}: " if row.error.path else ""
        error = mask_numbers(plain(where + row.error.message))
    if row.profile is None:
        return RowResult(
            record.number, None, None, "invalid", None, None, None, False, None, None, None, None, error,
            school=row.school, urn=row.urn, note=row.note,
        )  # fmt: skip
    report = assess(row.profile, rules, sheet.as_of)
    open_step = next((s for s in report.steps if s.status not in FINISHED), None)
    status = "invalid" if error else ("ready" if report.ready else "not_ready")
    senco = row.profile.senco == "yes" or row.profile.senco_since is not None
    designated = all(s.status in FINISHED for s in report.steps if s.id in DESIGNATION_STEPS)
    in_time = report.qualified or (report.deadline.applies is True and not report.deadline.overdue)
    return RowResult(
        row=record.number,
        name=row.profile.name,
        trn=mask_trn(row.profile.trn),
        status=status,
        qualified=report.qualified,
        deadline=report.deadline.date,
        days_left=report.deadline.days_left,
        overdue=report.deadline.overdue,
        funding=report.funding.status,
        cohort=report.funding.cohort,
        next_step=open_step.id if open_step else None,
        next_step_title=rules.third_person(open_step.title) if open_step else None,
        error=error,
        at_risk=report.at_risk,
        cant_tell=row.note is not None or any(step.status == "check" for step in report.steps),
        school=row.school,
        urn=row.urn,
        note=row.note,
        senco=senco,
        statutory=report.statutory,
        meets_reg49=bool(senco and report.statutory and designated and in_time and not error),
    )


SCHOOL_STATUS = {
    "meets": "a SENCO meets regulation 49",
    "overdue": "the SENCO is past the deadline",
    "not_met": "no SENCO meets regulation 49 yet",
    "no_senco": "no SENCO in the roster",
    "not_required": "regulation 49 does not apply",
    "cant_tell": "can't tell: answers missing or to correct",
}


class SchoolSummary(NamedTuple):
    """One school's people in the roster, and whether it has a SENCO who meets regulation 49."""

    name: str
    urn: str | None
    people: int
    sencos: int
    status: str  # a key of SCHOOL_STATUS
    at_risk: int
    overdue: int
    invalid: int
    earliest_deadline: dt.date | None  # of its people still to qualify

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        fields["earliest_deadline"] = self.earliest_deadline.isoformat() if self.earliest_deadline else None
        return fields


def school_key(row: RowResult) -> str:
    return f"urn:{row.urn}" if row.urn else f"name:{(row.school or '').casefold()}"


def school_summary(rows: list[RowResult]) -> SchoolSummary:
    sencos = [r for r in rows if r.senco]
    if any(r.meets_reg49 for r in sencos):
        status = "meets"
    elif any(r.overdue for r in sencos):
        status = "overdue"
    elif rows and all(r.statutory is False for r in rows):
        status = "not_required"
    elif any(r.status == "invalid" or r.cant_tell for r in rows):
        status = "cant_tell"
    elif not sencos:
        status = "no_senco"
    else:
        status = "not_met"
    deadlines = [r.deadline for r in rows if r.deadline and r.status != "ready"]
    return SchoolSummary(
        name=next((r.school for r in rows if r.school), "(no school name)"),
        urn=next((r.urn for r in rows if r.urn), None),
        people=len(rows),
        sencos=len(sencos),
        status=status,
        at_risk=sum(r.at_risk and not r.overdue for r in rows),
        overdue=sum(r.overdue for r in rows),
        invalid=sum(r.status == "invalid" for r in rows),
        earliest_deadline=min(deadlines, default=None),
    )


class AuditResult(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    rows: list[RowResult]  # sorted by urgency; by school first when `by` is "school"
    warnings: tuple[str, ...]
    lines: int | None = None  # data lines in the file (after the header, blank lines aside)
    by: str = "school"  # "school": grouped by school (when the roster names schools); "person"

    def has_schools(self) -> bool:
        return any(r.school or r.urn for r in self.rows)

    def schools(self) -> list[SchoolSummary]:
        """A summary per school, the most urgent school first (empty when no school is named)."""
        if not self.has_schools():
            return []
        groups: dict[str, list[RowResult]] = {}
        for row in self.rows:  # already in urgency order: a school's first row is its most urgent
            groups.setdefault(school_key(row), []).append(row)
        return [school_summary(rows) for rows in groups.values()]

    @property
    def command(self) -> str:
        return "audit"

    @property
    def exit_code(self) -> int:
        return 0 if self.rows and all(r.status == "ready" for r in self.rows) else 1

    def summary(self) -> dict[str, Any]:
        statuses = Counter(r.status for r in self.rows)
        soon = add_months(self.as_of, DUE_SOON_MONTHS)
        return {
            "rows": len(self.rows),
            "lines": self.lines if self.lines is not None else len(self.rows),
            "assessed": statuses["ready"] + statuses["not_ready"],
            "ready": statuses["ready"],
            "not_ready": statuses["not_ready"],
            "invalid": statuses["invalid"],
            "overdue": sum(r.overdue for r in self.rows),
            "at_risk": sum(r.at_risk and not r.overdue for r in self.rows),
            "cant_tell": sum(r.cant_tell for r in self.rows),
            "due_within_6_months": sum(
                1 for r in self.rows if r.deadline and not r.overdue and r.deadline <= soon
            ),
            "funding": dict(sorted(Counter(r.funding for r in self.rows if r.funding).items())),
            "cohorts": dict(sorted(Counter(r.cohort for r in self.rows if r.cohort).items())),
            "schools": len({school_key(r) for r in self.rows}) if self.has_schools() else 0,
            "schools_meeting_reg49": sum(s.status == "meets" for s in self.schools()),
        }

    def as_json(self) -> dict[str, Any]:
        return {**self._envelope(), "rows": [row.as_json() for row in self.rows]}

    def _envelope(self) -> dict[str, Any]:
        return {
            "senco_result_version": RESULT_VERSION,
            "command": self.command,
            "status": "ready" if self.exit_code == 0 else "not_ready",
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "summary": self.summary(),
            "schools": [school.as_json() for school in self.schools()],
            "warnings": list(self.warnings),
        }

    def write_json(self, stream: IO[str]) -> None:
        """The same object as as_json(), written a row at a time: a large roster's JSON is
        never held whole in memory."""
        envelope = self._envelope()
        stream.write("{")
        for index, key in enumerate(sorted([*envelope, "rows"])):
            stream.write((", " if index else "") + json.dumps(key) + ": ")
            if key != "rows":
                stream.write(json.dumps(envelope[key], sort_keys=True, ensure_ascii=False))
                continue
            stream.write("[")
            for number, row in enumerate(self.rows):
                stream.write(
                    (", " if number else "") + json.dumps(row.as_json(), sort_keys=True, ensure_ascii=False)
                )
            stream.write("]")
        stream.write("}\n")


Assessed = tuple[RowResult, list[str]]  # the result, and the row's cells for CSV output


def assess_chunk(chunk: list[Record], sheet: Sheet, rules: Rules, cells: str) -> list[Assessed]:
    """Each record judged. `cells`: "csv" keeps the row's cells made inert with the result
    columns after them; "raw" keeps the cells as they are (a workbook writes them as text);
    "" keeps none. TRNs are masked in both."""
    assessed = []
    trn_column = sheet.columns.index("you.trn") if "you.trn" in sheet.columns else None
    width = len(sheet.columns)
    for record in chunk:
        result = assess_row(record, sheet, rules)
        out: list[str] = []
        if cells:
            out = (record.cells + [""] * width)[:width]
            if trn_column is not None:
                out[trn_column] = mask_trn(out[trn_column]) or ""
            if cells == "csv":
                out = [inert(cell) for cell in out + result_cells(result)]
        assessed.append((result, out))
    return assessed


_worker: tuple[Sheet, Rules, str] | None = None
START_METHOD: str | None = None  # tests set "spawn" to run as on Windows


def _start_worker(sheet: Sheet, rules: Rules, cells: str) -> None:
    import signal

    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool, so a worker never
    # prints a traceback or holds the pool up half-way through a chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    global _worker
    _worker = (sheet, rules, cells)


def _worker_chunk(chunk: list[Record]) -> list[Assessed]:
    assert _worker is not None
    return assess_chunk(chunk, *_worker)


def assess_rows(
    rows: Iterable[Record],
    sheet: Sheet,
    rules: Rules,
    *,
    csv_cells: bool,
    workers: int,
    raw_cells: bool = False,
) -> Iterator[Assessed]:
    """Every row assessed, in input order; with workers > 1, spread over processes in chunks.
    csv_cells keeps each row's cells for CSV output, raw_cells for a workbook."""
    cells = "csv" if csv_cells else ("raw" if raw_cells else "")
    iterator = iter(rows)
    chunks = iter(lambda: list(islice(iterator, CHUNK_ROWS)), [])
    if workers <= 1:
        for chunk in chunks:
            yield from assess_chunk(chunk, sheet, rules, cells)
        return
    import multiprocessing

    # fork where there is one: the workers start with the rules already loaded, so they cost
    # milliseconds. Elsewhere (Windows, macOS by default) spawn, which sends them the rules.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(START_METHOD or method)
    pool = context.Pool(workers, initializer=_start_worker, initargs=(sheet, rules, cells))
    try:
        for assessed in pool.imap(_worker_chunk, chunks):
            yield from assessed
    except BaseException:
        stop_pool(pool, multiprocessing.active_children)
        raise
    pool.close()
    pool.join()


def stop_pool(pool: Any, children: Any, wait: float = 2.0) -> None:
    """Stop the workers of an interrupted run, never waiting more than `wait` seconds.

    Pool.terminate() can wait forever on its task thread, stuck sending a chunk to a worker
    that is gone, or on a queue lock that the signal's exception left taken. So it runs in a
    thread of its own; the workers it has not stopped in time are killed, and the console
    script leaves without the exit handlers that would wait on the pool again (entry.py).
    """
    import threading
    import time

    threading.Thread(target=pool.terminate, daemon=True).start()
    give_up = time.monotonic() + wait
    while children() and time.monotonic() < give_up:
        time.sleep(0.01)
    for process in children():
        process.kill()
        process.join(1)


def audit(
    assessed: Iterable[Assessed],
    rules: Rules,
    as_of: dt.date,
    warnings: tuple[str, ...] = (),
    lines: Any = None,
    by: str = "school",
) -> AuditResult:
    """The rows sorted by urgency; `lines` (or a function giving it once all is read) is the
    file's count of data lines."""
    results = [result for result, _ in assessed]
    return finish(results, rules, as_of, warnings, lines() if callable(lines) else lines, by)


def in_order(results: list[RowResult], by: str) -> list[RowResult]:
    """Most urgent first; with by="school", each school's rows together, the school with the
    most urgent person first."""
    results.sort(key=RowResult.urgency)
    if by != "school":
        return results
    rank: dict[str, int] = {}
    for row in results:
        rank.setdefault(school_key(row), len(rank))
    return sorted(results, key=lambda row: rank[school_key(row)])  # stable: urgency within


def finish(
    results: list[RowResult],
    rules: Rules,
    as_of: dt.date,
    warnings: tuple[str, ...],
    lines: int | None,
    by: str = "school",
) -> AuditResult:
    results = in_order(results, by)
    notes = tuple(mask_numbers(w) for w in warnings) + tuple(rules.warnings_on(as_of))
    if lines is not None and lines != len(results):
        notes += (
            f"The file has {lines} data lines and {len(results)} rows: a cell that runs across lines "
            "joins them into one row (see the rows to correct).",
        )
    return AuditResult(as_of, rules.reviewed, results, notes, lines, by)


def write_audit_csv(
    columns: list[str],
    assessed: Iterable[Assessed],
    rules: Rules,
    as_of: dt.date,
    stream: IO[str],
    warnings: tuple[str, ...] = (),
    *,
    byte_order_mark: bool = False,
    lines: Any = None,
    by: str = "school",
) -> AuditResult:
    """Each input row, in input order, with the result columns appended; TRNs masked and
    formulas made inert. A file gets a byte-order mark so that Excel reads it as UTF-8."""
    if byte_order_mark:
        stream.write("\ufeff")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([*columns, *RESULT_COLUMNS])
    results = []
    for result, cells in assessed:
        writer.writerow(cells)
        results.append(result)
    return finish(results, rules, as_of, warnings, lines() if callable(lines) else lines, by)


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
    ]
