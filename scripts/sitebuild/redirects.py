"""Keep published links working after a page or a heading moves.

redirects.yml, beside mkdocs.yml, holds one mapping, `redirect_maps`, in the format of the
mkdocs-redirects plugin (which Zensical reads too): old Markdown source -> new one, both
relative to docs/. Besides whole pages it takes heading ids, `page.md#old-id`:

    redirect_maps:
      talk/peak-data.md: talk/pre-training.md#peak-data      a moved page
      talk/pre-training.md#old-id: talk/pre-training.md#new-id  a renamed heading id

A moved page leaves a small HTML page at its old address that forwards the reader; an id in
the reader's address wins over the target's, so a deep link into the old page keeps its
place. A renamed id gets a line of script on its page that swaps the old id for the new one.
This runs on any engine's output and needs no plugin and no network.
"""
from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import pages, yaml_lines
from .config import page_url
from .paths import DOCS, REDIRECTS, shown

STUB = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to {title}</title>
<meta name="description" content="This page has moved to {title}.">
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace(location.hash ? {page_js} + location.hash : {target_js});</script>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


class RedirectError(ValueError):
    """A redirect that cannot work; the message names the line and the fix."""


@dataclass(frozen=True)
class Redirect:
    old: str
    new: str
    line: int

    @property
    def where(self) -> str:
        return f"{shown(REDIRECTS)}:{self.line}"


def load(path: Path = REDIRECTS) -> list[Redirect]:
    """Read the redirect map with the line of each entry; an absent file means none."""
    if not path.exists():
        return []
    where = shown(path)
    root = yaml_lines.compose(path, RedirectError)
    if root is None:
        return []
    maps = yaml_lines.child(root, "redirect_maps") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(maps, yaml.MappingNode):
        raise RedirectError(f"{where}:1: write the redirects under one key, redirect_maps:,"
                            " as 'old.md: new.md' lines (see the comment in this file)")
    found = []
    for key, value in maps.value:
        line = key.start_mark.line + 1
        if not (isinstance(value, yaml.ScalarNode) and value.value):
            raise RedirectError(f"{where}:{line}: '{key.value}' needs a target: 'old.md: new.md'")
        found.append(Redirect(str(key.value), str(value.value), line))
        for address in (key.value, value.value):
            if not address.partition("#")[0].endswith(".md"):
                raise RedirectError(f"{where}:{line}: '{address}' is not a Markdown source;"
                                    " name pages by their file in docs/, e.g. talk/qa.md")
    return found


def check_sources(redirects: list[Redirect], docs: Path = DOCS) -> None:
    """Fail on a redirect whose target file is missing or whose old page still exists."""
    for r in redirects:
        old_page, _, old_id = r.old.partition("#")
        new_page = r.new.partition("#")[0]
        if not (docs / new_page).is_file():
            raise RedirectError(f"{r.where}: '{r.old}' points to '{r.new}', but docs/{new_page}"
                                " does not exist; fix the target")
        if not old_id and (docs / old_page).is_file():
            raise RedirectError(f"{r.where}: '{r.old}' is still a page; remove the redirect or"
                                " the page")


def relative(target: str, source_page: str) -> str:
    """Address of a directory URL as seen from the page at source_page (both site-relative)."""
    path = os.path.relpath(target or ".", source_page or ".").replace(os.sep, "/")
    return "./" if path == "." else path + "/"


def _ids(site: Path, url: str) -> set[str]:
    doc = pages.load(site / url / "index.html")
    return {tag["id"] for tag in doc.find_all(id=True)}


def write(site: Path, redirects: list[Redirect], docs: Path = DOCS) -> list[str]:
    """Write every redirect into the built site; return one line per redirect written."""
    check_sources(redirects, docs)
    done, id_moves = [], {}
    for r in redirects:
        old_page, _, old_id = r.old.partition("#")
        new_page, _, new_id = r.new.partition("#")
        old_url, new_url = page_url(old_page), page_url(new_page)
        if new_id and new_id not in _ids(site, new_url):
            raise RedirectError(f"{r.where}: '{r.new}': docs/{new_page} has no heading with the"
                                f" id '{new_id}'; fix the target id")
        target = relative(new_url, old_url) + (f"#{new_id}" if new_id else "")
        if old_id:
            if old_id in _ids(site, old_url):
                raise RedirectError(f"{r.where}: '#{old_id}' is still an id on docs/{old_page};"
                                    " remove the redirect, or rename the heading's id")
            id_moves.setdefault(old_url, {})[old_id] = target if new_url != old_url else \
                f"#{new_id}"
            continue
        stub = site / old_url / "index.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(STUB.format(
            target=html.escape(target), target_js=json.dumps(target),
            page_js=json.dumps(relative(new_url, old_url)), title=html.escape(r.new)),
            encoding="utf-8")
        done.append(f"{r.old} -> {r.new}")
    for url, moves in id_moves.items():
        index = site / url / "index.html"
        script = ("<script>(function(){var m=" + json.dumps(moves, sort_keys=True) +
                  ",h=location.hash.slice(1);if(m[h])location.replace(m[h]);})();</script>")
        text = index.read_text(encoding="utf-8")
        if script not in text:
            index.write_text(text.replace("</body>", script + "\n</body>", 1), encoding="utf-8")
        done += [f"{url}#{a} -> {b}" for a, b in sorted(moves.items())]
    return done
