"""The MkDocs hook: run the build steps of scripts/sitebuild and explain MkDocs' warnings.

A thin caller. Every step lives in scripts/sitebuild, so `python scripts/build.py prebuild`
and `postbuild` do the same for an engine without hooks; the hook is kept so that
`mkdocs serve` rebuilds everything once per edit.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from sitebuild import preview, steps
from sitebuild.messages import ExplainLinks
from sitebuild.paths import DATA, INCLUDES, REDIRECTS, ROOT

log = logging.getLogger("mkdocs.hooks.sitebuild")
PROBLEMS = preview.Problems()
WATCHED = (DATA, INCLUDES, REDIRECTS, ROOT / "CONTRIBUTING.md",
           ROOT / "scripts" / "brain_chart.mplstyle")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.repo_url:
        # Without REPO_URL (a local preview) there is no repository to send edits to.
        config.edit_uri = None
    # ProperDocs, which runs this hook too, logs under its own name.
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav", "properdocs.structure.pages",
                 "properdocs.structure.nav"):
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == "ExplainLinks"]:
            logger.removeFilter(old)
        logger.addFilter(ExplainLinks(Path(config.docs_dir)))
    if preview.ENABLED:
        # MkDocs loads this file afresh for each rebuild of the preview: one collector at a time.
        root = logging.getLogger("mkdocs")
        for old in [h for h in root.handlers if type(h).__name__ == "Problems"]:
            root.removeHandler(old)
        root.addHandler(PROBLEMS)
    return config


def run(step, *args) -> None:
    """Run a build step; in the preview, a refusal is shown on the pages instead of stopping
    the build (a stopped build leaves `mkdocs serve` waiting forever)."""
    try:
        for line in step(*args):
            log.info(line)
    except steps.StepError as e:
        if not preview.ENABLED:
            raise PluginError(str(e)) from None
        log.error(str(e))


def on_pre_build(config: MkDocsConfig) -> None:
    PROBLEMS.found.clear()
    run(steps.prebuild)


def on_post_build(config: MkDocsConfig) -> None:
    run(steps.postbuild, Path(config.site_dir))
    if preview.ENABLED and PROBLEMS.found:
        preview.show(Path(config.site_dir), list(PROBLEMS.found))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    for path in WATCHED:
        if path.exists():
            server.watch(str(path))
    return server
