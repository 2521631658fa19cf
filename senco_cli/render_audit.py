"""The terminal view of `senco audit` (Rich, loaded only for text output).

A roster can run to tens of thousands of rows, so each row is one line painted with
Rich styles directly rather than laid out as Rich Text: the same look at a fraction of
the cost.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.text import Text

from senco_cli.audit import AuditResult, RowResult
from senco_cli.dates import long_date
from senco_cli.render_text import BAD, FUNDING_STYLES, GOOD, QUIET, WARN, Output
from senco_cli.text import FUNDING_WORDS, days_phrase, plain

NAME_WIDTH = 22
SOON_DAYS = 183
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


def deadline_text(row: RowResult) -> tuple[str, str]:
    if row.deadline is None or row.days_left is None:
        return "no deadline", QUIET
    style = f"bold {BAD}" if row.overdue else (WARN if row.days_left <= SOON_DAYS else "")
    return f"{row.deadline} {days_phrase(row.days_left)}", style


ROW_STATUS = {
    "ready": ("✔ ready          ", GOOD),
    "not_ready": ("✘ not ready      ", BAD),
    "invalid": ("! needs correcting", f"bold {WARN}"),
}


def row_line(row: RowResult, width: int, paint: Paint) -> str:
    word, style = ROW_STATUS[row.status]
    parts = [f"row {row.row:<5} ", paint(word, style), "  "]
    if row.at_risk and not row.overdue:
        parts.append(paint("at risk ", f"bold {BAD}"))
    deadline, style = deadline_text(row)
    parts.append(paint(deadline.ljust(width), style))
    name = plain(row.name or "(no name)")
    name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
    parts.append("  " + name.ljust(NAME_WIDTH))
    if row.trn:
        parts.append(f" TRN {row.trn}")
    if row.funding:
        symbol, word = FUNDING_WORDS[row.funding]
        parts.append("  " + paint(f"NPQ {symbol} {word}", FUNDING_STYLES[row.funding]))
    if row.next_step_title:
        parts.append(f"  next: {row.next_step_title}")
    if row.error:
        parts.append("\n          " + paint(f"correct: {row.error}", WARN))
    return "".join(parts)


def render_audit(result: AuditResult, console: Console) -> None:
    out = Output(console)
    summary = result.summary()
    out.line(Text(f"SENCO audit  (as of {long_date(result.as_of)})", style="bold"))
    out.hang(
        "",
        f"{summary['lines']} data lines, {summary['rows']} people: {summary['ready']} ready, "
        f"{summary['not_ready']} not ready, {summary['invalid']} to correct; {summary['overdue']} "
        f"overdue, {summary['at_risk']} at risk, {summary['due_within_6_months']} due within 6 months, "
        f"{summary['cant_tell']} can't tell (answers missing).",
    )
    funding = ", ".join(f"{count} {FUNDING_WORDS[status][1]}" for status, count in summary["funding"].items())
    cohorts = ", ".join(summary["cohorts"])
    if funding:
        out.hang("", f"NPQ funding for the cohort judged ({cohorts}): {funding}.")
    out.line()
    if result.rows:
        out.heading("Most urgent first")
    out.flush()
    if result.rows:
        paint = painter(console)
        width = max(len(deadline_text(row)[0]) for row in result.rows)
        for start in range(0, len(result.rows), 1000):  # in slices: a large roster is never one string
            rows = result.rows[start : start + 1000]
            console.file.write("".join(row_line(row, width, paint) + "\n" for row in rows))
        console.file.write("\n")
    out = Output(console)
    out.warnings(result.warnings)
    out.line(
        Text(
            f"Rules data reviewed {long_date(result.data_reviewed)}. TRNs show their last three digits only.",
            style=QUIET,
        )
    )
    out.flush()
