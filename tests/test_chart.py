"""The chart step: deterministic files, a working --check, no half-written output, and a figure
that is text, one drawing per theme pair, and a named, focusable element per species."""
from __future__ import annotations

import gzip
import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import brain_chart
import pytest
from conftest import ENV, chart
from sitebuild.paths import ROOT

RENDER_DIGEST = (
    "import hashlib, brain_chart as c; m = c.load_meta(c.META); s = c.load_species(c.DATA, m);"
    " print(hashlib.sha256(c.figure_snippet(s, c.fit_groups(s), m).encode()).hexdigest())")
SVG = Path("docs/assets/chart/brain-body.svg")
SNIPPET = Path("includes/chart/figure.md")
POINT_NAME = re.compile(r"^[A-Z][a-z]+ [a-z.]+ \([^()]+(?:\([^()]+\))?\): body [\d,.]+ kg,"
                        r" brain [\d,.]+ g; source [a-z]+\d{4}$")


def inputs() -> tuple[list, list, brain_chart.Meta]:
    meta = brain_chart.load_meta(brain_chart.META)
    species = brain_chart.load_species(brain_chart.DATA, meta)
    return species, brain_chart.fit_groups(species), meta


def drawings(snippet: str) -> list[ET.Element]:
    """The inline SVG drawings of the figure snippet, parsed."""
    return [ET.fromstring(m[0]) for m in re.finditer(r"<svg\b.*?</svg>", snippet, re.S)]


@pytest.fixture(scope="module")
def snippet() -> str:
    species, fits, meta = inputs()
    return brain_chart.figure_snippet(species, fits, meta)


def render_digest_in_new_process() -> str:
    env = {**ENV, "PYTHONPATH": str(ROOT / "scripts")}
    done = subprocess.run([sys.executable, "-c", RENDER_DIGEST], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


def test_two_renders_in_separate_processes_are_byte_identical(snippet: str):
    first, second = render_digest_in_new_process(), render_digest_in_new_process()
    assert first == second == hashlib.sha256(snippet.encode()).hexdigest()
    assert brain_chart.render_all() == brain_chart.render_all()


def test_the_figure_is_inline_svg_whose_words_are_text_in_the_sites_typeface(snippet: str):
    assert "<?xml" not in snippet and "<!DOCTYPE" not in snippet
    wide, phone = drawings(snippet)
    for svg in (wide, phone):
        texts = [t.text for t in svg.iter("text")]
        assert len(texts) >= 15 and "Body mass (log scale)" in texts and "hominins" in texts
        # Glyphs drawn as paths would come as <defs> of glyph outlines that <use> places.
        assert not [e for e in svg.iter() if "DejaVu" in e.get("id", "")]
        assert "font-family" not in ET.tostring(svg, encoding="unicode").split("</style>")[-1]
        assert not [e for e in svg.iter() if e.get("clip-path") or e.tag == "clipPath"]
    css = wide.find("style").text
    stack = re.search(r"\.bb\{[^}]*font-family:([^;}]+)", css)[1]
    # Material's body text: var(--md-text-font, _), then this stack (font: false in mkdocs.yml).
    assert stack == "-apple-system,BlinkMacSystemFont,Helvetica,Arial,sans-serif"
    assert phone.find("style") is None  # one stylesheet per page, in the wide drawing


def test_one_drawing_serves_both_themes_through_custom_properties(snippet: str):
    wide, phone = drawings(snippet)
    css = wide.find("style").text
    light = dict(re.findall(r"--(bb-[\w-]+):(#[0-9a-f]{6})", css.split("[data-md-color-scheme")[0]))
    dark = re.search(r'\[data-md-color-scheme="slate"\] \.bb\{([^}]*)\}', css)[1]
    assert len(light) >= 9 and set(re.findall(r"--(bb-[\w-]+):", dark)) == set(light)
    for svg in (wide, phone):
        for style in svg.iter("style"):
            style.text = ""
        drawn = ET.tostring(svg, encoding="unicode")
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b(?!\d)", drawn.replace('href="#', "")), \
            "a colour is written into the drawing instead of taken from a custom property"
        assert "var(--bb-grid)" in drawn


def test_every_species_is_one_focusable_point_named_for_screen_readers(snippet: str):
    species, _, _ = inputs()
    for svg in drawings(snippet):
        points = [e for e in svg.iter() if "bb-pt" in e.get("class", "").split()]
        assert len(points) == len(species)
        for point in points:
            assert point.get("tabindex") == "0" and point.get("role") == "img"
            assert POINT_NAME.match(point.get("aria-label")), point.get("aria-label")
        names = {p.get("aria-label").split(" (")[0] for p in points}
        assert names == {s.name for s in species}
    assert ("Homo sapiens (modern human): body 57.8 kg, brain 1,398 g; source monson2024"
            in snippet)


def test_the_fitted_lines_are_named_on_the_chart_and_the_hominin_line_is_over_its_points(
        snippet: str):
    for svg in drawings(snippet):
        children = list(svg.iter())
        keys = [t.text for t in children if t.tag == "text" and "bb-key" in t.get("class", "")]
        assert sorted(keys) == ["hominins", "mammals", "non-human primates"]
        order = [e.get("class", "") for e in children]
        last_point = max(i for i, c in enumerate(order) if "bb-pt" in c)
        assert order.index("bb-halo") > last_point
        assert order.index("bb-fit bb-fit-h") > order.index("bb-halo")
        assert order.index("bb-fit bb-fit-m") < order.index("bb-points")


def test_each_drawing_names_every_species_its_layout_lists(snippet: str):
    wide, phone = drawings(snippet)
    for svg, layout in ((wide, brain_chart.WIDE), (phone, brain_chart.PHONE)):
        labels = {t.text for t in svg.iter("text") if t.get("font-size")} - set(
            brain_chart.GROUP_LABELS.values())
        assert labels == {brain_chart.SPECIES_LABELS[n][0] for n in layout.species}
    assert len(brain_chart.PHONE.species) < len(brain_chart.WIDE.species)


def test_ids_are_unique_and_the_figure_names_no_file(snippet: str):
    ids = re.findall(r'\bid="([^"]+)"', snippet)
    assert len(ids) == len(set(ids)) and ids.count("brain-body-chart") == 1
    assert not re.search(r'\b(?:src|href)="(?!#)', snippet), "a path would break at one depth"
    assert "\n\n" not in snippet.strip(), "a blank line would end the Markdown HTML block"


def test_the_page_weight_of_the_figure_and_the_file_stay_in_budget(snippet: str):
    assert len(gzip.compress(snippet.encode(), mtime=0)) <= 16 * 1024
    standalone = brain_chart.render_all()[brain_chart.SVG_FILE]
    assert len(standalone) <= 100 * 1024
    assert b"<dc:date>" not in standalone and b"Matplotlib v" not in standalone


def test_the_downloadable_svg_stands_alone_in_light_colours(repo: Path):
    assert chart(repo, "--force").returncode == 0
    data = (repo / SVG).read_text()
    assert data.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    root = ET.fromstring(data)
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("Brain mass")
    assert "--bb-mammal:#0072b2" in root.find("{http://www.w3.org/2000/svg}style").text
    assert "Recreated from public data" in data
    assert not list((repo / "docs/assets/chart").glob("brain-body-*.svg"))


def test_check_passes_when_fresh_and_fails_on_a_stale_file(repo: Path):
    assert chart(repo).returncode == 0
    assert chart(repo, "--check").returncode == 0
    svg = repo / SVG
    svg.write_bytes(svg.read_bytes().replace(b"#0072b2", b"#000000"))
    done = chart(repo, "--check")
    assert done.returncode == 1
    assert f"{SVG}: stale; run python scripts/brain_chart.py" in done.stderr


def test_check_fails_when_the_data_changed_but_the_chart_did_not(repo: Path):
    assert chart(repo).returncode == 0
    csv = repo / "data/brain_body.csv"
    csv.write_text(csv.read_text().replace(",3385.0,44.5,", ",3385.0,60.0,"))
    done = chart(repo, "--check")
    assert done.returncode == 1 and "stale" in done.stderr


def test_unchanged_inputs_skip_the_render_and_leave_files_alone(repo: Path):
    assert "files changed" in chart(repo, "--force").stdout
    outputs = (SVG, SNIPPET)
    before = {s: (repo / s).stat().st_mtime_ns for s in outputs}
    done = chart(repo)
    assert "chart: up to date, render skipped" in done.stdout
    assert {s: (repo / s).stat().st_mtime_ns for s in outputs} == before


@pytest.mark.parametrize("source", ["docs/assets/stylesheets/chart.css",
                                    "docs/assets/javascripts/chart.js"])
def test_an_edit_to_the_embedded_style_or_script_renders_again(repo: Path, source: str):
    assert chart(repo).returncode == 0
    path = repo / source
    path.write_text(path.read_text() + "\n/* edited */\n")
    assert "chart: rendered from" in chart(repo).stdout


def test_a_data_change_rerenders_only_what_changed(repo: Path):
    chart(repo, "--force")
    csv = repo / "data/brain_body.csv"
    csv.write_text(csv.read_text().replace(",3385.0,44.5,", ",3385.0,60.0,"))
    done = chart(repo)
    assert re.search(r"chart: rendered from data/brain_body.csv, \d of 6 files changed \(\d+\.\d\d s\)",
                     done.stdout), done.stdout
    assert (repo / "docs/assets/chart/brain_body.csv").read_text() == csv.read_text()
    assert "body 3.385 kg, brain 60 g" in (repo / SNIPPET).read_text()


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
