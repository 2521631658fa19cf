"""`senco plan`: the dated route to a qualified SENCO."""

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
        _make_plan,
        PersonRun(profile, as_of, output_format, output, save, force, no_color, sources),
    )


def _make_plan(profile: "Profile", rules: "Rules", as_of: "dt.date") -> Any:
    """senco_cli.logic.plan.make_plan, imported once the answers are in."""
    from senco_cli.logic.plan import make_plan

    return make_plan(profile, rules, as_of)
