"""A Content-Security-Policy in every page: nothing from another host until the reader asks.

GitHub Pages sends no headers, so the policy is a <meta> tag, first in <head>. Scripts run
only from this site or as the exact inline scripts the build wrote, each allowed by its
SHA-256 hash (no 'unsafe-inline'); the one frame allowed is YouTube's privacy-enhanced embed,
which loads only when the reader asks for the video. Styles may be inline (the theme sets
style attributes), but from no other host.
"""
from __future__ import annotations

import base64
import hashlib
import re

FRAME_HOST = "https://www.youtube-nocookie.com"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>",
                    re.S)
HEAD = re.compile(r"<head\b[^>]*>")


def policy(html: str) -> str:
    """The policy for one page: its own inline scripts' hashes, and nothing foreign."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m[1].encode()).digest())
                     .decode() + "'" for m in INLINE.finditer(html)})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {FRAME_HOST}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add(html: str) -> tuple[str, int]:
    """Put the page's policy first in its <head>, replacing an earlier one; 1 if written."""
    html = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', "", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return HEAD.subn(lambda m: m[0] + "\n" + tag, html, count=1)
