"""Regenerate the brain-body scaling chart, its tables and its downloads from data/.

Usage:
    python scripts/brain_chart.py          write the outputs that are stale
    python scripts/brain_chart.py --force  render and write everything
    python scripts/brain_chart.py --check  exit 1 if any output on disk is stale

`python scripts/build.py prebuild` runs `build` before any engine, and so does the MkDocs
hook; this file also runs on its own.

The figure goes into the pages inline (includes/chart/figure.md), so one drawing serves both
colour themes through CSS custom properties: a wide drawing, and a portrait one with larger
type that phones show instead. Matplotlib draws the axes; the points, fitted lines and labels
are placed here, so that every label lands where it touches no other label and no point, and
every point is a focusable element that names its species.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import io
import math
import os
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from sitebuild.paths import DATA as DATA_DIR
from sitebuild.paths import DOCS, INCLUDES, shown

DATA = DATA_DIR / "brain_body.csv"
META = DATA_DIR / "brain_body.meta.yml"
STYLE = Path(__file__).with_suffix(".mplstyle")
CSS = DOCS / "assets" / "stylesheets" / "chart.css"
SCRIPT = DOCS / "assets" / "javascripts" / "chart.js"
CHART_DIR = DOCS / "assets" / "chart"
SVG_FILE = CHART_DIR / "brain-body.svg"
SNIPPET_DIR = INCLUDES / "chart"
STAMP = CHART_DIR / ".inputs.sha256"

COLUMNS = ("species", "common_name", "group", "body_mass_g", "brain_mass_g", "source")
GROUPS = ("mammal", "primate", "hominin")
SOURCE_FIELDS = ("producer", "title", "citation", "url", "via", "accessed", "licence")


class DataError(ValueError):
    """Bad input data; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Species:
    name: str
    common_name: str
    group: str
    body_mass_g: float
    brain_mass_g: float
    source: str
    line: int


@dataclass(frozen=True)
class Fit:
    group: str
    n: int
    slope: float
    ci_low: float
    ci_high: float
    intercept: float
    r2: float
    body_min_g: float
    body_max_g: float


@dataclass(frozen=True)
class Meta:
    path: Path
    groups: dict[str, str]
    sources: dict[str, dict[str, str]]
    source_lines: dict[str, int]


def load_meta(path: Path) -> Meta:
    """Read and validate the metadata file; remember the line of each source key."""
    where = shown(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        raw = yaml.constructor.SafeConstructor().construct_document(node) if node else None
    except OSError as e:
        raise DataError(f"{where}: cannot read the metadata file ({e.strerror})") from None
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, "problem_mark", None) else 1
        raise DataError(f"{where}:{line}: not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict):
        raise DataError(f"{where}:1: needs a 'sources:' mapping of source key to citation fields")
    lines = {}
    for key_node, value_node in node.value:
        if key_node.value == "sources":
            lines = {k.value: k.start_mark.line + 1 for k, _ in value_node.value}
    errors = []
    for key, fields in raw["sources"].items():
        missing = [f for f in SOURCE_FIELDS if not isinstance(fields, dict) or not fields.get(f)]
        if missing:
            errors.append(f"{where}:{lines[key]}: source '{key}' lacks {', '.join(missing)};"
                          f" every source needs {', '.join(SOURCE_FIELDS)}")
    groups = raw.get("groups") or {}
    if sorted(groups) != sorted(GROUPS):
        errors.append(f"{where}:1: 'groups:' must name exactly {', '.join(GROUPS)}")
    if errors:
        raise DataError("\n".join(errors))
    sources = {k: {f: str(v[f]).strip() for f in SOURCE_FIELDS} for k, v in raw["sources"].items()}
    return Meta(path=path, groups=groups, sources=sources, source_lines=lines)


def parse_mass(value: str, column: str, where: str) -> tuple[float | None, str | None]:
    """Return the mass in grams, or an error message for the row."""
    try:
        mass = float(value)
    except ValueError:
        mass = math.nan
    if not math.isfinite(mass) or mass <= 0:
        return None, f"{where}: {column} must be a positive number in grams, got \"{value}\""
    return mass, None


def load_species(path: Path, meta: Meta) -> list[Species]:
    """Read and validate every row; raise DataError listing all problems found."""
    name = shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataError(f"{name}: cannot read the data file ({e.strerror})") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(rows[0]) != COLUMNS:
        got = ",".join(rows[0]) if rows else "an empty file"
        raise DataError(f"{name}:1: the header must be exactly {','.join(COLUMNS)}; got {got}")
    errors, species, first_line, used = [], [], {}, set()
    for line, row in enumerate(rows[1:], start=2):
        where = f"{name}:{line}"
        if not row:
            continue
        if len(row) != len(COLUMNS):
            errors.append(f"{where}: expected {len(COLUMNS)} columns ({','.join(COLUMNS)}),"
                          f" got {len(row)}; quote any value that contains a comma")
            continue
        values = dict(zip(COLUMNS, (v.strip() for v in row), strict=True))
        problems = [f"{where}: {c} is empty" for c in ("species", "common_name") if not values[c]]
        if values["group"] not in GROUPS:
            problems.append(f"{where}: group must be one of {', '.join(GROUPS)},"
                            f" got \"{values['group']}\"")
        if values["source"] not in meta.sources:
            problems.append(f"{where}: source \"{values['source']}\" has no entry under sources:"
                            f" in {shown(meta.path)};"
                            " add it with its citation, or fix the key")
        body, error_body = parse_mass(values["body_mass_g"], "body_mass_g", where)
        brain, error_brain = parse_mass(values["brain_mass_g"], "brain_mass_g", where)
        problems += [e for e in (error_body, error_brain) if e]
        if values["species"] in first_line:
            problems.append(f"{where}: duplicate species \"{values['species']}\" (first on line"
                            f" {first_line[values['species']]}); keep one row per species")
        first_line.setdefault(values["species"], line)
        used.add(values["source"])
        if problems:
            errors += problems
            continue
        species.append(Species(values["species"], values["common_name"], values["group"],
                               body, brain, values["source"], line))
    meta_name = shown(meta.path)
    for key in sorted(set(meta.sources) - used):
        errors.append(f"{meta_name}:{meta.source_lines.get(key, 1)}: source '{key}' is used by no"
                      f" row of {name}; remove it or add the rows it supplies")
    for group in GROUPS:
        n = sum(1 for s in species if s.group == group)
        if not errors and n < 3:
            errors.append(f"{name}: group '{group}' has {n} rows; a fitted slope needs at least 3")
    if errors:
        raise DataError("\n".join(errors))
    return species


def t_quantile(p: float, df: int) -> float:
    """Return the p-quantile (p > 0.5) of Student's t distribution with df degrees of freedom."""
    import numpy as np

    scale = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def cdf(t: float) -> float:
        x = np.linspace(0.0, t, 4001)
        y = scale * (1 + x * x / df) ** (-(df + 1) / 2)
        h = t / 4000
        return 0.5 + h / 3 * (y[0] + y[-1] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum())

    low, high = 0.0, 1.0
    while cdf(high) < p:
        low, high = high, high * 2
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if cdf(mid) < p else (low, mid)
    return (low + high) / 2


def fit_slope(group: str, body_g: list[float], brain_g: list[float]) -> Fit:
    """Fit log10(brain) = a + b log10(body) by least squares; b with its 95% CI."""
    n = len(body_g)
    xs = [math.log10(v) for v in body_g]
    ys = [math.log10(v) for v in brain_g]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    syy = sum((y - my) ** 2 for y in ys)
    slope = sxy / sxx
    intercept = my - slope * mx
    sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    half = t_quantile(0.975, n - 2) * math.sqrt(sse / (n - 2) / sxx)
    return Fit(group, n, slope, slope - half, slope + half, intercept,
               1 - sse / syy if syy else 1.0, min(body_g), max(body_g))


def fit_groups(species: list[Species]) -> list[Fit]:
    """Return one fit per group, in the order of GROUPS."""
    return [fit_slope(g, [s.body_mass_g for s in species if s.group == g],
                      [s.brain_mass_g for s in species if s.group == g]) for g in GROUPS]


def mass_label(grams: float, _pos: object = None) -> str:
    """Format a tick value in grams as a short mass: 0.1 g, 10 g, 1 kg, 1 t."""
    for unit, size in (("t", 1e6), ("kg", 1e3), ("g", 1.0)):
        if grams >= size:
            return f"{grams / size:,.0f} {unit}"
    return f"{grams:g} g"


XLIM, YLIM = (2.0, 2e7), (0.08, 2e4)  # grams, both axes logarithmic
# Each fitted line is named beside it; its statistics are in the slopes table.
GROUP_LABELS = {"mammal": "mammals", "primate": "non-human primates", "hominin": "hominins"}
SHAPES = {"mammal": "m", "primate": "p", "hominin": "h"}  # circle, triangle, diamond
# Species named on the chart: the label, and the sides of the point to try first.
SPECIES_LABELS = {
    "Loxodonta africana": ("African elephant", ("W", "NW", "SW")),
    "Cryptotis parva": ("shrew", ("E", "SE", "NE")),
    "Homo sapiens": ("H. sapiens", ("E", "SE", "NE")),
    "Homo neanderthalensis": ("Neanderthals", ("E", "NE", "N")),
    "Australopithecus afarensis": ("Au. afarensis", ("W", "SW", "NW")),
    "Pan troglodytes": ("chimpanzee", ("SE", "S", "E")),
}
DIRECTIONS = {  # unit step from the point to the label, and the label's text anchor
    "E": (1, 0, "start"), "W": (-1, 0, "end"), "N": (0, -1, "middle"), "S": (0, 1, "middle"),
    "NE": (0.7, -0.7, "start"), "SE": (0.7, 0.7, "start"),
    "NW": (-0.7, -0.7, "end"), "SW": (-0.7, 0.7, "end"),
}
REACH = (2, 5, 9, 14, 20, 28, 38, 50)  # gaps tried between a point and its label
SIDE_COST = 7  # a label one preferred side further down the list may sit this much closer
LEADER_FROM = 9  # a label this far from its point gets a line to it
GAP = 2.0  # clear space around every label, beyond its text box
# Browsers make a text box this tall, in em, above and below the baseline (DejaVu Sans's
# ascent and descent; the system fonts of the site's stack are no taller).
ASCENT, DESCENT = 0.93, 0.24
# Matplotlib draws the frame in these stand-in colours; tidy_frame swaps in the properties.
STAND_INS = {"#000001": "var(--bb-text)", "#000002": "var(--bb-muted)",
             "#000003": "var(--bb-grid)"}

Box = tuple[float, float, float, float]  # left, top, right, bottom, in drawing units


@dataclass(frozen=True)
class Layout:
    """One drawing of the chart: size, plot area, type sizes and the species it names."""
    key: str  # "w" or "p": prefixes the drawing's ids, which must be unique on a page
    width: int
    height: int
    shown_width: int  # the width attribute: the widest the page lets it grow
    box: Box  # the plot area
    text: float  # tick labels and axis titles
    label: float  # group and species labels
    marker: float  # radius of a point
    label_every: int  # decades between labelled ticks on the body-mass axis
    species: tuple[str, ...]
    note: bool = False  # the credit lines under the chart, for the downloadable file


# Sizes in drawing units. The wide drawing shows from 568 px of content width (a 600 px
# window), 0.81 px a unit, so 14 units stay above 11 px; the phone drawing fills 288-440 px,
# at least 0.9 px a unit, so 12.5 units stay above 11 px.
WIDE = Layout("w", 700, 474, 700, (54, 30, 690, 426), 14, 14, 4.5, 1,
              tuple(SPECIES_LABELS))
PHONE = Layout("p", 320, 430, 440, (48, 28, 312, 382), 12.5, 12.5, 3.6, 2,
               ("Loxodonta africana", "Cryptotis parva", "Homo sapiens", "Pan troglodytes"))
STANDALONE = replace(WIDE, height=514, note=True)
NOTE = ("Recreated from public data, not the image shown in the talk. Sources: Allison &"
        " Cicchetti 1976;", "Powell, Isler & Barton 2017; Monson, Weitz & Brasil 2024.")


@dataclass(frozen=True)
class Point:
    species: Species
    x: float
    y: float
    box: Box


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float  # baseline
    anchor: str
    size: float
    css: str
    box: Box
    leader: tuple[float, float, float, float] | None = None


def num(value: float) -> str:
    """A coordinate to one decimal, as short as it writes."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def mass_words(grams: float, unit: str) -> str:
    """A mass for a reader: four significant digits at most, with thousands separators."""
    value = grams / 1000 if unit == "kg" else grams
    return f"{value:,.0f}" if value >= 1e4 else f"{value:,.4g}"


def point_name(s: Species) -> str:
    """What a point says to a screen reader and in its tooltip."""
    return (f"{s.name} ({s.common_name}): body {mass_words(s.body_mass_g, 'kg')} kg, brain"
            f" {mass_words(s.brain_mass_g, 'g')} g; source {s.source}")


def to_drawing(layout: Layout, body_g: float, brain_g: float) -> tuple[float, float]:
    """Drawing coordinates of a mass pair, as matplotlib's log axes place it."""
    left, top, right, bottom = layout.box
    fx = (math.log10(body_g) - math.log10(XLIM[0])) / math.log10(XLIM[1] / XLIM[0])
    fy = (math.log10(brain_g) - math.log10(YLIM[0])) / math.log10(YLIM[1] / YLIM[0])
    return left + fx * (right - left), bottom - fy * (bottom - top)


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of text in DejaVu Sans, in drawing units."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal",
                          style="italic" if italic else "normal")
    return text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]


def text_box(x: float, baseline: float, width: float, size: float, anchor: str) -> Box:
    left = x - width * {"start": 0, "middle": 0.5, "end": 1}[anchor]
    return (left, baseline - ASCENT * size, left + width, baseline + DESCENT * size)


def overlaps(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] - gap < b[2] and b[0] - gap < a[2] and a[1] - gap < b[3] and b[1] - gap < a[3]


def crosses(box: Box, segment: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    """Whether a line segment passes through a box (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    low, high = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - box[0]), (x1 - x0, box[2] - x0),
                 (y0 - y1, y0 - box[1]), (y1 - y0, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            low = max(low, q / p)
        else:
            high = min(high, q / p)
    return low <= high


def place_points(species: list[Species], layout: Layout) -> list[Point]:
    """Every species as a point, lightest first: the order Tab and the arrow keys follow."""
    points = []
    for s in sorted(species, key=lambda s: (s.body_mass_g, s.name)):
        x, y = to_drawing(layout, s.body_mass_g, s.brain_mass_g)
        r = layout.marker * (1.15 if s.group == "hominin" else 1)
        half_w, up, down = {"mammal": (r, r, r), "primate": (1.1 * r, 1.25 * r, 0.65 * r),
                            "hominin": (r, 1.3 * r, 1.3 * r)}[s.group]
        points.append(Point(s, x, y, (x - half_w - 0.5, y - up - 0.5, x + half_w + 0.5,
                                      y + down + 0.5)))
    return points


def fit_segments(fits: list[Fit], layout: Layout) -> dict[str, tuple]:
    """Each group's fitted line over its own range of body mass, in drawing units."""
    ends = {}
    for f in fits:
        ends[f.group] = tuple(to_drawing(layout, b, 10 ** (f.intercept + f.slope * math.log10(b)))
                              for b in (f.body_min_g, f.body_max_g))
    return ends


class Placer:
    """Labels placed one at a time, each clear of every point, every earlier label and the
    plot's edges, and, where there is any such place, of the fitted lines."""

    def __init__(self, layout: Layout, points: list[Point], segments: list[tuple]):
        self.layout, self.points, self.segments = layout, points, segments
        self.labels: list[Label] = []

    def free(self, label: Label, own: Point | None, strict: bool) -> bool:
        """Whether a label fits here; strict, it also stays off the fitted lines and its
        leader passes no other point and no other label."""
        box, (left, top, right, bottom) = label.box, self.layout.box
        if box[0] < left + GAP or box[2] > right or box[1] < top or box[3] > bottom - GAP:
            return False
        if any(overlaps(box, p.box, GAP) for p in self.points):
            return False
        if any(overlaps(box, other.box, GAP + 1) for other in self.labels):
            return False
        if not strict:
            return True
        if any(crosses(box, s) for s in self.segments):
            return False
        if label.leader:
            x0, y0, x1, y1 = label.leader
            leader = ((x0, y0), (x1, y1))
            return not any(crosses(p.box, leader) for p in self.points if p is not own) \
                and not any(crosses(other.box, leader) for other in self.labels)
        return True

    def first_free(self, candidates: list[Label], own: Point | None = None) -> Label | None:
        for strict in (True, False):
            for label in candidates:
                if self.free(label, own, strict):
                    self.labels.append(label)
                    return label
        return None

    def species(self, point: Point, text: str, sides: tuple[str, ...]) -> Label | None:
        size = self.layout.label
        italic = "." in text
        width = text_width(text, size, italic=italic)
        rank = {d: (sides.index(d) if d in sides else len(sides) + 2) for d in DIRECTIONS}
        half_w = (point.box[2] - point.box[0]) / 2
        half_h = (point.box[3] - point.box[1]) / 2
        candidates = []
        for reach, side in sorted(((r, d) for r in REACH for d in DIRECTIONS),
                                  key=lambda c: c[0] + SIDE_COST * rank[c[1]]):
            ux, uy, anchor = DIRECTIONS[side]
            rx = point.x + ux * (half_w + reach)
            ry = point.y + uy * (half_h + reach)
            baseline = (ry + (ASCENT - DESCENT) / 2 * size if uy == 0 else
                        ry - DESCENT * size if uy < 0 else ry + ASCENT * size)
            box = text_box(rx, baseline, width, size, anchor)
            leader = None
            if reach >= LEADER_FROM:
                near_x = min(max(point.x, box[0]), box[2])
                near_y = min(max(point.y, box[1]), box[3])
                length = math.hypot(near_x - point.x, near_y - point.y)
                start = (half_w + 1) / length
                leader = (point.x + (near_x - point.x) * start,
                          point.y + (near_y - point.y) * start, near_x, near_y)
            candidates.append(Label(text, rx, baseline, anchor, size,
                                    "bb-it" if italic else "", box, leader))
        return self.first_free(candidates, point)

    def group(self, group: str, segment: tuple) -> Label | None:
        """The group's name beside its line, near the end where the points thin out: below
        the mammal line and above the others, never on the side of another group."""
        size, text = self.layout.label, GROUP_LABELS[group]
        width = text_width(text, size, bold=True)
        (x0, y0), (x1, y1) = segment
        along = {"mammal": (0.9, 0.82, 0.74, 0.66, 0.58, 0.5, 0.42, 0.34),
                 "primate": (0.12, 0.2, 0.28, 0.36, 0.44, 0.52, 0.6, 0.68, 0.04),
                 "hominin": (1.0, 0.9, 0.8, 0.7, 0.6)}[group]
        # Below the mammal line and above the others, never on the side of another group.
        # The corner nearest the line may sit up to this far along it and still clear it.
        run = 0.8 * abs((x1 - x0) / (y1 - y0))
        candidates = []
        for gap in (4, 8, 13, 19, 26, 34, 44, 56):
            for t in along:
                lx, ly = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                for shift in (-gap, 0, run * gap):
                    if group == "mammal":
                        x, baseline, anchor = lx - shift, ly + gap + ASCENT * size, "start"
                    else:
                        x, baseline, anchor = lx + shift, ly - gap - DESCENT * size, "end"
                    candidates.append(Label(text, x, baseline, anchor, size,
                                            f"bb-key bb-key-{SHAPES[group]}",
                                            text_box(x, baseline, width, size, anchor)))
        return self.first_free(candidates)


def place_labels(layout: Layout, points: list[Point], segments: dict[str, tuple]) -> list[Label]:
    """The group names first, then the species the layout names, in order of importance."""
    placer = Placer(layout, points, list(segments.values()))
    for group in ("hominin", "primate", "mammal"):
        placer.group(group, segments[group])
    by_name = {p.species.name: p for p in points}
    for name in layout.species:
        if name in by_name:
            text, sides = SPECIES_LABELS[name]
            placer.species(by_name[name], text, sides)
    return placer.labels


def draw_frame(layout: Layout) -> bytes:
    """Matplotlib's part: the log axes, ticks, grid and axis titles, as SVG bytes."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

    text, muted, grid = STAND_INS
    with matplotlib.rc_context(fname=str(STYLE)):
        fig = Figure(figsize=(layout.width / 72, layout.height / 72), dpi=72)
        fig.patch.set_visible(False)
        left, top, right, bottom = layout.box
        ax = fig.add_axes((left / layout.width, 1 - bottom / layout.height,
                           (right - left) / layout.width, (bottom - top) / layout.height))
        ax.patch.set_visible(False)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(*XLIM)
        ax.set_ylim(*YLIM)
        decades = range(1, 8)
        labelled = [k for k in decades if k % layout.label_every == 1 % layout.label_every]
        ax.xaxis.set_major_locator(FixedLocator([10.0 ** k for k in labelled]))
        ax.xaxis.set_minor_locator(FixedLocator([10.0 ** k for k in decades
                                                 if k not in labelled]))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_major_locator(FixedLocator([10.0 ** k for k in range(-1, 5)]))
        ax.yaxis.set_minor_locator(NullLocator())
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(FuncFormatter(mass_label))
        ax.tick_params(which="both", color=muted, labelcolor=muted, labelsize=layout.text,
                       pad=3)
        for spine in ax.spines.values():
            spine.set_color(muted)
        ax.grid(True, which="both", color=grid)
        ax.set_axisbelow(True)
        ax.set_xlabel("Body mass (log scale)", fontsize=layout.text, color=text, labelpad=4)
        # Level above the axis, not turned on its side: easier to read, and narrower.
        fig.text(4 / layout.width, 1 - (layout.box[1] - 12) / layout.height,
                 "Brain mass (log scale)", fontsize=layout.text, color=text, va="baseline")
        if layout.note:
            for i, line in enumerate(NOTE):
                fig.text(8 / layout.width, (16 - 14 * i) / layout.height, line, fontsize=11,
                         color=muted)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return buffer.getvalue()


def short_path(d: str) -> str:
    d = re.sub(r"-?\d+\.\d+", lambda m: num(float(m[0])), " ".join(d.split()))
    return re.sub(r" ?([MLHVCZmlhvcz]) ?", r"\1", d)


def tidy_frame(svg: bytes, key: str) -> list[ET.Element]:
    """Matplotlib's SVG, lean: no ids but the referenced ones (renamed for the drawing), no
    clipping, no fonts (the page's own apply), colours as custom properties, short numbers,
    no bare groups."""
    root = ET.fromstring(svg)
    href = "{http://www.w3.org/1999/xlink}href"
    used = sorted({e.get(href)[1:] for e in root.iter() if e.get(href)})
    ids = {old: f"bb-{key}{i}" for i, old in enumerate(used, 1)}

    def restyle(style: str) -> str:
        pairs = [p.split(":", 1) for p in style.split(";") if ":" in p]
        kept = [(k.strip(), STAND_INS.get(v.strip(), v.strip())) for k, v in pairs
                if k.strip() != "font-family"]
        return ";".join(f"{k}:{v}" for k, v in kept)

    def clean(element: ET.Element) -> list[ET.Element]:
        tag = element.tag.rpartition("}")[2]
        if tag in ("metadata", "clipPath", "style"):
            return []
        children = [c for child in element for c in clean(child)]
        attrs = {}
        for name, value in element.attrib.items():
            if name == "id" and value in ids:
                attrs["id"] = ids[value]
            elif name == href:
                attrs["href"] = "#" + ids[value[1:]]
            elif name == "style" and restyle(value):
                attrs["style"] = restyle(value)
            elif name == "d":
                attrs["d"] = short_path(value)
            elif name == "transform" and not value.startswith("rotate(-0 "):
                attrs["transform"] = re.sub(r"-?\d+\.\d+", lambda m: num(float(m[0])), value)
            elif name in ("x", "y"):
                attrs[name] = num(float(value))
        if tag == "g" and not attrs or tag == "defs" and not children:
            return children
        new = ET.Element(tag, attrs)
        if tag == "text":
            new.text = (element.text or "").strip()
        new.extend(children)
        return [new]

    return [c for child in root for c in clean(child)]


def marker(point: Point, layout: Layout) -> ET.Element:
    """A point as a focusable shape named by its species."""
    s, x, y = point.species, point.x, point.y
    r = layout.marker * (1.15 if s.group == "hominin" else 1)
    attrs = {"class": f"bb-pt bb-{SHAPES[s.group]}"}
    if s.group == "mammal":
        tag = "circle"
        attrs.update(cx=num(x), cy=num(y), r=num(r))
    else:
        tag = "path"
        if s.group == "primate":
            attrs["d"] = (f"M{num(x)} {num(y - 1.25 * r)}l{num(1.1 * r)} {num(1.9 * r)}"
                          f"h{num(-2.2 * r)}z")
        else:
            attrs["d"] = (f"M{num(x)} {num(y - 1.3 * r)}l{num(r)} {num(1.3 * r)}"
                          f"l{num(-r)} {num(1.3 * r)}l{num(-r)} {num(-1.3 * r)}z")
    attrs.update({"tabindex": "0", "role": "img", "aria-label": point_name(s)})
    return ET.Element(tag, attrs)


def fitted_line(segment: tuple, group: str, layout: Layout, halo: bool = False) -> ET.Element:
    (x0, y0), (x1, y1) = segment
    css = "bb-halo" if halo else f"bb-fit bb-fit-{SHAPES[group]}"
    return ET.Element("path", {"class": css, "d": f"M{num(x0)} {num(y0)}L{num(x1)} {num(y1)}"})


def text_element(label: Label) -> ET.Element:
    attrs = {"x": num(label.x), "y": num(label.y), "font-size": num(label.size)}
    if label.anchor != "start":
        attrs["text-anchor"] = label.anchor
    if label.css:
        attrs["class"] = label.css
    element = ET.Element("text", attrs)
    element.text = label.text
    return element


def minified_css() -> str:
    """chart.css without comments or spare whitespace, for the drawing's own <style>."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    css = re.sub(r"\s*([{};,])\s*", r"\1", " ".join(css.split()))
    return re.sub(r":\s+", ":", css).replace(";}", "}")


def render_svg(species: list[Species], fits: list[Fit], meta: Meta, layout: Layout,
               standalone: bool = False) -> str:
    """One drawing of the chart as SVG text, identical for identical input.

    Inline (the default), it is for a page: no XML prolog, named by aria-label and described
    by its <desc>, ids prefixed with the layout's key. The wide drawing carries the chart's
    stylesheet for the whole figure. Standalone, it is the downloadable file.
    """
    k = layout.key
    attrs = {"class": f"bb bb-{'phone' if k == 'p' else 'wide'}",
             "width": str(layout.shown_width),
             "height": num(layout.shown_width * layout.height / layout.width),
             "viewBox": f"0 0 {layout.width} {layout.height}"}
    if standalone:
        attrs = {"xmlns": "http://www.w3.org/2000/svg", **attrs, "role": "img",
                 "aria-labelledby": f"bb-{k}-t bb-{k}-d"}
    else:
        # Search finds the page by its prose; tick labels and a second description would be noise.
        attrs.update({"role": "group", "aria-label": chart_title(),
                      "aria-describedby": f"bb-{k}-d", "data-search-exclude": ""})
    svg = ET.Element("svg", attrs)
    if standalone:
        ET.SubElement(svg, "title", {"id": f"bb-{k}-t"}).text = chart_title()
    ET.SubElement(svg, "desc", {"id": f"bb-{k}-d"}).text = alt_text(fits, meta)
    if standalone or layout is WIDE:
        ET.SubElement(svg, "style").text = minified_css()
    if standalone:
        ET.SubElement(svg, "rect", {"width": "100%", "height": "100%",
                                    "style": "fill:var(--bb-bg)"})
    points = place_points(species, layout)
    segments = fit_segments(fits, layout)
    labels = place_labels(layout, points, segments)
    under = ET.SubElement(svg, "g", {"class": "bb-art", "aria-hidden": "true"})
    under.extend(tidy_frame(draw_frame(layout), k))
    under.extend(fitted_line(segments[g], g, layout) for g in ("mammal", "primate"))
    ET.SubElement(svg, "g", {"class": "bb-points"}).extend(marker(p, layout) for p in points)
    # The hominin line is the chart's point: over its own points, on a halo of page colour.
    over = ET.SubElement(svg, "g", {"class": "bb-art", "aria-hidden": "true"})
    over.append(fitted_line(segments["hominin"], "hominin", layout, halo=True))
    over.append(fitted_line(segments["hominin"], "hominin", layout))
    for label in labels:
        if label.leader:
            x0, y0, x1, y1 = label.leader
            over.append(ET.Element("path", {"class": "bb-leader",
                                            "d": f"M{num(x0)} {num(y0)}L{num(x1)} {num(y1)}"}))
    ET.SubElement(over, "g", {"class": "bb-label"}).extend(text_element(lb) for lb in labels)
    text = ET.tostring(svg, encoding="unicode")
    return text.replace("><", ">\n<") if standalone else text


def chart_title() -> str:
    return "Brain mass against body mass for mammals, non-human primates and hominins"


def alt_text(fits: list[Fit], meta: Meta) -> str:
    """Describe the chart for readers who cannot see it, with the fitted numbers."""
    by = {f.group: f for f in fits}
    return (f"Scatter chart on logarithmic axes of brain mass against body mass for"
            f" {by['mammal'].n} non-primate mammals (circles), {by['primate'].n} non-human"
            f" primates (triangles) and {by['hominin'].n} hominins (diamonds), each group with"
            f" its fitted line. Mammals and primates rise at similar slopes, about"
            f" {by['mammal'].slope:.2f} and {by['primate'].slope:.2f}, primates sitting higher;"
            f" the hominins, from Australopithecus afarensis to Neanderthals and Homo sapiens,"
            f" climb a steeper line with slope about {by['hominin'].slope:.2f}.")


def inline_script() -> str:
    """chart.js without comments, indentation or blank lines (a blank line would end the
    Markdown HTML block the figure is)."""
    js = re.sub(r"/\*.*?\*/", "", SCRIPT.read_text(encoding="utf-8"), flags=re.S)
    return "\n".join(line.strip() for line in js.splitlines() if line.strip())


def figure_snippet(species: list[Species], fits: list[Fit], meta: Meta) -> str:
    """The figure for any page: both drawings inline, the enlarge button, the caption and
    the script. It names no file, so it works at any depth of the site."""
    caption = ("Brain mass against body mass, both on logarithmic axes: circles are non-primate"
               " mammals, triangles non-human primates, diamonds hominins, each group with its"
               " least-squares line. Point at, tab to or tap a point for its species and values."
               " Recreated from public data, not the image shown in the talk.")
    return "\n".join([
        '<figure id="brain-body-chart">',
        render_svg(species, fits, meta, WIDE),
        render_svg(species, fits, meta, PHONE),
        '<button type="button" class="bb-enlarge" hidden>Enlarge the chart</button>',
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
        f"<script>\n{inline_script()}\n</script>",
    ]) + "\n"


def slopes_table(fits: list[Fit], meta: Meta) -> str:
    """Return the Markdown table of fitted exponents."""
    rows = ["| Group | Species (n) | Exponent b | 95% CI | R² | Body mass range |",
            "| --- | ---: | ---: | --- | ---: | --- |"]
    for f in fits:
        rows.append(f"| {meta.groups[f.group]} | {f.n} | {f.slope:.3f} |"
                    f" {f.ci_low:.3f} – {f.ci_high:.3f} | {f.r2:.2f} |"
                    f" {mass_label(f.body_min_g)} – {mass_label(f.body_max_g)} |")
    return "\n".join(rows) + "\n"


def sources_table(species: list[Species], meta: Meta) -> str:
    """Return the Markdown table of sources with citation, link, terms and row counts."""
    # Four columns, so that the table fits a tablet's column without scrolling sideways.
    rows = ["| Source | Citation | Taken from | Terms |",
            "| --- | --- | --- | --- |"]
    for key, s in meta.sources.items():
        n = sum(1 for sp in species if sp.source == key)
        rows.append(f"| `{key}`, {n} {'row' if n == 1 else 'rows'} |"
                    f" {s['citation']} [{s['url']}]({s['url']}) |"
                    f" {s['via']} Accessed {s['accessed']}. | {s['licence']} |")
    return "\n".join(rows) + "\n"


def inputs_digest() -> str:
    """Hash everything the outputs depend on, so unchanged inputs skip the render."""
    h = hashlib.sha256(f"matplotlib {importlib.metadata.version('matplotlib')}\n".encode())
    for path in (DATA, META, STYLE, CSS, SCRIPT, Path(__file__)):
        h.update(path.read_bytes())
    return h.hexdigest()


def render_all(data: Path = DATA, meta_path: Path = META) -> dict[Path, bytes]:
    """Validate the data and return every output file's path and bytes, writing nothing."""
    meta = load_meta(meta_path)
    species = load_species(data, meta)
    fits = fit_groups(species)
    standalone = render_svg(species, fits, meta, STANDALONE, standalone=True)
    return {
        SVG_FILE: f'<?xml version="1.0" encoding="utf-8"?>\n{standalone}\n'.encode(),
        CHART_DIR / "brain_body.csv": data.read_bytes(),
        CHART_DIR / "brain_body.meta.yml": meta_path.read_bytes(),
        SNIPPET_DIR / "figure.md": figure_snippet(species, fits, meta).encode(),
        SNIPPET_DIR / "slopes.md": slopes_table(fits, meta).encode(),
        SNIPPET_DIR / "sources.md": sources_table(species, meta).encode(),
    }


def write_if_changed(path: Path, content: bytes) -> bool:
    """Atomically replace path with content unless it already holds exactly that."""
    if path.exists() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True


def stale(outputs: dict[Path, bytes]) -> list[Path]:
    """Return the outputs whose file on disk is missing or differs."""
    return [p for p, b in outputs.items() if not p.exists() or p.read_bytes() != b]


def build(force: bool = False) -> str:
    """Bring every output up to date; return one line saying what was done and how long."""
    start = time.perf_counter()
    digest = inputs_digest()
    if not force and STAMP.exists() and STAMP.read_text().strip() == digest:
        if SVG_FILE.exists() and (SNIPPET_DIR / "figure.md").exists():
            return f"chart: up to date, render skipped ({time.perf_counter() - start:.2f} s)"
    outputs = render_all()
    written = [p for p, b in outputs.items() if write_if_changed(p, b)]
    write_if_changed(STAMP, (digest + "\n").encode())
    return (f"chart: rendered from {shown(DATA)}, {len(written)} of {len(outputs)} files"
            f" changed ({time.perf_counter() - start:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if any output is stale")
    mode.add_argument("--force", action="store_true", help="render even if inputs are unchanged")
    args = parser.parse_args(argv)
    try:
        if args.check:
            behind = stale(render_all())
            for path in behind:
                print(f"{shown(path)}: stale; run python scripts/brain_chart.py", file=sys.stderr)
            print(f"chart: {'stale' if behind else 'up to date'}")
            return 1 if behind else 0
        print(build(force=args.force))
    except DataError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
