"""The terminal view of `senco costs` (Rich, loaded only for text output): a quick lookup.

Plain `senco costs` is a compact table with the judged cohort's funding summarised by
verdict; `--setting` answers for that setting only, `--route` for that route only.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from senco_cli.dates import long_date
from senco_cli.logic.costs import CostsResult
from senco_cli.logic.report import CostItem
from senco_cli.render.citations import Citations
from senco_cli.render.terminal.check import FUNDING_STYLES, QUIET, Output
from senco_cli.text import FUNDING_WORDS, PAYERS, money, months, plural

COHORT_FUNDING_WORDS = {
    "funded": "funded",
    "unfunded": "not funded",
    "not_announced": "funding not announced",
}


def span(text: str) -> str:
    """A range as a table writes it: "£1,265 to £1,518" -> "£1,265–£1,518"."""
    return text.replace(" to ", "–")


def short(label: str) -> str:
    """An item's name without its explanation: "PGCE with QTS (check ...)" -> "PGCE with QTS"."""
    return label.split(" (")[0].split(": ")[0]


def render_costs(result: CostsResult, console: Console) -> None:
    out = Output(console)
    sources = result.shown_sources()
    numbers = Citations(sources)
    out.line(Text(f"SENCO costs and NPQ funding  (as of {long_date(result.as_of)})", style="bold"))
    if result.setting_verdicts:
        _settings(result, out, numbers)
    else:
        _items(result, out, numbers)
        if result.route is None:
            _funding_summary(result, out, numbers)
            _cohorts(result, out, numbers)
    out.warnings(result.warnings)
    out.sources(sources, numbers, f"Rules data reviewed {long_date(result.data_reviewed)}.")
    out.flush()


def _item_line(item: CostItem, width: int, out: Output, numbers: Citations, full: bool) -> tuple[Text, Text]:
    amount = Text(span(money(item.min_gbp, item.max_gbp)).rjust(width) + "  ", style="bold")
    line = Text(item.label if full else short(item.label), style="bold")
    facts = [PAYERS[item.payer]]
    if item.months_min is not None:
        facts.append(span(months(item.months_min, item.months_max)))
    line.append(f"; {', '.join(facts)} ")
    line.append_text(out.refs(item.sources, numbers))
    return amount, line


def _items(result: CostsResult, out: Output, numbers: Citations) -> None:
    out.heading("Costs (amount, item; who pays, how long)")
    width = max(len(span(money(item.min_gbp, item.max_gbp))) for item in result.items)
    for item in result.items:
        out.hang(*_item_line(item, width, out, numbers, full=result.route is not None))
        if result.route is not None and item.note:
            out.hang(" " * (width + 2), item.note)
    if result.fee_cap:
        cap = money(result.fee_cap.min_gbp, result.fee_cap.max_gbp)
        out.hang(
            "",
            f"Fees are at the cap for courses starting {long_date(result.fee_year_starts)}: {cap} a year.",
        )
    out.line()


def _funding_summary(result: CostsResult, out: Output, numbers: Citations) -> None:
    cohort = result.cohort
    out.heading(f"NPQ funding for {cohort.label}" if cohort else "NPQ funding")
    line = Text()
    if result.funding_notes:
        line.append("? unknown: " + " ".join(n.text for n in result.funding_notes) + " ")
    by_verdict = result.by_verdict()
    for index, (verdict, (names, cited)) in enumerate(by_verdict.items()):
        symbol, word = FUNDING_WORDS[verdict]
        line.append("; " if index else "")
        line.append(f"{symbol} {word}: ", style=FUNDING_STYLES[verdict])
        line.append(plural(len(names), "setting") + " ")
        line.append_text(out.refs(cited, numbers))
        line.append("." if index == len(by_verdict) - 1 else "")
    if line:
        out.hang("", line)
    if result.policy:
        out.hang(
            "",
            "A funded place is never guaranteed; senco costs --setting NAME says why.",
        )
    out.line()


def _cohorts(result: CostsResult, out: Output, numbers: Citations) -> None:
    shown = result.current_cohorts()
    earlier = len(result.cohorts) - len(shown)
    heading = Text("Cohorts", style="bold underline")
    if earlier:
        heading.append(f" ({earlier} earlier: senco costs --cohort ID, or --format json)", style=QUIET)
    out.line(heading)
    for c in shown:
        starts = f"{'about ' if c.starts_estimated else ''}{long_date(c.starts)}"
        line = Text(f"{c.label}, {starts}: {COHORT_FUNDING_WORDS[c.funding]} ")
        line.append_text(out.refs(c.sources, numbers))
        out.hang(Text(f"{c.id}  ", style="bold"), line)
    out.line()


def _settings(result: CostsResult, out: Output, numbers: Citations) -> None:
    npq = next((item for item in result.items if item.id == "npq_senco"), None)
    for index, (label, funding) in enumerate(result.setting_verdicts):
        if index:
            out.line()
        symbol, word = FUNDING_WORDS[funding.status]
        line = Text(f"{label}: ", style="bold")
        line.append(f"{symbol} {word}", style=FUNDING_STYLES[funding.status])
        if funding.cohort_label and funding.cohort_starts:
            about = "about " if result.cohort and result.cohort.starts_estimated else ""
            line.append(f" for {funding.cohort_label}, starting {about}{long_date(funding.cohort_starts)}")
        out.hang("", line)
        reason = Text(f"{funding.reason} ")
        reason.append_text(out.refs(funding.sources, numbers))
        out.hang("  ", reason)
        if npq is not None and funding.status != "funded":
            price = Text(f"Without funding: {money(npq.min_gbp, npq.max_gbp)}, paid by {PAYERS[npq.payer]}. ")
            price.append_text(out.refs(npq.sources, numbers))
            out.hang("  ", price)
    out.line()
