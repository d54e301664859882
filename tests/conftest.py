"""Shared fixtures: a throwaway copy of the repository, the built site, a browser.

Tests that build the site are marked `slow` and tests that drive Chromium `browser`, from the
fixtures they use, so `make test-fast` (pytest -m "not slow and not browser") needs neither.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from maintenance import chromium
from sitebuild import steps
from sitebuild.paths import ROOT

COPIED = ("mkdocs.yml", "docs", "scripts", "data", "includes", "overrides", "requirements",
          "CONTRIBUTING.md", "public-urls.txt", "redirects.yml", ".sitebuild-cache")
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


SLOW_FIXTURES = {"site", "repo", "served"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if "browser" in used:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def generated() -> None:
    """The generated inputs (chart, tables) of the real checkout, written if stale, so a test
    module that copies the sources passes on its own in a fresh clone."""
    steps.prebuild()


@pytest.fixture
def repo(tmp_path: Path, generated: None) -> Path:
    """A copy of the site's sources, generated files included, that a test may break."""
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


@contextlib.contextmanager
def serving(site: Path):
    """A built site over HTTP on 127.0.0.1, as a static host serves it; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(site: Path):
    """The built site over HTTP on 127.0.0.1; yields its base URL."""
    with serving(site) as base:
        yield base


def wait_until(page, expression: str, timeout: float = 10_000) -> None:
    """Poll a JavaScript expression until it is truthy.

    Playwright's wait_for_function re-evaluates a string with eval() on each animation frame,
    outside DevTools' own evaluation, so the pages' Content-Security-Policy (no 'unsafe-eval')
    refuses every poll after the first: it fails whenever the condition is not already true.
    page.evaluate runs through DevTools, which the policy does not govern.
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:g} s: {expression}")
        page.wait_for_timeout(50)


def scripts_ready(page, timeout: float = 10_000) -> None:
    """Wait until the site's own scripts, which start after load (theme.scripts_after_load),
    have all run."""
    wait_until(page, "!document.querySelector('script[data-after-load]:not([data-ready])')",
               timeout)


def start_theme(page, timeout: float = 10_000) -> None:
    """Do what a reader does first (move the pointer), and wait until Material's bundle is up.

    The bundle loads on the first interaction (scripts/sitebuild/theme.py), not at load.
    """
    page.mouse.move(5, 5)
    wait_until(page, "window.component$ !== undefined", timeout)


CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-quic"]


def need(what: str, message: str) -> None:
    """Skip, with one line, a test whose tool is missing; under CI=true, fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}: {message}", pytrace=False)
    pytest.skip(f"{what}: {message}")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, found by the rule .ci/run uses (scripts/maintenance/chromium.py)."""
    from playwright.sync_api import Error, sync_playwright

    executable = chromium.find()
    if executable is None:
        need("Chromium", chromium.MISSING)
    with sync_playwright() as p:
        try:
            launched = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        except Error as e:
            need("Chromium", f"{executable} would not start: {str(e).splitlines()[0]}")
        yield launched
        launched.close()
