"""Make the search index's previews read as sentences, whichever engine wrote the index.

Both engines index a section as the text of its paragraphs and lists, so a table arrives as
every cell run together ("# The translation says What was actually said 13 “NeurIPS…"), and
the timestamps, filled in after the index is written, arrive as a bare "▶". Here each section
that holds a table is read again from the finished page: its paragraphs and list items as
they are, each body row of a table as one line of its non-empty cells, with the time the
row's link now shows. Elsewhere a bare "▶" is dropped.
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from bs4 import Tag

from .pages import load_text, text_of

BLOCKS = ("p", "li", "table")
HEADING = re.compile(r"h[1-6]")
CLOCK = re.compile(r"(≈ )?\d+:\d\d")  # a paragraph that is only a timestamp
# A lone play mark left where a timestamp was, with the separator that followed it.
BARE_MARK = re.compile(r"<p>\s*▶\s*</p>\s*|\s*\(▶\)|(?<![^\s>])▶(?:\s*·)?\s*")


def row_line(row: Tag) -> str:
    """A table row as one line: its non-empty cells, the play mark left out."""
    cells = [BARE_MARK.sub("", text_of(c)).strip() for c in row.find_all(["td", "th"])]
    return " · ".join(c for c in cells if c)


def block_text(block: Tag) -> list[str]:
    """The preview lines of one paragraph, list item or table."""
    if block.name == "table":
        return [line for row in block.find_all("tr") if row.find("td") and
                (line := row_line(row))]
    text = BARE_MARK.sub("", text_of(block)).strip()
    return [text] if text and not CLOCK.fullmatch(text) else []


def section_blocks(start: Tag) -> list[Tag]:
    """The blocks after a heading up to the next heading with an id, nested lists once."""
    blocks = []
    for node in start.next_elements:  # lazily: the section ends at the next heading
        if not isinstance(node, Tag):
            continue
        if HEADING.fullmatch(node.name) and node.get("id"):
            break
        if node.name in BLOCKS and not node.find_parent(["table", "li", "nav", "footer"]):
            blocks.append(node)
    return blocks


def section_text(page: Tag, anchor: str) -> str | None:
    """The rebuilt preview of the section at anchor ("" for the page's preface), or None
    when the section has no table, or cannot be found, and the engine's text should stay."""
    article = page.find("article") or page
    start = article.find(id=anchor) if anchor else article.find("h1")
    if start is None:
        return None
    blocks = section_blocks(start)
    if not any(b.name == "table" for b in blocks):
        return None
    return "".join(f"<p>{escape(line, quote=False)}</p>"
                   for b in blocks for line in block_text(b))


def tidy(site: Path, index: str | None) -> int:
    """Rewrite the index's previews in place; return how many entries changed."""
    if index is None:
        return 0
    path = site / index
    document = json.loads(path.read_text(encoding="utf-8"))
    entries = document.get("docs") or document.get("items") or []
    changed = 0
    for entry in entries:
        page_url, _, anchor = entry.get("location", "").partition("#")
        page_file = site / page_url / "index.html"
        text = entry.get("text", "")
        new = section_text(load_text(page_file), anchor) if page_file.is_file() else None
        if new is None:
            new = BARE_MARK.sub("", text)
        if new != text:
            entry["text"] = new
            changed += 1
    if changed:
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    return changed
