"""The docked video player's markup, put on the talk's pages after the build.

It is inert until the reader presses its button: no frame, no image and no request to
YouTube before that (docs/assets/javascripts/player.js loads the privacy-enhanced embed on
the click). Without JavaScript it stays hidden and every timestamp is a plain link.
"""
from __future__ import annotations

import re

VIDEO_ID = "1yvBqasHLZs"
MARKUP = f"""<aside class="talk-player" data-video="{VIDEO_ID}" aria-label="Video of the talk">
<div class="talk-player__screen"></div>
<button type="button" class="talk-player__load">Play the talk here — loads YouTube</button>
<p class="talk-player__note">Nothing loads from YouTube until you press play; then the
timestamps move the video and the section being spoken is marked.</p>
<div class="talk-player__controls" hidden>
<p class="talk-player__now" role="status"></p>
<button type="button" class="talk-player__share">Copy link to moment</button>
<button type="button" class="talk-player__mini" aria-pressed="false">Mini</button>
<button type="button" class="talk-player__close">Close</button>
</div>
</aside>"""
TITLE = re.compile(r"(<article\b[^>]*>.*?</h1>)", re.S)


def wants_player(url: str) -> bool:
    """The talk overview and its six parts."""
    return url.startswith("talk/")


SCRIPT = "assets/javascripts/player.js"


def add(html: str, url: str) -> tuple[str, int]:
    """Put the player right under the page's title and its script at the end of the body,
    once; return the page and 1 if added. Only these pages load the script."""
    if 'class="talk-player"' in html:
        return html, 0
    html, added = TITLE.subn(lambda m: m[1] + "\n" + MARKUP, html, count=1)
    if added:
        src = "../" * url.count("/") + SCRIPT
        html = html.replace("</body>", f'<script src="{src}" defer></script>\n</body>', 1)
    return html, added
