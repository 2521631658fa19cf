"""Real workbooks for the tests: .xlsx written by XlsxWriter, .ods written as LibreOffice
writes them (a zip of OpenDocument XML), both read back by senco with python-calamine."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

Cell = Any  # str, int, float, date, bool or None


def write_xlsx(path: Path, sheets: dict[str, list[list[Cell]]]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, value)
    book.close()
    return path


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"""


def _ods_cell(value: Cell) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.strftime('%d/%m/%Y')}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def write_ods(path: Path, sheets: dict[str, list[list[Cell]]]) -> Path:
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", CONTENT.format(tables=tables), compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_cell(value: str, repeated: int = 1) -> str:
    again = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return f'<table:table-cell office:value-type="string"{again}><text:p>{value}</text:p></table:table-cell>'


def ods_row(*cells: str, repeated: int = 1) -> str:
    again = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{again}>{''.join(cells)}</table:table-row>"


def write_ods_rows(path: Path, tables: dict[str, list[str]]) -> Path:
    """An .ods as LibreOffice zips it, each table given as its rows' XML."""
    xml = "".join(
        f'<table:table table:name="{name}">{"".join(rows)}</table:table>' for name, rows in tables.items()
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", CONTENT.format(tables=xml), compress_type=zipfile.ZIP_DEFLATED)
    return path


def read_workbook(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's rows, as python-calamine reads them."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def sheet_xml(path: Path, number: int) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


# ---- workbooks written by hand: the smallest .xlsx that shows a fault -----------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def cell_xml(ref: str, value: Cell) -> str:
    """One cell: text inline, numbers as numbers; `("e", "#REF!")` an error, `("f", "A1")` a
    formula saved without its value."""
    if isinstance(value, tuple) and value[0] == "e":
        return f'<c r="{ref}" t="e"><v>{escape(value[1])}</v></c>'
    if isinstance(value, tuple) and value[0] == "f":
        return f'<c r="{ref}"><f>{escape(value[1])}</f></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_data(cells: dict[str, Cell]) -> str:
    """A worksheet's XML from cells by reference ("A1": "you.name"), in row order."""
    import re

    rows: dict[int, list[str]] = {}
    for ref, value in cells.items():
        number = int(re.sub(r"^[A-Z]+", "", ref))
        rows.setdefault(number, []).append(cell_xml(ref, value))
    body = "".join(f'<row r="{n}">{"".join(rows[n])}</row>' for n in sorted(rows))
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>{body}</sheetData></worksheet>'


def write_raw_xlsx(
    path: Path,
    sheets: list[tuple[str, str, str]],
    extra: dict[str, bytes | str] | None = None,
    kinds: dict[str, str] | None = None,
) -> Path:
    """An .xlsx zipped by hand: each sheet as (name, its XML, "visible" | "hidden" |
    "veryHidden"); `kinds` makes a sheet a chart sheet ({"Chart": "chartsheet"}); `extra`
    adds parts (a sharedStrings.xml, say)."""
    kinds = kinds or {}
    entries, rels, overrides = [], [], []
    for number, (name, _, state) in enumerate(sheets, start=1):
        kind = kinds.get(name, "worksheet")
        folder = "chartsheets" if kind == "chartsheet" else "worksheets"
        hidden = "" if state == "visible" else f' state="{state}"'
        entries.append(f'<sheet name="{escape(name)}" sheetId="{number}" r:id="rId{number}"{hidden}/>')
        rels.append(
            f'<Relationship Id="rId{number}" Type="{REL_NS}/{kind}" Target="{folder}/sheet{number}.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/xl/{folder}/sheet{number}.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"/>'
        )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
        'main+xml"/>' + "".join(overrides) + "</Types>"
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
        + "".join(entries)
        + "</sheets></workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships">' + "".join(rels) + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for number, (name, xml, _) in enumerate(sheets, start=1):
            folder = "chartsheets" if kinds.get(name) == "chartsheet" else "worksheets"
            archive.writestr(f"xl/{folder}/sheet{number}.xml", xml)
        for part, data in (extra or {}).items():
            archive.writestr(part, data)
    return path


# ---- binary workbooks written by hand: .xls (BIFF8 in a compound file) and .xlsb ------


def _biff(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff_cell(row: int, column: int, value: Cell) -> bytes:
    if isinstance(value, str):  # Label: an XLUnicodeString, UTF-16
        text = value.encode("utf-16-le")
        return _biff(0x0204, struct.pack("<HHHHB", row, column, 15, len(value), 1) + text)
    return _biff(0x0203, struct.pack("<HHHd", row, column, 15, float(value)))  # Number


def xls_stream(sheets: dict[str, dict[tuple[int, int], Cell]]) -> bytes:
    """An Excel 97-2003 Workbook stream: globals (BOF, the XF records every writer has, a
    BoundSheet8 per sheet, EOF), then each sheet's BOF, Dimensions, cells and EOF."""

    def bof(kind: int) -> bytes:
        return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def boundsheet(offset: int, name: str) -> bytes:
        return _biff(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name.encode("latin-1"))

    xf = _biff(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)) * 16
    eof = _biff(0x000A, b"")
    offset = len(bof(5) + xf + eof) + sum(len(boundsheet(0, name)) for name in sheets)
    bodies, places = [], []
    for cells in sheets.values():
        rows, columns = [r for r, _ in cells], [c for _, c in cells]
        size = struct.pack("<IIHHH", min(rows), max(rows) + 1, min(columns), max(columns) + 1, 0)
        body = bof(0x10) + _biff(0x0200, size)
        body += b"".join(_biff_cell(r, c, v) for (r, c), v in sorted(cells.items())) + eof
        places.append(offset)
        bodies.append(body)
        offset += len(body)
    head = bof(5) + xf + b"".join(boundsheet(at, name) for at, name in zip(places, sheets, strict=True)) + eof
    return head + b"".join(bodies)


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """An OLE compound file (MS-CFB, version 3) holding one stream of at least 4,096 bytes,
    so in regular sectors: header, the FAT's sectors, one directory sector, the stream."""
    stream = stream.ljust(4096, b"\0")
    sectors = -(-len(stream) // 512)
    tables = 1
    while tables * 128 < tables + 1 + sectors:
        tables += 1
    assert tables <= 109, "the header's DIFAT holds up to 109 FAT sectors (a 7 MB stream)"
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    first = tables + 1  # the stream's first sector, after the FAT's and the directory's
    fat = [0xFFFFFFFD] * tables + [end] + [first + 1 + i for i in range(sectors - 1)] + [end]
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE, 9, 6,
        bytes(6), 0, tables, tables, 0, 4096, end, 0, end, 0,
    ) + struct.pack("<109I", *range(tables), *[free] * (109 - tables))  # fmt: skip

    def entry(title: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (title + "\0").encode("utf-16-le")
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded),
            kind,
            1,
            free,
            free,
            child,
            bytes(16),
            0,
            0,
            0,
            start,
            size,
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry(name, 2, free, first, len(stream))
    directory += (bytes(64) + struct.pack("<HBBIII", 0, 0, 0, free, free, free) + bytes(48)) * 2
    table = struct.pack(f"<{tables * 128}I", *fat, *[free] * (tables * 128 - len(fat)))
    return header + table + directory + stream.ljust(sectors * 512, b"\0")


def write_xls(path: Path, sheets: dict[str, dict[tuple[int, int], Cell]]) -> Path:
    """An .xls of the given sheets, each cell by (row, column) from 0."""
    path.write_bytes(compound_file(xls_stream(sheets)))
    return path


def _record(kind: int, body: bytes) -> bytes:
    """One BIFF12 record: its type and size as 7-bit varints, then its body."""

    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            byte, value = value & 0x7F, value >> 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                return bytes(out)

    return varint(kind) + varint(len(body)) + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def write_xlsb(path: Path, cells: dict[tuple[int, int], Cell], name: str = "Staff") -> Path:
    """An .xlsb with one visible sheet: workbook.bin (BrtBundleSh naming the sheet), its
    relationships, and the sheet's records (BrtWsDim, a BrtRowHdr per row, BrtCellSt or
    BrtCellReal per cell)."""
    book = _record(0x0083, b"") + _record(0x008F, b"")
    book += _record(0x009C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(name))
    book += _record(0x0090, b"") + _record(0x009D, bytes(20)) + _record(0x0084, b"")
    rows: dict[int, list[tuple[int, Cell]]] = {}
    for (row, column), value in sorted(cells.items()):
        rows.setdefault(row, []).append((column, value))
    last = max(column for row, column in cells)
    records = [_record(0x0081, b""), _record(0x0094, struct.pack("<IIII", 0, max(rows), 0, last))]
    records.append(_record(0x0091, b""))
    for row, values in rows.items():
        records.append(_record(0x0000, struct.pack("<IIHB", row, 0, 300, 0) + bytes(4)))
        for column, value in values:
            if isinstance(value, tuple):  # ("shared", n): BrtCellIsst, the n-th shared string
                records.append(_record(0x0007, struct.pack("<III", column, 0, value[1])))
            elif isinstance(value, str):
                records.append(_record(0x0006, struct.pack("<II", column, 0) + _wide(value)))
            else:
                records.append(_record(0x0005, struct.pack("<IId", column, 0, float(value))))
    sheet = b"".join([*records, _record(0x0092, b""), _record(0x0082, b"")])
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/worksheet" '
        'Target="worksheets/sheet1.bin"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.bin", book)
        archive.writestr("xl/_rels/workbook.bin.rels", rels)
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
    return path
