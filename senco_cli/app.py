"""The command line: the Typer app, its commands (one module each in commands/), --version."""

from __future__ import annotations

from typing import Annotated

import typer

from senco_cli import __version__
from senco_cli.commands import audit, check, costs, plan
from senco_cli.commands.options import DataHelpCommand

app = typer.Typer(
    name="senco",
    help="What stands between a teacher in England and the SENCO role.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)


def _show_version(value: bool) -> None:
    if value:
        from senco_cli.rules.folder import reviewed_date

        print(f"senco {__version__}")
        print(f"rules reviewed {reviewed_date() or 'unknown (sources.toml has no reviewed date)'}")
        raise typer.Exit()


@app.callback()
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


app.command(
    cls=DataHelpCommand, epilog="Example: senco check --profile me.toml --format markdown --output report.md"
)(check.check)
app.command(cls=DataHelpCommand, epilog="Example: senco costs --setting academy --cohort 2026-autumn")(
    costs.costs
)
app.command(
    cls=DataHelpCommand, epilog="Example: senco plan --profile me.toml --format ics --output senco.ics"
)(plan.plan)
app.command(
    cls=DataHelpCommand,
    epilog="Examples: senco audit staff.xlsx --format xlsx --output results.xlsx; "
    "senco audit staff.csv --format csv --output results.csv",
)(audit.audit)
