"""The local preview (make serve): it keeps serving while the sources have a problem, and says
so on every page, instead of stopping at the first error as a real build does."""
from __future__ import annotations

import html
import logging
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from .paths import ROOT

ENABLED = os.environ.get("SITEBUILD_PREVIEW") == "1"
BODY = re.compile(r"<body\b[^>]*>")
BANNER = ('<div role="alert" class="preview-problems" style="position:relative;z-index:10;'
          'margin:0;padding:1rem 1.5rem;background:#fff3cd;color:#3d2c00;'
          'border-bottom:3px solid #b8860b;font:16px/1.5 system-ui,sans-serif">'
          '<strong>This preview has {count}; a real build (make build, and CI) stops at'
          ' {them}:</strong><pre style="white-space:pre-wrap;margin:.5rem 0 0;font-size:14px">'
          '{lines}</pre></div>')


class Problems(logging.Handler):
    """Collect every warning and error MkDocs logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append(record.getMessage())


def show(site: Path, problems: list[str]) -> int:
    """Put the list of problems at the top of every page of the preview; return pages changed."""
    count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
    banner = BANNER.format(count=count, them="it" if len(problems) == 1 else "them",
                           lines=html.escape("\n".join(problems)))
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new, n = BODY.subn(lambda m: m[0] + banner, text, count=1)
        if n:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def serve(port: int) -> int:
    """Run `mkdocs serve` as the preview on 127.0.0.1:port; one line if the port is taken."""
    if port_in_use(port):
        print(f"error: port {port} is already in use on 127.0.0.1; stop the other server, or"
              f" pick another port: make serve PORT={port + 1}", file=sys.stderr)
        return 1
    env = {**os.environ, "SITEBUILD_PREVIEW": "1", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload",
               "--dev-addr", f"127.0.0.1:{port}"]
    try:
        return subprocess.run(command, cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 0
