"""Published links keep working, and the machine-readable indexes describe every section."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ENV, build
from sitebuild import public_urls
from sitebuild.pages import page_paths
from sitebuild.paths import ROOT
from sitebuild.redirects import load as load_redirects
from sitebuild.times import load_times


def urls(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py", "urls", *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)


def redirects(root: Path, *lines: str) -> Path:
    """The test's redirects first (so their line numbers are 2, 3, ...), then the site's own."""
    path = root / "redirects.yml"
    own = [line for line in path.read_text().splitlines()
           if line.startswith("  ") and not line.strip().startswith("#")] if path.exists() else []
    path.write_text("redirect_maps:\n" + "".join(f"  {line}\n" for line in lines)
                    + "".join(f"{line}\n" for line in own))
    return path


def test_the_manifest_lists_exactly_the_published_addresses(site: Path):
    listed, built = public_urls.read_manifest(), public_urls.addresses(site)
    assert "talk/pre-training/#peak-data" in built
    assert public_urls.missing(listed, built, load_redirects()) == [], "addresses vanished"
    assert built - listed == set(), (
        f"new addresses not in public-urls.txt: {sorted(built - listed)[:5]}; run make urls")


def test_a_vanished_id_fails_until_a_redirect_covers_it(repo: Path, tmp_path: Path):
    page = repo / "docs/reference/chart-data.md"
    page.write_text(page.read_text().replace("## Download { #download }",
                                             "## Download { #get-the-data }"))
    assert build(repo, tmp_path / "one").returncode == 0
    done = urls(repo, str(tmp_path / "one"), "--check")
    assert done.returncode == 1
    assert ("public-urls.txt: 'reference/chart-data/#download' was published but is gone from"
            " the site. Restore it, or add 'reference/chart-data.md#download: <new page>.md#<id>'"
            " under redirect_maps: in redirects.yml.") in done.stderr
    redirects(repo, "reference/chart-data.md#download: reference/chart-data.md#get-the-data")
    assert build(repo, tmp_path / "two").returncode == 0
    done = urls(repo, str(tmp_path / "two"))
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
    html = (tmp_path / "two/reference/chart-data/index.html").read_text()
    assert '{"download": "#get-the-data"}' in html


def test_an_address_never_published_can_be_renamed_freely(repo: Path, tmp_path: Path):
    """Without git history on main, the listed file is what was published; a draft's own new
    id, listed by make urls, drops out again when the draft renames it."""
    page = repo / "docs/reference/chart-data.md"
    page.write_text(page.read_text() + "\n## Draft notes { #draft-notes }\n\nSoon.\n")
    assert build(repo, tmp_path / "one").returncode == 0
    assert urls(repo, str(tmp_path / "one")).returncode == 0
    manifest = (repo / "public-urls.txt").read_text()
    assert "reference/chart-data/#draft-notes" in manifest
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    (repo / "public-urls.txt").write_text((ROOT / "public-urls.txt").read_text())
    subprocess.run(["git", "add", "public-urls.txt"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "main"],
                   cwd=repo, check=True)
    (repo / "public-urls.txt").write_text(manifest)
    page.write_text(page.read_text().replace("{ #draft-notes }", "{ #notes }"))
    assert build(repo, tmp_path / "two").returncode == 0
    done = urls(repo, str(tmp_path / "two"))
    assert done.returncode == 0, done.stderr
    assert "1 added, 1 dropped" in done.stdout
    text = (repo / "public-urls.txt").read_text()
    assert "reference/chart-data/#notes" in text and "#draft-notes" not in text


def test_a_moved_page_leaves_a_forwarding_page_that_keeps_the_readers_place(repo: Path,
                                                                              tmp_path: Path):
    redirects(repo, "talk/peak-data.md: talk/pre-training.md#peak-data")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    stub = (tmp_path / "out/talk/peak-data/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../pre-training/#peak-data">' in stub
    assert '<link rel="canonical" href="../pre-training/#peak-data">' in stub
    # A reader's own #fragment replaces the target's, rather than landing on #new#old.
    assert ('location.replace(location.hash ? "../pre-training/" + location.hash :'
            ' "../pre-training/#peak-data")') in stub


def test_redirect_stubs_are_not_pages(repo: Path, tmp_path: Path):
    redirects(repo, "talk/peak-data.md: talk/pre-training.md#peak-data")
    out = tmp_path / "out"
    assert build(repo, out).returncode == 0
    assert "talk/peak-data/" not in page_paths(out)
    assert "peak-data/" not in (out / "llms.txt").read_text()
    assert all(s["page"] != "talk/peak-data/"
               for s in json.loads((out / "sections.json").read_text())["sections"])


def test_a_redirect_to_a_missing_page_fails_naming_its_line(repo: Path, tmp_path: Path):
    redirects(repo, "talk/old.md: talk/qa.md", "talk/older.md: talk/never-written.md")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert ("redirects.yml:3: 'talk/older.md' points to 'talk/never-written.md', but"
            " docs/talk/never-written.md does not exist; fix the target") in done.stderr


def test_a_redirect_to_a_misspelled_id_fails_naming_its_line(repo: Path, tmp_path: Path):
    redirects(repo, "talk/peak.md: talk/pre-training.md#peak-dta")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert ("redirects.yml:2: 'talk/pre-training.md#peak-dta': docs/talk/pre-training.md has no"
            " heading with the id 'peak-dta'; fix the target id") in done.stderr


def test_a_redirect_map_in_the_old_format_fails_with_the_fix(repo: Path, tmp_path: Path):
    (repo / "redirects.yml").write_text("talk/old/: talk/qa/\n")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert "redirects.yml:1: write the redirects under one key, redirect_maps:" in done.stderr


def test_sections_json_describes_every_section_with_its_moment(site: Path):
    index = json.loads((site / "sections.json").read_text())
    sections = index["sections"]
    urls_ = [s["url"] for s in sections]
    assert len(urls_) == len(set(urls_)) > 100
    assert all(s["page"].startswith("/") and s["page"].endswith("/") for s in sections)
    rows = {(f"/{t.page.removesuffix('.md')}/", t.id): t for t in load_times() if "." not in t.id}
    talk = [s for s in sections if (s["page"], s["id"]) in rows]
    assert len(talk) == len(rows), "a row of data/times.yml has no section in sections.json"
    for s in talk:
        row = rows[s["page"], s["id"]]
        assert (s["start_seconds"], s["start_is_estimate"], s["summary"]) == \
            (row.start_s, row.estimated, row.summary)
        assert s["video_url"].endswith(f"&t={row.start_s}s")
        assert s["title"] and s["page_title"] and not s["summary"].endswith(":")
    peak = next(s for s in sections if s["id"] == "peak-data" and s["page"] == "/talk/pre-training/")
    assert peak["url"].endswith("talk/pre-training/#peak-data")


def test_llms_txt_lists_every_page_once(site: Path):
    text = (site / "llms.txt").read_text()
    assert text.startswith("# What a decade\n\n> ")
    links = [m for m in re.findall(r"^- \[([^\]]+)\]\(([^)]+)\): (.+)$", text, re.M)
             if "#" not in m[1]]  # the claims, listed after the pages, carry their id
    assert len(links) == len(page_paths(site)) == len({url for _, url, _ in links})
    assert all(len(description) > 40 for _, _, description in links)
