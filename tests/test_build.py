"""The site build: strict, complete, and failing with a readable message on broken input."""
from __future__ import annotations

import csv
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ENV, build
from sitebuild.paths import ROOT

PAGES = ["index.html", "reference/chart-data/index.html", "404.html"]
CHART = ["assets/chart/brain-body.svg", "assets/chart/brain_body.csv",
         "assets/chart/brain_body.meta.yml"]


def test_the_strict_build_writes_every_page_and_the_chart_files(site: Path):
    for path in PAGES + CHART:
        assert (site / path).is_file(), f"{path} missing from the built site"


def test_the_chart_page_shows_the_chart_inline_with_a_real_description(site: Path):
    html = (site / "reference/chart-data/index.html").read_text()
    figure = html.split('<figure id="brain-body-chart">')[1].split("</figure>")[0]
    assert "<img" not in figure
    drawings = re.findall(r'<svg class="bb bb-(wide|phone)"[^>]*viewBox="0 0 (\d+) (\d+)"'
                          r'[^>]*>\s*<desc id="[^"]+">([^<]+)</desc>', figure)
    assert [d[0] for d in drawings] == ["wide", "phone"]
    for _, _, _, desc in drawings:
        assert len(desc.split()) > 30 and "hominins" in desc


def test_the_chart_page_tables_come_from_the_data(site: Path):
    html = (site / "reference/chart-data/index.html").read_text()
    rows = list(csv.DictReader((ROOT / "data/brain_body.csv").open()))
    hominins = sum(1 for r in rows if r["group"] == "hominin")
    assert re.search(rf"<td[^>]*>Hominins</td>\s*<td[^>]*>{hominins}</td>", html)
    for key in {r["source"] for r in rows}:
        assert f"<code>{key}</code>" in html
    assert f"rests on {hominins} taxa" in html
    assert 'href="../../assets/chart/brain_body.csv"' in html


def test_the_site_loads_nothing_from_other_hosts(site: Path):
    for page in PAGES:
        html = (site / page).read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
            src = re.search(r'(?:src|href)="([^"]+)"', tag)
            if src and "rel=\"canonical\"" not in tag and "alternate" not in tag:
                assert not re.match(r"(https?:)?//", src[1]), f"{page} loads {src[1]}"


def test_the_build_says_what_the_chart_step_did(repo: Path, tmp_path: Path):
    first = build(repo, tmp_path / "one")
    assert re.search(r"chart: up to date, render skipped \(\d+\.\d\d s\)", first.stderr)
    (repo / "docs/assets/chart/.inputs.sha256").unlink()
    second = build(repo, tmp_path / "two")
    assert re.search(r"chart: rendered from data/brain_body.csv, 0 of 6 files changed", second.stderr)


def line_of(path: Path, text: str) -> int:
    return next(no for no, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + "\n" + text + "\n")


def test_a_broken_link_fails_naming_the_file_and_line(repo: Path, tmp_path: Path):
    index = repo / "docs/index.md"
    append(index, "See [the missing page](talk/missing.md).")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    line = line_of(index, "talk/missing.md")
    assert (f"docs/index.md:{line}: broken link 'talk/missing.md': no such page or file in docs/."
            " Fix the path (it is relative to this page's file), or add the missing page.") \
        in done.stderr
    assert "Aborted with 1 warnings in strict mode!" in done.stdout + done.stderr


def test_a_broken_anchor_fails_naming_the_file_line_and_id(repo: Path, tmp_path: Path):
    index = repo / "docs/index.md"
    append(index, "See [the slopes](reference/chart-data.md#slope-table).")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    line = line_of(index, "#slope-table")
    assert (f"docs/index.md:{line}: broken anchor '#slope-table' in link"
            " 'reference/chart-data.md#slope-table': docs/reference/chart-data.md has no heading"
            " with that id.") in done.stderr


def test_a_page_missing_from_the_nav_fails_with_the_fix(repo: Path, tmp_path: Path):
    (repo / "docs/orphan.md").write_text("# Orphan { #orphan }\n\nNot in the nav.\n")
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert ("docs/orphan.md: page is not in the nav; add it under 'nav:' in mkdocs.yml"
            " (or delete the file).") in done.stderr


@pytest.mark.parametrize("row, problem", [
    ("Passer domesticus,house sparrow,bird,28,0.9,allison1976",
     'group must be one of mammal, primate, hominin, got "bird"'),
    ("Equus zebra,mountain zebra,mammal,250000,500,smith2031",
     'source "smith2031" has no entry under sources: in data/brain_body.meta.yml;'
     " add it with its citation, or fix the key"),
], ids=["unknown group", "unknown source"])
def test_a_bad_row_fails_the_build_naming_it_and_keeps_the_old_chart(repo: Path, tmp_path: Path,
                                                                     row: str, problem: str):
    svg = repo / "docs/assets/chart/brain-body.svg"
    before = svg.read_bytes()
    csv_path = repo / "data/brain_body.csv"
    append(csv_path, row)
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    line = len(csv_path.read_text().splitlines())
    assert f"data/brain_body.csv:{line}: {problem}" in done.stderr
    assert svg.read_bytes() == before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_live_reloads_and_renders_the_chart_once_per_data_edit(repo: Path, tmp_path: Path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr",
             f"127.0.0.1:{port}"], cwd=repo, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        assert "livereload" in page, "live reload script missing from the served page"
        csv_path = repo / "data/brain_body.csv"
        csv_path.write_text(csv_path.read_text().replace(",3385.0,44.5,", ",3385.0,60.0,"))
        assert wait_for(lambda: "chart: rendered" in log.read_text(), 60), log.read_text()
        time.sleep(12)  # long enough for the rebuild the chart's own writes set off, and any loop
        text = log.read_text()
        assert text.count("chart: rendered") == 1, text
        builds = text.count("Building documentation")
        time.sleep(4)
        assert log.read_text().count("Building documentation") == builds, "rebuild loop"
        served = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/assets/chart/brain_body.csv", timeout=10).read().decode()
        assert ",3385.0,60.0," in served
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_new_page_added_properly_is_built(repo: Path, tmp_path: Path):
    (repo / "docs/talk/notes.md").write_text(
        "---\ntitle: Notes\ndescription: A contributor's new page, added with a nav entry and"
        " explicit ids.\n---\n\n# Notes { #notes }\n\nSome notes.\n")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      - Questions from the audience: talk/qa.md\n",
        "      - Questions from the audience: talk/qa.md\n      - Notes: talk/notes.md\n"))
    done = build(repo, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert 'id="notes"' in (tmp_path / "out/talk/notes/index.html").read_text()


def test_pages_offer_edit_and_source_links_when_the_repository_is_known(repo: Path,
                                                                          tmp_path: Path):
    done = build(repo, tmp_path / "out", REPO_URL="https://github.com/someone/what-a-decade")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out/talk/qa/index.html").read_text()
    assert 'href="https://github.com/someone/what-a-decade/edit/main/docs/talk/qa.md"' in html
    assert 'href="https://github.com/someone/what-a-decade/raw/main/docs/talk/qa.md"' in html
    # The contributing page is a stub that includes CONTRIBUTING.md: edits go to that file.
    html = (tmp_path / "out/about/contributing/index.html").read_text()
    assert 'href="https://github.com/someone/what-a-decade/edit/main/CONTRIBUTING.md"' in html
    assert "main/docs/about/contributing.md" not in html


def test_without_git_history_pages_say_the_date_is_unknown(repo: Path, tmp_path: Path):
    assert not (repo / ".git").exists()
    assert build(repo, tmp_path / "out").returncode == 0
    html = (tmp_path / "out/talk/qa/index.html").read_text()
    assert "Last change not recorded (built without git history)" in html


def test_the_built_style_sheet_has_its_rules_and_none_of_its_comments(site: Path):
    source = (ROOT / "docs/assets/stylesheets/site.css").read_text()
    built = (site / "assets/stylesheets/site.css").read_text()
    assert "/*" in source and "/*" not in built
    assert ".md-typeset .status::before {" in source and ".md-typeset .status::before {" in built


def test_the_footer_states_the_licences(site: Path):
    html = (site / "index.html").read_text()
    assert "CC BY 4.0" in html and "MIT" in html


def test_the_late_loaded_bundle_exists_and_no_theme_file_name_is_typed_by_hand(site: Path):
    for page in ("index.html", "talk/pre-training/index.html", "404.html"):
        html = (site / page).read_text()
        src = re.search(r's\.src="([^"]+bundle\.[0-9a-f]+\.min\.js)"', html)
        assert src, f"{page}: the late loader for Material's bundle is missing"
        base = site if src[1].startswith("/") else (site / page).parent
        assert (base / src[1].lstrip("/")).resolve().is_file(), f"{page}: {src[1]} is missing"
        assert not re.search(r'<script src="[^"]*bundle\.', html), f"{page}: bundle loads early"
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"bundle\.[0-9a-f]{8}|search_index\.json|search\.json", text), \
            f"{template.relative_to(ROOT)} names a theme file; let scripts/sitebuild/theme.py find it"


def test_the_preview_keeps_serving_a_broken_page_and_shows_the_problem(repo: Path,
                                                                         tmp_path: Path):
    index = repo / "docs/index.md"
    append(index, "See [the missing page](talk/missing.md).")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "scripts/build.py", "serve", "--port",
                                   str(port)], cwd=repo, env=ENV, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: "Serving on" in log.read_text(), 60), log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        line = line_of(index, "talk/missing.md")
        assert 'role="alert" class="preview-problems"' in page
        assert f"docs/index.md:{line}: broken link &#x27;talk/missing.md&#x27;" in page
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_preview_on_a_busy_port_says_so_in_one_line(repo: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "scripts/build.py", "serve", "--port", str(port)],
                              cwd=repo, env=ENV, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == (f"error: port {port} is already in use on 127.0.0.1; stop the other"
                           f" server, or pick another port: make serve PORT={port + 1}\n")


@pytest.mark.parametrize("page, text, problem", [
    ("docs/reference/timeline.md", "A claim.[^nobody2031]",
     "footnote [^nobody2031] is used but never defined; add a line '[^nobody2031]: Author"
     " (year). [Title](url)' at the end of the page"),
    ("docs/reference/glossary.md", "![chart](../assets/images/favicon.svg)",
     "image without meaningful alt text ('chart'): alt text must say in at least three words"
     " what the image shows"),
    ("docs/talk/qa.md",
     "[▶ 7:55](https://www.youtube.com/watch?v=1yvBqasHLZs&t=474s){ .timestamp }",
     "timestamp shows 7:55 but links t=474s; make both say the same second (475s, or 7:54)"),
    ("CONTRIBUTING.md", "See [the guide](no-such-guide.md).",
     "broken link 'no-such-guide.md': no such page or file in docs/."),
], ids=["undefined footnote", "alt text", "timestamp", "link in an included file"])
def test_a_bad_source_fails_naming_its_file_and_line(repo: Path, tmp_path: Path, page: str,
                                                     text: str, problem: str):
    append(repo / page, text)
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert f"{page}:{line_of(repo / page, text)}: {problem}" in done.stderr, done.stderr


def test_a_page_without_a_description_fails_naming_it(repo: Path, tmp_path: Path):
    page = repo / "docs/reference/timeline.md"
    page.write_text(re.sub(r"^description:.*?\n(?=\w)", "", page.read_text(), count=1,
                           flags=re.M | re.S))
    done = build(repo, tmp_path / "out")
    assert done.returncode == 1
    assert ("docs/reference/timeline.md:1: no description; add 'description: <one sentence of"
            " 50-200 characters>' to the front matter") in done.stderr


def test_a_newcomers_five_contributions_build_cleanly(repo: Path, tmp_path: Path):
    """The walk-throughs in CONTRIBUTING.md, done at once: a page, a species, a glossary term,
    a source with its footnote, and a correction."""
    (repo / "docs/talk/notes.md").write_text(
        "---\ntitle: Notes\ndescription: A contributor's new page, added with a nav entry,"
        " explicit ids and one cited source.\n---\n\n# Notes { #notes }\n\nA claim with a"
        " source.[^vaswani2017]\n\n[^vaswani2017]: Vaswani, A. et al. (2017). [Attention Is All"
        " You Need](https://arxiv.org/abs/1706.03762)\n")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      - Questions from the audience: talk/qa.md\n",
        "      - Questions from the audience: talk/qa.md\n      - Notes: talk/notes.md\n"))
    append(repo / "data/brain_body.csv", "Equus zebra,mountain zebra,mammal,250000,500,"
           + (repo / "data/brain_body.csv").read_text().splitlines()[1].rsplit(",", 1)[1])
    append(repo / "includes/abbreviations.md", "*[tokenizer]: The program that splits text into"
           " tokens before a model reads it.")
    bibliography = repo / "docs/reference/bibliography.md"
    bibliography.write_text(bibliography.read_text().replace(
        "- **gpt3-2020** ·", "- **vaswani2017** · Vaswani, A. et al. (2017). Attention Is All You"
        " Need. [arXiv:1706.03762](https://arxiv.org/abs/1706.03762)\n- **gpt3-2020** ·", 1))
    corrections = repo / "docs/reference/corrections.md"
    corrections.write_text(corrections.read_text().replace(
        "| 3 | \"said at the Global AI Summit\"", "| 3a | \"a tokenizer of words\" | He said"
        " tokens, not words. | [What we did](../talk/retrospective.md#what-we-did) |\n"
        "| 3 | \"said at the Global AI Summit\"", 1))
    done = build(repo, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert 'id="notes"' in (tmp_path / "out/talk/notes/index.html").read_text()
    assert "mountain zebra" in (tmp_path / "out/assets/chart/brain_body.csv").read_text()
    html = (tmp_path / "out/reference/corrections/index.html").read_text()
    assert ">3a</td>" in html and 'title="The program that splits' in html
