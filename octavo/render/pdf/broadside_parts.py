"""The broadside tables of a book laid out in one process, decided as its parts decide them.

octavo.render.pdf.broadside_flow moves a broadside table after the blocks that still end
on the page before it, read from a layout without the table. A book laid out in parts
(octavo.render.pdf.parallel) reads it from the layout of the part holding the table, its
chapter. The one-process build reads it from the same part: the print HTML of each
division holding a table that may move is made as a part of the parallel build makes it
(`part_html`: a chapter, a back-matter division; the front-matter divisions in the front
matter, its folios stand-ins, as jobs.sketch_job lays it out), laid out alone, and the
moves decided there are made in the whole book's tree (broadside_flow.settle_apart).
Within a chapter nothing depends on where it starts but its folios (it opens a right-hand
page: octavo.render.pdf.parallel.build), so the page before the table is the one the book
gets, and the decision costs a layout of the chapter, never one of the whole book: at 800
sections the whole-book decision layout cost the one-process build 1.62 x WeasyPrint alone.
A book without a table that may move makes no part and lays out nothing more.

A part's page references print stand-in folios (two figures wide: html.given_folios), as
the parallel build's first layout of a part does (octavo.render.pdf.parallel.page_refs):
the book's own folios are not known before its layout (the front part's too: laid out
alone, it holds none of their targets in the body). A page whose lines turn on the
width of a folio may so be decided one line off; the tables never move but within their
section.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo.model import Manuscript
from octavo.render.pdf.broadside_flow import Move, settle_apart
from octavo.render.pdf.html import PrintPart, print_html
from octavo.render.pdf.index_pages import Located
from octavo.render.pdf.sheets import has_landscape
from octavo.render.xref import holds_page_refs
from octavo.source.paper import PageSetup

__all__ = ["FRONT", "part_html", "settle_book"]

FRONT = "front"  # the part of the front-matter divisions


def part_html(
    manuscript: Manuscript,
    page: PageSetup,
    part: PrintPart,
    located: Located | None = None,
    extra: tuple[str, ...] = (),
) -> str:
    """The print HTML of a part laid out on its own (octavo.render.pdf.parallel.jobs): a
    landscape page in its styles only if one of its own tables needs it (a part without
    one: the same HTML whatever the rest of the book holds)."""
    shown = [c for c in manuscript.chapters if c.id in part.chapters]
    shown += [c for c in manuscript.chapters if part.front and c.matter == "front"]
    turned = has_landscape(manuscript, page, (s for c in shown for s in c.sections))
    return print_html(manuscript, page, part, extra, located=located, landscape=turned)


def settle_book(
    html: Any,
    manuscript: Manuscript,
    page: PageSetup,
    extra: tuple[str, ...],
    load: Callable[[str], Any],
) -> tuple[Move, ...]:
    """Move the broadside tables of `html` (a weasyprint.HTML of the whole book) as each
    is moved in its part laid out alone (see the module's docstring); their moves.
    `extra`: the book's extra stylesheets (print_html); `load`: a weasyprint.HTML of a
    source."""
    parts = {f"{c.id}-section": FRONT if c.matter == "front" else c.id for c in manuscript.chapters}
    refs = () if holds_page_refs(manuscript.sections) else None

    def part(name: str) -> Any:
        if name == FRONT:
            shown = PrintPart(True, (), False, (), sketch=True, page_refs=refs)
        else:
            shown = PrintPart(False, (name,), False, (), page_refs=refs)
        return load(part_html(manuscript, page, shown, extra=extra))

    return settle_apart(html, parts.get, part)
