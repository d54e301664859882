"""Read a YAML data file keeping the line of every entry, for 'file:line: problem; fix' errors.

The data files (times, claims, redirects) share this: the whole file is composed once, a
syntax error is reported at its line, and each entry comes with the line it starts on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .paths import shown

# libyaml's parser where PyYAML was built with it: the same nodes and marks, many times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(path: Path, error: type[Exception]) -> yaml.Node | None:
    """The file's node tree (None when empty); bad YAML raises error('file:line: ...')."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", 0) + 1
        raise error(f"{shown(path)}:{line}: not valid YAML ({getattr(e, 'problem', e)})") \
            from None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def value(node: yaml.Node) -> Any:
    """One node as plain Python data, built from the node itself (no second parse)."""
    return yaml.constructor.SafeConstructor().construct_document(node)


def mapping_items(path: Path, error: type[Exception], what: str,
                  nodes: yaml.Node | None = None) -> list[tuple[int, dict, yaml.MappingNode]]:
    """Each entry of a list of mappings (the file itself, or the list node given) as
    (line, data, node); anything else raises error naming the line and the shape wanted."""
    root = compose(path, error) if nodes is None else nodes
    where = shown(path)
    if not isinstance(root, yaml.SequenceNode):
        line = 1 if root is None or nodes is None else line_of(root)
        raise error(f"{where}:{line}: must be a list of {what}, one '- ...' entry each")
    out = []
    for node in root.value:
        if not isinstance(node, yaml.MappingNode):
            raise error(f"{where}:{line_of(node)}: each entry of this list is one of {what},"
                        " written as 'key: value' lines")
        out.append((line_of(node), value(node), node))
    return out


def child(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value node under key, if the mapping has it."""
    return next((v for k, v in node.value if k.value == key), None)
