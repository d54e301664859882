"""Rewrite MkDocs' link and nav warnings as 'file:line: problem; fix'.

MkDocs names the page but not the line, and says what is wrong but not what to do. These
messages are the first thing a contributor sees when a link breaks.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from .paths import INCLUDES, ROOT, shown

LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<rest>.*)",
                  re.S)
UNRECOGNIZED = re.compile(r"Doc file '(?P<page>[^']+)' contains an unrecognized relative link"
                          r" '(?P<link>[^']+)'")
ABSOLUTE = re.compile(r"Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>[^']+)'")
OMITTED = re.compile(r"The following pages exist in the docs directory, but are not included"
                     r" in the \"nav\" configuration:\n(?P<pages>.*)", re.S)


def find_line(path: Path, needle: str) -> int | None:
    """Return the first line of path that contains needle, counting from 1."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((no for no, text in enumerate(lines, 1) if needle in text), None)


INCLUDE = re.compile(r'^--8<-- "([^"]+)"', re.M)


def included(path: Path) -> list[Path]:
    """The files a page pulls in with snippets (--8<--), found as pymdownx.snippets finds them:
    under includes/, then from the repository root."""
    try:
        names = INCLUDE.findall(path.read_text(encoding="utf-8"))
    except OSError:
        return []
    return [next((base / n for base in (INCLUDES, ROOT) if (base / n).is_file()), ROOT / n)
            for n in names]


def located(docs: Path, page: str, link: str) -> str:
    """Return 'docs/page.md:LINE' for the line that holds the link, or the line of the included
    file (CONTRIBUTING.md for the contributing page) that holds it."""
    for path in (docs / page, *included(docs / page)):
        if line := find_line(path, link):
            return f"{shown(path)}:{line}"
    return f"{docs.name}/{page}"


def explain(message: str, docs: Path) -> str | None:
    """Rewrite a MkDocs link or nav warning as 'file:line: problem; fix', or None to keep it."""
    if m := LINK.match(message):
        where, link, rest = located(docs, m["page"], m["link"]), m["link"], m["rest"]
        if "anchor" in rest:
            target = re.search(r"the doc '([^']+)'", rest)
            anchor = link.partition("#")[2]
            page = f"{docs.name}/{target[1]}" if target else "this page"
            return (f"{where}: broken anchor '#{anchor}' in link '{link}': {page} has no heading"
                    f" with that id. Link to an id that exists (headings set theirs with"
                    f" {{ #id }}), or give the heading back its old id.")
        hint = re.search(r"Did you mean '([^']+)'\?", rest)
        return (f"{where}: broken link '{link}': no such page or file in {docs.name}/."
                f" Fix the path (it is relative to this page's file)"
                + (f"; did you mean '{hint[1]}'?" if hint else ", or add the missing page."))
    if m := UNRECOGNIZED.match(message):
        return (f"{located(docs, m['page'], m['link'])}: link '{m['link']}' does not name a file;"
                f" link to the Markdown source instead, e.g. 'page.md' or 'page.md#id'.")
    if m := ABSOLUTE.match(message):
        return (f"{located(docs, m['page'], m['link'])}: absolute link '{m['link']}'; write it"
                f" relative to this page's file so it works wherever the site is deployed.")
    if m := OMITTED.match(message):
        pages = [p.strip(" -") for p in m["pages"].splitlines() if p.strip()]
        return "\n".join(f"{docs.name}/{p}: page is not in the nav; add it under 'nav:' in"
                         f" mkdocs.yml (or delete the file)." for p in pages)
    return None


class ExplainLinks(logging.Filter):
    """Turn MkDocs' link and nav warnings into 'file:line: problem; fix' messages."""

    def __init__(self, docs: Path) -> None:
        super().__init__()
        self.docs = docs

    def filter(self, record: logging.LogRecord) -> bool:
        better = explain(record.getMessage(), self.docs)
        if better:
            record.msg, record.args = better, ()
        return True
