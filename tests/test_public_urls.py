"""Published links keep working, and the machine-readable indexes describe every section."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ENV, ROOT, build

sys.path.insert(0, str(ROOT / "scripts"))
import public_urls  # noqa: E402


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/public_urls.py", *args], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=120)


def test_the_manifest_lists_exactly_the_published_addresses(site: Path):
    listed, built = public_urls.read_manifest(), public_urls.addresses(site)
    assert "talk/pre-training/#peak-data" in built
    assert public_urls.missing(listed, built, {}) == [], "addresses vanished"
    assert built - listed == set(), (
        f"new addresses not in public-urls.txt: {sorted(built - listed)[:5]}; run"
        " python scripts/public_urls.py <site dir> after mkdocs build")


def test_a_vanished_id_fails_until_a_redirect_covers_it(repo: Path, tmp_path: Path):
    (repo / "public-urls.txt").write_text((ROOT / "public-urls.txt").read_text())
    page = repo / "docs/reference/chart-data.md"
    page.write_text(page.read_text().replace("## Download { #download }",
                                             "## Download { #get-the-data }"))
    assert build(repo, tmp_path / "one").returncode == 0
    done = run(repo, str(tmp_path / "one"), "--check")
    assert done.returncode == 1
    assert ("public-urls.txt: 'reference/chart-data/#download' was published but is gone from"
            " the site. Restore it, or add a line 'reference/chart-data/#download: <new"
            " address>' to redirects.yml") in done.stderr
    (repo / "redirects.yml").write_text(
        "reference/chart-data/#download: reference/chart-data/#get-the-data\n")
    assert build(repo, tmp_path / "two").returncode == 0
    done = run(repo, str(tmp_path / "two"))
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "two/reference/chart-data/index.html").read_text()
    assert '{"download": "get-the-data"}' in html


def test_a_moved_page_leaves_a_forwarding_page(repo: Path, tmp_path: Path):
    (repo / "redirects.yml").write_text("talk/peak-data/: talk/pre-training/#peak-data\n")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    stub = (tmp_path / "out/talk/peak-data/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../pre-training/#peak-data">' in stub
    assert '<link rel="canonical" href="../pre-training/#peak-data">' in stub


def test_a_redirect_to_nowhere_fails_the_build(repo: Path, tmp_path: Path):
    (repo / "redirects.yml").write_text("talk/old/: talk/never-written/\n")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert ("redirects.yml: 'talk/old/' points to 'talk/never-written/', which is not a page of"
            " the built site; fix the target") in done.stderr


def test_sections_json_describes_every_section_with_its_moment(site: Path):
    index = json.loads((site / "sections.json").read_text())
    sections = index["sections"]
    urls = [s["url"] for s in sections]
    assert len(urls) == len(set(urls)) > 100
    talk = [s for s in sections if s["page"].startswith("talk/")]
    assert talk and all(isinstance(s["start_seconds"], int) for s in talk), \
        [s["url"] for s in talk if not isinstance(s["start_seconds"], int)]
    for s in talk:
        assert s["video_url"].endswith(f"&t={s['start_seconds']}s")
        assert s["title"] and s["page_title"] and s["summary"].endswith((".", "?", ":", "…"))
    peak = next(s for s in sections if s["id"] == "peak-data" and s["page"].startswith("talk"))
    assert (peak["start_seconds"], peak["start_is_estimate"]) == (521, False)
    assert peak["url"].endswith("talk/pre-training/#peak-data")


def test_llms_txt_lists_every_page_once(site: Path):
    text = (site / "llms.txt").read_text()
    assert text.startswith("# What a decade\n\n> ")
    links = re.findall(r"^- \[([^\]]+)\]\(([^)]+)\): (.+)$", text, re.M)
    pages = {str(p.parent.relative_to(site)) for p in site.rglob("index.html")}
    assert len(links) == len(pages) == len({url for _, url, _ in links})
    assert all(len(description) > 40 for _, _, description in links)
