"""Print how long the site takes to build: clean, unchanged rebuild, chart alone, no chart.

Usage: python scripts/maintain.py bench [--runs N]

A benchmark to run by hand; it asserts nothing. Each figure is the median of N runs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brain_chart
from sitebuild.paths import ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str]) -> float:
    """Run a command from the repository root and return its wall-clock seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def config_without_hook() -> Path:
    """Write a copy of mkdocs.yml without its hooks, beside it, for a plain MkDocs baseline."""
    kept, in_hooks = [], False
    for line in (ROOT / "mkdocs.yml").read_text().splitlines():
        in_hooks = line.startswith("hooks:") or (in_hooks and line.startswith("  - "))
        if not in_hooks:
            kept.append(line)
    path = ROOT / f".bench-{os.getpid()}.yml"
    path.write_text("\n".join(kept) + "\n")
    return path


def measure(runs: int) -> dict[str, float]:
    """Median seconds of a clean build, an unchanged rebuild, the chart alone, plain MkDocs."""
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    chart_force = [sys.executable, "scripts/brain_chart.py", "--force"]
    results: dict[str, list[float]] = {k: [] for k in ("clean", "unchanged", "chart", "plain")}
    with tempfile.TemporaryDirectory() as out:
        site = ["--site-dir", out]
        plain_config = config_without_hook()
        try:
            for _ in range(runs):
                brain_chart.STAMP.unlink(missing_ok=True)
                results["clean"].append(timed(mkdocs + site))
                results["unchanged"].append(timed(mkdocs + site))
                results["chart"].append(timed(chart_force))
                results["plain"].append(timed(mkdocs + site + ["--config-file", str(plain_config)]))
        finally:
            plain_config.unlink()
    return {k: statistics.median(v) for k, v in results.items()}


def summary(median: dict[str, float], runs: int) -> str:
    return "\n".join([
        f"runs per figure (median): {runs}",
        f"clean build (chart rendered):     {median['clean']:6.2f} s",
        f"rebuild, data unchanged:          {median['unchanged']:6.2f} s",
        f"chart script alone (--force):     {median['chart']:6.2f} s",
        f"plain mkdocs build, no chart step: {median['plain']:5.2f} s",
        f"unchanged rebuild / plain build:  {median['unchanged'] / median['plain']:6.2f}x",
        f"clean build / plain build:        {median['clean'] / median['plain']:6.2f}x",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    print(summary(measure(runs), runs))
    return 0

