"""Shared fixtures: a throwaway copy of the repository and a helper to build it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "scripts", "data", "includes", "overrides", "CONTRIBUTING.md")
IGNORED = shutil.ignore_patterns("__pycache__", ".pytest_cache")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(root: Path, site: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build` on the repository at root, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *args],
        cwd=root, env={**ENV, **env}, capture_output=True, text=True, timeout=180)


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


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve a built site as a static host does, with 404.html for unknown paths."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served(site: Path):
    """The built site over HTTP on 127.0.0.1; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium: Debian's when installed, else Playwright's own download."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as e:  # pragma: no cover - playwright is pinned in requirements
        pytest.fail(f"playwright is not importable: {e}")
    with sync_playwright() as p:
        executable = str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None
        try:
            chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as e:
            message = (f"no Chromium to drive: install Debian's chromium (apt-get install"
                       f" chromium) or run `.venv/bin/playwright install chromium` ({e})")
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
        yield chromium
        chromium.close()
