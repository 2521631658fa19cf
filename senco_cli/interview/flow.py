"""The interview's flow: ask what matters, let the person change any answer, then save.

It asks through an Asker: at a terminal, senco_cli.interview.terminal (questionary, imported only
here, only for the questions); in tests, any object that answers the same calls.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, Protocol

from senco_cli.errors import InputError
from senco_cli.interview.answers import answer_words
from senco_cli.interview.questions import NOT_SURE, Question, prune, questions
from senco_cli.profile.io import load_profile, profile_from_table, profile_to_table, save_profile
from senco_cli.profile.model import KEY_PATHS, Profile, Vocabulary
from senco_cli.profile.validate import check_dates
from senco_cli.rules.model import Rules
from senco_cli.text import plain, write_wrapped


class Asker(Protocol):
    def ask(self, question: Question, default: Any, as_of: dt.date, answers: dict[str, Any]) -> Any: ...
    def review(self, asked: list[tuple[Question, str]]) -> Question | None: ...
    def replace(self, path: Path) -> bool: ...
    def say(self, text: str) -> None: ...


def run_interview(
    rules: Rules,
    as_of: dt.date,
    *,
    save: Path | None,
    force: bool,
    prompts_to_stderr: bool = False,
    asker: Asker | None = None,
) -> Profile:
    """Ask what matters, let the person change any answer, then (optionally) save.

    With `prompts_to_stderr` the questions go to stderr, so that `senco check > report.txt`
    still asks at the terminal and only the report lands in the file.
    """
    if asker is None:
        from senco_cli.interview.terminal import TerminalAsker

        asker = TerminalAsker()
    if prompts_to_stderr:
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.output import create_output

        with create_app_session(output=create_output(stdout=sys.stderr)):
            return run_interview(rules, as_of, save=save, force=force, asker=asker)
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
    answers: dict[str, Any] = {}
    ask_remaining(asker, specs, answers, defaults, as_of)
    while (changing := asker.review(shown_answers(specs, answers))) is not None:
        answers[changing.key] = asker.ask(changing, answers.get(changing.key), as_of, answers)
        answers = prune(answers, specs)
        ask_remaining(asker, specs, answers, {**defaults, **answers}, as_of)
    given = {k: v for k, v in answers.items() if v is not None and v is not NOT_SURE}
    # Answers saved before but not asked this time (they did not matter now) are kept too,
    # unless they contradict today's answers; "Not sure" leaves a key out.
    kept = {k: v for k, v in defaults.items() if k not in answers}
    profile = dated_profile(asker, specs, answers, given, kept, known, as_of)
    if save is not None:
        save_answers(asker, profile, save, force)
    return profile


def ask_remaining(
    asker: Asker,
    specs: tuple[Question, ...],
    answers: dict[str, Any],
    defaults: dict[str, Any],
    as_of: dt.date,
) -> None:
    """Ask, in order, every question that matters now and has no answer yet."""
    for question in specs:
        if question.key not in answers and question.when(answers):
            answers[question.key] = asker.ask(question, defaults.get(question.key), as_of, answers)


def shown_answers(specs: tuple[Question, ...], answers: dict[str, Any]) -> list[tuple[Question, str]]:
    """Each question asked, with its answer as the person would read it."""
    return [(q, answer_words(q, answers[q.key])) for q in specs if q.key in answers]


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


def dated_profile(
    asker: Asker,
    specs: tuple[Question, ...],
    answers: dict[str, Any],
    given: dict[str, Any],
    kept: dict[str, Any],
    known: Vocabulary,
    as_of: dt.date,
) -> Profile:
    """The profile, its dates checked against `as_of`. A kept answer from the saved file that
    cannot be true on that date (an award date after it) is left out, saying so; an answer
    typed now is asked again. Nothing typed is lost."""
    while True:
        profile = consistent_profile(given, kept, known)
        try:
            check_dates(profile, as_of, "your answers")
            return profile
        except InputError as error:
            saved = next((k for k in kept if KEY_PATHS[k] == error.path), None)
            if saved is not None:
                asker.say(f"  Left out the saved answer {error.path}: {plain(error.message)}")
                del kept[saved]
                continue
            typed = next((q for q in specs if q.key in given and KEY_PATHS[q.key] == error.path), None)
            if typed is None:
                raise
            asker.say(f"  {error.path}: {plain(error.message)}")
            answers[typed.key] = asker.ask(typed, None, as_of, answers)
            given = {k: v for k, v in answers.items() if v is not None and v is not NOT_SURE}


def save_answers(asker: Asker, profile: Profile, path: Path, force: bool) -> None:
    """Save, asking before replacing a file; if saving fails, the answers go to stderr instead."""
    shown = plain(str(path))
    if path.exists() and not force:
        if not asker.replace(path):
            write_wrapped(sys.stderr, f"Not saved: {shown} was left as it was.")
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
    write_wrapped(sys.stderr, f"Saved your answers to {shown}. Next time: senco check --profile {shown}")
