"""octavo.render.pdf.front_again.splice: the front matter laid out again alone (its
contents' folios' column widened) put in place of the whole book's, only where nothing
the rest of the book prints has moved."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.front_again import body_folios, splice


@dataclass
class _Page:
    name: str
    anchors: dict[str, Any] = field(default_factory=dict)
    blank: bool = False

    @property
    def _page_box(self) -> Any:
        return SimpleNamespace(page_type=SimpleNamespace(blank=self.blank))


def _pages(*names: str) -> list[Any]:
    """Pages named "a:x,y" (anchors x and y), "-" (a blank page) or "a" (no anchor)."""
    made = []
    for name in names:
        label, _, anchors = name.partition(":")
        made.append(_Page(label, {a: 0 for a in anchors.split(",") if a}, label == "-"))
    return made


BOOK = _pages("half:half", "title", "toc:contents", "toc2", "pre:preface", "-", "b1:ch1", "b2")


def _names(pages: list[Any] | None) -> list[str] | None:
    return None if pages is None else [p.name for p in pages]


def test_a_front_matter_whose_pages_hold_the_same_anchors_replaces_the_books() -> None:
    front = _pages("HALF:half", "TITLE", "TOC:contents", "TOC2", "PRE:preface")
    assert _names(splice(front, BOOK, 6)) == [
        *("HALF", "TITLE", "TOC", "TOC2", "PRE"),
        *("-", "b1", "b2"),  # the blank page before the body kept
    ]


def test_a_longer_contents_may_take_the_blank_page_before_the_body() -> None:
    front = _pages("HALF:half", "TITLE", "TOC:contents", "TOC2", "TOC3", "PRE:preface")
    assert splice(front, BOOK, 6) is None  # the Preface moved: its folio, and the appendix's
    book = _pages("half:half", "title", "toc:contents", "toc2", "toc3", "-", "b1:ch1")
    front = _pages("HALF:half", "TITLE", "TOC:contents", "TOC2", "TOC3", "TOC4")
    assert _names(splice(front, book, 6)) == ["HALF", "TITLE", "TOC", "TOC2", "TOC3", "TOC4", "b1"]


def test_a_front_matter_that_moves_the_body_or_a_page_of_its_own_is_not_spliced() -> None:
    longer = _pages("H:half", "T", "C:contents", "C2", "C3", "C4", "P:preface")
    assert splice(longer, BOOK, 6) is None  # the body would open on a later page
    shorter = _pages("H:half", "T", "C:contents", "C2")
    assert splice(shorter, BOOK, 6) is None  # the Preface's page would be lost


def test_the_body_folios_count_from_its_first_page_in_its_figures() -> None:
    book = _pages("half:half", "-", "b1:ch1,t1", "b2:t2", "b3:ch2,data-currency")
    assert body_folios(SimpleNamespace(pages=book), 2, Folios()) == (
        ("ch1", "1"),
        ("t1", "1"),
        ("t2", "2"),
        ("ch2", "3"),
        ("data-currency", "3"),
    )
