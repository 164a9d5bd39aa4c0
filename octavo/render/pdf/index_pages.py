"""The printed index's page numbers: where each marked term landed, ranges joined.

The book is laid out once with the index's heading alone; the folio of every mark is read
from that layout (WeasyPrint's anchors), and the index is set with the numbers as text,
consecutive pages joined ("42–44"). The index comes last, so setting it moves nothing
before it: it is laid out alone, from the page where it opened (`index_opening`), and
takes the place of the first layout's heading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from octavo.model import IndexEntry, Manuscript, roman

__all__ = [
    "Located",
    "body_start",
    "front_folio",
    "index_opening",
    "locate",
    "mark_ids",
    "page_runs",
]

Located = dict[str, tuple[int, str]]  # mark id -> (0-based page, printed folio)


def front_folio(index: int, manuscript: Manuscript) -> str:
    """The roman folio of the front matter's page `index` (0-based, of the whole book): the
    page counter as book.css sets it, from 1 on the half-title; a cover and its blank back
    come before it (`@page :nth(1 of cover) { counter-reset: page -1 }`)."""
    return roman(index - (2 if manuscript.cover else 0) + 1).lower()


def mark_ids(manuscript: Manuscript) -> set[str]:
    """The ids of the book's index marks (each one's page is looked for by its id)."""
    return {m.id for s in manuscript.sections for m in s.marks if m.id}


def body_start(document: Any, manuscript: Manuscript) -> int:
    """The 0-based page of the book where the body (its arabic folio 1) begins."""
    starts = [c.id for c in manuscript.chapters if c.matter != "front"]
    starts = [p.id for p in manuscript.parts] + starts
    return next(
        (i for i, page in enumerate(document.pages) if any(s in page.anchors for s in starts)),
        len(document.pages),
    )


def index_opening(document: Any, manuscript: Manuscript) -> tuple[int, int]:
    """The 0-based page where the index opens (its heading's id, "index"), and its
    folio."""
    opens = next(i for i, page in enumerate(document.pages) if "index" in page.anchors)
    return opens, opens - body_start(document, manuscript) + 1


def locate(document: Any, manuscript: Manuscript) -> Located:
    """Every index mark's page and folio (front matter roman, from the half-title:
    `front_folio`; the body arabic, from its first page)."""
    marks = mark_ids(manuscript)
    body = body_start(document, manuscript)
    found: Located = {}
    for index, page in enumerate(document.pages):
        folio = str(index - body + 1) if index >= body else front_folio(index, manuscript)
        for ident in marks & set(page.anchors):
            found.setdefault(ident, (index, folio))
    return found


def page_runs(located: Located) -> Callable[[IndexEntry], tuple[tuple[str, str], ...]]:
    """For an entry: (id of the first mark of each run, its text: '7' or '42–44')."""

    def runs(entry: IndexEntry) -> tuple[tuple[str, str], ...]:
        pages: dict[int, tuple[str, str]] = {}
        for ident in entry.locators:
            if ident in located:
                page, folio = located[ident]
                pages.setdefault(page, (ident, folio))
        found: list[tuple[str, str]] = []
        run: list[int] = []
        for page in sorted(pages):
            joined = (
                run
                and page == run[-1] + 1
                and pages[page][1].isdigit() == pages[run[-1]][1].isdigit()
            )
            if run and not joined:
                found.append(_run(run, pages))
                run = []
            run.append(page)
        if run:
            found.append(_run(run, pages))
        return tuple(found)

    return runs


def _run(run: list[int], pages: dict[int, tuple[str, str]]) -> tuple[str, str]:
    first, last = pages[run[0]], pages[run[-1]]
    return first[0], first[1] if len(run) == 1 else f"{first[1]}–{last[1]}"
