"""The Data Currency appendix's rows, by division: which divisions it lists (those with a
dated section), where a part's heading opens its divisions' rows, and which division
comes first after the parts'. Both outputs list them so (templates/print/book.html,
templates/epub/data-currency.xhtml), each with its own form of a division."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from octavo.model.manuscript import (
        Manuscript,
        RenderedChapter,
        RenderedPart,
        RenderedSection,
    )

__all__ = ["CurrencyRow", "Division", "currency_rows"]


class Division(Protocol):
    """A division as an output lists it (the print's PrintChapter, the EPUB's EpubChapter)."""

    @property
    def chapter(self) -> RenderedChapter: ...


D = TypeVar("D", bound=Division)


@dataclass(frozen=True, slots=True)
class CurrencyRow(Generic[D]):
    """A division listed in the appendix: its dated sections are its rows
    (`division.chapter.dated_sections`)."""

    division: D
    part: RenderedPart | None  # the part whose divisions' rows it opens, under its heading
    after_parts: bool  # in no part, the first division after a part's (the back matter)

    def title_html(self, section: RenderedSection) -> str:
        """What the row of `section`, one of its division's, names it, as the book shows
        it: a lone division's section (RenderedChapter.lone) by the division's heading
        ("Appendix A: Cities"), an opening by the division's title it is set under
        ("Cities"), any other section by its own title. An appendix's page titled "Appendix
        C: Cities" by its author was listed so under the heading "Appendix A: Cities". The
        opening of a chapter nobody titled (W310) by its own title too ("Overview" under
        "Chapter 5": it was "Chapter 5" under "Chapter 5", the label twice)."""
        chapter = self.division.chapter
        if chapter.opening is None or section.id != chapter.opening.id or chapter.untitled:
            return section.title_html
        return (chapter.heading_html or chapter.title_html) if chapter.lone else chapter.title_html


def currency_rows(manuscript: Manuscript, divisions: Iterable[D]) -> tuple[CurrencyRow[D], ...]:
    """The divisions of `divisions` (in reading order) that hold a dated section, each with
    the part it opens and whether it follows a part's."""
    dated = [d for d in divisions if d.chapter.dated_sections]
    rows: list[CurrencyRow[D]] = []
    for at, division in enumerate(dated):
        before = dated[at - 1].chapter.part if at else 0  # the previous division's part
        part = manuscript.part_of(division.chapter)
        opens = part if part is not None and (not at or before != division.chapter.part) else None
        rows.append(CurrencyRow(division, opens, part is None and bool(before)))
    return tuple(rows)
