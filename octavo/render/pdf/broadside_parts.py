"""The broadside tables of a book laid out in one process, decided as its parts decide them.

octavo.render.pdf.broadside_flow moves a broadside table after the blocks that still end
on the page before it, read from a layout without the table. A book laid out in parts
(octavo.render.pdf.parallel) reads it from the layout of the part holding the table, its
chapter. The one-process build reads it from the same part: the print HTML of each
division holding a table that may move is made as a part of the parallel build makes it
(`part_html`: a chapter, a back-matter division; the front-matter divisions in the front
matter, its folios stand-ins, as jobs.sketch_job lays it out), laid out alone, and the
moves decided there are made in the whole book's tree (broadside_apart.settle_apart).
Within a chapter nothing depends on where it starts but its folios (it opens a right-hand
page: octavo.render.pdf.parallel.build), so the page before the table is the one the book
gets, and the decision costs a layout of the chapter, never one of the whole book: at 800
sections the whole-book decision layout cost the one-process build 1.62 x WeasyPrint alone.
A book without a table that may move makes no part and lays out nothing more.

A part's page references print stand-in folios (two figures wide: html.given_folios), as
the parallel build's first layout of a part does (octavo.render.pdf.parallel.page_refs):
the book's own folios are not known before its layout (the front part's too: laid out
alone, it holds none of their targets in the body). But a line may turn on a folio's
width ("page 00." not fitting where "page 7." does), and with it the page before a table,
wherever the reference stands before it in its chapter: a chapter of tests/e2e's was
decided with one line of text fewer before its table in one process than in parts. The
parallel build lays a part out again with its targets' folios until they settle,
deciding each time; so the one-process build, once the book is laid out with its moves,
decides again the tables of each part whose decision read past a page reference (one
before the end of the last block it read: broadside_flow.settled), its references given
the folios the book prints, and lays the book out again if a move changed, until the
moves are those decided with the folios printed (`lay_out_moved`; `ROUNDS` at most). A
book without such a part pays nothing more; one with one, a layout of that part up to
its turn, and one of the book only where a move changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from octavo.model import Manuscript, RenderedSection
from octavo.render.pdf.box_tree import walk_boxes
from octavo.render.pdf.broadside_apart import Apart, settle_again, settle_apart
from octavo.render.pdf.broadside_flow import Move, apply_moves
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.html import GIVEN, print_html
from octavo.render.pdf.index_pages import Located
from octavo.render.pdf.notes.place import Fix
from octavo.render.pdf.print_parts import PrintPart
from octavo.render.pdf.sheets import has_landscape
from octavo.render.xref import holds_page_refs, page_ref_targets
from octavo.source.paper import PageSetup

__all__ = ["FRONT", "ROUNDS", "Laid", "lay_out_moved", "part_html", "printed_folios", "settle_book"]

FRONT = "front"  # the part of the front-matter divisions
ROUNDS = 4  # decisions again with the folios printed, at most (as parallel.page_refs's)


@dataclass(frozen=True, slots=True)
class Laid:
    """The whole book's print HTML laid out, its broadside tables moved (`lay_out_moved`)."""

    html: Any  # its weasyprint.HTML, the tables moved in its tree
    moves: tuple[Move, ...]
    document: Any  # its layout, every note on its page (notes.place.place_notes)
    fixes: tuple[Fix, ...]


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


def lay_out_moved(
    source: str,
    manuscript: Manuscript,
    options: PdfOptions,
    notes: tuple[tuple[str, str], ...],
    known: tuple[Fix, ...] = (),
    remembered: tuple[Move, ...] | None = None,
) -> Laid:
    """`source` (the whole book's print HTML) laid out with every note on its page
    (`notes`; `known`: fixes found before), its broadside tables moved as `remembered`
    (a rebuild: one layout), or as decided in their parts (`settle_book`), and again
    where a decision read past a page reference, with the folios the book prints (see
    the module's docstring)."""
    from octavo.render.guarded import guarded
    from octavo.render.pdf.document import extra_sheets, load_html
    from octavo.render.pdf.notes.place import place_notes

    project = manuscript.book.project
    page, extra = options.page, extra_sheets(options)

    def load(text: str) -> Any:
        return load_html(text, project)

    def placed(html: Any, moves: tuple[Move, ...]) -> Laid:
        document, fixes = guarded(lambda: place_notes(html, notes, known))
        return Laid(html, moves, document, fixes)

    html = load(source)
    if remembered is not None:
        apply_moves(html, remembered)
        return placed(html, remembered)
    apart = guarded(lambda: settle_book(html, manuscript, page, extra, load))
    laid = placed(html, apart.moves)
    for _ in range(ROUNDS):
        if not apart.cited:
            break
        apart = guarded(partial(_settled_again, laid, apart.cited, manuscript, page, extra, load))
        if apart.moves == laid.moves:
            break
        html = load(source)
        apply_moves(html, apart.moves)
        laid = placed(html, apart.moves)
    return laid


def settle_book(
    html: Any,
    manuscript: Manuscript,
    page: PageSetup,
    extra: tuple[str, ...],
    load: Callable[[str], Any],
) -> Apart:
    """Move the broadside tables of `html` (a weasyprint.HTML of the whole book) as each
    is moved in its part laid out alone, its page references' folios stand-ins (see the
    module's docstring); their moves, and the parts whose decisions read past a page
    reference. `extra`: the book's extra stylesheets (print_html); `load`: a
    weasyprint.HTML of a source."""
    parts = {f"{c.id}-section": FRONT if c.matter == "front" else c.id for c in manuscript.chapters}
    refs = () if holds_page_refs(manuscript.sections) else None

    def part(name: str) -> Any:
        return load(_part_html(manuscript, page, extra, name, refs))

    return settle_apart(html, parts.get, part, _cites)


def _settled_again(
    laid: Laid,
    cited: frozenset[str],
    manuscript: Manuscript,
    page: PageSetup,
    extra: tuple[str, ...],
    load: Callable[[str], Any],
) -> Apart:
    """`laid`'s moves, the tables of the parts `cited` (whose decisions read past a page
    reference) decided again, their references given the folios `laid`'s layout prints
    for them (`printed_folios`)."""
    printed = printed_folios(laid.document)
    given = {name: _given(_sections(manuscript, name), printed) for name in cited}

    def part(name: str) -> Any:
        return load(_part_html(manuscript, page, extra, name, given[name]))

    return settle_again(laid.html, laid.moves, sorted(cited), part, _cites)


def _cites(element: Any) -> bool:
    """Whether `element` of a part is a page reference given its folio (html.given_folios)."""
    return GIVEN in (element.get("class") or "").split()


def _given(
    sections: tuple[RenderedSection, ...], printed: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    """(target, folio printed) of the page references of `sections` (PrintPart.page_refs)."""
    targets = {t for s in sections for t in page_ref_targets(s)}
    return tuple(sorted((t, printed[t]) for t in targets if t in printed))


def _sections(manuscript: Manuscript, name: str) -> tuple[RenderedSection, ...]:
    """The sections of the part `name` (`FRONT`, or a division's id)."""
    if name == FRONT:
        return tuple(s for c in manuscript.chapters if c.matter == "front" for s in c.sections)
    return tuple(s for c in manuscript.chapters if c.id == name for s in c.sections)


def _part_html(
    manuscript: Manuscript,
    page: PageSetup,
    extra: tuple[str, ...],
    name: str,
    refs: tuple[tuple[str, str], ...] | None,
) -> str:
    """The HTML of the part `name` (`FRONT`, or a division's id), its page references
    given `refs` (None: the book holds none)."""
    if name == FRONT:
        shown = PrintPart(True, (), False, (), sketch=True, page_refs=refs)
    else:
        shown = PrintPart(False, (name,), False, (), page_refs=refs)
    return part_html(manuscript, page, shown, extra=extra)


def printed_folios(document: Any) -> dict[str, str]:
    """The folio each page reference of `document` (a layout of the whole book) prints
    (its `::after`, styles/print/book.css), by its target's id."""
    found: dict[str, str] = {}
    for page in document.pages:
        for box in walk_boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or not str(getattr(box, "element_tag", "")).endswith("::after"):
                continue
            href = element.get("href") or ""
            if "page" in (element.get("class") or "").split() and "#" in href:
                text = "".join(getattr(b, "text", "") or "" for b in walk_boxes(box))
                found.setdefault(href.partition("#")[2], text.strip())
    return found
