"""Find the theme's files in a built site and load them late, whatever their names.

Material's bundle has a content hash in its name, and its search index sits at
search/search_index.json under MkDocs but at search.json under Zensical. Nothing here types
either name: both are found in the output, and a page whose tags do not match is left as the
engine wrote it, so the theme then loads the normal way.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
SEARCH_INDEXES = ("search/search_index.json", "search.json")

# Material's bundle is loaded when the reader first does something: moves the pointer, taps,
# scrolls, presses a key or moves focus. Until then nothing it does can show (it tracks the
# scroll position, mounts code blocks as they come into view, opens search and tooltips), so
# a page is read without 35 KiB of script and its 100-odd ms of start-up on a phone's main
# thread. A search link (?q=) or a highlight link (?h=) starts it once the page has loaded.
# The bundle starts on DOMContentLoaded, which has passed by then, so the event is replayed for
# it, in a task of its own so that start-up and page set-up are two shorter tasks. A search
# key (/, s, f) pressed before the bundle is up opens the search box itself, as the bundle
# would, so a keyboard reader's first key press is not lost.
INTERACTIONS = ("pointerdown", "pointermove", "touchstart", "wheel", "scroll", "keydown", "focusin")
LATE_BUNDLE = """<script>(function(){var t=%s,done=false;function key(e){\
var q=document.querySelector("[data-md-component=search-query]"),o=document.getElementById(\
"__search");if(q&&o&&/^[/sf]$/i.test(e.key)&&!(e.ctrlKey||e.metaKey||e.altKey)&&\
!/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)){e.preventDefault();o.checked=true;\
q.focus();}}addEventListener("keydown",key,true);\
function start(){if(done)return;done=true;t.forEach(function(e){\
removeEventListener(e,start,true);});var s=document.createElement("script");s.src=%s;\
s.onload=function(){removeEventListener("keydown",key,true);\
if(document.readyState!=="loading")setTimeout(function(){document.dispatchEvent(\
new Event("DOMContentLoaded"));});};document.body.appendChild(s);}\
t.forEach(function(e){addEventListener(e,start,{capture:true,passive:true});});\
if(/[?&](h|q)=/.test(location.search))addEventListener("load",function(){setTimeout(start);});\
})();</script>"""

# The search index is fetched only once a reader reaches for search (or arrives from a search
# link): most visits never search. Reaching for it is any focus, click or tap inside the search
# box or its button, or a search shortcut key, so it works with Material's search and with
# Zensical's. Requests for any other address pass straight through, so an index the theme asks
# for by another route is simply not deferred.
DEFERRED_SEARCH = """<script>(function(){var o=XMLHttpRequest.prototype.open,\
d=XMLHttpRequest.prototype.send,w=[],ready=/[?&](h|q)=/.test(location.search),index=%s;\
function release(){if(ready)return;ready=true;w.splice(0).forEach(function(x){\
d.apply(x[0],x[1]);});}\
XMLHttpRequest.prototype.open=function(m,u){this.deferUntilSearch=\
String(u).slice(-index.length)===index;return o.apply(this,arguments);};\
XMLHttpRequest.prototype.send=function(){if(this.deferUntilSearch&&!ready){\
w.push([this,arguments]);return;}return d.apply(this,arguments);};\
function inSearch(e){return e.target.closest&&e.target.closest(".md-search,[data-md-component=search]");}\
["focusin","pointerdown"].forEach(function(t){document.addEventListener(t,function(e){\
if(inSearch(e))release();},true);});\
document.addEventListener("keydown",function(e){if(/^[/sfk]$/i.test(e.key))release();},true);\
})();</script>"""


# The site's own scripts (site.js, and player.js on the talk pages) start after the page has
# loaded and painted (a page that loads quickly fires load before its first paint). As tags,
# the browser's preload scanner requests them while the text is still arriving, and on a slow
# connection they share its bandwidth: Lighthouse's LCP on the talk overview was 1.51 s with
# them, 1.21-1.36 s without. The addresses are in the loader's data-after-load attribute, so the
# loader's own text, and its hash in the Content-Security-Policy, is the same on every page.
# Run in order, they are all up once the last has loaded, and the loader then says so in a
# data-ready attribute (the tests wait for it).
OWN_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/(?!bundle\.)[^"/]+\.js)" defer>'
                        r"</script>\n?")
AFTER_LOAD = """<script data-after-load="%s">(function(){var c=document.currentScript;\
function run(){var a=c.dataset.afterLoad.split(" ");a.forEach(function(u,i){\
var s=document.createElement("script");s.src=u;s.async=false;if(i===a.length-1)s.onload=\
function(){c.setAttribute("data-ready","");};document.body.appendChild(s);});}\
addEventListener("load",function(){requestAnimationFrame(function(){setTimeout(run);});});\
})();</script>
"""


def scripts_after_load(html: str) -> tuple[str, int]:
    """Gather the page's own deferred script tags into one loader that runs them after load,
    in their order, at the place of the last; return the page and how many were gathered."""
    found = list(OWN_SCRIPT.finditer(html))
    if not found:
        return html, 0
    end = found[-1].end()
    loader = AFTER_LOAD % " ".join(m[1] for m in found)
    return OWN_SCRIPT.sub("", html[:end]) + loader + html[end:], len(found)


def find_bundle(site: Path) -> str | None:
    """The bundle's path relative to the site root, if there is exactly one."""
    found = sorted(p.relative_to(site).as_posix() for p in site.glob(BUNDLE_GLOB))
    return found[0] if len(found) == 1 else None


def find_search_index(site: Path) -> str | None:
    """The search index's path relative to the site root, wherever the engine put it."""
    return next((name for name in SEARCH_INDEXES if (site / name).is_file()), None)


def load_late(html: str, bundle: str | None, index: str | None) -> tuple[str, int]:
    """Rewrite the page's bundle tag into the late loader; return the page and 1 if it fired.

    The tag keeps whatever address the engine wrote (relative, or from the site root on the
    404 page); only its file name is matched.
    """
    if not bundle:
        return html, 0
    tag = re.compile(r'<script src="([^"]*' + re.escape(bundle) + r')"></script>')

    def loader(m: re.Match[str]) -> str:
        late = LATE_BUNDLE % (json.dumps(list(INTERACTIONS), separators=(",", ":")),
                              json.dumps(m[1]))
        return DEFERRED_SEARCH % json.dumps(index) + "\n" + late if index else late
    return tag.subn(loader, html, count=1)
