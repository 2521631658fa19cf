"""One person's run of `check` or `plan`: the answers read from --profile or asked at a
terminal, judged, and the result written."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from senco_cli.errors import InputError
from senco_cli.records import NamedTuple

if TYPE_CHECKING:
    from senco_cli.profile.model import Profile
    from senco_cli.rules.model import Rules

EXIT_INTERRUPTED = 130


def read_or_ask(profile: Path | None, save: Path | None, force: bool, rules: Rules, day: dt.date) -> Profile:
    """The answers from --profile, or asked at the terminal (and saved with --save)."""
    from senco_cli.profile.io import load_profile
    from senco_cli.profile.validate import check_dates

    if profile is None:
        return ask_for_profile(rules, day, save, force)
    if save is not None:
        raise InputError(
            "--save goes with the questions, not with --profile.", path="--save", code="bad_option"
        )
    answers = load_profile(profile, rules.vocabulary())
    check_dates(answers, day, str(profile))
    return answers


def next_with_senco(command: str, profile: Path | None) -> None:
    """A closing hint after the report: what senco can do next for this person (on stderr, so
    a redirected report stays clean), wrapped to the terminal. A bundled example is never
    offered as the file to save over: the hint names a new file instead."""
    from senco_cli.text import plain

    if profile is None:
        line = f"Next: senco {command} --save me.toml keeps your answers for next time"
    else:
        name = plain(str(profile))
        other = "plan" if command == "check" else "check"
        if is_bundled_example(profile):  # never suggest saving over an example: a new file
            line = f"Next: senco {command} --save me.toml asks about you and keeps your answers"
        else:
            line = f"Next: senco {other} --profile {name}" + (
                " shows the dates" if other == "plan" else " shows every step"
            )
            line += f"; senco {command} --save {name} changes an answer"
    from senco_cli.text import write_wrapped

    write_wrapped(sys.stderr, line + ".")


def is_bundled_example(path: Path) -> bool:
    """Whether `path` is one of the example profiles that come with senco: in an examples
    folder inside a rules data folder (the installed package's, or data/ in a checkout)."""
    try:
        folder = path.resolve().parent
    except OSError:
        return False
    return folder.name == "examples" and (folder.parent / "sources.toml").is_file()


def ask_for_profile(rules: Rules, day: dt.date, save: Path | None, force: bool) -> Profile:
    """Ask the questions at a terminal; without one, exit 2 naming --profile."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError(
            "no terminal to ask questions on. Run it in a terminal, or give the answers "
            "in a file: senco check --profile FILE.",
            path="stdin",
            code="no_terminal",
        )
    from senco_cli.interview.flow import run_interview

    try:
        to_stderr = not sys.stdout.isatty()
        answers = run_interview(rules, day, save=save, force=force, prompts_to_stderr=to_stderr)
        (sys.stderr if to_stderr else sys.stdout).write("\n")  # a gap between the answers and the report
        return answers
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("senco: interrupted: nothing was saved.\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None


class PersonRun(NamedTuple):
    """What `check` and `plan` are asked: whose answers, as of when, and where the result goes."""

    profile: Path | None
    as_of: str | None
    output_format: str
    output: Path | None
    save: Path | None
    force: bool
    no_color: bool
    sources: bool


def run_for_person(
    command: str, decide: Callable[[Profile, Rules, dt.date], Any], run: PersonRun
) -> NoReturn:
    """One person's result, the same way for `check` and `plan`: an --output that would be
    refused is refused before any question is asked; the answers read or asked; `decide`
    (which imports the engine when called, so that the first question comes sooner)
    applied; the result written; exit with its exit code."""
    from senco_cli.commands.options import parse_as_of
    from senco_cli.commands.output import chosen_format, emit, output_stream, reporting_errors, say_written
    from senco_cli.render.registry import FORMATS
    from senco_cli.rules.cache import bundled_rules

    inputs = (run.profile, run.save)
    with reporting_errors(run.output_format, command):
        output_format = chosen_format(command, run.output_format, run.output)
        day = parse_as_of(run.as_of)
        rules = bundled_rules()
        if run.output is not None:
            from senco_cli.atomic import refuse_existing

            refuse_existing(run.output, run.force, [p for p in inputs if p is not None])
        answers = read_or_ask(run.profile, run.save, run.force, rules, day)
        result = decide(answers, rules, day)
        with output_stream(run.output, run.force, inputs, output_format) as stream:
            emit(result, output_format, run.no_color or run.output is not None, stream, run.sources)
    say_written(run.output, output_format)
    if FORMATS[output_format].for_terminal:
        next_with_senco(command, run.profile or run.save)
    raise typer.Exit(result.exit_code)
