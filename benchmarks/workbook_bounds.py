"""Hostile workbooks under 10 MB on disk: each must be read or refused within 5 s and 300 MB.

Run: python benchmarks/workbook_bounds.py [--keep FOLDER]
For each workbook it prints its size on disk, the largest part's inflated size and ratio,
then the seconds and peak memory of (a) reading it as `senco audit` does (opening the sheet
and every row, no assessment) and (b) the whole `senco audit --format json` run, with the
exit code (2: refused with one line).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from startup import senco

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from workbooks import MAIN_NS, sheet_data, write_raw_xlsx  # noqa: E402

LIMIT_SECONDS, LIMIT_MB = 5.0, 300.0
HEADER = ["you.name", "role.senco", "role.senco_since", "school.setting", "you.trn", "qualifications.qts"]
PERSON = {"A1": "you.name", "B1": "role.senco", "C1": "role.senco_since", "D1": "school.setting"}
PERSON |= {"A2": "Sam Patel", "B2": "yes", "C2": "2025-09-01", "D2": "academy"}
READ = """
import sys, datetime as dt
from pathlib import Path
from senco_cli.errors import InputError
from senco_cli.roster.sheet import open_sheet
from senco_cli.rules.load import bundled_rules
rules = bundled_rules()
try:
    with open_sheet(Path(sys.argv[1]), rules.vocabulary(), dt.date(2026, 11, 28), None,
                    rules.column_names, ignore_unknown=True) as opened:
        print(sum(1 for _ in opened.rows))
except InputError as error:
    print(error, file=sys.stderr)
    sys.exit(2)
"""


def streamed_sheet(
    path: Path, rows: Callable[[], Iterator[bytes]], extra: dict[str, bytes] | None = None
) -> Path:
    """An .xlsx whose one sheet's rows are written as they come (never held whole)."""
    write_raw_xlsx(path, [("Staff", "", "visible")], extra)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist() if name != "xl/worksheets/sheet1.xml"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
            for chunk in rows():
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return path


def header_row() -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>' for i, name in enumerate(HEADER)
    )
    return f'<row r="1">{cells}</row>'.encode()


def people(count: int) -> Callable[[], Iterator[bytes]]:
    def rows() -> Iterator[bytes]:
        yield header_row()
        for n in range(2, count + 2):
            yield (
                f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Teacher {n}</t></is></c>'
                f'<c r="B{n}" t="inlineStr"><is><t>yes</t></is></c><c r="C{n}"><v>{45000 + n % 900}</v></c>'
                f'<c r="D{n}" t="inlineStr"><is><t>academy</t></is></c><c r="E{n}" t="inlineStr"><is><t>'
                f'{1000000 + n}</t></is></c><c r="F{n}" t="b"><v>1</v></c></row>'
            ).encode()

    return rows


def filled_down(last: int, value: bytes) -> Callable[[], Iterator[bytes]]:
    def rows() -> Iterator[bytes]:
        yield header_row().replace(b"</row>", b'<c r="AZ1" t="inlineStr"><is><t>helper</t></is></c></row>')
        yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>Sam</t></is></c><c r="B2" t="inlineStr"><is><t>yes</t></is></c></row>'
        for n in range(3, last + 1):
            yield b'<row r="%d"><c r="AZ%d" t="str"><f>1</f>%s</c></row>' % (n, n, value)

    return rows


def errors(last: int) -> Callable[[], Iterator[bytes]]:
    def rows() -> Iterator[bytes]:
        yield header_row()
        for n in range(2, last + 1):
            yield b'<row r="%d"><c r="C%d" t="e"><v>#REF!</v></c></row>' % (n, n)

    return rows


def one_cell_rows(last: int) -> Callable[[], Iterator[bytes]]:
    def rows() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>you.name</t></is></c></row>'
        for n in range(2, last + 1):
            yield b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n)

    return rows


def bomb(path: Path, megabytes: int) -> Path:
    write_raw_xlsx(path, [("Staff", sheet_data(PERSON), "visible")])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part,
    ):
        part.write(f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}"><si><t>'.encode())
        block = b"a" * (1 << 20)
        for _ in range(megabytes):
            part.write(block)
        part.write(b"</t></si></sst>")
    return path


def cases(folder: Path) -> list[tuple[str, Path]]:
    far = {**PERSON, "XFD1048576": 1}
    return [
        (
            "one cell at XFD5000",
            write_raw_xlsx(
                folder / "xfd5000.xlsx", [("Staff", sheet_data({**PERSON, "XFD5000": 1}), "visible")]
            ),
        ),
        (
            "one cell at XFD1048576",
            write_raw_xlsx(folder / "xfd-last.xlsx", [("Staff", sheet_data(far), "visible")]),
        ),
        (
            "helper formula to row 1048576 giving blanks",
            streamed_sheet(folder / "blank-helper.xlsx", filled_down(1_048_576, b"<v></v>")),
        ),
        (
            "helper formula to row 600000 giving 1",
            streamed_sheet(folder / "helper.xlsx", filled_down(600_000, b"<v>1</v>")),
        ),
        ("#REF! in a column to row 600000", streamed_sheet(folder / "errors.xlsx", errors(600_000))),
        ("sharedStrings inflating to 512 MB", bomb(folder / "bomb-512.xlsx", 512)),
        ("sharedStrings inflating to 2 GB", bomb(folder / "bomb-2g.xlsx", 2048)),
        ("600,000 rows of one cell", streamed_sheet(folder / "one-cell.xlsx", one_cell_rows(600_000))),
        ("99,000 people, 6 columns (read)", streamed_sheet(folder / "people.xlsx", people(99_000))),
        ("30,000 people, 6 columns (read)", streamed_sheet(folder / "people-30k.xlsx", people(30_000))),
    ]


def measure(command: list[str]) -> tuple[int, float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="senco-bounds-"))
    folder.mkdir(parents=True, exist_ok=True)
    worst = 0.0
    print(
        f"{'workbook':48} {'on disk':>9} {'inflated':>9} {'ratio':>6} | {'read s':>6} {'MB':>5} | {'audit s':>7} {'MB':>5} exit"
    )
    for label, path in cases(folder):
        with zipfile.ZipFile(path) as archive:
            largest = max(archive.infolist(), key=lambda info: info.file_size)
        ratio = largest.file_size / max(largest.compress_size, 1)
        _, read_s, read_mb = measure([sys.executable, "-c", READ, str(path)])
        code, audit_s, audit_mb = -1, 0.0, 0.0
        if "(read)" not in label:  # a whole audit of many people measures the assessing too
            code, audit_s, audit_mb = measure(
                [senco(), "audit", str(path), "--as-of", "2026-11-28", "--format", "json", "--ignore-unknown"]
            )
        size = path.stat().st_size
        print(
            f"{label:48} {size / 2**20:8.2f}M {largest.file_size / 2**20:8.0f}M {ratio:6.0f} | "
            f"{read_s:6.2f} {read_mb:5.0f} | {audit_s:7.2f} {audit_mb:5.0f} {code:4d}"
        )
        assert size < 10 * 2**20, f"{label}: {size} bytes is not under 10 MB"
        worst = max(worst, read_s / LIMIT_SECONDS, read_mb / LIMIT_MB)
        if not args.keep:
            path.unlink()
    print(f"worst reading against the target (5 s, 300 MB): {worst:.0%}")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
