"""The build steps in order: what runs before an engine, and what finishes its output."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import brain_chart

from . import (
    cards,
    claims,
    csp,
    dates,
    player,
    preview,
    reading,
    redirects,
    search_text,
    site_index,
    theme,
    times,
)
from .config import load_config, nav_files, page_url, site_url
from .fix_html import css_without_comments, fix_html
from .pages import read_site
from .paths import DOCS, shown
from .sources import SourceError, check_description, check_markup, load_sources
from .times import TIMES, load_times


class StepError(ValueError):
    """A build step refused its input; the message names the file, the line and the fix."""


def prebuild(force: bool = False) -> list[str]:
    """Check the sources and write every generated input; return one log line per step."""
    problems = check_sources()
    if problems:
        raise StepError("\n".join(problems))
    written = [p for p, b in generated_inputs().items() if brain_chart.write_if_changed(p, b)]
    log = [f"times and claims: {len(written)} generated includes changed"]
    try:
        return log + [brain_chart.build(force=force), cards.build(force=force)]
    except brain_chart.DataError as e:
        raise StepError(f"the chart data is invalid; nothing was written:\n{e}") from None


def generated_inputs() -> dict[Path, bytes]:
    """Every generated include other than the chart's, by path."""
    sources = claims.bibliography_keys()
    return {**times.generated(load_times()),
            **claims.generated(claims.load_claims(sources=sources), sources)}


def check_sources() -> list[str]:
    """Every rule the Markdown sources and redirects.yml break, one 'file:line: fix' each.

    Pages missing from the nav are left to the engine, which names them with the fix.
    """
    try:
        rows = load_times()
    except times.TimesError as e:
        return [str(e)]
    problems = times.check_against_pages(rows)
    ids = {t.id for t in rows}
    try:
        for claim in claims.load_claims():
            if claim.section not in ids:
                problems.append(f"{shown(claims.CLAIMS)}:{claim.line}: claim '{claim.id}' comes"
                                f" from section '{claim.section}', which has no row in"
                                f" {shown(TIMES)}; use the id of the section he said it in")
    except claims.ClaimsError as e:
        problems.append(str(e))
    listed = set(nav_files(load_config().get("nav", [])))
    try:
        sources = [s for s in load_sources() if s.src in listed]
    except SourceError as e:
        return [str(e)]
    for source in sources:
        try:
            check_description(source)
        except SourceError as e:
            problems.append(str(e))
        problems += check_markup(source.path) + times.check_placeholders(source.path, ids)
        if source.edited_file != source.path:
            problems += check_markup(source.edited_file)
    try:
        redirects.check_sources(redirects.load())
    except redirects.RedirectError as e:
        problems.append(str(e))
    return problems


def share_cards(site: Path, pages: list, base: str) -> int:
    """Give every page, the 404 page included, its card and Open Graph tags."""
    cards.copy_into(site)
    by_url = {c.url: c for c in cards.cards()}
    home = by_url[""]
    targets = [(site / p.url / "index.html", p.url, by_url.get(p.url, home).title,
                p.description, by_url.get(p.url, home).file) for p in pages]
    targets.append((site / "404.html", "404.html", "Page not found", home.title, home.file))
    added = 0
    for path, url, title, description, card in targets:
        page, n = cards.add_tags(path.read_text(encoding="utf-8"), url, title, description,
                                 base, card)
        if n:
            path.write_text(page, encoding="utf-8")
        added += n
    return added


def check() -> list[str]:
    """Every generated input that is stale, as 'path: stale; fix' lines (empty when fresh)."""
    try:
        outputs = brain_chart.render_all()
        outputs.update(generated_inputs())
    except (brain_chart.DataError, times.TimesError, claims.ClaimsError) as e:
        return [f"the data is invalid, so the generated files cannot be checked:\n{e}"]
    return [f"{shown(path)}: stale; run python scripts/build.py prebuild"
            for path in brain_chart.stale(outputs)]


def is_built_site(site: Path) -> bool:
    return (site / "index.html").is_file() and (site / "404.html").is_file()


def postbuild(site: Path, config: dict | None = None) -> list[str]:
    """Finish an engine's output in place; return one log line per step."""
    if not is_built_site(site):
        raise StepError(f"{site}: not a built site (no index.html and 404.html); build it first,"
                        " e.g. make build")
    config = config or load_config()
    bundle, index = theme.find_bundle(site), theme.find_search_index(site)
    updated = {s.url: dates.last_updated(s.edited_file) for s in load_sources(DOCS)}
    try:
        rows = load_times()
    except times.TimesError as e:
        raise StepError(str(e)) from None
    moments = {t.id: t for t in rows}
    sources = {s.url: s for s in load_sources(DOCS)}
    part_of = {page_url(page): line for page, line in times.part_lines(rows).items()}
    fired: Counter[str] = Counter()
    for path in sorted(site.rglob("*.html")):
        html = original = path.read_text(encoding="utf-8")
        url = path.parent.relative_to(site).as_posix().removeprefix(".").strip("/")
        url = url + "/" if url else ""
        page_source = sources.get(url) if path.name == "index.html" else None
        html, unmarked = reading.glossary_marks(html, keep=url != "reference/glossary/")
        fired["glossary-marks-removed"] += unmarked
        html, fixes = fix_html(html)
        fired.update(fixes)
        html, labelled = reading.table_labels(html)
        fired["table-labels"] += labelled
        html, long = reading.long_notes(html)
        fired["long-notes"] += long
        if path.name == "index.html" and url in updated:
            html, filled = dates.fill(html, updated[url])
            fired["dates"] += filled
        html, filled = times.fill(html, moments)
        fired["timestamps"] += filled
        if path.name == "index.html" and player.wants_player(url):
            html, added = player.add(html, url)
            fired["player"] += added
        if page_source:
            html, added = reading.under_title(html, page_source.meta.get("dek"),
                                              part_of.get(url))
            fired["deks"] += added
        html, late = theme.load_late(html, bundle, index)
        fired["late-bundle"] += late
        html, gathered = theme.scripts_after_load(html)
        fired["scripts-after-load"] += gathered
        if html != original:
            path.write_text(html, encoding="utf-8")
    try:
        moved = redirects.write(site, redirects.load())
    except redirects.RedirectError as e:
        raise StepError(str(e)) from None
    for sheet in sorted((site / "assets" / "stylesheets").glob("*.css")):
        if not sheet.name.endswith(".min.css"):  # the theme's own are minified already
            css, n = css_without_comments(sheet.read_text(encoding="utf-8"))
            sheet.write_text(css, encoding="utf-8")
            fired["css-comments"] += n
    pages = read_site(site, config)
    base = site_url(config)
    # Before the share cards add their tags, while the pages just read are still parsed.
    fired["search-previews"] = search_text.tidy(site, index)
    fired["share-cards"] = share_cards(site, pages, base)
    # Last, once every inline script is in place. The preview leaves it out: mkdocs serve
    # injects its own live-reload script into each page as it serves it.
    if not preview.ENABLED:
        for path in sorted(site.rglob("*.html")):
            page, n = csp.add(path.read_text(encoding="utf-8"))
            path.write_text(page, encoding="utf-8")
            fired["content-security-policy"] += n
    (site / "sections.json").write_text(site_index.sections_json(pages, base, times.by_page(rows)),
                                        encoding="utf-8")
    (site / "llms.txt").write_text(site_index.llms_txt(pages, base, claims.load_claims()),
                                   encoding="utf-8")
    return [
        "html fixes: " + ", ".join(f"{k} {v}" for k, v in sorted(fired.items())),
        f"theme: bundle {bundle or 'not found, left as the engine wrote it'}; search index"
        f" {index or 'not found, loaded the normal way'}",
        f"redirects: {len(moved)} written",
        f"site index: sections.json ({sum(len(p.sections) for p in pages)} sections) and"
        f" llms.txt ({len(pages)} pages)",
    ]
