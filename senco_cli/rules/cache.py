"""A cache of the bundled rules once read and checked, so that a command need not parse the
TOML files again on every run.

The cache file sits in the user's cache folder ($XDG_CACHE_HOME/senco, else ~/.cache/senco)
and is named by checksums of everything the rules are built from: each rules file's bytes, the
source of the code that reads them, senco's version and Python's. An edit to any of them
gives another name, so a stale file is never read. The file is written whole or not at all
(a temporary file renamed into place); one that cannot be read as rules is ignored and
replaced. Rules from $SENCO_DATA_DIR are never cached: they are being edited.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from senco_cli.rules.folder import DATA_DIR_VARIABLE, RULE_FILES, data_dir
from senco_cli.rules.model import Rules

PREFIX = "rules-"
SUFFIX = ".pickle"
# The code that decides what the rules become once read (paths inside the package).
BUILDERS = (
    "rules/load.py",
    "rules/model.py",
    "rules/wording.py",
    "rules/answers.py",
    "rules/vocab.py",
    "rules/declared.py",
    "profile/model.py",
    "schema.py",
    "dates.py",
    "records.py",
)
PACKAGE = Path(__file__).resolve().parent.parent


def bundled_rules() -> Rules:
    """The rules the commands use, read once per process. The bundled rules come from the
    user's cache once read; rules from $SENCO_DATA_DIR are read and checked every time."""
    return _rules_in(data_dir(), not os.environ.get(DATA_DIR_VARIABLE))


@cache
def _rules_in(directory: Path, bundled: bool) -> Rules:
    if bundled:
        return cached_rules(directory, RULE_FILES, _load, cache_dir())
    return _load(directory)


def _load(directory: Path) -> Rules:
    from senco_cli.rules.load import load_rules  # the TOML reader and checks: only when needed

    return load_rules(directory)


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/senco, or ~/.cache/senco."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "senco"


def content_key(directory: Path, files: Iterable[str]) -> str | None:
    """A hash of the rules files' bytes and the code that builds them; None if a file
    cannot be read (then the loader reports it)."""
    from senco_cli import __version__

    parts = [f"{__version__} {sys.version} {pickle.HIGHEST_PROTOCOL}".encode()]
    try:
        parts += [name.encode() + b"\0" + (directory / f"{name}.toml").read_bytes() for name in files]
        parts += [(PACKAGE / code).read_bytes() for code in BUILDERS]
    except OSError:
        return None
    content = b"\0".join(parts)
    # Two independent checksums (64 bits) and the length: zlib is loaded already, hashlib
    # would cost more than reading the cache saves.
    return f"{zlib.crc32(content):08x}{zlib.adler32(content):08x}{len(content):x}"


def cached_rules(directory: Path, files: Iterable[str], load: Callable[[Path], Rules], folder: Path) -> Rules:
    """The rules in `directory`, from the cache in `folder` when it holds them, else loaded
    (which raises InputError for a faulty rules file) and stored for the next run."""
    key = content_key(directory, files)
    if key is None:
        return load(directory)
    path = folder / f"{PREFIX}{key}{SUFFIX}"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, Rules):
            return found
    except Exception:  # missing, damaged, or written by other code: read the rules instead
        pass
    rules = load(directory)
    _store(rules, path)
    return rules


def _store(rules: Rules, path: Path) -> None:
    """Write the file whole or not at all; a cache that cannot be written is no error."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as handle:
            pickle.dump(rules, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob(f"{PREFIX}*{SUFFIX}"):  # earlier versions' files
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
    finally:
        _remove(temporary)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
