"""What the commands share on the way out: the renderer for each (command, format), JSON,
the error object and exit 2, and where output goes (standard output or a file written whole)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NoReturn

import typer

from senco_cli.errors import InputError

EXIT_INVALID = 2


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
