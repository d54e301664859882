"""Share cards: every page names its card and the card is a small 1200×630 picture."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

from conftest import ENV
from sitebuild import cards
from sitebuild.pages import page_files, parse
from sitebuild.paths import ROOT

RENDER = ("import hashlib, sys; sys.path.insert(0, 'scripts'); from sitebuild import cards;"
          " c = cards.cards()[3]; print(hashlib.sha256(cards.render(c, cards.fits())).hexdigest())")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_page_carries_its_card_and_tags_with_absolute_addresses(site: Path):
    pages = {**page_files(site), "404": site / "404.html"}
    for url, path in pages.items():
        head = parse(path.read_text()).head
        tag = {m.get("property") or m.get("name"): m.get("content") for m in head.find_all("meta")}
        for key in ("og:title", "og:description", "og:url", "og:image"):
            assert tag.get(key), f"/{url}: no {key}"
        assert tag["twitter:card"] == "summary_large_image", url
        assert tag["og:url"].startswith("http") and tag["og:image"].startswith("http"), url
        image = site / tag["og:image"].split("/", 3)[3]
        data = image.read_bytes()
        assert png_size(data) == cards.SIZE, image.name
        assert len(data) <= 200 * 1024, f"{image.name} is {len(data) // 1024} KiB"


def test_a_card_renders_to_the_same_bytes_in_two_processes():
    runs = {subprocess.run([sys.executable, "-c", RENDER], cwd=ROOT, env=ENV, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)}
    assert len(runs) == 1


def test_cards_render_only_when_their_inputs_change():
    cards.build()
    assert cards.build().startswith("share cards: up to date")
    cards.STAMP.write_text("stale\n")
    assert cards.build() == f"share cards: rendered {len(cards.cards())}, 0 changed"


def test_each_talk_part_says_which_part_it_is():
    kickers = {c.url: c.kicker for c in cards.cards()}
    assert kickers["talk/pre-training/"] == "The talk · part 2 of 6"
    assert kickers["reference/glossary/"] == "Reference"
