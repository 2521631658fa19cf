"""The installed `senco check` in a real pseudo-terminal (pexpect), and without a terminal."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from conftest import EXAMPLES, run_senco, senco_script

DOWN, ENTER = "\x1b[B", "\r"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(*args: str, cwd: Path | None = None) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        senco_script(),
        ["check", "--as-of", "2026-11-28", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
        cwd=str(cwd) if cwd else None,
    )
    return child


def answer(child: pexpect.spawn, steps: list[tuple[str, str]]) -> None:
    """For each (prompt, keys): wait for the prompt, then type the keys."""
    for prompt, keys in steps:
        child.expect(prompt)
        child.send(keys)


NAME = [("What is your name", "Sam Patel" + ENTER)]
ACADEMY_TEACHER = [
    ("Where do you work", DOWN + ENTER),  # academy
    ("Do you work in England", "yes" + ENTER),
]
TEACHES_WITH_QTS = [
    ("head teacher", "no" + ENTER),
    ("more than one school", "no" + ENTER),
    ("teacher at the school", "yes" + ENTER),
    (r"qualified teacher status \(QTS\)", "yes" + ENTER),
    ("completed statutory induction", ENTER),  # passed
]
NEW_SENCO_REST = [
    ("how many months", "0" + ENTER),
    ("head teacher", "no" + ENTER),
    ("more than one school", "no" + ENTER),
    ("maternity or other long leave", "no" + ENTER),
    *TEACHES_WITH_QTS[2:],
    ("Where are you with the NPQ", ENTER),  # not started
    ("funded this NPQ for you before", "no" + ENTER),
    ("taken the NASENCO", ENTER),  # no
    ("support your NPQ application", "yes" + ENTER),
    ("Check your answers", ENTER),
]


def answer_new_senco(child: pexpect.spawn, wrong_date_first: bool = False) -> None:
    """Answers every kind of question: text, select, yes/no, date and number."""
    answer(child, [*NAME, *ACADEMY_TEACHER, ("Are you the SENCO at your school", ENTER)])  # yes
    child.expect("When did you become SENCO")
    if wrong_date_first:
        child.sendline("31/2/2025")
        child.expect("The date must be a real date")
        child.send("\x15")  # clear the line
    child.sendline("1/9/2025")
    answer(child, NEW_SENCO_REST)


def finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    return child.exitstatus, output


def test_full_run_ends_in_the_report(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    answer_new_senco(child, wrong_date_first=True)
    code, output = finish(child)
    assert code == 1
    text = ANSI.sub("", output)
    assert "SENCO check for Sam Patel" in text
    assert "Deadline: 1 September 2028, in 1 year 9 months" in text
    assert list(tmp_path.iterdir()) == []  # nothing saved without --save


def test_save_then_profile_gives_identical_json(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    child = spawn("--save", str(target), "--format", "json")
    answer_new_senco(child)
    code, output = finish(child)
    assert code == 1
    text = ANSI.sub("", output).replace("\r\n", "\n")
    interactive = json.loads(text[text.index('{\n  "as_of"') :])
    from_file = run_senco("check", "--profile", str(target), "--as-of", "2026-11-28", "--format", "json")
    assert from_file.returncode == 1
    assert json.loads(from_file.stdout) == interactive


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    child = spawn("--save", str(target))
    child.expect("What is your name")
    child.sendline("Sam")
    child.expect("Where do you work")
    child.sendintr()
    code, output = finish(child)
    assert code == 130
    assert "interrupted" in output and "Traceback" not in output
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_exits_130(tmp_path: Path) -> None:
    child = spawn("--save", str(tmp_path / "me.toml"))
    child.expect("What is your name")
    child.sendcontrol("d")
    code, _ = finish(child)
    assert code == 130
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_not_overwritten_without_a_yes(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    target.write_text('format = 1\n[you]\nname = "Old"\n', encoding="utf-8")
    before = target.read_bytes()
    child = spawn("--save", str(target))
    child.expect("What is your name")
    child.send("\x15" + "Sam Patel" + ENTER)  # the saved name is offered as the default: replace it
    answer(
        child,
        [
            *ACADEMY_TEACHER,
            ("Are you the SENCO at your school", DOWN + ENTER),  # planning
            ("When do you plan to become SENCO", "not sure" + ENTER),
            *TEACHES_WITH_QTS,
            ("Where are you with the NPQ", DOWN * 5 + ENTER),  # passed
            ("Check your answers", ENTER),
        ],
    )
    child.expect("already exists. Replace it")
    child.send("no" + ENTER)
    code, output = finish(child)
    assert "Not saved" in output
    assert target.read_bytes() == before
    assert code == 0  # qualified teacher with the NPQ passed: ready


def test_no_terminal_exits_2_at_once_naming_profile() -> None:
    start = time.perf_counter()
    result = subprocess.run(
        [senco_script(), "check"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 2
    assert "--profile" in result.stderr and "Traceback" not in result.stderr
    assert elapsed < 5  # generous for a loaded machine; typically well under a second


@pytest.mark.parametrize("piped", ["", "Sam\n"])
def test_piped_input_is_not_a_terminal(piped: str) -> None:
    result = subprocess.run(
        [senco_script(), "check"], input=piped, capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 2 and "--profile" in result.stderr


def test_report_redirected_to_a_file_still_asks_at_the_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    command = f"'{senco_script()}' check --as-of 2026-11-28 --format json > report.json"
    child = pexpect.spawn("bash", ["-c", command], env=env, encoding="utf-8", timeout=20, cwd=str(tmp_path))
    answer_new_senco(child)
    code, _ = finish(child)
    assert code == 1
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["deadline"]["date"] == "2028-09-01" and report["exit_code"] == 1


def test_plan_asks_the_same_questions(tmp_path: Path) -> None:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        senco_script(),
        ["plan", "--as-of", "2026-11-28", "--save", "me.toml"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
        cwd=str(tmp_path),
    )
    answer_new_senco(child)
    code, output = finish(child)
    assert code == 1  # the next cohort would finish after the deadline
    text = ANSI.sub("", output)
    assert "SENCO plan for Sam Patel" in text and "AT RISK" in text and "1 September 2028" in text
    assert 'name = "Sam Patel"' in (tmp_path / "me.toml").read_text(encoding="utf-8")  # plan --save


def audit_in_terminal(tmp_path: Path, rows: int) -> pexpect.spawn:
    """`senco audit` of a generated roster in a pseudo-terminal, once its progress bar shows."""
    roster = tmp_path / "big.csv"
    with roster.open("w", encoding="utf-8") as handle:
        handle.write("you.name,qualifications.qts,role.senco,role.senco_since,school.setting\n")
        for n in range(rows):
            handle.write(f"Teacher {n},yes,yes,01/09/2025,academy\n")
    assert roster.stat().st_size > 1_000_000
    child = pexpect.spawn(
        senco_script(),
        ["audit", str(roster), "--format", "json", "--output", str(tmp_path / "out.json")],
        env={**os.environ, "NO_COLOR": "1", "TERM": "xterm"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect("Assessing rows")
    return child


def test_large_roster_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    child = audit_in_terminal(tmp_path, 30_000)
    code, _ = finish(child)
    assert code == 1
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"]["rows"] == 30_000


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_the_progress_bar_gives_the_cursor_back(tmp_path: Path, signum: int) -> None:
    child = audit_in_terminal(tmp_path, 120_000)
    child.kill(signum)
    code, output = finish(child)
    hidden, shown = "\x1b[?25l", "\x1b[?25h"
    assert output.rfind(shown) > output.rfind(hidden)  # the cursor is shown again after it was hidden
    assert child.exitstatus == 128 + signum or code == 128 + signum
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_yes_enter_answers_exactly_one_question() -> None:
    child = spawn()
    answer(child, [*NAME, ("Where do you work", DOWN + ENTER), ("Do you work in England", "yes" + ENTER)])
    child.expect("Are you the SENCO at your school")
    # Nothing typed ahead answered it: it is still waiting, with its choices shown.
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("Before that|When did you become SENCO|Do you work as a teacher", timeout=1)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.parametrize(
    ("typed", "read_back"), [("9/1/2025", "9 January 2025"), ("1 September 2025", "1 September 2025")]
)
def test_dates_in_words_and_read_back(typed: str, read_back: str) -> None:
    child = spawn()
    answer(child, [*NAME, *ACADEMY_TEACHER, ("Are you the SENCO at your school", ENTER)])
    child.expect("When did you become SENCO")
    child.sendline(typed)
    child.expect(f"Read as {read_back}")
    child.expect("how many months")  # accepted: the next question follows
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_not_sure_leaves_the_key_out_and_gives_a_check(tmp_path: Path) -> None:
    target = tmp_path / "me.toml"
    child = spawn("--save", str(target), "--format", "json")
    answer(child, [*NAME, *ACADEMY_TEACHER, ("Are you the SENCO at your school", ENTER)])
    child.expect("When did you become SENCO")
    child.sendline("1/9/2025")
    answer(
        child,
        [
            ("how many months", "not sure" + ENTER),
            ("head teacher", "no" + ENTER),
            ("more than one school", "no" + ENTER),
            ("maternity or other long leave", "no" + ENTER),
            ("teacher at the school", ENTER),  # the likely answer, yes, is the default
            (r"qualified teacher status \(QTS\)", "yes" + ENTER),
            ("completed statutory induction", ENTER),
            ("Where are you with the NPQ", ENTER),
            ("funded this NPQ for you before", "not sure" + ENTER),
            ("taken the NASENCO", ENTER),
            ("support your NPQ application", "not sure" + ENTER),
            ("Check your answers", ENTER),
        ],
    )
    code, output = finish(child)
    saved = target.read_text(encoding="utf-8")
    for key in ("npq_funded_before", "previous_senco_months", "supports_npq"):
        assert key not in saved
    assert "teaches_at_school = true" in saved
    report = json.loads(output[output.index("{") : output.rindex("}") + 1].replace("\r\n", "\n"))
    support = next(step for step in report["steps"] if step["id"] == "school_support")
    assert code == 1 and support["status"] == "check"


def test_questions_wrap_at_whole_words_at_80_columns() -> None:
    from senco_cli.interview.questions import questions
    from senco_cli.rules.cache import bundled_rules

    child = pexpect.spawn(
        senco_script(),
        ["check", "--as-of", "2026-11-28"],
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "80"},
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
    )
    answer(child, [*NAME, *ACADEMY_TEACHER, ("Are you the SENCO at your school", ENTER)])
    child.expect("When did you become SENCO")
    child.sendline("1/9/2025")
    child.expect(r"or not sure\)")
    screen = ANSI.sub("", (child.before or "") + (child.after or ""))
    question = next(q for q in questions(bundled_rules()) if q.key == "previous_senco_months")
    for word in f"{question.text} ({question.hint}, or not sure)".split():
        assert word in screen, word  # every word whole: none broken across lines
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def sources_on_a_terminal(example: str, *more: str) -> tuple[str, str]:
    """The raw output of `senco check` on an 80-column terminal, and its sources paragraph."""
    args = ["check", "--profile", str(EXAMPLES / f"{example}.toml"), "--as-of", "2026-11-28", *more]
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "80"}
    child = pexpect.spawn(senco_script(), args, env=env, encoding="utf-8", dimensions=(200, 80), timeout=20)
    child.expect(pexpect.EOF)
    output = child.before or ""
    text = ANSI.sub("", re.sub(r"\x1b\]8;[^\x1b]*\x1b\\", "", output))
    return output, " ".join(text[text.index("Sources") :].split())


def test_sources_on_a_terminal_are_a_paragraph_of_labels_with_links() -> None:
    output, sources = sources_on_a_terminal("qualified-senco")
    assert "\x1b]8;id=" in output and ";https://www.legislation.gov.uk/uksi/2014/1530/regulation/49" in output
    assert sources.startswith("Sources: legislation.gov.uk: [1] SEND Regs reg 49, [2] SI 2016/1123,")
    assert "https://" not in sources
    full, listed = sources_on_a_terminal("qualified-senco", "--sources")
    assert "https://www.legislation.gov.uk/uksi/2014/1530/regulation/49" in listed
    assert "SEND Regulations 2014, regulation 49: SEN co-ordinators" in listed


def test_a_long_report_lists_each_site_with_its_numbers() -> None:
    """When the labels would push the answer off one screen, each site and its numbers."""
    _, sources = sources_on_a_terminal("unqualified-graduate")
    assert sources.startswith("Sources: legislation.gov.uk [1, 2, 5,")
    assert "--sources shows titles and addresses" in sources


def terminal_lines(*args: str) -> list[str]:
    """What a command prints on an 80-column terminal, as lines, escape codes removed."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "80"}
    child = pexpect.spawn(
        senco_script(), list(args), env=env, encoding="utf-8", dimensions=(200, 80), timeout=20
    )
    child.expect(pexpect.EOF)
    text = ANSI.sub("", re.sub(r"\x1b\]8;[^\x1b]*\x1b\\", "", child.before or ""))
    return text.rstrip("\r\n").split("\r\n")


def test_costs_for_one_setting_fits_in_15_lines() -> None:
    lines = terminal_lines("costs", "--setting", "academy", "--as-of", "2026-11-28")
    assert len(lines) < 15, "\n".join(lines)
    assert lines[1].startswith("Mainstream academy or free school: ? unknown for Autumn 2027")
    assert any("Without funding: £1,265" in line for line in lines)
    assert all(len(line) <= 80 for line in lines)


def test_costs_for_one_route_shows_that_route() -> None:
    lines = terminal_lines("costs", "--route", "pgce", "--as-of", "2026-11-28")
    text = "\n".join(lines)
    assert "PGCE with QTS" in text and "Assessment only" not in text and "Cohorts" not in text
    assert len(lines) < 20


def test_check_your_answers_shows_every_answer_in_full_at_80_columns() -> None:
    """GOV.UK's summary list in a terminal 80 columns wide: a short label per question and
    the whole answer, never cut; an answer taken with Enter is shown; the report starts
    after a gap."""
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        senco_script(),
        ["check", "--as-of", "2026-11-28"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
    )
    child.logfile_read = seen = io.StringIO()
    answer(child, [("What is your name", "Hannah Wright" + ENTER), *ACADEMY_TEACHER[:1]])
    child.expect("Do you work in England")
    child.send(ENTER)  # the default, yes
    child.expect("Are you the SENCO at your school")
    child.send(ENTER)
    child.expect("When did you become SENCO")
    child.sendline("1/9/2025")
    answer(child, NEW_SENCO_REST[:-1])
    child.expect("Check your answers")
    child.expect("School supports your NPQ")
    child.expect("yes")
    transcript = ANSI.sub("", seen.getvalue())
    screen = transcript[transcript.rindex("Check your answers") :]
    rows = {
        "Name": "Hannah Wright",
        "Where you work": "Mainstream academy or free school",
        "Work in England": "yes",
        "SENCO since": "1 September 2025",
        "Earlier SENCO service": "none",  # answered 0: in words, not a bare "0"
        "Teacher at the school": "yes",
        "QTS": "yes",
        "Induction": "Passed",
    }
    for label, shown in rows.items():
        assert re.search(rf"Change  {re.escape(label)} +{re.escape(shown)}", screen), label
    lines = [line for line in screen.replace("\r", "\n").split("\n") if "Change  " in line]
    assert lines and all(len(line.rstrip()) <= 80 for line in lines)
    # The answer taken with Enter is in the transcript, under its question.
    assert re.search(r"Do you work in England\? \(yes or no, Enter for yes\)\s+yes", transcript)
    child.send(ENTER)  # these are right
    code, output = finish(child)
    text = ANSI.sub("", output).replace("\r\n", "\n")
    assert code == 1 and "\n\nSENCO check for Hannah Wright" in text
    # A typed answer never wraps mid-word: the long name question puts it on its own line.
    assert "Hannah Wrigh\n" not in transcript.replace("\r\n", "\n")
