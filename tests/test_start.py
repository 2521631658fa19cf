"""The console script's start-up: the cycle collector is off while modules load and the
command line is read (what they make lasts until the exit), and on again, with start-up's
objects left aside (gc.freeze), for the command's own work."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from conftest import EXAMPLES, PERSON_COMMANDS, probe

PROFILE = str(EXAMPLES / "new-senco.toml")
# Notes the collector's state as the command's own function begins, and at the exit.
PROBE = """
import functools, gc, importlib, json, sys
record, command = sys.argv[1], sys.argv[2]
sys.argv = ["senco", *sys.argv[2:]]
module = importlib.import_module(f"senco_cli.commands.{command}")
original = getattr(module, command)
seen = {}

@functools.wraps(original)
def noted(*args, **kwargs):
    seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())
    return original(*args, **kwargs)

setattr(module, command, noted)
from senco_cli.entry import main
try:
    main()
except SystemExit as done:
    seen.update(code=done.code, frozen_at_exit=gc.get_freeze_count())
with open(record, "w") as handle:
    json.dump(seen, handle)
"""


def collector(tmp_path: Path, *args: str) -> dict[str, object]:
    record = tmp_path / "collector.json"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = probe(PROBE, record, *args, env=env)
    assert record.exists(), done.stderr
    seen: dict[str, object] = json.loads(record.read_text())
    return seen


def roster(tmp_path: Path) -> str:
    from senco_cli.roster.sheet import template

    path = tmp_path / "roster.csv"
    path.write_text(template(), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "args",
    [*PERSON_COMMANDS, ["audit", "ROSTER", "--format", "json"]],
)
def test_the_command_runs_with_the_collector_on_and_start_up_left_aside(
    tmp_path: Path, args: list[str]
) -> None:
    args = [roster(tmp_path) if arg == "ROSTER" else arg for arg in args]
    seen = collector(tmp_path, *args)
    assert seen["code"] in (0, 1)
    assert seen["enabled"] is True  # a roster of any size has its garbage collected
    # Start-up's objects (Typer's, the command's modules) are left aside: some thousands.
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 1_000
    assert isinstance(seen["frozen_at_exit"], int) and seen["frozen_at_exit"] >= seen["frozen"]


def test_help_leaves_everything_aside_at_the_exit(tmp_path: Path) -> None:
    seen = collector(tmp_path, "check", "--help")
    assert seen["code"] == 0 and "enabled" not in seen  # the command itself never ran
    assert isinstance(seen["frozen_at_exit"], int) and seen["frozen_at_exit"] > 1_000


def test_started_changes_nothing_where_the_collector_is_on() -> None:
    """In a program that imports senco (these tests), the collector stays as it is."""
    from senco_cli.entry import started

    assert gc.isenabled()
    before = gc.get_freeze_count()
    started()
    assert gc.isenabled() and gc.get_freeze_count() == before
