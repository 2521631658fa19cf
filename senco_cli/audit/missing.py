"""What a can't-tell row lacks: the questions that apply to the person (as the interview
would ask them, given their other answers) and were left unanswered; and the columns a
roster would need to judge more of its rows, counted once for the whole roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from senco_cli.profile.model import KEY_PATHS, Profile
from senco_cli.rules.model import Rules

# The answers regulation 49's steps are judged on (funding and routes to QTS aside).
JUDGED = (
    "setting", "in_england", "part_of_school", "senco", "senco_since", "previous_senco_months",
    "head_teacher", "teaches_at_school", "qts", "qualified_in", "qtls", "set_member", "induction",
    "npq", "npq_started", "nasenco", "nasenco_started", "nasenco_awarded",
)  # fmt: skip
_asked: dict[int, Any] = {}


def lacking(profile: Profile, rules: Rules) -> tuple[str, ...]:
    """The columns (dotted keys) of the questions that apply to this person and have no
    answer, in the interview's order: what a can't-tell row needs."""
    from senco_cli.interview.questions import questions

    asked = _asked.setdefault(id(rules), questions(rules))
    answers = profile.answers()
    return tuple(
        KEY_PATHS[q.key] for q in asked if q.key in JUDGED and q.key not in answers and q.when(answers)
    )


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
