"""The build steps as pure functions, without a build: each HTML fix, the page reader, the
theme loader, the config reader and the redirect map."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitebuild import config, fix_html, pages, reading, redirects, search_text, sources, theme
from sitebuild.public_urls import source_key

MATERIAL = """<html><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">The talk</label>
<div class="md-search" data-md-component="search" role="dialog">
<a href="javascript:void(0)" class="md-search__icon md-icon" title="Share" aria-label="Share">
<article><p>One.<sup id="fnref:a"><a href="#fn:a">1</a></sup><sup id="fnref:b"><a href="#fn:b">2</a>\
</sup> Two.<sup id="fnref:c"><a href="#fn:c">3</a></sup>
<abbr title="A unit of text">Token</abbr> and
<a href="x/"><abbr title="Long short-term memory">LSTM</abbr></a></p>
<table>
<tr><td>1</td></tr></table><table class="kept"><tr><td>2</td></tr></table>
<div class="highlight"><pre><span></span><code>make test
</code></pre></div></article>
<script>
  /* A note for
     maintainers */
  var a = 1;  /* kept: code shares its line */
</script>
</body></html>"""


@pytest.mark.parametrize("name, times, after", [
    ("toggle-autocomplete", 2, 'id="__search">'),
    ("empty-tabindex", 1, 'id="__nav_2_label">'),
    ("focusable-terms", 2, '<abbr tabindex="0" title="A unit of text">'),
    ("terms-in-links", 1, '<a href="x/"><abbr title="Long short-term memory">'),
    ("search-dialog-name", 1, 'role="dialog" aria-label="Search">'),
    ("footnote-runs", 1, '</sup><sup class="fn-follows" id="fnref:b">'),
    ("script-comments", 1, '<script>\n  var a = 1;  /* kept: code shares its line */\n</script>'),
    ("crawlable-share", 1, '<a href="?q=" class="md-search__icon md-icon" title="Share"'),
    ("focusable-code", 1, '<pre><span></span><code tabindex="0">make test'),
    ("prewrapped-tables", 1, '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                             '<table class="data-table">\n<tr>'),
])
def test_each_html_fix_fires_as_often_as_its_defect_appears(name: str, times: int, after: str):
    fixed, fired = fix_html.fix_html(MATERIAL)
    assert fired[name] == times
    assert after in fixed


def test_every_fix_is_counted_and_a_second_pass_changes_nothing():
    fixed, fired = fix_html.fix_html(MATERIAL)
    assert set(fired) == set(fix_html.FIXES)
    assert fix_html.fix_html(fixed)[0] == fixed  # safe to run twice
    assert '<table class="kept">' in fixed


def test_the_late_loader_keeps_the_engines_address_and_defers_the_named_index():
    page = '<script src="../../assets/javascripts/bundle.0a1b2c3d.min.js"></script>'
    html, fired = theme.load_late(page, "assets/javascripts/bundle.0a1b2c3d.min.js",
                                  "search.json")
    assert fired == 1 and "<script src=" not in html
    assert 's.src="../../assets/javascripts/bundle.0a1b2c3d.min.js"' in html
    assert 'index="search.json"' in html
    assert theme.load_late(page, None, "search.json") == (page, 0)
    assert theme.load_late(page, "assets/javascripts/bundle.ffffffff.min.js", None) == (page, 0)


def test_theme_files_are_found_wherever_the_engine_put_them(tmp_path: Path):
    assert theme.find_bundle(tmp_path) is None and theme.find_search_index(tmp_path) is None
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/bundle.77dd0ce9.min.js").write_text("")
    (tmp_path / "search.json").write_text("{}")
    assert theme.find_bundle(tmp_path) == "assets/javascripts/bundle.77dd0ce9.min.js"
    assert theme.find_search_index(tmp_path) == "search.json"


def test_the_page_reader_finds_sections_timestamps_and_summaries(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text("""<html><head><title>Peak data - What a decade</title>
<meta name="description" content="On data."></head><body><nav><h2 id="nav">Menu</h2></nav>
<article><h1 id="pre">Pre-training<a class="headerlink" href="#pre">¶</a></h1>
<p>First. Second.</p><h2 id="peak">Peak <em>data</em></h2>
<p><a class="timestamp estimated" href="https://youtu.be/x?t=521s">▶ 8:41</a></p>
<p>Quoc V. Le says so. Then more.</p></article></body></html>""")
    read = pages.read_page(page, "talk/pre-training/")
    assert (read.title, read.description, read.heading) == \
        ("Peak data - What a decade", "On data.", "Pre-training")
    assert [(s.id, s.level, s.title, s.summary) for s in read.sections] == [
        ("pre", 1, "Pre-training", "First."), ("peak", 2, "Peak data", "Quoc V. Le says so.")]
    assert read.sections[1].estimated and read.sections[1].video_url.endswith("t=521s")


def test_redirect_stubs_are_not_pages(tmp_path: Path):
    (tmp_path / "index.html").write_text("<html><body><h1 id='a'>Home</h1></body></html>")
    (tmp_path / "old").mkdir()
    (tmp_path / "old/index.html").write_text(redirects.STUB.format(
        target="../", target_js='"../"', page_js='"../"', title="Home"))
    assert pages.page_paths(tmp_path) == [""]


def test_mkdocs_yml_reads_without_an_engine(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/decade")
    loaded = config.load_config()
    assert config.site_url(loaded) == "https://example.org/decade/"
    assert config.nav_files(loaded["nav"])[:2] == ["index.md", "talk/index.md"]
    monkeypatch.delenv("SITE_URL")
    assert config.site_url(config.load_config()) == "http://127.0.0.1:8000/"


@pytest.mark.parametrize("src, url", [("index.md", ""), ("talk/index.md", "talk/"),
                                      ("talk/qa.md", "talk/qa/")])
def test_sources_map_to_directory_addresses_and_back(src: str, url: str):
    assert config.page_url(src) == url
    assert source_key(url or "/") in (src, src.replace("/index.md", ".md"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "redirects.yml"
    path.write_text(text)
    return path


def test_the_redirect_map_gives_each_entry_its_line(tmp_path: Path):
    path = write(tmp_path, "# moved\nredirect_maps:\n  talk/a.md: talk/qa.md\n"
                           "  talk/qa.md#old: talk/qa.md#new\n")
    assert [(r.old, r.new, r.line) for r in redirects.load(path)] == [
        ("talk/a.md", "talk/qa.md", 3), ("talk/qa.md#old", "talk/qa.md#new", 4)]


@pytest.mark.parametrize("text, message", [
    ("talk/a/: talk/qa/\n", ":1: write the redirects under one key, redirect_maps:"),
    ("redirect_maps:\n  talk/a/: talk/qa.md\n", ":2: 'talk/a/' is not a Markdown source"),
    ("redirect_maps:\n  talk/a.md:\n", ":2: 'talk/a.md' needs a target"),
    ("redirect_maps: [\n", ":2: not valid YAML"),
])
def test_a_malformed_redirect_map_names_the_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(redirects.RedirectError, match=message.replace("[", r"\[")):
        redirects.load(write(tmp_path, text))


@pytest.mark.parametrize("front, problem", [
    ("title: T\n", "docs/page.md:1: no description; add 'description:"),
    ("description: Too short.\n", "docs/page.md:2: the description has 10 characters"),
    ('description: A page about the "peak data" line and what it rests on, in one sentence.\n',
     "docs/page.md:2: the description contains a straight quote"),
])
def test_a_page_without_a_good_description_is_named_with_its_line(tmp_path: Path, front: str,
                                                                  problem: str):
    page = tmp_path / "page.md"
    page.write_text(f"---\n{front}---\n\n# Page\n")
    meta, lines = sources.front_matter(page)
    source = sources.Source(page, "page.md", meta, lines)
    with pytest.raises(sources.SourceError) as caught:
        sources.check_description(source)
    assert str(caught.value).replace(str(tmp_path), "docs").startswith(problem)


def test_relative_addresses_between_pages():
    assert redirects.relative("talk/pre-training/", "talk/peak-data/") == "../pre-training/"
    assert redirects.relative("", "talk/") == "../"
    assert redirects.relative("talk/", "talk/") == "./"


SEARCHED = """<html><body><article><h1 id="t">Slides</h1><p>Intro.</p>
<h2 id="order">Running order</h2><p>One row per part.</p>
<table><tr><th>#</th><th>Starts</th><th>Title</th></tr>
<tr><td>1</td><td><a class="timestamp" href="v">▶ 0:00</a></td><td>Opening &amp; thanks</td></tr>
<tr><td>2</td><td><a class="timestamp" href="v">▶ ≈ 0:31</a></td><td></td></tr></table>
<h2 id="prose">Prose</h2><p><a class="timestamp" href="v">▶ 1:23</a></p><p>Words.</p>
</article></body></html>"""


def test_search_previews_give_each_table_row_a_line_and_drop_bare_play_marks(tmp_path: Path):
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "index.html").write_text(SEARCHED, encoding="utf-8")
    index = {"config": {}, "docs": [
        {"location": "slides/", "title": "Slides", "text": "<p>Intro.</p>"},
        {"location": "slides/#order", "title": "Running order",
         "text": "<p>One row per part.</p> # Starts Title 1 ▶ Opening &amp; thanks 2 ▶"},
        {"location": "slides/#prose", "title": "Prose", "text": "<p>▶</p> <p>▶ · Words.</p>"}]}
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index))
    assert search_text.tidy(tmp_path, "search/search_index.json") == 2
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"]
    assert [d["text"] for d in docs] == [
        "<p>Intro.</p>",
        "<p>One row per part.</p><p>1 · 0:00 · Opening &amp; thanks</p><p>2 · ≈ 0:31</p>",
        "<p>Words.</p>"]
    assert search_text.tidy(tmp_path, "search/search_index.json") == 0  # a second pass


def test_table_cells_get_their_labels_and_the_style_sheet_its_classes():
    page = ('<table class="data-table"><thead><tr><th>Time</th><th>Source</th></tr></thead>'
            '<tbody><tr><td><a class="timestamp" href="https://youtu.be/x?t=1">0:01</a></td>'
            '<td><a href="https://example.org/a/long/address">paper</a></td></tr></tbody></table>'
            '<table class="data-table"><tr><td>no header</td></tr></table>')
    html, labelled = reading.table_labels(page)
    assert labelled == 2
    assert html.count('<table class="data-table cards">') == 1  # the unlabelled one stays
    assert '<td data-label="Time"><a class="timestamp"' in html  # its link is the video's
    assert '<td class="long-links" data-label="Source">' in html
    assert reading.table_labels(html) == (html, 0)  # a second pass changes nothing


def test_only_long_context_notes_are_marked_long():
    short = '<div class="admonition info"><p class="admonition-title">Context</p><p>A few words.</p></div>'
    words = " ".join(["word"] * reading.LONG_NOTE)
    long = ('<div class="admonition info"><p class="admonition-title">Context</p>'
            f'<div class="md-typeset__table"><p>{words}</p></div><p>More.</p></div>')
    html, marked = reading.long_notes(short + long + '<div class="admonition note">x</div>')
    assert marked == 1
    assert html == short + long.replace('"admonition info"', '"admonition info long"', 1) \
        + '<div class="admonition note">x</div>'
    assert reading.long_notes(html) == (html, 0)


def test_the_sites_own_scripts_start_after_load_from_one_loader_in_their_order():
    page = ('<body><script src="../assets/javascripts/bundle.0a1b2c3d.min.js"></script>\n'
            '<script src="../assets/javascripts/site.js" defer></script>\n<p>x</p>\n'
            '<script src="../assets/javascripts/player.js" defer></script>\n</body>')
    html, gathered = theme.scripts_after_load(page)
    assert gathered == 2 and "defer" not in html
    assert 'bundle.0a1b2c3d.min.js"></script>' in html  # the theme's bundle is not ours
    assert html.count("<script data-after-load=") == 1
    assert ('<script data-after-load="../assets/javascripts/site.js'
            ' ../assets/javascripts/player.js">') in html
    assert html.index("<p>x</p>") < html.index("data-after-load")
    assert theme.scripts_after_load(html) == (html, 0)


def test_style_sheets_ship_without_comments_but_keep_strings_licences_and_source_maps():
    css = ('/* A note\n   on two lines */\n.a { content: "/* kept */"; }\n\n'
           '/*! licence */\n.b{color:red} /* trailing */\n/*# sourceMappingURL=x.map */\n')
    out, removed = fix_html.css_without_comments(css)
    assert removed == 2
    assert out == ('.a { content: "/* kept */"; }\n/*! licence */\n'
                   '.b{color:red} /*# sourceMappingURL=x.map */\n')
    assert fix_html.css_without_comments(out) == (out, 0)
