"""Repair the few spots where Material's markup fails the Nu validator or axe-core, and do
ahead of time the one change Material's bundle makes to every table.

Material wraps each `table:not([class])` in two scroll containers when its bundle starts.
Moving a big table makes the browser restyle and lay it out again, inside the bundle's
start-up task: most of that task on the corrections and slides pages. So the build writes
the wrappers and marks the table `data-table` (site.css styles it exactly as Material styles
a bare table; a test holds the two rule sets equal), and the bundle finds nothing to move.

Every fix is a small, exact pattern, so a page's other bytes stay as the engine wrote them,
and each reports how often it fired, so a fix that silently stops matching shows.
"""
from __future__ import annotations

import re
from collections import Counter

LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.S)


def _sub(pattern: str, replacement: str, flags: int = 0):
    """A fix that replaces every match of pattern; returns (html, matches)."""
    compiled = re.compile(pattern, flags)
    return lambda html: compiled.subn(replacement, html)


def _untab_terms_in_links(html: str) -> tuple[str, int]:
    """A term inside a link is reached through the link; focusable elements may not nest."""
    count = 0

    def untab(link: re.Match[str]) -> str:
        nonlocal count
        count += link[0].count('<abbr tabindex="0" ')
        return link[0].replace('<abbr tabindex="0" ', "<abbr ")
    return LINK.sub(untab, html), count


INLINE_SCRIPT = re.compile(r"(<script>)(.*?)(</script>)", re.S)
# A /* ... */ comment that is a line of its own (or several), and nothing else on them.
COMMENT_LINES = re.compile(r"^[ \t]*/\*[^*]*\*+(?:[^/*][^*]*\*+)*/[ \t]*\n", re.M)


def _script_comments(html: str) -> tuple[str, int]:
    """Inline scripts keep their comments in the templates, not in every page sent: the
    palette script's alone are half a kilobyte gzipped. Only whole comment lines go."""
    count = 0

    def strip(script: re.Match[str]) -> str:
        nonlocal count
        body, n = COMMENT_LINES.subn("", script[2])
        count += n
        return script[1] + body + script[3]
    return INLINE_SCRIPT.sub(strip, html), count


# A comment in a style sheet, outside strings; a /*! licence */ or /*# source map */ is kept.
CSS_COMMENT = re.compile(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')|/\*(?![!#]).*?\*/\n?', re.S)


def css_without_comments(css: str) -> tuple[str, int]:
    """The site's style sheets keep their explanations in the repository, not in every
    download: site.css is 8.7 KiB gzipped with its comments and 4.9 KiB without."""
    removed = 0

    def drop(m: re.Match[str]) -> str:
        nonlocal removed
        if m[1]:
            return m[1]
        removed += 1
        return ""
    css = CSS_COMMENT.sub(drop, css)
    return re.sub(r"\n[ \t]*(?=\n)", "", css), removed


FIXES = {
    # autocomplete is not allowed on checkboxes; Material puts it on its two state toggles.
    "toggle-autocomplete": _sub(r'(<input class="md-toggle"[^>]*?) autocomplete="off"', r"\1"),
    # An empty tabindex is not an integer; the section labels are not meant to be focusable.
    "empty-tabindex": _sub(r'(<label class="md-nav__link"[^>]*?) tabindex=""', r"\1"),
    # Glossary terms (abbr) must be reachable by keyboard for their tooltips to be read...
    "focusable-terms": _sub(r"<abbr title=", '<abbr tabindex="0" title='),
    # ...except inside a link.
    "terms-in-links": _untab_terms_in_links,
    # The search dialog needs an accessible name.
    "search-dialog-name": _sub(
        r'<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
    # A footnote marker right after another gets a comma before it (site.css); one after
    # text does not.
    "footnote-runs": _sub(r'</sup><sup id="fnref', '</sup><sup class="fn-follows" id="fnref'),
    # Code blocks are set up as they scroll into view (mkdocs.yml, content.lazy), and only then
    # does Material make a block that scrolls sideways focusable. Until then every block is
    # focusable, so a keyboard can reach one it has not scrolled to; Material's set-up then
    # drops the tabindex from each block that does not overflow.
    "focusable-code": _sub(r"<pre><span></span><code>", '<pre><span></span><code tabindex="0">'),
    "script-comments": _script_comments,
    # Search's share link has a javascript: address until Material's bundle gives it the
    # search's own, and the bundle loads on the reader's first interaction: a crawler finds
    # the search's address with no query instead.
    "crawlable-share": _sub(r'<a href="javascript:void\(0\)"( class="md-search__icon)',
                            r'<a href="?q="\1'),
    "prewrapped-tables": _sub(
        r"<table>(.*?)</table>",
        r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        r'<table class="data-table">\1</table></div></div>', re.S),
}


def fix_html(html: str) -> tuple[str, Counter[str]]:
    """Return the page with every known markup defect repaired, and how often each fix fired."""
    fired: Counter[str] = Counter()
    for name, fix in FIXES.items():
        html, fired[name] = fix(html)
    return html, fired
