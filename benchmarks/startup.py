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
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "data" / "examples" / "new-senco.toml"
BARE = [sys.executable, "-c", "pass"]
TYPER_APP = [sys.executable, str(HERE / "do_nothing_app.py")]

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


def senco() -> str:
    beside = Path(sys.executable).parent / "senco"
    return str(beside) if beside.exists() else (shutil.which("senco") or "senco")


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


# Kept for the other benchmarks, which import it.
BASELINE = TYPER_APP


def timed(command: list[str]) -> float:
    """CPU seconds (user + system) the command used: steadier than wall time on a shared machine."""
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_utime + usage.ru_stime


def first_question(script: str) -> float:
    """Wall seconds from starting `senco check` in a terminal to its first question on screen."""
    import pexpect

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    child = pexpect.spawn(script, ["check"], env=env, encoding="utf-8", timeout=30)
    child.expect("What is your name")
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def bare_in_terminal() -> float:
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(BARE[0], BARE[1:], encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def compile_package() -> None:
    """Write bytecode as `pip install` does, so an editable checkout is measured like an install."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "senco_cli")], check=True)


def have_pexpect() -> bool:
    try:
        import pexpect  # noqa: F401
    except ImportError:
        return False
    return True


def cases(script: str, label: str) -> dict[str, tuple[Callable[[], float], Callable[[], float]]]:
    """Each case: (its own run, the bare interpreter's run it is compared with)."""
    found: dict[str, tuple[Callable[[], float], Callable[[], float]]] = {}
    for name, command in arguments(script).items():
        found[f"{label}{name}"] = ((lambda c=command: timed(c)), (lambda: timed(BARE)))
    if have_pexpect():
        found[f"{label}first interview question"] = (
            (lambda: first_question(script)),
            bare_in_terminal,
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="pairs per command (at least 15)")
    parser.add_argument("--before", help="another senco script to measure in the same rounds")
    args = parser.parse_args()
    runs = max(args.runs, 15)
    compile_package()
    table = {"do-nothing Typer app": ((lambda: timed(TYPER_APP)), (lambda: timed(BARE)))}
    if args.before:
        table |= cases(args.before, "before: ")
    table |= cases(senco(), "")
    for own, bare in table.values():  # warm the file cache and bytecode
        own(), bare()
    ratios: dict[str, list[float]] = {name: [] for name in table}
    bare_times: list[float] = []
    for _ in range(runs):
        for name, (own, bare) in table.items():
            floor = bare()
            ratios[name].append(own() / floor)
            bare_times.append(floor)
    print(
        f"floor: {' '.join(BARE)}: CPU median {statistics.median(bare_times) * 1000:.1f} ms "
        f"(min {min(bare_times) * 1000:.1f}, max {max(bare_times) * 1000:.1f}); {runs} interleaved pairs each"
    )
    typer_median = statistics.median(ratios["do-nothing Typer app"])
    print(
        f"{'ratio to the bare interpreter':42s} {'min':>6s} {'median':>7s} {'max':>6s}   target   vs Typer app"
    )
    missed = 0
    for name, values in ratios.items():
        median = statistics.median(values)
        target = TARGETS.get(name.removeprefix("before: "))
        if target is None or name.startswith("before: "):
            mark = f"{'(' + format(target, '.0f') + 'x)' if target else '':>8s}"
        else:
            mark = f"{target:>6.0f}x " + ("ok" if median <= target else "OVER")
            missed += median > target
        print(
            f"{name:42s} {min(values):6.1f} {median:7.1f} {max(values):6.1f}   {mark:10s} "
            f"{median / typer_median:5.2f}"
        )
    print("targets met" if not missed else f"{missed} target(s) missed (OVER)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
