"""The site's build pipeline, one entry point for every engine.

Usage:
    python scripts/build.py prebuild [--force]   the chart and every generated input
    python scripts/build.py postbuild SITE_DIR   finish an engine's output in place
    python scripts/build.py check                exit 1 if any generated file is stale
    python scripts/build.py site [--engine E]    a complete build into site/ (make build)
    python scripts/build.py urls SITE_DIR [--check]   keep public-urls.txt (see CONTRIBUTING)
    python scripts/build.py serve [--port 8000]  the live preview (make serve)

`site` runs prebuild, the engine (mkdocs, properdocs or zensical) and postbuild into a fresh
folder, and only then swaps it in for site/: a failed build leaves the previous site as it
was. Engines other than MkDocs are installed on first use into .venv-ENGINE from their own
hash-pinned requirements/ENGINE.txt.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild import engines, preview, public_urls, steps
from sitebuild.paths import MANIFEST, SITE, shown
from sitebuild.redirects import load as load_redirects


def urls(site: Path, check: bool) -> int:
    """Update public-urls.txt from a build, or with --check say what is stale or lost."""
    built = public_urls.addresses(site)
    listed = public_urls.read_manifest()
    main = public_urls.published()
    published = listed if main is None else main
    lost = public_urls.missing(published, built, load_redirects())
    for line in lost:
        print(line, file=sys.stderr)
    wanted = built | published
    if check:
        for address in sorted(wanted - listed):
            print(f"{shown(MANIFEST)}: '{address}' is not listed; run make urls", file=sys.stderr)
        for address in sorted(listed - wanted):
            print(f"{shown(MANIFEST)}: '{address}' is listed but was never published and is not"
                  " built; run make urls to drop it", file=sys.stderr)
        return 1 if lost or wanted != listed else 0
    MANIFEST.write_text(public_urls.render(wanted))
    print(f"public-urls.txt: {len(wanted)} addresses, {len(wanted - listed)} added,"
          f" {len(listed - wanted)} dropped")
    return 1 if lost else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/build.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pre = commands.add_parser("prebuild", help="write the chart and every generated input")
    pre.add_argument("--force", action="store_true", help="render even if inputs are unchanged")
    post = commands.add_parser("postbuild", help="finish an engine's output in place")
    post.add_argument("site", type=Path)
    commands.add_parser("check", help="exit 1 if any generated file is stale")
    full = commands.add_parser("site", help="build the complete site into site/")
    full.add_argument("--engine", default="mkdocs")
    full.add_argument("--site-dir", type=Path, default=SITE)
    manifest = commands.add_parser("urls", help="update or --check public-urls.txt")
    manifest.add_argument("site", type=Path)
    manifest.add_argument("--check", action="store_true")
    live = commands.add_parser("serve", help="preview the site, rebuilt on every edit")
    live.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    try:
        if args.command == "prebuild":
            print("\n".join(steps.prebuild(force=args.force)))
        elif args.command == "postbuild":
            print("\n".join(steps.postbuild(args.site)))
        elif args.command == "check":
            stale = steps.check()
            print("\n".join(stale) or "generated files: up to date", file=sys.stderr if stale
                  else sys.stdout)
            return 1 if stale else 0
        elif args.command == "site":
            print("\n".join(engines.build_site(args.engine, args.site_dir)))
        elif args.command == "serve":
            return preview.serve(args.port)
        elif args.command == "urls":
            if not steps.is_built_site(args.site):
                print(f"{args.site}: not a built site; run make build first", file=sys.stderr)
                return 2
            return urls(args.site, args.check)
    except (steps.StepError, engines.EngineError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
