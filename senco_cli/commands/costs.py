"""`senco costs`: a quick lookup of costs, DfE funding and the cohorts."""

from typing import Annotated

import typer

from senco_cli.commands.options import (
    AsOfOption,
    CohortOption,
    ForceOption,
    NoColorOption,
    OutputOption,
    SourcesOption,
    complete,
    parse_as_of,
)
from senco_cli.commands.output import chosen_format, emit, output_stream, reporting_errors, say_written
from senco_cli.render.registry import format_help


def costs(
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("costs"))] = "text",
    no_color: NoColorOption = False,
    setting: Annotated[
        str | None,
        typer.Option(
            "--setting", help="Show this setting's NPQ funding verdict.", autocompletion=complete("setting")
        ),
    ] = None,
    route: Annotated[
        str | None, typer.Option("--route", help="Show one route to QTS.", autocompletion=complete("route"))
    ] = None,
    cohort: CohortOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    sources: SourcesOption = False,
) -> None:
    """Look up costs, who DfE funds for the NPQ for SENCOs, and the cohorts."""
    from senco_cli.logic.costs import costs_lookup
    from senco_cli.rules.cache import bundled_rules

    with reporting_errors(output_format, "costs"):
        output_format = chosen_format("costs", output_format, output)
        result = costs_lookup(
            bundled_rules(),
            parse_as_of(as_of),
            setting=setting,
            route=route,
            cohort=cohort,
        )
        with output_stream(output, force, (), output_format) as stream:
            emit(result, output_format, no_color or output is not None, stream, sources)
    say_written(output, output_format)
