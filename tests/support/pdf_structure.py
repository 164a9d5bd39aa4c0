"""A tagged PDF's structure tree read back: each structure element that names its language
(/Lang), with the text of the marked content under it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

__all__ = ["Tagged", "languages"]


@dataclass(frozen=True, slots=True)
class Tagged:
    kind: str  # the structure type, without its slash: "Span", "Sect", ...
    lang: str
    text: str  # its marked content's characters, in the tree's order


def languages(pdf: bytes) -> list[Tagged]:
    """The structure elements of `pdf` with a /Lang, in the tree's order (depth first)."""
    import pdfplumber
    import pikepdf

    texts: dict[tuple[int, int], str] = {}  # (page, MCID) -> its characters
    with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
        for index, page in enumerate(plumbed.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, char["mcid"])
                    texts[key] = texts.get(key, "") + char["text"]
    found: list[Tagged] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.obj.objgen: i for i, page in enumerate(document.pages)}

        def text_of(element: Any, page: int) -> str:
            page = pages.get(element.get("/Pg").objgen, page) if "/Pg" in element else page
            kids = element.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            words = []
            for kid in kids:
                if isinstance(kid, int):
                    words.append(texts.get((page, kid), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    words.append(texts.get((page, int(kid["/MCID"])), ""))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    words.append(text_of(kid, page))
            return "".join(words)

        def walk(element: Any) -> None:
            if "/Lang" in element:
                kind = str(element["/S"]).lstrip("/")
                found.append(Tagged(kind, str(element["/Lang"]), text_of(element, 0)))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        root = document.Root.StructTreeRoot
        kids = root.K
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)
    return found
