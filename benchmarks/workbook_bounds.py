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
from typing import Any

from timing import senco

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from workbooks import (  # noqa: E402
    MAIN_NS,
    ods_cell,
    ods_row,
    sheet_data,
    write_ods_rows,
    write_raw_xlsx,
    write_xls,
    write_xlsb,
)

LIMIT_SECONDS, LIMIT_MB = 5.0, 300.0
HEADER = ["you.name", "role.senco", "role.senco_since", "school.setting", "you.trn", "qualifications.qts"]
PERSON = {"A1": "you.name", "B1": "role.senco", "C1": "role.senco_since", "D1": "school.setting"}
PERSON |= {"A2": "Sam Patel", "B2": "yes", "C2": "2025-09-01", "D2": "academy"}
READ = """
import sys, datetime as dt
from pathlib import Path
from senco_cli.errors import InputError
from senco_cli.roster.sheet import open_sheet
from senco_cli.rules.cache import bundled_rules
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


def values_right_of_the_header(last: int) -> Callable[[], Iterator[bytes]]:
    """A two-column header, and on every row a name under it and 20 values right of it."""

    def rows() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>you.name</t></is></c><c r="B1" t="inlineStr"><is><t>role.senco</t></is></c></row>'
        for n in range(2, last + 1):
            beyond = b"".join(b'<c r="%s%d"><v>1</v></c>' % (bytes([67 + i]), n) for i in range(20))
            yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>T %d</t></is></c>%s</row>' % (n, n, n, beyond)

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


def lying(path: Path, megabytes: int) -> Path:
    """A shared-strings bomb (no zip64) whose zip directory says the part is 1,000 bytes."""
    write_raw_xlsx(path, [("Staff", sheet_data(PERSON), "visible")])
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as part,
    ):
        part.write(f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}"><si><t>'.encode())
        block = b"a" * (1 << 20)
        for _ in range(megabytes):
            part.write(block)
        part.write(b"</t></si></sst>")
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    for signature, offset, name_at in ((b"PK", 22, 30), (b"PK", 24, 46)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


CELLS = {(0, c): h for c, h in enumerate(HEADER[:4])} | {
    (1, 0): "Sam Patel",
    (1, 1): "yes",
    (1, 2): "2025-09-01",
}
CELLS[(1, 3)] = "academy"


def person_cells(count: int) -> dict[tuple[int, int], object]:
    cells: dict[tuple[int, int], object] = {(0, c): h for c, h in enumerate(HEADER)}
    for n in range(1, count + 1):
        values = [f"Teacher {n}", "yes", 45000 + n % 900, "academy", str(1000000 + n), "yes"]
        cells.update({(n, c): value for c, value in enumerate(values)})
    return cells


def ods_people(path: Path, count: int) -> Path:
    cell = ods_cell
    rows = [ods_row(*(cell(h) for h in HEADER))]
    rows += [
        ods_row(
            cell(f"Teacher {n}"),
            cell("yes"),
            cell("2025-09-01"),
            cell("academy"),
            cell(str(1000000 + n)),
            cell("yes"),
        )
        for n in range(2, count + 2)
    ]
    return write_ods_rows(path, {"Staff": rows})


def ods_far(path: Path) -> Path:
    head = [
        ods_row(*(ods_cell(h) for h in HEADER[:4])),
        ods_row(*(ods_cell(v) for v in ("Sam", "yes", "2025-09-01", "academy"))),
    ]
    far = ods_row('<table:table-cell table:number-columns-repeated="16000"/>', ods_cell("x"))
    return write_ods_rows(path, {"Staff": [*head, ods_row("<table:table-cell/>", repeated=1_048_000), far]})


def ods_repeated(path: Path) -> Path:
    head = [ods_row(*(ods_cell(h) for h in HEADER[:4]))]
    many = ods_row(*(ods_cell(v) for v in ("Sam", "yes", "2025-09-01", "academy")), repeated=1_048_000)
    return write_ods_rows(path, {"Staff": [*head, many]})


# The 12-person trust roster of tests/test_real_rosters.py, as a trust lead types it,
# repeated: real headers, words, dates as dates, text TRNs, five schools.
TRUST = ["Name", "School", "URN", "School type", "TRN", "QTS", "Induction", "NPQ status", "NASENCO", "SENCO",
         "Date appointed SENCO", "Head teacher", "Teaches at the school", "In England"]  # fmt: skip
TRUST_SCHOOLS = [("Oakfield Primary", "100001", "Academy converter"), ("Birch Primary", "100002", "Community school"),
                 ("Cedar CE Primary", "100003", "Voluntary aided school"), ("Damson Academy", "100004", "Academy sponsor led"),
                 ("Elm Foundation School", "100005", "Foundation school")]  # fmt: skip
TRUST_ANSWERS = [("Yes", "Completed", "In progress", "No", "Yes"), ("yes", "Exempt", "Not started", "No", "No"),
                 ("Yes", "Completed", "Completed", "No", "Yes"), ("Yes", "In progress", "Not started", "No", "Yes"),
                 ("Yes", "Completed", "N/A", "Achieved", "Yes"), ("No", None, "Not started", "No", "No")]  # fmt: skip


def real_roster(path: Path, count: int) -> Path:
    """A trust's roster as Excel saves it (XlsxWriter: shared strings, dates as dates)."""
    import datetime as dt

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet = book.add_worksheet("Staff")
    sheet.write_row(0, 0, TRUST)
    for n in range(1, count + 1):
        school, urn, kind = TRUST_SCHOOLS[n % len(TRUST_SCHOOLS)]
        qts, induction, npq, nasenco, senco = TRUST_ANSWERS[n % len(TRUST_ANSWERS)]
        sheet.write_row(
            n, 0, [f"Teacher {n}", school, urn, kind, str(7000000 + n), qts, induction, npq, nasenco, senco]
        )
        if senco == "Yes":
            sheet.write_datetime(n, 10, dt.datetime(2024, 9, 1) + dt.timedelta(days=n % 700), date)
        sheet.write_row(n, 11, ["No", "Yes", "Yes"])
    book.close()
    return path


def cases() -> list[tuple[str, str, Callable[[Path], Path]]]:
    """Each workbook: its label, its file name, and what writes it."""

    def xlsx(cells: dict[str, Any]) -> Callable[[Path], Path]:
        return lambda path: write_raw_xlsx(path, [("Staff", sheet_data(cells), "visible")])

    def streamed(rows: Callable[[], Iterator[bytes]]) -> Callable[[Path], Path]:
        return lambda path: streamed_sheet(path, rows)

    return [
        ("one cell at XFD5000", "xfd5000.xlsx", xlsx({**PERSON, "XFD5000": 1})),
        ("one cell at XFD1048576", "xfd-last.xlsx", xlsx({**PERSON, "XFD1048576": 1})),
        (
            "helper formula to row 1048576 giving blanks",
            "blank-helper.xlsx",
            streamed(filled_down(1_048_576, b"<v></v>")),
        ),
        ("helper formula to row 600000 giving 1", "helper.xlsx", streamed(filled_down(600_000, b"<v>1</v>"))),
        ("#REF! in a column to row 600000", "errors.xlsx", streamed(errors(600_000))),
        ("sharedStrings inflating to 512 MB", "bomb-512.xlsx", lambda path: bomb(path, 512)),
        ("sharedStrings inflating to 2 GB", "bomb-2g.xlsx", lambda path: bomb(path, 2048)),
        ("600,000 rows of one cell", "one-cell.xlsx", streamed(one_cell_rows(600_000))),
        (
            "20 values right of the header on 55,000 rows",
            "beyond.xlsx",
            streamed(values_right_of_the_header(55_000)),
        ),
        (
            "20 values right of the header on 99,000 rows",
            "beyond-99k.xlsx",
            streamed(values_right_of_the_header(99_000)),
        ),
        ("99,000 people, 6 columns (read)", "people.xlsx", streamed(people(99_000))),
        ("30,000 people, 6 columns (read)", "people-30k.xlsx", streamed(people(30_000))),
        ("sharedStrings 512 MB, directory says 1,000 B", "lying.xlsx", lambda path: lying(path, 512)),
        (
            "real trust roster, 110,000 people, 14 columns",
            "trust-110k.xlsx",
            lambda path: real_roster(path, 110_000),
        ),
        ("real trust roster, 60,000 people (read)", "trust-60k.xlsx", lambda path: real_roster(path, 60_000)),
        ("real trust roster, 99,000 people (read)", "trust-99k.xlsx", lambda path: real_roster(path, 99_000)),
        (".ods one cell at WQK1048003 (repeats)", "far.ods", ods_far),
        (".ods a person row repeated 1,048,000 times", "repeated.ods", ods_repeated),
        (".ods 30,000 people (read)", "people.ods", lambda path: ods_people(path, 30_000)),
        (
            ".xls one cell at IV65536",
            "far.xls",
            lambda path: write_xls(path, {"Staff": CELLS | {(65_535, 255): 1}}),
        ),
        (
            ".xls 30,000 people (read)",
            "people.xls",
            lambda path: write_xls(path, {"Staff": person_cells(30_000)}),
        ),
        (
            ".xlsb one cell at XFD1048576",
            "far.xlsb",
            lambda path: write_xlsb(path, CELLS | {(1_048_575, 16_383): 1}),
        ),
        (".xlsb 99,000 people (read)", "people.xlsb", lambda path: write_xlsb(path, person_cells(99_000))),
    ]


def measure(command: list[str]) -> tuple[int, float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="write the workbooks here and keep them")
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)  # the writing process
    args = parser.parse_args()
    if args.write:
        for _, name, write in cases():
            write(args.write / name)
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="senco-bounds-"))
    folder.mkdir(parents=True, exist_ok=True)
    # Written by another process: a child's peak memory (ru_maxrss) counts its parent's at
    # the fork, so this one stays small.
    subprocess.run([sys.executable, __file__, "--write", str(folder)], check=True)
    worst = 0.0
    print(
        f"{'workbook':48} {'on disk':>9} {'inflated':>9} {'ratio':>6} | {'read s':>6} {'MB':>5} exit | "
        f"{'audit s':>7} {'MB':>5} exit"
    )
    for label, name, _ in cases():
        path = folder / name
        inflated, ratio = 0.0, 1.0
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                largest = max(archive.infolist(), key=lambda info: info.file_size)
            inflated, ratio = largest.file_size, largest.file_size / max(largest.compress_size, 1)
        read_code, read_s, read_mb = measure([sys.executable, "-c", READ, str(path)])
        assert read_code in (0, 2), f"{label}: reading it ended with {read_code}"
        code, audit_s, audit_mb = -1, 0.0, 0.0
        if "(read)" not in label:  # a whole audit of many people measures the assessing too
            code, audit_s, audit_mb = measure(
                [senco(), "audit", str(path), "--as-of", "2026-11-28", "--format", "json", "--ignore-unknown"]
            )
        size = path.stat().st_size
        print(
            f"{label:48} {size / 2**20:8.2f}M {inflated / 2**20:8.0f}M {ratio:6.0f} | "
            f"{read_s:6.2f} {read_mb:5.0f} {read_code:4d} | {audit_s:7.2f} {audit_mb:5.0f} {code:4d}"
        )
        assert size < 10 * 2**20, f"{label}: {size} bytes is not under 10 MB"
        worst = max(worst, read_s / LIMIT_SECONDS, read_mb / LIMIT_MB)
        if not args.keep:
            path.unlink()
    print(f"worst reading against the target (5 s, 300 MB): {worst:.0%}")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
