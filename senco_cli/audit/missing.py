"""What a can't-tell row lacks: the unanswered questions behind the steps that say "check"
(those that matter given the person's other answers); and the columns a roster would need
to judge more of its rows, counted once for the whole roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from senco_cli.profile.model import KEY_PATHS, Profile

# Each step of the report and the answers that settle it when it says "check".
STEP_ANSWERS = {
    "senco_role": ("setting", "in_england", "senco", "senco_since"),
    "qualified_teacher": ("qts", "qualified_in", "qtls", "set_member"),
    "induction": ("induction",),
    "teaching_post": ("teaches_at_school", "head_teacher"),
    "senco_qualification": (
        "senco_since", "previous_senco_months", "npq", "npq_started", "nasenco", "nasenco_started",
        "nasenco_awarded",
    ),
}  # fmt: skip


# When each question matters given the other answers (as the interview asks it); the others always do.
ASKED: dict[str, Callable[[Profile], bool]] = {
    "qualified_in": lambda p: p.qts is False,
    "qtls": lambda p: p.qts is False,
    "set_member": lambda p: p.qts is False and bool(p.qtls),
    "head_teacher": lambda p: p.teaches_at_school is not True,
    "senco_since": lambda p: p.senco in (None, "yes"),
    "previous_senco_months": lambda p: p.senco == "yes",
    "npq": lambda p: p.nasenco != "passed",
    "npq_started": lambda p: p.npq in ("studying", "awaiting_result"),
    "nasenco": lambda p: p.npq != "passed",
    "nasenco_started": lambda p: p.nasenco in ("studying", "passed") and p.nasenco_awarded is None,
    "nasenco_awarded": lambda p: p.nasenco == "passed",
}


def _asked(key: str, p: Profile) -> bool:
    """Whether the question matters given the other answers (as the interview asks it)."""
    condition = ASKED.get(key)
    return condition is None or condition(p)


def lacking(profile: Profile, steps: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The columns (dotted keys) of the unanswered questions behind the steps (id, status)
    that say "check": what a can't-tell row needs, in the report's order."""
    keys = [
        key
        for step, status in steps
        if status == "check"
        for key in STEP_ANSWERS.get(step, ())
        if getattr(profile, key) is None and _asked(key, profile)
    ]
    return tuple(KEY_PATHS[key] for key in dict.fromkeys(keys))


def missing_columns(
    lacks: Counter[str], present: Iterable[str | None], names: Mapping[str, tuple[str, ...]]
) -> list[tuple[str, int]]:
    """Each column the roster does not have, by its usual header, and how many rows it
    would let senco judge (`lacks`: how many rows lack each column's answer); the most
    useful first."""
    have = set(present)
    counts = Counter({column: count for column, count in lacks.items() if column not in have})
    return [(usual_header(column, names), count) for column, count in counts.most_common()]


def usual_header(column: str, names: Mapping[str, tuple[str, ...]]) -> str:
    """A column's usual header: the first alias in data/columns.toml, else its key."""
    found = names.get(column, (column,))
    return next((n for n in found if n != column and n != column.split(".")[-1]), column)
