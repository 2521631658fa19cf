"""Generate a roster of SENCOs and time `senco audit` on it: rows per second and peak memory.

Run: python benchmarks/audit_roster.py [--rows 25000] [--format json] [--input xlsx]
     python benchmarks/audit_roster.py --compare   (CSV, xlsx in and xlsx out, side by side)
     python benchmarks/audit_roster.py --report [--before OTHER/senco] [--sizes 25000,100000,1000000]
         µs a row for each stage (read, to-profile, assess with the row's result, the engine
         alone, write), in this process; the pool against one process; 25,000 rows (CSV in,
         JSON out) against one `senco check` (whole processes, interleaved); peak memory at each size for text, json, csv and xlsx.
The roster mixes the kinds of people a trust or local authority holds: new and
experienced SENCOs, NASENCO holders, teachers without QTS, and rows with mistakes.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import EXAMPLE, compile_package, load_average, senco

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
        f"{1_000_000 + index}",  # one TRN a person: rows with the same TRN are one person
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


def stage_times(roster: Path, repeats: int) -> dict[str, list[float]]:
    """µs a row for each stage of an audit, in this process, CPU time, `repeats` times."""
    import datetime as dt
    import io
    import json

    from senco_cli.audit.rows import assess_row
    from senco_cli.logic.assess import judge
    from senco_cli.roster.sheet import open_sheet, to_row
    from senco_cli.rules.cache import bundled_rules

    rules = bundled_rules()
    day = dt.date(2026, 11, 28)
    found: dict[str, list[float]] = {
        "read": [],
        "to-profile": [],
        "assess": [],
        "judge alone": [],
        "write (json)": [],
    }
    for _ in range(repeats):
        with open_sheet(roster, rules.vocabulary(), day, None, rules.column_names) as opened:
            sheet, rows = opened[0], opened[1]
            start = time.process_time()
            records = list(rows)
            read = time.process_time() - start
        count = len(records)
        start = time.process_time()
        profiles = [to_row(record, sheet).profile for record in records]
        profile = time.process_time() - start
        start = time.process_time()
        for person in profiles:
            if person is not None:
                judge(person, rules, day)
        judged = time.process_time() - start
        start = time.process_time()
        results = [assess_row(record, sheet, rules) for record in records]
        whole = time.process_time() - start  # to-profile and assess
        sink = io.StringIO()
        start = time.process_time()
        for result in results:
            sink.write(json.dumps(result.as_json(), sort_keys=True, ensure_ascii=False))
        write = time.process_time() - start
        found["read"].append(read / count * 1e6)
        found["to-profile"].append(profile / count * 1e6)
        found["assess"].append((whole - profile) / count * 1e6)  # the engine and the row's result
        found["judge alone"].append(judged / count * 1e6)  # the engine: logic.assess.judge
        found["write (json)"].append(write / count * 1e6)
    return found


def pool_times(roster: Path, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU with children) seconds for assessing every row in one process and with two
    workers, interleaved."""
    import datetime as dt

    from senco_cli.audit.parallel import assess_rows
    from senco_cli.roster.sheet import open_sheet
    from senco_cli.rules.cache import bundled_rules

    rules = bundled_rules()
    day = dt.date(2026, 11, 28)
    found: dict[str, list[tuple[float, float]]] = {"1 process": [], "2 workers": []}
    for _ in range(repeats):
        for name, workers in (("1 process", 1), ("2 workers", 2)):
            with open_sheet(roster, rules.vocabulary(), day, None, rules.column_names) as opened:
                sheet, rows = opened[0], opened[1]
                before = os.times()
                start = time.perf_counter()
                for _ in assess_rows(rows, sheet, rules, cells="", workers=workers):
                    pass
                wall = time.perf_counter() - start
                after = os.times()
            cpu = sum(after[:4]) - sum(before[:4])
            found[name].append((wall, cpu))
    return found


# Started from a small interpreter: a child forked from this (large) process would count this
# process's memory in its own peak until it runs senco.
MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
"""


def cpu_run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak memory (MB) of one process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    wall, cpu, peak = (float(part) for part in done.stdout.split())
    return wall, cpu, peak


def spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    ordered = sorted(values)
    return (
        f"min {ordered[0] * scale:.{digits}f}  median {ordered[len(ordered) // 2] * scale:.{digits}f}  "
        f"max {ordered[-1] * scale:.{digits}f}"
    )


def report(folder: Path, scripts: dict[str, str], sizes: list[int], repeats: int) -> None:
    """The figures the issue asks for, each measured side by side."""
    small = folder / "roster-25000.csv"
    write_roster(small, 25_000)
    print(
        "== µs a row, in this process (CPU time), over",
        repeats,
        f"repeats, 25,000 rows; load {load_average()}",
    )
    for stage, values in stage_times(small, repeats).items():
        print(f"  {stage:14s} {spread(values)}")
    print(
        "== the pool: assessing 25,000 rows, wall and CPU (children included), interleaved; load "
        + load_average()
    )
    for name, pairs in pool_times(small, repeats).items():
        walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
        print(f"  {name:10s} wall s {spread(walls, digits=2)}   CPU s {spread(cpus, digits=2)}")
    print(
        "== 25,000 rows (CSV in, JSON out) against one `senco check --format json`, interleaved; load "
        + load_average()
    )
    for label, script in scripts.items():
        check = [script, "check", "--profile", str(EXAMPLE), "--format", "json", "--as-of", "2026-11-28"]
        audit = [script, "audit", str(small), "--as-of", "2026-11-28", "--format", "json"]
        audit += ["--output", str(folder / "out.json"), "--force"]
        wall_ratios, cpu_ratios = [], []
        for _ in range(repeats):
            check_wall, check_cpu, _ = cpu_run(check)
            audit_wall, audit_cpu, _ = cpu_run(audit)
            wall_ratios.append(audit_wall / check_wall)
            cpu_ratios.append(audit_cpu / check_cpu)
        print(f"  {label:7s} wall ratio {spread(wall_ratios)}   CPU ratio {spread(cpu_ratios)}")
    print(
        "== peak memory (MB, the main process), one run each, script by script in turn; load "
        + load_average()
    )
    for rows in sizes:
        roster = folder / f"roster-{rows}.csv"
        if not roster.exists():
            write_roster(roster, rows)
        for output_format in ("text", "json", "csv", "xlsx"):
            line = []
            for label, script in scripts.items():
                command = [script, "audit", str(roster), "--as-of", "2026-11-28", "--format", output_format]
                command += ["--output", str(folder / f"out.{output_format}"), "--force"]
                wall, _, peak = cpu_run(command)
                line.append(f"{label} {peak:6.0f} MB ({wall:5.1f} s)")
            print(
                f"  {rows:>9,} rows {output_format:5s} " + "   ".join(line) + f"   load {load_average()}",
                flush=True,
            )
        if rows > 25_000:
            roster.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", action="store_true", help="every figure of the issue, side by side")
    parser.add_argument("--before", help="with --report: another senco script measured alongside")
    parser.add_argument("--sizes", default="25000,100000,1000000", help="with --report: roster sizes")
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument(
        "--format", default="json", choices=["text", "json", "csv", "markdown", "html", "xlsx"]
    )
    parser.add_argument("--input", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="CSV against xlsx in and out, interleaved")
    args = parser.parse_args()
    compile_package()
    if args.report:
        scripts = {"after": senco()} if not args.before else {"before": args.before, "after": senco()}
        with tempfile.TemporaryDirectory() as folder:
            report(Path(folder), scripts, [int(size) for size in args.sizes.split(",")], args.runs)
        return 0
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
