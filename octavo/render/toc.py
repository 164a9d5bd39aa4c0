"""The table of contents of a chapter: its sections nested by their breadcrumb."""

from __future__ import annotations

from typing import Any

from octavo.model import RenderedSection, TocNode
from octavo.render.titles import title_html

__all__ = ["toc_tree"]


def toc_tree(sections: tuple[RenderedSection, ...]) -> tuple[TocNode, ...]:
    """Nest sections by their breadcrumb; a level the book lacks becomes an entry without id."""
    root: dict[str, dict[str, Any]] = {}  # title -> {"id": ..., "html": ..., "children": {...}}
    for rendered in sections:
        level = root
        shown = rendered.parents_html or tuple(title_html(p) for p in rendered.section.parents)
        for parent, html in zip(rendered.section.parents, shown, strict=True):
            node = level.setdefault(parent, {"id": None, "html": html, "children": {}})
            level = node["children"]
        node = level.setdefault(rendered.section.title, {"id": None, "children": {}})
        if node["id"] is None:
            node.update(id=rendered.id, html=rendered.title_html)
        else:  # two sections of one title at one level: keep both
            level[f"{rendered.section.title}\0{rendered.id}"] = {
                "id": rendered.id,
                "html": rendered.title_html,
                "children": {},
            }
    return _freeze(root)


def _freeze(level: dict[str, dict[str, Any]]) -> tuple[TocNode, ...]:
    return tuple(TocNode(n["html"], n["id"], _freeze(n["children"])) for n in level.values())
