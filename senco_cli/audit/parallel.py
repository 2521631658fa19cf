"""Assessing a roster's rows, in this process or spread over worker processes in chunks,
and stopping the workers at once when a run is interrupted."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from senco_cli.audit.person import RowResult
from senco_cli.audit.rows import Assessed, assess_row, inert, result_cells
from senco_cli.roster.csv_records import Record
from senco_cli.roster.sheet import LAESTAB, Sheet
from senco_cli.rules.model import Rules
from senco_cli.text import mask_numbers, mask_trn

CHUNK_ROWS = 500
PARALLEL_BYTES = 200_000  # about 2,000 rows: below this, starting worker processes costs more than it saves


def choose_workers(size: int) -> int:
    """How many worker processes to assess a roster of `size` bytes with: one (this process)
    unless the roster is large and cores stand idle. Measured on two cores: the pool costs
    about 15% more CPU in all, saves 20 to 30% of the wall time when both cores are free,
    and loses about 20% when other work keeps them busy. So: the cores this process may use,
    less the system's load over the last minute, rounded; one where the load is unknown."""
    import os

    if size <= PARALLEL_BYTES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no affinity or load average (Windows, macOS)
        return 1
    return max(1, min(cores, round(cores - load)))


def assess_chunk(chunk: list[Record], sheet: Sheet, rules: Rules, cells: str) -> list[Assessed]:
    """Each record judged. `cells`: "csv" keeps the row's cells made inert with the result
    columns after them; "raw" keeps the cells as they are (a workbook writes them as text);
    "" keeps none. TRNs are masked in both."""
    assessed = []
    width = len(sheet.columns)
    joined: dict[int, RowResult] = {}  # people on several rows judged in this chunk, by row
    # Each cell as senco shows a roster's text (a TRN typed in any column masked); the TRN
    # column by its last three digits, and a LAESTAB in the school's "DfE number" column
    # (202/2019: seven digits that are the school's, not a person's) as written.
    masks = [
        _masked_trn if column == "you.trn" else _school_number if column == "school.laestab" else mask_numbers
        for column in sheet.columns
    ]
    for record in chunk:
        if record.person is None:
            result = assess_row(record, sheet, rules)
            if record.note is not None:
                joined[record.number] = result
        else:  # a row read with another's person: that person's results, and a note saying so
            result = read_with(
                record, joined.get(record.person.number) or assess_row(record.person, sheet, rules)
            )
        out: list[str] = []
        if cells:
            out = [
                mask(cell) for mask, cell in zip(masks, (record.cells + [""] * width)[:width], strict=True)
            ]
            if cells == "csv":
                out = [inert(cell) for cell in out + result_cells(result)]
        assessed.append((result, out))
    return assessed


def read_with(record: Record, person: RowResult) -> RowResult:
    """The results of a row read with another row's person: the person's, under this row's
    number, with a note naming the row where the person is counted."""
    said = f"read with row {person.row} as one person (counted there)."
    return person._replace(
        row=record.number, note=f"{said} {person.note}" if person.note else said, read_with=person.row
    )


def _masked_trn(cell: str) -> str:
    return mask_trn(cell) or ""


def _school_number(cell: str) -> str:
    return cell if LAESTAB.fullmatch(cell) else mask_numbers(cell)


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
    cells: str,
    workers: int,
) -> Iterator[Assessed]:
    """Every row assessed, in input order; with workers > 1, spread over processes in chunks.
    cells says what each row keeps of its cells: "csv" for CSV output (with the result
    columns), "raw" for a workbook, "" nothing."""
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
