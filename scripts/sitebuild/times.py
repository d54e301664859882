"""The talk's times as data: data/times.yml holds when each section starts in the video.

Pages never type a time. They write `[▶](video:peak-data){ .timestamp }`, and postbuild
turns that into a link to the right second with the time as its text (≈ for an estimate).
The talk overview's outline and the home page's chapters are generated from the same rows,
and so are the start times in sections.json.

A row is a section (its heading id on its page) or, with a dot, a moment inside one
(`q1-biology.answer`). Rows come in talk order; each has its start, how it was found
(anchored on a timed transcript mark, or estimated between two marks), the evidence, how
sure it is, and a one-sentence summary.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import yaml_lines
from .config import load_config, page_url
from .paths import DATA, DOCS, INCLUDES, shown

TIMES = DATA / "times.yml"
VIDEO = "https://www.youtube.com/watch?v=1yvBqasHLZs"
BASES = ("anchored", "estimated")
FIELDS = ("id", "page", "start_s", "basis", "uncertainty_s", "evidence", "summary")
HEADING = re.compile(r"^(#{1,3}) (.+?) \{ #([a-z0-9-]+) \}\s*$", re.M)
PLACEHOLDER = re.compile(r'<a\b([^>]*?)href="video:([a-z0-9.-]+)"([^>]*)>[^<]*</a>')
SOURCE_PLACEHOLDER = re.compile(r"\]\(video:([a-z0-9.-]*)\)")
TYPED = re.compile(r"youtube\.com/watch\?v=1yvBqasHLZs&t=\d+")
GENERATED = INCLUDES / "times"


class TimesError(ValueError):
    """A row of data/times.yml that cannot be used; the message names the line and the fix."""


@dataclass(frozen=True)
class Time:
    id: str
    page: str
    start_s: int
    basis: str
    uncertainty_s: int
    evidence: str
    summary: str
    line: int

    @property
    def estimated(self) -> bool:
        return self.basis == "estimated"

    @property
    def section(self) -> str:
        return self.id.partition(".")[0]

    @property
    def clock(self) -> str:
        return clock(self.start_s)

    @property
    def url(self) -> str:
        return f"{VIDEO}&t={self.start_s}s"

    @property
    def label(self) -> str:
        return f"▶ {'≈ ' if self.estimated else ''}{self.clock}"

    @property
    def title(self) -> str:
        n = self.uncertainty_s
        within = f"within about {n} second{'' if n == 1 else 's'}"
        return (f"Estimated time, {within}" if self.estimated
                else f"From a timed transcript, {within}")


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def headings(path: Path) -> dict[str, tuple[int, str, int]]:
    """Heading id -> (line, title, level) of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    return {m[3]: (text.count("\n", 0, m.start()) + 1, m[2], len(m[1]))
            for m in HEADING.finditer(text)}


def load_times(path: Path = TIMES) -> list[Time]:
    """Read and check every row; the first problem stops with 'file:line: problem; fix'."""
    where = shown(path)
    times: list[Time] = []
    for line, row, _ in yaml_lines.mapping_items(path, TimesError, "rows, one per section,"):
        missing = [f for f in FIELDS if row.get(f) in (None, "")]
        if missing:
            raise TimesError(f"{where}:{line}: row '{row.get('id', '?')}' has no"
                             f" {', '.join(missing)}; every row needs {', '.join(FIELDS)}")
        times.append(check_row(row, line, where, times[-1] if times else None))
    return times


def check_row(row: dict, line: int, where: str, before: Time | None) -> Time:
    """One row as a Time, or the reason it cannot be one."""
    if row["basis"] not in BASES:
        raise TimesError(f"{where}:{line}: basis must be anchored (at a timed transcript mark) or"
                         f" estimated (interpolated between marks), got {row['basis']!r}")
    for key in ("start_s", "uncertainty_s"):
        if not isinstance(row[key], int) or row[key] < 0:
            raise TimesError(f"{where}:{line}: {key} must be a whole number of seconds, got"
                             f" {row[key]!r}")
    if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)?", str(row["id"])):
        raise TimesError(f"{where}:{line}: id {row['id']!r} must be a heading id, or"
                         " heading-id.moment")
    summary = " ".join(str(row["summary"]).split())
    if not summary.endswith((".", "?")):
        raise TimesError(f"{where}:{line}: the summary of '{row['id']}' must be one sentence"
                         " ending in a period")
    time = Time(str(row["id"]), str(row["page"]), row["start_s"], row["basis"],
                row["uncertainty_s"], " ".join(str(row["evidence"]).split()), summary, line)
    if before and time.start_s < before.start_s:
        raise TimesError(f"{where}:{line}: '{time.id}' starts at {time.clock}, before"
                         f" '{before.id}' at {before.clock} on line {before.line}; rows go in"
                         " talk order, so fix the time or move the row")
    return time


def check_against_pages(times: list[Time], docs: Path = DOCS, talk: list[str] | None = None
                        ) -> list[str]:
    """Every row names a real heading, and every talk section has exactly one row."""
    problems, seen = [], {}
    where = shown(TIMES)
    for t in times:
        page = docs / t.page
        if not page.is_file():
            problems.append(f"{where}:{t.line}: '{t.id}': docs/{t.page} does not exist; fix"
                            " the page")
            continue
        if t.section not in headings(page):
            problems.append(f"{where}:{t.line}: unknown section '{t.section}': docs/{t.page} has"
                            " no heading with that id; use the id in its { #id }")
        if t.id in seen:
            problems.append(f"{where}:{t.line}: '{t.id}' already has a row on line {seen[t.id]};"
                            " keep one")
        seen[t.id] = t.line
    for src in talk if talk is not None else talk_pages():
        for anchor, (line, _, level) in headings(docs / src).items():
            if level != 2 or anchor in seen:
                continue
            problems.append(f"{shown(docs / src)}:{line}: section '{anchor}' has no row in"
                            f" {where}; add one with its start and evidence")
    return problems


def talk_pages() -> list[str]:
    """The talk's own pages in nav order: the nav section 'The talk', minus its overview."""
    for entry in load_config().get("nav", []):
        if isinstance(entry, dict) and "The talk" in entry:
            files = [next(iter(e.values())) for e in entry["The talk"]]
            return [f for f in files if not f.endswith("index.md")]
    return []


def check_placeholders(path: Path, ids: set[str]) -> list[str]:
    """A page's video: links all name a row, and no time is typed into the page."""
    from .sources import line_at, prose
    text = prose(path.read_text(encoding="utf-8"))
    problems = [f"{shown(path)}:{line_at(text, m.start())}: video:{m[1]} names no row of"
                f" {shown(TIMES)}; use a section id that has one"
                for m in SOURCE_PLACEHOLDER.finditer(text) if m[1] not in ids]
    problems += [f"{shown(path)}:{line_at(text, m.start())}: a time typed into the page; write"
                 " [▶](video:<section-id>){ .timestamp } and let data/times.yml give the time"
                 for m in TYPED.finditer(text)]
    return problems


def fill(page: str, times: dict[str, Time]) -> tuple[str, int]:
    """Turn every video: placeholder of a built page into its link; return page and count."""
    def link(m: re.Match[str]) -> str:
        t = times[m[2]]
        attrs = (m[1] + m[3]).strip()
        if t.estimated:
            attrs = re.sub(r'class="([^"]*)"', lambda c: f'class="{c[1]} estimated"', attrs)
        attrs = re.sub(r'\s*title="[^"]*"', "", attrs)
        return (f'<a href="{html.escape(t.url)}" {attrs} title="{t.title}">'
                f"{html.escape(t.label)}</a>")
    return PLACEHOLDER.subn(link, page)


def outline(times: list[Time], docs: Path = DOCS) -> str:
    """The talk overview's outline table: when each section starts, and what it says."""
    rows = ["Starts | Section | What it says", "---|---|---"]
    for t in times:
        if "." in t.id:
            continue
        title = headings(docs / t.page)[t.id][1]
        link = f"{Path(t.page).name}#{t.id}"
        rows.append(f"[▶](video:{t.id}){{ .timestamp }} | [{title}]({link}) | {t.summary}")
    return "\n".join(rows) + "\n"


def parts(times: list[Time]) -> list[tuple[str, Time, int | None]]:
    """Each part of the talk (a page) with its first row and where the next part starts."""
    firsts: list[tuple[str, Time]] = []
    for t in times:
        if not firsts or firsts[-1][0] != t.page:
            firsts.append((t.page, t))
    return [(page, first, firsts[i + 1][1].start_s if i + 1 < len(firsts) else None)
            for i, (page, first) in enumerate(firsts)]


def span(first: Time, end: int | None) -> str:
    return f"{first.clock}–{clock(end)}" if end else f"from {first.clock}"


def part_lines(times: list[Time]) -> dict[str, str]:
    """Page -> 'Part 2 of 6 · 7:13–8:50 in the video', for the line under its title."""
    found = parts(times)
    return {page: f"Part {i} of {len(found)} · {span(first, end)} in the video"
            for i, (page, first, end) in enumerate(found, 1)}


def chapters(times: list[Time], config: dict | None = None) -> str:
    """The home page's chapters: each part of the talk with its time range."""
    config = config or load_config()
    names = {}
    for entry in config.get("nav", []):
        if isinstance(entry, dict) and "The talk" in entry:
            names = {next(iter(e.values())): next(iter(e)) for e in entry["The talk"]}
    return "\n".join(f"- [▶](video:{first.id}){{ .timestamp }} [{names.get(page, page)}]({page})"
                     f" · {span(first, end)}" for page, first, end in parts(times)) + "\n"


def generated(times: list[Time]) -> dict[Path, bytes]:
    """The includes made from the times, by path."""
    return {GENERATED / "outline.md": outline(times).encode(),
            GENERATED / "chapters.md": chapters(times).encode()}


def by_page(times: list[Time]) -> dict[tuple[str, str], Time]:
    """(page URL, section id) -> its time, for the section index."""
    return {(page_url(t.page), t.id): t for t in times if "." not in t.id}
