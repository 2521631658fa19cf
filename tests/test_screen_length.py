"""How much a person reads on a terminal at 80 columns: the answer on one screen, every
source still numbered, no line wider than the terminal. Measured as a person sees it: the
installed `senco` in a real pseudo-terminal 80 columns wide, stdout and stderr together."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pexpect
import pytest

from conftest import EXAMPLES, senco_script

AS_OF = "2026-11-28"
ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]")
SCREEN = 40

A_SENCO_SINCE_SEPTEMBER_2025 = """format = 1
[you]
name = "Hannah Wright"
has_trn = true
[qualifications]
qts = true
induction = "passed"
[senco_training]
npq = "none"
npq_funded_before = false
nasenco = "none"
[role]
senco = "yes"
senco_since = 2025-09-01
previous_senco_months = 0
head_teacher = false
teaches_at_school = true
[school]
setting = "maintained"
in_england = true
supports_npq = true
"""


def on_a_terminal(*args: str, cwd: Path | None = None) -> tuple[list[str], str]:
    """The lines a command shows on an 80-column terminal (escape codes removed), and the raw
    output with them."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)  # the width comes from the terminal itself
    child = pexpect.spawn(
        senco_script(),
        list(args),
        env=env,
        encoding="utf-8",
        dimensions=(500, 80),
        timeout=30,
        cwd=str(cwd) if cwd else None,
    )
    child.expect(pexpect.EOF)
    raw = child.before or ""
    text = ESCAPES.sub("", raw)
    return text.rstrip("\r\n").split("\r\n"), raw


def assert_fits(lines: list[str], most: int) -> None:
    shown = "\n".join(lines)
    assert len(lines) <= most, f"{len(lines)} lines:\n{shown}"
    wide = [line for line in lines if len(line) > 80]
    assert not wide, f"wider than 80 columns: {wide}"


def sources_paragraph(lines: list[str]) -> str:
    at = next(index for index, line in enumerate(lines) if line.startswith("Sources:"))
    return " ".join(" ".join(lines[at:]).split())


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_check_of_each_example_fits_one_screen(example: Path) -> None:
    lines, raw = on_a_terminal("check", "--profile", str(example), "--as-of", AS_OF)
    assert_fits(lines, SCREEN)
    # No source is lost: every number cited in the report is in the sources paragraph.
    sources = sources_paragraph(lines)
    body = "\n".join(lines[: next(i for i, line in enumerate(lines) if line.startswith("Sources:"))])
    cited = {int(n) for refs in re.findall(r"\[([\d, –]+)\]", body) for n in re.findall(r"\d+", refs)}
    listed = {int(n) for refs in re.findall(r"\[([\d, –]+)\]", sources) for n in re.findall(r"\d+", refs)}
    assert cited <= listed and listed == set(range(1, max(listed) + 1))
    assert "\x1b]8;" in raw  # the numbers and labels link to their sources where terminals show links
    # The closing hint never offers to save over a bundled example.
    assert f"--save {example}" not in " ".join(lines) and "--save me.toml" in lines[-1]


def test_check_of_a_senco_appointed_in_september_2025_fits_one_screen(tmp_path: Path) -> None:
    profile = tmp_path / "since-2025.toml"
    profile.write_text(A_SENCO_SINCE_SEPTEMBER_2025, encoding="utf-8")
    lines, _ = on_a_terminal("check", "--profile", profile.name, "--as-of", AS_OF, cwd=tmp_path)
    assert_fits(lines, SCREEN)
    assert any(line.startswith("Deadline: 1 September 2028") for line in lines[:10])
    # Your own file is the one the hint offers to update.
    assert f"senco check --save {profile.name}" in " ".join(" ".join(lines[-3:]).split())


def test_costs_for_one_setting_fits_in_15_lines() -> None:
    lines, _ = on_a_terminal("costs", "--setting", "academy", "--as-of", AS_OF)
    assert_fits(lines, 15)


def test_plain_costs_fits_one_screen() -> None:
    lines, _ = on_a_terminal("costs", "--as-of", AS_OF)
    assert_fits(lines, SCREEN)


@pytest.mark.parametrize("example", ["new-senco", "unqualified-graduate"])
def test_plan_lines_fit_the_terminal(example: str) -> None:
    lines, _ = on_a_terminal("plan", "--profile", str(EXAMPLES / f"{example}.toml"), "--as-of", AS_OF)
    assert_fits(lines, 60)


def test_an_error_fits_the_terminal(tmp_path: Path) -> None:
    roster = tmp_path / "staff.csv"
    roster.write_text(
        "Name,Shoe size,Favourite colour,Lucky number,Pet's name\nA,1,2,3,4\n", encoding="utf-8"
    )
    lines, _ = on_a_terminal("audit", roster.name, cwd=tmp_path)
    assert lines[0].startswith("senco: error:") and len(lines) > 1
    assert_fits(lines, 10)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            [
                "check",
                "--profile",
                str(EXAMPLES / "new-senco.toml"),
                "--format",
                "html",
                "--output",
                "report.html",
            ],
            "Wrote report.html: open it in a browser",
        ),
        (
            [
                "plan",
                "--profile",
                str(EXAMPLES / "new-senco.toml"),
                "--format",
                "ics",
                "--output",
                "senco.ics",
            ],
            "Wrote senco.ics: {events} events; import it into your calendar.",
        ),
        (["audit", "--template", "--format", "xlsx", "--output", "staff.xlsx"], "Wrote staff.xlsx: "),
        (["costs", "--format", "markdown", "--output", "costs.md"], "Wrote costs.md: "),
    ],
    ids=["check-html", "plan-ics", "template-xlsx", "costs-markdown"],
)
def test_output_says_what_was_written_and_where(args: list[str], said: str, tmp_path: Path) -> None:
    lines, _ = on_a_terminal(*args, "--as-of", AS_OF, cwd=tmp_path)
    written = (tmp_path / args[args.index("--output") + 1]).read_bytes()
    said = said.format(events=written.count(b"BEGIN:VEVENT"))
    assert said in " ".join(lines) and written
    assert_fits(lines, 3)
