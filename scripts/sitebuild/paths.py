"""Where the project's files are: the one definition of the repository root."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
DATA = ROOT / "data"
INCLUDES = ROOT / "includes"
SITE = ROOT / "site"
REDIRECTS = ROOT / "redirects.yml"
MANIFEST = ROOT / "public-urls.txt"


def shown(path: Path) -> str:
    """A path as messages print it: relative to the repository when it is inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
