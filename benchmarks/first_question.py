"""Time from starting `senco check` in a terminal to its first question on screen.

Run: python benchmarks/first_question.py [--runs N]   (needs pexpect: pip install -e '.[test]')
Wall time, measured in a pseudo-terminal as a person would see it, each run paired with a
run of the bare interpreter in the same kind of terminal (the loop of benchmarks/timing.py).
"""

from __future__ import annotations

import argparse

from timing import BARE, compile_package, first_question_seconds, interleaved, load_average, senco, spread
from timing import terminal_seconds as bare_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_package()
    script = senco()
    print(f"load average before: {load_average()}")
    ratios, floors = interleaved(
        {"first question": ((lambda: first_question_seconds(script)), (lambda: bare_seconds(BARE)))},
        args.runs,
    )
    low, middle, high = spread(floors)
    print(f"bare interpreter in a terminal, start to exit:  median {middle * 1000:6.1f} ms")
    low, middle, high = spread(ratios["first question"])
    print(
        f"senco check, start to first question, ratio to it: min {low:.1f}  median {middle:.1f}  max {high:.1f}"
    )
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
