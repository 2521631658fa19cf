"""How much a person reads on a terminal at 80 columns: the answer first, short, no source lost."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from senco_cli.logic.assess import assess
from senco_cli.logic.costs import costs_lookup
from senco_cli.profile.io import load_profile
from senco_cli.rules.model import Rules

from conftest import EXAMPLES

AS_OF = dt.date(2026, 11, 28)


def terminal_lines(render: object, result: object) -> list[str]:
    """What a terminal 80 columns wide shows, without colour."""
    from senco_cli.render.terminal.check import make_console

    stream = io.StringIO()
    console = make_console(True, stream, terminal=True)
    console.width = 80
    render(result, console)  # type: ignore[operator]
    return stream.getvalue().splitlines()


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_check_body_fits_and_every_source_is_one_line(example: object, rules: Rules) -> None:
    from senco_cli.render.terminal.check import render_check

    report = assess(load_profile(example, rules.vocabulary()), rules, AS_OF)  # type: ignore[arg-type]
    lines = terminal_lines(render_check, report)
    sources_at = lines.index("Sources")
    assert sources_at <= 50, f"the report before its sources is {sources_at} lines"
    source_lines = [line for line in lines[sources_at + 1 :] if line.startswith("[")]
    assert len(source_lines) == len(report.all_sources())
    assert all(len(line) <= 80 for line in lines[sources_at:])


def test_a_qualified_senco_fits_in_40_lines(rules: Rules) -> None:
    from senco_cli.render.terminal.check import render_check

    profile = load_profile(EXAMPLES / "qualified-senco.toml", rules.vocabulary())
    assert len(terminal_lines(render_check, assess(profile, rules, AS_OF))) <= 40


@pytest.mark.parametrize(
    "filters",
    [
        {"setting": "academy"},
        {"setting": "independent"},
        {"route": "pgce"},
        {"route": "postgraduate_apprenticeship"},
    ],
)
def test_a_filtered_costs_lookup_fits_in_15_lines(filters: dict[str, str], rules: Rules) -> None:
    from senco_cli.render.terminal.costs import render_costs

    lines = terminal_lines(render_costs, costs_lookup(rules, AS_OF, **filters))
    assert len(lines) <= 15, "\n".join(lines)


def test_plain_costs_lists_only_current_cohorts_on_a_terminal(rules: Rules) -> None:
    from senco_cli.render.terminal.costs import render_costs

    result = costs_lookup(rules, AS_OF)
    lines = terminal_lines(render_costs, result)
    text = "\n".join(lines)
    assert "2026-autumn" in text and "2027-autumn" in text and "2024-autumn" not in text
    assert "earlier cohorts: senco costs --cohort ID" in text
    assert len(result.cohorts) > len(result.current_cohorts())
