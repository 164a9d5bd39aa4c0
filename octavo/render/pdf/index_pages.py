"""The printed index's page numbers: where each marked term landed, ranges joined.

The book is laid out once with the index's heading alone; the folio of every mark is read
from that layout (WeasyPrint's anchors), written in the figures the book's folios print
(octavo.render.pdf.folio_styles), and the index is set with the numbers as text,
consecutive pages joined ("42–44"). The index comes last, so setting it moves nothing
before it: it is laid out alone, from the page where it opened (`index_opening`), and
takes the place of the first layout's heading.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from octavo.model import INDEX, IndexEntry, Manuscript
from octavo.render.pdf.folio_styles import Folios

__all__ = [
    "Located",
    "body_start",
    "book_folio",
    "front_folio",
    "index_opening",
    "locate",
    "mark_ids",
    "page_runs",
]

# mark id -> (0-based page, printed folio, in the front matter)
Located = dict[str, tuple[int, str, bool]]


def front_folio(index: int, manuscript: Manuscript, folios: Folios) -> str:
    """The folio of the front matter's page `index` (0-based, of the whole book), in the
    front matter's style (`folios`: lower-roman in octavo's book.css): the page counter as
    book.css sets it, from 1 on the half-title; a cover and its blank back come before it
    (`@page :nth(1 of cover) { counter-reset: page -1 }`)."""
    return folios.folio(index - (2 if manuscript.cover else 0) + 1, True)


def book_folio(index: int, body: int, manuscript: Manuscript, folios: Folios) -> str:
    """The folio of the book's page `index` (0-based) whose body begins on page `body`: the
    front matter's (`front_folio`), or the body's, from 1 on its first page, in its style."""
    if index < body:
        return front_folio(index, manuscript, folios)
    return folios.folio(index - body + 1, False)


def mark_ids(manuscript: Manuscript) -> set[str]:
    """The ids of the book's index marks (each one's page is looked for by its id)."""
    return {m.id for s in manuscript.sections for m in s.marks if m.id}


def body_start(document: Any, manuscript: Manuscript) -> int:
    """The 0-based page of the book where the body (its arabic folio 1) begins; in a book
    of front matter alone, where the back matter (the appendix, the index) begins, as its
    folios count from there (templates/print/book.html)."""
    starts = [c.id for c in manuscript.chapters if c.matter != "front"]
    starts = [p.id for p in manuscript.parts] + starts + [manuscript.appendix_id, INDEX]
    return next(
        (i for i, page in enumerate(document.pages) if any(s in page.anchors for s in starts)),
        len(document.pages),
    )


def index_opening(document: Any, manuscript: Manuscript) -> tuple[int, int]:
    """The 0-based page where the index opens (its heading's id, "index"), and its
    folio."""
    opens = next(i for i, page in enumerate(document.pages) if "index" in page.anchors)
    return opens, opens - body_start(document, manuscript) + 1


def locate(document: Any, manuscript: Manuscript, folios: Folios) -> Located:
    """Every index mark's page and folio (`book_folio`: the front matter's from the
    half-title, the body's from its first page, each in its style)."""
    marks = mark_ids(manuscript)
    body = body_start(document, manuscript)
    found: Located = {}
    for index, page in enumerate(document.pages):
        folio = book_folio(index, body, manuscript, folios)
        for ident in marks & set(page.anchors):
            found.setdefault(ident, (index, folio, index < body))
    return found


def page_runs(located: Located) -> Callable[[IndexEntry], tuple[tuple[str, str], ...]]:
    """For an entry: (id of the first mark of each run, its text: '7' or '42–44')."""

    def runs(entry: IndexEntry) -> tuple[tuple[str, str], ...]:
        pages: dict[int, tuple[str, str, bool]] = {}
        for ident in entry.locators:
            if ident in located:
                page, folio, front = located[ident]
                pages.setdefault(page, (ident, folio, front))
        found: list[tuple[str, str]] = []
        run: list[int] = []
        for page in sorted(pages):
            # a run never joins the front matter's last page to the body's first
            joined = run and page == run[-1] + 1 and pages[page][2] == pages[run[-1]][2]
            if run and not joined:
                found.append(_run(run, pages))
                run = []
            run.append(page)
        if run:
            found.append(_run(run, pages))
        return tuple(found)

    return runs


def _run(run: list[int], pages: dict[int, tuple[str, str, bool]]) -> tuple[str, str]:
    first, last = pages[run[0]], pages[run[-1]]
    return first[0], first[1] if len(run) == 1 else f"{first[1]}{_dash(first[1])}{last[1]}"


def _dash(folio: str) -> str:
    """The dash of a range: between Arabic-Indic (or right-to-left) figures, held between
    left-to-right marks, else the bidi algorithm sets the range right to left in the
    line ('١–٢' printed '٢–١', N1: a dash between two such numbers takes their side)."""
    if any(unicodedata.bidirectional(c) in ("AN", "R", "AL") for c in folio):
        return "\u200e–\u200e"
    return "–"
