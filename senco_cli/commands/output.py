"""What the commands share on the way out: the --format chosen (from the table of formats in
render/registry.py), bad input as exit 2 with the error envelope, and where output goes
(standard output or a file written whole)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NoReturn

import typer

from senco_cli.errors import InputError
from senco_cli.schema import option_value

EXIT_INVALID = 2


def fail(error: InputError, output_format: str, command: str | None = None) -> NoReturn:
    """Exit 2 with one message on stderr (and the contract's error object where the format
    asks for it)."""
    from senco_cli.render.registry import FORMATS
    from senco_cli.text import write_wrapped

    write_wrapped(sys.stderr, f"senco: error: {error}")
    chosen = FORMATS.get(output_format.strip().lower())
    if chosen is not None and chosen.errors_as_json:
        from senco_cli.render.envelope import of_error

        of_error(command, [error.as_json()]).write(sys.stdout)
    raise typer.Exit(EXIT_INVALID)


@contextmanager
def reporting_errors(output_format: str, command: str | None = None) -> Iterator[None]:
    """Turn bad input into exit 2; errors go out as JSON too when JSON was asked for."""
    try:
        yield
    except InputError as error:
        fail(error, output_format, command)


def chosen_format(command: str, value: str, output: Path | None) -> str:
    """The --format value, one the command writes (ignoring case); a format that is not text
    needs --output."""
    from senco_cli.render.registry import FORMATS, formats

    chosen = option_value(value, formats(command), "--format", "format") or value
    if FORMATS[chosen].binary and output is None:
        raise InputError(
            f"--format {chosen} writes a file that is not text: give --output FILE.{chosen}.",
            path="--output",
            code="bad_option",
        )
    return chosen


def emit(
    result: Any, output_format: str, no_color: bool, stream: IO[str] | None = None, full_sources: bool = False
) -> None:
    """Write a check, costs, plan or audit result in the chosen format (to stdout by default)."""
    from senco_cli.render.registry import write

    write(result, output_format, stream or sys.stdout, no_color=no_color, full_sources=full_sources)


@contextmanager
def output_stream(
    output: Path | None, force: bool, inputs: tuple[Path | None, ...] = (), output_format: str = "text"
) -> Iterator[IO[Any]]:
    """Standard output, or a file written atomically that never replaces one without --force,
    and never the input being read; a byte stream for a format that is not text."""
    from senco_cli.render.registry import FORMATS

    if output is None:
        yield sys.stdout
        return
    from senco_cli.atomic import atomic_writer

    binary = FORMATS[output_format].binary
    with atomic_writer(
        output, force=force, inputs=[p for p in inputs if p is not None], binary=binary
    ) as stream:
        yield stream


def say_written(output: Path | None, output_format: str, detail: str | None = None) -> None:
    """After --output: one line on stderr, at a terminal only, saying what was written where
    and how to open it ("Wrote senco.ics: 4 events; import it into your calendar.")."""
    if output is None or not sys.stderr.isatty():
        return
    from senco_cli.render.registry import FORMATS
    from senco_cli.text import plain, plural, write_wrapped

    chosen = FORMATS[output_format]
    marker, noun = chosen.counts
    if detail is None and marker:
        detail = plural(output.read_text(encoding="utf-8").count(marker), noun)
    said = "; ".join(part for part in (detail, chosen.open_with) if part)
    write_wrapped(sys.stderr, f"Wrote {plain(str(output))}: {said}.")
