"""Write the machine-readable indexes of a built site: sections.json and llms.txt.

Usage: python scripts/site_index.py SITE_DIR [--site-url URL]

sections.json lists every section of every page: its URL with id, title, page, start time
in the video and a one-sentence summary. llms.txt lists the pages for language-model readers
(https://llmstxt.org). The MkDocs hook runs this after each build.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from built_site import Page, read_site  # noqa: E402

SITE_TITLE = "What a decade"
SITE_SUMMARY = ("A reader's companion to Ilya Sutskever's NeurIPS 2024 Test of Time talk, "
                "Sequence to sequence learning with neural networks: what a decade: what he said, "
                "where in the video, and what each claim rests on.")


def start_seconds(video_url: str) -> int | None:
    """Return the t= offset of a YouTube link in seconds, if it has one."""
    t = parse_qs(urlsplit(video_url).query).get("t", [""])[0]
    return int(t.rstrip("s")) if re.fullmatch(r"\d+s?", t) else None


def sections_index(pages: list[Page], base: str) -> dict:
    """Return the sections.json document for these pages."""
    entries = []
    for page in pages:
        for s in page.sections:
            if s.level == 1:
                continue
            entries.append({
                "url": f"{base}{page.url}#{s.id}",
                "id": s.id,
                "title": s.title,
                "page": page.url or "/",
                "page_title": page.sections[0].title if page.sections else page.title,
                "start_seconds": start_seconds(s.video_url),
                "start_is_estimate": s.estimated if s.video_url else None,
                "video_url": s.video_url or None,
                "summary": s.summary,
            })
    return {"site": SITE_TITLE, "base_url": base, "sections": entries}


def llms_txt(pages: list[Page], base: str) -> str:
    """Return llms.txt: a title, a summary, then the pages grouped by part of the site."""
    groups = {"": "Start", "talk/": "The talk", "reference/": "Reference", "about/": "About"}
    lines = [f"# {SITE_TITLE}", "", f"> {SITE_SUMMARY}", ""]
    for prefix, name in groups.items():
        members = [p for p in pages if (p.url.split("/")[0] + "/" if p.url else "") == prefix]
        if not members:
            continue
        lines += [f"## {name}", ""]
        for p in members:
            title = p.sections[0].title if p.sections else p.title
            lines.append(f"- [{title}]({base}{p.url}): {p.description}")
        lines.append("")
    return "\n".join(lines)


def write(site: Path, base: str) -> None:
    pages = read_site(site)
    (site / "sections.json").write_text(
        json.dumps(sections_index(pages, base), indent=1, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (site / "llms.txt").write_text(llms_txt(pages, base), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", default="/")
    args = parser.parse_args()
    write(args.site, args.site_url if args.site_url.endswith("/") else args.site_url + "/")
    print(f"site_index: wrote {args.site}/sections.json and {args.site}/llms.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
