"""When each page last changed, from git history, with an honest answer when there is none."""
from __future__ import annotations

import functools
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNKNOWN = "Last change not recorded (built without git history)"


@functools.cache
def _history_available() -> bool:
    """True in a full clone; a shallow clone or a tarball cannot date individual files."""
    try:
        done = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and done.stdout.strip() == "false"


def last_updated(path: Path) -> str:
    """Return 'Updated YYYY-MM-DD' for a file's last commit, or the fallback text."""
    if not _history_available():
        return UNKNOWN
    done = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=10)
    date = done.stdout.strip()
    return f"Updated {date}" if done.returncode == 0 and date else "Not yet committed"
