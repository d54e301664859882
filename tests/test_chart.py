"""The chart step: deterministic files, a working --check, no half-written output."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import brain_chart
from conftest import ENV, chart
from sitebuild.paths import ROOT

RENDER_DIGEST = (
    "import hashlib, brain_chart as c; m = c.load_meta(c.META); s = c.load_species(c.DATA, m);"
    " print(hashlib.sha256(c.render_svg(s, c.fit_groups(s), m, 'light')).hexdigest())")
SVGS = [Path("docs/assets/chart") / f"brain-body-{t}.svg" for t in brain_chart.THEMES]


def render_digest_in_new_process() -> str:
    env = {**ENV, "PYTHONPATH": str(ROOT / "scripts")}
    done = subprocess.run([sys.executable, "-c", RENDER_DIGEST], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


def test_two_renders_in_separate_processes_are_byte_identical():
    first, second = render_digest_in_new_process(), render_digest_in_new_process()
    meta = brain_chart.load_meta(brain_chart.META)
    species = brain_chart.load_species(brain_chart.DATA, meta)
    here = brain_chart.render_svg(species, brain_chart.fit_groups(species), meta, "light")
    assert first == second == hashlib.sha256(here).hexdigest()


def test_each_svg_is_sized_in_budget_and_free_of_timestamps(repo: Path):
    assert chart(repo, "--force").returncode == 0
    for svg in SVGS:
        data = (repo / svg).read_bytes()
        assert len(data) <= 100 * 1024, f"{svg} is {len(data)} bytes"
        head = data[:600].decode()
        assert re.search(r'width="[\d.]+pt" height="[\d.]+pt" viewBox=', head)
        assert b"<dc:date>" not in data and b"Matplotlib v" not in data


def test_the_light_and_dark_variants_differ_only_in_colour(repo: Path):
    chart(repo, "--force")
    light, dark = ((repo / s).read_text() for s in SVGS)
    assert light != dark
    # Colours, and the ids matplotlib derives from them, are all that may differ.
    strip = re.compile(r"#[0-9a-fA-F]{6}\b|\b[mp][0-9a-f]{8,10}\b")
    assert strip.sub("", light) == strip.sub("", dark)


def test_check_passes_when_fresh_and_fails_on_a_stale_file(repo: Path):
    assert chart(repo).returncode == 0
    assert chart(repo, "--check").returncode == 0
    svg = repo / SVGS[0]
    svg.write_bytes(svg.read_bytes().replace(b"#0072b2", b"#000000"))
    done = chart(repo, "--check")
    assert done.returncode == 1
    assert f"{SVGS[0]}: stale; run python scripts/brain_chart.py" in done.stderr


def test_check_fails_when_the_data_changed_but_the_chart_did_not(repo: Path):
    assert chart(repo).returncode == 0
    csv = repo / "data/brain_body.csv"
    csv.write_text(csv.read_text().replace(",3385.0,44.5,", ",3385.0,60.0,"))
    done = chart(repo, "--check")
    assert done.returncode == 1 and "stale" in done.stderr


def test_unchanged_inputs_skip_the_render_and_leave_files_alone(repo: Path):
    assert "files changed" in chart(repo, "--force").stdout
    before = {s: (repo / s).stat().st_mtime_ns for s in SVGS}
    done = chart(repo)
    assert "chart: up to date, render skipped" in done.stdout
    assert {s: (repo / s).stat().st_mtime_ns for s in SVGS} == before


def test_a_data_change_rerenders_only_what_changed(repo: Path):
    chart(repo, "--force")
    csv = repo / "data/brain_body.csv"
    csv.write_text(csv.read_text().replace(",3385.0,44.5,", ",3385.0,60.0,"))
    done = chart(repo)
    assert re.search(r"chart: rendered from data/brain_body.csv, \d of 7 files changed \(\d+\.\d\d s\)",
                     done.stdout), done.stdout
    assert (repo / "docs/assets/chart/brain_body.csv").read_text() == csv.read_text()


def test_bad_data_fails_and_leaves_the_previous_outputs_untouched(repo: Path):
    chart(repo, "--force")
    outputs = sorted(p for d in ("docs/assets/chart", "includes/chart")
                     for p in (repo / d).iterdir())
    before = {p: p.read_bytes() for p in outputs}
    csv = repo / "data/brain_body.csv"
    lines = csv.read_text().splitlines()
    lines[41] = lines[41].rsplit(",", 2)[0] + ",-3,allison1976"
    csv.write_text("\n".join(lines) + "\n")
    done = chart(repo)
    assert done.returncode == 1
    assert 'data/brain_body.csv:42: brain_mass_g must be a positive number in grams, got "-3"' \
        in done.stderr
    assert {p: p.read_bytes() for p in outputs} == before
