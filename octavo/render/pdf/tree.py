"""The parsed print document: locate elements by index path, write it back as HTML.

WeasyPrint lays out the tree tinyhtml5 parsed; the note fixes set attributes on that
tree, and `serialize` writes the very tree that was laid out (for `invoke pdf --html`).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

__all__ = ["element_at", "path_of", "paths_of", "replace_element", "serialize"]

VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    )
)
RAW = frozenset(("script", "style"))


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def path_of(root: Any, target: Any) -> tuple[int, ...]:
    """The child indices leading from `root` to `target`."""
    parents = {child: parent for parent in root.iter() for child in parent}
    path: list[int] = []
    node = target
    while node is not root:
        parent = parents[node]
        path.append(list(parent).index(node))
        node = parent
    return tuple(reversed(path))


def paths_of(root: Any, targets: list[Any]) -> dict[Any, tuple[int, ...]]:
    """`path_of` for many targets, walking the tree once."""
    if not targets:
        return {}
    parents = {child: (parent, i) for parent in root.iter() for i, child in enumerate(parent)}
    paths = {}
    for target in targets:
        path: list[int] = []
        node = target
        while node is not root:
            node, index = parents[node]
            path.append(index)
        paths[target] = tuple(reversed(path))
    return paths


def element_at(root: Any, path: tuple[int, ...]) -> Any:
    node = root
    for index in path:
        node = node[index]
    return node


def replace_element(root: Any, other: Any, ident: str) -> None:
    """Put the element of id `ident` in the tree `other` in place of `root`'s (each tree
    must hold it), the tail after it kept."""
    parent, at = _holder(root, ident)
    other_parent, other_at = _holder(other, ident)
    element = other_parent[other_at]
    element.tail = parent[at].tail
    parent[at] = element


def _holder(root: Any, ident: str) -> tuple[Any, int]:
    """The parent of the element of id `ident` under `root`, and its index there."""
    for parent in root.iter():
        for index, child in enumerate(parent):
            if child.get("id") == ident:
                return parent, index
    raise LookupError(ident)


def serialize(root: Any) -> str:
    """HTML5 text of a tinyhtml5 tree (namespaces dropped)."""
    return "<!DOCTYPE html>\n" + "".join(_parts(root))


def _parts(node: Any) -> Iterator[str]:
    tag = _local(node.tag)
    attrs = "".join(f' {_local(k)}="{escape(v)}"' for k, v in node.attrib.items())
    yield f"<{tag}{attrs}>"
    if tag in VOID:
        yield escape(node.tail or "", quote=False)
        return
    text = node.text or ""
    yield text if tag in RAW else escape(text, quote=False)
    for child in node:
        yield from _parts(child)
    yield f"</{tag}>"
    yield escape(node.tail or "", quote=False)
