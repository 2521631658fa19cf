"""An audit's rows in urgency order without holding them all in memory.

Each row is written to an unnamed temporary file as it comes (the system removes it when
senco ends, however it ends); what stays in memory is one 64-bit sort record a row (its
urgency packed with its place in the roster), its place in the file, and a school number.
A million rows take about 25 MB here instead of about half a gigabyte as objects.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, overload

from senco_cli.audit.person import RowResult
from senco_cli.audit.schools import school_key

# A sort record: urgency group (3 bits), days left (32 bits, offset to be positive) and the
# row's place in the roster (28 bits), which breaks ties as the row number does.
PLACE_BITS = 28
DAYS_BITS = 32
DAYS_OFFSET = 1 << (DAYS_BITS - 1)
PLACE_MASK = (1 << PLACE_BITS) - 1
MAX_ROWS = 1 << PLACE_BITS


def sort_record(urgency: tuple[int, int, int], place: int) -> int:
    """(group, days left, row number) and the row's place as one number that sorts alike."""
    group, days, _ = urgency
    days = min(max(days, -DAYS_OFFSET), DAYS_OFFSET - 1) + DAYS_OFFSET
    return (group << (DAYS_BITS + PLACE_BITS)) | (days << PLACE_BITS) | place


class OrderedRows(Sequence[RowResult]):
    """Rows added in roster order; iterated, after sort(), in urgency order (each school's
    rows together with by="school", the school of the most urgent person first)."""

    def __init__(self) -> None:
        # Closed when the rows are dropped (__del__): the result lives as long as its report.
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._ends = array("q")  # where each row's bytes end in the file
        self._records = array("q")
        self._schools = array("l")
        self._school_numbers: dict[str, int] = {}
        self._order: array[int] | None = None
        self._given_urn: dict[int, str] = {}  # a school number -> the URN its rows are given

    def append(self, row: RowResult) -> None:
        place = len(self._ends)
        if place >= MAX_ROWS:
            raise MemoryError("too many rows")
        self._file.write(pickle.dumps(tuple(row), pickle.HIGHEST_PROTOCOL))
        self._ends.append(self._file.tell())
        self._records.append(sort_record(row.urgency(), place))
        key = school_key(row)
        self._schools.append(self._school_numbers.setdefault(key, len(self._school_numbers)))

    def sort(self, by: str, schools: Sequence[str] = (), joined: Mapping[str, str] | None = None) -> None:
        """Most urgent first; with by="school", each school's rows together: the schools in
        the order of `schools` (their keys: the school table's order), any other school
        after them by its most urgent row. `joined`: rows without a URN found to be at a
        school with one (SchoolTable.join), by their key and that school's: they go with
        it and are given its URN."""
        same: dict[int, int] = {}
        for key, target in (joined or {}).items():
            number, into = self._school_numbers.get(key), self._school_numbers.get(target)
            if number is not None and into is not None:
                same[number] = into
                self._given_urn[number] = target.removeprefix("urn:")
        by_urgency = array("q", (record & PLACE_MASK for record in sorted(self._records)))
        del self._records
        if by == "school":
            rank: dict[int, int] = {}
            for key in schools:
                number = self._school_numbers.get(key)
                if number is not None:
                    rank.setdefault(number, len(rank))
            for place in by_urgency:
                number = self._schools[place]
                rank.setdefault(same.get(number, number), len(rank))
            grouped = sorted(
                (rank[same.get(self._schools[place], self._schools[place])] << PLACE_BITS) | index
                for index, place in enumerate(by_urgency)
            )
            by_urgency = array("q", (by_urgency[key & PLACE_MASK] for key in grouped))
        self._order = by_urgency
        self._file.flush()

    def __len__(self) -> int:
        return len(self._ends)

    def __bool__(self) -> bool:
        return len(self._ends) > 0

    def __iter__(self) -> Iterator[RowResult]:
        assert self._order is not None, "sort() first"
        for place in self._order:
            yield self._read(place)

    @overload
    def __getitem__(self, index: int) -> RowResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowResult]: ...

    def __getitem__(self, index: int | slice) -> RowResult | list[RowResult]:
        assert self._order is not None, "sort() first"
        if isinstance(index, slice):
            return [self._read(place) for place in self._order[index]]
        return self._read(self._order[index])

    def _read(self, place: int) -> RowResult:
        start = self._ends[place - 1] if place else 0
        self._file.seek(start)
        row = RowResult(*pickle.loads(self._file.read(self._ends[place] - start)))
        given = self._given_urn.get(self._schools[place]) if self._given_urn else None
        return row._replace(urn=given) if given else row

    def close(self) -> None:
        # A signal can stop __init__ before the file is made: then there is nothing to close.
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()

    def __del__(self) -> None:
        self.close()
