"""A laid-out part in the cache: its page map as <key>.json beside its <key>.pdf
(octavo.render.pdf.parallel.parts_store), the glyph records as they are.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any

from octavo.render.pdf.parallel.page_glyphs import Face, PageGlyphs
from octavo.render.pdf.parallel.page_maps import Bookmark, LinkBox, PageMap
from octavo.render.pdf.parallel.part import PartLayout

__all__ = ["from_json", "to_json"]


def to_json(layout: PartLayout) -> str:
    # the glyph records as they are (tuples are JSON arrays): `asdict` would copy each one
    bare = tuple(replace(p, glyphs=None) for p in layout.pages)
    data = asdict(
        replace(layout, pdf=b"", pages=bare, faces=None, files=(), state=b"", unspliced=None)
    )
    del data["pdf"], data["files"], data["state"], data["unspliced"]
    for page, given in zip(data["pages"], layout.pages, strict=True):
        page["glyphs"] = given.glyphs
    data["faces"] = None if layout.faces is None else [asdict(f) for f in layout.faces]
    return json.dumps(data, separators=(",", ":"))  # the C encoder: indent is pure Python


def from_json(text: str, pdf: bytes) -> PartLayout:
    data = json.loads(text)
    pages = tuple(
        PageMap(
            p["blank"],
            p["chapter"],
            tuple(p["headings"]),
            tuple(p["notes"]),
            tuple((n, x, y) for n, x, y in p["anchors"]),
            tuple(LinkBox(link["target"], tuple(link["rect"])) for link in p["links"]),
            (p["size"][0], p["size"][1]),
            p["turned"],
            _glyphs_from(p.get("glyphs")),
            p.get("carried", ""),
        )
        for p in data["pages"]
    )
    marks = tuple(_bookmark_from(b) for b in data["bookmarks"])
    faces = data.get("faces")
    found = tuple(Face(**f) for f in faces) if faces is not None else None
    spliced = data.get("spliced") is True
    return PartLayout(data["name"], data["key"], pdf, pages, marks, (), found, spliced=spliced)


def _glyphs_from(data: Any) -> PageGlyphs | None:
    if data is None:
        return None
    return tuple((name, tuple((g, w, t) for g, w, t in glyphs)) for name, glyphs in data)


def _bookmark_from(data: dict[str, Any]) -> Bookmark:
    kids = tuple(_bookmark_from(c) for c in data["children"])
    return Bookmark(data["label"], data["page"], data["x"], data["y"], data["open"], kids)
