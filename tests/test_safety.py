"""Every command against hostile surroundings: special files, full disks, closed streams,
odd encodings, signals. Each run is the installed console script in a real process."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, closed_pipe, interrupted, one_error_line, run_senco, senco_script
from conftest import staff_roster as big_roster

PROFILE = str(EXAMPLES / "new-senco.toml")
AS_OF = ("--as-of", "2026-11-28")


# 1, 2. Outputs never replace a device, a pipe or the input.


def test_output_to_a_device_is_refused_even_with_force() -> None:
    before = os.stat("/dev/null")
    result = run_senco("costs", "--output", "/dev/null", "--force")
    assert "not a regular file" in one_error_line(result)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_output_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run_senco("plan", "--profile", PROFILE, "--output", str(fifo), "--force")
    one_error_line(result)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("command", ["check", "plan"])
def test_output_onto_the_profile_is_refused(tmp_path: Path, command: str) -> None:
    profile = tmp_path / "me.toml"
    profile.write_bytes(Path(PROFILE).read_bytes())
    before = profile.read_bytes()
    result = run_senco(command, "--profile", str(profile), "--output", str(profile), "--force")
    assert "is the input" in one_error_line(result)
    assert profile.read_bytes() == before


def test_output_onto_the_roster_is_refused_even_by_another_name(tmp_path: Path) -> None:
    roster = big_roster(tmp_path, 3)
    alias = tmp_path / "alias.csv"
    alias.symlink_to(roster)
    before = roster.read_bytes()
    result = run_senco("audit", str(roster), "--format", "csv", "--output", str(alias), "--force")
    assert "is the input" in one_error_line(result)
    assert roster.read_bytes() == before and alias.is_symlink()


# 6. Tracebacks that become one line and exit 2.


def test_full_disk_keeps_the_old_file_and_says_so(full_disk: Path) -> None:
    target = full_disk / "plan.md"
    filler = full_disk / "filler"
    os.truncate(filler, filler.stat().st_size - 8192)  # room for the old file only
    target.write_text("the old plan\n", encoding="utf-8")
    descriptor = os.open(filler, os.O_WRONLY | os.O_APPEND)  # then the disk is full again
    try:
        while os.write(descriptor, b"\0" * 1024):
            pass
    except OSError:
        pass
    finally:
        os.close(descriptor)
    result = run_senco(
        "plan", "--profile", PROFILE, "--format", "markdown", "--output", str(target), "--force"
    )
    assert "No space left on device" in one_error_line(result)
    assert target.read_text(encoding="utf-8") == "the old plan\n"
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "plan.md"]


def test_stdout_to_dev_full(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [senco_script(), "costs"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 2 and "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr


def test_closed_stdout_and_stdin() -> None:
    closed_out = subprocess.run(
        [senco_script(), "costs"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert closed_out.returncode == 2 and "standard output is closed" in closed_out.stderr
    closed_in = subprocess.run(
        [senco_script(), "check"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),
    )
    assert closed_in.returncode == 2 and "Traceback" not in closed_in.stderr


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize(
    "args",
    [
        ("check", "--profile", PROFILE),
        ("check", "--profile", PROFILE, "--format", "markdown"),
        ("costs",),
        ("plan", "--profile", PROFILE),
    ],
)
def test_any_stdout_encoding(encoding: str, args: tuple[str, ...]) -> None:
    utf8 = run_senco(*args, *AS_OF)
    narrow = subprocess.run(
        [senco_script(), *args, *AS_OF],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": encoding},
    )
    text = narrow.stdout.decode(encoding)  # written in the encoding asked for
    assert narrow.returncode == utf8.returncode and b"Traceback" not in narrow.stderr
    assert text.strip()
    if args[0] == "check" and "markdown" not in args:
        assert "+ done" in text and "x AT RISK" in text


def test_deeply_nested_toml(tmp_path: Path) -> None:
    profile = tmp_path / "deep.toml"
    profile.write_text("format = 1\nx = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    assert "nested too deeply" in one_error_line(run_senco("check", "--profile", str(profile)))


# 9, 11. Inputs: a FIFO is refused at once; - reads standard input.


def test_a_fifo_as_profile_or_roster_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    for args in (("check", "--profile", str(fifo)), ("audit", str(fifo))):
        assert "not a regular file" in one_error_line(run_senco(*args))
    assert time.monotonic() - start < 10


def test_roster_and_profile_from_standard_input(tmp_path: Path) -> None:
    roster = big_roster(tmp_path, 3)
    with roster.open("rb") as handle:
        piped = subprocess.run(
            [senco_script(), "audit", "-", "--format", "json", *AS_OF], stdin=handle, capture_output=True
        )
    assert piped.returncode == 1 and json.loads(piped.stdout)["summary"]["rows"] == 3
    with open(PROFILE, "rb") as handle:
        profile = subprocess.run(
            [senco_script(), "check", "--profile", "-", "--format", "json", *AS_OF],
            stdin=handle,
            capture_output=True,
        )
    assert json.loads(profile.stdout)["deadline"]["date"] == "2028-09-01"


# 4, 10, 13. Widths, broken pipes, usage errors.


def test_zero_columns_still_gives_the_report() -> None:
    result = run_senco("check", "--profile", PROFILE, *AS_OF, env={"COLUMNS": "0"})
    assert result.returncode == 1 and "AT RISK" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_closed_pipe_ends_quietly_the_same_way_for_every_format(fmt: str) -> None:
    assert closed_pipe("costs", "--format", fmt) == (141, b"")


def test_usage_error_is_one_line_and_json_when_asked() -> None:
    assert "--format" in one_error_line(run_senco("check", "--frmat", "json"))
    result = run_senco("costs", "--format", "json", "--bogus")
    one_error_line(result)
    body = json.loads(result.stdout)
    assert body["status"] == "error" and body["exit_code"] == 2 and "--bogus" in body["errors"][0]["message"]


# 12, 14. File names: escaped in messages; 250 bytes is a legal name.


def test_escape_sequences_in_a_file_name_are_shown_as_codes(tmp_path: Path) -> None:
    target = tmp_path / "bad\x1b[31mname.md"
    target.write_text("old", encoding="utf-8")
    line = one_error_line(run_senco("costs", "--output", str(target)))
    assert "\x1b" not in line and "\\u001b" in line


def test_a_250_byte_file_name(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 247 + ".md")
    result = run_senco("costs", "--format", "markdown", "--output", str(target))
    assert result.returncode == 0 and target.read_text(encoding="utf-8").startswith("# SENCO costs")


# 7, 8. Signals during a long audit: temporary files removed, workers gone, the right code.


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_a_signal_mid_audit_leaves_nothing_behind(tmp_path: Path, signum: int, code: int) -> None:
    roster = big_roster(tmp_path, 60_000)
    out = tmp_path / "out"
    out.mkdir()

    def writing() -> bool:  # rows are going into the temporary file beside the output
        return any(path.stat().st_size > 0 for path in out.glob(".senco-*"))

    args = ["audit", str(roster), "--format", "csv", "--output", str(out / "result.csv")]
    returncode, errors = interrupted(args, signum, writing)
    assert returncode == code
    assert list(out.iterdir()) == []
    assert b"Traceback" not in errors
    said = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    assert f"senco: {said}: nothing was saved.".encode() in errors


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_output_files_are_utf8_whatever_the_console(tmp_path: Path, encoding: str, fmt: str) -> None:
    target = tmp_path / "report.txt"
    result = run_senco(
        "check",
        "--profile",
        PROFILE,
        *AS_OF,
        "--format",
        fmt,
        "--output",
        str(target),
        env={"PYTHONIOENCODING": encoding},
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    text = target.read_text(encoding="utf-8")
    assert "✘" in text or "✔" in text  # the real marks: the file is UTF-8, not the console's encoding
