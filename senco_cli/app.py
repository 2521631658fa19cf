"""The command line: the Typer app, its commands (one module each in commands/), --version.

`build_app(only)` imports and registers one command, the one asked for, so that start-up loads
and builds that command alone; `app` has them all (for `--help` and for tests), built when
first used."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Annotated

import typer

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


# Each command is the function of the same name in senco_cli/commands/<name>.py, imported only
# when the app is built with it: its one line in `senco --help`, and its example.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": (
        "What stands between you and the SENCO role, and by when.",
        "Example: senco check --profile me.toml --format markdown --output report.md",
    ),
    "costs": (
        "What the NPQ for SENCOs and routes to QTS cost; who DfE funds.",
        "Example: senco costs --setting academy --cohort 2026-autumn",
    ),
    "plan": (
        "Your dated route to a qualified SENCO: milestones and a calendar.",
        "Example: senco plan --profile me.toml --format ics --output senco.ics",
    ),
    "audit": (
        "Every SENCO in a roster judged at once, most urgent first.",
        "Examples: senco audit staff.xlsx --format xlsx --output results.xlsx; "
        "senco audit staff.csv --format csv --output results.csv",
    ),
}
FIRST_STEPS = (
    "Start with: senco check (it asks about you), or senco check --profile me.toml. A trust: "
    "senco audit --template --format xlsx --output staff.xlsx, then senco audit staff.xlsx."
)


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
        epilog=FIRST_STEPS,
    )
    built.callback()(root)
    for name, (summary, epilog) in COMMANDS.items():
        if only in (None, name) or only not in COMMANDS:
            function = getattr(importlib.import_module(f"senco_cli.commands.{name}"), name)
            built.command(cls=DataHelpCommand, short_help=summary, epilog=epilog)(function)
    return built


def asked_for(args: Sequence[str]) -> str | None:
    """The command named on the command line (its first word that is not an option)."""
    return next((arg for arg in args if not arg.startswith("-")), None)


app: typer.Typer  # declared here, built by __getattr__ below


def __getattr__(name: str) -> typer.Typer:
    """`app`: every command, built on first use (the console script builds only the one asked for)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    built = build_app()
    globals()["app"] = built
    return built
