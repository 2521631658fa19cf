"""`senco check`: what stands between a person and the SENCO role."""

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


def check(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("check"))] = "text",
    no_color: NoColorOption = False,
    save: SaveOption = None,
    output: OutputOption = None,
    force: ForceSaveOption = False,
    sources: SourcesOption = False,
) -> None:
    """Check what stands between you and the SENCO role: steps, funding, costs, deadline."""
    from senco_cli.logic.assess import assess
    from senco_cli.rules.cache import bundled_rules

    with reporting_errors(output_format, "check"):
        output_format = chosen_format("check", output_format, output)
        day = parse_as_of(as_of)
        rules = bundled_rules()
        answers = read_or_ask(profile, save, force, rules, day)
        if output is not None:
            from senco_cli.atomic import refuse_existing

            refuse_existing(output, force, [p for p in (profile, save) if p is not None])
        report = assess(answers, rules, day)
        with output_stream(output, force, (profile, save), output_format) as stream:
            emit(report, output_format, no_color or output is not None, stream, sources)
    say_written(output, output_format)
    if FORMATS[output_format].for_terminal:
        next_with_senco("check", profile or save)
    raise typer.Exit(report.exit_code)
