"""Opening what a command reads: a regular file, or `-` for standard input, never a pipe
or device by name (a FIFO with no writer would wait for ever)."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from senco_cli.errors import InputError

STDIN = "-"


def is_stdin(path: Path) -> bool:
    return str(path) == STDIN


def require_regular_file(path: Path, kind: str) -> int:
    """The size of `path`, or an InputError unless it is a regular file (checked without
    opening it, so a pipe with no writer is never waited on)."""
    file = str(path)
    try:
        found = path.stat()
    except FileNotFoundError:
        raise InputError("no such file.", file=file, code="unreadable") from None
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}.", file=file, code="unreadable") from None
    if stat.S_ISDIR(found.st_mode):
        raise InputError(f"is a folder, not a {kind}.", file=file, code="unreadable")
    if not stat.S_ISREG(found.st_mode):
        raise InputError(
            f"is not a regular file (a pipe or a device): give a {kind}, or - to read standard input.",
            file=file,
            code="unreadable",
        )
    return found.st_size


def read_bytes(path: Path, limit: int | None = None, kind: str = "file") -> bytes:
    """The whole input (at most `limit` + 1 bytes); every failure an InputError naming it."""
    file = str(path)
    if is_stdin(path):
        if sys.stdin is None:
            raise InputError("standard input is closed.", file=file, code="unreadable")
        return sys.stdin.buffer.read(-1 if limit is None else limit + 1)
    require_regular_file(path, kind)
    try:
        with path.open("rb") as handle:
            return handle.read(-1 if limit is None else limit + 1)
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}.", file=file, code="unreadable") from None
