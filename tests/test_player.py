"""Watch and read together: the player loads YouTube only when asked, timestamps seek it, and
the text follows the video.

The real YouTube cannot be reached from these machines, so the privacy-enhanced embed's
address is answered by a local page that speaks the player's message protocol: it reports a
playing position when told the page is listening, and records the commands it is sent.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import scripts_ready
from sitebuild.times import load_times

pytestmark = pytest.mark.browser

EMBED = "https://www.youtube-nocookie.com/embed/1yvBqasHLZs"
PEAK = next(t for t in load_times() if t.id == "peak-data")
FAKE_PLAYER = """<!doctype html><title>player</title><body>
<script>addEventListener("message", function (e) {
  var d = JSON.parse(e.data);
  if (d.event === "listening") parent.postMessage(JSON.stringify(
    {event: "infoDelivery", info: {currentTime: NOW}}), "*");
  if (d.event === "command") document.body.dataset.commands =
    (document.body.dataset.commands || "") + e.data + "\\n";
});</script></body>""".replace("NOW", f"{PEAK.start_s + 3}.4")
PAGE = "talk/pre-training/"


def open_page(browser, served, width=1280, path=PAGE):
    """A page whose every request to another host is recorded and refused, except the embed."""
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    foreign: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(EMBED):
            foreign.append(r.request.url)
            return r.fulfill(body=FAKE_PLAYER, content_type="text/html")
        foreign.append(r.request.url)
        return r.abort()
    ctx.route(lambda url: not url.startswith(served), route)
    page = ctx.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + path, wait_until="load")
    scripts_ready(page)
    return ctx, page, foreign, errors


def test_nothing_is_requested_from_another_host_before_the_click(browser, served):
    ctx, page, foreign, errors = open_page(browser, served)
    button = page.locator(".talk-player__load")
    assert button.inner_text() == "Play the talk here — loads YouTube"
    button.hover()
    button.focus()
    page.wait_for_timeout(500)
    assert foreign == [] and page.locator("iframe").count() == 0
    button.click()
    frame = page.locator(".talk-player iframe")
    frame.wait_for()
    src = urlsplit(frame.get_attribute("src"))
    query = parse_qs(src.query)
    assert f"{src.scheme}://{src.netloc}{src.path}" == EMBED
    first = next(t for t in load_times() if t.page == "talk/pre-training.md")
    assert query["start"] == [str(first.start_s)] and query["enablejsapi"] == ["1"]
    assert query["origin"] == [served.rstrip("/")]
    assert frame.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert all(u.startswith(EMBED) for u in foreign), foreign
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_timestamp_seeks_the_player_and_the_player_stays_in_view(browser, served, width):
    ctx, page, foreign, errors = open_page(browser, served, width)
    page.locator(".talk-player__load").focus()
    page.keyboard.press("Enter")
    page.locator(".talk-player iframe").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"  # the video has focus
    link = page.locator(f"a.timestamp[href$='t={PEAK.start_s}s']").first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_timeout(300)
    # Material's navigation.tracking keeps the address's #id in step with the scroll position.
    assert page.url.split("#")[0] == served + PAGE, "the timestamp left the page"
    commands = page.frame_locator(".talk-player iframe").locator("body")
    assert f'"args":[{PEAK.start_s},true]' in commands.get_attribute("data-commands")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    box = page.locator(".talk-player").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800 and box["height"] < 800 * 0.45
    page.locator(".talk-player__close").click()
    assert page.locator("iframe").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('talk-player__load')")
    assert errors == []
    ctx.close()


def test_the_text_follows_the_video_from_the_players_messages(browser, served):
    ctx, page, foreign, errors = open_page(browser, served)
    page.locator(".talk-player__load").click()
    page.locator(f"h2#{PEAK.id}.is-speaking").wait_for(timeout=5_000)
    assert page.locator(f'.md-nav--secondary a.is-speaking[href="#{PEAK.id}"]').count() == 1
    assert page.locator(".talk-player__now").inner_text().startswith("Now: Peak data")
    assert errors == []
    ctx.close()


def test_a_shared_moment_cues_the_player_at_its_time(browser, served):
    ctx, page, foreign, errors = open_page(browser, served, path=f"{PAGE}?t={PEAK.start_s}")
    button = page.locator(".talk-player__load")
    assert button.inner_text() == f"Play the talk here from {PEAK.clock} — loads YouTube"
    button.click()
    src = page.locator(".talk-player iframe").get_attribute("src")
    assert parse_qs(urlsplit(src).query)["start"] == [str(PEAK.start_s)]
    ctx.close()


def test_without_javascript_the_timestamps_stay_plain_links_and_no_player_shows(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(served + PAGE)
    assert not page.locator(".talk-player").is_visible()
    href = page.locator("a.timestamp").first.get_attribute("href")
    assert href.startswith("https://www.youtube.com/watch?v=1yvBqasHLZs&t=")
    ctx.close()
