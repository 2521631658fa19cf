"""The terminal view of `senco audit` (Rich, loaded only for text output)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from senco_cli.audit import AuditResult, RowResult
from senco_cli.render_text import FUNDING_STYLES, Output
from senco_cli.text import FUNDING_WORDS, days_phrase, plain

NAME_WIDTH = 22


def deadline_text(row: RowResult) -> tuple[str, str]:
    if row.deadline is None or row.days_left is None:
        return "no deadline", "dim"
    style = "bold red" if row.overdue else ("yellow" if row.days_left <= 183 else "")
    return f"{row.deadline} {days_phrase(row.days_left)}", style


def render_audit(result: AuditResult, console: Console) -> None:
    out = Output(console)
    summary = result.summary()
    out.line(Text(f"SENCO audit  (as of {result.as_of})", style="bold"))
    out.line(
        f"{summary['rows']} rows: {summary['ready']} ready, {summary['not_ready']} not ready, "
        f"{summary['invalid']} with errors; {summary['overdue']} overdue, "
        f"{summary['due_within_6_months']} due within 6 months."
    )
    funding = ", ".join(f"{count} {FUNDING_WORDS[status][1]}" for status, count in summary["funding"].items())
    if funding:
        out.line(f"NPQ funding for the next cohort: {funding}.")
    out.line()
    valid = [row for row in result.rows if row.status != "invalid"]
    if valid:
        out.heading("Most urgent first")
        width = max(len(deadline_text(row)[0]) for row in valid)
        for row in valid:
            mark = (
                Text("✔ ready    ", style="green")
                if row.status == "ready"
                else Text("✘ not ready", style="red")
            )
            line = Text(f"row {row.row:<5} ") + mark + Text("  ")
            deadline, style = deadline_text(row)
            line.append(deadline.ljust(width), style=style)
            line.append("  ")
            name = plain(row.name or "(no name)")
            name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
            line.append(name.ljust(NAME_WIDTH))
            if row.trn:
                line.append(f" TRN {row.trn}")
            if row.funding:
                symbol, word = FUNDING_WORDS[row.funding]
                line.append(f"  NPQ {symbol} {word}", style=FUNDING_STYLES[row.funding])
            if row.next_step_title:
                line.append(f"  next: {row.next_step_title}")
            out.line(line)
        out.line()
    invalid = [row for row in result.rows if row.status == "invalid"]
    if invalid:
        out.heading("Rows with errors (not assessed)")
        for row in invalid:
            out.hang(Text(f"row {row.row:<5} ", style="red"), row.error or "")
        out.line()
    for warning in result.warnings:
        out.hang(Text("! ", style="yellow"), Text(warning, style="yellow"))
    out.line(
        Text(
            f"Rules data reviewed {result.data_reviewed}. TRNs show their last three digits only.",
            style="dim",
        )
    )
    out.flush()
