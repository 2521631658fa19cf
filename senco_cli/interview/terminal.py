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


ANSWER_ROOM = 30  # columns an answer needs after the prompt, or it starts on a line of its own


def message(text: str, hint: str, typed: bool = False) -> str:
    """The question and its hint, wrapped together at whole words. With `typed`, when the
    last line leaves too little room for the answer shown after it, the answer starts on the
    next line (under the question), so it never wraps mid-word at the edge of the terminal."""
    wrapped = _wrap(f"{text} ({hint})" if hint else text)
    width = max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)
    if typed and len(wrapped.split("\n")[-1]) + 3 + ANSWER_ROOM > width:  # "? " before, a space after
        wrapped += "\n "
    return wrapped


def echo_default(prompt: Any, default: str) -> None:
    """Enter on an empty answer takes the default, and the transcript shows it: the default
    is put in the answer line as Enter is pressed."""
    buffer = prompt.application.layout.current_buffer
    accept = buffer.accept_handler

    def accept_default(buff: Any) -> Any:
        if not buff.text.strip():
            buff.text = default
        return accept(buff)

    buffer.accept_handler = accept_default


def described(text: str) -> str:
    """A choice's description wrapped to the terminal (questionary shows it below the list
    after "Description: ", and would cut it at the edge)."""
    indent = len("  Description: ")
    width = max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH) - 1
    return "\n".join(textwrap.wrap(text, width, initial_indent=" " * indent, subsequent_indent=" " * indent))[
        indent:
    ]


def suspendable(question: Any) -> Any:
    """A choice question (questionary.select) that Ctrl-Z suspends, as the typed ones do with
    prompt_toolkit's enable_suspend: select() takes no such option and swallows every key it
    does not use, so the same binding is added to its application's key bindings (a binding
    for the key itself comes before select's catch-all)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.utils import suspend_to_background_supported

    if not suspend_to_background_supported():
        return question
    bindings = KeyBindings()

    @bindings.add("c-z")
    def _suspend(event: Any) -> None:
        event.app.suspend_to_background()

    application = question.application
    application.key_bindings = merge_key_bindings([application.key_bindings, bindings])
    return question


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

        asked = message(question.text, hint, typed=True)
        # questionary puts a space after the question: under it, the answer lines up at 2.
        prompt = questionary.text(
            asked,
            default=prefilled,
            validate=check,
            instruction=None if asked.endswith("\n ") else " ",
            enable_suspend=True,  # Ctrl-Z suspends, as in any terminal program, never types ^Z
        )
        if text_default and not prefilled:
            echo_default(prompt, text_default)
        reply = prompt.unsafe_ask()
        value = convert(question, reply or text_default)
        if isinstance(value, dt.date):
            self.say(f"  Read as {format_value(question, value)}.")
        return value

    def _select(self, question: Question, default: Any) -> Any:
        options = question.all_choices()
        choices = [
            questionary.Choice(c.title, value=c.value, description=described(c.help) if c.help else None)
            for c in options
        ]
        known = any(c.value is default or c.value == default for c in options)
        hint = f"{question.hint} Use the arrow keys, then Enter." if question.hint else ""
        asked = message(question.text, hint, typed=True)
        return suspendable(
            questionary.select(
                asked,
                choices=choices,
                default=default if known else None,
                instruction=None if asked.endswith("\n ") else " ",
            )
        ).unsafe_ask()

    def review(self, asked: list[tuple[Question, str]]) -> Question | None:
        """'Check your answers', as GOV.UK's summary list: each question's short label and the
        answer in full; pick one to change, or carry on to the report."""
        choices = [questionary.Choice("These are right: show my report", value=DONE)]
        width = max((len(question.label) for question, _ in asked), default=0)
        for question, shown in asked:
            title = f"Change  {question.label.ljust(width)}  {shown or 'no answer'}"
            choices.append(questionary.Choice(title, value=question.key))
        picked = suspendable(
            questionary.select(
                "Check your answers (arrow keys, then Enter)", choices=choices, default=DONE, instruction=" "
            )
        ).unsafe_ask()
        return next((q for q, _ in asked if q.key == picked), None)

    def replace(self, path: Path) -> bool:
        def check(text: str) -> bool | str:
            return text.strip().lower() in ("y", "yes", "n", "no") or "Answer yes or no, then press Enter"

        reply = questionary.text(
            f"{plain(str(path))} already exists. Replace it?",
            instruction="(yes or no)",
            validate=check,
            enable_suspend=True,
        ).unsafe_ask()
        return str(reply).strip().lower() in ("y", "yes")

    def say(self, text: str) -> None:
        print_formatted_text(text)
