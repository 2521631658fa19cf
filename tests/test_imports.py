"""What each command imports: questions and Rich cost start-up time, so load them only when used."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, PERSON_COMMANDS, probe

PROBE = """
import json, sys
from senco_cli.app import app
try:
    app(sys.argv[2:], prog_name="senco")
except SystemExit:
    pass
with open(sys.argv[1], "w") as handle:
    json.dump(sorted(sys.modules), handle)
"""
PROFILE = str(EXAMPLES / "new-senco.toml")
# Loaded only on their own paths: workbooks in, workbooks out, HTML reports.
OWN_PATHS = {"python_calamine", "olefile", "xlsxwriter", "jinja2"}


def imported(tmp_path: Path, *args: str) -> set[str]:
    record = tmp_path / "modules.json"
    probe(PROBE, record, *args)
    return {name.split(".")[0] for name in json.loads(record.read_text())} | set(
        json.loads(record.read_text())
    )


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ["check", "--profile", PROFILE, "--format", "json"],
            {"questionary", "prompt_toolkit", "rich"},
        ),
        (
            ["check", "--profile", PROFILE, "--format", "markdown"],
            {"questionary", "prompt_toolkit", "rich"},
        ),
        (["check", "--profile", PROFILE], {"questionary", "prompt_toolkit"}),
        (
            ["plan", "--profile", PROFILE, "--format", "json"],
            {"questionary", "prompt_toolkit", "rich", "icalendar"},
        ),
        (["plan", "--profile", PROFILE, "--format", "ics"], {"questionary", "prompt_toolkit", "rich"}),
        (["costs"], {"questionary", "prompt_toolkit", "icalendar"}),
        (["costs", "--format", "json"], {"questionary", "prompt_toolkit", "rich", "icalendar"}),
        (["--version"], {"questionary", "prompt_toolkit", "rich", "senco_cli.rules.model", "tomllib"}),
        (["--help"], {"questionary", "prompt_toolkit", "senco_cli.rules.model", "rich"}),
    ],
)
def test_not_imported(tmp_path: Path, args: list[str], absent: set[str]) -> None:
    modules = imported(tmp_path, *args)
    absent = absent | OWN_PATHS
    assert "senco_cli.app" in modules
    assert not absent & modules, absent & modules


def test_text_view_does_use_rich(tmp_path: Path) -> None:
    assert "rich" in imported(tmp_path, "check", "--profile", PROFILE)


def test_audit_json_loads_neither_rich_nor_questions(tmp_path: Path) -> None:
    from senco_cli.roster.sheet import template

    roster = tmp_path / "roster.csv"
    roster.write_text(template(), encoding="utf-8")
    modules = imported(tmp_path, "audit", str(roster), "--format", "json")
    assert "senco_cli.audit.rows" in modules
    assert not {"rich", "questionary", "prompt_toolkit", "multiprocessing", *OWN_PATHS} & modules


def test_jinja2_loads_only_for_html(tmp_path: Path) -> None:
    modules = imported(tmp_path, "check", "--profile", PROFILE, "--format", "html")
    assert "jinja2" in modules and not {"rich", "questionary", "xlsxwriter", "python_calamine"} & modules


def test_workbook_libraries_load_on_their_own_paths(tmp_path: Path) -> None:
    from workbooks import write_xlsx

    book = write_xlsx(
        tmp_path / "staff.xlsx", {"Staff": [["Name", "School type"], ["A", "Academy converter"]]}
    )
    reading = imported(tmp_path, "audit", str(book), "--format", "json")
    assert "python_calamine" in reading and not {"xlsxwriter", "jinja2", "rich"} & reading
    writing = imported(
        tmp_path, "audit", str(book), "--format", "xlsx", "--output", str(tmp_path / "out.xlsx")
    )
    assert {"python_calamine", "xlsxwriter"} <= writing and not {"jinja2", "rich"} & writing


def test_costs_json_loads_neither_rich_nor_questions(tmp_path: Path) -> None:
    modules = imported(tmp_path, "costs", "--format", "json")
    assert "senco_cli.logic.costs" in modules
    assert not {"rich", "questionary", "prompt_toolkit"} & modules


# Start-up: none of these on the everyday paths. pydantic comes with Typer 0.29 and later
# (pyproject.toml keeps Typer below it); the rest belong to the questions or to one format.
NEVER_AT_START = {
    "pydantic",
    "questionary",
    "prompt_toolkit",
    "python_calamine",
    "xlsxwriter",
    "jinja2",
    "icalendar",
}
CONSOLE_PROBE = """
import json, sys
record = sys.argv[1]
sys.argv = ["senco", *sys.argv[2:]]
from senco_cli.entry import main
try:
    main()
except SystemExit:
    pass
with open(record, "w") as handle:
    json.dump(sorted(sys.modules), handle)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--profile", PROFILE],
        ["check", "--profile", PROFILE, "--format", "json", "--as-of", "2026-11-28"],
        ["plan", "--profile", PROFILE],
        ["costs", "--setting", "academy"],
        ["--help"],
        ["--version"],
    ],
)
def test_console_script_start_loads_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    """The console script's own entry point, as `senco ...` runs it, with option values to
    process (which is where Typer 0.29 would import pydantic)."""
    record = tmp_path / "modules.json"
    done = probe(CONSOLE_PROBE, record, *args)
    assert done.returncode == 0, done.stderr
    modules = {name.split(".")[0] for name in json.loads(record.read_text())}
    assert not NEVER_AT_START & modules, NEVER_AT_START & modules


def test_version_needs_no_command_line_library(tmp_path: Path) -> None:
    record = tmp_path / "modules.json"
    done = probe(CONSOLE_PROBE, record, "--version")
    assert done.stdout.startswith("senco ") and "rules reviewed 20" in done.stdout
    modules = {name.split(".")[0] for name in json.loads(record.read_text())}
    assert not {"typer", "rich", "tomllib"} & modules


# Standard-library modules for rare paths: temporary files for writing a file with --output,
# hashes for a calendar's event UIDs. Printing a result needs neither.
RARE_PATHS = {"tempfile", "hashlib"}


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--profile", PROFILE],
        ["check", "--profile", PROFILE, "--format", "json"],
        ["plan", "--profile", PROFILE],
        ["plan", "--profile", PROFILE, "--format", "json"],
        ["costs"],
        ["costs", "--format", "json"],
        ["--help"],
    ],
)
def test_printing_a_result_loads_no_module_for_a_rare_path(tmp_path: Path, args: list[str]) -> None:
    modules = imported(tmp_path, *args)
    assert "senco_cli.app" in modules
    assert not RARE_PATHS & modules, RARE_PATHS & modules


def test_a_file_written_with_output_and_a_calendar_do_load_them(tmp_path: Path) -> None:
    written = imported(tmp_path, "check", "--profile", PROFILE, "--output", str(tmp_path / "report.txt"))
    assert "tempfile" in written and (tmp_path / "report.txt").exists()
    assert "hashlib" in imported(tmp_path, "plan", "--profile", PROFILE, "--format", "ics")


# Loaded by `senco audit` alone: a person's command never needs them.
AUDIT_ONLY = ("senco_cli.audit", "senco_cli.roster", "senco_cli.commands.audit")


@pytest.mark.parametrize(
    "args",
    PERSON_COMMANDS,
)
def test_a_person_s_command_loads_neither_the_audit_nor_the_rules_reader(
    tmp_path: Path, args: list[str]
) -> None:
    """With the rules cached (the second run), `check` and the others load no audit or
    roster module, and not the reader of the rules' TOML files either."""
    record = tmp_path / "modules.json"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("SENCO_DATA_DIR", None)
    for _ in range(2):
        done = probe(CONSOLE_PROBE, record, *args, env=env)
        assert done.returncode in (0, 1), done.stderr
    modules = set(json.loads(record.read_text()))
    assert "senco_cli.logic.assess" in modules or args[0] == "costs"
    loaded = {name for name in modules if name.startswith(AUDIT_ONLY)}
    assert not loaded, loaded
    assert "senco_cli.rules.load" not in modules


# Notes the modules loaded when the interview begins (as the first question is drawn).
QUESTION_PROBE = """
import json, sys
record = sys.argv[1]
sys.argv = ["senco", "check"]
import senco_cli.interview.terminal as terminal
begin = terminal.TerminalAsker.__init__
def noted(self, *args, **kwargs):
    with open(record, "w") as handle:
        json.dump(sorted(sys.modules), handle)
    begin(self, *args, **kwargs)
terminal.TerminalAsker.__init__ = noted
from senco_cli.entry import main
main()
"""


def test_the_first_question_comes_before_the_engine_is_loaded(tmp_path: Path) -> None:
    import pexpect

    record = tmp_path / "modules.json"
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable, ["-c", QUESTION_PROBE, str(record)], env=env, encoding="utf-8", timeout=30
    )
    child.expect("What is your name")
    child.terminate(force=True)
    modules = set(json.loads(record.read_text()))
    assert "senco_cli.interview.flow" in modules
    engine = {name for name in modules if name.startswith(("senco_cli.logic.", "senco_cli.render."))}
    assert engine <= {"senco_cli.logic.memo", "senco_cli.render.registry"}, engine
