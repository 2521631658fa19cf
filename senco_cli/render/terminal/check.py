"""The coloured terminal view of a check report. The only module of `check` that imports Rich.

Lines of styled Text, wrapped here and printed in one call: they read well at 80 columns,
stay readable without colour, and cost a fraction of a Rich table's layout time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

from rich.console import Console
from rich.style import Style
from rich.text import Text

from senco_cli.dates import long_date
from senco_cli.logic.report import Report
from senco_cli.render.citations import Citations
from senco_cli.render.opening import opening
from senco_cli.rules.model import Source
from senco_cli.text import PAYERS, STATUS_WORDS, money, months, plain

# Colours that keep WCAG AA contrast (4.5:1) on white and on black terminals alike, so a
# warning is readable in light and dark themes; every status has a word and a symbol too.
GOOD = "#0e8937"
BAD = "#ea1717"
WARN = "#a06b10"
INFO = "#0f8198"
LINK = "#1871ee"
QUIET = "#767676"
PALETTE = (GOOD, BAD, WARN, INFO, LINK, QUIET)

STATUS_STYLES = {
    "done": GOOD,
    "todo": BAD,
    "in_progress": INFO,
    "not_needed": QUIET,
    "check": WARN,
}
SITUATION_STYLES = {
    "overdue": f"bold {BAD}",
    "at_risk": f"bold {BAD}",
    "in_breach": f"bold {BAD}",
    "not_required": f"bold {GOOD}",
    "ready": f"bold {GOOD}",
    "cant_tell": f"bold {WARN}",
    "on_track": f"bold {INFO}",
}
FUNDING_STYLES = {
    "funded": GOOD,
    "subject_to_review": WARN,
    "not_funded": BAD,
    "unknown": WARN,
}
STATUS_WIDTH = max(len(f"{symbol} {word}") for symbol, word in STATUS_WORDS.values()) + 2
INDENT = " " * STATUS_WIDTH


MIN_WIDTH = 40  # below this (COLUMNS=0, a tiny pane) lines are wrapped at this width anyway


class _Console(Console):
    full_sources = False  # --sources: every source's URL in full, even on a terminal

    def on_broken_pipe(self) -> None:
        """`| head` closed the pipe: raise it, so every format ends the same quiet way."""
        raise BrokenPipeError


def make_console(
    no_color: bool, file: IO[str] | None = None, full_sources: bool = False, terminal: bool | None = None
) -> Console:
    """--no-color drops all styling; NO_COLOR (read by Rich) drops colour but keeps bold.
    `terminal` forces the terminal view (tests); None asks the stream."""
    styling = {"color_system": None} if no_color else {}
    console = _Console(
        file=file,
        highlight=False,
        emoji=False,
        markup=False,
        force_terminal=terminal,
        **styling,  # type: ignore[arg-type]
    )
    console.full_sources = full_sources
    if console.width < MIN_WIDTH:
        console.width = MIN_WIDTH
    return console


class Output:
    """Collects wrapped lines and prints them in one call: one pass through Rich."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width: int = console.width
        self.lines: list[Text] = []

    def line(self, text: Text | str = "") -> None:
        self.lines.append(Text(text) if isinstance(text, str) else text)

    def hang(self, prefix: Text | str, body: Text | str) -> None:
        """`prefix` then `body` wrapped to the width, continuation lines under the body."""
        prefix = Text(prefix) if isinstance(prefix, str) else prefix
        body = Text(body) if isinstance(body, str) else body
        indent = prefix.cell_len
        wrapped = body.wrap(self.console, max(self.width - indent, 20))
        for index, piece in enumerate(wrapped):
            self.lines.append((prefix if index == 0 else Text(" " * indent)) + piece)

    def heading(self, title: str) -> None:
        self.lines.append(Text(title, style="bold underline"))

    def warnings(self, warnings: Iterable[str]) -> None:
        shown = False
        for warning in warnings:
            self.hang(Text("! ", style=WARN), Text(warning, style=WARN))
            shown = True
        if shown:
            self.line()

    def sources(self, sources: list[Source], numbers: Citations, footer: str) -> None:
        """The numbered sources and a closing line. On a terminal, one line each: the title,
        a link where the terminal supports them, and the site; elsewhere (a file, a pipe, or
        with --sources) the full URLs."""
        self.heading("Sources")
        compact = self.console.is_terminal and not getattr(self.console, "full_sources", True)
        for source in sources:
            number = f"[{numbers.number[source.url]}] "
            if compact:
                site = f" ({source.url.split('/')[2].removeprefix('www.')})"  # https://HOST/...
                room = max(self.width - len(number) - len(site), 10)
                title = source.title if len(source.title) <= room else source.title[: room - 1] + "…"
                line = Text(number)
                line.append(title, style=Style(link=source.url))
                line.append(site, style=QUIET)
                self.line(line)
            else:
                self.hang(number, source.title)
                self.line(Text(f"    {source.url}", style=LINK))
        self.line()
        if compact:
            footer = footer.rstrip(".") + "; --sources shows full addresses."
        self.hang("", Text(footer, style=QUIET))

    def flush(self) -> None:
        # Already wrapped: soft_wrap stops Rich wrapping again (and keeps URLs whole).
        self.console.print(Text("\n").join(self.lines), soft_wrap=True)


Item = TypeVar("Item")


def with_progress(items: Iterable[Item], text: IO[str], total_bytes: int) -> Iterator[Item]:
    """Pass `items` through, with a progress bar on stderr following the bytes read."""
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Assessing rows", total=total_bytes)
        position = getattr(text, "buffer", text).tell  # bytes read from a file; characters from stdin
        for index, item in enumerate(items):
            if index % 500 == 0:
                progress.update(task, completed=position())
            yield item


def render_check(report: Report, console: Console) -> None:
    out = Output(console)
    numbers = Citations(report.all_sources())
    _opening(report, out, numbers)
    out.heading("Checklist")
    for step in report.steps:
        symbol, word = STATUS_WORDS[step.status]
        status = Text(f"{symbol} {word}".ljust(STATUS_WIDTH), style=STATUS_STYLES[step.status])
        title = Text(step.title, style="bold")
        title.append(f" {numbers.refs(step.sources)}", style=QUIET)
        out.hang(status, title)
        if step.status != "done":  # a step done needs no explanation; the JSON and Markdown keep it
            out.hang(INDENT, step.detail)
    out.line()
    _costs(report, out, numbers)
    _routes(report, out, numbers)
    notes = [w for w in report.warnings if w not in report.urgent]
    if notes:
        out.heading("Notes")
    out.warnings(notes)
    out.sources(report.all_sources(), numbers, f"Rules data reviewed {long_date(report.data_reviewed)}.")
    out.flush()


def _opening(report: Report, out: Output, numbers: Citations) -> None:
    """What to do next and by when, on the first screen: the situation, the next action, the
    deadline, the funding verdict, and anything that changes what to do."""
    first = opening(report)
    title = Text("SENCO check", style="bold")
    if report.name:
        title.append(" for ")
        title.append(plain(report.name))
    title.append(f"  (as of {long_date(report.as_of)})", style=QUIET)
    out.hang("", title)
    if first.setting:
        out.hang("", first.setting)
    out.hang("", Text(first.headline, style=SITUATION_STYLES[report.situation]))
    if first.next_action is not None:
        out.hang(Text("Next: ", style="bold"), Text(first.next_action, style="bold"))
    styles = {"overdue": f"bold {BAD}", "due": "bold", "unknown": WARN, "none": ""}
    when = Text(
        ("? " if first.deadline_state == "unknown" else "") + first.deadline,
        style=styles[first.deadline_state],
    )
    if first.deadline_other is not None:
        when.append(f" (or {first.deadline_other}: see the notes)")
    out.hang(Text("Deadline: ", style="bold"), when)
    if first.basis is not None:
        _why(first.basis, first.basis_sources, out, numbers)
    verdict = Text("not needed (for reference: " if first.not_needed else "")
    verdict.append(
        f"{first.funding_symbol} {first.funding_word}", style=FUNDING_STYLES[report.funding.status]
    )
    verdict.append(first.funding_for + (")" if first.not_needed else ""))
    if first.funding_reason is not None:
        verdict.append(f". {first.funding_reason}")
    verdict.append(f" {numbers.refs(first.funding_sources)}", style=QUIET)
    out.hang(Text("NPQ funding: ", style="bold"), verdict)
    for warning in first.urgent:
        out.hang(Text("! ", style=f"bold {BAD}"), Text(warning, style="bold"))
    out.line()


def _why(reason: str, sources: tuple[Source, ...], out: Output, numbers: Citations) -> None:
    """The reason under an opening line, with its sources."""
    line = Text(reason + " ")
    line.append(numbers.refs(sources), style=QUIET)
    out.hang("  ", line)


def _costs(report: Report, out: Output, numbers: Citations) -> None:
    out.heading("Costs")
    if not report.costs:
        out.line("Nothing left to pay for.")
        out.line()
        return
    rows = [
        (money(i.min_gbp, i.max_gbp), i.label, PAYERS[i.payer], numbers.refs(i.sources)) for i in report.costs
    ]
    total = money(*report.cost_totals())
    width = max(len(total), *(len(amount) for amount, *_ in rows))
    for amount, label, payer, refs in rows:
        line = Text(f"{label} (paid by {payer}) ")
        line.append(refs, style=QUIET)
        out.hang(Text(amount.rjust(width) + "  ", style="bold"), line)
    out.line(Text(total.rjust(width) + "  total", style="bold"))
    out.line()


def _routes(report: Report, out: Output, numbers: Citations) -> None:
    if not report.routes:
        return
    out.heading("Routes to QTS that fit your answers")
    for route in report.routes:  # one line each: the notes are in the Markdown and JSON reports
        line = Text(route.label.split(" (")[0], style="bold")
        line.append(f": {months(route.months_min, route.months_max)}, {money(route.min_gbp, route.max_gbp)} ")
        line.append(numbers.refs(route.sources), style=QUIET)
        out.hang("• ", line)
    out.line()
