"""Sources resolve: every footnote on the site has its entry in the bibliography."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from sitebuild.paths import ROOT

DOCS = ROOT / "docs"
BIBLIOGRAPHY = DOCS / "reference" / "bibliography.md"
ENTRY = re.compile(r"^- \*\*([a-z0-9-]+)\*\* · .+\]\((https?://[^)\s]+)\)\s*$", re.M)
FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$", re.M)
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def bibliography(path: Path = BIBLIOGRAPHY) -> dict[str, str]:
    """Key -> link of every entry of the bibliography page."""
    return dict(ENTRY.findall(path.read_text(encoding="utf-8")))


def unresolved(docs: Path, entries: dict[str, str]) -> list[str]:
    """Every footnote whose key has no entry, or whose link differs from the entry's."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in FOOTNOTE.finditer(text):
            key, body = match[1], match[2]
            line = text.count("\n", 0, match.start()) + 1
            where = f"{page.relative_to(docs.parent)}:{line}"
            links = LINK.findall(body)
            if key not in entries:
                problems.append(f"{where}: footnote [^{key}] has no entry in"
                                f" docs/reference/bibliography.md; add '- **{key}** · ...'")
            elif links and links[-1] != entries[key]:
                problems.append(f"{where}: footnote [^{key}] links {links[-1]}, but its"
                                f" bibliography entry links {entries[key]}; make them agree")
    return problems


def test_every_footnote_resolves_to_the_bibliography():
    entries = bibliography()
    assert len(entries) >= 20
    assert unresolved(DOCS, entries) == []


def test_every_chart_source_is_in_the_bibliography():
    meta = yaml.safe_load((ROOT / "data" / "brain_body.meta.yml").read_text())
    entries = bibliography()
    for key, source in meta["sources"].items():
        assert entries.get(key) == source["url"], f"{key}: {source['url']} vs {entries.get(key)}"


def test_a_footnote_without_an_entry_is_reported_with_its_line(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("Text.[^nobody2030]\n\n[^nobody2030]: Nobody (2030).\n")
    assert unresolved(docs, bibliography()) == [
        "docs/page.md:3: footnote [^nobody2030] has no entry in docs/reference/bibliography.md;"
        " add '- **nobody2030** · ...'"]


def test_a_footnote_whose_link_disagrees_is_reported(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("T.[^lstm1997]\n\n[^lstm1997]: H. [x](https://example.org/)\n")
    assert "links https://example.org/, but its bibliography entry links" in \
        unresolved(docs, bibliography())[0]
