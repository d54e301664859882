"""Compare builds of the site by different engines: is it the same public site?

Usage: python scripts/maintain.py compare SITE_A SITE_B [SITE_C ...] [--strict]

Checks, against the first site: the same pages, the same heading ids on every page, the same
redirect stubs, byte-identical sections.json and llms.txt and chart files; and in every site,
that each local file a page references exists. Prints a Markdown report (CI appends it to the
job summary). Exits 0 unless --strict is given and something differs.
"""
from __future__ import annotations

import argparse
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild.pages import is_redirect, load, page_files, read_site

CHART = "assets/chart"
IDENTICAL = ("sections.json", "llms.txt")
REFERENCES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "srcset"), ("script", "data-after-load"))


def heading_ids(site: Path) -> dict[str, set[str]]:
    """Page address -> the ids of its headings."""
    return {p.url or "/": {s.id for s in p.sections} for p in read_site(site)}


def redirect_stubs(site: Path) -> set[str]:
    """Addresses that forward elsewhere."""
    return {index.parent.relative_to(site).as_posix() + "/" for index in site.rglob("index.html")
            if is_redirect(load(index))}


def files(site: Path, names: list[str]) -> dict[str, bytes]:
    return {n: (site / n).read_bytes() for n in names if (site / n).is_file()}


def chart_files(site: Path) -> dict[str, bytes]:
    folder = site / CHART
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*"))} if folder.is_dir() else {}


def broken_references(site: Path) -> list[str]:
    """Every local file a page points to (link, script, style, image) that is not there."""
    missing = []
    for url, path in page_files(site).items():
        doc = load(path)
        for tag, attribute in REFERENCES:
            for element in doc.find_all(tag, attrs={attribute: True}):
                # srcset: the first address; the after-load loader: every one it lists.
                values = element[attribute].split() or [""]
                for value in values if attribute == "data-after-load" else values[:1]:
                    ref = urlsplit(value)
                    if ref.scheme or ref.netloc or not ref.path:
                        continue
                    target = unquote(ref.path)
                    target = target.lstrip("/") if target.startswith("/") else \
                        posixpath.normpath(posixpath.join(url, target))
                    resolved = site / target
                    if not (resolved.is_file() or (resolved / "index.html").is_file()):
                        missing.append(f"`{url or '/'}` references `{value}`")
    return sorted(set(missing))


def differences(first: Path, second: Path) -> list[str]:
    """Every way the second build's public surface differs from the first's."""
    a, b = heading_ids(first), heading_ids(second)
    out = [f"page only in {first.name}: `{p}`" for p in sorted(a.keys() - b.keys())]
    out += [f"page only in {second.name}: `{p}`" for p in sorted(b.keys() - a.keys())]
    for page in sorted(a.keys() & b.keys()):
        out += [f"`{page}`: id `#{i}` only in {first.name}" for i in sorted(a[page] - b[page])]
        out += [f"`{page}`: id `#{i}` only in {second.name}" for i in sorted(b[page] - a[page])]
    ra, rb = redirect_stubs(first), redirect_stubs(second)
    out += [f"redirect `{r}` only in {first.name}" for r in sorted(ra - rb)]
    out += [f"redirect `{r}` only in {second.name}" for r in sorted(rb - ra)]
    for kind, (fa, fb) in {"file": (files(first, list(IDENTICAL)), files(second, list(IDENTICAL))),
                           "chart file": (chart_files(first), chart_files(second))}.items():
        for name in sorted(fa.keys() | fb.keys()):
            if name not in fb or name not in fa:
                out.append(f"{kind} `{name}` missing from {second.name if name in fa else first.name}")
            elif fa[name] != fb[name]:
                out.append(f"{kind} `{name}` differs")
    out += [f"{second.name}: {m}" for m in broken_references(second)]
    return out


def report(sites: list[Path], found: dict[str, list[str]]) -> str:
    first = sites[0]
    pages = heading_ids(first)
    lines = [f"### {' vs '.join(s.name for s in sites)}", "",
             f"Compared {len(pages)} pages, {sum(len(v) for v in pages.values())} heading ids,"
             f" {len(redirect_stubs(first))} redirects, {', '.join(IDENTICAL)} and"
             f" {len(chart_files(first))} chart files; checked every local reference.", ""]
    own = broken_references(first)
    lines += [f"- {first.name}: {m}" for m in own]
    for name, diffs in found.items():
        lines += [f"**{first.name} vs {name}: same public site.**" if not diffs else
                  f"**{first.name} vs {name}: {len(diffs)} differences:**", ""]
        lines += [f"- {d}" for d in diffs] + ([""] if diffs else [])
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--strict", action="store_true", help="exit 1 when they differ")
    args = parser.parse_args(argv)
    if len(args.sites) < 2:
        parser.error("give at least two built sites")
    found = {s.name: differences(args.sites[0], s) for s in args.sites[1:]}
    print(report(args.sites, found))
    differs = any(found.values()) or broken_references(args.sites[0])
    return 1 if differs and args.strict else 0
