"""Write a file all at once or not at all, and never replace one unless asked to.

Only a regular file (or nothing) may be replaced, never the file a command is reading, and
the temporary file is removed whatever ends the run: an error, Ctrl-C, SIGTERM or SIGHUP
(the console script turns those signals into an exception that unwinds through here).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from senco_cli.errors import InputError

WRITE_CHARS = 4096  # text written a piece at a time


def write_text(stream: IO[str], text: str) -> None:
    """Write `text` in pieces. One large write to a pipe or a full disk can stop part way
    without an error (CPython gh-85393), leaving a report cut short; small writes go through
    the stream's buffer, which writes all of each or raises (a full disk, a closed pipe)."""
    for start in range(0, len(text), WRITE_CHARS):
        stream.write(text[start : start + WRITE_CHARS])


def _fail(path: Path, message: str, code: str = "unwritable") -> InputError:
    return InputError(message, file=str(path), code=code)


def refuse_existing(path: Path, force: bool, inputs: Sequence[Path] = ()) -> None:
    """Raise unless `path` is free, or a regular file that --force may replace."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise _fail(path, f"cannot be written: {error.strerror}.") from None
    if stat.S_ISDIR(found.st_mode):
        raise _fail(path, "is a folder: give a file name to write to.")
    if not stat.S_ISREG(found.st_mode):
        raise _fail(path, "is not a regular file (a device or a pipe, say): it is never replaced.")
    for source in inputs:
        try:
            if os.path.samefile(source, path):
                raise _fail(path, f"is the input ({source}): write the output to another file.")
        except OSError:
            continue
    if not force:
        raise _fail(path, "already exists: use --force to replace it.", "exists")


@contextmanager
def scratch_folder(output: Path) -> Iterator[Path]:
    """A folder for a writer's own temporary files (XlsxWriter's), beside `output` rather
    than in the system's temporary folder: readable by the owner only (0700, its files
    0600), and removed with all it holds whatever ends the run."""
    import shutil
    import tempfile

    folder = output.parent if str(output.parent) else Path(".")
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".senco-", suffix=".tmp", dir=folder))
    except OSError as error:
        raise _fail(output, f"cannot be written: {error.strerror}.") from None
    try:
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def atomic_writer(
    path: Path, *, force: bool, inputs: Sequence[Path] = (), binary: bool = False
) -> Iterator[IO[Any]]:
    """A UTF-8 text stream (or with `binary`, a byte stream) that becomes `path` only when
    the block ends without an error.

    It is written to a temporary file (mode 0600) in the same folder, then renamed; without
    `force` it is linked into place, which fails if the file appeared meanwhile.
    """
    import tempfile  # only when a file is written: standard output needs none

    refuse_existing(path, force, inputs)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        # A short name of its own, so that a 250-byte file name still leaves room.
        handle, temporary = tempfile.mkstemp(prefix=".senco-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _fail(path, f"cannot be written: {error.strerror}.") from None
    try:
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        refuse_existing(path, True, inputs)  # nothing special appeared at the path meanwhile
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise _fail(path, "already exists: use --force to replace it.", "exists") from None
    except OSError as error:
        raise _fail(path, f"cannot be written: {error.strerror or error}. Nothing was changed.") from None
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
