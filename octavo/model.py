"""The data that flows between stages: frozen dataclasses, no I/O.

read (source.sections) -> assemble (source.assemble) -> Book -> render (render.manuscript)
-> Manuscript -> the EPUB (render.epub) and the PDF (render.pdf), each as bytes; octavo.api
writes them (octavo.write). A Book carries its Project (octavo.project): where its templates
and styles are found, its build time, what a renderer may read.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from octavo.project import Project

__all__ = [
    "Block",
    "Book",
    "BookConfig",
    "Chapter",
    "Image",
    "Manuscript",
    "Note",
    "Numbered",
    "RenderedChapter",
    "RenderedSection",
    "Section",
    "TocNode",
    "YearMonth",
]


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A month of a year, as in "Data as of June 1995"."""

    year: int
    month: int

    @property
    def label(self) -> str:
        """'June 1995'."""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def iso(self) -> str:
        """'1995-06'."""
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a study, as read from its Markdown source."""

    slug: str  # stable, XML-id safe: "s058-russia"
    title: str
    country: str
    chapter: int
    parents: tuple[str, ...]  # breadcrumb levels between chapter and section
    sequence: int  # the N of "Section N of M"
    total: int  # the M
    data_as_of: YearMonth
    last_updated: YearMonth | None
    source: str
    body: str  # Markdown
    path: Path  # the source file
    body_line: int  # 1-based line of the body's first line in `path`
    chapter_title: str | None = None
    field_lines: tuple[tuple[str, int], ...] = ()  # front-matter key -> line in `path`
    lang: str | None = None  # BCP 47 language of this section, when not the book's
    author: str | None = None  # shown under the section heading
    supplied: tuple[str, ...] = ()  # what the imported page lacked, and who gave it

    def line_of(self, key: str) -> int:
        return dict(self.field_lines).get(key, 1)

    @property
    def depth(self) -> int:
        """1 for a top-level section of its chapter, 2 below that, ..."""
        return len(self.parents) + 1

    @property
    def note_text(self) -> str:
        """The data-date footnote: 'Data as of June 1995.'"""
        text = f"Data as of {self.data_as_of.label}."
        if self.last_updated is not None and self.last_updated != self.data_as_of:
            text += f" Last updated {self.last_updated.label}."
        return text


@dataclass(frozen=True, slots=True)
class BookConfig:
    """book.toml."""

    title: str
    language: str
    identifier: str  # urn:uuid:...
    subtitle: str = ""
    country: str = ""
    series: str = ""
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str = ""
    subject: tuple[str, ...] = ()
    description: str = ""
    research_completed: YearMonth | None = None
    chapter_titles: tuple[tuple[int, str], ...] = ()  # (number, title), sorted
    paper: str = "letter"  # a trim: octavo.source.paper
    margins: tuple[tuple[str, float], ...] = ()  # (side, points) set in [margins]
    bleed: float = 0.0  # points
    marks: tuple[str, ...] = ()  # "crop", "cross"
    ppi: float = 444.0  # pages per inch of the paper: the spine of the print cover
    isbn: str = ""  # ISBN-13, hyphenated (octavo.source.identifiers)
    lccn: str = ""  # Library of Congress Control Number, normalised
    doi: str = ""  # "10.1234/abc"
    series_number: str = ""  # the series' own number for the book: "DA Pam 550-112"
    series_position: str = ""  # the book's place in the series, a number: "112"
    cataloguing: str = ""  # a cataloguing-in-publication block for the imprint
    order: tuple[int, ...] = ()  # explicit order of sequence numbers; () = by sequence
    source: str = ""  # where the pages came from, for the colophon
    ncx_depth: int = 2  # contents levels for Kindle-class readers (the EPUB 2 NCX)
    data_date_line: bool = True  # "Data as of June 1995." in words at each EPUB section's end
    path: Path = field(default=Path("book.toml"))
    cover: str = ""  # the book's own cover image, relative to the book folder ("" = drawn)
    numbering: str = "book"  # tables and figures: "book" (Table 3) or "chapter" (Table 2.3)
    toc_depth: int = 3  # deepest heading level in the EPUB nav and PDF bookmarks (chapter = 1)
    epub_image_max: int = 1600  # longest side, in pixels, of an image in the EPUB
    layout_cache_mb: int = 64  # the layout cache's size cap (octavo.cache.prune)

    def chapter_title(self, number: int) -> str | None:
        return dict(self.chapter_titles).get(number)

    @property
    def isbn_digits(self) -> str:
        return self.isbn.replace("-", "")

    @property
    def slug(self) -> str:
        from octavo.text import slugify

        return slugify(self.title) or "book"


@dataclass(frozen=True, slots=True)
class Chapter:
    number: int
    title: str
    sections: tuple[Section, ...]

    @property
    def slug(self) -> str:
        return f"ch{self.number:02d}"

    @property
    def label(self) -> str:
        """'Chapter 8', or '' for unnumbered front matter (chapter 0)."""
        return f"Chapter {self.number}" if self.number else ""


@dataclass(frozen=True, slots=True)
class Book:
    project: Project
    chapters: tuple[Chapter, ...]
    modified: datetime  # the build time: Project.build_time (SOURCE_DATE_EPOCH, else content)

    @property
    def config(self) -> BookConfig:
        return self.project.config

    @property
    def root(self) -> Path:
        """The book folder."""
        return self.project.root

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for c in self.chapters for s in c.sections)


@dataclass(frozen=True, slots=True)
class TocNode:
    """An entry of the contents: a section, or a breadcrumb level the book lacks."""

    title_html: str  # inline XHTML
    id: str | None  # None: a level with no section of its own (partial study)
    children: tuple[TocNode, ...] = ()


@dataclass(frozen=True, slots=True)
class Numbered:
    """A numbered table or figure, in reading order ("Table 3", "Figure 2.1")."""

    kind: str  # "table" or "figure"
    number: str  # "3", or "2.1" when numbered by chapter
    id: str  # the XHTML id: the source's {#tbl:label}, else generated
    caption_html: str  # inline XHTML, without the label
    section: str  # slug of the section that holds it

    @property
    def label(self) -> str:
        """'Table 3'."""
        return f"{self.kind.capitalize()} {self.number}"


@dataclass(frozen=True, slots=True)
class Note:
    """An author's footnote: numbered with the data-date notes of its chapter."""

    id: str  # "fn-s058-russia-1"
    number: int  # 1.. within its chapter
    html: str  # inline XHTML of the note text

    @property
    def ref_id(self) -> str:
        """The id of its call in the text."""
        return f"ref-{self.id}"


@dataclass(frozen=True, slots=True)
class Block:
    """A heading inside a section's body, demoted below the section's own heading."""

    id: str
    level: int  # HTML heading level, 3..6
    title_html: str
    listed: bool = True  # in the EPUB nav and the PDF bookmarks (toc_depth, {.unlisted})

    @property
    def label(self) -> str:
        from octavo.text import strip_tags

        return strip_tags(self.title_html)


@dataclass(frozen=True, slots=True)
class Image:
    """An image of the book, read and checked: PNG, JPEG, GIF or SVG inside the book folder."""

    path: str  # relative to the book folder, "/"-separated: "images/map.png"
    media_type: str  # "image/png"
    width: int  # pixels (SVG: its declared size, or 0)
    height: int


@dataclass(frozen=True, slots=True)
class RenderedSection:
    section: Section
    id: str  # XHTML id of the heading
    heading_level: int  # 2 for top-level sections (the chapter is 1), capped at 6
    title_html: str  # inline XHTML, typography applied
    body_html: str  # XHTML fragment, typography applied
    note_id: str
    note_number: int  # 1.. within its chapter
    note_html: str  # inline XHTML of the note text
    notes: tuple[Note, ...] = ()  # authors' footnotes, numbered after the data-date note
    headings: tuple[Block, ...] = ()  # headings of the body, in order
    tables: tuple[Numbered, ...] = ()
    figures: tuple[Numbered, ...] = ()
    author_html: str = ""

    @property
    def title_text(self) -> str:
        """The heading as plain text (for bookmarks, nav labels)."""
        from octavo.text import strip_tags

        return strip_tags(self.title_html)


@dataclass(frozen=True, slots=True)
class RenderedChapter:
    chapter: Chapter
    id: str
    title_html: str
    sections: tuple[RenderedSection, ...]
    toc: tuple[TocNode, ...]  # nested sections of this chapter


@dataclass(frozen=True, slots=True)
class Manuscript:
    """The one rendered manuscript both the EPUB and the PDF are made from."""

    book: Book
    chapters: tuple[RenderedChapter, ...]
    title_html: str
    subtitle_html: str
    anchors: tuple[tuple[str, str], ...] = ()  # every id of the body -> id of its chapter
    images: tuple[Image, ...] = ()  # every image the body shows, once, in reading order
    cover: Image | None = None  # the book's own cover, if book.toml names one

    @property
    def sections(self) -> tuple[RenderedSection, ...]:
        return tuple(s for c in self.chapters for s in c.sections)

    @property
    def tables(self) -> tuple[Numbered, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @property
    def figures(self) -> tuple[Numbered, ...]:
        return tuple(f for s in self.sections for f in s.figures)
