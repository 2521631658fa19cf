"""`senco audit`: every person in a roster assessed at once, and the roster template."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import IO, Annotated, Any, NamedTuple

import typer

from senco_cli.commands.options import AsOfOption, NoColorOption, check_format, complete, parse_as_of
from senco_cli.commands.output import emit, output_stream, reporting_errors
from senco_cli.errors import InputError
from senco_cli.schema import option_value

PROGRESS_BYTES = 1_000_000  # show a progress bar for rosters larger than this
PARALLEL_BYTES = 200_000  # about 2,000 rows: below this, starting worker processes costs more than it saves
AUDIT_FORMATS = ("text", "json", "csv", "markdown", "html", "xlsx")


BINARY_FORMATS = ("xlsx",)


ORDERS = ("school", "person")


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
    from senco_cli.rules.cache import bundled_rules

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
    from senco_cli.rules.cache import bundled_rules

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
