"""`senco audit`: every person in a roster assessed at once, and the roster template."""

import datetime as dt
import sys
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from senco_cli.commands.options import (
    AsOfOption,
    CohortOption,
    ForceOption,
    NoColorOption,
    OutputOption,
    parse_as_of,
)
from senco_cli.commands.output import chosen_format, output_stream, reporting_errors, say_written
from senco_cli.errors import InputError
from senco_cli.records import NamedTuple
from senco_cli.render.registry import format_help, formats
from senco_cli.schema import option_value

PROGRESS_BYTES = 1_000_000  # show a progress bar for rosters larger than this
TEMPLATE = "audit --template"  # the roster template's own formats in the table of formats

ORDERS = ("school", "person")


def audit(
    roster: Annotated[
        Path | None,
        typer.Argument(
            help="A CSV file or workbook (.xlsx, .xls, .ods; - for CSV on standard input): one person per row.",
        ),
    ] = None,
    as_of: AsOfOption = None,
    output_format: Annotated[str, typer.Option("--format", help=format_help("audit"))] = "text",
    output: OutputOption = None,
    force: ForceOption = False,
    template: Annotated[
        bool,
        typer.Option(
            "--template", help="Print a header row and an example row (--format xlsx: a workbook) to fill in."
        ),
    ] = False,
    cohort: CohortOption = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="The workbook's sheet to read (default: the first visible one)."),
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
    schools: Annotated[
        Path | None,
        typer.Option(
            "--schools",
            help="The trust's or authority's schools as GIAS downloads them (CSV or xlsx): every open "
            "school appears, with or without people in the roster.",
        ),
    ] = None,
    no_color: NoColorOption = False,
) -> None:
    """Assess every SENCO in a roster spreadsheet at once, most urgent first."""
    with reporting_errors(output_format, "audit"):
        output_format = chosen_format("audit", output_format, output)
        by = option_value(by, ORDERS, "--by", "order") or by
        if template:
            if output_format not in formats(TEMPLATE):
                raise InputError(
                    "--template writes CSV (the default) or, with --format xlsx, a workbook.",
                    path="--format",
                    code="bad_option",
                )
            write_template(output_format, output, force)
            say_written(output, output_format, "a header row and an example row to start from")
            return
        if roster is None:
            raise InputError(
                "give a roster (CSV or workbook); senco audit --template prints a header row to start from.",
                path="ROSTER",
                code="bad_option",
            )
        day = parse_as_of(as_of)
        options = AuditOptions(cohort, sheet, ignore_unknown, by, schools)
        with output_stream(output, force, (roster, schools), output_format) as stream:
            result = run_audit(
                roster,
                day,
                output_format,
                stream,
                no_color or output is not None,
                options,
                output is not None,
                output,
            )
    if output is not None:
        from senco_cli.text import plural

        say_written(output, output_format, plural(len(result.rows), "person"))
    raise typer.Exit(result.exit_code)


def write_template(output_format: str, output: Path | None, force: bool) -> None:
    """A roster to fill in: CSV on standard output or to --output, or a workbook."""
    from senco_cli.render.registry import write_template as write
    from senco_cli.rules.cache import bundled_rules

    rules = bundled_rules()
    with output_stream(output, force, (), output_format) as stream:
        write(TEMPLATE, output_format, rules, stream)


class AuditOptions(NamedTuple):
    cohort: str | None = None
    sheet: str | None = None
    ignore_unknown: bool = False
    by: str = "school"
    schools: Path | None = None  # the list of schools (--schools)


DEFAULT_AUDIT = AuditOptions()


def run_audit(
    roster: Path,
    day: dt.date,
    output_format: str,
    stream: IO[Any],
    no_color: bool,
    options: AuditOptions = DEFAULT_AUDIT,
    to_file: bool = False,
    output: Path | None = None,
) -> Any:
    """The audit of a roster written to `stream`. A workbook (written to `output`) keeps its
    temporary files in a folder beside it, removed whatever ends the run."""
    from contextlib import ExitStack

    from senco_cli.atomic import scratch_folder
    from senco_cli.render.registry import FORMATS

    with ExitStack() as stack:
        scratch = None
        if output is not None and FORMATS[output_format].binary:
            scratch = stack.enter_context(scratch_folder(output))
        return _run_audit(roster, day, output_format, stream, no_color, options, to_file, scratch)


def _run_audit(
    roster: Path,
    day: dt.date,
    output_format: str,
    stream: IO[Any],
    no_color: bool,
    options: AuditOptions,
    to_file: bool,
    scratch: Path | None,
) -> Any:
    from senco_cli.audit.parallel import assess_rows, choose_workers
    from senco_cli.audit.rows import audit
    from senco_cli.render.registry import row_writer
    from senco_cli.roster.sheet import open_sheet
    from senco_cli.rules.cache import bundled_rules
    from senco_cli.text import mask_numbers, plain

    rules = bundled_rules()
    cohort = option_value(options.cohort, [c.id for c in rules.cohorts], "--cohort", "cohort")
    listed: tuple[Any, ...] = ()
    if options.schools is not None:
        from senco_cli.audit.school_list import read_school_list

        listed = read_school_list(
            options.schools,
            rules,
            day,
            rules.header_names(),
            rules.concepts,
            ignore_unknown=options.ignore_unknown,
        )
    opening = open_sheet(
        roster,
        rules.vocabulary(),
        day,
        cohort,
        rules.header_names(),
        sheet_name=options.sheet,
        ignore_unknown=options.ignore_unknown,
        concepts=rules.concepts,
    )
    with opening as (sheet, sheet_rows, size, warnings, text):
        from senco_cli.text import write_wrapped

        explained = sheet.header.explained() if sheet.header is not None else None
        if explained:
            write_wrapped(sys.stderr, f"senco: {mask_numbers(plain(explained))}")
        for warning in warnings:
            write_wrapped(sys.stderr, f"senco: warning: {mask_numbers(plain(warning))}")
        rows: Any = sheet_rows
        if sys.stderr.isatty() and size > PROGRESS_BYTES and text is not None:
            from senco_cli.render.terminal.check import with_progress

            rows = with_progress(rows, text, size)
        # One person on several rows (a row per post, or entered twice) is read as one.
        from senco_cli.roster.people import OnePerPerson

        rows = OnePerPerson(rows, sheet.columns)
        workers = choose_workers(size)
        writer = row_writer("audit", output_format, stream, sheet, to_file, no_color, scratch)
        assessed = assess_rows(rows, sheet, rules, cells=writer.cells, workers=workers)
        result = audit(
            writer.rows(assessed),
            rules,
            day,
            warnings,
            sheet_rows.data_lines,
            options.by,
            listed,
            tuple(sheet.columns),
        )
    if not result.rows:
        raise InputError("has a header row but no people under it.", file=str(roster), code="empty")
    writer.finish(result)
    return result
