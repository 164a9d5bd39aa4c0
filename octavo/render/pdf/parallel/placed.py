"""Where the laid-out parts fall in the book, and the folios they give: every heading's
and anchor's in the body (`body_folios`, `folios_of`: the contents, the lists, page
references), the front-matter divisions' roman ones (`front_folios`), each index mark's
page (`index_located`), the index's own (`index_folio`) and the appendix's first page
(`opens`). The chapters are the parts of `jobs.in_parts`, laid out. What these read of a
layout, `job_memo.read_of` reads too (the tail's jobs are kept by it).
"""

from __future__ import annotations

from octavo.model import Manuscript
from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.index_pages import Located, front_folio, mark_ids
from octavo.render.pdf.parallel.merge import Placed, place
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.stamp import APPENDIX

__all__ = [
    "body_folios",
    "folios_of",
    "front_folios",
    "index_folio",
    "index_located",
    "index_page",
    "opens",
    "placed_body",
]


def body_folios(chapters: tuple[PartLayout, ...], folios: Folios) -> dict[str, str]:
    """The folio of every heading and anchor of the chapters (`in_parts`) placed as the
    book places them: 1 the first body page, in the figures of the body's (`folios`)."""
    return dict(folios_of(placed_body(chapters), folios))


def index_located(
    manuscript: Manuscript,
    chapters: tuple[PartLayout, ...],
    folios: Folios,
    front: PartLayout | None = None,
) -> Located:
    """Every index mark's page (0-based, as placed after `front`) and folio, as
    octavo.render.pdf.index_pages.locate reads them from a whole book's layout: the
    chapters' and back-matter divisions' anchors (`in_parts`), arabic from the first body
    page; the front-matter divisions' from `front` (`front_folio`), each in the figures of
    its matter's folios (`folios`). The appendix
    sets the index from them (its page runs: index_pages.page_runs)."""
    marks = mark_ids(manuscript)
    found: Located = {}
    for index, page in enumerate(front.pages if front is not None else ()):
        for name, _, _ in page.anchors:
            if name in marks:
                found.setdefault(name, (index, front_folio(index, manuscript, folios), True))
    body = placed_body(chapters, front)
    first = body[0].start if body else 0
    for p in body:
        for offset, page in enumerate(p.part.pages):
            for name, _, _ in page.anchors:
                if name in marks:
                    folio = folios.folio(p.start + offset - first + 1, False)
                    found.setdefault(name, (p.start + offset, folio, False))
    return found


def index_page(appendix: PartLayout) -> int | None:
    """The page of the appendix part (0-based) where the index opens; None: it has none."""
    pages = enumerate(appendix.pages)
    return next((i for i, page in pages if any(a == "index" for a, _, _ in page.anchors)), None)


def index_folio(
    chapters: tuple[PartLayout, ...], folios: Folios, appendix: PartLayout | None
) -> str:
    """The index's folio: its page in `appendix` placed after the chapters; without an
    appendix (or an index in it), the appendix's first page (a guess)."""
    placed = placed_body(chapters)
    first = placed[0].start if placed else 0
    at = placed[-1].start + len(placed[-1].part.pages) if placed else 0
    at += at % 2  # the appendix opens on a right-hand page
    offset = index_page(appendix) if appendix is not None else None
    return folios.folio(at + (offset or 0) - first + 1, False)


def front_folios(
    manuscript: Manuscript, front: PartLayout, folios: Folios
) -> tuple[tuple[str, str], ...]:
    """(id, folio) of the headings on the front part's pages, in the front matter's figures
    (`folios`: roman in octavo's book.css): the page counter as
    book.css sets it, from 1 on the half-title (a cover and its blank back before it:
    `@page :nth(1 of cover) { counter-reset: page -1 }`)."""
    found: dict[str, str] = {}
    for index, page in enumerate(front.pages):
        for heading in page.headings:
            found.setdefault(heading, front_folio(index, manuscript, folios))
    return tuple(found.items())


def placed_body(
    chapters: tuple[PartLayout, ...], front: PartLayout | None = None
) -> tuple[Placed, ...]:
    """The chapters (`in_parts`) placed after `front` (None: an empty one)."""
    return place(front if front is not None else _empty(), chapters)[0][1:]


def _empty() -> PartLayout:
    return PartLayout("none", "", b"", (), (), ())


def folios_of(body: tuple[Placed, ...], folios: Folios) -> tuple[tuple[str, str], ...]:
    """(id, folio) of every heading and anchor (a table, a figure: the lists of them) in the
    body; folio 1 is the first body page, in the figures of the body's (`folios`)."""
    first = body[0].start if body else 0
    found: dict[str, str] = {}
    for p in body:
        for offset, page in enumerate(p.part.pages):
            folio = folios.folio(p.start + offset - first + 1, False)
            for heading in page.headings:
                found.setdefault(heading, folio)
            for anchor, _, _ in page.anchors:
                found.setdefault(anchor, folio)
    found[APPENDIX] = folios.folio(_opens_at(body), False)
    return tuple(found.items())


def _opens_at(body: tuple[Placed, ...]) -> int:
    """The number of the appendix's first page, the right-hand page after the body's."""
    first = body[0].start if body else 0
    after = max((p.start + len(p.part.pages) for p in body), default=first)
    return after + after % 2 - first + 1


def opens(chapters: tuple[PartLayout, ...]) -> int:
    return _opens_at(placed_body(chapters))
