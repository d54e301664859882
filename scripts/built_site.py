"""Read a built site back: its pages, their headings, timestamps and summaries.

Shared by the scripts that work on the output rather than the sources (the public URL
manifest, sections.json and llms.txt), so they work after any builder, MkDocs or not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = {"h1", "h2", "h3"}
SKIPPED = {"script", "style", "nav", "header", "footer", "button", "svg"}


@dataclass
class Section:
    id: str
    level: int
    title: str
    video_url: str = ""
    estimated: bool = False
    summary: str = ""


@dataclass
class Page:
    url: str
    title: str
    description: str
    sections: list[Section] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collect headings in the article, the first timestamp and paragraph after each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.title = self.description = ""
        self._in_article = 0
        self._skip = 0
        self._heading: Section | None = None
        self._in_title = False
        self._paragraph: list[str] | None = None
        self.nav: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "meta" and a.get("name") == "description":
            self.description = a.get("content") or ""
        if tag == "article":
            self._in_article += 1
        if tag == "a" and "md-nav__link" in (a.get("class") or "") and a.get("href"):
            self.nav.append(a["href"])
        if not self._in_article:
            return
        if tag in SKIPPED or "headerlink" in (a.get("class") or ""):
            self._skip += 1
            return
        if tag in HEADINGS and a.get("id"):
            self._heading = Section(a["id"], int(tag[1]), "")
            self.sections.append(self._heading)
        elif tag == "a" and "timestamp" in (a.get("class") or "") and self.sections:
            current = self.sections[-1]
            if not current.video_url:
                current.video_url = a.get("href", "")
                current.estimated = "estimated" in a.get("class", "")
        elif tag == "p" and self.sections and not self.sections[-1].summary \
                and "admonition-title" not in (a.get("class") or ""):
            # The first paragraph: the section's own words, or its context box if it has none.
            self._paragraph = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "article":
            self._in_article -= 1
        if not self._in_article:
            return
        if tag in SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "a" and self._skip:
            self._skip -= 1
            return
        if tag in HEADINGS:
            self._heading = None
        if tag == "p" and self._paragraph is not None:
            text = " ".join("".join(self._paragraph).split())
            # The Q&A page opens each question with labelled paragraphs; the question is the gist.
            if text and not re.fullmatch(r"▶ .*", text) and not text.startswith("Who asked."):
                self.sections[-1].summary = first_sentence(re.sub(r"^The question\. ", "", text))
            self._paragraph = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._skip or not self._in_article:
            return
        if self._heading is not None:
            self._heading.title += data
        if self._paragraph is not None:
            self._paragraph.append(data)


def first_sentence(text: str) -> str:
    """Return the first sentence of a paragraph, or its start if it runs long."""
    for match in re.finditer(r"[.!?](?=\s+[A-Z\"“(]|$)", text):
        before = text[:match.start()].rsplit(" ", 1)[-1]
        if len(before) > 1 or not before.isupper():  # "Quoc V. Le" is not a sentence end
            text = text[:match.end()]
            break
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def page_paths(site: Path) -> list[str]:
    """URL paths of every page of a built site ("" for home), sorted."""
    return sorted((p.parent.relative_to(site).as_posix() + "/").removeprefix("./")
                  for p in site.rglob("index.html"))


def read_page(path: Path, url: str) -> tuple[Page, list[str]]:
    """Return the page and the links of its navigation, in order."""
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    for s in reader.sections:
        s.title = " ".join(s.title.split())
    return Page(url, " ".join(reader.title.split()), reader.description, reader.sections), reader.nav


def read_site(site: Path) -> list[Page]:
    """Every page of a built site with directory URLs, in navigation order, 404 left out."""
    pages, order = {}, []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        pages[url], nav = read_page(index, url)
        if url == "":
            order = [h.removeprefix("./").split("#")[0] for h in nav]
            order = [("" if h in (".", "") else h) for h in order]
    rank = {u: i for i, u in enumerate(dict.fromkeys(order))}
    return sorted(pages.values(), key=lambda p: (rank.get(p.url, len(rank)), p.url))
