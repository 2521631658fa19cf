"""Issue 23 item 11: the HTML reports on a phone. Each report is laid out by headless Chromium
in a 390 px wide viewport, and at 320 px (iframes of those widths: Chromium's own window is
never narrower than 500 px), and measured there: the page must not scroll sideways, every table cell that is
shown stacked carries its column's header, and chart text is drawn at 12 px or more, inside
its chart and clear of other text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_html import CHROMIUM, audit_book, html_of, needs_browser
from workbooks import write_xlsx

from conftest import EXAMPLES

PHONE, SMALL, DESK = (
    390,
    320,
    1000,
)  # an iPhone 12 to 15's width in CSS pixels; the narrowest phones; a desktop
LEGIBLE_PX = 12.0

# Runs in the harness page only (the report itself keeps its no-script policy): measures each
# report frame once everything has loaded and writes the figures into the harness's DOM.
MEASURE = """
addEventListener('load', () => {
  const figures = {};
  for (const frame of document.querySelectorAll('iframe')) {
    const doc = frame.contentDocument, root = doc.documentElement;
    const box = (e) => { const r = e.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom]; };
    const charts = [...doc.querySelectorAll('svg')].map((svg) => ({
      box: box(svg),
      texts: [...svg.querySelectorAll('text')].filter((t) => t.getClientRects().length).map((t) => {
        const m = t.getScreenCTM();
        return { text: t.textContent, box: box(t),
          px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) };
      }),
    }));
    const cells = [...doc.querySelectorAll('table')].flatMap((table) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      return [...table.querySelectorAll('tbody tr')].flatMap((tr) =>
        [...tr.children].map((td, i) => ({
          table: table.className, header: heads[i] ?? null, label: td.dataset.label ?? null,
          across: td.colSpan > 1,
          shown: getComputedStyle(td, '::before').content, display: getComputedStyle(td).display,
        })));
    });
    figures[frame.id] = { viewport: root.clientWidth, scroll: root.scrollWidth, charts, cells };
  }
  document.getElementById('figures').textContent = JSON.stringify(figures);
});
"""


def measure(report: str, tmp_path: Path) -> dict[str, Any]:
    """The report laid out at phone and desktop widths, measured by Chromium: for each width,
    the viewport and scroll widths, each chart's text, and each table body cell."""
    import subprocess

    assert CHROMIUM is not None
    frames = "".join(
        f'<iframe id="w{width}" width="{width}" height="844" style="border:0;display:block" '
        f'srcdoc="{html.escape(report, quote=True)}"></iframe>'
        for width in (PHONE, SMALL, DESK)
    )
    harness = tmp_path / "harness.html"
    harness.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">{frames}'
        f'<pre id="figures"></pre><script>{MEASURE}</script></body></html>',
        encoding="utf-8",
    )
    profile = tmp_path / "chromium"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--window-size=1100,900",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"HOME": str(profile), "PATH": "/usr/bin:/bin"},
    )
    found = re.search(r'<pre id="figures">(.*?)</pre>', done.stdout, re.S)
    assert found and found.group(1), f"chromium measured nothing: {done.stderr[-500:]}"
    figures: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return figures


def overlapping(a: list[float], b: list[float], slack: float = 1.0) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def reports(tmp_path: Path) -> dict[str, tuple[str, ...]]:
    return {
        "check": ("check", "--profile", str(EXAMPLES / "unqualified-graduate.toml")),
        "plan": ("plan", "--profile", str(EXAMPLES / "new-senco.toml")),
        "plan-long": ("plan", "--profile", str(EXAMPLES / "unqualified-graduate.toml")),
        "costs": ("costs",),
        "costs-setting": ("costs", "--setting", "academy"),
        "audit": ("audit", str(audit_book(tmp_path))),
        "audit-busy": ("audit", str(busy_book(tmp_path))),
    }


def busy_book(tmp_path: Path) -> Path:
    """21 SENCOs whose deadlines fall in two neighbouring months (10 in December 2027, 11 in
    January 2028): two-digit counts over neighbouring bars."""
    header = [
        "Name",
        "TRN",
        "QTS",
        "Induction",
        "SENCO",
        "Date appointed SENCO",
        "Teaches at the school",
        "School type",
    ]
    rows = [
        [
            f"Person {i}",
            2000000 + i,
            "yes",
            "passed",
            "yes",
            "01/12/2024" if i < 10 else "01/01/2025",
            "yes",
            "Academy converter",
        ]
        for i in range(21)
    ]
    return write_xlsx(tmp_path / "busy.xlsx", {"Staff": [header, *rows]})


@needs_browser
@pytest.mark.parametrize(
    "name", ["check", "plan", "plan-long", "costs", "costs-setting", "audit", "audit-busy"]
)
def test_a_report_fits_a_phone_without_sideways_scrolling(name: str, tmp_path: Path) -> None:
    figures = measure(html_of(*reports(tmp_path)[name]), tmp_path)
    phone, small, desk = figures[f"w{PHONE}"], figures[f"w{SMALL}"], figures[f"w{DESK}"]
    assert (phone["viewport"], small["viewport"]) == (PHONE, SMALL)
    # The document is exactly as wide as the phone: nothing to scroll sideways to.
    for width, measured in ((PHONE, phone), (SMALL, small), (DESK, desk)):
        assert measured["scroll"] == measured["viewport"], (
            f"{name} is {measured['scroll']} px wide at {width} px"
        )

    # Charts: every text at 12 px or more as drawn, inside its chart, overlapping no other text.
    for width, measured in ((PHONE, phone), (SMALL, small), (DESK, desk)):
        for chart in measured["charts"]:
            texts = chart["texts"]
            assert texts, "a chart with no text"
            for text in texts:
                assert text["px"] >= LEGIBLE_PX, f"{text['text']!r} is {text['px']:.1f} px at {width} px"
                left, top, right, bottom = text["box"]
                c_left, c_top, c_right, c_bottom = chart["box"]
                assert c_left - 0.5 <= left and right <= c_right + 0.5, (width, text)
                assert c_top - 0.5 <= top and bottom <= c_bottom + 0.5, (width, text)
            for i, one in enumerate(texts):
                for other in texts[i + 1 :]:
                    assert not overlapping(one["box"], other["box"]), (width, one, other)

    # Tables: on the phone each row's cells stack, each under its column's header; on a
    # desktop they stay a table with no labels added.
    assert phone["cells"], "the report has no table rows"
    for cell in phone["cells"]:
        if cell["across"] or cell["display"] == "none":  # "Nothing left to schedule"; an empty cell
            continue
        assert cell["label"] == cell["header"], cell
        assert cell["display"] != "table-cell" and cell["shown"] == json.dumps(cell["header"]), cell
    assert all(cell["display"] == "table-cell" and cell["shown"] == "none" for cell in desk["cells"])
    assert any(cell["display"] != "none" for cell in phone["cells"])
