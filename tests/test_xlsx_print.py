"""The results workbook on paper, as LibreOffice prints it (Debian's libreoffice-calc-nogui
turns it into a PDF; poppler-utils reads the PDF back): issue 25's 12-person, 5-school
workbook printed on 11 A4 pages, and the first fix (one page wide) printed Staff at 3 pt."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from test_real_rosters import TRUST, TWELVE, trust_row
from workbooks import write_xlsx

from conftest import run_in_process

SOFFICE = shutil.which("soffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="Debian's libreoffice-calc-nogui and poppler-utils are needed (.ci/run installs them)",
)
# LibreOffice's PDF word boxes for its Calibri stand-in (Carlito): 14.3 pt tall for 11 pt text.
BOX_PER_POINT = 1.3


def printed(workbook: Path, folder: Path) -> Path:
    """The workbook as LibreOffice prints it, with a profile of its own (never the user's)."""
    assert SOFFICE is not None
    profile = folder / "office-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(workbook)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    pdf = folder / (workbook.stem + ".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def words(pdf: Path, page: int) -> list[tuple[float, str]]:
    """Each word on a page with its box's height in points."""
    boxes = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [
        (float(bottom) - float(top), word)
        for top, bottom, word in re.findall(
            r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes
        )
    ]


@needs_office
def test_a_twelve_person_results_workbook_prints_on_a_few_legible_pages(tmp_path: Path) -> None:
    sheet = [["Oak Trust: SENCO tracker, autumn 2026"], [], TRUST, *[trust_row(typed) for typed, _ in TWELVE]]
    book = write_xlsx(tmp_path / "trust.xlsx", {"SENCOs": sheet})
    out = tmp_path / "results.xlsx"
    run_in_process("audit", str(book), "--as-of", "2026-11-28", "--format", "xlsx", "--output", str(out))
    pdf = printed(out, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert "A4" in info and pages <= 5, pages  # 12 before the print setup
    first_names = {typed[0].split()[0] for typed, _ in TWELVE}
    staff_pages = 0
    for page in range(1, pages + 1):
        found = words(pdf, page)
        text = {word for _, word in found}
        if "Name" not in text:  # Schools and Summary
            continue
        staff_pages += 1
        assert first_names <= text, page  # the name column on every page across
        size = statistics.median(height for height, word in found if word in first_names) / BOX_PER_POINT
        assert size >= 8, f"page {page}: names printed at {size:.1f} pt"
    assert staff_pages >= 1
