"""One table of formats and one result envelope: every command's --format choices, help and
writers come from render/registry.py, and every JSON result or error is the same envelope."""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from senco_cli.app import app
from senco_cli.render.envelope import RESULT_VERSION
from senco_cli.render.registry import FORMATS, WRITERS, format_help, formats

from conftest import EXAMPLES, ROOT, run_senco

runner = CliRunner()
COMMANDS = ("check", "plan", "costs", "audit")
PROFILE = str(EXAMPLES / "new-senco.toml")


def test_the_table_covers_all_seven_formats() -> None:
    assert set(FORMATS) == {"text", "json", "markdown", "html", "csv", "xlsx", "ics"}
    assert {name for _, name in WRITERS} == set(FORMATS)


@pytest.mark.parametrize(("command", "output_format"), sorted(WRITERS))
def test_each_writer_exists(command: str, output_format: str) -> None:
    writer = WRITERS[(command, output_format)]
    assert callable(getattr(importlib.import_module(writer.module), writer.function))


@pytest.mark.parametrize("command", COMMANDS)
def test_format_choices_and_help_come_from_the_table(command: str, tmp_path: Path) -> None:
    help_text = " ".join(runner.invoke(app, [command, "--help"], terminal_width=300).stdout.split())
    assert format_help(command) in help_text
    for name in set(FORMATS) - set(formats(command)):
        refused = runner.invoke(app, [command, "--format", name])
        assert refused.exit_code == 2 and "--format" in refused.stderr, (command, name)


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_senco_help_gives_each_command_in_a_whole_line_and_where_to_start(width: str) -> None:
    """`senco --help` cut each command's line short with "..." (the new user's complaint)."""
    from senco_cli.app import COMMANDS, FIRST_STEPS

    shown = run_senco("--help", env={"COLUMNS": width}).stdout
    assert "..." not in shown.split("Commands:")[1]  # (the usage line ends "[ARGS]...")
    flat = " ".join(shown.split())
    for name, (summary, _) in COMMANDS.items():
        assert f"{name} {summary}" in flat, (name, width)
    assert " ".join(FIRST_STEPS.split()) in flat


def test_help_names_what_needs_output() -> None:
    assert format_help("audit") == "text, json, csv, markdown, html or xlsx (xlsx needs --output)."
    assert format_help("check") == "text, json, markdown or html."


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--profile", PROFILE],
        ["plan", "--profile", PROFILE],
        ["costs"],
    ],
)
def test_every_json_result_is_the_envelope(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--as-of", "2026-11-28", "--format", "json"])
    body = json.loads(result.stdout)
    assert (body["senco_result_version"], body["command"], body["exit_code"]) == (
        RESULT_VERSION,
        args[0],
        result.exit_code,
    )


def test_audit_json_is_the_envelope(tmp_path: Path) -> None:
    from senco_cli.roster.sheet import template

    roster = tmp_path / "roster.csv"
    roster.write_text(template(), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(roster), "--as-of", "2026-11-28", "--format", "json"])
    body = json.loads(result.stdout)
    assert (body["senco_result_version"], body["command"]) == (RESULT_VERSION, "audit")
    assert len(body["rows"]) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--profile", "missing.toml"],  # an error inside the command
        ["plan", "--bogus"],  # a usage error, caught before the command runs
        ["costs", "--setting", "nowhere"],
        ["audit", "missing.csv"],
    ],
)
def test_both_error_paths_write_the_envelope(args: list[str]) -> None:
    result = run_senco(*args, "--format", "json")
    body = json.loads(result.stdout)
    assert result.returncode == 2 == body["exit_code"]
    assert (body["senco_result_version"], body["command"], body["status"]) == (
        RESULT_VERSION,
        args[0],
        "error",
    )
    assert body["errors"][0]["message"] in result.stderr


def test_the_version_is_written_once() -> None:
    holders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "senco_cli").rglob("*.py")
        if "senco_result_version" in path.read_text(encoding="utf-8")
    ]
    assert holders == ["senco_cli/render/envelope.py"]


def format_literals(path: Path) -> list[str]:
    """Format names a module compares against or lists (an `if output_format == "ics"`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                parts = operand.elts if isinstance(operand, ast.Tuple | ast.List | ast.Set) else [operand]
                found += [p.value for p in parts if isinstance(p, ast.Constant) and p.value in FORMATS]
    return found


@pytest.mark.parametrize(
    "path", sorted((ROOT / "senco_cli" / "commands").glob("*.py")), ids=lambda path: path.name
)
def test_no_format_is_a_special_case_in_a_command(path: Path) -> None:
    assert format_literals(path) == []


def test_a_special_case_would_be_found(tmp_path: Path) -> None:
    body = tmp_path / "body.py"
    body.write_text('if output_format == "ics" or fmt in ("csv", "x"):\n    pass\n', encoding="utf-8")
    assert format_literals(body) == ["ics", "csv"]
