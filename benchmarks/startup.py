"""Start-up cost of senco's commands against a do-nothing Typer app, measured side by side.

Run: python benchmarks/startup.py [--runs N]
Each command runs N times, interleaved with the baseline so that machine load hits both
alike; the median CPU time (user + system) of each is compared with the baseline's median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "data" / "examples" / "new-senco.toml"
BUDGET = 1.2


def senco() -> str:
    beside = Path(sys.executable).parent / "senco"
    return str(beside) if beside.exists() else (shutil.which("senco") or "senco")


COMMANDS = {
    "senco --help": [senco(), "--help"],
    "senco --version": [senco(), "--version"],
    "senco check --profile (text)": [senco(), "check", "--profile", str(EXAMPLE)],
    "senco check --profile --format json": [
        senco(),
        "check",
        "--profile",
        str(EXAMPLE),
        "--format",
        "json",
    ],
    "senco costs": [senco(), "costs"],
}
BASELINE = [sys.executable, str(HERE / "do_nothing_app.py")]


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


def compile_package() -> None:
    """Write bytecode as `pip install` does, so an editable checkout is measured like an install."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "senco_cli")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compile_package()
    for command in [BASELINE, *COMMANDS.values()]:
        timed(command)  # warm the file cache and bytecode
    baseline: list[float] = []
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, command in COMMANDS.items():
            baseline.append(timed(BASELINE))
            samples[name].append(timed(command))
    base, base_min = statistics.median(baseline), min(baseline)
    print(f"{'do-nothing Typer app':40s} median {base * 1000:6.1f} ms   min {base_min * 1000:6.1f} ms")
    worst = 0.0
    for name, times in samples.items():
        ratio = statistics.median(times) / base
        worst = max(worst, ratio)
        mark = "ok" if ratio <= BUDGET else "OVER"
        print(
            f"{name:40s} median {statistics.median(times) * 1000:6.1f} ms   min {min(times) * 1000:6.1f} ms"
            f"   ratio {ratio:4.2f} (min/min {min(times) / base_min:4.2f})  {mark}"
        )
    print(f"worst median ratio {worst:.2f} (budget {BUDGET})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
