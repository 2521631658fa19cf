"""One person on several rows read as one person, in every roster: a School Workforce
Census export has a row per post, and any sheet can hold a person twice (pasted twice).
Rows with the same TRN at the same school are joined, never counted twice (flagged to
correct where they disagree); one TRN at two schools is a SENCO shared between them, a row
at each. Rows with no TRN are joined when they are the same in every cell, and rows with no
TRN that share a name and school but differ are each flagged, since they may be two people.

The rows are held on disk while the sheet is read (an unnamed temporary file, removed
however senco ends): what stays in memory is two 64-bit numbers a row, so a million rows
take about 16 MB.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from typing import IO

from senco_cli.roster.csv_records import Record

POST = "role.post"
NAME_COLUMNS = ("you.name", "you.given_name", "you.preferred_name", "you.family_name")
SCHOOL_COLUMNS = (
    "school.urn",
    "school.laestab",
    "school.la_code",
    "school.establishment_number",
    "school.name",
)
PLACE_BITS = 28  # a row's place in the sheet, under its key's hash in one sort number
HASH_MASK = (1 << (63 - PLACE_BITS)) - 1


def trn_key(cell: str) -> str:
    """A TRN as compared: digits only, a spreadsheet's ".0" dropped, a lost leading zero
    restored; "" for anything that is not six or seven digits (a TRN shown by its last
    three digits, "****567", is no key: many people share those)."""
    if "*" in cell:
        return ""
    digits = "".join(ch for ch in cell.split(".")[0] if ch.isdigit())
    return digits.zfill(7) if len(digits) in (6, 7) else ""


def _plain(cell: str) -> str:
    return " ".join(cell.split()).casefold()


def _compared(cell: str) -> str:
    """A cell as rows are compared: case and spacing aside, and a number a spreadsheet wrote
    as "100000.0" (a URN, say) is 100000."""
    plain = _plain(cell)
    whole, point, zeros = plain.partition(".")
    return whole if point and whole.isdigit() and zeros.strip("0") == "" else plain


class OnePerPerson:
    """The records with each person's rows joined into their first: rows with the same TRN,
    and rows with no TRN that are alike in every cell. Posts are listed
    together ("Teacher; SEN Co-ordinator"); other cells are taken from whichever row has
    them. Rows that disagree on any other cell are joined and flagged to correct, never
    counted twice. Each row folded into another still comes, in its place, as it is, with
    the joined record as its `person`: the results written in the roster's order keep every
    row."""

    def __init__(self, records: Iterable[Record], columns: list[str | None]) -> None:
        self.records = records
        self.columns = columns
        self.trn = columns.index("you.trn") if "you.trn" in columns else None
        self.names = [n for n, column in enumerate(columns) if column in NAME_COLUMNS]
        self.schools = [n for n, column in enumerate(columns) if column in SCHOOL_COLUMNS]

    def key(self, record: Record) -> str:
        """Who a row is, at which school: "trn:0123456@" or, with no TRN, "name:" the name,
        each followed by the school as written (case and spacing aside); "" when it cannot be
        told (no name either). One TRN at two schools is a SENCO shared between them (the
        SEND Code of Practice, 6.92 to 6.93, provides for a SENCO shared between schools): a row at each."""
        if record.problem:
            return ""
        cells = record.cells

        def cell(index: int) -> str:
            return cells[index] if index < len(cells) else ""

        school = "@" + "|".join(_compared(cell(n)) for n in self.schools)
        if self.trn is not None:
            trn = trn_key(cell(self.trn))
            if trn:
                return "trn:" + trn + school
        name = "|".join(_plain(cell(n)) for n in self.names)
        if not name.strip("|"):
            return ""
        return "name:" + name + school

    def __iter__(self) -> Iterator[Record]:
        # Read every row to disk, with its key's hash; sorted, equal hashes sit together.
        store: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
        with store:
            ends = array("q")
            keyed = array("q")
            for place, record in enumerate(self.records):
                store.write(pickle.dumps(tuple(record), pickle.HIGHEST_PROTOCOL))
                ends.append(store.tell())
                key = self.key(record)
                if key:
                    keyed.append(((hash(key) & HASH_MASK) << PLACE_BITS) | place)
            groups = self._groups(keyed)
            del keyed
            pending: dict[int, Record] = {}  # what a row's place gives, decided with its group
            store.seek(0)
            start = 0
            for place, end in enumerate(ends):
                data = store.read(end - start)
                start = end
                if place in groups and place not in pending:
                    pending.update(self._decided(groups[place], store, ends))
                    store.seek(start)
                if place in pending:
                    yield pending.pop(place)
                    continue
                yield Record(*pickle.loads(data))

    @staticmethod
    def _groups(keyed: array[int]) -> dict[int, list[int]]:
        """Rows whose keys hash alike: each row's place to its group's places, in order."""
        groups: dict[int, list[int]] = {}
        run: list[int] = []
        last = -1
        for number in sorted(keyed):
            hashed, place = number >> PLACE_BITS, number & ((1 << PLACE_BITS) - 1)
            if hashed != last:
                run = []
                last = hashed
            run.append(place)
            if len(run) == 2:
                groups[run[0]] = run
            if len(run) >= 2:
                groups[place] = run
        return groups

    def _decided(self, places: list[int], store: IO[bytes], ends: array[int]) -> dict[int, Record]:
        """What each place of a group gives, the rows read back and compared by their real
        keys (a hash can collide): one person's rows joined at the first place, and at the
        others each row as it is, carrying the joined record as its `person` (judged and
        counted once, at the first place; the others are written back with its results);
        rows with no TRN that share a name and school but differ are each kept, with a note,
        since they may be two people."""
        rows = []
        for place in places:
            start = ends[place - 1] if place else 0
            store.seek(start)
            rows.append(Record(*pickle.loads(store.read(ends[place] - start))))
        people: dict[str, list[tuple[int, Record]]] = {}
        for place, row in zip(places, rows, strict=True):
            people.setdefault(self.key(row), []).append((place, row))
        decided: dict[int, Record] = {}
        for key, same in people.items():
            records = [row for _, row in same]
            first = same[0][0]
            by_trn = key.startswith("trn:")
            if len(same) == 1:
                decided[first] = records[0]
            elif by_trn or self._alike(records):
                joined = self._join(records, by_trn)
                # The other rows stay in their places, each carrying the person it was read with.
                decided.update({place: row._replace(person=joined) for place, row in same})
                decided[first] = joined
            else:
                numbers = ", ".join(str(row.number) for row in records)
                note = (
                    f"rows {numbers} have the same name at the same school and no TRN: if they are one "
                    "person, delete all but one; if not, give each their TRN."
                )
                decided.update({place: row._replace(note=note) for place, row in same})
        return decided

    def _alike(self, rows: list[Record]) -> bool:
        """Every cell the same (case and spacing aside): one person entered twice."""
        width = max(len(row.cells) for row in rows)

        def cells(row: Record) -> list[str]:
            return [_compared(cell) for cell in row.cells] + [""] * (width - len(row.cells))

        return all(cells(row) == cells(rows[0]) for row in rows[1:])

    def _join(self, rows: list[Record], by_trn: bool) -> Record:
        """Two or more rows of one person (`by_trn`: the same TRN, else alike in every cell)
        as one record."""
        width = max(len(row.cells) for row in rows)
        cells: list[str] = []
        clashes: list[str] = []
        unread: list[int] = []
        for index in range(width):
            values = [
                row.cells[index].strip()
                for row in rows
                if index < len(row.cells) and row.cells[index].strip()
            ]
            distinct = list(dict.fromkeys(values))
            column = self.columns[index] if index < len(self.columns) else None
            if column == POST:
                cells.append("; ".join(distinct))
                continue
            if column == "you.trn":  # one TRN (the key says so): as plainly as any row writes it
                cells.append(
                    next((value for value in distinct if value.isdigit()), distinct[0] if distinct else "")
                )
                continue
            if column is not None and len({_compared(value) for value in distinct}) > 1:
                clashes.append(column)
                unread.append(index)  # judged without it: neither row's word is taken
            cells.append(distinct[0] if distinct else "")
        numbers = ", ".join(str(row.number) for row in rows)
        same = "have the same TRN" if by_trn else "are the same in every cell (no TRN)"
        note = f"rows {numbers} {same}: read as one person."
        disputed = None
        if clashes:
            disputed = f"rows {numbers} {same} but differ in {', '.join(clashes)}: correct them to agree."
        return Record(
            rows[0].number, cells, None, rows[0].lines, note, rows[0].flaws, disputed, tuple(unread)
        )
