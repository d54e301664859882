"""Tools for maintainers, run by hand or by the scheduled workflows; none is a build step.

Usage:
    python scripts/maintain.py audit [--runs N]        Lighthouse and the size budget, every page
    python scripts/maintain.py bench [--runs N]        build times, with and without the steps
    python scripts/maintain.py compare SITE_A SITE_B   how two engines' builds differ
    python scripts/maintain.py links SITE              the weekly external link check
    python3 scripts/maintain.py chromium               the browser the tests drive, or how to
                                                       install one (standard library only)
"""
from __future__ import annotations

import importlib
import sys

TOOLS = ("audit", "bench", "compare", "links", "chromium")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TOOLS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    tool = importlib.import_module(f"maintenance.{argv[0]}")
    return tool.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
