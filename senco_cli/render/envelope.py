"""The one result envelope: every JSON result and error senco writes is (command, version,
payload), with the version written here only.

The payload's keys sit beside `senco_result_version` and `command` in one flat object (the
contract's JSON), keys sorted. A payload value that is an iterator (an audit's rows) is
written an item at a time, so a large roster's JSON is never held whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any, Protocol

from senco_cli.atomic import write_text
from senco_cli.records import NamedTuple

RESULT_VERSION = 1
EXIT_INVALID = 2


class Result(Protocol):
    """What each command's result gives the envelope: its name and its JSON payload."""

    @property
    def command(self) -> str: ...

    def payload(self) -> dict[str, Any]: ...


class Envelope(NamedTuple):
    command: str | None  # None for a usage error before any command was named
    payload: Mapping[str, Any]
    version: int = RESULT_VERSION

    def fields(self) -> dict[str, Any]:
        head: dict[str, Any] = {"senco_result_version": self.version}
        if self.command is not None:
            head["command"] = self.command
        return {**self.payload, **head}

    def as_json(self) -> dict[str, Any]:
        """The whole object, any streamed value read into a list."""
        return {key: list(value) if _streamed(value) else value for key, value in self.fields().items()}

    def write(self, stream: IO[str]) -> None:
        """One JSON object and a newline: indented, or compact and item by item when a value
        is streamed (an audit's rows)."""
        fields = self.fields()
        if not any(_streamed(value) for value in fields.values()):
            write_text(stream, json.dumps(fields, sort_keys=True, indent=2, ensure_ascii=False) + "\n")
            return
        stream.write("{")
        for index, key in enumerate(sorted(fields)):
            stream.write((", " if index else "") + json.dumps(key) + ": ")
            value = fields[key]
            if not _streamed(value):
                stream.write(json.dumps(value, sort_keys=True, ensure_ascii=False))
                continue
            stream.write("[")
            encode = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode  # one encoder for every item
            for number, item in enumerate(value):
                stream.write((", " if number else "") + encode(item))
            stream.write("]")
        stream.write("}\n")


def _streamed(value: Any) -> bool:
    return isinstance(value, Iterator)


def of_result(result: Result) -> Envelope:
    return Envelope(result.command, result.payload())


def of_error(command: str | None, errors: list[dict[str, str]]) -> Envelope:
    """The contract's error object: status "error", exit code 2, each error's code, message
    and path."""
    return Envelope(command, {"status": "error", "exit_code": EXIT_INVALID, "errors": errors})
