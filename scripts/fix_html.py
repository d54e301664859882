"""Repair the few spots where Material's markup fails the Nu validator or axe-core, and do
ahead of time the one change Material's bundle makes to every table.

Usage: python scripts/fix_html.py SITE_DIR     rewrite every built HTML page in place

Material wraps each `table:not([class])` in two scroll containers when its bundle starts.
Moving a big table makes the browser restyle and lay it out again, inside the bundle's
start-up task: most of that task on the corrections and slides pages. So the build writes
the wrappers and marks the table `data-table` (site.css styles it exactly as Material styles
a bare table; a test holds the two rule sets equal), and the bundle finds nothing to move.

The MkDocs hook applies `fix_html` to each page as it is written; a builder without hooks
runs this file over its output folder instead.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

FIXES = (
    # autocomplete is not allowed on checkboxes; Material puts it on its two state toggles.
    (re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"'), r"\1"),
    # An empty tabindex is not an integer; the section labels are not meant to be focusable.
    (re.compile(r'(<label class="md-nav__link"[^>]*?) tabindex=""'), r"\1"),
    # Glossary terms (abbr) must be reachable by keyboard for their tooltips to be read.
    (re.compile(r"<abbr title="), '<abbr tabindex="0" title='),
    # The search dialog needs an accessible name.
    (re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
)


LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
WRAPPED_TABLE = (r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                 r'<table class="data-table">\1</table></div></div>')


def fix_html(html: str) -> str:
    """Return the page with every known markup defect repaired."""
    for pattern, replacement in FIXES:
        html = pattern.sub(replacement, html)
    # A term inside a link is reached through the link; a focusable element may not nest in it.
    html = LINK.sub(lambda m: m[0].replace('<abbr tabindex="0" ', "<abbr "), html)
    return TABLE.sub(WRAPPED_TABLE, html)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python scripts/fix_html.py SITE_DIR", file=sys.stderr)
        return 2
    changed = 0
    for page in sorted(Path(argv[0]).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        fixed = fix_html(html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    print(f"fix_html: {changed} pages repaired")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
