"""Read a built site back: its pages, their headings, timestamps and summaries.

The one reader of built HTML, for the build steps that work on an engine's output and for the
tests alike, so that both see a page the same way whichever engine wrote it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from .config import load_config, nav_files, page_url

HEADINGS = ("h1", "h2", "h3")
SKIPPED = ("script", "style", "nav", "header", "footer", "button", "svg")


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

    @property
    def heading(self) -> str:
        """The page's h1, or its <title> when it has none."""
        return self.sections[0].title if self.sections else self.title


def parse(html: str) -> BeautifulSoup:
    """A built page as a tree (Python's own HTML parser, so no compiled dependency)."""
    return BeautifulSoup(html, "html.parser")


@functools.lru_cache(maxsize=256)
def _load(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return parse(path.read_text(encoding="utf-8"))


def load(path: Path) -> BeautifulSoup:
    """A built page's tree, parsed once for as long as the file is unchanged. Read-only:
    a step that rewrites a page parses its own copy."""
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


def _reading_part(html: str) -> str:
    """A page's <head> and <article>: all that the readers of its text need, without the
    navigation, header and footer that make up half of every page's markup."""
    head_end, start = html.find("</head>"), html.find("<article")
    end = html.rfind("</article>")
    if head_end < 0 or start < 0 or end < start:
        return html
    return html[:head_end + 7] + "<body>" + html[start:end + 10] + "</body></html>"


@functools.lru_cache(maxsize=256)
def _load_text(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    return parse(_reading_part(path.read_text(encoding="utf-8")))


def load_text(path: Path) -> BeautifulSoup:
    """A built page's head and article only, parsed once while the file is unchanged: for
    reading its title, description, sections and prose. Read-only, like load."""
    stat = path.stat()
    return _load_text(path.resolve(), stat.st_mtime_ns, stat.st_size)


def is_redirect(doc: BeautifulSoup) -> bool:
    """True for the small forwarding pages that redirects leave at old addresses."""
    return doc.find("meta", attrs={"http-equiv": "refresh"}) is not None


def is_redirect_file(path: Path) -> bool:
    """is_redirect for a file, reading only its head."""
    head = path.read_text(encoding="utf-8").partition("</head>")[0]
    return "refresh" in head and is_redirect(parse(head))


def page_files(site: Path) -> dict[str, Path]:
    """URL path -> file of every real page of a built site ("" for home), redirects left out."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        if is_redirect_file(index):
            continue
        rel = index.parent.relative_to(site).as_posix()
        found["" if rel == "." else rel + "/"] = index
    return found


def page_paths(site: Path) -> list[str]:
    """URL paths of every real page of a built site ("" for home), sorted."""
    return sorted(page_files(site))


def text_of(tag: Tag) -> str:
    """A tag's visible text with whitespace collapsed, permalink anchors left out."""
    parts = [s for s in tag.find_all(string=True)
             if not any(isinstance(p, Tag) and "headerlink" in (p.get("class") or [])
                        for p in s.parents)]
    return " ".join("".join(parts).split())


def first_sentence(text: str) -> str:
    """Return the first sentence of a paragraph, or its start if it runs long."""
    for match in re.finditer(r"[.!?](?=\s+[A-Z\"“(]|$)", text):
        before = text[:match.start()].rsplit(" ", 1)[-1]
        if len(before) > 1 or not before.isupper():  # "Quoc V. Le" is not a sentence end
            text = text[:match.end()]
            break
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "…"


def _summary(paragraph: Tag) -> str:
    text = text_of(paragraph)
    # The Q&A page opens each question with labelled paragraphs; the question is the gist.
    if not text or re.fullmatch(r"▶ .*", text) or text.startswith("Who asked."):
        return ""
    return first_sentence(re.sub(r"^The question\. ", "", text))


def read_sections(article: Tag) -> list[Section]:
    """The article's headings with ids, each with its first timestamp and paragraph."""
    sections: list[Section] = []
    for tag in article.find_all([*HEADINGS, "a", "p"]):
        if tag.find_parent(SKIPPED):
            continue
        classes = tag.get("class") or []
        if tag.name in HEADINGS and tag.get("id"):
            sections.append(Section(tag["id"], int(tag.name[1]), text_of(tag)))
        elif not sections:
            continue
        elif tag.name == "a" and "timestamp" in classes and not sections[-1].video_url:
            sections[-1].video_url = tag.get("href", "")
            sections[-1].estimated = "estimated" in classes
        elif tag.name == "p" and not sections[-1].summary and "admonition-title" not in classes:
            sections[-1].summary = _summary(tag)
    return sections


def read_page(path: Path, url: str) -> Page:
    """One built page."""
    doc = load_text(path)
    meta = doc.find("meta", attrs={"name": "description"})
    article = doc.find("article") or doc
    title = " ".join(doc.title.get_text().split()) if doc.title else ""
    return Page(url, title, meta.get("content", "") if meta else "", read_sections(article))


def read_site(site: Path, config: dict | None = None) -> list[Page]:
    """Every page of a built site, in the order of mkdocs.yml's nav, then by address."""
    order = [page_url(src) for src in nav_files((config or load_config()).get("nav", []))]
    rank = {u: i for i, u in enumerate(order)}
    pages = [read_page(path, url) for url, path in page_files(site).items()]
    return sorted(pages, key=lambda p: (rank.get(p.url, len(rank)), p.url))
