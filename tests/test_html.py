"""`--format html`: self-contained reports, checked with a real HTML parser and printed by a
real headless browser (Debian's chromium) to PDF and PNG."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from workbooks import write_xlsx

from senco_cli.dates import long_date
from senco_cli.rules.model import Rules

from conftest import EXAMPLES, REVIEWED, run_in_process, run_senco

AS_OF = ("--as-of", "2026-11-28")
HOSTILE = (
    '<script>alert("x")</script><b>bold</b> [red]markup[/red]'  # control characters are refused at input
)


class Page(HTMLParser):
    """The parts of a page the checks look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.in_title = False
        self.title = ""
        self.tables: list[dict[str, bool]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.open.append(tag)
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"caption": False, "th": False})
        if tag in ("caption", "th") and self.tables:
            self.tables[-1][tag] = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open and self.open[-1] == "title" and "svg" not in self.open:
            self.title += data

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())

    def attributes(self, name: str) -> list[str]:
        return [value for _, attrs in self.tags for key, value in attrs.items() if key == name and value]


def html_of(*args: str) -> str:
    result = run_in_process(*args, "--format", "html", *AS_OF)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def assert_sound(page: Page, rules: Rules) -> None:
    """Structure every report keeps: language, one h1, headings in order, captioned tables
    with header cells, SVGs with text alternatives, and nothing that runs or is fetched."""
    html_tag = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html_tag.get("lang") == "en-GB"
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    assert page.tables and all(t["caption"] and t["th"] for t in page.tables)
    names = [tag for tag, _ in page.tags]
    assert not {"script", "iframe", "img", "link", "object", "embed"} & set(names)
    assert all(not key.startswith("on") for _, attrs in page.tags for key in attrs)
    source_urls = {source.url for source in rules.sources.values()}
    for link in page.attributes("href"):
        assert link.startswith("#") or link in source_urls, link
    assert not page.attributes("src")
    for tag, attrs in page.tags:
        if tag == "svg":
            assert attrs.get("role") == "img" and attrs.get("aria-labelledby")
    assert names.count("svg") == names.count("desc") or "svg" not in names
    assert "(as of" not in page.title and "as of 28 November 2026" in page.title


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_check_report_answers_first_and_matches_the_json(example: Path, shipped_rules: Rules) -> None:
    page = Page(html_of("check", "--profile", str(example)))
    assert_sound(page, shipped_rules)
    checked = json.loads(
        run_in_process("check", "--profile", str(example), "--format", "json", *AS_OF).stdout
    )
    text = page.all_text()
    answer = text.index("Deadline")
    assert text.index("Checklist") > answer  # the answer comes before the checklist
    deadline = checked["deadline"]["date"]
    if deadline:
        assert long_date(dt.date.fromisoformat(deadline)) in text
    assert f"reviewed on {long_date(dt.date.fromisoformat(REVIEWED))}" in text
    numbered = [
        attrs.get("id")
        for tag, attrs in page.tags
        if tag == "li" and (attrs.get("id") or "").startswith("source-")
    ]
    parts = (checked["steps"], checked["costs"]["items"], checked["routes"])
    cited = {s["url"] for part in parts for item in part for s in item["sources"]}
    assert len(numbered) >= len(cited)
    for step in checked["steps"]:
        assert step["title"] in text


def test_profile_text_is_escaped(tmp_path: Path, shipped_rules: Rules) -> None:
    profile = tmp_path / "me.toml"
    text = (EXAMPLES / "new-senco.toml").read_text(encoding="utf-8")
    escaped = HOSTILE.replace('"', '\\"')
    profile.write_text(text.replace('name = "Sam Patel"', f'name = "{escaped}"'), encoding="utf-8")
    html = html_of("check", "--profile", str(profile))
    page = Page(html)
    assert_sound(page, shipped_rules)
    assert "\x1b" not in html and "<b>bold" not in html and "<script>" not in html
    assert '<script>alert("x")</script><b>bold</b> [red]markup[/red]' in page.all_text()


def test_plan_report_draws_the_timeline_with_a_table(shipped_rules: Rules) -> None:
    profile = str(EXAMPLES / "new-senco.toml")
    page = Page(html_of("plan", "--profile", profile))
    assert_sound(page, shipped_rules)
    plan = json.loads(run_in_process("plan", "--profile", profile, "--format", "json", *AS_OF).stdout)
    rects = [attrs for tag, attrs in page.tags if tag == "rect"]
    assert len(rects) == len(plan["phases"])
    lines = {attrs.get("class") for tag, attrs in page.tags if tag == "line"}
    assert {"mark--today", "mark--deadline"} <= lines
    text = page.all_text()
    for milestone in plan["milestones"]:
        assert milestone["label"] in text
    assert "Timeline of the plan" in text and "Statutory deadline" in text


def test_costs_report(shipped_rules: Rules) -> None:
    page = Page(html_of("costs"))
    assert_sound(page, shipped_rules)
    one = Page(html_of("costs", "--setting", "academy"))
    assert "Mainstream academy or free school" in one.all_text()


def audit_book(tmp_path: Path) -> Path:
    header = [
        "Name",
        "TRN",
        "QTS",
        "Induction",
        "SENCO",
        "Date appointed SENCO",
        "Teaches at the school",
        "School",
        "URN",
        "School type",
    ]
    people = [
        [HOSTILE, 1234567, "yes", "passed", "yes", "01/09/2025", "yes", "Oak <i>Primary</i>", 100001, "Academy converter"],
        ["Late One", 7654321, "yes", "passed", "yes", "01/09/2022", "yes", "Oak <i>Primary</i>", 100001, "Academy converter"],
        ["Kim Ray", 7000001, "yes", "passed", "yes", "01/01/2026", "yes", "Birch", 100002, "Community school"],
    ]  # fmt: skip
    return write_xlsx(tmp_path / "staff.xlsx", {"Staff": [header, *people]})


def test_audit_dashboard_matches_the_json(tmp_path: Path, shipped_rules: Rules) -> None:
    book = audit_book(tmp_path)
    html = html_of("audit", str(book))
    page = Page(html)
    assert_sound(page, shipped_rules)
    result = json.loads(run_in_process("audit", str(book), "--format", "json", *AS_OF).stdout)
    summary = result["summary"]
    counts = dict(
        zip(
            ["people", "ready", "not ready", "at risk", "overdue", "to correct"],
            [
                summary["rows"],
                summary["ready"],
                summary["not_ready"],
                summary["at_risk"],
                summary["overdue"],
                summary["invalid"],
            ],
            strict=True,
        )
    )
    text = page.all_text()
    for word, count in counts.items():
        assert f"{count} {word}" in text, word
    bars = [attrs for tag, attrs in page.tags if tag == "rect"]
    assert len(bars) == 24
    charted = text.split("still to qualify: ")[1].split(".")[0]  # "Sep 2028: 1; ..."
    within = dt.date(2028, 11, 1)  # 24 months from November 2026
    assert sum(int(part.split(": ")[1]) for part in charted.split("; ")) == sum(
        1
        for row in result["rows"]
        if row["deadline"]
        and not row["overdue"]
        and row["status"] != "ready"
        and row["deadline"] < within.isoformat()
    )
    assert "<script>" not in html and HOSTILE in text
    assert "1234567" not in html and "7654321" not in html and "****567" in text
    assert "<i>Primary" not in html and "Oak <i>Primary</i>" in text
    assert text.index("Schools") < text.index("People school by school (most urgent school first)")


# ---- a real browser ----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="Debian's chromium and poppler-utils are needed (.ci/run installs them)",
)


def browser(html_file: Path, out: Path, profile_dir: Path, *how: str) -> None:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile_dir}",
    ]
    subprocess.run(
        [CHROMIUM, *flags, *how, html_file.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(profile_dir)},
    )
    assert out.exists() and out.stat().st_size > 1000, f"chromium wrote no {out.name}"


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return pages, " ".join(text.split())


# Chromium's PDF word boxes are the font's ascent plus descent: about 1.115 times the size in
# points for the sans-serif it prints with here (8.3 pt text measured 9.27, 11 pt text 12.28).
BOX_PER_POINT = 1.115


def body_points(pdf: Path, words: set[str], page: int = 1) -> float:
    """The size, in points, that `words` (body text, such as the checklist's step titles) are
    printed at on a page of the PDF: the median of their word boxes."""
    boxes = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    heights = [
        float(bottom) - float(top)
        for top, bottom, word in re.findall(
            r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes
        )
        if word in words
    ]
    assert heights, "none of the words were found on the page"
    return statistics.median(heights) / BOX_PER_POINT


def page_text(pdf: Path, page: int) -> str:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split())


@needs_browser
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_a_check_prints_readably_with_the_answer_and_checklist_on_page_1(
    example: Path, tmp_path: Path
) -> None:
    """Issue 23 item 10: body text at least 11 pt in print; the answer and the checklist on
    page 1 (the sources may follow on page 2)."""
    page = tmp_path / "report.html"
    result = run_senco("check", "--profile", str(example), *AS_OF, "--format", "html", "--output", str(page))
    assert result.returncode in (0, 1) and page.exists()
    pdf = tmp_path / "report.pdf"
    browser(page, pdf, tmp_path / "chromium", f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    pages, text = pdf_pages(pdf)
    assert pages <= 2
    first = page_text(pdf, 1)
    checked = json.loads(
        run_in_process("check", "--profile", str(example), "--format", "json", *AS_OF).stdout
    )
    step_words = {word for step in checked["steps"] for word in step["title"].split() if len(word) > 3}
    assert body_points(pdf, step_words) >= 10.9
    from senco_cli.text import SITUATIONS

    assert SITUATIONS[checked["situation"]][1] in first
    if checked["deadline"]["date"]:
        assert long_date(dt.date.fromisoformat(checked["deadline"]["date"])) in first
    for step in checked["steps"]:
        assert " ".join(step["title"].split()[:4]) in first, step["id"]
    assert "(https://www.legislation.gov.uk/" in text  # links printed after their text


@needs_browser
def test_every_report_renders_in_the_browser(tmp_path: Path) -> None:
    reports: dict[str, tuple[str, ...]] = {
        "plan": ("plan", "--profile", str(EXAMPLES / "unqualified-graduate.toml")),
        "costs": ("costs",),
        "audit": ("audit", str(audit_book(tmp_path))),
    }
    for name, args in reports.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html_of(*args), encoding="utf-8")
        png = tmp_path / f"{name}.png"
        browser(page, png, tmp_path / f"chromium-{name}", f"--screenshot={png}", "--window-size=1000,1400")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        pdf = tmp_path / f"{name}.pdf"
        browser(
            page, pdf, tmp_path / f"chromium-{name}-pdf", f"--print-to-pdf={pdf}", "--no-pdf-header-footer"
        )
        pages, text = pdf_pages(pdf)
        assert pages >= 1 and f"SENCO {name}" in text


def test_html_output_is_atomic_and_never_clobbers(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text("keep me", encoding="utf-8")
    result = run_in_process(
        "check", "--profile", str(EXAMPLES / "new-senco.toml"), "--format", "html", "--output", str(page)
    )
    assert result.returncode == 2 and page.read_text(encoding="utf-8") == "keep me"
    forced = run_in_process(
        "check",
        "--profile",
        str(EXAMPLES / "new-senco.toml"),
        "--format",
        "html",
        "--output",
        str(page),
        "--force",
    )
    assert forced.returncode == 1 and page.read_text(encoding="utf-8").startswith("<!doctype html>")
