"""Ctrl-C during a parallel audit, again and again: it must always end within a second,
with exit 130, no traceback, no worker left and no temporary file.

Run: python benchmarks/interrupt_audit.py [--times 20] [--rows 100000]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from audit_roster import write_roster
from timing import senco


def children_of(pid: int) -> list[str]:
    found = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True)
    return found.stdout.split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster.csv"
        write_roster(roster, args.rows)
        out = Path(folder) / "out"
        out.mkdir()
        for attempt in range(1, args.times + 1):
            with subprocess.Popen(
                [senco(), "audit", str(roster), "--format", "csv", "--output", str(out / "r.csv")],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            ) as process:
                time.sleep(0.6 + 0.05 * attempt)  # land at different points of the run
                workers = children_of(process.pid)
                process.send_signal(signal.SIGINT)
                sent = time.perf_counter()
                try:
                    _, errors = process.communicate(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    _, errors = process.communicate()
                took = time.perf_counter() - sent
            left = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
            problems = []
            if process.returncode != 130:
                problems.append(f"exit {process.returncode}")
            if took > 1.0:
                problems.append(f"took {took:.2f} s")
            if b"Traceback" in errors:
                problems.append("traceback")
            if left or list(out.iterdir()):
                problems.append(f"left behind: workers {left}, files {list(out.iterdir())}")
            failures += bool(problems)
            print(
                f"{attempt:2d}: {took * 1000:4.0f} ms, {len(workers)} workers  {'; '.join(problems) or 'ok'}"
            )
    print(f"{args.times - failures} of {args.times} interrupts ended cleanly")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
