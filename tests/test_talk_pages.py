"""The talk pages keep their promises: ids, video links, In brief, length, linked footnotes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild.paths import ROOT

TALK = sorted((ROOT / "docs" / "talk").glob("*.md"))
HEADING = re.compile(r"^(#{2,3}) (.+?)(?: \{ #([a-z0-9-]+) \})?$")
VIDEO = re.compile(r"\[▶ (≈ )?(\d+):(\d\d)\]\(https://www\.youtube\.com/watch\?v=1yvBqasHLZs"
                   r"&t=(\d+)s(?: \"([^\"]+)\")?\)\{ \.timestamp( \.estimated)? \}")


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
def test_every_section_has_an_id_and_opens_with_a_video_link(page: Path):
    problems = []
    for no, title, anchor, first in sections(page):
        where = f"docs/talk/{page.name}:{no}"
        if not anchor:
            problems.append(f"{where}: heading '{title}' needs an explicit id: {{ #short-id }}")
        if not VIDEO.search(first):
            problems.append(f"{where}: section '{title}' must open with a timestamp link,"
                            " e.g. [▶ 7:55](https://www.youtube.com/watch?v=1yvBqasHLZs&t=475s)"
                            "{ .timestamp }")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", TALK, ids=lambda p: p.name)
def test_timestamps_agree_and_estimates_say_so(page: Path):
    problems = []
    for m in VIDEO.finditer(page.read_text(encoding="utf-8")):
        approx, minutes, seconds, t, title, estimated = m.groups()
        if int(minutes) * 60 + int(seconds) != int(t):
            problems.append(f"{m[0][:40]}: shows {minutes}:{seconds} but links t={t}s")
        if bool(approx) != bool(estimated) or bool(approx) != bool(title):
            problems.append(f"{m[0][:40]}: an estimate needs ≈, a title and .estimated; an"
                            " exact time needs none of them")
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
