"""The coloured terminal view of a check report. The only module of `check` that imports Rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from senco_cli.report import Report
from senco_cli.rules import Source
from senco_cli.text import FUNDING_WORDS, PAYERS, STATUS_WORDS, days_phrase, money, months, plain

STATUS_STYLES = {
    "done": "green",
    "todo": "red",
    "in_progress": "cyan",
    "not_needed": "dim",
    "check": "yellow",
}
FUNDING_STYLES = {"funded": "green", "subject_to_review": "yellow", "not_funded": "red", "unknown": "yellow"}


class SourceNumbers:
    """Numbers each cited source once, in the order the report cites them."""

    def __init__(self, sources: list[Source]) -> None:
        self.numbers = {source.url: index for index, source in enumerate(sources, start=1)}

    def refs(self, sources: tuple[Source, ...]) -> str:
        return "".join(f"[{self.numbers[s.url]}]" for s in dict.fromkeys(sources))


def make_console(no_color: bool) -> Console:
    return Console(no_color=no_color or None, highlight=False, emoji=False, markup=False)


def render_check(report: Report, console: Console) -> None:
    numbers = SourceNumbers(report.all_sources())
    heading = Text("SENCO check", style="bold")
    if report.name:
        heading.append(" for ")
        heading.append(plain(report.name))
    heading.append(f"  (as of {report.as_of})", style="dim")
    console.print(heading)
    if report.setting_label:
        bound = {True: "regulation 49 applies", False: "regulation 49 does not apply", None: ""}
        console.print(Text(f"{report.setting_label}: {bound[report.statutory]}"))
    remaining = [s for s in report.steps if s.status not in ("done", "not_needed")]
    verdict = (
        Text("✔ READY: every step is done", style="bold green")
        if report.ready
        else Text(f"✘ NOT READY: {len(remaining)} step(s) remain", style="bold red")
    )
    console.print(verdict)
    console.print()

    steps = Table(title="Checklist", title_justify="left", show_lines=False, expand=False)
    steps.add_column("Status", no_wrap=True)
    steps.add_column("Step")
    steps.add_column("Sources", no_wrap=True)
    for step in report.steps:
        symbol, word = STATUS_WORDS[step.status]
        title = Text(step.title, style="bold")
        title.append("\n" + step.detail, style="")
        steps.add_row(Text(f"{symbol} {word}", style=STATUS_STYLES[step.status]), title, numbers.refs(step.sources))
    console.print(steps)

    _deadline(report, console, numbers)
    _funding(report, console, numbers)
    _costs(report, console, numbers)
    _routes(report, console, numbers)
    for warning in report.warnings:
        console.print(Text("! " + warning, style="yellow"))
    if report.warnings:
        console.print()
    console.print(Text("Sources", style="bold"))
    for source in report.all_sources():
        console.print(Text(f"[{numbers.numbers[source.url]}] {source.title}"))
        console.print(Text(f"    {source.url}"), soft_wrap=True)
    console.print(Text(f"\nRules data reviewed {report.data_reviewed}.", style="dim"))


def _deadline(report: Report, console: Console, numbers: SourceNumbers) -> None:
    deadline = report.deadline
    line = Text("Deadline: ", style="bold")
    if deadline.applies and deadline.date and deadline.days_left is not None:
        style = "bold red" if deadline.overdue else "bold"
        line.append(f"{deadline.date} ({days_phrase(deadline.days_left)})", style=style)
    elif deadline.applies is None:
        line.append("? unknown", style="yellow")
    else:
        line.append("none")
    line.append(f". {deadline.basis} {numbers.refs(deadline.sources)}")
    console.print(line)


def _funding(report: Report, console: Console, numbers: SourceNumbers) -> None:
    funding = report.funding
    symbol, word = FUNDING_WORDS[funding.status]
    line = Text("NPQ funding: ", style="bold")
    line.append(f"{symbol} {word}", style=FUNDING_STYLES[funding.status])
    if funding.cohort_label:
        line.append(f" for {funding.cohort_label} (starts {funding.cohort_starts})")
    line.append(f". {funding.reason} {numbers.refs(funding.sources)}")
    console.print(line)
    console.print()


def _costs(report: Report, console: Console, numbers: SourceNumbers) -> None:
    if not report.costs:
        console.print(Text("Costs: nothing left to pay for.\n"))
        return
    table = Table(title="Costs", title_justify="left")
    table.add_column("Item")
    table.add_column("Amount", justify="right", no_wrap=True)
    table.add_column("Who pays")
    table.add_column("Sources", no_wrap=True)
    for item in report.costs:
        table.add_row(item.label, money(item.min_gbp, item.max_gbp), PAYERS[item.payer], numbers.refs(item.sources))
    table.add_row(Text("Total", style="bold"), money(*report.cost_totals()), "", "")
    console.print(table)


def _routes(report: Report, console: Console, numbers: SourceNumbers) -> None:
    if not report.routes:
        return
    table = Table(title="Routes to QTS that fit your answers", title_justify="left")
    table.add_column("Route")
    table.add_column("Length", no_wrap=True)
    table.add_column("Cost", justify="right", no_wrap=True)
    table.add_column("Sources", no_wrap=True)
    for route in report.routes:
        label = route.label + (f"\n{route.note}" if route.note else "")
        table.add_row(label, months(route.months_min, route.months_max), money(route.min_gbp, route.max_gbp), numbers.refs(route.sources))
    console.print(table)
