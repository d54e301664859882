"""Regenerate the brain-body scaling chart, its tables and its downloads from data/.

Usage:
    python scripts/brain_chart.py          write the outputs that are stale
    python scripts/brain_chart.py --force  render and write everything
    python scripts/brain_chart.py --check  exit 1 if any output on disk is stale

`python scripts/build.py prebuild` runs `build` before any engine, and so does the MkDocs
hook; this file also runs on its own.
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
from dataclasses import dataclass
from pathlib import Path

import yaml
from sitebuild.paths import DATA as DATA_DIR
from sitebuild.paths import DOCS, INCLUDES, shown

DATA = DATA_DIR / "brain_body.csv"
META = DATA_DIR / "brain_body.meta.yml"
STYLE = Path(__file__).with_suffix(".mplstyle")
CHART_DIR = DOCS / "assets" / "chart"
SNIPPET_DIR = INCLUDES / "chart"
STAMP = CHART_DIR / ".inputs.sha256"
CHART_URL = "assets/chart"  # relative to the docs folder; pages link to it from one level down

COLUMNS = ("species", "common_name", "group", "body_mass_g", "brain_mass_g", "source")
GROUPS = ("mammal", "primate", "hominin")
SOURCE_FIELDS = ("producer", "title", "citation", "url", "via", "accessed", "licence")
WIDTH_PX, HEIGHT_PX = 800, 600

# Okabe-Ito colours, which stay distinct under the common colour-vision deficiencies;
# marker shapes differ too, so the groups never rely on colour alone.
THEMES = {
    "light": {"text": "#1f2328", "muted": "#57606a", "grid": "#d0d7de",
              "mammal": "#0072B2", "primate": "#009E73", "hominin": "#D55E00"},
    "dark": {"text": "#e6e8ec", "muted": "#aab1bd", "grid": "#4a4f5c",
             "mammal": "#56B4E9", "primate": "#3FD0A0", "hominin": "#F0A050"},
}
MARKERS = {"mammal": "o", "primate": "^", "hominin": "D"}

# Species labelled on the chart: label and offset of the label in points.
LABELS = {
    "Cryptotis parva": ("shrew", (10, -3)),
    "Mus musculus": ("mouse", (-14, 10)),
    "Loxodonta africana": ("African elephant", (-96, 6)),
    "Pan troglodytes": ("chimpanzee", (-10, -38)),
    "Gorilla beringei": ("gorilla", (20, -28)),
    "Australopithecus afarensis": ("Au. afarensis", (-86, -18)),
    "Homo habilis": ("H. habilis", (-66, 0)),
    "Homo erectus": ("H. erectus", (-72, 10)),
    "Homo neanderthalensis": ("Neanderthals", (12, 12)),
    "Homo sapiens": ("H. sapiens", (22, -8)),
}


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
        node = yaml.compose(text)
        raw = yaml.safe_load(text)
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


def legend_label(fit: Fit, meta: Meta) -> str:
    """Return the legend text for a group: name, exponent b with 95% CI, and n."""
    return (f"{meta.groups[fit.group]}: b = {fit.slope:.2f}"
            f" [{fit.ci_low:.2f}, {fit.ci_high:.2f}], n = {fit.n}")


def mass_label(grams: float, _pos: object = None) -> str:
    """Format a tick value in grams as a short mass: 0.1 g, 10 g, 1 kg, 1 t."""
    for unit, size in (("t", 1e6), ("kg", 1e3), ("g", 1.0)):
        if grams >= size:
            return f"{grams / size:,.0f} {unit}"
    return f"{grams:g} g"


def render_svg(species: list[Species], fits: list[Fit], meta: Meta, theme: str) -> bytes:
    """Render the chart in one colour theme as SVG bytes, identical for identical input."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    colours = THEMES[theme]
    with matplotlib.rc_context(fname=str(STYLE)):
        matplotlib.rcParams.update({
            "text.color": colours["text"], "axes.labelcolor": colours["text"],
            "axes.edgecolor": colours["muted"], "xtick.color": colours["text"],
            "ytick.color": colours["text"], "grid.color": colours["grid"],
        })
        fig = Figure(figsize=(WIDTH_PX / 100, HEIGHT_PX / 100), dpi=100)
        ax = fig.add_axes((0.105, 0.155, 0.875, 0.83))
        ax.set_xscale("log")
        ax.set_yscale("log")
        for fit in fits:
            members = [s for s in species if s.group == fit.group]
            ax.scatter([s.body_mass_g for s in members], [s.brain_mass_g for s in members],
                       marker=MARKERS[fit.group], s=30 if fit.group != "hominin" else 34,
                       color=colours[fit.group], alpha=0.85, linewidths=0.6,
                       edgecolors=colours["text"] if fit.group == "hominin" else "none",
                       label=legend_label(fit, meta), zorder=3)
            x0, x1 = math.log10(fit.body_min_g), math.log10(fit.body_max_g)
            ax.plot([10 ** x0, 10 ** x1],
                    [10 ** (fit.intercept + fit.slope * x0), 10 ** (fit.intercept + fit.slope * x1)],
                    color=colours[fit.group], linewidth=2.2, zorder=2)
        by_name = {s.name: s for s in species}
        for name, (label, offset) in LABELS.items():
            if name in by_name:
                s = by_name[name]
                ax.annotate(label, (s.body_mass_g, s.brain_mass_g), xytext=offset,
                            textcoords="offset points", fontsize=9, color=colours["muted"],
                            style="italic" if s.group == "hominin" and "." in label else "normal",
                            arrowprops={"arrowstyle": "-", "color": colours["muted"], "lw": 0.6,
                                        "shrinkA": 0, "shrinkB": 3})
        ax.xaxis.set_major_locator(FixedLocator([10.0 ** k for k in range(0, 8)]))
        ax.yaxis.set_major_locator(FixedLocator([10.0 ** k for k in range(-1, 5)]))
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(FuncFormatter(mass_label))
            axis.set_minor_locator(NullLocator())
        ax.set_xlim(2, 2e7)
        ax.set_ylim(0.08, 2e4)
        ax.set_xlabel("Body mass (logarithmic scale)")
        ax.set_ylabel("Brain mass (logarithmic scale)")
        ax.grid(True, which="major")
        ax.legend(loc="upper left", frameon=False, handletextpad=0.3, borderaxespad=0.6)
        fig.text(0.012, 0.02, "Recreated from public data, not the image shown in the talk.\n"
                 "Sources: Allison & Cicchetti 1976; Powell, Isler & Barton 2017;"
                 " Monson, Weitz & Brasil 2024.", fontsize=7.5, color=colours["muted"],
                 linespacing=1.5)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", transparent=True,
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    # Indentation is a fifth of matplotlib's SVG; dropping it keeps the file in budget.
    return re.sub(rb"\n +", b"\n", buffer.getvalue())


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


def figure_snippet(fits: list[Fit], meta: Meta) -> str:
    """Return the figure for pages one folder deep: both themes, sized, with alt text."""
    alt = alt_text(fits, meta)
    images = "\n".join(
        f"![{alt}](../{CHART_URL}/brain-body-{t}.svg#only-{t})"
        f'{{ width="{WIDTH_PX}" height="{HEIGHT_PX}" }}' for t in THEMES)
    caption = ("Brain mass against body mass on logarithmic axes, one fitted line per group."
               " In the legend, b is the exponent in brain mass ∝ body mass<sup>b</sup>,"
               " followed by its 95% confidence interval and the number of species n.")
    return (f'<figure markdown="span" id="brain-body-chart">\n{images}\n'
            f"<figcaption>{caption}</figcaption>\n</figure>\n")


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
    rows = ["| Key | Rows | Citation | Taken from | Accessed | Terms |",
            "| --- | ---: | --- | --- | --- | --- |"]
    for key, s in meta.sources.items():
        n = sum(1 for sp in species if sp.source == key)
        rows.append(f"| `{key}` | {n} | {s['citation']} [{s['url']}]({s['url']}) |"
                    f" {s['via']} | {s['accessed']} | {s['licence']} |")
    return "\n".join(rows) + "\n"


def inputs_digest() -> str:
    """Hash everything the outputs depend on, so unchanged inputs skip the render."""
    h = hashlib.sha256(f"matplotlib {importlib.metadata.version('matplotlib')}\n".encode())
    for path in (DATA, META, STYLE, Path(__file__)):
        h.update(path.read_bytes())
    return h.hexdigest()


def render_all(data: Path = DATA, meta_path: Path = META) -> dict[Path, bytes]:
    """Validate the data and return every output file's path and bytes, writing nothing."""
    meta = load_meta(meta_path)
    species = load_species(data, meta)
    fits = fit_groups(species)
    outputs = {CHART_DIR / f"brain-body-{t}.svg": render_svg(species, fits, meta, t)
               for t in THEMES}
    outputs[CHART_DIR / "brain_body.csv"] = data.read_bytes()
    outputs[CHART_DIR / "brain_body.meta.yml"] = meta_path.read_bytes()
    outputs[SNIPPET_DIR / "figure.md"] = figure_snippet(fits, meta).encode()
    outputs[SNIPPET_DIR / "slopes.md"] = slopes_table(fits, meta).encode()
    outputs[SNIPPET_DIR / "sources.md"] = sources_table(species, meta).encode()
    return outputs


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
        outputs_present = all((CHART_DIR / f"brain-body-{t}.svg").exists() for t in THEMES)
        if outputs_present:
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
