"""A resumed part's PDF: the old part's pages around the new ones, with one set of resources.

WeasyPrint gives every page of a document one resource dictionary: the fonts, graphics
states, images, patterns and colour spaces any of its pages draws with. A part resumed
after an edit (octavo.render.pdf.parallel.resume) is written in two goes, the old layout's
and the new pages', so its pages would carry two such dictionaries, the old one naming
what the pages the edit replaced drew too: the part's PDF, and the book's, would depend on
the history of edits. `spliced` gives every page of the part one dictionary again, the
union of both restricted to the names the part's final pages (and the forms and patterns
they draw) use, which is what a full layout's dictionary holds: WeasyPrint adds a name as
a page first draws with it (but the colour spaces, all named in every document).

But the fonts: each page keeps its own write's /Font table, whose subsets hold the glyphs
it draws, so the part reads right on its own. The merge then writes each font once for
the whole book and gives every table of a part the same fonts
(octavo.render.pdf.parallel.book_fonts, font_dicts.write_fonts).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["spliced"]

# a name in a content stream: "/" and the regular characters after it (PDF 32000 7.3.5)
_NAME = re.compile(rb"/([^\s/\[\]<>(){}%]+)")
_INDIRECT = ("/ColorSpace",)  # written as an object of its own, the others inline
# WeasyPrint names every colour space it may use in each document, drawn with or not
_WHOLE = ("/ColorSpace",)
# but it names groups, patterns, shadings and soft masks by a count in each document
# (opacity, gradients, SVG): the same name in two writes can be two things
_COUNTED = re.compile(r"/[xps]\d+")


def spliced(old: bytes, new: bytes, start: int, kept: int) -> bytes:
    """The old part's pages before `start`, the new pages, the old ones from `kept` on,
    every page with the same resources (see the module's docstring)."""
    from pypdf import PdfReader, PdfWriter

    from octavo.render.pdf.parallel.pypdf_names import install

    install()
    before, made = PdfReader(io.BytesIO(old)), PdfReader(io.BytesIO(new))
    writer = PdfWriter()
    olds = list(before.pages)
    for page in (*olds[:start], *made.pages, *olds[kept:]):
        writer.add_page(page)
    _one_resources(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _one_resources(writer: Any) -> None:
    from pypdf.generic import DictionaryObject, NameObject

    pages = list(writer.pages)
    given = [page["/Resources"].get_object() for page in pages]
    tables: dict[str, dict[str, Any]] = {}
    for resources in _distinct(given):
        for category, table in resources.items():
            if category == "/Font":
                continue  # each page's own (see the module's docstring)
            found = tables.setdefault(str(category), {})
            for name, value in table.get_object().items():
                if _COUNTED.fullmatch(str(name)):
                    raise ValueError(f"a resource named by a count ({name}): not resumed")
                found.setdefault(str(name), value)  # the new pages' first: the same thing
    used = _used(pages, tables)
    shared = DictionaryObject()
    for category, table in sorted(tables.items()):
        kept = DictionaryObject(
            {
                NameObject(n): v
                for n, v in sorted(table.items())
                if category in _WHOLE or n[1:].encode() in used
            }
        )
        shared[NameObject(category)] = writer._add_object(kept) if category in _INDIRECT else kept
    for page, resources in zip(pages, given, strict=True):
        own = DictionaryObject(shared)
        if "/Font" in resources:
            own[NameObject("/Font")] = resources.raw_get("/Font")
        page[NameObject("/Resources")] = own


def _distinct(resources: list[Any]) -> list[Any]:
    """Each resource dictionary once, the new pages' before the old (the same names mean
    the same things in both, as WeasyPrint names them by what they are)."""
    found: list[Any] = []
    for table in resources[::-1]:
        if all(table is not known for known in found):
            found.append(table)
    return found


def _used(pages: Iterable[Any], tables: dict[str, dict[str, Any]]) -> set[bytes]:
    """Every name the pages' content streams use, and the content of the forms and patterns
    they may draw (which WeasyPrint writes with the page's resources)."""
    used: set[bytes] = set()
    for page in pages:
        used |= set(_NAME.findall(_content(page)))
    streams = [
        (name, value)
        for category in ("/XObject", "/Pattern")
        for name, value in tables.get(category, {}).items()
    ]
    grown = True
    while grown:  # forms in forms
        grown = False
        for name, value in streams:
            if name[1:].encode() in used:
                inner = set(_NAME.findall(_data(value)))
                if not inner <= used:
                    used |= inner
                    grown = True
    return used


def _content(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    parts = contents if isinstance(contents, list) else [contents]
    return b"\n".join(_data(part) for part in parts)


def _data(value: Any) -> bytes:
    """A content stream's, form's or pattern's data (an image's: none)."""
    stream = value.get_object()
    if not hasattr(stream, "get_data") or stream.get("/Subtype") == "/Image":
        return b""
    data: bytes = stream.get_data()
    return data
