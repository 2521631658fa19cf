from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from senco_cli.logic.report import Report
from senco_cli.profile.model import Profile
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
SHIPPED_RULES = ROOT / "data"
# Logic tests run on a frozen copy of the rules (see fixtures/README.md), in this process
# and in every senco process the tests start.
FROZEN_RULES = ROOT / "tests" / "fixtures" / "rules"
# A person's commands on the bundled example, each as `senco ...` would run it.
PERSON_COMMANDS = (
    ["check", "--profile", str(EXAMPLES / "new-senco.toml")],
    ["check", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "json"],
    ["plan", "--profile", str(EXAMPLES / "new-senco.toml")],
    ["costs"],
)
os.environ["SENCO_DATA_DIR"] = str(FROZEN_RULES)
# A run without SENCO_DATA_DIR caches the bundled rules: in a folder of the tests' own, never
# the user's cache.
TEST_CACHE = Path(tempfile.mkdtemp(prefix="senco-test-cache-"))
atexit.register(shutil.rmtree, TEST_CACHE, ignore_errors=True)
os.environ["XDG_CACHE_HOME"] = str(TEST_CACHE)
TODAY = dt.date(2026, 11, 28)
# The shipped data's review date, as the reports print it (tests read it, not pin it).
REVIEWED = load_rules().reviewed.isoformat()


def senco_script() -> str:
    """The installed console script in the environment running the tests."""
    beside = Path(sys.executable).parent / "senco"
    found = str(beside) if beside.exists() else shutil.which("senco")
    assert found, "the senco console script is not installed: pip install -e '.[test]'"
    return found


def run_senco(
    *args: str,
    stdin: int | None = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    encoding: str = "utf-8",
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [senco_script(), *args],
        stdin=stdin,
        capture_output=True,
        encoding=encoding,
        env=full_env,
        cwd=cwd,
        timeout=60,
    )


class InProcess:
    """What a finished in-process run gives: the exit code and both streams, as from a process."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def probe(script: str, record: Path, *args: str, env: dict[str, str] | None = None) -> Finished:
    """A probe `script` run in a fresh interpreter as `python -c SCRIPT RECORD ARGS...`, with
    no terminal: it writes what it saw (the modules loaded, say) to `record`."""
    return subprocess.run(
        [sys.executable, "-c", script, str(record), *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=env,
    )


def run_in_process(*args: str, env: dict[str, str] | None = None) -> InProcess:
    """senco's command line run in this process (Typer's CliRunner): quick, for logic tests;
    run_senco runs the installed script for the few tests about the real process."""
    from typer.testing import CliRunner

    from senco_cli.app import app

    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return InProcess(result.exit_code, result.stdout, result.stderr)


AUDIT_AS_OF = ("--as-of", "2026-11-28")


# Bad answers, each refused the same way in a profile and in a roster's cell: (dotted key,
# the answer, the words its message must hold). test_bad_input writes each in a profile;
# test_audit_command puts each in one row of a roster.
BAD_ANSWERS: list[tuple[str, str | dt.date, str]] = [
    ("school.setting", "acadmy", 'Did you mean "academy"?'),
    ("qualifications.induction", "pased", 'Did you mean "passed"?'),
    ("you.trn", "12345", "7 digits"),
    ("you.trn", "12345678", "7 digits"),
    ("you.trn", "0000000", "not a TRN"),
    ("role.senco_since", dt.date(2030, 1, 1), "more than a year"),
    ("you.name", "Evil\x1b[2J", "control characters"),
]


def bad_answer_profile(key: str, answer: str | dt.date) -> str:
    """A profile of a SENCO (role.senco = "yes") holding one bad answer, as TOML."""
    import tomli_w

    section, name = key.split(".")
    table: dict[str, Any] = {"format": 1, "role": {"senco": "yes"}}
    table.setdefault(section, {})[name] = answer
    return tomli_w.dumps(table)


class Finished(Protocol):
    """A finished run, in a process (subprocess.run) or in this one (run_in_process)."""

    returncode: int
    stderr: str


def one_error_message(stderr: str, *words: str) -> str:
    """The one line a refused run writes on stderr (`senco: error: ...`, no traceback), which
    holds each of `words`."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("senco: error: "), stderr
    for said in words:
        assert said in lines[0], (said, lines[0])
    return lines[0]


def one_error_line(result: Finished, *words: str) -> str:
    """A refused run: exit 2 and one line (one_error_message)."""
    assert result.returncode == 2, result.stderr
    return one_error_message(result.stderr, *words)


STAFF_HEADER = (
    "you.name,you.trn,qualifications.qts,role.senco,role.senco_since,school.setting,senco_training.npq"
)


def staff_roster(folder: Path, rows: int) -> Path:
    """folder/roster.csv: `rows` qualified teachers, SENCOs at academies since September
    2025, each with a TRN of their own."""
    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(STAFF_HEADER + "\n")
        for n in range(rows):
            handle.write(f"Teacher {n},{1_000_000 + n},yes,yes,01/09/2025,academy,none\n")
    return path


def closed_pipe(*args: str, read: int = 0) -> tuple[int, bytes]:
    """The installed script's exit code and stderr when the reader of its standard output
    closes the pipe after `read` bytes (none: at once)."""
    with subprocess.Popen(
        [senco_script(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        if read:
            assert process.stdout.read(read)
        process.stdout.close()
        errors = process.stderr.read()
        return process.wait(timeout=120), errors


def interrupted(
    args: list[str], signum: int, ready: Callable[[], bool], env: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """The installed script run with `args`, sent `signum` once `ready()` holds while it is
    still running (waiting 30 s at most): its exit code and stderr."""
    with subprocess.Popen(
        [senco_script(), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    ) as process:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None and not ready():
            time.sleep(0.05)
        assert process.poll() is None, "the run finished before the signal: give it more to do"
        assert ready(), "the run never got to where the signal is meant for"
        process.send_signal(signum)
        _, errors = process.communicate(timeout=30)
    return process.returncode, errors


def audit_json(path: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    """`senco audit PATH --format json` as on 28 November 2026, in this process: the exit
    code, the JSON result and what went to stderr."""
    import json

    result = run_in_process("audit", str(path), "--format", "json", *AUDIT_AS_OF, *args)
    return result.returncode, json.loads(result.stdout), result.stderr


@pytest.fixture(scope="session")
def rules() -> Rules:
    """The frozen rules: for tests of how rules are applied."""
    return load_rules(FROZEN_RULES)


@pytest.fixture(scope="session")
def shipped_rules() -> Rules:
    """The rules in data/: for tests of the shipped data itself."""
    return load_rules(SHIPPED_RULES)


# A qualified teacher at an academy who has just become SENCO: every answer given.
BASE = dict(
    name="Test Teacher",
    has_trn=True,
    teaching_years=5.0,
    schools_taught_in=2,
    unqualified_teacher=False,
    degree=True,
    gcse_english_maths=True,
    gcse_science=True,
    qts=True,
    qtls=False,
    set_member=False,
    qualified_abroad=False,
    eyts=False,
    induction="passed",
    npq="none",
    npq_funded_before=False,
    nasenco="none",
    senco="yes",
    senco_since=dt.date(2025, 9, 1),
    previous_senco_months=0,
    head_teacher=False,
    teaches_at_school=True,
    setting="academy",
    in_england=True,
    rise=False,
    supports_npq=True,
)


Person = Callable[..., Profile]


def step_status(report: Report, step_id: str) -> str:
    """A checklist step's status."""
    return next(s.status for s in report.steps if s.id == step_id)


def step_words(report: Report, step_id: str) -> tuple[str, str, str]:
    """A checklist step's status, title and detail."""
    found = next(s for s in report.steps if s.id == step_id)
    return found.status, found.title, found.detail


def urls(report: Report) -> set[str]:
    """Every source address a report cites."""
    return {source.url for source in report.all_sources()}


@pytest.fixture
def person() -> Callable[..., Profile]:
    def make(**changes: object) -> Profile:
        return Profile(**{**BASE, **changes})  # type: ignore[arg-type]

    return make


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a tiny tmpfs with no space left (needs root to mount)."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(descriptor, b"\0" * 4096):
                pass
        except OSError:
            pass  # the disk is full
        finally:
            os.close(descriptor)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
