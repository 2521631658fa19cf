"""Issue 23 item 10: a printed report never ends on a page that holds the footer alone.
Printed by headless Chromium to PDF and read back with poppler's pdftotext."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from test_html import browser, html_of, needs_browser, page_text, pdf_pages
from workbooks import write_xlsx

HEADER = ["Name", "TRN", "QTS", "Induction", "SENCO", "Date appointed SENCO", "Teaches at the school", "School", "URN", "School type"]  # fmt: skip


def roster(tmp_path: Path, people: int) -> Path:
    """`people` SENCOs at one academy, appointed on different dates: one results row each."""
    rows = [
        [
            f"Person {i}",
            1000000 + i,
            "yes",
            "passed",
            "yes",
            f"01/0{1 + i % 9}/202{3 + i % 3}",
            "yes",
            "Oak",
            100001,
            "Academy converter",
        ]  # fmt: skip
        for i in range(people)
    ]
    return write_xlsx(tmp_path / f"staff-{people}.xlsx", {"Staff": [HEADER, *rows]})


def printed(html: str, tmp_path: Path, name: str) -> list[str]:
    """The text of each printed page."""
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    browser(page, pdf, tmp_path / f"chromium-{name}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    pages, _ = pdf_pages(pdf)
    return [page_text(pdf, n) for n in range(1, pages + 1)]


def footer_words(html: str) -> set[str]:
    """The words of the report's footer line."""
    found = re.search(r"<footer>\s*<p>(.*?)</p>", html, re.S)
    assert found, "the report has no footer"
    return set(unescape(found.group(1)).split())


def assert_no_lone_footer(pages: list[str], html: str) -> None:
    footer = footer_words(html)
    for number, text in enumerate(pages[1:], start=2):
        rest = [word for word in text.split() if word not in footer and not word.isdigit()]
        assert rest, f"page {number} of {len(pages)} holds only the footer: {text!r}"


@needs_browser
def test_an_audit_that_just_overflows_page_1_takes_more_than_its_footer_over(tmp_path: Path) -> None:
    """The footer would stand alone where a roster first needs a second page: the smallest
    roster that does is found by halving (the page count only grows with the roster)."""
    low, high = 1, 16  # 1 person prints on one page; 16 people on more than one
    pages_of: dict[int, list[str]] = {}

    def pages(people: int) -> list[str]:
        if people not in pages_of:
            html = html_of("audit", str(roster(tmp_path, people)))
            pages_of[people] = printed(html, tmp_path, f"audit-{people}")
            assert_no_lone_footer(pages_of[people], html)
        return pages_of[people]

    assert len(pages(low)) == 1 and len(pages(high)) > 1
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if len(pages(middle)) > 1 else (middle, high)
    assert len(pages(high)) == 2  # checked in pages(): page 2 holds more than the footer


@needs_browser
@pytest.mark.parametrize(
    "filters",
    [
        (),
        ("--setting", "academy"),
        ("--setting", "other"),
        ("--route", "apply_for_qts"),
        ("--cohort", "2026-spring"),
    ],
    ids=lambda f: "-".join(f) or "all",
)
def test_costs_print_without_a_lone_footer(filters: tuple[str, ...], tmp_path: Path) -> None:
    html = html_of("costs", *filters)
    assert_no_lone_footer(printed(html, tmp_path, "costs"), html)
