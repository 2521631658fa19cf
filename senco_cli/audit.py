"""`senco audit`: every row of a roster assessed with the same engine as `senco check`."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any, NamedTuple

from senco_cli.dates import add_months
from senco_cli.engine import assess
from senco_cli.report import FINISHED, RESULT_VERSION
from senco_cli.roster import Row, Sheet, to_row
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
)


def mask_trn(trn: str | None) -> str | None:
    """Only the last three digits of a TRN are ever shown."""
    if not trn:
        return None
    digits = trn.replace(" ", "")
    return "****" + digits[-3:] if len(digits) > 3 else "*" * len(digits)


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
    error: str | None

    def as_json(self) -> dict[str, Any]:
        fields = self._asdict()
        fields["deadline"] = self.deadline.isoformat() if self.deadline else None
        return fields

    def urgency(self) -> tuple[int, int, int]:
        """Sort key: overdue first, then fewest days left; rows with no deadline, then invalid rows."""
        if self.status == "invalid":
            return (3, 0, self.row)
        if self.days_left is not None:
            return (0 if self.overdue else 1, self.days_left, self.row)
        return (2, 0, self.row)


def assess_row(row: Row, rules: Rules, as_of: dt.date) -> RowResult:
    if row.profile is None:
        assert row.error is not None
        error = row.error
        message = plain(f"{error.path}: {error.message}" if error.path else error.message)
        return RowResult(
            row.number, None, None, "invalid", None, None, None, False, None, None, None, None, message
        )
    report = assess(row.profile, rules, as_of)
    open_step = next((s for s in report.steps if s.status not in FINISHED), None)
    return RowResult(
        row=row.number,
        name=row.profile.name,
        trn=mask_trn(row.profile.trn),
        status="ready" if report.ready else "not_ready",
        qualified=report.qualified,
        deadline=report.deadline.date,
        days_left=report.deadline.days_left,
        overdue=report.deadline.overdue,
        funding=report.funding.status,
        cohort=report.funding.cohort,
        next_step=open_step.id if open_step else None,
        next_step_title=open_step.title if open_step else None,
        error=None,
    )


class AuditResult(NamedTuple):
    as_of: dt.date
    data_reviewed: dt.date
    rows: list[RowResult]  # sorted by urgency
    warnings: tuple[str, ...]

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
            "ready": statuses["ready"],
            "not_ready": statuses["not_ready"],
            "invalid": statuses["invalid"],
            "overdue": sum(r.overdue for r in self.rows),
            "due_within_6_months": sum(
                1 for r in self.rows if r.deadline and not r.overdue and r.deadline <= soon
            ),
            "funding": dict(sorted(Counter(r.funding for r in self.rows if r.funding).items())),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "senco_result_version": RESULT_VERSION,
            "command": self.command,
            "status": "ready" if self.exit_code == 0 else "not_ready",
            "exit_code": self.exit_code,
            "as_of": self.as_of.isoformat(),
            "data_reviewed": self.data_reviewed.isoformat(),
            "rows": [row.as_json() for row in self.rows],
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }


Assessed = tuple[RowResult, list[str]]  # the result, and the row's cells for CSV output


def assess_chunk(
    chunk: list[tuple[int, list[str] | None]], sheet: Sheet, rules: Rules, csv_cells: bool
) -> list[Assessed]:
    assessed = []
    trn_column = sheet.columns.index("you.trn") if "you.trn" in sheet.columns else None
    for number, cells in chunk:
        row = to_row(number, cells, sheet)
        result = assess_row(row, rules, sheet.as_of)
        out: list[str] = []
        if csv_cells:
            out = (row.cells + [""] * len(sheet.columns))[: len(sheet.columns)]
            if trn_column is not None:
                out[trn_column] = mask_trn(out[trn_column]) or ""
            out += result_cells(result)
        assessed.append((result, out))
    return assessed


_worker: tuple[Sheet, Rules, bool] | None = None
START_METHOD: str | None = None  # tests set "spawn" to run as on Windows


def _start_worker(sheet: Sheet, rules: Rules, csv_cells: bool) -> None:
    import signal

    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool, so a worker never
    # prints a traceback or holds the pool up half-way through a chunk.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    global _worker
    _worker = (sheet, rules, csv_cells)


def _worker_chunk(chunk: list[tuple[int, list[str] | None]]) -> list[Assessed]:
    assert _worker is not None
    return assess_chunk(chunk, *_worker)


def assess_rows(
    rows: Iterable[tuple[int, list[str] | None]], sheet: Sheet, rules: Rules, *, csv_cells: bool, workers: int
) -> Iterator[Assessed]:
    """Every row assessed, in input order; with workers > 1, spread over processes in chunks."""
    iterator = iter(rows)
    chunks = iter(lambda: list(islice(iterator, CHUNK_ROWS)), [])
    if workers <= 1:
        for chunk in chunks:
            yield from assess_chunk(chunk, sheet, rules, csv_cells)
        return
    import multiprocessing

    # fork where there is one: the workers start with the rules already loaded, so they cost
    # milliseconds. Elsewhere (Windows, macOS by default) spawn, which sends them the rules.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(START_METHOD or method)
    with context.Pool(workers, initializer=_start_worker, initargs=(sheet, rules, csv_cells)) as pool:
        for assessed in pool.imap(_worker_chunk, chunks):
            yield from assessed


def audit(
    assessed: Iterable[Assessed], rules: Rules, as_of: dt.date, warnings: tuple[str, ...] = ()
) -> AuditResult:
    results = [result for result, _ in assessed]
    results.sort(key=RowResult.urgency)
    return AuditResult(as_of, rules.reviewed, results, warnings + tuple(rules.warnings_on(as_of)))


def write_audit_csv(
    columns: list[str],
    assessed: Iterable[Assessed],
    rules: Rules,
    as_of: dt.date,
    stream: IO[str],
    warnings: tuple[str, ...] = (),
) -> AuditResult:
    """Each input row, in input order, with the result columns appended; TRNs masked."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([*columns, *RESULT_COLUMNS])
    results = []
    for result, cells in assessed:
        writer.writerow(cells)
        results.append(result)
    results.sort(key=RowResult.urgency)
    return AuditResult(as_of, rules.reviewed, results, warnings + tuple(rules.warnings_on(as_of)))


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
    ]
