"""Check every external link of the built site and every source URL of the chart data.

Usage: python scripts/maintain.py links SITE_DIR [--report link-report.md]

Run weekly by .github/workflows/links.yml, never on pull requests: other sites go down and
come back, and that must not block anyone's change. Exits 1 and writes a Markdown report of
the dead links when there are any. Internal links are checked by every build instead.
"""
from __future__ import annotations

import argparse
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import yaml
from sitebuild.paths import DATA

META = DATA / "brain_body.meta.yml"
AGENT = "what-a-decade-link-check/1 (+weekly dead-link check of a documentation site)"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(("http://", "https://")):
            self.found.add(href)


def external_links(site: Path) -> dict[str, set[str]]:
    """External URL -> the pages (and data file) that use it."""
    used: dict[str, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.found:
            used.setdefault(url.split("#")[0], set()).add(str(page.relative_to(site)))
    for key, source in yaml.safe_load(META.read_text())["sources"].items():
        used.setdefault(source["url"], set()).add(f"data/brain_body.meta.yml ({key})")
    return used


def status(url: str, timeout: float = 20) -> str | None:
    """None if the URL answers, else what went wrong."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as e:
            if e.code in (401, 403, 429):  # alive, but not for robots
                return None
            problem = f"HTTP {e.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            problem = f"no answer ({getattr(e, 'reason', e)})"
    return problem


def check(urls: list[str], workers: int = 8) -> dict[str, str]:
    """URL -> problem, for every URL that does not answer."""
    with ThreadPoolExecutor(workers) as pool:
        return {u: p for u, p in zip(urls, pool.map(status, urls), strict=True) if p}


def report(dead: dict[str, str], used: dict[str, set[str]]) -> str:
    lines = [f"{len(dead)} dead external links found by the weekly check.", "",
             "| Link | Problem | Used on |", "| --- | --- | --- |"]
    lines += [f"| {url} | {problem} | {', '.join(sorted(used[url]))} |"
              for url, problem in sorted(dead.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--report", type=Path, default=Path("link-report.md"))
    args = parser.parse_args(argv)
    used = external_links(args.site)
    dead = check(sorted(used))
    print(f"check_links: {len(used)} external links, {len(dead)} dead")
    if dead:
        args.report.write_text(report(dead, used))
        return 1
    return 0

