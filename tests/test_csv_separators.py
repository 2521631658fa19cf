"""A roster saved as Excel saves CSV in any locale reads alike: separated by commas, by
semicolons (locales that write a decimal comma) or by tabs, in UTF-8 or UTF-16 with its
byte-order mark (Excel's "Unicode Text"); the CSV results go back with the roster's own
separator, so the sheet opens as columns again."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import audit_json, run_in_process

HEADER = ["Name", "TRN", "QTS", "Induction", "SENCO", "Date appointed SENCO", "School type", "NPQ", "Post"]
ROWS = [
    ["Sam Patel", "1234567", "Yes", "Passed", "Yes", "01/09/2025", "Academy", "Not started", "SENCO"],
    ["O'Neil, Jo", "", "No", "", "Yes", "2024-09-01", "Maintained", "Studying", "Teacher; SENCO"],
    ['Ann "Nan" Lee', "7654321", "Yes", "Passed", "No", "", "Special", "Passed", "Teacher"],
]


def written(
    rows: list[list[str]], separator: str, encoding: str = "utf-8", title: str | None = None
) -> bytes:
    text = io.StringIO()
    if title is not None:
        text.write(title + "\r\n")
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows([HEADER, *rows])
    data = text.getvalue()
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + data.encode("utf-16-le")
    return data.encode(encoding)


def judged(path: Path) -> list[dict[str, Any]]:
    _, result, _ = audit_json(path)
    return sorted(result["rows"], key=lambda row: row["row"])


def test_semicolons_tabs_and_utf16_read_as_commas(tmp_path: Path) -> None:
    comma = tmp_path / "comma.csv"
    comma.write_bytes(written(ROWS, ","))
    expected = judged(comma)
    assert [row["name"] for row in expected] == ["Sam Patel", "O'Neil, Jo", 'Ann "Nan" Lee']
    assert all(row["error"] is None for row in expected)
    for name, data in {
        "semicolon.csv": written(ROWS, ";"),
        "tab.txt": written(ROWS, "\t"),
        "unicode-text.txt": written(ROWS, "\t", "utf-16"),
        "utf16-comma.csv": written(ROWS, ",", "utf-16"),
        "titled.csv": written(ROWS, ";", title="Oakfield Trust; SENCOs"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        below_title = int(name.startswith("titled"))  # the title row moves every row down one
        assert [{**row, "row": row["row"] - below_title} for row in judged(path)] == expected, name


def test_csv_results_keep_the_rosters_separator(tmp_path: Path) -> None:
    roster = tmp_path / "semicolon.csv"
    roster.write_bytes(written(ROWS, ";"))
    output = tmp_path / "results.csv"
    run = run_in_process(
        "audit", str(roster), "--as-of", "2026-11-28", "--format", "csv", "--output", str(output)
    )
    assert run.returncode == 1, run.stderr
    with output.open(encoding="utf-8-sig", newline="") as handle:
        back = list(csv.reader(handle, delimiter=";"))
    assert back[0][: len(HEADER)] == HEADER and back[0][len(HEADER)] == "result.status"
    assert [row[0] for row in back[1:]] == [row[0] for row in ROWS]
    assert [row[8] for row in back[1:]] == [row[8] for row in ROWS]  # "Teacher; SENCO" stays one cell


def test_binary_data_named_csv_says_why(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = run_in_process("audit", str(path), "--format", "json")
    assert run.returncode == 2
    [error] = json.loads(run.stdout)["errors"]
    assert "binary data" in error["message"] and error["code"] == "unreadable"


def test_a_broken_utf16_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(
        codecs.BOM_UTF16_LE + "Name\tTRN\r\n".encode("utf-16-le") + b"\x00\xd8"
    )  # lone surrogate
    run = run_in_process("audit", str(path))
    assert run.returncode == 2 and "UTF-16" in run.stderr and "Traceback" not in run.stderr


cells = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(",;\t\"' "),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(cells, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=6),
    st.sampled_from([";", "\t"]),
    st.sampled_from(["utf-8", "utf-16"]),
)
def test_any_cells_read_the_same_whatever_the_separator(
    tmp_path: Path, rows: list[list[str]], separator: str, encoding: str
) -> None:
    """Cells holding commas, semicolons, tabs and quotes: the roster separated by semicolons or
    tabs (UTF-8 or UTF-16) is judged exactly as the same roster separated by commas."""
    comma, other = tmp_path / "comma.csv", tmp_path / "other.csv"
    comma.write_bytes(written(rows, ","))
    other.write_bytes(written(rows, separator, encoding))
    first, second = (
        run_in_process("audit", str(comma), "--format", "json", "--as-of", "2026-11-28"),
        (run_in_process("audit", str(other), "--format", "json", "--as-of", "2026-11-28")),
    )
    assert (second.returncode, second.stdout) == (
        first.returncode,
        first.stdout.replace(str(comma), str(other)),
    )
