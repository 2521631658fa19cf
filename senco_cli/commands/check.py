"""`senco check`: what stands between a person and the SENCO role."""

from typing import TYPE_CHECKING, Annotated, Any, NoReturn

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

if TYPE_CHECKING:
    import datetime as dt

    from senco_cli.profile.model import Profile
    from senco_cli.rules.model import Rules


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
        _assess,
        PersonRun(profile, as_of, output_format, output, save, force, no_color, sources),
    )


def _assess(profile: "Profile", rules: "Rules", as_of: "dt.date") -> Any:
    """senco_cli.logic.assess.assess, imported once the answers are in."""
    from senco_cli.logic.assess import assess

    return assess(profile, rules, as_of)
