"""The command line: parse options, call the engine, pick a renderer, set the exit code."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperCommand

from senco_cli import __version__
from senco_cli.errors import InputError
from senco_cli.schema import option_value

if TYPE_CHECKING:
    from senco_cli.profile.model import Profile
    from senco_cli.rules.model import Rules

EXIT_INVALID = 2
EXIT_INTERRUPTED = 130
CHECK_FORMATS = ("text", "json", "markdown", "html")
AS_OF_RANGE = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))
PROGRESS_BYTES = 1_000_000  # show a progress bar for rosters larger than this
PARALLEL_BYTES = 200_000  # about 2,000 rows: below this, starting worker processes costs more than it saves


def allowed_values(option: str) -> list[str]:
    """The values an option takes, from the rules data (so a new cohort needs no code change)."""
    from senco_cli.rules.model import bundled_rules

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


app = typer.Typer(
    name="senco",
    help="What stands between a teacher in England and the SENCO role.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)

ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Read the answers from this profile TOML file (or - for standard input)."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Judge as on this date (default: today)."),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Plain text without colour.")]
SourcesOption = Annotated[
    bool, typer.Option("--sources", help="Show every source's address in full, even on a terminal.")
]


def _show_version(value: bool) -> None:
    if value:
        print(f"senco {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """What stands between a teacher in England and the SENCO role."""


def fail(error: InputError, output_format: str) -> NoReturn:
    """Exit 2 with one message on stderr (and the contract's error object in JSON mode)."""
    sys.stderr.write(f"senco: error: {error}\n")
    if output_format == "json":
        write_json(
            {
                "senco_result_version": 1,
                "status": "error",
                "exit_code": EXIT_INVALID,
                "errors": [error.as_json()],
            }
        )
    raise typer.Exit(EXIT_INVALID)


@contextmanager
def reporting_errors(output_format: str) -> Iterator[None]:
    """Turn bad input into exit 2; errors go out as JSON too when JSON was asked for."""
    try:
        yield
    except InputError as error:
        fail(error, "json" if output_format == "json" else "text")


# (command, format) -> the module and function that render it, imported only when used.
RENDERERS = {
    ("check", "text"): ("senco_cli.render.terminal.check", "render_check"),
    ("costs", "text"): ("senco_cli.render.terminal.costs", "render_costs"),
    ("plan", "text"): ("senco_cli.render.terminal.plan", "render_plan"),
    ("audit", "text"): ("senco_cli.render.terminal.audit", "render_audit"),
    ("check", "markdown"): ("senco_cli.render.markdown", "render_check_markdown"),
    ("costs", "markdown"): ("senco_cli.render.markdown", "render_costs_markdown"),
    ("plan", "markdown"): ("senco_cli.render.markdown", "render_plan_markdown"),
    ("audit", "markdown"): ("senco_cli.render.markdown", "render_audit_markdown"),
    ("check", "html"): ("senco_cli.render.html", "render_check_html"),
    ("costs", "html"): ("senco_cli.render.html", "render_costs_html"),
    ("plan", "html"): ("senco_cli.render.html", "render_plan_html"),
    ("audit", "html"): ("senco_cli.render.html", "render_audit_html"),
}


def emit(
    result: Any, output_format: str, no_color: bool, stream: IO[str] | None = None, full_sources: bool = False
) -> None:
    """Print a check, costs, plan or audit result in the chosen format (to stdout by default)."""
    import importlib

    stream = stream or sys.stdout
    if output_format == "json":
        write_json(result.as_json(), stream)
        return
    module, function = RENDERERS[(result.command, output_format)]
    render = getattr(importlib.import_module(module), function)
    if output_format in ("markdown", "html"):
        stream.write(render(result))
    else:
        from senco_cli.render.terminal.check import make_console

        render(result, make_console(no_color, stream, full_sources))


def write_json(result: dict[str, Any], stream: IO[str] | None = None) -> None:
    import json

    # An audit can run to thousands of rows: compact JSON lets the C encoder write it.
    indent = None if result.get("command") == "audit" else 2
    (stream or sys.stdout).write(json.dumps(result, sort_keys=True, indent=indent, ensure_ascii=False) + "\n")


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


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    return option_value(value, allowed, "--format", "format") or value


@app.command(
    cls=DataHelpCommand, epilog="Example: senco check --profile me.toml --format markdown --output report.md"
)
def check(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json, markdown or html.")] = "text",
    no_color: NoColorOption = False,
    save: Annotated[
        Path | None,
        typer.Option("--save", help="After the questions, save the answers to this file."),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to this file.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --save or --output replace an existing file.")
    ] = False,
    sources: SourcesOption = False,
) -> None:
    """Check what stands between you and the SENCO role: steps, funding, costs, deadline."""
    from senco_cli.logic.assess import assess
    from senco_cli.rules.model import bundled_rules

    with reporting_errors(output_format):
        output_format = check_format(output_format, CHECK_FORMATS)
        day = parse_as_of(as_of)
        rules = bundled_rules()
        answers = read_or_ask(profile, save, force, rules, day)
        if output is not None:
            from senco_cli.atomic import refuse_existing

            refuse_existing(output, force, [p for p in (profile, save) if p is not None])
        report = assess(answers, rules, day)
        with output_stream(output, force, (profile, save)) as stream:
            emit(report, output_format, no_color or output is not None, stream, sources)
    if output_format == "text":
        next_with_senco("check", profile or save)
    raise typer.Exit(report.exit_code)


@app.command(cls=DataHelpCommand, epilog="Example: senco costs --setting academy --cohort 2026-autumn")
def costs(
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json, markdown or html.")] = "text",
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
    cohort: Annotated[
        str | None,
        typer.Option(
            "--cohort",
            help="Judge this NPQ cohort (default: the next one).",
            autocompletion=complete("cohort"),
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the result to this file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --output replace an existing file.")] = False,
    sources: SourcesOption = False,
) -> None:
    """Look up costs, who DfE funds for the NPQ for SENCOs, and the cohorts."""
    from senco_cli.logic.costs import costs_lookup
    from senco_cli.rules.model import bundled_rules

    with reporting_errors(output_format):
        output_format = check_format(output_format, CHECK_FORMATS)
        result = costs_lookup(
            bundled_rules(),
            parse_as_of(as_of),
            setting=setting,
            route=route,
            cohort=cohort,
        )
        with output_stream(output, force) as stream:
            emit(result, output_format, no_color or output is not None, stream, sources)


PLAN_FORMATS = ("text", "json", "markdown", "html", "ics")


@app.command(
    cls=DataHelpCommand, epilog="Example: senco plan --profile me.toml --format ics --output senco.ics"
)
def plan(
    profile: ProfileOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, markdown, html or ics.")
    ] = "text",
    output: Annotated[Path | None, typer.Option("--output", help="Write the result to this file.")] = None,
    save: Annotated[
        Path | None,
        typer.Option("--save", help="After the questions, save the answers to this file."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let --save or --output replace an existing file.")
    ] = False,
    no_color: NoColorOption = False,
    sources: SourcesOption = False,
) -> None:
    """The dated route to a qualified SENCO: milestones, a timeline and a calendar file."""
    from senco_cli.logic.plan import make_plan
    from senco_cli.rules.model import bundled_rules

    with reporting_errors(output_format):
        output_format = check_format(output_format, PLAN_FORMATS)
        day = parse_as_of(as_of)
        rules = bundled_rules()
        if output is not None:
            from senco_cli.atomic import refuse_existing

            refuse_existing(output, force, [p for p in (profile, save) if p is not None])
        answers = read_or_ask(profile, save, force, rules, day)
        result = make_plan(answers, rules, day)
        with output_stream(output, force, (profile, save)) as stream:
            if output_format == "ics":
                from senco_cli.render.ics import plan_calendar

                stream.write(plan_calendar(result))
            else:
                emit(result, output_format, no_color or output is not None, stream, sources)
    if output_format == "text":
        next_with_senco("plan", profile or save)
    raise typer.Exit(result.exit_code)


AUDIT_FORMATS = ("text", "json", "csv", "markdown", "html", "xlsx")
BINARY_FORMATS = ("xlsx",)
ORDERS = ("school", "person")


@app.command(
    cls=DataHelpCommand,
    epilog="Examples: senco audit staff.xlsx --format xlsx --output results.xlsx; "
    "senco audit staff.csv --format csv --output results.csv",
)
def audit(
    roster: Annotated[
        Path | None,
        typer.Argument(
            help="A CSV file or workbook (.xlsx, .xls, .ods; - for CSV on standard input): one person per row.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, csv, markdown, html or xlsx (xlsx needs --output).")
    ] = "text",
    output: Annotated[Path | None, typer.Option("--output", help="Write the result to this file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --output replace an existing file.")] = False,
    template: Annotated[
        bool,
        typer.Option(
            "--template", help="Print a header row and an example row (--format xlsx: a workbook) to fill in."
        ),
    ] = False,
    cohort: Annotated[
        str | None,
        typer.Option(
            "--cohort",
            help="Judge NPQ funding for this cohort where a row names none.",
            autocompletion=complete("cohort"),
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The workbook's sheet to read (default: the first).")
    ] = None,
    ignore_unknown: Annotated[
        bool,
        typer.Option("--ignore-unknown", help="Leave out columns senco does not know, instead of stopping."),
    ] = False,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="school: each school's people together (when the roster names schools); person: most urgent first.",
        ),
    ] = "school",
    no_color: NoColorOption = False,
) -> None:
    """Assess every SENCO in a roster spreadsheet at once, most urgent first."""
    with reporting_errors(output_format):
        output_format = check_format(output_format, AUDIT_FORMATS)
        by = option_value(by, ORDERS, "--by", "order") or by
        if output_format in BINARY_FORMATS and output is None:
            raise InputError(
                f"--format {output_format} writes a workbook: give --output FILE.{output_format}.",
                path="--output",
                code="bad_option",
            )
        if template:
            if output_format not in ("text", "csv", "xlsx"):
                raise InputError(
                    "--template writes CSV (the default) or, with --format xlsx, a workbook.",
                    path="--format",
                    code="bad_option",
                )
            write_template(output_format, output, force)
            return
        if roster is None:
            raise InputError(
                "give a roster (CSV or workbook); senco audit --template prints a header row to start from.",
                path="ROSTER",
                code="bad_option",
            )
        day = parse_as_of(as_of)
        options = AuditOptions(cohort, sheet, ignore_unknown, by)
        if output_format in BINARY_FORMATS:
            assert output is not None
            from senco_cli.atomic import atomic_writer

            with atomic_writer(output, force=force, inputs=[roster], binary=True) as binary:
                result = run_audit(roster, day, output_format, binary, True, options, to_file=True)
        else:
            with output_stream(output, force, (roster,)) as stream:
                result = run_audit(
                    roster,
                    day,
                    output_format,
                    stream,
                    no_color or output is not None,
                    options,
                    to_file=output is not None,
                )
    raise typer.Exit(result.exit_code)


def write_template(output_format: str, output: Path | None, force: bool) -> None:
    """A roster to fill in: CSV on standard output or to --output, or a workbook."""
    from senco_cli.rules.model import bundled_rules

    rules = bundled_rules()
    if output_format == "xlsx":
        assert output is not None
        from senco_cli.atomic import atomic_writer
        from senco_cli.render.xlsx import write_template_workbook

        with atomic_writer(output, force=force, binary=True) as binary:
            write_template_workbook(rules, binary)
        return
    from senco_cli.roster.sheet import template as roster_template

    with output_stream(output, force) as stream:
        stream.write(roster_template())


class AuditOptions(NamedTuple):
    cohort: str | None = None
    sheet: str | None = None
    ignore_unknown: bool = False
    by: str = "school"


DEFAULT_AUDIT = AuditOptions()


@contextmanager
def output_stream(
    output: Path | None, force: bool, inputs: tuple[Path | None, ...] = ()
) -> Iterator[IO[str]]:
    """Standard output, or a file written atomically that never replaces one without --force,
    and never the input being read."""
    if output is None:
        yield sys.stdout
        return
    from senco_cli.atomic import atomic_writer

    with atomic_writer(output, force=force, inputs=[p for p in inputs if p is not None]) as stream:
        yield stream


def run_audit(
    roster: Path,
    day: dt.date,
    output_format: str,
    stream: IO[Any],
    no_color: bool,
    options: AuditOptions = DEFAULT_AUDIT,
    to_file: bool = False,
) -> Any:
    import os

    from senco_cli.audit.parallel import assess_rows
    from senco_cli.audit.rows import audit, write_audit_csv
    from senco_cli.roster.sheet import open_sheet
    from senco_cli.rules.model import bundled_rules

    rules = bundled_rules()
    cohort = option_value(options.cohort, [c.id for c in rules.cohorts], "--cohort", "cohort")
    opening = open_sheet(
        roster,
        rules.vocabulary(),
        day,
        cohort,
        rules.column_names,
        sheet_name=options.sheet,
        ignore_unknown=options.ignore_unknown,
    )
    with opening as (sheet, sheet_rows, size, warnings, text):
        explained = sheet.header.explained() if sheet.header is not None else None
        if explained:
            sys.stderr.write(f"senco: {explained}\n")
        for warning in warnings:
            sys.stderr.write(f"senco: warning: {warning}\n")
        rows: Any = sheet_rows
        if sys.stderr.isatty() and size > PROGRESS_BYTES and text is not None:
            from senco_cli.render.terminal.check import with_progress

            rows = with_progress(rows, text, size)
        workers = (os.cpu_count() or 1) if size > PARALLEL_BYTES else 1
        assessed = assess_rows(
            rows,
            sheet,
            rules,
            csv_cells=output_format == "csv",
            raw_cells=output_format == "xlsx",
            workers=workers,
        )
        if output_format == "csv":
            result = write_audit_csv(
                sheet.header_row(),
                assessed,
                rules,
                day,
                stream,
                warnings,
                byte_order_mark=to_file,
                lines=sheet_rows.data_lines,
                by=options.by,
            )
        elif output_format == "xlsx":
            from senco_cli.render.xlsx import AuditWorkbook

            workbook = AuditWorkbook(stream, sheet)
            result = audit(
                workbook.staff_rows(assessed), rules, day, warnings, sheet_rows.data_lines, options.by
            )
        else:
            result = audit(assessed, rules, day, warnings, sheet_rows.data_lines, options.by)
    if not result.rows:
        raise InputError("has a header row but no people under it.", file=str(roster), code="empty")
    if output_format == "json":
        result.write_json(stream)
    elif output_format == "xlsx":
        workbook.finish(result)
    elif output_format != "csv":
        emit(result, output_format, no_color, stream)
    return result


def read_or_ask(profile: Path | None, save: Path | None, force: bool, rules: Rules, day: dt.date) -> Profile:
    """The answers from --profile, or asked at the terminal (and saved with --save)."""
    from senco_cli.profile.model import check_dates, load_profile

    if profile is None:
        return ask_for_profile(rules, day, save, force)
    if save is not None:
        raise InputError(
            "--save goes with the questions, not with --profile.", path="--save", code="bad_option"
        )
    answers = load_profile(profile, rules.vocabulary())
    check_dates(answers, day, str(profile))
    return answers


def next_with_senco(command: str, profile: Path | None) -> None:
    """One line after the report: what senco can do next for this person (on stderr, so a
    redirected report stays clean)."""
    from senco_cli.text import plain

    if profile is None:
        line = f"Next: senco {command} --save me.toml keeps your answers for next time"
    else:
        name = plain(str(profile))
        other = "plan" if command == "check" else "check"
        line = f"Next: senco {other} --profile {name}" + (
            " shows the dates" if other == "plan" else " shows every step"
        )
        line += f"; senco {command} --save {name} changes an answer"
    sys.stderr.write(line + ".\n")


def ask_for_profile(rules: Rules, day: dt.date, save: Path | None, force: bool) -> Profile:
    """Ask the questions at a terminal; without one, exit 2 naming --profile."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError(
            "no terminal to ask questions on. Run it in a terminal, or give the answers "
            "in a file: senco check --profile FILE.",
            path="stdin",
            code="no_terminal",
        )
    from senco_cli.interview.flow import run_interview

    try:
        return run_interview(rules, day, save=save, force=force, prompts_to_stderr=not sys.stdout.isatty())
    except (KeyboardInterrupt, EOFError):
        sys.stderr.write("senco: interrupted: nothing was saved.\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def main() -> None:
    from senco_cli.entry import main as entry_main

    entry_main()
