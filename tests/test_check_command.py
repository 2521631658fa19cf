"""`senco check --profile`: the JSON contract, the text and Markdown views, the installed script."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_markdown_text import active_markup
from typer.testing import CliRunner

from senco_cli import __version__
from senco_cli.app import app
from senco_cli.dates import long_date
from senco_cli.profile.model import Profile
from senco_cli.rules.model import Rules

from conftest import EXAMPLES, REVIEWED, run_in_process, run_senco

runner = CliRunner()
FIXED_STEPS = ["qualified_teacher", "induction", "teaching_post", "trn", "senco_qualification"]
STEP_STATUSES = {"done", "todo", "in_progress", "not_needed", "check"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_json(profile: Path, as_of: str = "2026-11-28") -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run_in_process("check", "--profile", str(profile), "--as-of", as_of, "--format", "json")
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def assert_sources(sources: list[dict[str, str]]) -> None:
    assert sources
    for source in sources:
        assert set(source) == {"title", "url"}
        assert source["url"].startswith("https://")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_json_contract(example: Path) -> None:
    code, result = check_json(example)
    assert result["exit_code"] == code
    assert list(result) == sorted(result)
    for key in (
        "senco_result_version",
        "command",
        "status",
        "exit_code",
        "as_of",
        "data_reviewed",
        "statutory",
        "can_be_designated",
        "qualified",
        "steps",
        "deadline",
        "funding",
        "costs",
        "routes",
        "warnings",
    ):
        assert key in result, key
    assert result["senco_result_version"] == 1 and result["command"] == "check"
    assert result["status"] == ("ready" if code == 0 else "not_ready")
    assert result["as_of"] == "2026-11-28" and DATE.match(result["data_reviewed"])
    assert isinstance(result["qualified"], bool)
    assert result["statutory"] in (True, False, None)
    assert [step["id"] for step in result["steps"][:5]] == FIXED_STEPS
    for step in result["steps"]:
        assert step["status"] in STEP_STATUSES
        assert step["title"] and step["detail"]
        assert_sources(step["sources"])
    ready = all(step["status"] in ("done", "not_needed") for step in result["steps"])
    assert code == (0 if ready else 1)
    deadline = result["deadline"]
    assert set(deadline) >= {"applies", "date", "days_left", "overdue", "basis"}
    if not deadline["applies"]:
        assert deadline["date"] is None and deadline["days_left"] is None
    else:
        assert DATE.match(deadline["date"]) and isinstance(deadline["days_left"], int)
    funding = result["funding"]
    assert funding["status"] in {"funded", "subject_to_review", "not_funded", "unknown"}
    assert funding["guaranteed"] is False and funding["reason"]
    assert_sources(funding["sources"])
    for item in result["costs"]["items"]:
        assert item["payer"] in {"dfe", "you_or_school", "employer"}
        assert isinstance(item["min_gbp"], int) and isinstance(item["max_gbp"], int)
    assert result["costs"]["total_min_gbp"] == sum(i["min_gbp"] for i in result["costs"]["items"])
    assert result["costs"]["total_max_gbp"] == sum(i["max_gbp"] for i in result["costs"]["items"])
    for route in result["routes"]:
        assert set(route) >= {
            "id",
            "label",
            "months_min",
            "months_max",
            "min_gbp",
            "max_gbp",
            "sources",
        }
    assert all(isinstance(w, str) for w in result["warnings"])


def test_new_senco_example() -> None:
    code, result = check_json(EXAMPLES / "new-senco.toml")
    assert code == 1
    assert result["deadline"]["date"] == "2028-09-01" and result["deadline"]["days_left"] == 643
    assert result["steps"][4]["status"] == "todo"
    assert result["funding"]["cohort"] == "2027-autumn" and result["funding"]["status"] == "unknown"
    assert result["can_be_designated"] is True


def test_qualified_senco_example_is_ready() -> None:
    code, result = check_json(EXAMPLES / "qualified-senco.toml")
    assert (code, result["status"], result["qualified"]) == (0, "ready", True)


def test_unqualified_graduate_example_lists_routes() -> None:
    code, result = check_json(EXAMPLES / "unqualified-graduate.toml")
    assert code == 1 and result["can_be_designated"] is False
    assert {"assessment_only", "pgce"} <= {route["id"] for route in result["routes"]}


def test_independent_example_is_not_statutory() -> None:
    code, result = check_json(EXAMPLES / "independent-school.toml")
    assert (code, result["statutory"]) == (0, False)


def test_text_view_shows_status_words_deadline_funding_costs_and_sources() -> None:
    result = run_in_process("check", "--profile", str(EXAMPLES / "new-senco.toml"), "--as-of", "2026-11-28")
    assert result.returncode == 1
    out = result.stdout
    for words in (
        "Sam Patel",
        "AT RISK: the standard NPQ schedule ends after the deadline",
        "✔ done",
        "✘ to do",
        "Next: Ask a lead provider now whether you can still join Autumn 2026",
        "Deadline: 1 September 2028, in 1 year 9 months",
        "NPQ funding: ? unknown for Autumn 2027",
        "Costs",
        "£0 to £1,265",
        "Sources",
        "https://www.legislation.gov.uk/uksi/2014/1530/regulation/49",
        f"reviewed {long_date(dt.date.fromisoformat(REVIEWED))}",
    ):
        assert words in out, words
    assert "\x1b[" not in out  # NO_COLOR and not a terminal


def test_colour_when_forced() -> None:
    result = run_senco(
        "check",
        "--profile",
        str(EXAMPLES / "new-senco.toml"),
        env={"NO_COLOR": "", "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"},
    )
    plain = run_senco(
        "check",
        "--profile",
        str(EXAMPLES / "new-senco.toml"),
        "--no-color",
        env={"NO_COLOR": "", "FORCE_COLOR": "1"},
    )
    assert "\x1b[" in result.stdout
    assert "\x1b[" not in plain.stdout


def test_markdown_view(tmp_path: Path) -> None:
    result = run_in_process(
        "check", "--profile", str(EXAMPLES / "unqualified-graduate.toml"), "--format", "markdown"
    )
    assert result.returncode == 1
    md = result.stdout
    assert md.startswith("# SENCO check for Jordan Lee")
    for heading in (
        "## Checklist",
        "## Deadline",
        "## NPQ funding",
        "## Costs",
        "## Routes to QTS that fit",
        "## Sources",
    ):
        assert heading in md
    assert "| ✘ to do | **Gain qualified teacher status (QTS)**" in md


HOSTILE_NAME = "[bold red]Boss[/] <script>alert(1)</script> *x* [link](https://evil.example)"


def test_profile_text_is_printed_as_text(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(f'format = 1\n[you]\nname = "{HOSTILE_NAME}"\n', encoding="utf-8")
    text = run_senco("check", "--profile", str(profile), env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "[bold red]Boss[/]" in text.stdout  # markup shown, not obeyed
    assert "\x1b[1;31mBoss" not in text.stdout
    md = run_in_process("check", "--profile", str(profile), "--format", "markdown").stdout
    first_line = md.splitlines()[0]
    assert not active_markup(first_line)  # no HTML, no link: the name reads as typed
    assert "\\<script>" in first_line and "\\[link\\](https://evil.example)" in first_line
    data = json.loads(run_in_process("check", "--profile", str(profile), "--format", "json").stdout)
    assert data["name"] == HOSTILE_NAME


def test_json_is_the_only_stdout() -> None:
    result = run_in_process("check", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "json")
    json.loads(result.stdout)
    assert result.stdout.strip().startswith("{") and result.stdout.strip().endswith("}")


def test_in_process_and_installed_script_agree() -> None:
    args = [
        "check",
        "--profile",
        str(EXAMPLES / "new-senco.toml"),
        "--as-of",
        "2026-11-28",
        "--format",
        "json",
    ]
    in_process = runner.invoke(app, args)
    installed = run_senco(*args)
    assert in_process.exit_code == installed.returncode == 1
    assert json.loads(in_process.stdout) == json.loads(installed.stdout)


def test_python_dash_m() -> None:
    import subprocess

    result = subprocess.run([sys.executable, "-m", "senco_cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == f"senco {__version__}"


def test_version_and_help() -> None:
    assert run_senco("--version").stdout.splitlines() == [
        f"senco {__version__}",
        f"rules reviewed {REVIEWED}",
    ]
    help_text = run_senco("--help")
    assert help_text.returncode == 0 and "check" in help_text.stdout
    check_help = run_senco("check", "--help").stdout
    for option in ("--profile", "--as-of", "--format", "--no-color", "--save", "--force"):
        assert option in check_help


def test_version_says_when_the_rules_folder_has_no_reviewed_date(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text("[sources.x]\ntitle = 'x'\n", encoding="utf-8")
    result = run_senco("--version", env={"SENCO_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0 and result.stdout.splitlines()[1].startswith("rules reviewed unknown")


def test_no_terminal_without_profile_exits_2_naming_profile() -> None:
    result = run_senco("check")
    assert result.returncode == 2
    assert "--profile" in result.stderr and "Traceback" not in result.stderr


def test_qualified_person_is_told_the_npq_is_not_needed() -> None:
    text = run_in_process("check", "--profile", str(EXAMPLES / "qualified-senco.toml")).stdout
    assert "NPQ funding: not needed (for reference:" in text
    other = run_in_process("check", "--profile", str(EXAMPLES / "new-senco.toml")).stdout
    assert "not needed (for reference" not in other


OPENING_SNAPSHOT = Path(__file__).parent / "snapshots" / "check-openings-80.txt"


def opening(profile: Profile, rules: Rules) -> list[str]:
    """The first 12 lines of `senco check` at 80 columns without colour."""
    import io

    from senco_cli.logic.assess import assess
    from senco_cli.render.terminal.check import make_console, render_check

    stream = io.StringIO()
    console = make_console(True, stream)
    console.width = 80
    render_check(assess(profile, rules, dt.date(2026, 11, 28)), console)
    return stream.getvalue().splitlines()[:12]


def test_openings_answer_first(rules: Rules, person: Callable[..., Profile]) -> None:
    from senco_cli.profile.io import load_profile

    people = {
        f"example {path.stem}": load_profile(path, rules.vocabulary())
        for path in sorted(EXAMPLES.glob("*.toml"))
    }
    people |= {
        "at risk": person(senco_since=dt.date(2025, 9, 1)),
        "overdue": person(senco_since=dt.date(2022, 9, 1)),
        "not bound": person(setting="la_teacher", senco="planning", senco_since=None),
        "can't tell": person(setting=None, senco=None, senco_since=None, qts=None, induction=None),
    }
    text = ""
    for name, profile in people.items():
        lines = opening(profile, rules)
        assert all(len(line) <= 80 for line in lines), name
        # The answer comes first: the situation within the first lines, then the next action and the deadline.
        assert any(line.split(" ")[0] in ("✔", "✘", "◐", "?") for line in lines[1:5]), name
        assert any(line.startswith("Deadline: ") for line in lines) and any(
            line.startswith("NPQ funding: ") for line in lines
        ), name
        text += f"== {name}\n" + "\n".join(lines) + "\n"
    if os.environ.get("SENCO_UPDATE_SNAPSHOTS"):
        OPENING_SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == OPENING_SNAPSHOT.read_text(encoding="utf-8"), (
        "changed on purpose? rerun with SENCO_UPDATE_SNAPSHOTS=1"
    )
