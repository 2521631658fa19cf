"""The terminal view of `senco audit` (Rich, loaded only for text output).

A roster can run to tens of thousands of rows, so each row is one line painted with
Rich styles directly rather than laid out as Rich Text: the same look at a fraction of
the cost.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.text import Text

from senco_cli.atomic import write_text
from senco_cli.audit.person import RowResult
from senco_cli.audit.rows import STATE_SYMBOLS, AuditResult, row_state
from senco_cli.audit.schools import SCHOOL_STATUS, SchoolSummary, school_key
from senco_cli.dates import long_date, short_date
from senco_cli.render.terminal.check import BAD, GOOD, MIN_WIDTH, QUIET, WARN, Output
from senco_cli.text import FUNDING_WORDS, audit_summary, plain

COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
    "windows": ColorSystem.WINDOWS,
}

Paint = Callable[[str, str], str]


def painter(console: Console) -> Paint:
    """paint(text, style): the text with the style's escape codes, as Rich would print it."""
    system = COLOR_SYSTEMS.get(console.color_system or "")
    styles: dict[str, Style] = {}

    def paint(text: str, style: str) -> str:
        if system is None or not style:
            return text
        if style not in styles:
            parsed = Style.parse(style)
            styles[style] = parsed.without_color if console.no_color else parsed
        return styles[style].render(text, color_system=system)

    return paint


STATE_STYLES = {"bad": f"bold {BAD}", "good": GOOD, "warn": f"bold {WARN}", "plain": ""}
STATE_WIDTH = len("! needs correcting") + 1


def fit(text: str, width: int) -> str:
    """Cut to the width, marking the cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def deadline_words(row: RowResult) -> str:
    if row.deadline is None or row.days_left is None:
        return "no deadline"
    return f"{short_date(row.deadline)}, {row.days_words()}"


def row_lines(row: RowResult, width: int, paint: Paint) -> str:
    """One person in lines that fit the width: the result, name and TRN; then the deadline
    and what they need next (or what to correct), wrapped under the name."""
    word, state = row_state(row)
    status = f"{STATE_SYMBOLS[state]} {word}".ljust(STATE_WIDTH)
    tail = (f"  TRN {row.trn}" if row.trn else "") + f"  row {row.row}"
    name = plain(row.name or "(no name)")
    room = width - STATE_WIDTH - len(tail)
    if room < min(len(name), 12):  # a narrow terminal: the TRN and row go under the name
        name, tail, room = name + tail, "", width - STATE_WIDTH
    first = paint(status, STATE_STYLES[state]) + fit(name, room) + paint(tail, QUIET)
    funding = "NPQ {} {}".format(*FUNDING_WORDS[row.funding]) if row.funding and not row.error else ""
    action = " · ".join(part for part in (row.next_words(), funding) if part)
    text = deadline_words(row) + (f" · {action}" if action else "")
    indent = " " * STATE_WIDTH
    wrapped = textwrap.wrap(text, max(width - STATE_WIDTH, 20)) or [""]
    style = f"bold {BAD}" if row.overdue else (WARN if row.error or row.note else "")
    return first + "".join("\n" + indent + paint(line, style) for line in wrapped)


def school_line(school: SchoolSummary, width: int, paint: Paint) -> str:
    urn = f" (URN {plain(school.urn)})" if school.urn else ""
    facts = [SCHOOL_STATUS[school.status]]
    if school.in_breach:
        facts.append(f"{school.in_breach} in breach")
    if school.overdue:
        facts.append(f"{school.overdue} overdue")
    if school.at_risk:
        facts.append(f"{school.at_risk} at risk")
    if school.earliest_deadline:
        facts.append(f"earliest deadline {short_date(school.earliest_deadline)}")
    style = {
        "meets": GOOD,
        "overdue": f"bold {BAD}",
        "no_senco": f"bold {BAD}",
        "none_meets": f"bold {BAD}",
        "at_risk": BAD,
        "not_met": BAD,
        "cant_tell": WARN,
    }.get(school.status, "")
    head = paint(fit(plain(school.name) + urn, width), "bold underline")
    return head + "".join("\n" + paint(line, style) for line in textwrap.wrap(" · ".join(facts), width))


def render_audit(result: AuditResult, console: Console) -> None:
    out = Output(console)
    summary = result.summary()
    out.line(Text(f"SENCO audit  (as of {long_date(result.as_of)})", style="bold"))
    for line in audit_summary(summary):
        out.hang("", line)
    missing = result.missing_line()
    if missing:  # said once, before the table
        out.hang("", Text(missing, style=WARN))
    out.line()
    grouped = result.by == "school" and bool(result.schools)
    if result.rows:
        out.heading("By school, most urgent school first" if grouped else "Most urgent first")
    out.flush()
    if result.rows:
        _rows(result, console, grouped)
    out = Output(console)
    out.warnings(tuple(warning for warning in result.warnings if warning != missing))
    out.hang(
        "",
        Text(
            f"Rules data reviewed {long_date(result.data_reviewed)}. TRNs show their last three digits only.",
            style=QUIET,
        ),
    )
    out.flush()


def _rows(result: AuditResult, console: Console, grouped: bool) -> None:
    paint = painter(console)
    width = max(console.width, MIN_WIDTH)
    schools = list(result.schools)
    current = None
    lines: list[str] = []
    for row in result.rows:
        if grouped and school_key(row) != current:
            current = school_key(row)
            while schools:  # the schools before it (with nobody in the roster), then its own
                school = schools.pop(0)
                lines += [""] if lines else []
                lines.append(school_line(school, width, paint))
                if school_key(school) == current:
                    break
        lines.append(row_lines(row, width, paint))
        if len(lines) >= 1000:  # in slices: a large roster is never one string
            write_text(console.file, "\n".join(lines) + "\n")
            lines = []
    for school in schools if grouped else ():  # listed schools with nobody in the roster
        lines += ["", school_line(school, width, paint)]
    write_text(console.file, "\n".join(lines) + ("\n\n" if lines else "\n"))
