"""Keep published links working after a page or heading moves: write redirects into a build.

Usage: python scripts/redirects.py SITE_DIR       (reads redirects.yml beside mkdocs.yml)

redirects.yml maps an old address to its new one, both relative to the site root:
    talk/old-page/: talk/new-page/                      a moved page
    talk/pre-training/#old-id: talk/pre-training/#new-id  a renamed heading id
A moved page gets a small HTML page at its old address that forwards the reader (keeping any
#id); a renamed id gets a line of script on its page that swaps the old id for the new one.
Works on any builder's output and needs no network. The MkDocs hook runs it after each build.
"""
from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REDIRECTS = ROOT / "redirects.yml"

STUB = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to {title}</title>
<meta name="description" content="This page has moved to {title}.">
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({target_js} + location.hash);</script>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


class RedirectError(ValueError):
    """A redirect that cannot work; the message names the line and the fix."""


def load(path: Path = REDIRECTS) -> dict[str, str]:
    """Read the redirect map; an absent file means no redirects."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise RedirectError(f"{path.name}:1: must map old addresses to new ones, old: new")
    return {str(k): str(v) for k, v in data.items()}


def relative(target: str, source_page: str) -> str:
    """Address of target as seen from the page at source_page (both site-relative)."""
    return os.path.relpath(target or ".", source_page or ".").replace(os.sep, "/") + (
        "/" if target.endswith("/") or not target else "")


def write(site: Path, redirects: dict[str, str]) -> list[str]:
    """Write every redirect into the built site; return one line per redirect written."""
    done, id_moves = [], {}
    for old, new in redirects.items():
        old_page, _, old_id = old.partition("#")
        new_page, _, new_id = new.partition("#")
        if old_id:
            if old_page != new_page:
                raise RedirectError(f"{REDIRECTS.name}: '{old}': an id can only be redirected"
                                    " within its page; redirect the page instead")
            id_moves.setdefault(old_page, {})[old_id] = new_id
            continue
        if not (site / new_page / "index.html").exists():
            raise RedirectError(f"{REDIRECTS.name}: '{old}' points to '{new}', which is not a"
                                " page of the built site; fix the target")
        stub = site / old_page / "index.html"
        if stub.exists() and "This page has moved" not in stub.read_text(encoding="utf-8"):
            raise RedirectError(f"{REDIRECTS.name}: '{old}' is still a page; remove the"
                                " redirect or the page")
        target = relative(new_page, old_page) + (f"#{new_id}" if new_id else "")
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(STUB.format(target=html.escape(target), target_js=json.dumps(target),
                                    title=html.escape(new)), encoding="utf-8")
        done.append(f"{old} -> {new}")
    for page, moves in id_moves.items():
        index = site / page / "index.html"
        if not index.exists():
            raise RedirectError(f"{REDIRECTS.name}: '{page}' is not a page of the built site")
        script = ("<script>(function(){var m=" + json.dumps(moves, sort_keys=True) +
                  ",h=location.hash.slice(1);if(m[h])location.replace('#'+m[h]);})();</script>")
        text = index.read_text(encoding="utf-8")
        if script not in text:
            index.write_text(text.replace("</body>", script + "\n</body>", 1), encoding="utf-8")
        done += [f"{page}#{a} -> {page}#{b}" for a, b in sorted(moves.items())]
    return done


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/redirects.py SITE_DIR", file=sys.stderr)
        return 2
    try:
        written = write(Path(argv[0]), load())
    except RedirectError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"redirects: {len(written)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
