"""`senco check`: what stands between a person and the SENCO role."""

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


def check(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("check"))] = "text",
    no_color: NoColorOption = False,
    save: SaveOption = None,
    output: OutputOption = None,
    force: ForceSaveOption = False,
    sources: SourcesOption = False,
) -> NoReturn:
    """Check what stands between you and the SENCO role: steps, funding, costs, deadline."""
    run_for_person(
        "check",
        "senco_cli.logic.assess:assess",
        PersonRun(profile, as_of, output_format, output, save, force, no_color, sources),
    )
