"""The machine-readable indexes of a built site: sections.json and llms.txt.

sections.json lists every section of every page: its URL with id, title, page, start time
in the video and a one-sentence summary. llms.txt lists the pages for language-model readers
(https://llmstxt.org).
"""
from __future__ import annotations

import json

from .claims import Claim, label
from .pages import Page, Section
from .times import Time

SITE_TITLE = "What a decade"
SITE_SUMMARY = ("A reader's companion to Ilya Sutskever's NeurIPS 2024 Test of Time talk, "
                "Sequence to sequence learning with neural networks: what a decade: what he said, "
                "where in the video, and what each claim rests on.")
GROUPS = {"": "Start", "talk/": "The talk", "claims/": "Two years on", "reference/": "Reference",
          "about/": "About"}


def entry(page: Page, s: Section, base: str, time: Time | None) -> dict:
    """One section of sections.json; a talk section's start and summary come from its row."""
    return {
        "url": f"{base}{page.url}#{s.id}",
        "id": s.id,
        "title": s.title,
        "page": f"/{page.url}",
        "page_title": page.heading,
        "start_seconds": time.start_s if time else None,
        "start_is_estimate": time.estimated if time else None,
        "start_uncertainty_seconds": time.uncertainty_s if time else None,
        "video_url": time.url if time else None,
        "summary": time.summary if time else s.summary,
    }


def sections_json(pages: list[Page], base: str, times: dict[tuple[str, str], Time]) -> str:
    """The sections.json document for these pages."""
    entries = [entry(page, s, base, times.get((page.url, s.id)))
               for page in pages for s in page.sections if s.level > 1]
    document = {"site": SITE_TITLE, "base_url": base, "sections": entries}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def llms_txt(pages: list[Page], base: str, claims: list[Claim] = ()) -> str:
    """llms.txt: a title, a summary, the pages grouped by part of the site, then the claims."""
    lines = [f"# {SITE_TITLE}", "", f"> {SITE_SUMMARY}", ""]
    for prefix, name in GROUPS.items():
        members = [p for p in pages if (p.url.split("/")[0] + "/" if p.url else "") == prefix]
        if members:
            lines += [f"## {name}", ""]
            lines += [f"- [{p.heading}]({base}{p.url}): {p.description}" for p in members]
            lines.append("")
    if claims:
        lines += ["## The claims, two years on", ""]
        lines += [f"- [{c.title}]({base}claims/#{c.id}): {label(c.status)}. {c.claim}"
                  for c in claims]
        lines.append("")
    return "\n".join(lines)
