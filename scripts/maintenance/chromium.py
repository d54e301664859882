"""Find a Chromium to drive: the one rule the tests, the audit and .ci/run share.

CHROME_PATH wins; then the usual command names on PATH (Debian's chromium, Ubuntu's snap and
Fedora's chromium-browser, Google Chrome), then the macOS application bundles. Standard
library only, so .ci/run can ask before any virtual environment exists.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
MAC_APPS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")
MISSING = ("no Chromium found (looked at CHROME_PATH, then for " + ", ".join(NAMES) + " on PATH"
           " and in /Applications); install it: Debian/Ubuntu `sudo apt-get install chromium`,"
           " Fedora `sudo dnf install chromium`, macOS `brew install --cask chromium`, or set"
           " CHROME_PATH")


def find() -> Path | None:
    """The Chromium or Chrome executable to use, or None."""
    if os.environ.get("CHROME_PATH"):
        path = Path(os.environ["CHROME_PATH"])
        return path if path.is_file() else None
    for name in NAMES:
        if found := shutil.which(name):
            return Path(found)
    return next((Path(p) for p in MAC_APPS if Path(p).is_file()), None)


def main(argv: list[str] | None = None) -> int:
    """Print the executable's path, or one line saying how to install one (exit 1)."""
    path = find()
    print(path if path else MISSING, file=sys.stdout if path else sys.stderr)
    return 0 if path else 1
