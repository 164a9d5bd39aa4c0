"""The book as the print templates are given it (templates/print/book.html): its chapters
with their headings (`PrintChapter`), the body's parts (`BodyPart`, `body_entries`), and
the piece of the book a document lays out alone (`PrintPart`, with `Sketched` folios).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from octavo.model import Manuscript, RenderedChapter, RenderedPart
from octavo.render.headings import Heading
from octavo.text import strip_tags

__all__ = ["BodyPart", "PrintChapter", "PrintPart", "Sketched", "body_entries"]


@dataclass(frozen=True, slots=True)
class PrintChapter:
    chapter: RenderedChapter
    items: tuple[Heading, ...]  # render.manuscript.body_headings: the same as the EPUB's

    @property
    def title_html(self) -> str:
        return self.chapter.title_html

    @property
    def show_label(self) -> bool:
        """'Chapter 8' above the title (Chapter.label's rule)."""
        return bool(self.chapter.label)

    @property
    def part(self) -> None:
        """A chapter is not a part (templates ask body entries)."""
        return None

    @property
    def label(self) -> str:
        """Bookmark text, as the EPUB's contents give it: 'Chapter 8: Government'."""
        return self.chapter.heading_text or strip_tags(self.chapter.title_html)


@dataclass(frozen=True, slots=True)
class BodyPart:
    """A part of the body: its title page, then its chapters."""

    part: RenderedPart
    chapters: tuple[PrintChapter, ...]


@dataclass(frozen=True, slots=True)
class PrintPart:
    """A piece of the book laid out on its own (octavo.render.pdf.parallel.build)."""

    front: bool  # half-title, title, imprint, contents, the front-matter divisions
    # ids of the chapters in the body (or back-matter divisions, or parts of countries:
    # their title pages)
    chapters: tuple[str, ...]
    appendix: bool
    folios: tuple[tuple[str, str], ...]  # (id, folio) of every link target it shows
    modified: datetime | None = None  # the PDF's dates as laid out; None: the book's
    sketch: bool = False  # every folio not given a stand-in (`Sketched`)
    # a chapter part's page references: their targets' folios (`given_folios`); None: a
    # part that holds none (the front matter, the appendix: laid out with the book's own)
    page_refs: tuple[tuple[str, str], ...] | None = None
    # a part that prints its own running heads and folios, the first page's folio this
    # (the appendix: the stamp, laid out beside it, covers the pages before it); None: none
    heads_from: int | None = None


class Sketched(dict[str, str | None]):
    """The folios of a front part or an appendix laid out before the chapters' page counts
    are known, for its own page map only (octavo.render.pdf.parallel.jobs.sketch_job,
    appendix_sketch_job): a folio not given is `STAND_IN`, two figures wide, as most of a
    study's are."""

    STAND_IN = "00"

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> str:
        return self.STAND_IN


def body_entries(
    manuscript: Manuscript, chapters: tuple[PrintChapter, ...]
) -> tuple[PrintChapter | BodyPart, ...]:
    """The body: chapters, or the parts holding them, in reading order."""
    entries: list[PrintChapter | BodyPart] = []
    for pc in chapters:
        if pc.chapter.matter != "body":
            continue
        part = manuscript.part_of(pc.chapter)
        if part is None:
            entries.append(pc)
        elif not entries or not isinstance(entries[-1], BodyPart) or entries[-1].part != part:
            entries.append(BodyPart(part, (pc,)))
        else:
            entries[-1] = BodyPart(part, (*entries[-1].chapters, pc))
    return tuple(entries)
