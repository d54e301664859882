"""What a reader sees in a real browser: clean loads, the chart, deep links, search, phones."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import scripts_ready, start_theme
from sitebuild.pages import page_paths

pytestmark = pytest.mark.browser

AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# Sections readers link to, and phrases they remember, each with where it must land.
DEEP_LINKS = [("talk/pre-training/", "peak-data"), ("talk/superintelligence/", "reasoning"),
              ("reference/chart-data/", "limits"), ("", "jump")]
SEARCHES = [("fossil fuel", "talk/pre-training/#fossil-fuel"),
            # The data does not grow because there is one internet: his argument for the end of
            # pre-training, which peak data then restates.
            ("one internet", "talk/pre-training/#pre-training-will-end"),
            ("ResNet rotated", "talk/retrospective/#lstm"),
            ("endocranial volume", "reference/chart-data/#limits")]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


def existing(site: Path, path: str) -> None:
    """A test whose target page is gone fails, rather than passing on what is left."""
    assert (site / path / "index.html").is_file(), f"/{path} is not in the build any more"


def watch(page, host: str) -> list[str]:
    """Record every console error, script error, failed or foreign request of a page."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("request", lambda r: urlsplit(r.url).netloc not in (host, "")
            and not r.url.startswith("data:") and problems.append(f"foreign: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    return problems


# Every layout shift while a page loads, with the elements that moved. A layout that moves
# (the cover's column once narrowed when its cards arrived: 0.24) fails. Below 0.01 is the
# jitter of a slow parse on this 2-core machine, when the browser paints before a block has
# fully arrived: the masthead's sections, a table's columns settling as its rows come in.
SHIFTS = """window.shifts = []; new PerformanceObserver(list => list.getEntries().forEach(e =>
  window.shifts.push([e.value, e.sources.map(s => s.node ? s.node.nodeName + '.' +
    String(s.node.className).split(' ')[0] : '?').join(', ')]))).observe(
  {type: 'layout-shift', buffered: true});"""
JITTER = 0.01


def test_every_page_loads_cleanly_only_from_this_host_and_without_shifting(
        site, served, context):
    host = urlsplit(served).netloc
    context.add_init_script(SHIFTS)
    for path in page_paths(site):
        page = context.new_page()
        problems = watch(page, host)
        page.goto(served + path, wait_until="load")
        start_theme(page)  # Material's bundle is up
        shifts = page.evaluate("window.shifts")
        if sum(value for value, _ in shifts) >= JITTER:
            problems += [f"layout shift {value:.4f}: {moved}" for value, moved in shifts]
        assert problems == [], f"/{path}: {problems}"
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page(site, served, browser, scheme):
    # axe is injected as a script, which the pages' Content-Security-Policy would refuse.
    ctx = browser.new_context(viewport=DESKTOP, color_scheme=scheme, bypass_csp=True)
    page = ctx.new_page()
    report = []
    for path in page_paths(site) + ["no-such-page/"]:
        page.goto(served + path, wait_until="load")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            targets = [n["target"] for n in v["nodes"]][:3]
            report.append(f"/{path} [{scheme}] {v['id']} ({v['impact']}): {v['help']} {targets}")
    ctx.close()
    assert report == [], "\n".join(report)


def visible_chart(page) -> str:
    """Return which colours the one displayed drawing has, after checking that it rendered."""
    shown = page.evaluate("""() => [...document.querySelectorAll('#brain-body-chart svg.bb')]
        .filter(s => getComputedStyle(s).display !== 'none')
        .map(s => ({h: s.getBoundingClientRect().height,
                    fill: getComputedStyle(s.querySelector('.bb-m')).fill}))""")
    assert len(shown) == 1 and shown[0]["h"] > 200, shown
    return "dark" if shown[0]["fill"] == "rgb(86, 180, 233)" else "light"


def test_the_chart_is_visible_and_follows_the_palette_toggle(served, context):
    page = context.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    page.locator("#brain-body-chart").scroll_into_view_if_needed()
    assert visible_chart(page) == "light"
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert visible_chart(page) == "dark"


def test_the_palette_follows_the_system_before_material_loads_and_toggles_without_it(
        served, browser):
    """The inline palette script, not Material's bundle, sets the colours: a first-time reader
    in dark mode gets the dark page from the first paint, with metadata that matches it."""
    ctx = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = ctx.new_page()
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    state = """() => ({scheme: document.body.dataset.mdColorScheme,
        meta: document.querySelector('meta[name=color-scheme]').content,
        css: getComputedStyle(document.body).colorScheme,
        theme: document.querySelector('meta[name=theme-color]').content,
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        labels: [...document.querySelectorAll('.md-header__option label')].map(l => l.hidden),
        stored: JSON.stringify(__md_get('__palette'))})"""
    page.goto(served + "talk/", wait_until="load")
    page.wait_for_timeout(100)
    dark = page.evaluate(state)
    assert page.evaluate("window.component$") is None  # Material never ran
    assert (dark["scheme"], dark["meta"], dark["css"]) == ("slate", "dark", "dark"), dark
    assert dark["labels"] == [True, False] and dark["stored"] == "null", dark
    rgb = "rgb({}, {}, {})".format(*(int(dark["theme"][i:i + 2], 16) for i in (1, 3, 5)))
    assert rgb == dark["header"], dark
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_timeout(100)
    light = page.evaluate(state)
    assert (light["scheme"], light["meta"], light["css"]) == ("default", "light", "light"), light
    assert light["labels"] == [False, True] and '"scheme":"default"' in light["stored"], light
    page.focus("#__palette_0")  # keyboard: Enter on the focused toggle switches back
    page.keyboard.press("Enter")
    assert page.evaluate("[document.body.dataset.mdColorScheme, document.activeElement.id]") \
        == ["slate", "__palette_1"]
    page.keyboard.press("Enter")
    page.goto(served + "reference/corrections/", wait_until="load")  # the choice is kept
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    ctx.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_deep_links_land_with_the_heading_below_the_header(site, served, browser, viewport):
    ctx = browser.new_context(viewport=viewport)
    page = ctx.new_page()
    for path, anchor in DEEP_LINKS:
        existing(site, path)
        page.goto(f"{served}{path}#{anchor}", wait_until="load")
        page.wait_for_timeout(200)
        header = page.locator(".md-header").bounding_box()
        heading = page.locator(f"[id='{anchor}']").bounding_box()
        assert heading["y"] >= header["y"] + header["height"] - 1, (path, anchor, heading, header)
        assert heading["y"] + heading["height"] <= viewport["height"], (path, anchor, heading)
    ctx.close()


def test_keyboard_search_finds_a_remembered_phrase_and_follows_it(site, served, context):
    page = context.new_page()
    for phrase, target in SEARCHES:
        existing(site, target.split("#")[0])
        page.goto(served, wait_until="load")
        page.keyboard.press("/")
        page.keyboard.type(phrase, delay=20)
        page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
        hrefs = page.locator(".md-search-result__link").evaluate_all("l => l.map(a => a.href)")
        path, _, anchor = target.partition("#")
        hits = [i for i, h in enumerate(hrefs) if urlsplit(h).path == "/" + path
                and urlsplit(h).fragment == anchor]
        assert hits, f"'{phrase}' did not find {target} among {hrefs[:6]}"
        wanted = {hrefs[i] for i in hits}
        for _ in range(40):  # arrow keys walk the visible results in order
            page.keyboard.press("ArrowDown")
            if page.evaluate("document.activeElement.href") in wanted:
                break
        else:
            pytest.fail(f"the arrow keys never reached {target} for '{phrase}'")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{path}?h=*", timeout=10_000)
        page.locator("article mark").first.wait_for(timeout=10_000)  # highlighted on arrival


def test_no_page_scrolls_sideways_on_a_phone_and_the_menu_opens(site, served, browser):
    ctx = browser.new_context(viewport=PHONE)
    page = ctx.new_page()
    for path in page_paths(site):
        page.goto(served + path, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"/{path} is {width}px wide at {PHONE['width']}px"
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    page.wait_for_timeout(400)
    assert drawer.bounding_box()["x"] >= 0
    page.locator("label.md-overlay").click(position={"x": 340, "y": 400})
    page.wait_for_timeout(400)
    assert drawer.bounding_box()["x"] < 0
    ctx.close()


def test_an_unknown_address_gets_the_404_page_with_a_way_home(served, context):
    page = context.new_page()
    response = page.goto(served + "no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text().strip() == "404 - Not found"
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state()
    assert page.url == served and page.locator("h1").inner_text().strip() == "What a decade"


def test_a_permalink_copies_the_full_section_address_and_says_so(served, browser):
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"])
    page = ctx.new_page()
    page.goto(served + "talk/pre-training/", wait_until="load")
    scripts_ready(page)
    page.locator("#peak-data").hover()
    page.locator("#peak-data a.headerlink").click()
    status = page.locator(".copy-status[role='status']")
    status.wait_for(state="visible", timeout=5_000)
    assert status.inner_text() == "Link to this section copied"
    assert page.evaluate("navigator.clipboard.readText()") == served + "talk/pre-training/#peak-data"
    page.wait_for_timeout(3_000)
    assert not status.is_visible() or status.evaluate("e => getComputedStyle(e).opacity") == "0"
    ctx.close()


def test_glossary_terms_show_their_definition_on_keyboard_focus(served, context):
    page = context.new_page()
    page.goto(served + "talk/pre-training/", wait_until="load")
    scripts_ready(page)
    definitions = page.locator("article abbr").evaluate_all(
        "all => all.map(a => a.title || a.dataset.mdTitle || '')")
    assert definitions and all(len(d.split()) >= 5 for d in definitions), definitions[:3]
    for _ in range(200):  # Tab from the top of the page until a glossary term has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        pytest.fail("no glossary term can be reached with the Tab key")
    tooltip = page.locator("#glossary-tooltip[role='tooltip']")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().strip() in definitions
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert focused == "glossary-tooltip"
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=2_000)
    term = page.locator("article abbr").first
    term.hover()
    tooltip.wait_for(state="visible", timeout=2_000)
    tooltip.hover()  # the pointer can move onto the tooltip without losing it
    page.wait_for_timeout(500)
    assert tooltip.is_visible()


def test_a_shared_search_link_opens_with_its_results(site, served, context):
    page = context.new_page()
    page.goto(served + "?q=fossil+fuel", wait_until="load")
    first = page.locator(".md-search-result__link").first
    first.wait_for(timeout=10_000)
    assert page.locator("[data-md-component=search-query]").input_value() == "fossil fuel"
    assert "/talk/pre-training/" in first.get_attribute("href")


def test_the_content_security_policy_blocks_an_injected_script_and_nothing_of_ours(
        site, served, context):
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for path in page_paths(site) + ["no-such-page/"]:
        page.goto(served + path, wait_until="load")
        start_theme(page)
    assert violations == [], violations[:3]
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.injected = true'; document.body.appendChild(s); }""")
    assert page.evaluate("window.injected === undefined")
    assert violations and "inline script" in violations[0]


# Phrases readers remember, each with the section that makes the point: it must come first.
REMEMBERED = [
    ("fossil fuel", "talk/pre-training/#fossil-fuel"),
    ("one internet", "talk/pre-training/#pre-training-will-end"),
    ("peak data", "talk/pre-training/#peak-data"),
    ("pre-training as we know it will end", "talk/pre-training/#pre-training-will-end"),
    ("Chinchilla", "talk/pre-training/#pre-training-will-end"),
    ("ResNet rotated", "talk/retrospective/#lstm"),
    ("deep learning hypothesis", "talk/retrospective/#deep-learning-hypothesis"),
    ("ten layers", "talk/retrospective/#deep-learning-hypothesis"),
    ("pipelining GPUs", "talk/retrospective/#pipelining"),
    ("scaling hypothesis", "talk/retrospective/#scaling-hypothesis"),
    ("connectionism", "talk/retrospective/#connectionism"),
    ("autoregressive", "talk/retrospective/#autoregressive-idea"),
    ("attention Bahdanau", "talk/retrospective/#lstm"),
    ("agents", "talk/what-comes-next/#agents"),
    ("synthetic data", "talk/what-comes-next/#synthetic-data"),
    ("inference-time compute", "talk/what-comes-next/#inference-time-compute"),
    ("brain body mass", "reference/chart-data/#limits"),
    ("superintelligence", "talk/superintelligence/#qualitatively-different"),
    ("self-aware", "talk/superintelligence/#self-awareness"),
    ("unpredictable chess", "talk/superintelligence/#reasoning"),
    ("limited data", "talk/superintelligence/#limited-data"),
    ("hallucinations", "talk/qa/#q2-hallucinations"),
    ("rights for AIs", "talk/qa/#q3-rights"),
    ("cryptocurrency", "talk/qa/#q3-rights"),
    ("generalize out of distribution", "talk/qa/#q4-generalization"),
    ("AlexNet", "#speaker"),
]


def test_the_phrases_readers_remember_find_the_section_that_makes_the_point_first(served,
                                                                                  context):
    page = context.new_page()
    misses = []
    for phrase, target in REMEMBERED:
        page.goto(f"{served}?q={phrase.replace(' ', '+')}", wait_until="load")
        page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
        # The first result is the best page; the one under it, its best section.
        href = page.locator(".md-search-result__link").nth(1).get_attribute("href")
        found = urlsplit(href)
        path, _, anchor = target.partition("#")
        if found.path != "/" + path or found.fragment != anchor:
            misses.append(f"'{phrase}': first {found.path}#{found.fragment}, want /{target}")
    assert misses == [], "\n".join(misses)
