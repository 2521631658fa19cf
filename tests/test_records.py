"""senco's record classes (senco_cli/records.py) are the classes typing.NamedTuple makes, made
for less at start-up: the same fields, defaults, methods, copies and pickles, the annotations
kept as written; and every record class in the package is made that way."""

from __future__ import annotations

import ast
import datetime as dt
import keyword
import pickle
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT

PACKAGE = ROOT / "senco_cli"
WRITTEN = ("str", "int", "bool", "dt.date | None", "tuple[str, ...]", "Payer")
names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: not keyword.iskeyword(n))
values = st.none() | st.integers() | st.text(max_size=5) | st.tuples(st.integers())


def declared(source: str, module: str, postponed: bool = True) -> types.ModuleType:
    """A module made of `source` (postponed annotations, as in senco's modules but the
    command modules), importable by name so that its classes can be pickled."""
    made = types.ModuleType(module)
    sys.modules[module] = made
    future = "from __future__ import annotations\n" if postponed else ""
    exec(compile(future + source, module, "exec", dont_inherit=True), made.__dict__)
    return made


def body(fields: list[str], written: list[str], defaults: list[Any]) -> str:
    """A record class's body: fields (the last ones with defaults), a property, a docstring."""
    start = len(fields) - len(defaults)
    lines = ['    """A record."""']
    for n, (name, kind) in enumerate(zip(fields, written, strict=True)):
        lines.append(f"    {name}: {kind}" + (f" = {defaults[n - start]!r}" if n >= start else ""))
    lines += ["    @property", "    def width(self) -> int:", "        return len(self) * 2"]
    return "\n".join(lines)


@st.composite
def classes(draw: st.DrawFn) -> tuple[list[str], list[str], list[Any]]:
    fields = draw(st.lists(names, min_size=1, max_size=8, unique=True))
    written = [draw(st.sampled_from(WRITTEN)) for _ in fields]
    defaults = draw(st.lists(values, max_size=len(fields)))
    return fields, written, defaults


@given(classes(), st.data())
@settings(max_examples=60, deadline=None)
def test_a_record_class_is_the_class_typing_namedtuple_makes(
    shape: tuple[list[str], list[str], list[Any]], data: st.DataObject
) -> None:
    fields, written, defaults = shape
    source = body(fields, written, defaults)
    ours = declared(
        f"from senco_cli.records import NamedTuple\nclass Item(NamedTuple):\n{source}", "records_ours"
    )
    theirs = declared(f"from typing import NamedTuple\nclass Item(NamedTuple):\n{source}", "records_theirs")
    mine, typed = ours.Item, theirs.Item
    assert mine._fields == typed._fields == tuple(fields)
    assert mine._field_defaults == typed._field_defaults
    assert mine.__doc__ == typed.__doc__ == "A record."
    assert mine.__mro__[1:] == typed.__mro__[1:] == (tuple, object)
    # The annotations as written: what rules/declared.py and the profile's schema read.
    assert mine.__annotations__ == dict(zip(fields, written, strict=True))
    assert {k: v.__forward_arg__ for k, v in typed.__annotations__.items()} == mine.__annotations__

    given_values = data.draw(st.lists(values, min_size=len(fields) - len(defaults), max_size=len(fields)))
    one, other = mine(*given_values), typed(*given_values)
    assert tuple(one) == tuple(other) and one == other
    assert repr(one) == repr(other)
    assert one.width == other.width == 2 * len(fields)
    assert one._asdict() == other._asdict()
    changed = {fields[0]: data.draw(values)}
    assert tuple(one._replace(**changed)) == tuple(other._replace(**changed))
    assert pickle.loads(pickle.dumps(one)) == one and type(pickle.loads(pickle.dumps(one))) is mine


def test_a_record_class_without_postponed_annotations_keeps_them_as_objects() -> None:
    """As in the command modules, whose annotations Typer reads as objects."""
    source = "import datetime as dt\nclass Item(NamedTuple):\n    a: int\n    b: dt.date | None = None\n"
    ours = declared(f"from senco_cli.records import NamedTuple\n{source}", "records_eager", postponed=False)
    theirs = declared(f"from typing import NamedTuple\n{source}", "records_eager_typing", postponed=False)
    assert ours.Item._fields == theirs.Item._fields == ("a", "b")
    assert ours.Item._field_defaults == theirs.Item._field_defaults == {"b": None}
    assert ours.Item.__annotations__ == theirs.Item.__annotations__ == {"a": int, "b": dt.date | None}


@pytest.mark.parametrize(
    ("source", "fault"),
    [
        ("    a: int = 1\n    b: int", TypeError),  # a field without a default after one with
        ("    a: int\n    def _replace(self) -> None: ...", AttributeError),
        ("    a: int\n    _fields = ('b',)", AttributeError),
    ],
)
def test_a_faulty_record_class_is_refused_as_typing_namedtuple_refuses_it(
    source: str, fault: type[Exception]
) -> None:
    for where in ("senco_cli.records", "typing"):
        with pytest.raises(fault):
            declared(f"from {where} import NamedTuple\nclass Item(NamedTuple):\n{source}", "records_faulty")


def test_a_record_class_inherits_from_namedtuple_alone() -> None:
    with pytest.raises(TypeError):
        declared(
            "from senco_cli.records import NamedTuple\nclass Item(NamedTuple, int):\n    a: int",
            "records_two",
        )


def named_tuples_from_typing(package: Path = PACKAGE) -> Iterator[str]:
    """Where a module takes NamedTuple from typing (by import or as typing.NamedTuple)."""
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("typing", "typing_extensions"):
                if (
                    any(alias.name == "NamedTuple" for alias in node.names)
                    and where != "senco_cli/records.py"
                ):
                    yield f"{where}:{node.lineno}"
            elif isinstance(node, ast.Attribute) and node.attr == "NamedTuple":
                yield f"{where}:{node.lineno}"


def test_every_record_class_in_the_package_is_made_by_records() -> None:
    """typing.NamedTuple compiles each field's annotation as the class is defined: senco's
    record classes come from senco_cli.records, which does not."""
    found = list(named_tuples_from_typing())
    assert not found, f"take NamedTuple from senco_cli.records, not typing: {found}"


def test_the_guard_catches_a_record_class_from_typing(tmp_path: Path) -> None:
    package = tmp_path / "senco_cli"
    package.mkdir()
    (package / "x.py").write_text(
        "from typing import Any, NamedTuple\nimport typing\nB = typing.NamedTuple\n"
    )
    (package / "records.py").write_text("from typing import NamedTuple\n")
    assert list(named_tuples_from_typing(package)) == ["senco_cli/x.py:1", "senco_cli/x.py:3"]
