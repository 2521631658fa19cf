"""Ask the questions at a terminal (questionary), check the answers, and save them.

The only module that imports questionary; the CLI loads it only for `senco check`
without --profile.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path
from typing import Any

import questionary

from senco_cli.dates import parse_date
from senco_cli.errors import InputError
from senco_cli.profile import (
    EARLIEST_DATE,
    KEY_PATHS,
    SECTIONS,
    Profile,
    Vocabulary,
    check_dates,
    load_profile,
    profile_from_table,
    profile_to_table,
    save_profile,
)
from senco_cli.question_specs import Question, prune, questions
from senco_cli.rules import Rules
from senco_cli.text import plain

# Each answer's field in the profile, so a typed answer passes the same checks as a saved one.
FIELDS = {key: spec for keys in SECTIONS.values() for key, spec in keys.items()}

DONE = "__done__"


def run_interview(
    rules: Rules, as_of: dt.date, *, save: Path | None, force: bool, prompts_to_stderr: bool = False
) -> Profile:
    """Ask what matters, let the person change any answer, then (optionally) save.

    With `prompts_to_stderr` the questions go to stderr, so that `senco check > report.txt`
    still asks at the terminal and only the report lands in the file.
    """
    if prompts_to_stderr:
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.output import create_output

        with create_app_session(output=create_output(stdout=sys.stderr)):
            return run_interview(rules, as_of, save=save, force=force)
    known = rules.vocabulary()
    if save is not None:
        folder = save.parent if str(save.parent) else Path(".")
        if save.is_dir() or not folder.is_dir():
            # Say so before the questions, not after them.
            raise InputError(
                "cannot be written: give a file name in a folder that exists.",
                file=str(save),
                code="unwritable",
            )
    defaults: dict[str, Any] = {}
    if save is not None and save.is_file():
        defaults = load_profile(save, known).answers()
    specs = questions(rules)
    # Answers the interview does not ask (a TRN, say) are kept from the saved profile.
    asked_keys = {q.key for q in specs}
    answers: dict[str, Any] = {k: v for k, v in defaults.items() if k not in asked_keys}
    ask_remaining(specs, answers, defaults, as_of)
    while (changing := review(specs, answers)) is not None:
        answers[changing.key] = ask(changing, answers.get(changing.key), as_of, answers)
        answers = prune(answers, specs)
        ask_remaining(specs, answers, {**defaults, **answers}, as_of)
    # Answers saved before but not asked this time (they did not matter now) are kept too,
    # unless they contradict today's answers.
    kept = {k: v for k, v in defaults.items() if k not in answers}
    profile = consistent_profile({k: v for k, v in answers.items() if v is not None}, kept, known)
    check_dates(profile, as_of, "your answers")
    if save is not None:
        save_answers(profile, save, force)
    return profile


def consistent_profile(answers: dict[str, Any], kept: dict[str, Any], known: Vocabulary) -> Profile:
    """The answers plus every kept earlier answer that does not contradict them."""
    while True:
        table = profile_to_table(Profile(**{**kept, **answers}))
        try:
            return profile_from_table(table, "your answers", known)
        except InputError as error:
            clashing = next((k for k in kept if KEY_PATHS[k] == error.path), None)
            if clashing is None:
                raise
            del kept[clashing]


def ask_remaining(
    specs: tuple[Question, ...], answers: dict[str, Any], defaults: dict[str, Any], as_of: dt.date
) -> None:
    """Ask, in order, every question that matters now and has no answer yet."""
    for question in specs:
        if question.key not in answers and question.when(answers):
            answers[question.key] = ask(question, defaults.get(question.key), as_of, answers)


def ask(question: Question, default: Any, as_of: dt.date, answers: dict[str, Any]) -> Any:
    """Ask one question; invalid answers are re-asked with a message, never accepted."""
    if default is None:
        default = question.default
    if question.kind == "select":
        choices = [
            questionary.Choice(c.title, value=c.value, description=c.help or None) for c in question.choices
        ]
        known = default in [c.value for c in question.choices]
        instruction = f"({question.hint} Use the arrow keys.)" if question.hint else None
        return questionary.select(
            question.text, choices=choices, default=default if known else None, instruction=instruction
        ).unsafe_ask()
    if question.kind == "confirm":
        message = f"{question.text} ({question.hint})" if question.hint else question.text
        return questionary.confirm(message, default=bool(default)).unsafe_ask()
    text_default = "" if default is None else format_value(question, default)
    validate = validator(question, as_of, answers)
    instruction = f"({question.hint})" if question.hint else None
    reply = questionary.text(
        question.text, default=text_default, validate=validate, instruction=instruction
    ).unsafe_ask()
    return convert(question, reply)


def validator(question: Question, as_of: dt.date, answers: dict[str, Any]) -> Any:
    def check(text: str) -> bool | str:
        problem = problem_with(question, text, as_of, answers)
        return True if problem is None else problem

    return check


def problem_with(question: Question, text: str, as_of: dt.date, answers: dict[str, Any]) -> str | None:
    """What is wrong with a typed answer, in GOV.UK's words; None when it is fine."""
    text = text.strip()
    if question.kind == "text":
        if len(text) > 200:
            return "Enter 200 characters or fewer"
        from senco_cli.schema import problem_with as field_problem

        if text and field_problem(text, FIELDS[question.key]) is not None:
            return "Enter plain text, without control characters or invisible characters"
        return None
    if not text:
        return question.missing
    if question.kind == "date":
        try:
            day = parse_date(text)
        except ValueError:
            return "The date must be a real date, like 2025-09-01 or 1/9/2025"
        if day > as_of:
            return "The date must be in the past"
        if day < EARLIEST_DATE:
            return f"The date must be in or after {EARLIEST_DATE.year}"
        started = answers.get("nasenco_started")
        if question.key == "nasenco_awarded" and started is not None and day < started:
            return f"The date must be the same as or after the course started ({started})"
        return None
    try:
        number = float(text)
    except ValueError:
        return "Enter a number, like 6"
    if not math.isfinite(number):
        return "Enter a number, like 6"
    if question.kind == "integer" and not number.is_integer():
        return "Enter a whole number, like 2"
    if number < 0:
        return "The number must be 0 or more"
    if question.maximum is not None and number > question.maximum:
        return f"The number must be {question.maximum:g} or less"
    return None


def convert(question: Question, reply: str) -> Any:
    reply = reply.strip()
    if question.kind == "text":
        return reply or None
    if question.kind == "date":
        return parse_date(reply)
    number = float(reply)
    return int(number) if question.kind == "integer" or number.is_integer() else number


def format_value(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if question.kind == "select":
        return next((c.title for c in question.choices if c.value == value), str(value))
    if question.kind == "confirm":
        return "Yes" if value else "No"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def review(specs: tuple[Question, ...], answers: dict[str, Any]) -> Question | None:
    """'Check your answers': pick one to change, or carry on to the report."""
    asked = [q for q in specs if q.key in answers]
    choices = [questionary.Choice("These are right: show my report", value=DONE)]
    choices += [
        questionary.Choice(
            f"Change: {q.text}  [{format_value(q, answers[q.key]) or 'no answer'}]", value=q.key
        )
        for q in asked
    ]
    picked = questionary.select("Check your answers", choices=choices, default=DONE).unsafe_ask()
    return next((q for q in asked if q.key == picked), None)


def save_answers(profile: Profile, path: Path, force: bool) -> None:
    """Save, asking before replacing a file; if saving fails, the answers go to stderr instead."""
    shown = plain(str(path))
    if path.exists() and not force:
        replace = questionary.confirm(f"{shown} already exists. Replace it?", default=False).unsafe_ask()
        if not replace:
            sys.stderr.write(f"Not saved: {shown} was left as it was.\n")
            return
        force = True
    try:
        save_profile(profile, path, force=force)
    except InputError as error:
        import tomli_w

        sys.stderr.write(
            f"senco: warning: your answers were not saved: {error}\n"
            "Here they are, to paste into a file and use with senco check --profile FILE:\n\n"
            + tomli_w.dumps(profile_to_table(profile))
            + "\n"
        )
        return
    sys.stderr.write(f"Saved your answers to {shown}. Next time: senco check --profile {shown}\n")
