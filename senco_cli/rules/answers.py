"""The words each choice takes (data/answers.toml), declared once: the interview's titles,
the template's drop-down values and the words a roster may use, each read back as the
answer it stands for. A word that could mean two answers reads the cautious way, with a
note the audit shows on the row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from senco_cli.errors import InputError
from senco_cli.profile.model import SECTIONS, header_key
from senco_cli.records import NamedTuple
from senco_cli.schema import Field, validate

ANSWER_SCHEMA = {
    "title": Field("str", required=True),
    "sheet": Field("str"),
    "help": Field("str", required=True),
    "also": Field("str_list"),
}
UNCLEAR_SCHEMA = {
    "column": Field("str", required=True),
    "word": Field("str", required=True),
    "reads_as": Field("str", required=True),
    "note": Field("str", required=True),
}
ANSWERS_FILE = {
    "yes_no": Field("table", required=True, schema={"yes": Field("str_list"), "no": Field("str_list")}),
    "choices": Field("map", required=True),
    "unclear": Field("table_list", schema=UNCLEAR_SCHEMA),
    "not_applicable": Field(
        "table", schema={"words": Field("str_list"), "note": Field("str", required=True)}
    ),
}
YES_NO = "yes_no"  # the words of every yes/no column, in Words
# Words that answer nothing ("N/A"), in Words: read so in a column with no reading of its own
NOT_APPLICABLE = "not_applicable"


class Answer(NamedTuple):
    """One answer to a choice question: its value in the profile, its title in the
    interview, the word the template's drop-down offers, its help line and other words."""

    value: str
    title: str
    sheet: str
    help: str
    also: tuple[str, ...]


# column -> the word, normalised by header_key -> (the value it reads as, a note when the
# word could mean more than one answer). A value of None leaves the answer out.
Words = Mapping[str, Mapping[str, tuple[Any, str | None]]]


class AnswerWords(NamedTuple):
    choices: Mapping[str, tuple[Answer, ...]]  # column -> its answers, in the profile's order
    yes: tuple[str, ...]
    no: tuple[str, ...]
    words: Words

    def sheet_words(self, column: str) -> list[str]:
        """What the template's drop-down offers for a choice column."""
        return [answer.sheet for answer in self.choices.get(column, ())]


def _choice_fields() -> dict[str, Field]:
    return {
        f"{section}.{key}": spec
        for section, keys in SECTIONS.items()
        for key, spec in keys.items()
        if spec.choices
    }


def read_answers(table: Mapping[str, Any], file: str) -> AnswerWords:
    """data/answers.toml checked: every choice column has every one of its values once, and
    no word means two answers in one column. Raises InputError naming the entry."""
    validate(table, ANSWERS_FILE, file)
    fields = _choice_fields()

    def fail(message: str, path: str) -> InputError:
        return InputError(message, path=path, file=file, code="bad_rules")

    choices: dict[str, tuple[Answer, ...]] = {}
    words: dict[str, dict[str, tuple[Any, str | None]]] = {}

    def add(column: str, word: str, value: Any, note: str | None, path: str) -> None:
        known = words.setdefault(column, {})
        key = header_key(word)
        if key in known and known[key][0] != value:
            raise fail(f'"{word}" would mean both "{known[key][0]}" and "{value}".', path)
        known[key] = (value, note)

    for column, values in table["choices"].items():
        if column not in fields:
            raise fail(f"is not a choice column. Choice columns: {', '.join(fields)}.", f"choices.{column}")
        allowed = fields[column].choices
        if set(values) != set(allowed):
            raise fail(f"must give each of {', '.join(allowed)} once.", f"choices.{column}")
        answers = []
        for value in allowed:
            entry = values[value]
            path = f"choices.{column}.{value}"
            validate(entry, ANSWER_SCHEMA, file, prefix=path + ".")
            answer = Answer(
                value,
                entry["title"],
                entry.get("sheet", entry["title"]),
                entry["help"],
                tuple(entry.get("also", ())),
            )
            answers.append(answer)
            for word in (value, answer.title, answer.sheet, *answer.also):
                add(column, word, value, None, path)
        choices[column] = tuple(answers)
    missing = [column for column in fields if column not in choices]
    if missing:
        raise fail(f"has no answers for {', '.join(missing)}.", "choices")
    yes_no = table["yes_no"]
    for flag, listed in ((True, yes_no.get("yes", [])), (False, yes_no.get("no", []))):
        for word in listed:
            add(YES_NO, word, flag, None, "yes_no")
    for index, entry in enumerate(table.get("unclear", [])):
        path = f"unclear[{index}]"
        column, reads_as = entry["column"], entry["reads_as"]
        if column not in choices:
            raise fail(f'"{column}" is not a choice column.', f"{path}.column")
        if reads_as and reads_as not in fields[column].choices:
            raise fail(f'"{reads_as}" is not an answer of {column}.', f"{path}.reads_as")
        if header_key(entry["word"]) in words[column]:
            raise fail(
                f'"{entry["word"]}" already means "{words[column][header_key(entry["word"])][0]}".', path
            )
        add(column, entry["word"], reads_as or None, entry["note"], path)
    # A yes/no word reads, in a choice column, as that column's "Yes" or "No" does (role.senco
    # "Y" is yes; NASENCO "Y" the cautious way, as "Yes"); "N/A" words as its "N/A" does. A
    # column that gives "Yes" no reading (induction) gives "Y" none either.
    not_applicable = table.get("not_applicable", {})
    kinds = (
        ("yes", yes_no.get("yes", [])),
        ("no", yes_no.get("no", [])),
        ("N/A", not_applicable.get("words", [])),
    )
    for column in choices:
        known = words[column]
        for word, same in kinds:
            meaning = known.get(header_key(word))
            if meaning is not None:
                for other in same:
                    known.setdefault(header_key(other), meaning)
    if not_applicable:
        words[NOT_APPLICABLE] = {
            header_key(word): (None, not_applicable["note"]) for word in not_applicable.get("words", [])
        }
    return AnswerWords(choices, tuple(yes_no.get("yes", [])), tuple(yes_no.get("no", [])), words)
