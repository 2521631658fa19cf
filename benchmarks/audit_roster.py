"""Generate a roster of SENCOs and time `senco audit` on it: rows per second and peak memory.

Run: python benchmarks/audit_roster.py [--rows 25000] [--format json]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--format", default="json", choices=["text", "json", "csv", "markdown"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        write_roster(roster, args.rows)
        size_mb = roster.stat().st_size / 1e6
        print(f"roster: {args.rows} rows, {size_mb:.1f} MB")
        for run in range(args.runs):
            output = Path(folder) / f"out-{run}.{args.format}"
            command = [
                senco(),
                "audit",
                str(roster),
                "--as-of",
                "2026-11-28",
                "--format",
                args.format,
                "--output",
                str(output),
            ]
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            print(
                f"run {run + 1}: exit {code}, {elapsed:.2f} s wall, {args.rows / elapsed:,.0f} rows/s, "
                f"peak memory {usage.ru_maxrss / 1024:.0f} MB, output {output.stat().st_size / 1e6:.1f} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
