"""Read mkdocs.yml without an engine: its !ENV values resolved, its Python tags ignored."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .paths import CONFIG


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs and Zensical read mkdocs.yml, minus the Python objects."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    """!ENV NAME or !ENV [NAME, ..., default]: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    for name in names[:-1]:
        if name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else os.environ.get(names[0])


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path = CONFIG) -> dict:
    """The configuration as a plain mapping."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def nav_files(nav: list) -> list[str]:
    """Every Markdown file the nav lists, in order."""
    found: list[str] = []
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            found += nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def page_url(src: str) -> str:
    """The directory URL of a Markdown source, relative to the site root ('' for home)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def site_url(config: dict) -> str:
    """The site's base address, ending in a slash."""
    url = config.get("site_url") or "/"
    return url if url.endswith("/") else url + "/"
