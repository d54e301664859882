"""The forward-compatibility comparison and the weekly link check do what they say."""
from __future__ import annotations

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from maintenance import compare as compare_builds
from maintenance import links as check_links


def test_identical_builds_compare_equal(site: Path):
    assert compare_builds.differences(site, site) == []
    assert f"**{site.name} vs {site.name}: same public site.**" in \
        compare_builds.report([site, site], {site.name: []})


def test_a_lost_id_a_lost_page_and_a_changed_chart_are_reported(site: Path, tmp_path: Path):
    other = tmp_path / "other"
    shutil.copytree(site, other)
    page = other / "talk/pre-training/index.html"
    page.write_text(page.read_text().replace('id="peak-data"', 'id="peak"'))
    shutil.rmtree(other / "talk/qa")
    (other / "assets/chart/brain-body.svg").write_bytes(b"<svg/>")
    (other / "llms.txt").write_text("# Another site\n")
    (other / "assets/javascripts/site.js").unlink()
    (other / "talk/moved").mkdir()
    (other / "talk/moved/index.html").write_text('<meta http-equiv="refresh" content="0; url=../">')
    found = compare_builds.differences(site, other)
    assert "file `llms.txt` differs" in found
    assert "redirect `talk/moved/` only in other" in found
    assert "other: `talk/` references `../assets/javascripts/site.js`" in found
    assert f"page only in {site.name}: `talk/qa/`" in found
    assert f"`talk/pre-training/`: id `#peak-data` only in {site.name}" in found
    assert "`talk/pre-training/`: id `#peak` only in other" in found
    assert "chart file `brain-body.svg` differs" in found


def test_the_link_check_collects_links_and_data_sources(site: Path):
    used = check_links.external_links(site)
    assert any(u.startswith("https://www.youtube.com/watch?v=1yvBqasHLZs") for u in used)
    assert "data/brain_body.meta.yml (powell2017)" in used["https://doi.org/10.1098/rspb.2017.1765"]
    assert not any("127.0.0.1" in u for u in used)


def test_the_link_check_tells_live_from_dead(tmp_path: Path):
    (tmp_path / "alive.html").write_text("ok")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(
        type("Quiet", (SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
        directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        dead = check_links.check([base + "alive.html", base + "gone.html"])
    finally:
        server.shutdown()
    assert dead == {base + "gone.html": "HTTP 404"}
    text = check_links.report(dead, {base + "gone.html": {"talk/index.html"}})
    assert f"| {base}gone.html | HTTP 404 | talk/index.html |" in text
