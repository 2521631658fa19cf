"""Every kind of bad profile or option ends in exit 2 with one clear message: no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from senco_cli.app import app

from conftest import BAD_ANSWERS, bad_answer_profile, one_error_message, run_senco

runner = CliRunner()

GOOD = """format = 1
[you]
name = "Sam"
[school]
setting = "academy"
"""

# (file content, dotted key the message must name, words it must contain)
BAD_PROFILES: list[tuple[str | bytes, str, str]] = [
    ("format = 1\n[you\n", "", "not valid TOML"),
    ('format = 1\n[you]\nhas_trn = "yes"\n', "you.has_trn", "must be true or false"),
    ('format = 1\n[you]\nnmae = "Sam"\n', "you.nmae", 'Did you mean "name"?'),
    ('format = 1\n[shcool]\nsetting = "academy"\n', "shcool", 'Did you mean "school"?'),
    ("format = 1\n[you]\nteaching_years = -1\n", "you.teaching_years", "0 or more"),
    ("format = 1\n[role]\nprevious_senco_months = -3\n", "role.previous_senco_months", "0 or more"),
    ("format = 1\n[you]\nteaching_years = nan\n", "you.teaching_years", "finite"),
    ("format = 1\n[you]\nschools_taught_in = 99999999999\n", "you.schools_taught_in", "or less"),
    ("format = 1\n[you]\nschools_taught_in = 2.5\n", "you.schools_taught_in", "whole number"),
    (
        'format = 1\n[senco_training]\nnasenco = "passed"\nnasenco_started = 2023-09-01\n'
        "nasenco_awarded = 2022-07-01\n",
        "senco_training.nasenco_awarded",
        "before senco_training.nasenco_started",
    ),
    ("format = 1\n[you]\ntrn = 1234567\n", "you.trn", "text in quotes"),
    ('format = 1\n[you]\nhas_trn = false\ntrn = "1234567"\n', "you.trn", "has_trn = false"),
    ("", "", "is empty"),
    (b"\x00\x01\x02\xff\xfe", "", ""),
    ('format = 1\n[you]\nname = "Zo\xeb"\n'.encode("latin-1"), "", "not UTF-8"),
    ("format = 2\n", "format", "only format = 1"),
    ('[you]\nname = "Sam"\n', "format", "required"),
    ('format = "1"\n', "format", "whole number"),
    (
        "format = 1\n[role]\nsenco_since = 2025-09-01T09:00:00\n",
        "role.senco_since",
        "date with a time",
    ),
    ('format = 1\n[role]\nsenco = "yes"\nsenco_since = 0001-01-01\n', "role.senco_since", "before 1950"),
    (
        'format = 1\n[senco_training]\nnpq = "registered"\nnpq_started = 9999-12-31\n',
        "senco_training.npq_started",
        "more than two years",
    ),
    (
        'format = 1\n[senco_training]\nnasenco = "studying"\nnasenco_started = 2030-01-01\n',
        "senco_training.nasenco_started",
        "after 2026-11-28",
    ),
    (
        'format = 1\n[role]\nsenco = "planning"\nsenco_since = 2025-09-01\n',
        "role.senco_since",
        'only for role.senco = "yes"',
    ),
    (
        'format = 1\n[senco_training]\nnpq_cohort = "2026-autum"\n',
        "senco_training.npq_cohort",
        'Did you mean "2026-autumn"?',
    ),
    (
        'format = 1\n[school]\nsetting = "academy"\nrtta_referred = true\n',
        "school.rtta_referred",
        'only for school.setting = "other"',
    ),
    ("format = 1\nyou = 3\n", "you", "must be a table"),
    (
        'format = 1\n[senco_training]\nnpq = "none"\nnpq_started = 2025-11-01\n',
        "senco_training.npq_started",
        'npq = "none"',
    ),
]
BAD_PROFILES += [(bad_answer_profile(key, answer), key, words) for key, answer, words in BAD_ANSWERS]


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "me.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "key", "words"), BAD_PROFILES)
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_bad_profile_exits_2(
    tmp_path: Path, content: str | bytes, key: str, words: str, output_format: str
) -> None:
    path = write(tmp_path, content)
    result = runner.invoke(
        app, ["check", "--profile", str(path), "--as-of", "2026-11-28", "--format", output_format]
    )
    assert result.exit_code == 2, result.output
    one_error_message(result.stderr, str(path), key, words)
    if output_format == "json":
        error = json.loads(result.stdout)
        assert error["status"] == "error" and error["exit_code"] == 2
        assert error["senco_result_version"] == 1
        assert error["errors"][0]["path"] == key
        assert error["errors"][0]["code"]
    else:
        assert result.stdout == ""


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--profile", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    one_error_message(result.stderr, "nope.toml", "no such file")


def test_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--profile", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    one_error_message(result.stderr, "is a folder")
    assert json.loads(result.stdout)["errors"][0]["code"] == "unreadable"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "28/11/2026"], "--as-of"),
        (["--as-of", "2026-02-30"], "not a date"),
        (["--format", "jsn"], 'Did you mean "json"?'),
        (["--as-of", "9999-12-31"], "out of range"),
        (["--as-of", "0001-01-01"], "out of range"),
    ],
)
def test_bad_options(tmp_path: Path, args: list[str], words: str) -> None:
    path = write(tmp_path, GOOD)
    result = runner.invoke(app, ["check", "--profile", str(path), *args])
    assert result.exit_code == 2
    one_error_message(result.stderr, words)


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_senco("check", "--profle", "x.toml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "No such option" in result.stderr


@pytest.mark.parametrize("args", [["chek"], ["check", "--formt", "json"], ["plan", "--as-off", "2026-11-30"]])
def test_usage_errors_read_as_one_sentence(args: list[str]) -> None:
    """Typer's message ends in "?" or "." already: one stop, then the hint."""
    result = run_senco(*args)
    assert result.returncode == 2
    one_error_message(result.stderr, "Try 'senco")
    assert "?." not in result.stderr and ".." not in result.stderr


def test_installed_script_rejects_bad_profile(tmp_path: Path) -> None:
    path = write(tmp_path, 'format = 1\n[school]\nsetting = "acadmy"\n')
    result = run_senco("check", "--profile", str(path), "--format", "json")
    assert result.returncode == 2
    one_error_message(result.stderr, "school.setting", 'Did you mean "academy"?')
    assert json.loads(result.stdout)["errors"][0]["path"] == "school.setting"


def test_save_with_profile_is_a_usage_error(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    result = runner.invoke(app, ["check", "--profile", str(path), "--save", str(tmp_path / "out.toml")])
    assert result.exit_code == 2
    assert not (tmp_path / "out.toml").exists()


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_hostile_key_names_cannot_reach_the_terminal(tmp_path: Path, output_format: str) -> None:
    path = write(tmp_path, 'format = 1\n[you]\n"\\u001b[2J\\r" = true\n')
    result = runner.invoke(app, ["check", "--profile", str(path), "--format", output_format])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    one_error_message(result.stderr, "\\u001b[2J\\u000d", "unknown key")
    assert "\x1b" not in result.stdout
