"""A Markdown report a teacher could send to their head teacher."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from senco_cli.dates import long_date
from senco_cli.render.citations import Citations
from senco_cli.render.opening import NOTHING_TO_SCHEDULE, next_action_words
from senco_cli.text import (
    FUNDING_WORDS,
    PAYERS,
    STATUS_WORDS,
    audit_summary,
    days_phrase,
    headline,
    money,
    months,
    plain,
)

if TYPE_CHECKING:
    from senco_cli.audit.rows import AuditResult
    from senco_cli.logic.costs import CostsResult
    from senco_cli.logic.plan import Plan
    from senco_cli.logic.report import Report

# What Markdown (CommonMark, with GitHub's tables and strikethrough) reads as markup in running
# text: backslash escapes, code, emphasis, links and images, raw HTML and autolinks, a table's
# cell edges, strikethrough, and character references ("&amp;"). At the start of a line also:
# headings, lists, block quotes and setext underlines. Every other character ("(", ".", "!",
# "-" within a line, ...) is plain text in Markdown and is left as it is.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<|~])")
_REFERENCE = re.compile(r"&(?=#?\w+;)")
_BLOCK_MARKER = re.compile(r"^(\s*)([#>+=-])|^(\s*\d+)([.)])")


def sources_section(citations: Citations) -> list[str]:
    return ["", "## Sources", ""] + [
        f"{citations.number[s.url]}. [{s.title}]({s.url})" for s in citations.sources
    ]


def ending(warnings: tuple[str, ...], citations: Citations | None, footer: str) -> list[str]:
    """The close of every report: notes, the numbered sources, and a footer line."""
    lines = ["", "## Notes", ""] + [f"- {escape(warning)}" for warning in warnings] if warnings else []
    return lines + (sources_section(citations) if citations and citations.sources else []) + ["", footer]


def escape(text: str) -> str:
    """Text shown literally in Markdown, wherever it stands (running text, a table cell, the
    start of a line): a backslash before each character Markdown would read as markup there,
    and before no other, so that ordinary punctuation reads as typed in the Markdown itself."""
    escaped = _REFERENCE.sub(r"\\&", _INLINE_MARKUP.sub(r"\\\1", plain(text)))
    return _BLOCK_MARKER.sub(_escaped_marker, escaped, count=1)


def _escaped_marker(found: re.Match[str]) -> str:
    lead, marker = (found[1], found[2]) if found[2] else (found[3], found[4])
    return f"{lead}\\{marker}"


def render_check_markdown(report: Report) -> str:
    citations = Citations(report.all_sources())
    refs = citations.refs

    who = f" for {escape(report.name)}" if report.name else ""
    lines = [f"# SENCO check{who}", "", f"As of {long_date(report.as_of)}."]
    if report.setting_label:
        applies = {True: "regulation 49 applies", False: "regulation 49 does not apply", None: ""}
        lines.append(f"Setting: {report.setting_label} ({applies[report.statutory]}).")
    lines += ["", f"**{headline(report.situation, report.remaining())}**"]
    action = next_action_words(report.next_action, report.as_of)
    if action:
        cited = refs(report.next_action.sources) if report.next_action else ""
        lines += ["", f"**Next:** {escape(action)}" + (f" {cited}" if cited else "")]
    deadline = report.deadline
    lines += ["", "## Deadline", ""]
    if deadline.applies and deadline.date and deadline.days_left is not None:
        lines.append(
            f"**{long_date(deadline.date)}** ({days_phrase(deadline.days_left)}). {deadline.basis} {refs(deadline.sources)}"
        )
    else:
        lines.append(
            f"{'Unknown' if deadline.applies is None else 'None'}. {deadline.basis} {refs(deadline.sources)}"
        )
    funding = report.funding
    symbol, word = FUNDING_WORDS[funding.status]
    cohort = (
        f" for {funding.cohort_label} (starts {long_date(funding.cohort_starts)})"
        if funding.cohort_label and funding.cohort_starts
        else ""
    )
    lines += [
        "",
        "## NPQ funding",
        "",
        f"{symbol} **{word}**{cohort}. {funding.reason} {refs(funding.sources)}",
    ]
    if report.qualified:
        lines += ["", "Not needed: you hold the qualification or are exempt."]
    # The answer first, as in the terminal and HTML: what changes what to do now, then the steps.
    for warning in report.urgent:
        lines += ["", f"> **!** {warning}"]
    lines += ["", "## Checklist", ""]
    lines += ["| Status | Step | Sources |", "|---|---|---|"]
    for step in report.steps:
        symbol, word = STATUS_WORDS[step.status]
        lines.append(f"| {symbol} {word} | **{step.title}**<br>{step.detail} | {refs(step.sources)} |")
    lines += ["", "## Costs", ""]
    if report.costs:
        lines += ["| Item | Amount | Who pays | Sources |", "|---|---|---|---|"]
        for item in report.costs:
            lines.append(
                f"| {item.label} | {money(item.min_gbp, item.max_gbp)} | {PAYERS[item.payer]} | {refs(item.sources)} |"
            )
        lines.append(f"| **Total** | {money(*report.cost_totals())} | | |")
    else:
        lines.append("Nothing left to pay for.")
    if report.routes:
        lines += [
            "",
            "## Routes to QTS that fit",
            "",
            "| Route | Length | Cost | Sources |",
            "|---|---|---|---|",
        ]
        for route in report.routes:
            note = f"<br>{route.note}" if route.note else ""
            lines.append(
                f"| {route.label}{note} | {months(route.months_min, route.months_max)} | "
                f"{money(route.min_gbp, route.max_gbp)} | {refs(route.sources)} |"
            )
    notes = tuple(w for w in report.warnings if w not in report.urgent)
    lines += ending(
        notes, citations, f"Rules data reviewed {long_date(report.data_reviewed)}. Made with senco."
    )
    return "\n".join(lines) + "\n"


def render_costs_markdown(result: CostsResult) -> str:
    citations = Citations(result.all_sources())
    refs = citations.refs

    lines = ["# SENCO costs and NPQ funding", "", f"As of {long_date(result.as_of)}.", "", "## Costs", ""]
    lines += ["| Item | Amount | Who pays | Length | Sources |", "|---|---|---|---|---|"]
    for item in result.items:
        length = months(item.months_min, item.months_max) if item.months_min is not None else ""
        note = f"<br>{item.note}" if item.note else ""
        lines.append(
            f"| {item.label}{note} | {money(item.min_gbp, item.max_gbp)} | {PAYERS[item.payer]} | {length} | {refs(item.sources)} |"
        )
    for label, funding in result.setting_verdicts:
        symbol, word = FUNDING_WORDS[funding.status]
        lines += ["", f"**{label}**: {symbol} {word}. {funding.reason} {refs(funding.sources)}"]
    cohort = result.cohort
    lines += ["", f"## NPQ funding{f' for {cohort.label}' if cohort else ''}", ""]
    if result.funding_notes:
        first, *rest = result.funding_notes
        lines.append(f"? **unknown**: {first.text}")
        if rest:
            lines += ["", " ".join(n.text for n in rest), ""]
    for policy in result.policy:
        symbol, word = FUNDING_WORDS[policy.verdict]
        settings = ", ".join(result.setting_labels[s] for s in policy.settings)
        settings += f" ({policy.condition})" if policy.condition else ""
        lines.append(f"- {symbol} **{word}**: {settings}. {policy.reason} {refs(policy.sources)}")
    if result.policy:
        lines += ["", "A funded place is never guaranteed: places are capped."]
    lines += ["", "## Cohorts", "", "| Cohort | Starts | Funding | Sources |", "|---|---|---|---|"]
    for c in result.cohorts:
        starts = f"{'about ' if c.starts_estimated else ''}{long_date(c.starts)}"
        lines.append(
            f"| {c.label} (`{c.id}`) | {starts} | {c.funding.replace('_', ' ')} | {refs(c.sources)} |"
        )
    lines += ending(result.warnings, citations, f"Rules data reviewed {long_date(result.data_reviewed)}.")
    return "\n".join(lines) + "\n"


def render_audit_markdown(result: AuditResult) -> str:
    from senco_cli.audit.rows import STATE_SYMBOLS, row_state

    summary = result.summary()
    lines = ["# SENCO audit", "", f"As of {long_date(result.as_of)}.", ""]
    lines += "\n\n".join(escape(line) for line in audit_summary(summary)).split("\n")
    schools = result.schools
    if schools:
        from senco_cli.audit.schools import SCHOOL_STATUS

        lines += [
            "",
            "## Schools",
            "",
            "| School | URN | Regulation 49 | People | In breach | Overdue | At risk | To correct | Earliest deadline |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for school in schools:
            earliest = long_date(school.earliest_deadline) if school.earliest_deadline else ""
            lines.append(
                f"| {escape(school.name)} | {escape(school.urn or '')} | {SCHOOL_STATUS[school.status]} | "
                f"{school.people} | {school.in_breach} | {school.overdue} | {school.at_risk} | {school.invalid} | {earliest} |"
            )
        lines += ["", f"## {result.people_heading()}"]
    lines += [
        "",
        "| Row | Result | Name | TRN | Deadline | NPQ funding | Next step |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result.rows:
        deadline = (
            f"{long_date(row.deadline)} ({row.days_words()})"
            if row.deadline and row.days_left is not None
            else ""
        )
        funding = FUNDING_WORDS[row.funding][1] if row.funding else ""
        next_step = escape(row.next_words())
        word, state = row_state(row)
        lines.append(
            f"| {row.row} | {STATE_SYMBOLS[state]} {word} | {escape(row.name or '')} | "
            f"{row.trn or ''} | {deadline} | {funding} | {next_step} |"
        )
    footer = f"Rules data reviewed {long_date(result.data_reviewed)}. TRNs show their last three digits only."
    lines += ending(result.warnings, None, footer)
    return "\n".join(lines) + "\n"


def render_plan_markdown(plan: Plan) -> str:
    citations = Citations(plan.all_sources())
    who = f" for {escape(plan.name)}" if plan.name else ""
    lines = [f"# SENCO plan{who}", "", f"As of {long_date(plan.as_of)}.", ""]
    lines.append(f"**{headline(plan.situation, plan.remaining)}**")
    action = next_action_words(plan.next_action, plan.as_of)
    if action:
        lines += ["", f"**Next:** {escape(action)}"]
    lines += ["", "## Milestones", ""]
    if plan.milestones:
        lines += ["| Date | Kind | Milestone | Sources |", "|---|---|---|---|"]
    else:
        lines.append(NOTHING_TO_SCHEDULE)
    for m in plan.milestones:
        kind = m.kind + (", check" if m.check else "") + (", after the deadline" if m.after_deadline else "")
        lines.append(f"| {long_date(m.date)} | {kind} | {m.label} | {citations.refs(m.sources)} |")
    if plan.phases:
        lines += ["", "## Phases", "", "| Phase | From | To | Kind |", "|---|---|---|---|"]
        lines += [f"| {p.label} | {p.start} | {p.end} | {p.kind} |" for p in plan.phases]
    footer = f"Rules data reviewed {long_date(plan.data_reviewed)}. Estimates follow typical durations."
    lines += ending(plan.warnings, citations, footer)
    return "\n".join(lines) + "\n"
