"""What the benchmarks share: the senco script and interpreter to measure, a whole process's
CPU time, the first interview question's wall time in a terminal, and the interleaved
timing loop that compares each case with the bare interpreter run straight before it.

Run any benchmark from the repository: python benchmarks/NAME.py
"""

from __future__ import annotations

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
# The interpreter senco is installed with (a version manager's `python3` shim can cost far
# more than the interpreter itself).
BARE = [sys.executable, "-c", "pass"]
TYPER_APP = [sys.executable, str(HERE / "do_nothing_app.py")]

# A case: (its own run, the bare interpreter's run it is compared with), each giving seconds.
Case = tuple[Callable[[], float], Callable[[], float]]


def senco() -> str:
    """The senco console script beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "senco"
    return str(beside) if beside.exists() else (shutil.which("senco") or "senco")


def compile_package() -> None:
    """Write bytecode as `pip install` does, so an editable checkout is measured like an install."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "senco_cli")], check=True)


def cpu_seconds(command: list[str]) -> float:
    """CPU seconds (user + system) the command used: steadier than wall time on a shared machine."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_utime + usage.ru_stime


def first_question_seconds(script: str) -> float:
    """Wall seconds from starting `senco check` in a terminal to its first question on screen."""
    import pexpect

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    child = pexpect.spawn(script, ["check"], env=env, encoding="utf-8", timeout=30)
    child.expect("What is your name")
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def terminal_seconds(command: list[str]) -> float:
    """Wall seconds from starting `command` in a terminal to its end."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def have_pexpect() -> bool:
    try:
        import pexpect  # noqa: F401
    except ImportError:
        return False
    return True


def interleaved(cases: dict[str, Case], runs: int) -> tuple[dict[str, list[float]], list[float]]:
    """Each case run `runs` times, each run straight after a run of its bare interpreter, so
    that load on a shared machine hits both alike; every case warmed once first. Returns
    each case's ratios (own / bare) and all the bare runs' seconds."""
    for own, bare in cases.values():  # warm the file cache and bytecode
        own(), bare()
    ratios: dict[str, list[float]] = {name: [] for name in cases}
    floors: list[float] = []
    for _ in range(runs):
        for name, (own, bare) in cases.items():
            floor = bare()
            ratios[name].append(own() / floor)
            floors.append(floor)
    return ratios, floors


def load_average() -> str:
    """The system's load average over 1, 5 and 15 minutes, as `uptime` gives it."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)
