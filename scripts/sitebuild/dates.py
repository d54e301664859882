"""When each page last changed, from git history, with an honest answer when there is none.

The theme's page footer carries an empty `data-page-updated` slot (overrides/partials/
source-file.html); postbuild fills it, so every engine shows the same date.
"""
from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

from .paths import ROOT

UNKNOWN = "Last change not recorded (built without git history)"
SLOT = re.compile(r"(<span [^>]*data-page-updated[^>]*>)[^<]*(</span>)")


@functools.cache
def _history_available(root: Path = ROOT) -> bool:
    """True in a full clone; a shallow clone or a tarball cannot date individual files."""
    try:
        done = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root,
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == "false" and \
        _toplevel(root) == root.resolve()


def _toplevel(root: Path) -> Path | None:
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root,
                          capture_output=True, text=True, timeout=10)
    return Path(done.stdout.strip()).resolve() if done.returncode == 0 else None


def last_updated(path: Path) -> str:
    """Return 'Updated YYYY-MM-DD' for a file's last commit, or the fallback text."""
    if not _history_available():
        return UNKNOWN
    done = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=10)
    date = done.stdout.strip()
    return f"Updated {date}" if done.returncode == 0 and date else "Not yet committed"


def fill(html: str, text: str) -> tuple[str, int]:
    """Write the date into the page's slot; return the page and how many slots were filled."""
    return SLOT.subn(lambda m: m[1] + text + m[2], html)
