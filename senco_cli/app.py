"""The command line: the Typer app, its commands (one module each in commands/), --version.

`build_app(only)` registers one command, the one asked for, so Typer builds the options of
that command alone at start-up; `app` has them all (for `--help` and for tests)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer

from senco_cli.commands import audit, check, costs, plan
from senco_cli.commands.options import DataHelpCommand
from senco_cli.rules.folder import version_text


def _show_version(value: bool) -> None:
    if value:
        print(version_text(), end="")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show the version and when the rules were last reviewed.",
        ),
    ] = False,
) -> None:
    """What stands between a teacher in England and the SENCO role."""


COMMANDS: dict[str, tuple[Any, str]] = {
    "check": (check.check, "Example: senco check --profile me.toml --format markdown --output report.md"),
    "costs": (costs.costs, "Example: senco costs --setting academy --cohort 2026-autumn"),
    "plan": (plan.plan, "Example: senco plan --profile me.toml --format ics --output senco.ics"),
    "audit": (
        audit.audit,
        "Examples: senco audit staff.xlsx --format xlsx --output results.xlsx; "
        "senco audit staff.csv --format csv --output results.csv",
    ),
}


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with the one named `only` (a name that is no command
    gets them all, so that Typer's message can suggest the right one)."""
    built = typer.Typer(
        name="senco",
        help="What stands between a teacher in England and the SENCO role.",
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
    )
    built.callback()(root)
    for name, (function, epilog) in COMMANDS.items():
        if only in (None, name) or only not in COMMANDS:
            built.command(cls=DataHelpCommand, epilog=epilog)(function)
    return built


def asked_for(args: Sequence[str]) -> str | None:
    """The command named on the command line (its first word that is not an option)."""
    return next((arg for arg in args if not arg.startswith("-")), None)


app = build_app()
