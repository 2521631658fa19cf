"""The one table from (command, format) to its writer, for all seven formats. The commands'
--format choices and help text, which formats need --output, and how each result is written
all come from here; the writers' modules are imported only when one is used."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from senco_cli.records import NamedTuple


class Format(NamedTuple):
    name: str
    binary: bool = False  # a file that is not text (a workbook): needs --output
    for_terminal: bool = False  # the view for a person at a terminal (then senco says what next)
    errors_as_json: bool = False  # an error is written as the JSON error object too
    open_with: str = ""  # how to open a file written with --output, said after writing it
    counts: tuple[str, str] = ("", "")  # a line that starts each item in the file, and its noun


FORMATS = {
    f.name: f
    for f in (
        Format("text", for_terminal=True, open_with="plain text"),
        Format("json", errors_as_json=True, open_with="for scripts"),
        Format("csv", open_with="open it in a spreadsheet"),
        Format("markdown", open_with="paste it into an email or a document"),
        Format("html", open_with="open it in a browser, or print it"),
        Format("xlsx", binary=True, open_with="open it in Excel, LibreOffice Calc or Google Sheets"),
        Format("ics", open_with="import it into your calendar", counts=("BEGIN:VEVENT", "event")),
    )
}


class Writer(NamedTuple):
    """How one (command, format) is written. draws says what the function is:
    "console": function(result, console) draws with Rich;
    "page": function(result) -> str, the whole document;
    "json": the result's envelope;
    "rows": a class (stream, sheet, to_file) with .cells, .rows(assessed) and .finish(result)
      that writes an audit as its rows are assessed;
    "template": function(rules, stream) writes the roster template."""

    module: str
    function: str
    draws: str


JSON = Writer("senco_cli.render.envelope", "of_result", "json")
TERMINAL = "senco_cli.render.terminal"
MARKDOWN = "senco_cli.render.markdown"
HTML = "senco_cli.render.html"

WRITERS: dict[tuple[str, str], Writer] = {
    ("check", "text"): Writer(f"{TERMINAL}.check", "render_check", "console"),
    ("check", "json"): JSON,
    ("check", "markdown"): Writer(MARKDOWN, "render_check_markdown", "page"),
    ("check", "html"): Writer(HTML, "render_check_html", "page"),
    ("plan", "text"): Writer(f"{TERMINAL}.plan", "render_plan", "console"),
    ("plan", "json"): JSON,
    ("plan", "markdown"): Writer(MARKDOWN, "render_plan_markdown", "page"),
    ("plan", "html"): Writer(HTML, "render_plan_html", "page"),
    ("plan", "ics"): Writer("senco_cli.render.ics", "plan_calendar", "page"),
    ("costs", "text"): Writer(f"{TERMINAL}.costs", "render_costs", "console"),
    ("costs", "json"): JSON,
    ("costs", "markdown"): Writer(MARKDOWN, "render_costs_markdown", "page"),
    ("costs", "html"): Writer(HTML, "render_costs_html", "page"),
    ("audit", "text"): Writer(f"{TERMINAL}.audit", "render_audit", "console"),
    ("audit", "json"): JSON,
    ("audit", "csv"): Writer("senco_cli.render.csv", "AuditCsv", "rows"),
    ("audit", "markdown"): Writer(MARKDOWN, "render_audit_markdown", "page"),
    ("audit", "html"): Writer(HTML, "render_audit_html", "page"),
    ("audit", "xlsx"): Writer("senco_cli.render.xlsx", "AuditWorkbook", "rows"),
    # `senco audit --template`: CSV by default (text), or a workbook.
    ("audit --template", "text"): Writer("senco_cli.render.csv", "write_template", "template"),
    ("audit --template", "csv"): Writer("senco_cli.render.csv", "write_template", "template"),
    ("audit --template", "xlsx"): Writer("senco_cli.render.xlsx", "write_template_workbook", "template"),
}


def formats(command: str) -> tuple[str, ...]:
    """The formats a command writes, in the order --help lists them."""
    return tuple(name for name in FORMATS if (command, name) in WRITERS)


def format_help(command: str) -> str:
    """The --format help: "text, json, markdown or html." (and which need --output)."""
    names = formats(command)
    text = ", ".join(names[:-1]) + f" or {names[-1]}"
    binary = [name for name in names if FORMATS[name].binary]
    needs = f" ({' and '.join(binary)} {'needs' if len(binary) == 1 else 'need'} --output)" if binary else ""
    return f"{text}{needs}."


def _function(command: str, output_format: str) -> tuple[Writer, Any]:
    writer = WRITERS[(command, output_format)]
    return writer, getattr(importlib.import_module(writer.module), writer.function)


def write(
    result: Any,
    output_format: str,
    stream: IO[Any],
    *,
    no_color: bool = False,
    full_sources: bool = False,
) -> None:
    """Write a check, plan, costs or audit result in a format."""
    writer, function = _function(result.command, output_format)
    if writer.draws == "json":
        function(result).write(stream)
    elif writer.draws == "page":
        from senco_cli.atomic import write_text

        write_text(stream, function(result))
    elif writer.draws == "console":
        from senco_cli.render.terminal.check import make_console

        function(result, make_console(no_color, stream, full_sources))
    else:
        raise ValueError(f"{writer} does not write a finished result")


def write_template(command: str, output_format: str, rules: Any, stream: IO[Any]) -> None:
    _, function = _function(command, output_format)
    function(rules, stream)


class _Whole:
    """A writer that waits for the finished result (all formats but those that write rows)."""

    cells = ""

    def __init__(self, output_format: str, stream: IO[Any], no_color: bool) -> None:
        self.output_format, self.stream, self.no_color = output_format, stream, no_color

    def rows(self, assessed: Iterable[Any]) -> Iterator[Any]:
        return iter(assessed)

    def finish(self, result: Any) -> None:
        write(result, self.output_format, self.stream, no_color=self.no_color)


def row_writer(
    command: str,
    output_format: str,
    stream: IO[Any],
    sheet: Any,
    to_file: bool,
    no_color: bool,
    scratch: Path | None = None,
) -> Any:
    """What an audit writes through: .cells (what each assessed row keeps), .rows(assessed)
    (passes the rows on, writing them on the way where the format does) and .finish(result).
    A format that is not text gets `scratch`, a folder for its temporary files."""
    if WRITERS[(command, output_format)].draws == "rows":
        _, function = _function(command, output_format)
        if FORMATS[output_format].binary:
            return function(stream, sheet, to_file, scratch=scratch)
        return function(stream, sheet, to_file)
    return _Whole(output_format, stream, no_color)
