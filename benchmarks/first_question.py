"""Time from starting `senco check` in a terminal to its first question on screen.

Run: python benchmarks/first_question.py [--runs N]   (needs pexpect: pip install -e '.[test]')
Wall time, measured in a pseudo-terminal as a person would see it, with the do-nothing
Typer app's start-up alongside for scale.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import pexpect
from startup import BASELINE, compile_package, senco


def first_question_seconds() -> float:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    child = pexpect.spawn(senco(), ["check"], env=env, encoding="utf-8", timeout=30)
    child.expect("What is your name")
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def baseline_seconds() -> float:
    start = time.perf_counter()
    child = pexpect.spawn(BASELINE[0], BASELINE[1:], encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_package()
    first_question_seconds()
    questions, baseline = [], []
    for _ in range(args.runs):
        baseline.append(baseline_seconds())
        questions.append(first_question_seconds())
    print(f"do-nothing Typer app, start to exit:   median {statistics.median(baseline) * 1000:6.1f} ms")
    print(
        f"senco check, start to first question:  median {statistics.median(questions) * 1000:6.1f} ms"
        f"   (min {min(questions) * 1000:.1f} ms, max {max(questions) * 1000:.1f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
