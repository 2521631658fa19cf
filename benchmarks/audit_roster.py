"""Generate a roster of SENCOs and time `senco audit` on it: rows per second and peak memory.

Run: python benchmarks/audit_roster.py [--rows 25000] [--format json] [--input xlsx]
     python benchmarks/audit_roster.py --compare   (CSV, xlsx in and xlsx out, side by side)
The roster mixes the kinds of people a trust or local authority holds: new and
experienced SENCOs, NASENCO holders, teachers without QTS, and rows with mistakes.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

from startup import compile_package, senco

COLUMNS = [
    "you.name",
    "you.trn",
    "qualifications.qts",
    "qualifications.induction",
    "role.senco",
    "role.senco_since",
    "role.previous_senco_months",
    "role.head_teacher",
    "role.teaches_at_school",
    "senco_training.npq",
    "senco_training.npq_funded_before",
    "senco_training.nasenco",
    "senco_training.nasenco_started",
    "senco_training.nasenco_awarded",
    "school.setting",
    "school.in_england",
    "school.supports_npq",
]
SETTINGS = ["maintained", "academy", "academy", "maintained_nursery", "special", "alternative_provision"]


def person(index: int, rng: random.Random) -> list[str]:
    since = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2026)}"
    kind = rng.random()
    npq, nasenco, started, awarded = "none", "none", "", ""
    if kind < 0.3:
        npq = rng.choice(["studying", "registered", "awaiting_result"])
    elif kind < 0.5:
        npq = "passed"
    elif kind < 0.65:
        nasenco, started, awarded = "passed", "01/09/2018", "15/07/2020"
    row = [
        f"Teacher {index}",
        f"{rng.randint(1000000, 9999999)}",
        rng.choice(["yes", "yes", "yes", "no"]),
        "passed",
        "yes",
        since,
        str(rng.choice([0, 0, 0, 6, 18])),
        "no",
        "yes",
        npq,
        "no",
        nasenco,
        started,
        awarded,
        rng.choice(SETTINGS),
        "yes",
        rng.choice(["yes", "no", ""]),
    ]
    if rng.random() < 0.01:
        row[2] = "maybe"  # a mistake to report
    return row


def write_roster(path: Path, rows: int) -> None:
    rng = random.Random(2026)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            writer.writerow(person(index, rng))


def write_workbook(csv_path: Path, path: Path) -> None:
    """The same roster as an Excel workbook, dates as Excel dates, as a trust would keep it."""
    import datetime as dt

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Staff")
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for r, row in enumerate(csv.reader(handle)):
            for c, cell in enumerate(row):
                if r and cell.count("/") == 2:
                    day, month, year = (int(part) for part in cell.split("/"))
                    sheet.write_datetime(r, c, dt.datetime(year, month, day), date)
                elif cell:
                    sheet.write_string(r, c, cell)
    book.close()


def run_once(roster: Path, output: Path, output_format: str) -> tuple[int, float, float]:
    """Exit code, seconds and peak memory (MB) of one audit."""
    command = [senco(), "audit", str(roster), "--as-of", "2026-11-28", "--format", output_format]
    command += ["--output", str(output), "--force"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument(
        "--format", default="json", choices=["text", "json", "csv", "markdown", "html", "xlsx"]
    )
    parser.add_argument("--input", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="CSV against xlsx in and out, interleaved")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        write_roster(roster, args.rows)
        book = Path(folder) / "roster.xlsx"
        write_workbook(roster, book)
        print(
            f"roster: {args.rows} rows, CSV {roster.stat().st_size / 1e6:.1f} MB, xlsx {book.stat().st_size / 1e6:.1f} MB"
        )
        if args.compare:
            return compare(roster, book, Path(folder), args.runs, args.rows)
        source = book if args.input == "xlsx" else roster
        for run in range(args.runs):
            output = Path(folder) / f"out-{run}.{args.format}"
            code, elapsed, memory = run_once(source, output, args.format)
            print(
                f"run {run + 1}: exit {code}, {elapsed:.2f} s wall, {args.rows / elapsed:,.0f} rows/s, "
                f"peak memory {memory:.0f} MB, output {output.stat().st_size / 1e6:.1f} MB"
            )
    return 0


def compare(roster: Path, book: Path, folder: Path, runs: int, rows: int) -> int:
    """Each case run in turn, `runs` times, so that a noisy machine slows them alike; the
    medians and each one's ratio to CSV in, CSV out."""
    cases = {
        "csv in, csv out": (roster, "csv"),
        "xlsx in, csv out": (book, "csv"),
        "csv in, xlsx out": (roster, "xlsx"),
        "xlsx in, xlsx out": (book, "xlsx"),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, float] = dict.fromkeys(cases, 0.0)
    for _ in range(runs):
        for name, (source, output_format) in cases.items():
            code, elapsed, peak = run_once(source, folder / f"out.{output_format}", output_format)
            assert code in (0, 1), (name, code)
            times[name].append(elapsed)
            memory[name] = max(memory[name], peak)
    base = sorted(times["csv in, csv out"])[runs // 2]
    for name in cases:
        median = sorted(times[name])[runs // 2]
        print(
            f"{name:18} median {median:.2f} s ({rows / median:,.0f} rows/s), {median / base:.2f}x CSV, "
            f"peak memory {memory[name]:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
