"""Numbered sources, shared by every report format: each source gets one number, in the
order the report first cites it, and a claim cites its sources by those numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from senco_cli.rules.model import Source


class Citations:
    def __init__(self, sources: Iterable[Source]) -> None:
        self.sources = list(sources)
        self.number = {source.url: index for index, source in enumerate(self.sources, start=1)}

    def of(self, cited: Iterable[Source]) -> list[int]:
        """The numbers of the sources cited, each once."""
        return [self.number[source.url] for source in dict.fromkeys(cited)]

    def refs(self, cited: Iterable[Source]) -> str:
        """The numbers as a claim shows them: [1][2]."""
        return "".join(f"[{number}]" for number in self.of(cited))
