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


def read_wording(table: Mapping[str, Any], file: str) -> dict[str, StepWords]:
    steps = table.get("steps")
    if not isinstance(steps, dict) or set(table) != {"steps"}:
        raise InputError("must hold only [steps.CODE] tables.", file=file, code="bad_rules")
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
