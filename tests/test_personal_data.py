"""Personal data in messages and names: no TRN in full in any message of any format; names
keep the joiners and marks their scripts need; workbook text echoed safely; calendar UIDs
per person; the interview keeps what was typed; Ctrl-Z suspends."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
import zipfile
from pathlib import Path

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_interview import NEW_SENCO, ScriptedAsker
from test_markdown_text import active_markup
from workbooks import sheet_data, write_raw_xlsx

from senco_cli.interview.flow import run_interview
from senco_cli.profile.io import save_profile
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Rules
from senco_cli.text import mask_numbers

from conftest import EXAMPLES, TODAY, run_in_process, senco_script

AS_OF = ("--as-of", "2026-11-28")
FORMATS = ("text", "json", "csv", "markdown", "html")
HEADER = (
    "you.name,you.trn,role.senco,role.senco_since,school.setting,senco_training.npq,school.name,school.urn"
)
DIGIT_RUN = re.compile(r"\d(?:[ \-./]?\d)*")


def digit_windows(text: str, size: int = 5) -> set[str]:
    digits = "".join(char for char in text if char.isdigit())
    return {digits[i : i + size] for i in range(len(digits) - size + 1)}


def shown_windows(output: str) -> set[str]:
    """Every five digits in a row that the output shows, separators between them ignored."""
    found: set[str] = set()
    for run in DIGIT_RUN.findall(output):
        found |= digit_windows(run)
    return found


# 15. No message in any format contains five or more digits of a TRN cell.

SEPARATORS = st.sampled_from(["", "", " ", "-", ".", "/"])
# Digits 3 to 9: never five in a row of a date (20xx-xx-xx) or of the counts the reports show.
TRN_CELLS = (
    st.lists(st.tuples(st.text("3456789", min_size=1, max_size=4), SEPARATORS), min_size=2, max_size=4)
    .map(lambda parts: "".join(digits + separator for digits, separator in parts).strip(" -./"))
    .filter(lambda cell: sum(c.isdigit() for c in cell) >= 5)
)


def messages(fmt: str, stdout: str, stderr: str) -> str:
    """What a run says about the rows: all of it, except that CSV output repeats the
    roster's own cells by design (the TRN column masked), so there only its result columns."""
    if fmt != "csv":
        return stdout + stderr
    rows = list(csv.DictReader(io.StringIO(stdout.lstrip("\ufeff"))))
    said = [row[column] for row in rows for column in ("result.error", "result.note", "you.trn")]
    return "\n".join(said) + stderr


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=TRN_CELLS, also=st.sampled_from(["", "role.senco_since", "role.previous_senco_months"]))
def test_no_message_in_any_format_shows_five_digits_of_a_trn(tmp_path: Path, cell: str, also: str) -> None:
    """A TRN cell, typed any way, and the same TRN typed by mistake in another column."""
    values = {"you.name": "Sam", "you.trn": cell, "role.senco": "yes", "role.senco_since": "01/09/2025"}
    values |= {"school.setting": "academy", "senco_training.npq": "none", "school.name": "Oak"}
    if also:
        values[also] = cell
    header = HEADER + ",role.previous_senco_months"
    path = tmp_path / "roster.csv"
    path.write_text(header + "\n" + ",".join(f'"{values.get(c, "")}"' for c in header.split(",")) + "\n")
    secret = digit_windows(cell)
    for fmt in FORMATS:
        result = run_in_process("audit", str(path), *AS_OF, "--format", fmt)
        assert result.returncode in (0, 1), result.stderr
        leaked = secret & shown_windows(messages(fmt, result.stdout, result.stderr))
        assert not leaked, (fmt, cell, leaked)


@pytest.mark.parametrize("typed", ["123-4567", "123.4567", "99/12345", "12345", "1234567x"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_mistyped_trn_in_a_profile_is_never_repeated(tmp_path: Path, typed: str, fmt: str) -> None:
    path = tmp_path / "me.toml"
    path.write_text(f'format = 1\n[you]\ntrn = "{typed}"\n', encoding="utf-8")
    result = run_in_process("check", "--profile", str(path), *AS_OF, "--format", fmt)
    assert result.returncode == 2 and "is not a TRN" in result.stderr
    assert not digit_windows(typed, 3) & shown_windows(result.stdout + result.stderr)
    if fmt == "json":
        assert "is not a TRN" in json.loads(result.stdout)["errors"][0]["message"]


def test_the_message_mask_keeps_dates_and_counts() -> None:
    assert mask_numbers("row 12: 123-4567, 99/12345, 1234567 and 12 345 67") == (
        "row 12: ****567, ****345, ****567 and ****567"
    )
    kept = "deadline 2028-09-01 (01/09/2028), 643 days, 1,048,576 rows, URN 100000, row 20000"
    assert mask_numbers(kept) == kept


# 16. Joiners and direction marks in names.


@pytest.mark.parametrize(
    "name",
    [
        "Mehr\u200cAzar",  # a Persian compound name: zero-width non-joiner
        "\u0645\u0647\u0631\u200c\u0622\u0630\u0631",
        "Sam \U0001f469\u200d\U0001f3eb",  # woman teacher: a zero-width joiner sequence
        "\u200fDana\u200e",  # right-to-left and left-to-right marks
    ],
)
def test_names_keep_the_joiners_and_marks_scripts_need(tmp_path: Path, name: str) -> None:
    path = tmp_path / "me.toml"
    path.write_text(
        (EXAMPLES / "new-senco.toml").read_text(encoding="utf-8").replace('name = "', f'name = "{name}', 1),
        encoding="utf-8",
    )
    result = run_in_process("check", "--profile", str(path), *AS_OF, "--format", "markdown")
    assert result.returncode in (0, 1), result.stderr
    assert name in result.stdout


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\U000e0041", "\x1b[2J"])
def test_characters_that_move_or_hide_text_are_refused(tmp_path: Path, hidden: str) -> None:
    path = tmp_path / "me.toml"
    escaped = "".join(f"\\U{ord(char):08X}" for char in hidden)  # as TOML escapes
    path.write_text(f'format = 1\n[you]\nname = "Sam{escaped}"\n', encoding="utf-8")
    result = run_in_process("check", "--profile", str(path), *AS_OF)
    assert result.returncode == 2 and "must be plain text" in result.stderr
    assert hidden not in result.stderr


# 17. Workbook text echoed: sheet names, headers read back, URN cells.


def test_sheet_names_and_headers_are_escaped_wherever_they_are_echoed(tmp_path: Path) -> None:
    person = {"A1": "you.name", "B1": "Notes\u202e", "C1": "school.name", "D1": "school.urn"}
    person |= {"A2": "Sam", "C2": "Oak", "D2": "1000\x1b[2J00"}
    path = write_raw_xlsx(
        tmp_path / "staff.xlsx",
        [
            ("<b>Hidden</b>", sheet_data({"A1": "x"}), "hidden"),
            ("Sta\u202eff <i>", sheet_data(person), "visible"),
        ],
    )
    with zipfile.ZipFile(path) as archive:
        assert "\x1b" in archive.read("xl/worksheets/sheet2.xml").decode()
    for fmt in ("text", "markdown", "html"):
        result = run_in_process("audit", str(path), *AS_OF, "--ignore-unknown", "--format", fmt)
        assert result.returncode in (0, 1), result.stderr
        everything = result.stdout + result.stderr
        assert "\x1b" not in everything and "\u202e" not in everything
        assert "\\u202e" in result.stderr  # the header read back, and the sheet warning
        if fmt == "html":
            assert "<b>" not in result.stdout and "<i>" not in result.stdout
        if fmt == "markdown":  # shown as typed: escaped, so no reader acts on it
            assert not active_markup(result.stdout) and "\\<b>Hidden\\</b>" in result.stdout


# 18. Calendar UIDs per person.


def calendar_uids(tmp_path: Path, changes: str) -> set[str]:
    path = tmp_path / "me.toml"
    text = (EXAMPLES / "new-senco.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^name = ".*"\n', "", text) + changes
    path.write_text(text, encoding="utf-8")
    result = run_in_process("plan", "--profile", str(path), *AS_OF, "--format", "ics")
    assert result.returncode in (0, 1), result.stderr
    return set(re.findall(r"UID:(.*)", result.stdout))


def test_calendar_uids_differ_between_people_without_a_name(tmp_path: Path) -> None:
    first = calendar_uids(tmp_path, "")
    again = calendar_uids(tmp_path, "")
    text = (EXAMPLES / "new-senco.toml").read_text(encoding="utf-8")
    since = re.search(r"senco_since = (\S+)", text)
    assert since is not None
    other_path = tmp_path / "other.toml"
    other_path.write_text(
        re.sub(r'(?m)^name = ".*"\n', "", text).replace(since.group(1), "2025-01-06"), encoding="utf-8"
    )
    other = run_in_process("plan", "--profile", str(other_path), *AS_OF, "--format", "ics")
    other_uids = set(re.findall(r"UID:(.*)", other.stdout))
    assert first and first == again  # the same person: the same events, updated on import
    assert not first & other_uids  # another person's deadline never overwrites this one


# 19. A kept answer that fails the checks for --as-of.


def test_a_kept_answer_that_no_longer_fits_is_dropped_not_the_interview(rules: Rules, tmp_path: Path) -> None:
    """Saved before: a NASENCO awarded on a date after this run's --as-of. The NPQ passed
    now, so the NASENCO is not asked again and its answers are kept, but the award date
    cannot be true on the as-of date: that answer is left out (and said), nothing else."""
    saved = tmp_path / "me.toml"
    later = Profile(
        nasenco="passed", nasenco_started=dt.date(2024, 9, 1), nasenco_awarded=dt.date(2027, 7, 1)
    )
    save_profile(later, saved, force=True)
    skipped = ("npq_funded_before", "nasenco", "supports_npq")  # not asked once the NPQ is passed
    script = [(key, "passed" if key == "npq" else value) for key, value in NEW_SENCO if key not in skipped]
    asker = ScriptedAsker(script)
    profile = run_interview(rules, TODAY, save=saved, force=True, asker=asker)
    assert (
        profile.name == "Sam Patel" and profile.npq == "passed" and profile.senco_since == dt.date(2025, 9, 1)
    )
    assert profile.nasenco_awarded is None and profile.nasenco_started == dt.date(2024, 9, 1)
    assert any("senco_training.nasenco_awarded" in line and "left out" in line.lower() for line in asker.said)
    assert "nasenco_awarded" not in saved.read_text(encoding="utf-8")


def test_a_saved_answer_that_no_longer_fits_is_asked_again_at_the_terminal(tmp_path: Path) -> None:
    """Saved before: a SENCO start date more than a year after this run's --as-of. The
    question offers it, refuses it when Enter takes it, and asks again; the answer typed then
    is saved with every other answer, none lost."""
    from test_interactive_terminal import ENTER, NEW_SENCO_REST, answer, spawn

    saved = tmp_path / "me.toml"
    answers = {key: value for key, value in NEW_SENCO if key != "senco_since"}
    save_profile(Profile(**answers, senco_since=dt.date(2028, 1, 1)), saved, force=True)
    child = spawn("--save", str(saved), "--force", "--format", "json")
    try:
        answer(child, [("What is your name", ENTER), ("Where do you work", ENTER)])
        answer(child, [("Do you work in England", ENTER), ("Are you the SENCO at your school", ENTER)])
        child.expect("When did you become SENCO")
        child.send(ENTER)  # the saved date, 1 January 2028
        child.expect("The date must be in the past")
        child.send("\x15")  # clear the line
        child.sendline("1/9/2025")
        answer(child, NEW_SENCO_REST)
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 1
    text = saved.read_text(encoding="utf-8")
    assert "senco_since = 2025-09-01" in text and 'name = "Sam Patel"' in text
    assert 'setting = "academy"' in text and "supports_npq = true" in text


# 20. Ctrl-Z at a question.


def test_ctrl_z_suspends_and_types_nothing(tmp_path: Path) -> None:
    """In a shell, as a person runs it: Ctrl-Z stops senco (the shell says so), fg brings the
    question back with what was typed, and no ^Z is typed into the answer."""
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm", "PS1": "shell$ "}
    shell = pexpect.spawn("bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=20)
    try:
        shell.expect_exact("shell$ ")
        shell.sendline(f"{senco_script()} check --as-of 2026-11-28 --format json")
        shell.expect("What is your name")
        shell.send("Sam")
        time.sleep(0.3)
        shell.send("\x1a")  # Ctrl-Z
        shell.expect("Stopped")
        shell.expect_exact("shell$ ")
        shell.sendline("fg")
        shell.expect("What is your name")
        shell.send(" Patel\r")
        shell.expect("Where do you work")
        typed = shell.before
        shell.sendcontrol("c")
        shell.expect_exact("shell$ ")
        shell.sendline("exit")
        shell.expect(pexpect.EOF)
    finally:
        shell.close(force=True)
    assert "^Z" not in typed and "\x1a" not in typed


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _state(pid: int) -> str:
    """A process's state from /proc (R running, S sleeping, T stopped)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_ctrl_z_at_a_choice_question_suspends_and_the_interview_goes_on(tmp_path: Path) -> None:
    """questionary's choice questions swallow keys they do not use: Ctrl-Z there stops senco
    too (its state is T), fg resumes it at the same question, and the interview finishes."""
    from test_interactive_terminal import DOWN, ENTER, NEW_SENCO_REST, answer

    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm", "PS1": "shell$ "}
    shell = pexpect.spawn(
        "bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=20, dimensions=(50, 120)
    )
    try:
        shell.expect_exact("shell$ ")
        shell.sendline(f"{senco_script()} check --as-of 2026-11-28 --format json")
        shell.expect("What is your name")
        shell.send("Sam Patel\r")
        shell.expect("Where do you work")
        time.sleep(0.3)
        (senco,) = _children(shell.pid)
        shell.send("\x1a")  # Ctrl-Z at the choice
        shell.expect("Stopped")
        assert _state(senco) == "T"
        shell.expect_exact("shell$ ")
        shell.sendline("fg")  # SIGCONT, in the foreground again, at the same question
        time.sleep(0.5)
        assert _state(senco) != "T"
        shell.send(DOWN + ENTER)  # academy
        answer(shell, [("Do you work in England", "yes" + ENTER)])
        answer(
            shell, [("Are you the SENCO at your school", ENTER), ("When did you become SENCO", "1/9/2025\r")]
        )
        answer(shell, NEW_SENCO_REST)
        shell.expect_exact("shell$ ")
        report = shell.before
        shell.sendline("echo exit=$?")  # fg's status: the job's
        shell.expect(r"exit=(\d+)")
        code = int(shell.match.group(1))
        shell.sendline("exit")
        shell.expect(pexpect.EOF)
    finally:
        shell.close(force=True)
    assert code == 1 and '"date": "2028-09-01"' in report  # the deadline, from the SENCO date typed
