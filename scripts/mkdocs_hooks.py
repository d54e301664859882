"""MkDocs hooks: update the chart before each build, repair Material's markup, explain warnings.

Every build step lives in a plain script (scripts/brain_chart.py) that this hook only
calls, so a builder without hooks can run the same step by hand.
"""
from __future__ import annotations

import html
import importlib.util
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
import redirects  # noqa: E402
import site_index  # noqa: E402
from fix_html import fix_html  # noqa: E402
from git_dates import last_updated  # noqa: E402

ROOT = SCRIPTS.parent
log = logging.getLogger("mkdocs.hooks.chart")

LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<rest>.*)",
                  re.S)
UNRECOGNIZED = re.compile(r"Doc file '(?P<page>[^']+)' contains an unrecognized relative link"
                          r" '(?P<link>[^']+)'")
ABSOLUTE = re.compile(r"Doc file '(?P<page>[^']+)' contains an absolute link '(?P<link>[^']+)'")
OMITTED = re.compile(r"The following pages exist in the docs directory, but are not included"
                     r" in the \"nav\" configuration:\n(?P<pages>.*)", re.S)


def load_chart_module():
    """Import scripts/brain_chart.py afresh, so `mkdocs serve` picks up edits to it."""
    spec = importlib.util.spec_from_file_location("brain_chart", SCRIPTS / "brain_chart.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def find_line(path: Path, needle: str) -> int | None:
    """Return the first line of path that contains needle, counting from 1."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((no for no, text in enumerate(lines, 1) if needle in text), None)


def located(docs: Path, page: str, link: str) -> str:
    """Return 'docs/page.md:LINE' for the line that holds the link."""
    line = find_line(docs / page, link)
    where = f"{docs.name}/{page}"
    return f"{where}:{line}" if line else where


def explain(message: str, docs: Path) -> str | None:
    """Rewrite a MkDocs link or nav warning as 'file:line: problem; fix', or None to keep it."""
    if m := LINK.match(message):
        where, link, rest = located(docs, m["page"], m["link"]), m["link"], m["rest"]
        if "anchor" in rest:
            target = re.search(r"the doc '([^']+)'", rest)
            anchor = link.partition("#")[2]
            page = f"{docs.name}/{target[1]}" if target else "this page"
            return (f"{where}: broken anchor '#{anchor}' in link '{link}': {page} has no heading"
                    f" with that id. Link to an id that exists (headings set theirs with"
                    f" {{ #id }}), or give the heading back its old id.")
        hint = re.search(r"Did you mean '([^']+)'\?", rest)
        return (f"{where}: broken link '{link}': no such page or file in {docs.name}/."
                f" Fix the path (it is relative to this page's file)"
                + (f"; did you mean '{hint[1]}'?" if hint else ", or add the missing page."))
    if m := UNRECOGNIZED.match(message):
        return (f"{located(docs, m['page'], m['link'])}: link '{m['link']}' does not name a file;"
                f" link to the Markdown source instead, e.g. 'page.md' or 'page.md#id'.")
    if m := ABSOLUTE.match(message):
        return (f"{located(docs, m['page'], m['link'])}: absolute link '{m['link']}'; write it"
                f" relative to this page's file so it works wherever the site is deployed.")
    if m := OMITTED.match(message):
        pages = [p.strip(" -") for p in m["pages"].splitlines() if p.strip()]
        return "\n".join(f"{docs.name}/{p}: page is not in the nav; add it under 'nav:' in"
                         f" mkdocs.yml (or delete the file)." for p in pages)
    return None


class ExplainLinks(logging.Filter):
    """Turn MkDocs' link and nav warnings into 'file:line: problem; fix' messages."""

    def __init__(self, docs: Path) -> None:
        super().__init__()
        self.docs = docs

    def filter(self, record: logging.LogRecord) -> bool:
        better = explain(record.getMessage(), self.docs)
        if better:
            record.msg, record.args = better, ()
        return True


def on_config(config):
    if not config["repo_url"]:
        # Without REPO_URL (a local preview) there is no repository to send edits to.
        config["edit_uri"] = None
    docs = Path(config["docs_dir"])
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == "ExplainLinks"]:
            logger.removeFilter(old)
        logger.addFilter(ExplainLinks(docs))
    return config


def on_pre_build(config):
    chart = load_chart_module()
    try:
        log.info(chart.build())
    except chart.DataError as e:
        raise PluginError(f"the chart data is invalid; nothing was written:\n{e}") from None


def on_page_markdown(markdown, page, config, files):
    page.meta["revision_date"] = last_updated(Path(config["docs_dir"]) / page.file.src_path)
    return markdown


def on_page_context(context, page, config, nav):
    # Material writes the description into an attribute unescaped; a quote would break the tag.
    if page.meta.get("description"):
        page.meta["description"] = html.escape(str(page.meta["description"]), quote=True)
    return context


def on_post_page(output, page, config):
    return fix_html(output)


def on_post_template(output_content, template_name, config):
    return fix_html(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    site = Path(config["site_dir"])
    try:
        moved = redirects.write(site, redirects.load())
    except redirects.RedirectError as e:
        raise PluginError(str(e)) from None
    site_index.write(site, config["site_url"] or "/")
    log.info(f"site index: sections.json and llms.txt written; {len(moved)} redirects")


def on_serve(server, config, builder):
    for folder in ("data", "includes"):
        server.watch(str(ROOT / folder))
    for name in ("brain_chart.py", "brain_chart.mplstyle"):
        server.watch(str(SCRIPTS / name))
    for name in ("CONTRIBUTING.md", "redirects.yml"):
        if (ROOT / name).exists():
            server.watch(str(ROOT / name))
    return server
