"""The interview as data: each question, the profile key it answers, and when it matters.

Questions are asked in this order, and only when `when(answers)` is true for the answers
so far: a person without QTS is never asked about induction, a non-SENCO never asked
when they started. Nothing here imports questionary: it can be read and tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from senco_cli.dates import long_date
from senco_cli.records import NamedTuple
from senco_cli.rules.model import Rules

Answers = Mapping[str, Any]


class _NotSure:
    """The answer "Not sure": the question was asked, and the profile leaves the key out."""

    def __repr__(self) -> str:
        return "NOT_SURE"


NOT_SURE: Any = _NotSure()
UK_NATIONS = ("wales", "scotland", "northern_ireland")


class Choice(NamedTuple):
    value: Any
    title: str
    help: str = ""


class Question(NamedTuple):
    key: str  # the Profile field it answers
    text: str
    kind: str  # select | confirm | date | number | integer | text
    when: Callable[[Answers], bool]
    choices: tuple[Choice, ...] = ()
    hint: str = ""
    missing: str = ""  # GOV.UK-style message when left empty: "Enter the date you became SENCO"
    maximum: float | None = None
    default: Any = None  # offered when there is no earlier answer: only the likely one
    unsure: bool = False  # "Not sure" is an answer: the rules treat the missing answer as `check`
    future: bool = False  # a date question about a plan: the date is today or later, not in the past
    unit: str = ""  # what a number counts ("month"): "Check your answers" says "18 months", "none"

    @property
    def label(self) -> str:
        """A few words naming the question in "Check your answers": "QTS", "SENCO since"."""
        return LABELS.get(self.key, self.text)

    def all_choices(self) -> tuple[Choice, ...]:
        extra = (Choice(NOT_SURE, "Not sure", "Leave it out: the report says what to check."),)
        return self.choices + (extra if self.unsure else ())


# The short label of each question in "Check your answers" (GOV.UK's summary list: a short
# key, then the answer in full), by the profile key it answers.
LABELS = {
    "name": "Name",
    "setting": "Where you work",
    "rtta_referred": "Referred by an RTTA",
    "part_of_school": "Part of a school",
    "in_england": "Work in England",
    "senco": "SENCO at your school",
    "senco_since": "SENCO since",
    "previous_senco_months": "Earlier SENCO service",
    "head_teacher": "Head teacher",
    "shared_senco": "SENCO for several schools",
    "on_leave": "Long leave",
    "teaches_at_school": "Teacher at the school",
    "qts": "QTS",
    "qualified_in": "Qualified in",
    "qtls": "QTLS",
    "set_member": "SET member",
    "induction": "Induction",
    "eyts": "EYTS",
    "degree": "Degree",
    "gcse_english_maths": "GCSE English and maths",
    "unqualified_teacher": "Teaching without QTS",
    "schools_taught_in": "Schools taught in",
    "has_trn": "TRN",
    "teaching_years": "Years taught",
    "npq": "NPQ for SENCOs",
    "npq_started": "NPQ started",
    "npq_cohort": "NPQ cohort",
    "npq_funded_before": "NPQ funded before",
    "nasenco": "NASENCO",
    "nasenco_started": "NASENCO started",
    "nasenco_awarded": "NASENCO awarded",
    "supports_npq": "School supports your NPQ",
}


def always(_: Answers) -> bool:
    return True


def no_qts(a: Answers) -> bool:
    return a.get("qts") is False


def needs_qts_route(a: Answers) -> bool:
    """Routes to QTS matter: no QTS, and no QTLS with SET membership."""
    return no_qts(a) and not (a.get("qtls") and a.get("set_member"))


def npq_not_passed(a: Answers) -> bool:
    return a.get("npq") != "passed"


def may_need_npq(a: Answers) -> bool:
    return a.get("npq") in ("none", "failed", "withdrawn") and a.get("nasenco") != "passed"


def _choices(rules: Rules, column: str, **facts: Any) -> tuple[Choice, ...]:
    """A choice column's answers (data/answers.toml) in the profile's order, each with its
    title and a short help line (filled with the rules' `facts`, such as the duty's length)."""
    return tuple(
        Choice(answer.value, answer.title, answer.help.format(**facts))
        for answer in rules.answers.choices[column]
    )


def questions(rules: Rules) -> tuple[Question, ...]:
    """Every question, in the order asked."""
    settings = tuple(Choice(s.id, s.label, s.help) for s in rules.settings.values())

    def statutory(a: Answers) -> bool:
        setting = rules.settings.get(a.get("setting") or "")
        return setting is not None and setting.statutory

    def may_be_part_of_school(a: Answers) -> bool:
        setting = rules.settings.get(a.get("setting") or "")
        return setting is not None and setting.may_be_part_of_school

    def senco_at_statutory(a: Answers) -> bool:
        return statutory(a) and a.get("senco") in ("yes", "planning")

    def planning_where_law_may_bind(a: Answers) -> bool:
        """A planned start matters where regulation 49 binds, or may bind the school they go to."""
        setting = rules.settings.get(a.get("setting") or "")
        may_bind = setting is not None and (setting.statutory or not setting.senco_post_here)
        return a.get("senco") == "planning" and may_bind and a.get("in_england") is not False

    def training_for_qts(a: Answers) -> bool:
        return a.get("qts_route") not in (None, NOT_SURE)

    def route_choices_fit(a: Answers) -> bool:
        """The answers that pick routes to QTS matter only when not training on one already."""
        return needs_qts_route(a) and not training_for_qts(a)

    routes = tuple(Choice(r.id, r.label.split(" (")[0], r.label) for r in rules.routes) + (
        Choice(NOT_SURE, "Not training for QTS now", "The report lists the routes that fit you."),
    )

    funding_words = {
        "funded": "DfE funded",
        "unfunded": "not DfE funded",
        "not_announced": "funding not announced",
    }
    cohorts = tuple(
        Choice(
            c.id,
            f"{c.label} (starts {'about ' if c.starts_estimated else ''}{c.starts})",
            f"{c.label}: {funding_words[c.funding]}.",
        )
        for c in rules.cohorts
    )
    rejoinable = {c.id for c in rules.cohorts if c.new_participants}
    return (
        Question(
            "name", "What is your name?", "text", always, hint="Shown at the top of the report. Optional."
        ),
        Question(
            "setting",
            "Where do you work?",
            "select",
            always,
            settings,
            hint="A school's nursery class is the school; a special academy is 'Special school'.",
        ),
        Question(
            "rtta_referred",
            "Were you referred by a Return to Teaching Adviser?",
            "confirm",
            lambda a: a.get("setting") == "other",
        ),
        Question(
            "part_of_school",
            "Is it part of a school, such as a school's nursery class or sixth form?",
            "confirm",
            may_be_part_of_school,
            hint="If so, go back and choose the school's own setting.",
        ),
        Question("in_england", "Do you work in England?", "confirm", always, default=True),
        Question(
            "senco",
            "Are you the SENCO at your school?",
            "select",
            always,
            _choices(rules, "role.senco", years=rules.law["three_year_duty"].number("years")),
        ),
        Question(
            "senco_since",
            "When did you become SENCO at this school?",
            "date",
            lambda a: a.get("senco") == "yes",
            hint="For example, 2025-09-01 or 1/9/2025",
            missing="Enter the date you became SENCO",
        ),
        Question(
            "senco_from",
            "When do you plan to become SENCO?",
            "date",
            planning_where_law_may_bind,
            hint="For example, 2027-09-01. Your deadline and plan run from it",
            missing="Enter the date you plan to become SENCO, or not sure",
            unsure=True,
            future=True,
        ),
        Question(
            "previous_senco_months",
            "Before that, how many months in all were you SENCO at this or another mainstream state "
            "school or maintained nursery school in England?",
            "number",
            lambda a: a.get("senco") == "yes",
            unsure=True,
            hint="Count earlier spells at this school; not independent or special schools, or abroad. 0 if none",
            missing="Enter the number of months",
            maximum=720,
            unit="month",
        ),
        Question(
            "head_teacher",
            "Are you the head teacher or acting head teacher of this school?",
            "confirm",
            statutory,
            hint="An executive head of another school does not count",
        ),
        Question(
            "shared_senco",
            "Are you, or will you be, SENCO for more than one school?",
            "confirm",
            senco_at_statutory,
        ),
        Question(
            "on_leave",
            "Are you on, or about to start, maternity or other long leave?",
            "confirm",
            lambda a: statutory(a) and a.get("senco") == "yes",
        ),
        Question(
            "teaches_at_school",
            "Do you work as a teacher at the school?",
            "confirm",
            lambda a: statutory(a) and not a.get("head_teacher"),
            hint="Employed there as a teacher: a SENCO with no class timetable counts.",
            default=True,
        ),
        Question(
            "qts",
            "Do you have qualified teacher status (QTS), awarded in England or Wales?",
            "confirm",
            always,
        ),
        Question(
            "qualified_in",
            "Where did you gain your teaching qualification?",
            "select",
            no_qts,
            _choices(rules, "qualifications.qualified_in"),
        ),
        Question("qtls", "Do you have QTLS (qualified teacher learning and skills)?", "confirm", no_qts),
        Question(
            "set_member",
            "Are you a current member of the Society for Education and Training?",
            "confirm",
            lambda a: no_qts(a) and bool(a.get("qtls")),
        ),
        Question(
            "qts_route",
            "Are you training for QTS now? If so, on which route?",
            "select",
            needs_qts_route,
            routes,
        ),
        Question(
            "qts_route_started",
            "When did your QTS training start?",
            "date",
            training_for_qts,
            hint="For example, 2026-09-01",
            missing="Enter the date your QTS training started, or not sure",
            unsure=True,
        ),
        Question(
            "induction",
            "Have you completed statutory induction (or probation in Scotland)?",
            "select",
            lambda a: (a.get("qts") is True or a.get("qualified_in") in UK_NATIONS) and statutory(a),
            _choices(rules, "qualifications.induction"),
            unsure=True,
        ),
        Question("eyts", "Do you have Early Years Teacher Status (EYTS)?", "confirm", needs_qts_route),
        Question("degree", "Do you have a bachelor's degree or equivalent?", "confirm", route_choices_fit),
        Question(
            "gcse_english_maths",
            "Do you have GCSE English and maths at grade 4 (C) or equivalent?",
            "confirm",
            route_choices_fit,
        ),
        Question(
            "unqualified_teacher",
            "Are you employed as a teacher now, without QTS?",
            "confirm",
            route_choices_fit,
        ),
        Question(
            "schools_taught_in",
            "In how many different schools have you taught?",
            "integer",
            lambda a: (
                route_choices_fit(a) and bool(a.get("unqualified_teacher")) and a.get("degree") is not False
            ),
            missing="Enter the number of schools",
            maximum=500,
            unit="school",
        ),
        Question("has_trn", "Do you have a teacher reference number (TRN)?", "confirm", no_qts, unsure=True),
        Question(
            "teaching_years",
            "How many years have you taught?",
            "number",
            lambda a: no_qts(a) and a.get("has_trn") is False,
            hint="For example, 2.5",
            missing="Enter the number of years",
            maximum=60,
            unit="year",
        ),
        Question(
            "npq",
            "Where are you with the NPQ for SENCOs?",
            "select",
            always,
            _choices(rules, "senco_training.npq", taught=rules.course.number("months_taught")),
        ),
        Question(
            "npq_started",
            "When did your NPQ course start?",
            "date",
            lambda a: a.get("npq") in ("studying", "awaiting_result"),
            hint="For example, 2025-11-01",
            missing="Enter the date your NPQ course started",
        ),
        Question(
            "npq_cohort",
            "Which cohort are you registered for?",
            "select",
            lambda a: a.get("npq") == "registered",
            cohorts,
        ),
        Question(
            "npq_rejoin_cohort",
            "Which cohort will you rejoin?",
            "select",
            lambda a: a.get("npq") == "deferred",
            tuple(c for c in cohorts if c.value in rejoinable),
            hint="The cohort your provider agreed",
            unsure=True,
        ),
        Question(
            "npq_funded_before",
            "Has DfE funded this NPQ for you before?",
            "confirm",
            npq_not_passed,
            hint="For example, a funded place you withdrew from or failed",
            unsure=True,
        ),
        Question(
            "nasenco",
            "Have you taken the NASENCO award?",
            "select",
            npq_not_passed,
            _choices(
                rules,
                "senco_training.nasenco",
                started_before=long_date(rules.law["nasenco_transition"].date("started_before")),
            ),
        ),
        Question(
            "nasenco_started",
            "When did your NASENCO course start?",
            "date",
            lambda a: npq_not_passed(a) and a.get("nasenco") in ("studying", "passed"),
            hint="For example, 2023-09-01",
            missing="Enter the date your NASENCO course started",
        ),
        Question(
            "nasenco_awarded",
            "When were you awarded the NASENCO?",
            "date",
            lambda a: npq_not_passed(a) and a.get("nasenco") == "passed",
            hint="For example, 2024-07-15",
            missing="Enter the date you were awarded the NASENCO",
        ),
        Question(
            "supports_npq",
            "Will your school support your NPQ application?",
            "confirm",
            may_need_npq,
            unsure=True,
        ),
    )


def prune(answers: dict[str, Any], all_questions: tuple[Question, ...]) -> dict[str, Any]:
    """Keep only the answers to questions that still matter.

    A question's condition looks only at earlier questions, so one pass in order is enough.
    """
    keys = {q.key for q in all_questions}
    kept = {k: v for k, v in answers.items() if k not in keys}
    for question in all_questions:
        if question.key in answers and question.when(kept):
            kept[question.key] = answers[question.key]
    return kept
