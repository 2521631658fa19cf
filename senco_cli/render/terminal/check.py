"""The coloured terminal view of a check report. The only module of `check` that imports Rich.

Lines of styled Text, wrapped here and printed in one call: they read well at 80 columns,
stay readable without colour, and cost a fraction of a Rich table's layout time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

from rich.console import Console
from rich.style import Style
from rich.text import Text

from senco_cli.dates import long_date
from senco_cli.logic.report import CostItem, Report
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


# A report aims to fit this many lines at 80 columns, with the closing hint on stderr below
# it: where the sources' labels would not fit, the list gives each site and its numbers.
SCREEN_LINES = 40 - 2
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

    def __init__(self, console: Console, screen: int = SCREEN_LINES) -> None:
        self.console = console
        self.width: int = console.width
        self.lines: list[Text] = []
        self.screen = screen  # lines a report aims to fit in

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
            self.hang(Text("! ", style=WARN), Text(plain(warning), style=WARN))
            shown = True
        if shown:
            self.line()

    def refs(self, cited: Iterable[Source], numbers: Citations) -> Text:
        """A claim's source numbers, quiet, in order with runs joined: [1, 8–11]. Each number
        shown links to its source where the terminal shows links (OSC 8)."""
        by_number = {numbers.number[source.url]: source for source in cited}
        runs: list[list[int]] = []
        for number in sorted(by_number):
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        refs = Text("[", style=QUIET)
        for index, run in enumerate(runs):
            if index:
                refs.append(", ")
            ends = [run[0]] if len(run) == 1 else [run[0], run[-1]]
            for at, number in enumerate(ends):
                if at:
                    refs.append("–" if len(run) > 2 else ", ")
                refs.append(str(number), style=Style(link=by_number[number].url))
        refs.append("]")
        return refs

    def packed(self, pieces: list[Text], indent: int = 2) -> None:
        """Pieces laid end to end, a space apart, wrapped only between pieces (a piece wider
        than the line is wrapped within itself)."""
        line = Text()
        for piece in pieces:
            room = self.width - line.cell_len - (1 if line else 0)
            if line and piece.cell_len > room:
                self.lines.append(line)
                line = Text(" " * indent)
            elif line:
                line.append(" ")
            if line.cell_len + piece.cell_len > self.width:
                wrapped = piece.wrap(self.console, max(self.width - line.cell_len, 20))
                for index, part in enumerate(wrapped):
                    self.lines.append((line if index == 0 else Text(" " * indent)) + part)
                line = Text(" " * indent)
                continue
            line.append_text(piece)
        if line.plain.strip():
            self.lines.append(line)

    def sources(self, sources: list[Source], numbers: Citations, footer: str) -> None:
        """The numbered sources and a closing line. On a terminal, one flowing paragraph of
        short labels grouped by the site that publishes them (each label a link where the
        terminal shows links); elsewhere (a file, a pipe, or with --sources) every title and
        its full address."""
        compact = self.console.is_terminal and not getattr(self.console, "full_sources", True)
        if not sources:  # nothing cited (a plan with nothing left to schedule): no heading
            self.hang("", Text(footer, style=QUIET))
            return
        if not compact:
            self.heading("Sources")
            for source in sources:
                self.hang(f"[{numbers.number[source.url]}] ", source.title)
                self.line(Text(f"    {source.url}", style=LINK))
            self.line()
            self.hang("", Text(footer, style=QUIET))
            return
        by_site: dict[str, list[Source]] = {}
        for source in sources:
            by_site.setdefault(source.site, []).append(source)
        closing = Text(footer.rstrip(".") + "; --sources shows titles and addresses.", style=QUIET)
        before = len(self.lines)
        self._labelled(by_site, numbers, closing)
        if len(self.lines) > self.screen:  # the labels would push the answer off the screen
            del self.lines[before:]
            self._by_site(by_site, numbers, closing)

    def _labelled(self, by_site: dict[str, list[Source]], numbers: Citations, footer: Text) -> None:
        """Sources: gov.uk: [4] Induction guidance, [6] TRN; ucas.com: [16] Apprenticeship."""
        pieces = [Text("Sources:", style="bold")]
        for group, (site, cited) in enumerate(by_site.items(), start=1):
            pieces.append(Text(f"{site}:", style=QUIET))
            for index, source in enumerate(cited):
                piece = Text(f"[{numbers.number[source.url]}] ")
                piece.append(source.label, style=Style(link=source.url))
                last = index == len(cited) - 1
                piece.append("." if last and group == len(by_site) else (";" if last else ","))
                pieces.append(piece)
        self.packed(pieces + _words(footer))

    def _by_site(self, by_site: dict[str, list[Source]], numbers: Citations, footer: Text) -> None:
        """Sources: legislation.gov.uk [1, 2, 5]; gov.uk [4, 6]: for a long report."""
        pieces = [Text("Sources:", style="bold")]
        for group, (site, cited) in enumerate(by_site.items(), start=1):
            piece = Text(f"{site} ", style=QUIET)
            piece.append_text(self.refs(cited, numbers))
            piece.append("." if group == len(by_site) else ";")
            pieces.append(piece)
        self.packed(pieces + _words(footer))

    def flush(self) -> None:
        # Already wrapped: soft_wrap stops Rich wrapping again (and keeps URLs whole).
        self.console.print(Text("\n").join(self.lines), soft_wrap=True)


def _words(text: Text) -> list[Text]:
    """A text as words, to pack after other pieces."""
    return [text[m.start() : m.end()] for m in re.finditer(r"\S+", text.plain)]


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


OPEN = ("todo", "in_progress", "check")

# Which step each cost belongs to: the checklist shows a step's cost beside it.
STEP_OF_COST = {"qts_route": "qualified_teacher", "trn": "trn", "npq_senco": "senco_qualification"}


def render_check(report: Report, console: Console) -> None:
    """The check report on a terminal: the answer first, then the steps with what each costs,
    the routes, the notes and the sources, short enough at 80 columns to read on one screen."""
    out = Output(console)
    numbers = Citations(report.all_sources())
    _opening(report, out, numbers)
    costs = {STEP_OF_COST.get(item.id, item.id): item for item in report.costs}
    payers = {item.payer for item in report.costs}
    one_payer = PAYERS[next(iter(payers))] if len(payers) == 1 else None
    # The checklist needs no heading: the blank line and the status column set it apart.
    # The status column is as wide as the longest status shown, so details keep their room.
    column = max(len(" ".join(STATUS_WORDS[step.status])) for step in report.steps) + 2
    for step in report.steps:
        symbol, word = STATUS_WORDS[step.status]
        status = Text(f"{symbol} {word}".ljust(column), style=STATUS_STYLES[step.status])
        title = Text(step.title, style="bold")
        title.append(" ")
        title.append_text(out.refs(step.sources, numbers))
        cost = costs.pop(step.id, None)
        if cost is not None:
            title.append_text(_cost(cost, out, numbers, one_payer))
        out.hang(status, title)
        # What to do, for a step still open; a step done or not needed shows its title only (its
        # explanation is in the Markdown, HTML and JSON, and the opening says why nothing applies).
        if step.status in OPEN:
            out.hang(" " * column, step.detail)
    _costs(report, list(costs.values()), one_payer, out, numbers)
    _routes(report, out, numbers)
    out.warnings(w for w in report.warnings if w not in report.urgent)
    out.sources(report.all_sources(), numbers, f"Rules data reviewed {long_date(report.data_reviewed)}.")
    out.flush()


def _cost(item: CostItem, out: Output, numbers: Citations, one_payer: str | None) -> Text:
    """· costs £0 to £1,265 [13, 14, 21]: a step's cost, beside it."""
    cost = Text(" · ")
    cost.append(money(item.min_gbp, item.max_gbp), style="bold")
    cost.append(("" if one_payer else f", paid by {PAYERS[item.payer]}") + " ")
    cost.append_text(out.refs(item.sources, numbers))
    return cost


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
        said = Text(first.next_action, style="bold")
        if first.next_sources:
            said.append(" ")
            said.append_text(out.refs(first.next_sources, numbers))
        out.hang(Text("Next: ", style="bold"), said)
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
    verdict.append(" ")
    verdict.append_text(out.refs(first.funding_sources, numbers))
    out.hang(Text("NPQ funding: ", style="bold"), verdict)
    for warning in first.urgent:
        out.hang(Text("! ", style=f"bold {BAD}"), Text(warning, style="bold"))
    out.line()


def _why(reason: str, sources: tuple[Source, ...], out: Output, numbers: Citations) -> None:
    """The reason under an opening line, with its sources."""
    line = Text(reason + " ")
    line.append_text(out.refs(sources, numbers))
    out.hang("  ", line)


def _costs(
    report: Report, others: list[CostItem], one_payer: str | None, out: Output, numbers: Citations
) -> None:
    """The total, who pays it, and any cost that belongs to no step."""
    said = Text(money(*report.cost_totals()), style="bold")
    if not report.costs:
        said = Text("nothing left to pay for.")
    else:
        said.append(f", paid by {one_payer}." if one_payer else ".")
    for item in others:
        said.append(f" {short_label(item.label)}: ")
        said.append_text(_cost(item, out, numbers, one_payer)[3:])
        said.append(".")
    out.hang(Text("Costs in all: " if report.costs else "Costs: ", style="bold"), said)
    if not report.routes:
        out.line()


def short_label(label: str) -> str:
    """An item's name without its explanation: "PGCE with QTS (check ...)" -> "PGCE with QTS"."""
    return label.split(" (")[0].split(": ")[0]


def _routes(report: Report, out: Output, numbers: Citations) -> None:
    """The routes to QTS that fit, as one paragraph: the notes are in the Markdown and JSON."""
    if not report.routes:
        return
    line = Text("Routes to QTS that fit you: ", style="bold")
    for index, route in enumerate(report.routes):
        line.append(short_label(route.label), style="bold")
        line.append(f", {months(route.months_min, route.months_max)}, {money(route.min_gbp, route.max_gbp)} ")
        line.append_text(out.refs(route.sources, numbers))
        line.append("." if index == len(report.routes) - 1 else "; ")
    out.hang("", line)
    out.line()
