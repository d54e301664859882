"""Build the site, serve it with gzip on 127.0.0.1, and hold every page to the budget.

Usage: python scripts/maintain.py audit [--runs 3] [--pages PATH ...] [--site SITE_DIR]

Runs Lighthouse (node_modules/.bin/lighthouse, pinned in package.json) in mobile mode
`--runs` times per page and takes the median, then once in desktop mode; measures the gzip
transfer of a cold load; times the build. Prints a table per page and the worst page, and
exits 1 when any figure is outside the budget. A benchmark to run by hand, not a test.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sitebuild.pages import page_paths
from sitebuild.paths import ROOT

from maintenance import bench, chromium

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = str(chromium.find() or "chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking"
                " --disable-component-update --disable-sync --no-first-run --disable-quic")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".yml", ".txt")

# The budget, from the project's quality bar.
MOBILE_MIN = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
DESKTOP_MIN = dict.fromkeys(CATEGORIES, 100)
LCP_MAX_S, TBT_MAX_MS, CLS_MAX = 1.5, 150, 0.0
TEXT_PAGE_KIB, CHART_PAGE_KIB, SVG_RAW_KIB = 90, 110, 100


class GzipHandler(SimpleHTTPRequestHandler):
    """Serve files as a static host does: gzip for text when the client accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def slowdown_for(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host emulate Lighthouse's reference phone.

    Lighthouse's 4x default assumes a host whose benchmark index is about 1533; on a slower
    host it emulates a slower phone than the one the scores are defined for. This is the
    formula of Lighthouse's own throttling calculator (github.com/patrickhulce/
    lighthouse-cpu-throttling-calculator, linked from Lighthouse's docs/throttling.md).
    """
    if benchmark_index >= 1300:
        return 3 + (benchmark_index - 1300) / 233
    if benchmark_index >= 800:
        return 2 + (benchmark_index - 800) / 500
    return max(1.0, 1 + (benchmark_index - 150) / 650)


def lighthouse(url: str, desktop: bool, slowdown: float | None = None) -> dict:
    """Run Lighthouse once on url and return its JSON report."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out.name}",
                   f"--chrome-flags={CHROME_FLAGS}",
                   f"--only-categories={','.join(CATEGORIES)}"]
        if desktop:
            command.append("--preset=desktop")
        elif slowdown is not None:
            command.append(f"--throttling.cpuSlowdownMultiplier={slowdown:.2f}")
        subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, check=True,
                       capture_output=True, timeout=180)
        return json.loads(Path(out.name).read_text())


def mobile_run(url: str, slowdown: float, calibrate: bool) -> tuple[dict, float]:
    """One mobile run; return its report and the slowdown it ran at.

    The host's speed drifts (on a shared 2-core machine, by a third within minutes), and each
    Lighthouse run measures its own benchmark index before it loads the page. When calibrating,
    a run whose index calls for a slowdown more than 10% from the one it ran at is run again at
    the slowdown it called for, at most twice. The scores play no part in that choice.
    """
    for _ in range(3):
        report = lighthouse(url, False, slowdown)
        wanted = slowdown_for(report["environment"]["benchmarkIndex"])
        if not calibrate or abs(wanted - slowdown) <= 0.1 * slowdown:
            break
        slowdown = wanted
    return report, slowdown


def figures(report: dict) -> dict:
    """Pick the scores and metrics the budget is about out of a Lighthouse report."""
    audits = report["audits"]
    out = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    out["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    out["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    out["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    out["kib"] = audits["total-byte-weight"]["numericValue"] / 1024
    out["index"] = report["environment"]["benchmarkIndex"]
    out["failing"] = sorted(a["id"] for c in CATEGORIES for a in report["categories"][c]["auditRefs"]
                            if a["weight"] and (audits[a["id"]]["score"] or 0) < 1
                            and audits[a["id"]]["scoreDisplayMode"] not in ("notApplicable",
                                                                           "informative", "manual"))
    return out


def median_figures(runs: list[dict]) -> dict:
    """Median of each number across runs; failing audits of the median-performance run."""
    middle = sorted(runs, key=lambda r: r["performance"])[len(runs) // 2]
    merged = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "failing"}
    merged["failing"] = middle["failing"]
    return merged


def problems(path: str, mobile: dict, desktop: dict, has_chart: bool) -> list[str]:
    """Every way the page misses the budget, as readable lines."""
    out = [f"mobile {c} {mobile[c]:.0f} < {m}" for c, m in MOBILE_MIN.items() if mobile[c] < m]
    out += [f"desktop {c} {desktop[c]:.0f} < {m}" for c, m in DESKTOP_MIN.items() if desktop[c] < m]
    if mobile["lcp_s"] > LCP_MAX_S:
        out.append(f"LCP {mobile['lcp_s']:.2f} s > {LCP_MAX_S} s")
    if mobile["tbt_ms"] > TBT_MAX_MS:
        out.append(f"TBT {mobile['tbt_ms']:.0f} ms > {TBT_MAX_MS} ms")
    if mobile["cls"] > CLS_MAX:
        out.append(f"CLS {mobile['cls']:.3f} > 0")
    limit = CHART_PAGE_KIB if has_chart else TEXT_PAGE_KIB
    if mobile["kib"] > limit:
        out.append(f"transfer {mobile['kib']:.0f} KiB > {limit} KiB")
    return [f"/{path}: {p}" for p in out]


def build(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="URL paths such as talk/ (default: all)")
    parser.add_argument("--site", type=Path, help="audit this built folder instead of building")
    parser.add_argument("--cpu-slowdown", type=float, help="mobile CPU slowdown (default: "
                        "calibrated to this host as Lighthouse's calculator says; 4 is"
                        " Lighthouse's uncalibrated default)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci` in the repository first.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            print(bench.summary(bench.measure(1), 1))
            print(f"build for the audit: {build(site):.2f} s")
        server, base = serve(site)
        failures, rows = [], []
        svgs = sorted(site.glob("assets/chart/*.svg"))
        for svg in svgs:
            kib = svg.stat().st_size / 1024
            print(f"{svg.name}: {kib:.1f} KiB raw")
            if kib > SVG_RAW_KIB:
                failures.append(f"{svg.name}: {kib:.1f} KiB > {SVG_RAW_KIB} KiB")
        slowdown = args.cpu_slowdown
        if slowdown is None:
            index = statistics.median(
                lighthouse(base + "404.html", False)["environment"]["benchmarkIndex"]
                for _ in range(3))
            slowdown = slowdown_for(index)
            print(f"host benchmark index {index:.0f} (median of 3): mobile CPU slowdown"
                  f" {slowdown:.2f}x, Lighthouse's calibration for its reference phone"
                  " (its 4x default assumes an index of about 1533)")
        else:
            print(f"mobile CPU slowdown {slowdown:.2f}x, as asked")
        header = (f"{'page':34} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  {'LCP s':>5}"
                  f" {'TBT ms':>6} {'CLS':>5} {'KiB':>5}  desktop          slowdown@index")
        print(header)
        for path in args.pages or page_paths(site):
            runs = []
            for _ in range(args.runs):
                report, slowdown = mobile_run(base + path, slowdown, args.cpu_slowdown is None)
                runs.append({**figures(report), "slowdown": slowdown})
            mobile = median_figures(runs)
            desktop = figures(lighthouse(base + path, True))
            has_chart = "brain-body-" in (site / path / "index.html").read_text()
            row = (f"/{path:33} {mobile['performance']:4.0f} {mobile['accessibility']:4.0f}"
                   f" {mobile['best-practices']:4.0f} {mobile['seo']:4.0f}  {mobile['lcp_s']:5.2f}"
                   f" {mobile['tbt_ms']:6.0f} {mobile['cls']:5.3f} {mobile['kib']:5.0f} "
                   f" {'/'.join(f'{desktop[c]:.0f}' for c in CATEGORIES)}"
                   f"  {mobile['slowdown']:.2f}x@{mobile['index']:.0f}")
            print(row + (f"  failing: {', '.join(mobile['failing'])}" if mobile["failing"] else ""))
            rows.append((mobile["performance"], -mobile["lcp_s"], row))
            failures += problems(path, mobile, desktop, has_chart)
        server.shutdown()
    print(f"worst page (mobile performance, then LCP):\n{header}\n{min(rows)[2]}")
    print("budget: met" if not failures else "budget: MISSED\n" + "\n".join(failures))
    return 1 if failures else 0


