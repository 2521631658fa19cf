"""The console script: every way a run can end becomes one message and a known exit code.

Typer's own handling is replaced because it prints "Aborted!" with exit 1 (which scripts
read as "not ready"), a three-line usage error, and tracebacks for a closed or full output.
"""

from __future__ import annotations

import codecs
import gc
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType

EXIT_INVALID = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # what a program stopped by `| head` conventionally exits with

# Marks drawn by the reports, and what a terminal that cannot show them gets instead.
ASCII_MARKS = {
    "✔": "+",
    "✘": "x",
    "◐": "~",
    "–": "-",
    "—": "-",
    "…": "...",
    "£": "GBP ",
    "▲": "^",
    "◆": "*",
    "█": "#",
    "▒": ":",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
}


class Terminated(SystemExit):
    """SIGTERM or SIGHUP: unwinds like an exception, so temporary files are removed."""


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    return "".join(ASCII_MARKS.get(char) or _unaccented(char) for char in text), error.end


def _unaccented(char: str) -> str:
    """Zoë -> Zoe: the letter without its accent where there is one, else "?"."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return plain or "?"


codecs.register_error("senco_ascii", _ascii_fallback)


INTERRUPTED_CODES = frozenset(
    {
        EXIT_INTERRUPTED,
        *(128 + getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)),
    }
)


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(128 + signum)


def prepare_streams() -> bool:
    """Make stdout and stderr safe to write whatever their encoding; False if stdout is closed."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="senco_ascii")
    return sys.stdout is not None


def wanted_json(args: Sequence[str]) -> bool:
    """Whether the command line asks for a format whose errors are written as JSON too."""
    from senco_cli.render.registry import FORMATS

    pairs = zip(args, args[1:], strict=False)
    named = [a.split("=", 1)[1] for a in args if a.startswith("--format=")]
    named += [b for a, b in pairs if a == "--format"]
    return any(FORMATS[f].errors_as_json for f in (n.strip().lower() for n in named) if f in FORMATS)


def command_named(args: Sequence[str]) -> str | None:
    """The command the line names (its first word that is not an option), if any."""
    from senco_cli.app import asked_for
    from senco_cli.render.registry import WRITERS

    first = asked_for(args)
    return first if first in {command for command, _ in WRITERS} else None


def error_line(
    message: str, as_json: bool, code: str = "usage", path: str = "", command: str | None = None
) -> int:
    from senco_cli.text import plain, write_wrapped

    if sys.stderr is not None:
        write_wrapped(sys.stderr, f"senco: error: {plain(message)}")
    if as_json and sys.stdout is not None:
        from senco_cli.render.envelope import of_error

        try:
            of_error(command, [{"code": code, "message": plain(message), "path": path}]).write(sys.stdout)
            sys.stdout.flush()
        except (OSError, ValueError):  # standard output is what failed: the line on stderr says it
            quiet_stdout()
    return EXIT_INVALID


def quiet_stdout() -> None:
    """After a broken pipe: send anything still buffered nowhere, so exit stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(devnull)


def run(args: Sequence[str]) -> int:
    """Run the command line and return the exit code; never raises."""
    if list(args) == ["--version"]:  # the one answer that needs no command line parsed
        from senco_cli.rules.folder import version_text

        sys.stdout.write(version_text())
        return 0
    from typer import Abort, Exit
    from typer.exceptions import TyperException
    from typer.main import get_command

    from senco_cli.app import asked_for, build_app

    as_json, command = wanted_json(args), command_named(args)
    group = get_command(build_app(asked_for(args)))
    try:
        # Typer's own main loop would turn a broken pipe into exit 1: run the command directly.
        with group.make_context("senco", list(args)) as context:
            started()
            group.invoke(context)
        return 0
    except Exit as done:
        return int(done.exit_code)
    except TyperException as usage:  # an unknown option, a bad value, no command
        if type(usage).__name__ == "NoArgsIsHelpError":
            usage.show()  # type: ignore[attr-defined]
            return EXIT_INVALID
        where = getattr(usage, "ctx", None)
        name = f"senco {where.info_name}" if where is not None and where.parent else "senco"
        message = usage.format_message() if hasattr(usage, "format_message") else str(usage)
        sentence = message if message.rstrip().endswith(("?", "!", ".")) else message.rstrip() + "."
        return error_line(f"{sentence} Try '{name} --help'.", as_json, command=command)
    except (KeyboardInterrupt, Abort, EOFError):
        _said("senco: interrupted: nothing was saved.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        quiet_stdout()
        return EXIT_BROKEN_PIPE
    except MemoryError:
        return error_line(
            "out of memory: try a smaller file, or --format csv --output FILE.",
            as_json,
            "memory",
            command=command,
        )
    except OSError as error:
        # Files are written whole or not at all (their errors are InputErrors): what failed is
        # standard output, so the JSON error object cannot go there too.
        reason = error.strerror or str(error)
        quiet_stdout()
        return error_line(f"cannot write the output: {reason}.", False, "unwritable", command=command)


def _said(line: str) -> None:
    """`line` on standard error, if it is still there (a hang-up may have taken the terminal)."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line)
    except (OSError, ValueError):
        pass


def started() -> None:
    """Start-up is over: the command line is read and the command is about to run. If main()
    turned the cycle collector off for start-up, what start-up made (modules, classes, the
    command line's objects) lasts until the exit anyway: the collector leaves it aside from
    now on (gc.freeze) and runs again for the command's own work, a roster of any size."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main() -> None:
    # Start-up makes many objects that last and few that die in cycles: with the collector
    # on, it walks them all again and again, for nothing.
    gc.disable()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    if not prepare_streams():
        error_line("standard output is closed: give --output FILE or redirect it.", False)
        raise SystemExit(EXIT_INVALID)
    try:
        code = run(sys.argv[1:])
    except Terminated as stopped:
        code = int(stopped.code or 1)
        _said(f"senco: stopped by {signal.Signals(code - 128).name}: nothing was saved.\n")
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
        code = EXIT_BROKEN_PIPE
    except OSError as error:
        quiet_stdout()
        code = error_line(f"cannot write the output: {error.strerror or error}.", False, "unwritable")
    if code in INTERRUPTED_CODES:
        # Everything is cleaned up by now (temporary files removed, the cursor back, workers
        # stopped); leave without the exit handlers, which would wait on a pool stopped mid-task.
        if sys.stderr is not None:
            sys.stderr.flush()
        os._exit(code)
    # The interpreter's last collection at exit would walk every object once more, to free
    # memory the process gives back whole: leave them aside, as at start-up's end.
    gc.freeze()
    raise SystemExit(code)
