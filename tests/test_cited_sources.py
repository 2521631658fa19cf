"""Every report lists exactly the sources its lines cite: no number cited that is not listed,
and no source listed that nothing shown cites (issue 23: `senco costs --setting academy`
listed sources that nothing on screen cited). In every human format: the terminal's text
(full titles, as in a file or a pipe), Markdown and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from senco_cli.rules.load import load_rules

from conftest import EXAMPLES, FROZEN_RULES, run_in_process

AS_OF = ("--as-of", "2026-11-28")
FORMATS = ("text", "markdown", "html")
RULES = load_rules(FROZEN_RULES)


def expand(refs: str) -> set[int]:
    """ "1, 8–11" -> {1, 8, 9, 10, 11}."""
    numbers: set[int] = set()
    for part in refs.split(","):
        low, _, high = part.strip().partition("–")
        numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def cited_and_listed(output: str, form: str) -> tuple[set[int], list[int]]:
    if form == "html":
        cited = {int(n) for n in re.findall(r'href="#source-(\d+)"', output)}
        return cited, [int(n) for n in re.findall(r'<li id="source-(\d+)"', output)]
    if form == "markdown":
        body, _, sources = output.partition("\n## Sources\n")
        cited = {int(n) for n in re.findall(r"\[(\d+)\]", body)}
        return cited, [int(n) for n in re.findall(r"^(\d+)\. \[", sources, re.M)]
    body, _, sources = output.partition("\nSources\n")
    body = " ".join(body.split())  # a claim's numbers may wrap onto the next line: "[6,\n 7]"
    cited = set().union(*(expand(refs) for refs in re.findall(r"\[(\d+(?:(?:, |–)\d+)*)\]", body)))
    return cited, [int(n) for n in re.findall(r"^\[(\d+)\] ", sources, re.M)]


def assert_cites_what_it_lists(output: str, form: str) -> None:
    cited, listed = cited_and_listed(output, form)
    assert listed == list(range(1, len(listed) + 1)), listed
    assert cited == set(listed), (
        f"listed, cited by nothing: {set(listed) - cited}; cited, not listed: {cited - set(listed)}"
    )


COSTS = (
    [()]
    + [("--setting", s) for s in sorted(RULES.settings)]
    + [("--route", r) for r in sorted({route.id for route in RULES.routes})]
    + [("--cohort", c.id) for c in RULES.cohorts]
)


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("filters", COSTS, ids=lambda f: "-".join(f) or "all")
def test_costs_list_only_the_sources_shown_lines_cite(filters: tuple[str, ...], form: str) -> None:
    result = run_in_process("costs", *filters, "--format", form, *AS_OF)
    assert result.returncode in (0, 1), result.stderr
    assert_cites_what_it_lists(result.stdout, form)


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["check", "plan"])
def test_check_and_plan_list_only_the_sources_shown_lines_cite(
    command: str, example: Path, form: str
) -> None:
    """The lead providers' list was listed in every check; it is a source where the words name
    the providers (the Next line of a late join), and cited there."""
    result = run_in_process(command, "--profile", str(example), "--format", form, *AS_OF)
    assert result.returncode in (0, 1), result.stderr
    assert_cites_what_it_lists(result.stdout, form)
