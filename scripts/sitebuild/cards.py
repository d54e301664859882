"""Share cards: a 1200×630 picture and Open Graph tags for every page.

A link shared in a chat or a post shows the page's title, its place in the site, and the
chart's three fitted slopes, drawn offline with matplotlib from our own text and data. The
cards render before the engine runs, only when their inputs change, and byte for byte the same
from the same inputs; postbuild writes each page's tags with absolute addresses from site_url.
"""
from __future__ import annotations

import hashlib
import html
import importlib.metadata
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import brain_chart

from .config import load_config, nav_files, page_url
from .paths import DOCS, ROOT

# Rendered outside docs/, so that writing them never sets off another `mkdocs serve` rebuild;
# postbuild copies them into the site.
CARDS = ROOT / ".sitebuild-cache" / "cards"
SITE_FOLDER = "assets/cards"
STAMP = CARDS / ".inputs.sha256"
SIZE = (1200, 630)
SITE_NAME = "What a decade"
GROUP_COLORS = {"mammal": "#7f8fa6", "primate": "#d98b3a", "hominin": "#c0392b"}
HEAD = re.compile(r"</head>")


@dataclass(frozen=True)
class Card:
    url: str
    title: str
    kicker: str

    @property
    def file(self) -> str:
        return (self.url.strip("/").replace("/", "-") or "home") + ".png"


def page_title(path: Path) -> str:
    """A page's title: its front matter's, else its first heading's."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^title:\s*(.+)$", text.split("\n---", 1)[0], re.M) if text.startswith("---") \
        else None
    h1 = re.search(r"^# (.+?)(?: \{ #[a-z0-9-]+ \})?\s*$", text, re.M)
    return (m[1] if m else h1[1] if h1 else path.stem).strip().strip("'\"")


def cards(config: dict | None = None) -> list[Card]:
    """One card per page of the nav, with the part of the site it belongs to."""
    config = config or load_config()
    found = []
    for entry in config.get("nav", []):
        name, value = next(iter(entry.items())) if isinstance(entry, dict) else ("", entry)
        files = nav_files(value if isinstance(value, list) else [value])
        talk = [f for f in files if f.startswith("talk/") and not f.endswith("index.md")]
        for src in files:
            if src in talk:
                kicker = f"The talk · part {talk.index(src) + 1} of {len(talk)}"
            elif isinstance(value, list):
                kicker = name
            else:
                kicker = "Sutskever at NeurIPS 2024"
            found.append(Card(page_url(src), page_title(DOCS / src), kicker))
    return found


def render(card: Card, fits: list) -> bytes:
    """The card as PNG bytes: title and kicker on the left, the three slopes on the right."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    width, height = SIZE
    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100, facecolor="#14161c")
    fig.text(0.06, 0.86, SITE_NAME.upper(), color="#9aa4b5", fontsize=20, weight="bold",
             family="DejaVu Sans")
    fig.text(0.06, 0.78, card.kicker, color="#e5a54b", fontsize=22, family="DejaVu Sans",
             va="top")
    lines = textwrap.wrap(card.title, 18, break_on_hyphens=False)[:4]
    fig.text(0.06, 0.66, "\n".join(lines), color="#f4f5f7", fontsize=50 if len(lines) < 3 else 42,
             weight="bold", family="DejaVu Sans", va="top", linespacing=1.15)
    fig.text(0.06, 0.08, "A reader's companion to Ilya Sutskever's NeurIPS 2024 Test of Time"
             " talk", color="#9aa4b5", fontsize=17, family="DejaVu Sans")
    # The three fitted lines, each from its group's own start, as the chart stacks them:
    # mammals lowest, primates above them, hominins climbing past both.
    ax = fig.add_axes((0.61, 0.24, 0.17, 0.56), facecolor="#14161c")
    starts = {"mammal": 0.0, "primate": 1.0, "hominin": 2.0}
    ends = {}
    for fit in fits:
        y0 = starts[fit.group]
        ax.plot([0, 4], [y0, y0 + 4 * fit.slope], color=GROUP_COLORS[fit.group], lw=7,
                solid_capstyle="round")
        ends[fit.group] = y0 + 4 * fit.slope
    ax.set_xlim(-0.3, 4.3)
    ax.set_ylim(-0.5, 8)
    ax.axis("off")
    names = {"mammal": "mammals", "primate": "primates", "hominin": "hominins"}
    placed: list[float] = []
    for fit in sorted(fits, key=lambda f: ends[f.group]):
        y = max([ends[fit.group]] + [p + 0.9 for p in placed])
        placed.append(y)
        ax.text(4.6, y, f"{names[fit.group]} {fit.slope:.2f}", color="#f4f5f7", fontsize=17,
                va="center", family="DejaVu Sans", clip_on=False)
    fig.text(0.61, 0.17, "fitted slopes, brain mass", color="#9aa4b5", fontsize=14,
             family="DejaVu Sans")
    fig.text(0.61, 0.135, "against body mass, log-log", color="#9aa4b5", fontsize=14,
             family="DejaVu Sans")
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=100, facecolor=fig.get_facecolor(),
                metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def fits() -> list:
    meta = brain_chart.load_meta(brain_chart.META)
    return brain_chart.fit_groups(brain_chart.load_species(brain_chart.DATA, meta))


def digest(all_cards: list[Card], slopes: list) -> str:
    h = hashlib.sha256(f"matplotlib {importlib.metadata.version('matplotlib')}\n".encode())
    h.update(Path(__file__).read_bytes())
    for c in all_cards:
        h.update(f"{c.url}\t{c.title}\t{c.kicker}\n".encode())
    for f in slopes:
        h.update(f"{f.group} {f.slope:.6f}\n".encode())
    return h.hexdigest()


def build(force: bool = False) -> str:
    """Render the cards whose inputs changed; return one log line."""
    all_cards, slopes = cards(), fits()
    stamp = digest(all_cards, slopes)
    present = all((CARDS / c.file).is_file() for c in all_cards)
    if not force and present and STAMP.is_file() and STAMP.read_text().strip() == stamp:
        return f"share cards: up to date, {len(all_cards)} cards"
    written = sum(brain_chart.write_if_changed(CARDS / c.file, render(c, slopes))
                  for c in all_cards)
    for stale in set(p.name for p in CARDS.glob("*.png")) - {c.file for c in all_cards}:
        (CARDS / stale).unlink()
    brain_chart.write_if_changed(STAMP, (stamp + "\n").encode())
    return f"share cards: rendered {len(all_cards)}, {written} changed"


def tags(page_url_: str, title: str, description: str, base: str, card: str) -> str:
    """The Open Graph and Twitter tags of one page, with absolute addresses."""
    values = {"og:type": "website", "og:site_name": SITE_NAME, "og:title": title,
              "og:description": description, "og:url": base + page_url_,
              "og:image": f"{base}{SITE_FOLDER}/{card}", "og:image:width": str(SIZE[0]),
              "og:image:height": str(SIZE[1]), "og:image:alt": f"{title}: {SITE_NAME}"}
    lines = [f'<meta property="{k}" content="{html.escape(v, quote=True)}">'
             for k, v in values.items()]
    lines += [f'<meta name="twitter:{k}" content="{html.escape(v, quote=True)}">' for k, v in
              {"card": "summary_large_image", "title": title, "description": description,
               "image": values["og:image"]}.items()]
    return "\n".join(lines) + "\n"


def copy_into(site: Path) -> int:
    """Copy the rendered cards into a built site; return how many."""
    folder = site / SITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in CARDS.glob("*.png"))
    for name in names:
        (folder / name).write_bytes((CARDS / name).read_bytes())
    return len(names)


def add_tags(page: str, page_url_: str, title: str, description: str, base: str,
             card: str) -> tuple[str, int]:
    """Insert the tags before </head>, once; return the page and 1 if they were added."""
    if 'property="og:title"' in page:
        return page, 0
    return HEAD.subn(lambda m: tags(page_url_, title, description, base, card) + m[0], page,
                     count=1)



