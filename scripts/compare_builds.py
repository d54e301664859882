"""Compare two builds of the site: page addresses, heading ids per page, and chart files.

Usage: python scripts/compare_builds.py MKDOCS_SITE OTHER_SITE [--strict]

Prints a Markdown report (CI appends it to the job summary). Exits 0 unless --strict is
given and the builds differ. Used to tell when the successor builder, Zensical, produces the
same public site from the same mkdocs.yml.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from built_site import read_site  # noqa: E402

CHART = "assets/chart"


def heading_ids(site: Path) -> dict[str, set[str]]:
    """Page address -> the ids of its headings."""
    return {p.url or "/": {s.id for s in p.sections} for p in read_site(site)}


def chart_files(site: Path) -> dict[str, bytes]:
    folder = site / CHART
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*"))} if folder.is_dir() else {}


def differences(first: Path, second: Path) -> list[str]:
    """Every way the second build's public surface differs from the first's."""
    a, b = heading_ids(first), heading_ids(second)
    out = [f"page only in {first.name}: `{p}`" for p in sorted(a.keys() - b.keys())]
    out += [f"page only in {second.name}: `{p}`" for p in sorted(b.keys() - a.keys())]
    for page in sorted(a.keys() & b.keys()):
        out += [f"`{page}`: id `#{i}` only in {first.name}" for i in sorted(a[page] - b[page])]
        out += [f"`{page}`: id `#{i}` only in {second.name}" for i in sorted(b[page] - a[page])]
    ca, cb = chart_files(first), chart_files(second)
    for name in sorted(ca.keys() | cb.keys()):
        if ca.get(name) != cb.get(name):
            state = "missing from " + (second.name if name in ca else first.name) \
                if (name in ca) != (name in cb) else "differs"
            out.append(f"chart file `{name}` {state}")
    return out


def report(first: Path, second: Path, found: list[str]) -> str:
    pages = heading_ids(first)
    lines = [f"### {first.name} vs {second.name}", "",
             f"Compared {len(pages)} pages, {sum(len(v) for v in pages.values())} heading ids"
             f" and {len(chart_files(first))} chart files.", ""]
    lines += ["**Same public site.**"] if not found else \
        [f"**{len(found)} differences:**", ""] + [f"- {d}" for d in found]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--strict", action="store_true", help="exit 1 when they differ")
    args = parser.parse_args()
    found = differences(args.first, args.second)
    print(report(args.first, args.second, found))
    return 1 if found and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
