"""Start-up cost of senco's commands against the floor: a bare interpreter (`python -c pass`).

Run: python benchmarks/startup.py [--runs N] [--before PATH/TO/OTHER/senco]

Each command runs N times, each run paired with a run of the bare interpreter straight
before it, so that load on a shared machine hits both alike. A pair's ratio is the
command's CPU time (user + system) over the interpreter's; the table shows the min, median
and max of those ratios and says OVER where the median misses its target. The interpreter
is the one senco is installed with (a version manager's `python3` shim can cost far more
than the interpreter itself). A do-nothing Typer app is measured the same way for scale.
The first interview question is timed in a pseudo-terminal (wall time, start to the
question on screen) against the bare interpreter's wall time in the same kind of terminal.
With --before, a second senco script (say an older install) is measured in the same rounds.
"""

from __future__ import annotations

import argparse
import statistics

from timing import (
    BARE,
    EXAMPLE,
    TYPER_APP,
    Case,
    compile_package,
    cpu_seconds,
    first_question_seconds,
    have_pexpect,
    interleaved,
    load_average,
    senco,
    spread,
    terminal_seconds,
)

# Median of per-pair ratios to the bare interpreter, from the issue that set them.
TARGETS = {
    "--help": 5.0,
    "--version": 5.0,
    "check --profile (text)": 8.0,
    "check --profile --format json": 7.0,
    "costs": 8.0,
    "plan --profile": 8.0,
    "first interview question": 12.0,
}


def arguments(script: str) -> dict[str, list[str]]:
    profile = str(EXAMPLE)
    return {
        "--help": [script, "--help"],
        "--version": [script, "--version"],
        "check --profile (text)": [script, "check", "--profile", profile],
        "check --profile --format json": [script, "check", "--profile", profile, "--format", "json"],
        "costs": [script, "costs"],
        "plan --profile": [script, "plan", "--profile", profile],
    }


def cases(script: str, label: str) -> dict[str, Case]:
    """Each case: (its own run, the bare interpreter's run it is compared with)."""
    found: dict[str, Case] = {}
    for name, command in arguments(script).items():
        found[f"{label}{name}"] = ((lambda c=command: cpu_seconds(c)), (lambda: cpu_seconds(BARE)))
    if have_pexpect():
        found[f"{label}first interview question"] = (
            (lambda: first_question_seconds(script)),
            (lambda: terminal_seconds(BARE)),
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="pairs per command (at least 15)")
    parser.add_argument("--before", help="another senco script to measure in the same rounds")
    args = parser.parse_args()
    runs = max(args.runs, 15)
    compile_package()
    table: dict[str, Case] = {
        "do-nothing Typer app": ((lambda: cpu_seconds(TYPER_APP)), (lambda: cpu_seconds(BARE)))
    }
    if args.before:
        table |= cases(args.before, "before: ")
    table |= cases(senco(), "")
    print(f"load average before: {load_average()}")
    ratios, floors = interleaved(table, runs)
    low, middle, high = spread(floors)
    print(
        f"floor: {' '.join(BARE)}: CPU median {middle * 1000:.1f} ms "
        f"(min {low * 1000:.1f}, max {high * 1000:.1f}); {runs} interleaved pairs each"
    )
    typer_median = statistics.median(ratios["do-nothing Typer app"])
    print(
        f"{'ratio to the bare interpreter':42s} {'min':>6s} {'median':>7s} {'max':>6s}   target   vs Typer app"
    )
    missed = 0
    for name, values in ratios.items():
        low, median, high = spread(values)
        target = TARGETS.get(name.removeprefix("before: "))
        if target is None or name.startswith("before: "):
            mark = f"{'(' + format(target, '.0f') + 'x)' if target else '':>8s}"
        else:
            mark = f"{target:>6.0f}x " + ("ok" if median <= target else "OVER")
            missed += median > target
        print(f"{name:42s} {low:6.1f} {median:7.1f} {high:6.1f}   {mark:10s} {median / typer_median:5.2f}")
    print("targets met" if not missed else f"{missed} target(s) missed (OVER)")
    print(f"load average after: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
