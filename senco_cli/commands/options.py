"""What the commands share on the way in: the options' types, values read from the rules
data (completion and --help), the as-of date and the format named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from senco_cli.errors import InputError

AS_OF_RANGE = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def allowed_values(option: str) -> list[str]:
    """The values an option takes, from the rules data (so a new cohort needs no code change)."""
    from senco_cli.rules.cache import bundled_rules

    rules = bundled_rules()
    if option == "setting":
        return list(rules.settings)
    if option == "route":
        return [route.id for route in rules.routes]
    return [cohort.id for cohort in rules.cohorts]


def complete(option: str) -> Any:
    """Shell completion for an option, from the rules data."""

    def values(incomplete: str) -> list[str]:
        return [value for value in allowed_values(option) if value.startswith(incomplete.lower())]

    return values


class DataHelpCommand(TyperCommand):
    """A command whose --help lists the values its options take, read from the data only
    when help is asked for (so start-up stays quick)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            option: Any = param  # an option (with help text); arguments have none
            name = option.name or ""
            if name in ("setting", "route", "cohort") and getattr(option, "help", None):
                base = str(option.help).split(" Allowed: ")[0]
                option.help = f"{base} Allowed: {', '.join(allowed_values(name))}."
        super().format_help(ctx, formatter)


ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Read the answers from this profile TOML file (or - for standard input)."),
]


AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Judge as on this date (default: today)."),
]


NoColorOption = Annotated[bool, typer.Option("--no-color", help="Plain text without colour.")]


OutputOption = Annotated[Path | None, typer.Option("--output", help="Write the result to this file.")]
SaveOption = Annotated[
    Path | None, typer.Option("--save", help="After the questions, save the answers to this file.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Let --output replace an existing file.")]
ForceSaveOption = Annotated[
    bool, typer.Option("--force", help="Let --save or --output replace an existing file.")
]
CohortOption = Annotated[
    str | None,
    typer.Option(
        "--cohort",
        help="Judge NPQ funding for this cohort (default: the next to start; a roster row's own cohort comes first).",
        autocompletion=complete("cohort"),
    ),
]
SourcesOption = Annotated[
    bool, typer.Option("--sources", help="Show every source's address in full, even on a terminal.")
]


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f'"{value}" is not a date: use YYYY-MM-DD, such as 2026-09-01.',
            path="--as-of",
            code="bad_option",
        ) from None
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        raise InputError(
            f"{day} is out of range: the rules can judge dates from {AS_OF_RANGE[0]} to {AS_OF_RANGE[1]}.",
            path="--as-of",
            code="bad_option",
        )
    return day
