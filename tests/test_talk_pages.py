"""The talk pages keep their promises: ids, video links, In brief, length, linked footnotes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild.paths import ROOT

TALK = sorted((ROOT / "docs" / "talk").glob("*.md"))
HEADING = re.compile(r"^(#{2,3}) (.+?)(?: \{ #([a-z0-9-]+) \})?$")
VIDEO = re.compile(r"\[▶\]\(video:([a-z0-9.-]+)\)\{ \.timestamp \}")


def sections(page: Path) -> list[tuple[int, str, str | None, str]]:
    """(line, heading, id, the section's first non-empty line) for each ## and ### heading."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    for no, line in enumerate(lines, 1):
        m = HEADING.match(line)
        if m:
            following = next((t for t in lines[no:] if t.strip()), "")
            found.append((no, m[2], m[3], following))
    return found


@pytest.mark.parametrize("page", TALK, ids=lambda p: p.name)
def test_every_section_has_an_id_and_opens_with_its_moment_in_the_video(page: Path):
    problems = []
    for no, title, anchor, first in sections(page):
        where = f"docs/talk/{page.name}:{no}"
        if not anchor:
            problems.append(f"{where}: heading '{title}' needs an explicit id: {{ #short-id }}")
            continue
        opened = VIDEO.search(first)
        # A part's own sections open at their own time; the overview's at the moment they sum up.
        if not opened or (page.name != "index.md" and opened[1] != anchor):
            problems.append(f"{where}: section '{title}' must open with its own time,"
                            f" [▶](video:{anchor}){{ .timestamp }}, and a row in data/times.yml")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", TALK, ids=lambda p: p.name)
def test_each_page_opens_in_brief_and_has_a_readable_length(page: Path):
    text = page.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    after_h1 = body.split("\n# ", 1)[1].split("\n", 1)[1].lstrip()
    assert after_h1.startswith('!!! abstract "In brief"'), f"{page.name}: open with In brief"
    prose = "\n".join(line for line in body.splitlines() if not line.startswith("[^"))
    words = len(re.sub(r"\]\([^)]*\)|\{[^}]*\}", "]", prose).split())
    assert 600 <= words <= 1500, f"{page.name}: {words} words; keep talk pages to 600-1,500"


@pytest.mark.parametrize("page", TALK, ids=lambda p: p.name)
def test_every_footnote_is_used_and_defined(page: Path):
    text = page.read_text(encoding="utf-8")
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", text, re.M))
    used = set(re.findall(r"\[\^([^\]]+)\](?!:)", text))
    assert used == defined, f"{page.name}: used {sorted(used - defined)}, unused {sorted(defined - used)}"


def test_a_missing_id_is_reported_with_file_line_and_fix(tmp_path: Path):
    page = tmp_path / "bad.md"
    page.write_text("# Bad { #bad }\n\n## No id here\n\nJust words.\n")
    (no, title, anchor, first), = sections(page)
    assert (no, title, anchor) == (3, "No id here", None)
    assert not VIDEO.search(first)
