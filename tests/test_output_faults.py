"""Outputs: nothing left behind, nothing cut short. A workbook's temporary files stay beside
the output and go with it, whatever ends the run; a full disk, a full standard output or a
closed pipe is one line and a known exit code; a workbook never drops what Excel cannot
hold without a word. Each run is the installed console script in a real process."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import closed_pipe, interrupted, one_error_line, run_in_process, run_senco, senco_script
from conftest import staff_roster as roster

AS_OF = ("--as-of", "2026-11-28")


def everything_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# 10. The workbook's temporary files: beside the output, owner-only, gone on every exit.


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_a_signal_while_writing_a_workbook_leaves_no_names_anywhere(
    tmp_path: Path, signum: int, code: int
) -> None:
    source = roster(tmp_path, 40_000)
    out, temporary = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temporary.mkdir()

    def writing() -> bool:
        """The workbook is being written: its files are owner-only, beside the output."""
        scratch = [p for p in out.glob(".senco-*") if p.is_dir() and any(p.iterdir())]
        if not scratch:
            return False
        files = [p for p in scratch[0].iterdir() if p.is_file()]
        assert files and all(p.stat().st_mode & 0o077 == 0 for p in files)  # owner-only
        assert everything_in(temporary) == []  # nothing in the system's temporary folder
        return True

    args = ["audit", str(source), *AS_OF, "--format", "xlsx", "--output", str(out / "r.xlsx")]
    returncode, errors = interrupted(args, signum, writing, env={"TMPDIR": str(temporary)})
    assert returncode == code
    assert everything_in(out) == [] and everything_in(temporary) == []
    assert b"Traceback" not in errors


def test_a_finished_workbook_leaves_only_itself(tmp_path: Path) -> None:
    source = roster(tmp_path, 3)
    out, temporary = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    temporary.mkdir()
    result = run_senco(
        "audit", str(source), *AS_OF, "--format", "xlsx", "--output", str(out / "r.xlsx"),
        env={"TMPDIR": str(temporary)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert everything_in(out) == ["r.xlsx"] and everything_in(temporary) == []


# 13. A full disk while writing a workbook.


def test_a_workbook_to_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, full_disk: Path) -> None:
    source = roster(tmp_path, 200)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    before = everything_in(full_disk)
    result = run_senco(
        "audit", str(source), *AS_OF, "--format", "xlsx", "--output", str(full_disk / "r.xlsx"),
        env={"TMPDIR": str(temporary)},
    )  # fmt: skip
    line = one_error_line(result)
    assert "r.xlsx" in line and "No space left on device" in line
    assert everything_in(full_disk) == before and everything_in(temporary) == []


# 11. Reports to a full disk or a closed pipe: never cut short without a word.


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_large_report_to_a_full_disk_is_one_line(tmp_path: Path, full_disk: Path, fmt: str) -> None:
    source = roster(tmp_path, 3_000)
    with (full_disk / "filler").open("ab") as target:  # standard output is a file on the full disk
        result = subprocess.run(
            [senco_script(), "audit", str(source), *AS_OF, "--format", fmt],
            stdout=target,
            stderr=subprocess.PIPE,
            encoding="utf-8",
            timeout=120,
        )
    assert "No space left on device" in one_error_line(result)


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_a_large_report_to_a_closed_pipe_exits_141_quietly(tmp_path: Path, fmt: str) -> None:
    source = roster(tmp_path, 3_000)
    assert closed_pipe("audit", str(source), *AS_OF, "--format", fmt, read=100) == (141, b"")


def test_a_whole_report_through_a_slow_pipe_arrives_whole(tmp_path: Path) -> None:
    """A large page written to a pipe that is read slowly is all there (not the first 64 KB)."""
    source = roster(tmp_path, 3_000)
    with subprocess.Popen(
        [senco_script(), "audit", str(source), *AS_OF, "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None
        time.sleep(1.0)  # the writer fills the pipe and waits
        page = process.stdout.read()
        process.wait(timeout=120)
    assert process.returncode == 1 and page.rstrip().endswith(b"</html>") and len(page) > 256_000


# 12. JSON to a full standard output.


@pytest.mark.parametrize("args", [("costs",), ("audit", "ROSTER")])
def test_json_to_a_full_standard_output_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    source = roster(tmp_path, 5)
    command = [
        senco_script(),
        *(str(source) if a == "ROSTER" else a for a in args),
        *AS_OF,
        "--format",
        "json",
    ]
    with open("/dev/full", "w") as full:
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, encoding="utf-8", timeout=60)
    assert "No space left on device" in one_error_line(result)


# 14. Past what an Excel sheet holds.


def test_more_columns_than_excel_holds_is_refused_before_writing(tmp_path: Path) -> None:
    from senco_cli.render.xlsx import MAX_COLUMNS, RESULT_HEADERS

    extra = MAX_COLUMNS - len(RESULT_HEADERS)  # with the name column, one too many with the results
    path = tmp_path / "wide.csv"
    path.write_text(
        "you.name," + ",".join(f"x{n}" for n in range(extra)) + "\nSam" + "," * extra + "\n", encoding="utf-8"
    )
    target = tmp_path / "r.xlsx"
    result = run_in_process(
        "audit", str(path), *AS_OF, "--ignore-unknown", "--format", "xlsx", "--output", str(target)
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]  # after the line saying which columns were left out
    assert line.startswith("senco: error: ") and f"{MAX_COLUMNS:,} columns" in line and "--format csv" in line
    assert not target.exists() and [p.name for p in tmp_path.iterdir()] == ["wide.csv"]


def test_more_rows_than_excel_holds_is_refused_not_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel's 1,048,576 rows made small: a million-row roster is too slow for a test."""
    from senco_cli.render import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)  # the header and three people
    target = tmp_path / "r.xlsx"
    for people, refused in ((3, False), (4, True)):
        result = run_in_process(
            "audit",
            str(roster(tmp_path, people)),
            *AS_OF,
            "--format",
            "xlsx",
            "--output",
            str(target),
            "--force",
        )
        if refused:
            line = one_error_line(result)
            assert "more people than an Excel sheet holds (3 fit" in line and "--format csv" in line
        else:
            assert result.returncode == 1 and target.exists(), result.stderr
