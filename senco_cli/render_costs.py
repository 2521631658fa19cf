"""The terminal view of `senco costs` (Rich, loaded only for text output)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from senco_cli.costs import CostsResult
from senco_cli.render_text import FUNDING_STYLES, Output, SourceNumbers
from senco_cli.text import FUNDING_WORDS, PAYERS, money, months

COHORT_FUNDING_WORDS = {
    "funded": "funded",
    "unfunded": "not funded",
    "not_announced": "funding not announced",
}


def render_costs(result: CostsResult, console: Console) -> None:
    out = Output(console)
    sources = result.all_sources()
    numbers = SourceNumbers(sources)
    out.line(Text(f"SENCO costs and NPQ funding  (as of {result.as_of})", style="bold"))
    out.line()
    out.heading("Costs")
    amounts = [money(item.min_gbp, item.max_gbp) for item in result.items]
    width = max(len(amount) for amount in amounts)
    for item, amount in zip(result.items, amounts, strict=True):
        line = Text(item.label, style="bold")
        line.append(f" {numbers.refs(item.sources)}", style="dim")
        out.hang(Text(amount.rjust(width) + "  ", style="bold"), line)
        facts = [f"paid by {PAYERS[item.payer]}"]
        if item.months_min is not None:
            facts.append(months(item.months_min, item.months_max))
        detail = "; ".join(facts) + (f". {item.note}" if item.note else "")
        out.hang(" " * (width + 2), detail)
    if result.fee_cap:
        out.line()
        out.hang(
            "",
            f"Course fees are priced at the tuition fee cap for courses starting {result.fee_year_starts}: {money(result.fee_cap.min_gbp, result.fee_cap.max_gbp)} a year.",
        )
    out.line()

    for label, funding in result.setting_verdicts:
        symbol, word = FUNDING_WORDS[funding.status]
        out.hang("", Text(label, style="bold"))
        line = Text(f"{symbol} {word}", style=FUNDING_STYLES[funding.status])
        line.append(f". {funding.reason} ")
        line.append(numbers.refs(funding.sources), style="dim")
        out.hang("  ", line)
        out.line()

    cohort, shown = result.cohort, result.policy_cohort
    out.heading(f"NPQ funding for {cohort.label}" if cohort else "NPQ funding")
    if cohort is None:
        out.line("? unknown: no cohort after this date is known, so funding is not announced.")
    elif cohort.funding == "not_announced":
        out.hang("", f"? unknown: DfE has not announced funding for {cohort.label} yet.")
        if shown is not None:
            out.hang("", f"The last announced cohort, {shown.label}, was funded as follows:")
    for policy in result.policy:
        symbol, word = FUNDING_WORDS[policy.verdict]
        settings = ", ".join(result.setting_labels[s] for s in policy.settings)
        settings += f" ({policy.condition})" if policy.condition else ""
        line = Text(f"{symbol} {word}", style=FUNDING_STYLES[policy.verdict])
        line.append(f": {settings}. ", style="bold")
        line.append(policy.reason + " ")
        line.append(numbers.refs(policy.sources), style="dim")
        out.hang("  ", line)
    if result.policy:
        out.line("A funded place is never guaranteed: places are capped.")
    out.line()

    out.heading("Cohorts")
    for c in result.cohorts:
        starts = f"starts {'about ' if c.starts_estimated else ''}{c.starts}"
        opens = f", registration opened {c.registration_opens}" if c.registration_opens else ""
        cohort_funding = COHORT_FUNDING_WORDS[c.funding]
        line = Text(f"{c.label}: {starts}{opens}; {cohort_funding} ")
        line.append(numbers.refs(c.sources), style="dim")
        out.hang(Text(f"{c.id}  ", style="bold"), line)
    out.line()
    out.warnings(result.warnings)
    out.sources(sources, numbers, f"Rules data reviewed {result.data_reviewed}.")
    out.flush()
