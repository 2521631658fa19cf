"""`senco plan`: the dated route to a qualified SENCO."""

from __future__ import annotations

from typing import Annotated

import typer

from senco_cli.commands.asking import next_with_senco, read_or_ask
from senco_cli.commands.options import (
    AsOfOption,
    ForceSaveOption,
    NoColorOption,
    OutputOption,
    ProfileOption,
    SaveOption,
    SourcesOption,
    parse_as_of,
)
from senco_cli.commands.output import chosen_format, emit, output_stream, reporting_errors, say_written
from senco_cli.render.registry import FORMATS, format_help


def plan(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("plan"))] = "text",
    output: OutputOption = None,
    save: SaveOption = None,
    force: ForceSaveOption = False,
    no_color: NoColorOption = False,
    sources: SourcesOption = False,
) -> None:
    """The dated route to a qualified SENCO: milestones, a timeline and a calendar file."""
    from senco_cli.logic.plan import make_plan
    from senco_cli.rules.cache import bundled_rules

    with reporting_errors(output_format, "plan"):
        output_format = chosen_format("plan", output_format, output)
        day = parse_as_of(as_of)
        rules = bundled_rules()
        if output is not None:
            from senco_cli.atomic import refuse_existing

            refuse_existing(output, force, [p for p in (profile, save) if p is not None])
        answers = read_or_ask(profile, save, force, rules, day)
        result = make_plan(answers, rules, day)
        with output_stream(output, force, (profile, save), output_format) as stream:
            emit(result, output_format, no_color or output is not None, stream, sources)
    say_written(output, output_format)
    if FORMATS[output_format].for_terminal:
        next_with_senco("plan", profile or save)
    raise typer.Exit(result.exit_code)
