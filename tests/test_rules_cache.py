"""The cache of the bundled rules: used when it matches the files and the code, ignored when
damaged, never for SENCO_DATA_DIR, and the same rules as reading the TOML files."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senco_cli.rules.cache import PREFIX, SUFFIX, cache_dir, cached_rules
from senco_cli.rules.folder import RULE_FILES
from senco_cli.rules.load import load_rules
from senco_cli.rules.model import Rules

from conftest import EXAMPLES, SHIPPED_RULES, run_senco

PARSED = load_rules(SHIPPED_RULES)


class CountingLoader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, directory: Path) -> Rules:
        self.calls += 1
        return load_rules(directory)


def files_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))


def test_read_once_then_from_the_cache(tmp_path: Path) -> None:
    loader = CountingLoader()
    first = cached_rules(SHIPPED_RULES, RULE_FILES, loader, tmp_path)
    second = cached_rules(SHIPPED_RULES, RULE_FILES, loader, tmp_path)
    assert loader.calls == 1
    assert first == second == PARSED
    assert len(files_in(tmp_path)) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.one_of(st.binary(max_size=200), st.integers(min_value=0, max_value=30_000)))
def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path, damage: bytes | int) -> None:
    folder = tmp_path / "cache"
    shutil.rmtree(folder, ignore_errors=True)
    cached_rules(SHIPPED_RULES, RULE_FILES, CountingLoader(), folder)
    (stored,) = files_in(folder)
    good = stored.read_bytes()
    # Random bytes, or the good file cut short (a write that never finished).
    stored.write_bytes(damage if isinstance(damage, bytes) else good[:damage])
    loader = CountingLoader()
    assert cached_rules(SHIPPED_RULES, RULE_FILES, loader, folder) == PARSED
    assert loader.calls == 1
    assert stored.read_bytes() == good


def test_an_edited_rules_file_is_read_again(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(SHIPPED_RULES, copy)
    folder = tmp_path / "cache"
    loader = CountingLoader()
    cached_rules(copy, RULE_FILES, loader, folder)
    sources = copy / "sources.toml"
    text = sources.read_text(encoding="utf-8")
    reviewed = PARSED.reviewed.isoformat()
    assert f"reviewed = {reviewed}" in text
    sources.write_text(text.replace(f"reviewed = {reviewed}", "reviewed = 2020-01-02", 1), encoding="utf-8")
    edited = cached_rules(copy, RULE_FILES, loader, folder)
    assert loader.calls == 2
    assert edited.reviewed.isoformat() == "2020-01-02"
    assert len(files_in(folder)) == 1  # the earlier file is removed


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    assert cached_rules(SHIPPED_RULES, RULE_FILES, CountingLoader(), blocked / "senco") == PARSED


def test_cache_folder(monkeypatch: object, tmp_path: Path) -> None:
    import pytest

    patch = pytest.MonkeyPatch()
    try:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path))
        assert cache_dir() == tmp_path / "senco"
        patch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as XDG says
        assert cache_dir() == Path.home() / ".cache" / "senco"
    finally:
        patch.undo()


def test_the_console_script_caches_bundled_rules_only(tmp_path: Path) -> None:
    profile = str(EXAMPLES / "new-senco.toml")
    args = ("check", "--profile", profile, "--format", "json", "--as-of", "2026-11-28")
    edited = run_senco(*args, env={"XDG_CACHE_HOME": str(tmp_path), "SENCO_DATA_DIR": str(SHIPPED_RULES)})
    assert not (tmp_path / "senco").exists()
    bundled = {"XDG_CACHE_HOME": str(tmp_path), "SENCO_DATA_DIR": ""}
    first = run_senco(*args, env=bundled)
    assert len(files_in(tmp_path / "senco")) == 1
    second = run_senco(*args, env=bundled)
    assert first.returncode == second.returncode == edited.returncode == 1
    assert first.stdout == second.stdout == edited.stdout
