"""The brain-body chart as a reader meets it in Chromium: legible on a phone, no label on another
label or on a point, one drawing per page in either theme, and every point reachable and named
by mouse, keyboard and finger."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = ["reference/chart-data/", ""]  # the chart's own page, and the home page's cover
WIDTHS = [360, 390, 768, 1280]
VISIBLE = "#brain-body-chart svg.bb:visible"  # a Playwright selector
POINT_NAME = re.compile(r"^[A-Z][a-z]+ [a-z.]+ \(.+\): body [\d,.]+ kg, brain [\d,.]+ g;"
                        r" source [a-z]+\d{4}$")

# The one drawing on show, its texts' rendered sizes, and the boxes of its labels and points.
MEASURE = """() => {
    const shown = [...document.querySelectorAll('#brain-body-chart svg.bb')]
        .filter(s => getComputedStyle(s).display !== 'none');
    const svg = shown[0];
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    const texts = [...svg.querySelectorAll('text')].map(t => {
        const m = t.getScreenCTM();
        return {text: t.textContent, family: getComputedStyle(t).fontFamily,
                px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
                height: t.getBoundingClientRect().height};
    });
    return {count: shown.length, variant: svg.classList.contains('bb-phone') ? 'phone' : 'wide',
            width: svg.getBoundingClientRect().width, texts,
            labels: [...svg.querySelectorAll('.bb-label text')].map(t => ({text: t.textContent,
                                                                           box: box(t)})),
            points: [...svg.querySelectorAll('.bb-pt')].map(p => ({
                name: p.getAttribute('aria-label'), box: box(p)})),
            svg: box(svg),
            uiFont: getComputedStyle(document.body).fontFamily};
}"""


@pytest.fixture(scope="module")
def measured(served, browser) -> dict[tuple[str, int], dict]:
    """The chart measured on each page at each width, once for the module."""
    out = {}
    for path in PAGES:
        for width in WIDTHS:
            ctx = browser.new_context(viewport={"width": width, "height": 800})
            page = ctx.new_page()
            page.goto(served + path, wait_until="load")
            out[path, width] = page.evaluate(MEASURE)
            ctx.close()
    return out


def intersect(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_text_on_the_chart_renders_under_11_px(measured, path: str, width: int):
    chart = measured[path, width]
    assert chart["variant"] == ("phone" if width < 600 else "wide")
    smallest = min(chart["texts"], key=lambda t: t["px"])
    assert smallest["px"] >= 11, f"/{path} at {width} px: {smallest}"
    # The box the browser lays the text out in agrees (a text box is about 1.16 em tall).
    assert min(t["height"] for t in chart["texts"]) >= 11 * 1.1


@pytest.mark.parametrize("path", PAGES)
def test_the_chart_text_is_set_in_the_sites_typeface_for_data(measured, path: str):
    """The site's sans-serif, as its tables and labels use it (the prose is set in a serif)."""
    chart = measured[path, 1280]
    families = {t["family"] for t in chart["texts"]}
    # Material writes its stack after a placeholder for an optional web font: "_, ...".
    assert families == {chart["uiFont"].removeprefix("_, ")}, families


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_label_touches_another_label_or_a_point(measured, path: str, width: int):
    chart = measured[path, width]
    labels, points = chart["labels"], chart["points"]
    assert len(labels) >= 7 and len(points) > 100
    clashes = [f"'{a['text']}' on '{b['text']}'" for i, a in enumerate(labels)
               for b in labels[i + 1:] if intersect(a["box"], b["box"])]
    clashes += [f"'{a['text']}' on the point of {p['name'].split(':')[0]}" for a in labels
                for p in points if intersect(a["box"], p["box"])]
    assert clashes == [], f"/{path} at {width} px: " + "; ".join(clashes)
    inside = chart["svg"]
    assert all(inside[0] <= a["box"][0] and a["box"][2] <= inside[2] for a in labels)


@pytest.mark.parametrize("path", PAGES)
def test_each_page_shows_one_drawing_and_requests_no_chart_file(served, browser, path: str):
    for width in (360, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 800})
        page = ctx.new_page()
        requested: list[str] = []
        page.on("request", lambda r, seen=requested: seen.append(r.url))
        page.goto(served + path, wait_until="load")
        state = page.evaluate("""() => ({
            figures: document.querySelectorAll('#brain-body-chart').length,
            shown: [...document.querySelectorAll('svg.bb')].map(s => getComputedStyle(s).display),
            ids: [...document.querySelectorAll('[id]')].map(e => e.id)})""")
        ctx.close()
        assert state["figures"] == 1
        assert sorted(state["shown"]) == ["block", "none"], state["shown"]
        assert len(state["ids"]) == len(set(state["ids"])), "an id is used twice"
        chart_files = [u for u in requested if "/assets/chart/" in u or "brain-body" in u]
        assert chart_files == [], chart_files


def computed(page, selector: str, prop: str) -> str:
    """A computed style of the first match in the drawing on show."""
    return page.locator(f"{VISIBLE} {selector}").first.evaluate(
        f"e => getComputedStyle(e).{prop}")


def test_the_one_drawing_takes_the_dark_colours_with_the_palette(served, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    assert computed(page, ".bb-m", "fill") == "rgb(0, 114, 178)"
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert computed(page, ".bb-m", "fill") == "rgb(86, 180, 233)"
    assert computed(page, ".bb-halo", "stroke") == \
        page.evaluate("getComputedStyle(document.body).backgroundColor")
    ctx.close()


def test_tab_reaches_a_point_that_names_its_species_and_shows_its_tooltip(served, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.bb-pt')"):
            break
    else:
        pytest.fail("Tab never reached a point of the chart")
    name = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert POINT_NAME.match(name), name
    assert name.startswith("Cryptotis parva (lesser short-tailed shrew): body 0.005 kg")
    tip = page.locator("#brain-body-chart .bb-tip")
    assert tip.is_visible() and "Cryptotis parva" in tip.inner_text()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") != name
    assert tip.is_visible() and "Cryptotis parva" not in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    ctx.close()


def test_pointing_at_a_point_shows_its_values_and_moving_away_hides_them(served, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    human = page.locator(f"{VISIBLE} .bb-pt[aria-label^='Homo sapiens ']")
    human.hover()
    tip = page.locator("#brain-body-chart .bb-tip")
    assert tip.is_visible()
    assert tip.inner_text().splitlines() == ["Homo sapiens (modern human)",
                                             "body 57.8 kg, brain 1,398 g; source monson2024"]
    # The tooltip sits above or below the point, inside the figure.
    t, f = tip.bounding_box(), page.locator("#brain-body-chart").bounding_box()
    assert f["x"] <= t["x"] and t["x"] + t["width"] <= f["x"] + f["width"]
    page.mouse.move(5, 5)
    assert not tip.is_visible()
    ctx.close()


def test_a_tap_near_a_point_on_a_phone_shows_it_and_enlarge_opens_the_full_chart(served,
                                                                                  browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                              is_mobile=True)
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    elephant = page.locator(f"{VISIBLE} .bb-pt[aria-label^='Loxodonta africana ']")
    elephant.scroll_into_view_if_needed()
    box = elephant.bounding_box()
    # A fingertip's width off the marker still finds it.
    page.touchscreen.tap(box["x"] + box["width"] / 2 + 8, box["y"] + box["height"] / 2 + 6)
    tip = page.locator("#brain-body-chart .bb-tip")
    assert tip.is_visible() and "african elephant" in tip.inner_text()
    button = page.get_by_role("button", name="Enlarge the chart")
    assert button.is_visible()
    button.tap()
    dialog = page.locator("dialog.bb-dialog")
    assert dialog.is_visible()
    drawing = dialog.locator("svg.bb")
    assert drawing.bounding_box()["width"] >= 700  # scrolls sideways, at full size
    assert drawing.locator(".bb-pt").count() > 100
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    ctx.close()


def test_a_click_beside_a_point_shows_the_nearest_one(served, browser):
    """Browsers without Chromium's touch adjustment leave a near miss to the script."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    box = page.locator(f"{VISIBLE} .bb-pt[aria-label^='Loxodonta africana ']").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 12, box["y"] + box["height"] / 2 + 9)
    tip = page.locator("#brain-body-chart .bb-tip")
    assert tip.is_visible() and "african elephant" in tip.inner_text()
    page.mouse.click(box["x"] - 200, box["y"] + 300)  # nothing near: the tooltip goes
    assert not tip.is_visible()
    ctx.close()


def test_the_enlarge_button_is_for_phones_only(served, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    assert not page.get_by_role("button", name="Enlarge the chart").is_visible()
    ctx.close()


@pytest.mark.parametrize("motion, animated", [("reduce", False), ("no-preference", True)])
def test_the_tooltip_fades_in_only_for_readers_who_allow_motion(served, browser, motion: str,
                                                                 animated: bool):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion=motion)
    page = ctx.new_page()
    page.goto(served + "reference/chart-data/", wait_until="load")
    page.locator(f"{VISIBLE} .bb-pt").first.focus()
    name = page.evaluate("getComputedStyle(document.querySelector('.bb-tip')).animationName")
    assert (name != "none") == animated, name
    ctx.close()
