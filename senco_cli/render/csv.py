"""CSV out: an audit's rows in the roster's own order with the result columns appended, and
the roster template."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from senco_cli.audit.rows import RESULT_COLUMNS, Assessed, AuditResult
from senco_cli.roster.sheet import Sheet
from senco_cli.rules.model import Rules


class AuditCsv:
    """Each input row, in input order, with the result columns appended (the cells come with
    TRNs masked and formulas made inert), separated as the roster's cells were; written as
    the rows are assessed. A file gets a byte-order mark so that Excel reads it as UTF-8."""

    cells = "csv"  # what each assessed row keeps of its cells

    def __init__(self, stream: IO[Any], sheet: Sheet, to_file: bool) -> None:
        self.stream = stream
        if to_file:
            stream.write("\ufeff")
        # The roster's own separator: a sheet saved with semicolons opens as columns again.
        self.writer = csv.writer(stream, lineterminator="\r\n", delimiter=sheet.separator)
        self.writer.writerow([*sheet.header_row(), *RESULT_COLUMNS])

    def rows(self, assessed: Iterable[Assessed]) -> Iterator[Assessed]:
        for result, cells in assessed:
            self.writer.writerow(cells)
            yield result, cells

    def finish(self, result: AuditResult) -> None:
        """Everything is written on the way."""


def write_template(rules: Rules, stream: IO[Any]) -> None:
    """A header row and an example row to fill in."""
    from senco_cli.roster.sheet import template

    stream.write(template())
