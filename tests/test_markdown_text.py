"""Text in the Markdown reports reads as typed: escaped where Markdown would read it as markup,
and nowhere else. Read back with markdown-it-py (CommonMark with GitHub's tables and
strikethrough; installed with Rich)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from senco_cli.render.markdown import escape
from senco_cli.text import plain

from conftest import EXAMPLES, run_in_process

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def as_text(children: list[Token] | None) -> str:
    """The text of an inline run, which must be text only: no emphasis, code, link or HTML."""
    assert children is not None
    kinds = {token.type for token in children}
    assert kinds <= {"text"}, kinds
    return "".join(token.content for token in children)


def active_markup(markdown: str) -> set[str]:
    """The raw HTML, links and images a Markdown reader would act on in `markdown`."""
    acted = {"html_block", "html_inline", "link_open", "image"}
    kinds = set()
    for token in MARKDOWN.parse(markdown):
        kinds |= {token.type} & acted
        kinds |= {child.type for child in token.children or []} & acted
    return kinds


def paragraph(source: str) -> str:
    tokens = MARKDOWN.parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], source
    return as_text(tokens[1].children)


def table_cell(source: str) -> str:
    tokens = MARKDOWN.parse(f"| Name |\n|---|\n| {source} |\n")
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 2, source
    return as_text(cells[1].children)


def read_back(text: str) -> None:
    escaped = escape(text)
    assert paragraph(escaped) == text  # at the start of a line
    assert paragraph(f"Setting: {escaped}") == f"Setting: {text}"  # within a line
    assert table_cell(escaped) == text


# What a profile, a roster or the rules data can put in a report: any printable text on one
# line (senco's plain() shows control characters as codes).
one_line = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40).map(
    lambda raw: " ".join(plain(raw).split())
)


@settings(max_examples=400, deadline=None)
@given(one_line)
def test_any_text_reads_back_as_typed(text: str) -> None:
    if text:
        read_back(text)


@pytest.mark.parametrize(
    "text",
    ["&amp;", "&#35; x", "1. a", "12) a", "# x", "- x", "+ x", "> x", "=", "---", "a|b", "`x`", "*x*"]
    + ["_x_", "[a](b)", "<b>", "~~x~~", "\\", "![a](b)", "a\\|b", "[x]: /a", "***", "- [ ] x"],
)
def test_markup_reads_back_as_text(text: str) -> None:
    read_back(text)


@given(st.text(st.sampled_from("abc 1(){}.,;:!?#+-=/'\"£%"), min_size=1, max_size=30))
def test_ordinary_punctuation_is_left_as_it_is(text: str) -> None:
    """Only a block marker at the very start is escaped: "(", ".", "!", "#" or "-" within a
    line is plain text in Markdown."""
    escaped = escape(text)
    assert escaped == text or (
        escaped.replace("\\", "", 1) == text and re.match(r"\s*(\\[#>+=-]|\d+\\[.)])", escaped)
    )


def test_the_next_line_and_notes_read_as_written() -> None:
    """Issue 23: the Markdown check escaped the brackets and full stops of its Next line."""
    markdown = run_in_process(
        "check",
        "--profile",
        str(EXAMPLES / "new-senco.toml"),
        "--format",
        "markdown",
        "--as-of",
        "2026-11-28",
    ).stdout
    next_line = next(line for line in markdown.splitlines() if line.startswith("**Next:**"))
    assert "\\" not in next_line
    assert (
        "(started 1 November 2026; DfE funding for you: funded; result by about 1 September 2028)"
        in next_line
    )
    assert "UCL Institute of Education. If not: register" in next_line
    notes = markdown.split("## Notes")[1].split("## Sources")[0]
    assert "\\" not in notes and "(23 February 2026)" in notes
