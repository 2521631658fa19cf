"""Write a file all at once or not at all, and never replace one unless asked to."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from senco_cli.errors import InputError


def refuse_existing(path: Path, force: bool) -> None:
    if path.is_dir():
        raise InputError("is a folder: give a file name to write to.", file=str(path), code="unwritable")
    if path.exists() and not force:
        raise InputError("already exists: use --force to replace it.", file=str(path), code="exists")


@contextmanager
def atomic_writer(path: Path, *, force: bool) -> Iterator[IO[str]]:
    """A text stream that becomes `path` only when the block ends without an error.

    It is written to a temporary file in the same folder, then renamed; without `force`
    it is linked into place, which fails if the file appeared meanwhile.
    """
    refuse_existing(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot be written: {error.strerror}.", file=str(path), code="unwritable") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise InputError(
            "already exists: use --force to replace it.", file=str(path), code="exists"
        ) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
