"""Where the rules are, and their reviewed date read without loading them (for --version)."""

from __future__ import annotations

import os
import re
from pathlib import Path

DATA_DIR_VARIABLE = "SENCO_DATA_DIR"
RULE_FILES = ("sources", "settings", "law", "npq", "routes", "costs", "wording", "columns", "answers")
_REVIEWED = re.compile(r"^reviewed\s*=\s*(\d{4}-\d{2}-\d{2})\s*(?:#.*)?$")


def data_dir() -> Path:
    """The rules folder: $SENCO_DATA_DIR if set (to try edited rules), else inside the
    installed package, or beside it in a checkout."""
    chosen = os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    packaged = Path(__file__).resolve().parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "data"


def reviewed_date(directory: Path | None = None) -> str | None:
    """The `reviewed = YYYY-MM-DD` line of sources.toml, read as text (no TOML parser, no
    validation: the rules are checked in full when a command loads them); None if absent."""
    try:
        with (directory or data_dir()).joinpath("sources.toml").open(encoding="utf-8") as lines:
            for line in lines:
                found = _REVIEWED.match(line.strip())
                if found:
                    return found.group(1)
                if line.startswith("["):  # past the top-level keys
                    return None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def version_text() -> str:
    """What --version prints: senco's version, and when the rules were last reviewed."""
    from senco_cli import __version__

    reviewed = reviewed_date() or "unknown (sources.toml has no reviewed date)"
    return f"senco {__version__}\nrules reviewed {reviewed}\n"
