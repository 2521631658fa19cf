"""One person on several rows (a School Workforce Census export has a row per post) read
as one person: their rows joined by TRN, never counted twice."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from senco_cli.roster.csv_records import Record

POST = "role.post"


def trn_key(cell: str) -> str:
    """A TRN as compared: digits only, a spreadsheet's ".0" dropped, leading zeros restored."""
    digits = "".join(ch for ch in cell.split(".")[0] if ch.isdigit())
    return digits.zfill(7) if digits else ""


class OnePerPerson:
    """The records with each TRN's rows joined into the first: posts listed together ("Teacher;
    SEN Co-ordinator"), other cells taken from whichever row has them. Rows that disagree on
    another cell are joined and flagged, never counted twice. Holds the sheet's records
    while joining them (a staff export is one trust's staff); `joined` counts the rows
    folded into another, once all are read."""

    def __init__(self, records: Iterable[Record], columns: list[str | None]) -> None:
        self.records = records
        self.columns = columns
        self.trn = columns.index("you.trn") if "you.trn" in columns else None
        self.joined = 0

    def __iter__(self) -> Iterator[Record]:
        if self.trn is None:
            yield from self.records
            return
        people: dict[str, list[Record]] = {}
        order: list[Record | str] = []
        for record in self.records:
            key = (
                trn_key(record.cells[self.trn]) if self.trn < len(record.cells) and not record.problem else ""
            )
            if not key:
                order.append(record)
                continue
            if key not in people:
                order.append(key)
            people.setdefault(key, []).append(record)
        for item in order:
            yield item if isinstance(item, Record) else self._join(people[item])

    def _join(self, rows: list[Record]) -> Record:
        if len(rows) == 1:
            return rows[0]
        self.joined += len(rows) - 1
        width = max(len(row.cells) for row in rows)
        cells: list[str] = []
        clashes: list[str] = []
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
            if column not in (None, "you.trn") and len({value.casefold() for value in distinct}) > 1:
                clashes.append(column)
            cells.append(distinct[0] if distinct else "")
        numbers = ", ".join(str(row.number) for row in rows)
        note = f"rows {numbers} have the same TRN: read as one person."
        problem = (
            f"rows {numbers} have the same TRN but differ in {', '.join(clashes)}: correct them to agree."
            if clashes
            else None
        )
        return Record(rows[0].number, cells, problem, rows[0].lines, note)
