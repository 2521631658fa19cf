"""The terminal view of `senco plan`: a timeline of bars across months (Rich).

Readable without colour: fixed spans are drawn with █, estimates with ▒, and the marker
row shows today (▲) and the deadline (◆).
"""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from rich.text import Text

from senco_cli.dates import long_date
from senco_cli.logic.plan import Plan
from senco_cli.render.citations import Citations
from senco_cli.render.terminal.check import BAD, INFO, QUIET, Output

LABEL_WIDTH = 26
BARS = {"fixed": "█", "estimate": "▒"}
KIND_WORDS = {"fixed": "fixed", "estimate": "estimate", "deadline": "deadline"}


class Scale:
    """Maps dates to columns of the bar area."""

    def __init__(self, first: dt.date, last: dt.date, width: int) -> None:
        self.first = first.replace(day=1)
        self.last = last
        self.width = width
        self.days = max((self.last - self.first).days, 1)

    def column(self, day: dt.date) -> int:
        return min(max(round((day - self.first).days / self.days * (self.width - 1)), 0), self.width - 1)


def axis(scale: Scale) -> str:
    """Year labels placed at each 1 January, where they fit."""
    cells = [" "] * scale.width
    for year in range(scale.first.year + 1, scale.last.year + 1):
        at = scale.column(dt.date(year, 1, 1))
        label = f"|{year}"
        if at + len(label) <= scale.width and all(c == " " for c in cells[at : at + len(label)]):
            cells[at : at + len(label)] = list(label)
    start = str(scale.first.year)
    if all(c == " " for c in cells[: len(start) + 1]):
        cells[: len(start)] = list(start)
    return "".join(cells)


def timeline_lines(plan: Plan, width: int) -> list[Text]:
    deadline = plan.milestone("deadline")
    dates = [plan.as_of] + [m.date for m in plan.milestones] + [p.end for p in plan.phases]
    scale = Scale(min(dates), max(dates), max(width - LABEL_WIDTH, 24))
    lines = [Text(" " * LABEL_WIDTH + axis(scale), style=QUIET)]
    for phase in plan.phases:
        row = [" "] * scale.width
        for column in range(scale.column(phase.start), scale.column(phase.end) + 1):
            row[column] = BARS[phase.kind]
        label = phase.label if len(phase.label) < LABEL_WIDTH - 1 else phase.label[: LABEL_WIDTH - 2] + "…"
        line = Text(label.ljust(LABEL_WIDTH))
        line.append("".join(row).rstrip(), style=INFO if phase.kind == "fixed" else "")
        lines.append(line)
    markers = [" "] * scale.width
    markers[scale.column(plan.as_of)] = "▲"
    if deadline is not None:
        markers[scale.column(deadline.date)] = "◆"
    marker_line = Text("".ljust(LABEL_WIDTH))
    marker_line.append("".join(markers).rstrip(), style="bold")
    lines.append(marker_line)
    legend = f"▲ today {long_date(plan.as_of)}" + (
        f"   ◆ deadline {long_date(deadline.date)}" if deadline else ""
    )
    lines.append(Text(legend + "   █ fixed  ▒ estimate", style=QUIET))
    return lines


def render_plan(plan: Plan, console: Console) -> None:
    out = Output(console)
    sources = plan.all_sources()
    numbers = Citations(sources)
    title = Text("SENCO plan", style="bold")
    if plan.name:
        from senco_cli.text import plain

        title.append(" for " + plain(plan.name))
    title.append(f"  (as of {long_date(plan.as_of)})", style=QUIET)
    out.line(title)
    from senco_cli.render.terminal.check import SITUATION_STYLES
    from senco_cli.text import headline

    out.line(Text(headline(plan.situation, plan.remaining), style=SITUATION_STYLES[plan.situation]))
    from senco_cli.render.opening import NOTHING_TO_SCHEDULE, next_action_words

    action = next_action_words(plan.next_action, plan.as_of)
    if action:
        out.hang(Text("Next: ", style="bold"), Text(action, style="bold"))
    out.line()
    if plan.phases:
        out.heading("Timeline")
        for line in timeline_lines(plan, out.width):
            out.hang("", line)  # the legend wraps where a long date leaves it no room
        out.line()
    out.heading("Milestones")
    date_width = max((len(long_date(m.date)) for m in plan.milestones), default=0)
    for milestone in plan.milestones:
        style = (
            f"bold {BAD}" if milestone.kind == "deadline" else ("" if milestone.kind == "fixed" else QUIET)
        )
        prefix = Text(f"{long_date(milestone.date):>{date_width}}  ", style=style)
        prefix.append(f"{KIND_WORDS[milestone.kind]:<9}", style=style)
        body = Text(milestone.label + " ")
        body.append_text(out.refs(milestone.sources, numbers))
        out.hang(prefix, body)
    if not plan.milestones:
        out.line(NOTHING_TO_SCHEDULE)
    out.line()
    out.warnings(plan.warnings)
    out.sources(
        sources,
        numbers,
        f"Rules data reviewed {long_date(plan.data_reviewed)}. Estimates follow typical durations.",
    )
    out.flush()
