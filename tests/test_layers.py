"""The house by layer: imports point down the layers only, and no module imports itself
back through others (every import counts, also those inside functions or for types)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "senco_cli"

# From the top down. A module may import from its own package and from any layer below its
# own; never from a layer above, nor from another package in its own layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__",),  # python -m senco_cli
    ("entry",),  # the console script: exit codes, streams, signals
    ("app",),  # the Typer app
    ("commands",),  # one module per command, and what they share in and out
    ("render",),  # terminal, Markdown, HTML, CSV, xlsx, ics
    ("audit", "interview"),  # a roster assessed; the questions asked at a terminal
    ("logic", "roster"),  # the law applied to one person; reading rosters
    ("rules",),  # the rules data: typed entries, loading, wording
    ("profile",),  # a person's answers: model, file, validation
    ("schema", "inputs", "atomic", "dates"),  # checked values, typed input, safe writes, dates
    ("errors",),
    ("text", "records"),  # words for people; the record classes every layer declares
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    """The top-level part of senco_cli a module belongs to: senco_cli.audit.rows -> audit."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports() -> dict[str, set[str]]:
    """Each senco_cli module and the senco_cli modules it imports (anywhere in its body)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        targets = found.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("senco_cli."))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("senco_cli"):
                assert node.module is not None and node.level == 0, f"{module}: relative import"
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    is_module = (ROOT / submodule.replace(".", "/")).with_suffix(".py").exists() or (
                        ROOT / submodule.replace(".", "/")
                    ).is_dir()
                    targets.add(submodule if is_module else node.module)
        targets.discard(module)
    return found


def layer_of(module: str) -> int:
    package = package_of(module)
    for index, layer in enumerate(LAYERS):
        if package in layer:
            return index
    raise AssertionError(f"{module} is in no layer: add senco_cli/{package} to LAYERS (and the README)")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        if package_of(module) == "":
            continue  # senco_cli/__init__.py: the version (see the test below)
        for target in targets:
            same_package = package_of(target) == package_of(module)
            if package_of(target) and not same_package and layer_of(target) <= layer_of(module):
                wrong.append(f"{module} imports {target}")
    return sorted(wrong)


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as found:
        return list(found.args[1])
    return None


def test_every_module_is_in_a_layer() -> None:
    for module in imports():
        if package_of(module):
            layer_of(module)


def test_imports_point_down_the_layers_only() -> None:
    assert upward_imports(imports()) == []


def test_no_import_cycle() -> None:
    assert cycle(imports()) is None


def test_the_package_root_holds_only_the_version() -> None:
    # senco_cli/__init__.py is loaded before any module: it reads only the rules' reviewed date.
    assert imports()["senco_cli"] <= {"senco_cli.rules.folder"}


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("senco_cli.logic.assess", "senco_cli.render.markdown"),  # logic drawing
        ("senco_cli.rules.load", "senco_cli.logic.funding"),  # data reaching up into the law
        ("senco_cli.audit.rows", "senco_cli.interview.flow"),  # across one layer
        ("senco_cli.errors", "senco_cli.commands.output"),
    ],
)
def test_an_upward_import_is_caught(module: str, target: str) -> None:
    graph = imports()
    graph[module] = graph[module] | {target}
    assert upward_imports(graph) == [f"{module} imports {target}"]


def test_a_cycle_is_caught() -> None:
    graph = imports()
    graph["senco_cli.audit.person"] = graph["senco_cli.audit.person"] | {"senco_cli.audit.rows"}
    found = cycle(graph)
    assert found is not None and {"senco_cli.audit.person", "senco_cli.audit.rows"} <= set(found)


def test_the_rules_cache_is_keyed_by_all_the_code_that_builds_the_rules() -> None:
    """A change to any module the loader runs must make a new cache file (rules/cache.py)."""
    from senco_cli.rules.cache import BUILDERS

    graph, seen, todo = imports(), set(), ["senco_cli.rules.load"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    files = {
        name.removeprefix("senco_cli.").replace(".", "/") + ".py" for name in seen if name != "senco_cli"
    }
    # Where the files are, and the words of error messages, do not change what is built.
    not_builders = {"rules/folder.py", "errors.py", "text.py"}
    assert files - not_builders == set(BUILDERS)


# Options each command declares for itself: --format's help and choices come from the table
# of formats, per command (render/registry.py).
OWN_OPTIONS = {"--format"}


def test_an_option_two_commands_share_is_declared_once_in_options() -> None:
    """An option name given to typer.Option in more than one command module is declared
    twice: it belongs in commands/options.py, as --output, --force, --as-of and --cohort are."""
    declared: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        if path.stem == "options":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "Option"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                declared.setdefault(str(node.args[0].value), set()).add(path.stem)
    twice = {name: sorted(where) for name, where in declared.items() if len(where) > 1}
    assert set(twice) <= OWN_OPTIONS, twice
    assert declared, "no typer.Option found: the scan no longer sees how options are declared"
