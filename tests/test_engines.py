"""Three engines, one site: MkDocs, ProperDocs and Zensical build the same public site.

Each engine runs the whole pipeline (scripts/build.py site --engine E). The first run installs
ProperDocs and Zensical into .venv-properdocs and .venv-zensical from requirements/.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, serving, start_theme
from maintenance.compare import broken_references, differences
from sitebuild import theme
from sitebuild.paths import ROOT

OTHERS = ("properdocs", "zensical")
SEARCH = ("fossil fuel", "talk/pre-training/#fossil-fuel")


def command(engine: str, out: Path) -> list[str]:
    return [sys.executable, "scripts/build.py", "site", "--engine", engine, "--site-dir", str(out)]


def build_with(engine: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command(engine, out), cwd=ROOT, env=ENV, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="session")
def engine_sites(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site as each engine builds it (MkDocs' is the session's own build). The two other
    engines install and build side by side, each in its own environment and output folder."""
    outs = {engine: tmp_path_factory.mktemp(engine) / "site" for engine in OTHERS}
    logs = {engine: out.with_name("build.log") for engine, out in outs.items()}
    builds = {}
    for engine, out in outs.items():
        with logs[engine].open("w") as log:
            builds[engine] = subprocess.Popen(command(engine, out), cwd=ROOT, env=ENV,
                                              stdout=log, stderr=subprocess.STDOUT)
    for engine, build in builds.items():
        assert build.wait(timeout=600) == 0, f"{engine}: {logs[engine].read_text()[-3000:]}"
    return {"mkdocs": site, **outs}


@pytest.mark.slow
@pytest.mark.parametrize("engine", OTHERS)
def test_each_engine_builds_the_same_public_site(engine_sites: dict[str, Path], engine: str):
    assert differences(engine_sites["mkdocs"], engine_sites[engine]) == []


@pytest.mark.slow
def test_no_page_of_any_engine_references_a_missing_file(engine_sites: dict[str, Path]):
    assert {e: broken_references(s) for e, s in engine_sites.items()} == \
        {e: [] for e in engine_sites}


@pytest.mark.slow
def test_every_engines_search_previews_read_row_by_row_with_no_bare_play_mark(
        engine_sites: dict[str, Path]):
    found = {}
    for engine, site in engine_sites.items():
        index = json.loads((site / theme.find_search_index(site)).read_text(encoding="utf-8"))
        entries = {e["location"]: e["text"] for e in index.get("docs") or index["items"]}
        # A play mark in code is the contributing guide showing how to write one.
        found[engine] = ([loc for loc, text in entries.items()
                          if "▶" in re.sub(r"<code>.*?</code>", "", text, flags=re.S)],
                         entries["reference/slides/#running-order"].count("</p><p>"),
                         entries["reference/corrections/#retrospective"].startswith("<p>13 · "))
    rows = found["mkdocs"][1]
    assert rows >= 20 and found == {e: ([], rows, True) for e in engine_sites}


@pytest.mark.browser
@pytest.mark.parametrize("engine", ("mkdocs", *OTHERS))
def test_on_each_engine_the_theme_loads_and_search_finds_a_phrase(engine_sites, browser, engine):
    phrase, target = SEARCH
    with serving(engine_sites[engine]) as base:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "talk/", wait_until="load")
        start_theme(page)
        # Material's search box, or Zensical's search button, as a reader clicks it.
        page.locator(".md-search__input, .md-search__button").first.click()
        page.keyboard.type(phrase, delay=20)
        path, _, anchor = target.partition("#")
        hit = page.locator(f"a[href*='{path.split('/')[-2]}/#{anchor}']").first
        hit.wait_for(timeout=10_000)  # in an open shadow root too: locators pierce them
        page.close()
    assert errors == []


def test_an_unknown_engine_stops_with_one_line_naming_the_choices(tmp_path: Path):
    done = build_with("hugo", tmp_path / "site")
    assert done.returncode == 1 and not (tmp_path / "site").exists()
    assert done.stderr == ("error: unknown engine 'hugo'; use one of mkdocs, properdocs,"
                           " zensical, e.g. make build ENGINE=zensical\n")


def test_postbuild_refuses_a_folder_that_is_not_a_built_site(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a site")
    done = subprocess.run([sys.executable, "scripts/build.py", "postbuild", str(tmp_path)],
                          cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr == (f"error: {tmp_path}: not a built site (no index.html and 404.html);"
                           " build it first, e.g. make build\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def site_in(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py", "site", *args], cwd=repo, env=ENV,
                          capture_output=True, text=True, timeout=300)


def test_a_missing_engine_requirements_file_stops_with_the_fix(repo: Path):
    (repo / "requirements/zensical.txt").unlink()
    done = site_in(repo, "--engine", "zensical")
    assert done.returncode == 1 and not (repo / "site").exists()
    assert done.stderr == ("error: requirements/zensical.txt is missing; restore it (git checkout"
                           " -- requirements/zensical.txt) or write requirements/zensical.in and"
                           " run make lock\n")


def test_a_failed_build_leaves_the_previous_site_untouched(repo: Path):
    assert site_in(repo).returncode == 0
    before = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    index = repo / "docs/index.md"
    index.write_text(index.read_text() + "\nSee [the missing page](talk/missing.md).\n")
    done = site_in(repo)
    assert done.returncode == 1
    assert "site/ is unchanged" in done.stderr
    assert {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()} == before
    assert not list(repo.glob(".site.*")), "a half-built folder was left behind"


def test_check_names_a_bad_data_row_instead_of_a_traceback(repo: Path):
    rows = repo / "data/brain_body.csv"
    rows.write_text(rows.read_text() + "Equus zebra,mountain zebra,mammal,-3,500,allison1976\n")
    done = subprocess.run([sys.executable, "scripts/build.py", "check"], cwd=repo, env=ENV,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = len(rows.read_text().splitlines())
    assert f"data/brain_body.csv:{line}: body_mass_g must be a positive number" in done.stderr
