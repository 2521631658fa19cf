"""The wheel carries the rules: a plain install works with the checkout out of reach."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import EXAMPLES, ROOT


def test_wheel_ships_the_rules_and_runs_without_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("senco-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    from senco_cli import __version__

    assert wheel.name.startswith(f"senco-{__version__}-")
    metadata = zipfile.ZipFile(wheel).read(f"senco-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in metadata.splitlines() and "License-Expression: MIT" in metadata
    assert f"senco-{__version__}.dist-info/licenses/LICENSE" in names
    from senco_cli.rules.folder import RULE_FILES

    for rules_file in RULE_FILES:
        assert f"senco_cli/data/{rules_file}.toml" in names
    assert "senco_cli/data/examples/new-senco.toml" in names
    for template in (ROOT / "senco_cli" / "render" / "templates").iterdir():
        assert f"senco_cli/render/templates/{template.name}" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    profile = elsewhere / "me.toml"
    profile.write_bytes((EXAMPLES / "new-senco.toml").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    env.pop("SENCO_DATA_DIR")  # the installed wheel must find the rules it ships
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "senco_cli",
            "check",
            "--profile",
            "me.toml",
            "--format",
            "json",
            "--as-of",
            "2026-11-28",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["deadline"]["date"] == "2028-09-01"
    probe = subprocess.run(
        [sys.executable, "-c", "import senco_cli.rules.load as r; print(r.data_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert probe.stdout.strip().startswith(str(site))
    page = subprocess.run(
        [sys.executable, "-m", "senco_cli", "check", "--profile", "me.toml", "--format", "html"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
    )
    assert page.returncode == 1 and page.stdout.startswith("<!doctype html>"), page.stderr
