"""Shared fixtures: a throwaway copy of the repository and a helper to build it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "scripts", "data", "includes")
IGNORED = shutil.ignore_patterns("__pycache__", ".pytest_cache")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(root: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on the repository at root; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *args],
        cwd=root, env=ENV, capture_output=True, text=True, timeout=180)


def chart(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the chart script of the repository at root as a plain command."""
    return subprocess.run([sys.executable, "scripts/brain_chart.py", *args], cwd=root,
                          env=ENV, capture_output=True, text=True, timeout=180)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the site's sources, chart outputs included, that a test may break."""
    copy = tmp_path / "repo"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=IGNORED)
        elif source.exists():
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    done = build(ROOT, out, "--strict")
    assert done.returncode == 0, done.stderr
    return out
