"""Placeholder until the interactive questions land."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


def run_interview(rules: Any, day: dt.date, *, save: Path | None, force: bool) -> Any:
    raise NotImplementedError
