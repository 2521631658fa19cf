"""The words of the checklist: data/wording.toml, one entry per decision code, checked when
loaded so that a misspelt placeholder fails there, not in front of a teacher."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from senco_cli.errors import InputError
from senco_cli.records import NamedTuple
from senco_cli.rules.vocab import NOTICE_CODES, SENTENCE_CODES, STEP_CODES
from senco_cli.schema import suggestion

PLACEHOLDER = r"\{(\w+)\}"  # compiled on first use (by re's cache): only when the TOML is read
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
        "route",
        "started",
        "qts_by",
    }
)


# What the engine fills into a notice's text (data/wording.toml [notices.CODE]). Dates are
# given as dates: the text shows them as people write them, the JSON as YYYY-MM-DD.
NOTICE_PLACEHOLDERS = frozenset(
    {
        "years",
        "ordinal",
        "deadline",
        "other_reading",
        "result_by",
        "starts",
        "first",
        "cohort",
        "next_cohort",
        "previous",
        "limit",
        "who",
        "basis",
        "setting",
        "registration_opens",
        "months",
        "providers",
        "funding",
        "setting_lower",
        "answered",
        "ordinal_title",
        "year",
        "question",
        "about",
        "route",
        "low",
        "high",
        "reason",
        "key",
        "label",
        "condition",
        "as_of",
        "columns",
        "count",
        "lines",
        "rows",
    }
)
NOTICE_LEVELS = ("urgent", "check", "info")


def read_sentences(table: Mapping[str, Any], file: str) -> dict[str, str]:
    """The [sentences.CODE] tables: each a text with known placeholders, every code present."""
    sentences = table.get("sentences", {})
    if not isinstance(sentences, dict):
        raise InputError("must hold [sentences.CODE] tables.", path="sentences", file=file, code="bad_rules")
    words: dict[str, str] = {}
    for code, entry in sentences.items():
        if not isinstance(entry, dict) or set(entry) != {"text"}:
            raise InputError(
                "needs a text, and nothing else.", path=f"sentences.{code}", file=file, code="bad_rules"
            )
        _check_placeholders(entry["text"], NOTICE_PLACEHOLDERS, f"sentences.{code}.text", file)
        words[code] = entry["text"]
    _every_code(
        words, SENTENCE_CODES, "sentences", "each sentence senco gives needs its words (a text).", file
    )
    return words


def _every_code(
    words: Mapping[str, Any],
    codes: frozenset[str],
    table: str,
    needs: str,
    file: str,
    unknown: str = "is not a code senco gives.",
) -> None:
    """Every declared code of `table` has its words, and every entry is for a declared code:
    one message naming the first code missing or unknown."""
    for code in sorted(codes - set(words)):
        raise InputError(f"is missing: {needs}", path=f"{table}.{code}", file=file, code="bad_rules")
    for code in words:
        if code not in codes:
            raise InputError(
                f"{unknown}{suggestion(code, sorted(codes))}",
                path=f"{table}.{code}",
                file=file,
                code="bad_rules",
            )


class NoticeWords(NamedTuple):
    """A notice's level (urgent: changes what to do now; check: to verify; info) and words."""

    level: str
    text: str


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


def _check_placeholders(text: Any, known: frozenset[str], path: str, file: str) -> None:
    if not isinstance(text, str):
        raise InputError("must be text.", path=path, file=file, code="bad_rules")
    bare = re.sub(PLACEHOLDER, "", text)
    if "{" in bare or "}" in bare:
        raise InputError("has a broken placeholder: write {name}.", path=path, file=file, code="bad_rules")
    unknown = set(re.findall(PLACEHOLDER, text)) - known
    if unknown:
        raise InputError(
            f"names unknown placeholder(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}.",
            path=path,
            file=file,
            code="bad_rules",
        )


def read_notices(table: Mapping[str, Any], file: str) -> dict[str, NoticeWords]:
    """The [notices.CODE] tables: each a level and a text with known placeholders."""
    notices = table.get("notices", {})
    if not isinstance(notices, dict):
        raise InputError("must hold [notices.CODE] tables.", path="notices", file=file, code="bad_rules")
    words: dict[str, NoticeWords] = {}
    for code, entry in notices.items():
        if not isinstance(entry, dict) or set(entry) != {"level", "text"}:
            raise InputError(
                "needs a level and a text, and nothing else.",
                path=f"notices.{code}",
                file=file,
                code="bad_rules",
            )
        if entry["level"] not in NOTICE_LEVELS:
            raise InputError(
                f"must be one of {', '.join(NOTICE_LEVELS)}.",
                path=f"notices.{code}.level",
                file=file,
                code="bad_rules",
            )
        _check_placeholders(entry["text"], NOTICE_PLACEHOLDERS, f"notices.{code}.text", file)
        words[code] = NoticeWords(entry["level"], entry["text"])
    _every_code(
        words, NOTICE_CODES, "notices", "each notice senco gives needs its words (a level and a text).", file
    )
    return words


def read_wording(table: Mapping[str, Any], file: str) -> dict[str, StepWords]:
    steps = table.get("steps")
    if not isinstance(steps, dict) or not set(table) <= {"steps", "third_person", "notices", "sentences"}:
        raise InputError(
            "must hold only [steps.CODE], [notices.CODE] and [sentences.CODE] tables and [third_person].",
            file=file,
            code="bad_rules",
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
            _check_placeholders(entry[key], PLACEHOLDERS, f"steps.{code}.{key}", file)
        words[code] = StepWords(entry["title"], entry["detail"])
    needs = "each decision code needs its words (a title and a detail)."
    _every_code(words, STEP_CODES, "steps", needs, file, unknown="is not a decision code senco makes.")
    return words
