"""`senco plan`: the dated route to a qualified SENCO."""

from typing import Annotated, NoReturn

import typer

from senco_cli.commands.asking import PersonRun, run_for_person
from senco_cli.commands.options import (
    AsOfOption,
    ForceSaveOption,
    NoColorOption,
    OutputOption,
    ProfileOption,
    SaveOption,
    SourcesOption,
)
from senco_cli.render.registry import format_help


def plan(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("plan"))] = "text",
    output: OutputOption = None,
    save: SaveOption = None,
    force: ForceSaveOption = False,
    no_color: NoColorOption = False,
    sources: SourcesOption = False,
) -> NoReturn:
    """The dated route to a qualified SENCO: milestones, a timeline and a calendar file."""
    run_for_person(
        "plan",
        "senco_cli.logic.plan:make_plan",
        PersonRun(profile, as_of, output_format, output, save, force, no_color, sources),
    )
