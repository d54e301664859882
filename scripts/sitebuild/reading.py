"""What the build does to a page for its readers, after the engine wrote it.

- Glossary marks help only where a reader first meets a term: each term keeps its mark at
  its first use in a page's prose, never in a heading or a link, never inside a name such as Safe
  Superintelligence Inc., and not at all on the glossary itself, whose entries define them.
- Table cells carry their column's header as data-label, so a narrow screen can set each
  row as a card with its labels (site.css); such a table is class "cards", and a cell with a
  cited web address is class "long-links", so that the style sheet needs no :has() test of
  every cell, which cost the slides page 15 ms of style a load.
- A "Context" note (an info admonition) of more than LONG_NOTE words is marked "long": on wide
  screens short notes sit in the margin beside their text, while a long one stays in the
  column as a full aside, since a stack of long notes would drift far below the sections
  they belong to.
- A page's one-line dek (front matter `dek:`) goes under its title, and a part of the talk
  says which part it is and when it runs in the video.
"""
from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

from .fix_html import LINK

TERM = re.compile(r'<abbr\b[^>]*\btitle="([^"]*)"[^>]*>(.*?)</abbr>', re.S)
# Headings, and the title line of an aside ("Context: ..."), which reads as one.
HEADING = re.compile(r'<h([1-6])\b.*?</h\1>|<p class="admonition-title">.*?</p>', re.S)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
# Words that make a glossary term part of a name rather than the term itself.
NAMES = (re.compile(r"Safe\s+$"), re.compile(r"^\s+Inc\b"))
TABLE = re.compile(r'<table class="data-table">.*?</table>', re.S)
NOTE = re.compile(r'<div class="admonition info">')
DIV = re.compile(r"<(/?)div\b")
TAG = re.compile(r"<[^>]+>")
LONG_NOTE = 120
TITLE = re.compile(r"(<article\b[^>]*>.*?</h1>)", re.S)


def glossary_marks(page: str, keep: bool = True) -> tuple[str, int]:
    """Unmark every glossary term but its first use in the article's prose; return the page and
    how many marks were removed. keep=False removes them all (the glossary page)."""
    article = ARTICLE.search(page)
    if not article:
        return page, 0
    body = article[0]
    # Headings, and links: a link's underline and a term's dotted one would stack.
    unmarked = [m.span() for m in HEADING.finditer(body)] + [m.span() for m in LINK.finditer(body)]
    seen: set[str] = set()
    removed = 0

    def mark(m: re.Match[str]) -> str:
        nonlocal removed
        term = html.unescape(m[2]).lower()
        before, after = body[max(0, m.start() - 40):m.start()], body[m.end():m.end() + 10]
        in_unmarked = any(a <= m.start() < b for a, b in unmarked)
        in_name = NAMES[0].search(before) or NAMES[1].search(after)
        if keep and not in_unmarked and not in_name and term not in seen:
            seen.add(term)
            return m[0]
        removed += 1
        return m[2]
    new_body = TERM.sub(mark, body)
    return page[:article.start()] + new_body + page[article.end():], removed


def table_labels(page: str) -> tuple[str, int]:
    """Give each cell of each data table its column header as data-label, and mark the
    tables and cells the style sheet sets apart; return how many cells were labelled."""
    labelled = 0

    def label(m: re.Match[str]) -> str:
        nonlocal labelled
        table = BeautifulSoup(m[0], "html.parser").table
        heads = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        for row in table.find_all("tr"):
            for head, cell in zip(heads, row.find_all("td"), strict=False):
                if head and not cell.get("data-label"):
                    cell["data-label"] = head
                    labelled += 1
        cells = table.find_all("td")
        if any(cell.get("data-label") for cell in cells):
            table["class"] = ["data-table", "cards"]
        for cell in cells:
            if "long-links" not in cell.get("class", []) and any(
                    a.get("href", "").startswith("http") and "timestamp" not in a.get("class", [])
                    for a in cell.find_all("a")):
                cell["class"] = [*cell.get("class", []), "long-links"]
        return str(table)
    return TABLE.sub(label, page), labelled


def under_title(page: str, dek: str | None, part: str | None) -> tuple[str, int]:
    """Put the dek and the part line right under the page's title; 1 if anything was added."""
    if 'class="dek"' in page or not (dek or part):
        return page, 0
    lines = ""
    if dek:
        curly = dek.replace("'", "’")  # front matter is not run through smarty
        lines += f'\n<p class="dek">{html.escape(curly)}</p>'
    if part:
        lines += f'\n<p class="part-line">{html.escape(part)}</p>'
    return TITLE.subn(lambda m: m[1] + lines, page, count=1)


def long_notes(page: str) -> tuple[str, int]:
    """Mark each Context note longer than LONG_NOTE words "long"; return how many were."""
    out, pos, marked = [], 0, 0
    for m in NOTE.finditer(page):
        depth, end = 0, len(page)
        for d in DIV.finditer(page, m.start()):
            depth += -1 if d[1] else 1
            if depth == 0:
                end = d.end()
                break
        words = len(html.unescape(TAG.sub(" ", page[m.start():end])).split())
        out.append(page[pos:m.start()])
        if words > LONG_NOTE:
            out.append('<div class="admonition info long">')
            marked += 1
        else:
            out.append(m[0])
        pos = m.end()
    out.append(page[pos:])
    return "".join(out), marked
