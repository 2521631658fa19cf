"""The words of the checklist: data/wording.toml, one entry per decision code, checked when
loaded so that a misspelt placeholder fails there, not in front of a teacher."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from senco_cli.errors import InputError

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# What the engine fills in (see data/wording.toml).
PLACEHOLDERS = frozenset(
    {
        "years",
        "ordinal",
        "induction_years",
        "body",
        "nation",
        "completed",
        "completed_title",
        "reason",
        "answer",
        "extra",
        "started_before",
        "completed_before",
        "npq_from",
    }
)


class StepWords(NamedTuple):
    title: str
    detail: str

    def fill(self, values: Mapping[str, Any]) -> tuple[str, str]:
        return self.title.format_map(values), self.detail.format_map(values)


class ThirdPerson(NamedTuple):
    """How a step's title reads about someone else (`senco audit`): the first of `starts`
    that begins it is replaced, then each whole word of `words`."""

    starts: tuple[tuple[str, str], ...] = ()
    words: tuple[tuple[str, str], ...] = ()

    def __call__(self, title: str) -> str:
        for start, replacement in self.starts:
            if title.startswith(start):
                title = replacement + title[len(start) :]
                break
        for word, replacement in self.words:
            title = re.sub(rf"\b{re.escape(word)}\b", replacement, title)
        return title


def read_third_person(table: Any, file: str) -> ThirdPerson:
    pairs: dict[str, tuple[tuple[str, str], ...]] = {}
    for key in ("starts", "words"):
        entries = table.get(key) if isinstance(table, dict) else None
        if not isinstance(entries, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
            for pair in entries
        ):
            raise InputError(
                'must be a list of ["from", "to"] pairs.',
                path=f"third_person.{key}",
                file=file,
                code="bad_rules",
            )
        pairs[key] = tuple((pair[0], pair[1]) for pair in entries)
    return ThirdPerson(pairs["starts"], pairs["words"])


def read_wording(table: Mapping[str, Any], file: str) -> dict[str, StepWords]:
    steps = table.get("steps")
    if not isinstance(steps, dict) or not set(table) <= {"steps", "third_person"}:
        raise InputError(
            "must hold only [steps.CODE] tables and [third_person].", file=file, code="bad_rules"
        )
    words: dict[str, StepWords] = {}
    for code, entry in steps.items():
        if not isinstance(entry, dict) or set(entry) != {"title", "detail"}:
            raise InputError(
                "needs a title and a detail, and nothing else.",
                path=f"steps.{code}",
                file=file,
                code="bad_rules",
            )
        for key in ("title", "detail"):
            text = entry[key]
            if not isinstance(text, str):
                raise InputError("must be text.", path=f"steps.{code}.{key}", file=file, code="bad_rules")
            bare = PLACEHOLDER.sub("", text)
            if "{" in bare or "}" in bare:
                raise InputError(
                    "has a broken placeholder: write {name}.",
                    path=f"steps.{code}.{key}",
                    file=file,
                    code="bad_rules",
                )
            names = set(PLACEHOLDER.findall(text))
            unknown = names - PLACEHOLDERS
            if unknown:
                raise InputError(
                    f"names unknown placeholder(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(PLACEHOLDERS))}.",
                    path=f"steps.{code}.{key}",
                    file=file,
                    code="bad_rules",
                )
        words[code] = StepWords(entry["title"], entry["detail"])
    return words
