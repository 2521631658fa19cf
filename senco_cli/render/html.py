"""HTML reports a head teacher or a board opens in a browser and prints: one self-contained
file (inline CSS and SVG, no scripts, nothing fetched), built from Jinja2 templates with
autoescaping, so that text from a profile or roster is always shown as text.

Jinja2 is imported only here, and this module only for --format html.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from senco_cli.dates import add_months, long_date, short_date
from senco_cli.records import NamedTuple
from senco_cli.render.citations import Citations
from senco_cli.text import (
    FUNDING_WORDS,
    PAYERS,
    SITUATIONS,
    STATUS_WORDS,
    days_phrase,
    money,
    months,
    plain,
    plural,
)

if TYPE_CHECKING:
    import jinja2

    from senco_cli.audit.rows import AuditResult
    from senco_cli.logic.costs import CostsResult
    from senco_cli.logic.plan import Plan
    from senco_cli.logic.report import Report

TEMPLATES = Path(__file__).parent / "templates"
# Text colours on white with at least 4.5:1 contrast (WCAG AA), after GOV.UK's palette;
# every status also has a word and a symbol.
PALETTE = {
    "text": "#0b0c0c",
    "quiet": "#505a5f",
    "link": "#1d70b8",
    "good": "#00703c",
    "bad": "#b3261e",
    "warn": "#7a4a00",
    "info": "#1d70b8",
    "border": "#b1b4b6",
}
SITUATION_TONES = {
    "in_breach": "bad",
    "overdue": "bad",
    "at_risk": "bad",
    "not_required": "good",
    "ready": "good",
    "cant_tell": "warn",
    "on_track": "info",
}
STEP_TONES = {"done": "good", "todo": "bad", "in_progress": "info", "not_needed": "quiet", "check": "warn"}
FUNDING_TONES = {"funded": "good", "subject_to_review": "warn", "not_funded": "bad", "unknown": "warn"}
ANSWER_BACKGROUND = "#f3f2f1"  # the box that holds the answer
CHART_MONTHS = 24


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(long_date=long_date, short_date=short_date, money=money, months=months, plain=plain)
    from senco_cli.render.opening import NOTHING_TO_SCHEDULE

    env.globals.update(
        palette=PALETTE,
        answer_background=ANSWER_BACKGROUND,
        STATUS_WORDS=STATUS_WORDS,
        STEP_TONES=STEP_TONES,
        FUNDING_WORDS=FUNDING_WORDS,
        FUNDING_TONES=FUNDING_TONES,
        PAYERS=PAYERS,
        days_phrase=days_phrase,
        plural=plural,
        NOTHING_TO_SCHEDULE=NOTHING_TO_SCHEDULE,
    )
    return env


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def situation(code: str, remaining: int) -> dict[str, str]:
    symbol, word, meaning = SITUATIONS[code]
    from senco_cli.text import steps_remain

    return {
        "code": code,
        "symbol": symbol,
        "word": word,
        "meaning": meaning.format(remaining=steps_remain(remaining)),
        "tone": SITUATION_TONES[code],
    }


def render_check_html(report: Report) -> str:
    from senco_cli.render.opening import opening

    citations = Citations(report.all_sources())
    name = plain(report.name) if report.name else None
    return _render(
        "check.html.j2",
        title=f"SENCO check{f' for {name}' if name else ''}",
        name=name,
        report=report,
        first=opening(report),
        situation=situation(report.situation, report.remaining()),
        report_notes=[w for w in report.warnings if w not in report.urgent],
        cite=citations,
        totals=money(*report.cost_totals()) if report.costs else None,
    )


# The charts are drawn in a box as wide as the page (a phone's, a desktop's or A4's): positions
# across are percentages of that width and positions down are pixels, so the text is always
# drawn at its own size (12 px), never scaled down with the chart.
TIMELINE_AREA = 97.0  # per cent of the width the timeline's bars span
TIMELINE_ROW = 38  # px: a phase's label, then its bar
MARK_LINE = 15  # px between the words under the timeline


class TimelineBar(NamedTuple):
    label: str
    kind: str
    x: float  # per cent of the chart's width
    width: float  # per cent
    y: float  # px: the top of the row (label above, bar below)
    start: dt.date
    end: dt.date


class TimelineMark(NamedTuple):
    label: str
    kind: str  # today | deadline | latest
    x: float  # per cent
    day: dt.date


class Timeline(NamedTuple):
    height: int  # px
    bottom: int  # px: where the bars end and the marks' words begin
    bars: list[TimelineBar]
    marks: list[TimelineMark]
    years: list[tuple[float, int]]  # (per cent, year) where each year begins
    description: str


def timeline(plan: Plan) -> Timeline | None:
    """The plan's phases as bars across the months, each under its label, with today, the
    deadline and the latest cohort that still finishes in time marked; its description is the
    text alternative. Across: per cent of the chart's width; down: pixels."""
    if not plan.phases:
        return None
    top = 30
    marks_wanted = [("today", "Today", plan.as_of)]
    for milestone_id, kind in (("deadline", "deadline"), ("latest_cohort_start", "latest")):
        milestone = plan.milestone(milestone_id)
        if milestone is not None:
            marks_wanted.append((kind, milestone.label, milestone.date))
    days = [p.start for p in plan.phases] + [p.end for p in plan.phases] + [d for _, _, d in marks_wanted]
    first, last = min(days).replace(day=1), max(days)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round((day - first).days / span * TIMELINE_AREA, 2)

    bars = [
        TimelineBar(
            p.label,
            p.kind,
            x(p.start),
            max(x(p.end) - x(p.start), 0.4),
            top + i * TIMELINE_ROW,
            p.start,
            p.end,
        )
        for i, p in enumerate(plan.phases)
    ]
    marks = [TimelineMark(label, kind, x(day), day) for kind, label, day in marks_wanted]
    years = [(x(dt.date(year, 1, 1)), year) for year in range(first.year + 1, last.year + 1)]
    described = "; ".join(f"{b.label}: {long_date(b.start)} to {long_date(b.end)} ({b.kind})" for b in bars)
    described += ". " + "; ".join(f"{m.label}: {long_date(m.day)}" for m in marks) + "."
    bottom = top + len(bars) * TIMELINE_ROW
    return Timeline(bottom + 8 + len(marks) * MARK_LINE, bottom, bars, marks, years, described)


def render_plan_html(plan: Plan) -> str:
    citations = Citations(plan.all_sources())
    from senco_cli.render.opening import next_action_words

    name = plain(plan.name) if plan.name else None
    deadline = plan.milestone("deadline")
    return _render(
        "plan.html.j2",
        title=f"SENCO plan{f' for {name}' if name else ''}",
        name=name,
        plan=plan,
        situation=situation(plan.situation, plan.remaining),
        next_action=next_action_words(plan.next_action, plan.as_of),
        deadline=deadline,
        chart=timeline(plan),
        area=TIMELINE_AREA,
        mark_line=MARK_LINE,
        cite=citations,
        MARK_WORDS={"today": "today", "deadline": "deadline", "latest": "latest cohort"},
    )


def render_costs_html(result: CostsResult) -> str:
    # The sources of what the page shows, numbered in its order: with --setting, each
    # setting's verdict and then the costs; otherwise the costs, the funding rules, the cohorts.
    if result.setting_verdicts:
        shown = [s for _, funding in result.setting_verdicts for s in funding.sources]
        shown += [s for item in result.items for s in item.sources]
        cite = Citations({s.url: s for s in shown}.values())
    else:
        cite = Citations(result.all_sources())
    return _render(
        "costs.html.j2",
        title="SENCO costs and NPQ funding",
        result=result,
        by_verdict=result.by_verdict(),
        cite=cite,
    )


CHART_GUTTER = 6.0  # per cent of the deadline chart's width, left of the bars, for the scale
CHART_SLOT = (100.0 - CHART_GUTTER) / CHART_MONTHS  # per cent for each month
CHART_BAR = round(CHART_SLOT * 0.66, 2)  # per cent: a bar's width


class MonthBar(NamedTuple):
    month: str  # "Nov"
    year: int
    people: int
    x: float  # per cent of the chart's width
    height: float  # px

    @property
    def label(self) -> str:
        return f"{self.month} {self.year}"


def deadline_chart(result: AuditResult) -> tuple[list[MonthBar], int, str]:
    """People still to qualify whose deadline falls in each of the next 24 months (rows judged:
    a row to correct is flagged, not counted; a deadline passed is overdue, not due): the bars
    (across: per cent of the chart's width; heights: pixels, 150 for the largest count), the
    largest count, and the chart's text alternative."""
    start = result.as_of.replace(day=1)
    months_ahead = [add_months(start, n) for n in range(CHART_MONTHS)]
    counts = Counter(
        (row.deadline.year, row.deadline.month)
        for row in result.rows
        if row.error is None and row.deadline and row.deadline >= result.as_of and row.status != "ready"
    )
    top = max([counts[(m.year, m.month)] for m in months_ahead] + [1])
    bars = [
        MonthBar(
            m.strftime("%b"),
            m.year,
            counts[(m.year, m.month)],
            round(CHART_GUTTER + n * CHART_SLOT, 2),
            round(counts[(m.year, m.month)] / top * 150, 1),
        )
        for n, m in enumerate(months_ahead)
    ]
    busy = [f"{bar.label}: {bar.people}" for bar in bars if bar.people]
    description = (
        f"Deadlines in the next {CHART_MONTHS} months, by month, of people still to qualify: "
        + ("; ".join(busy) if busy else "none")
        + "."
    )
    return bars, top, description


def render_audit_html(result: AuditResult) -> str:
    from senco_cli.audit.rows import STATE_SYMBOLS, row_state
    from senco_cli.audit.schools import SCHOOL_STATUS

    bars, top, described = deadline_chart(result)
    return _render(
        "audit.html.j2",
        title="SENCO audit",
        result=result,
        summary=result.summary(),
        schools=result.schools,
        school_status=SCHOOL_STATUS,
        row_state=row_state,
        state_symbols=STATE_SYMBOLS,
        bars=bars,
        top=top,
        gutter=CHART_GUTTER,
        bar_width=CHART_BAR,
        chart_description=described,
    )
