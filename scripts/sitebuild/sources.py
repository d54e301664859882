"""Read the Markdown sources: their front matter, and which built address each one becomes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import yaml_lines
from .config import page_url
from .paths import DOCS, ROOT, shown


class SourceError(ValueError):
    """A page whose source breaks a rule; the message names the file, the line and the fix."""


@dataclass
class Source:
    path: Path
    src: str  # relative to docs/, as mkdocs.yml's nav names it
    meta: dict
    meta_lines: dict[str, int]

    @property
    def url(self) -> str:
        return page_url(self.src)

    @property
    def edited_file(self) -> Path:
        """The file a reader's edit goes to: the page, or the file it includes (front matter
        `source:`, relative to the repository root)."""
        return ROOT / self.meta["source"] if self.meta.get("source") else self.path


def front_matter(path: Path) -> tuple[dict, dict[str, int]]:
    """A page's YAML front matter and the line of each key in the file."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}, {}
    end = text.find("\n---", 4)
    block = text[4:end if end > 0 else 4]
    try:
        node = yaml.compose(block, Loader=yaml_lines.LOADER)
        meta = (yaml_lines.value(node) if node is not None else None) or {}
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", 0) + 2
        raise SourceError(f"{shown(path)}:{line}: the front matter is not valid YAML"
                          f" ({getattr(e, 'problem', e)})") from None
    lines = {k.value: k.start_mark.line + 2 for k, _ in node.value} \
        if isinstance(node, yaml.MappingNode) else {}
    return (meta if isinstance(meta, dict) else {}), lines


def load_sources(docs: Path = DOCS) -> list[Source]:
    """Every Markdown page under docs/, sorted by path."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        meta, lines = front_matter(path)
        found.append(Source(path, path.relative_to(docs).as_posix(), meta, lines))
    return found


DESCRIPTION = (50, 200)


def check_description(source: Source) -> None:
    """Every page says in its front matter, in one sentence, what a reader will find on it.

    Search engines and share cards show it; without one, the theme would silently use the
    site's own description for every page.
    """
    text = source.meta.get("description")
    where = shown(source.path)
    low, high = DESCRIPTION
    if not isinstance(text, str) or not text.strip():
        raise SourceError(f"{where}:1: no description; add 'description: <one sentence of"
                          f" {low}-{high} characters>' to the front matter (between the --- lines)")
    line = source.meta_lines.get("description", 1)
    length = len(" ".join(text.split()))
    if not low <= length <= high:
        raise SourceError(f"{where}:{line}: the description has {length} characters; write one"
                          f" sentence of {low}-{high}")
    if '"' in text:
        raise SourceError(f"{where}:{line}: the description contains a straight quote (\");"
                          " use curly quotes (“ ”) instead")


FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]+`")
FOOTNOTE_USE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)|<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')
TIMESTAMP = re.compile(r"\[▶ (≈ )?(\d+):(\d\d)\]\(https://www\.youtube\.com/watch\?v=[\w-]+"
                       r"&t=(\d+)s(?: \"[^\"]*\")?\)")
ALT_RULE = ("alt text must say in at least three words what the image shows (a reader who"
            " cannot see it gets only this)")


def prose(text: str) -> str:
    """The text with code blocks and inline code blanked out, line numbers kept."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return INLINE_CODE.sub(blank, FENCE.sub(blank, text))


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_markup(path: Path) -> list[str]:
    """Footnotes, images and timestamps of one Markdown file, as 'file:line: problem; fix'."""
    text = prose(path.read_text(encoding="utf-8"))
    where = shown(path)
    problems = []
    defined = {m[1]: m for m in FOOTNOTE_DEF.finditer(text)}
    used = {}
    for m in FOOTNOTE_USE.finditer(text):
        used.setdefault(m[1], m)
    for key, m in used.items():
        if key not in defined:
            problems.append(f"{where}:{line_at(text, m.start())}: footnote [^{key}] is used but"
                            f" never defined; add a line '[^{key}]: Author (year). [Title](url)'"
                            " at the end of the page")
    for key, m in defined.items():
        if key not in used:
            problems.append(f"{where}:{line_at(text, m.start())}: footnote [^{key}] is defined but"
                            " never used; cite it with [^" + key + "] or delete the line")
    for m in IMAGE.finditer(text):
        alt = m[1] if m[0].startswith("!") else (ALT.search(m[0]) or [None, None])[1]
        if alt is None or len(alt.split()) < 3:
            problems.append(f"{where}:{line_at(text, m.start())}: image without meaningful alt"
                            f" text ({alt or 'none'!r}): {ALT_RULE}")
    for m in TIMESTAMP.finditer(text):
        minutes, seconds, t = int(m[2]), int(m[3]), int(m[4])
        if minutes * 60 + seconds != t:
            problems.append(f"{where}:{line_at(text, m.start())}: timestamp shows {m[2]}:{m[3]}"
                            f" but links t={t}s; make both say the same second"
                            f" ({minutes * 60 + seconds}s, or {t // 60}:{t % 60:02d})")
    return problems
