"""The interview at a terminal: the only module that imports questionary.

Every answer is typed and ends with Enter (a yes/no question reads "yes", "no", "y", "n"
or, where it is allowed, "not sure"), so nothing typed ahead can answer the next question
unseen. Questions are wrapped to the terminal's width, and a date is read back in words.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit import print_formatted_text

from senco_cli.interview.answers import convert, format_value, problem_with, yes_no_words
from senco_cli.interview.questions import Question
from senco_cli.text import plain

DONE = "__done__"
MIN_WIDTH = 40


def _wrap(text: str, indent: int = 2) -> str:
    """The question text wrapped at whole words to the terminal (the prompt adds "? ")."""
    width = max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH) - indent - 1
    return "\n".join(textwrap.wrap(text, width, subsequent_indent=" " * indent)) or text


def message(text: str, hint: str) -> str:
    """The question and its hint, wrapped together at whole words."""
    return _wrap(f"{text} ({hint})" if hint else text)


class TerminalAsker:
    """Asks with questionary; the interview's flow lives in senco_cli.interview."""

    def ask(self, question: Question, default: Any, as_of: dt.date, answers: dict[str, Any]) -> Any:
        if default is None:
            default = question.default
        if question.kind == "select":
            return self._select(question, default)
        hint = question.hint + (", or not sure" if question.unsure and question.hint else "")
        text_default = format_value(question, default)
        prefilled = text_default
        if question.kind == "confirm":
            # Typed in full: the default is named, not typed in ahead of the answer.
            hint = yes_no_words(question) + (f", Enter for {text_default}" if text_default else "")
            hint += f"; {question.hint}" if question.hint else ""
            prefilled = ""

        def check(text: str) -> bool | str:
            problem = problem_with(question, text or text_default, as_of, answers)
            return True if problem is None else problem

        reply = questionary.text(
            message(question.text, hint), default=prefilled, validate=check, instruction=" "
        ).unsafe_ask()
        value = convert(question, reply or text_default)
        if isinstance(value, dt.date):
            self.say(f"  Read as {format_value(question, value)}.")
        return value

    def _select(self, question: Question, default: Any) -> Any:
        options = question.all_choices()
        choices = [questionary.Choice(c.title, value=c.value, description=c.help or None) for c in options]
        known = any(c.value is default or c.value == default for c in options)
        hint = f"{question.hint} Use the arrow keys, then Enter." if question.hint else ""
        return questionary.select(
            message(question.text, hint), choices=choices, default=default if known else None, instruction=" "
        ).unsafe_ask()

    def review(self, asked: list[tuple[Question, str]]) -> Question | None:
        """'Check your answers': pick one to change, or carry on to the report."""
        choices = [questionary.Choice("These are right: show my report", value=DONE)]
        width = max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH) - 12
        for question, shown in asked:
            label = textwrap.shorten(f"{question.text} [{shown or 'no answer'}]", width, placeholder="…")
            choices.append(questionary.Choice(f"Change: {label}", value=question.key))
        picked = questionary.select("Check your answers", choices=choices, default=DONE).unsafe_ask()
        return next((q for q, _ in asked if q.key == picked), None)

    def replace(self, path: Path) -> bool:
        def check(text: str) -> bool | str:
            return text.strip().lower() in ("y", "yes", "n", "no") or "Answer yes or no, then press Enter"

        reply = questionary.text(
            f"{plain(str(path))} already exists. Replace it?", instruction="(yes or no)", validate=check
        ).unsafe_ask()
        return str(reply).strip().lower() in ("y", "yes")

    def say(self, text: str) -> None:
        print_formatted_text(text)
