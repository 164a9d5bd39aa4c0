"""The book rendered (octavo.render): the one `Manuscript` both the EPUB and the PDF are
made from, its chapters and sections as XHTML, their notes, numbered tables and figures,
contents and index (its marks and entries: octavo.model.index)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from octavo.model.book import APPENDIX_KIND, Book, Chapter, Part, Section
from octavo.model.currency import CurrencyRow, D, currency_rows
from octavo.model.index import IndexEntry, IndexGroup, IndexMark
from octavo.model.labels import Labels

__all__ = [
    "APPENDIX",
    "INDEX",
    "Block",
    "Image",
    "Manuscript",
    "Note",
    "Numbered",
    "RenderedChapter",
    "RenderedPart",
    "RenderedSection",
    "TocNode",
]


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
    word: str = ""  # the book's word for its kind: "Table", "Таблица" (labels)

    @property
    def label(self) -> str:
        """'Table 3', joined by a no-break space: a reference to it never ends a line on
        'Table' with its number on the next."""
        return f"{self.word or self.kind.capitalize()}\u00a0{self.number}"


@dataclass(frozen=True, slots=True)
class Note:
    """An author's footnote: numbered with the data-date notes of its chapter."""

    id: str  # "fn-s058-russia-1"
    number: int  # 1.. within its chapter
    html: str  # inline XHTML of the note text
    # the language of its call's text where it is not its section's ("ar" for a note called
    # in `::: {lang=ar}` of an English section), and that language's direction where it
    # differs from the section's: the EPUB's note, set apart from its call, says them
    lang: str = ""
    dir: str = ""
    # where it is written, 0-based lines of its section's body (Section.body_line is the
    # first): its definition (`[^label]:`; an inline note's `^[…]` is its call) and its
    # first call, as markdown-it read them; what print tells of it names them
    line: int = 0
    call_line: int = 0

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
    note_html: str  # inline XHTML of the note text; "" for a section with no data date
    # the data-date note's own language, the book's, where the section's `lang` is another:
    # the note's element says it, with its direction ("" where the section's is the book's)
    note_lang: str = ""
    notes: tuple[Note, ...] = ()  # authors' footnotes, numbered after the data-date note
    headings: tuple[Block, ...] = ()  # headings of the body, in order
    tables: tuple[Numbered, ...] = ()
    figures: tuple[Numbered, ...] = ()
    author_html: str = ""
    marks: tuple[IndexMark, ...] = ()  # index terms marked in the body
    # the breadcrumb levels above it (Section.parents) as inline XHTML, in the book's language
    parents_html: tuple[str, ...] = ()

    @property
    def title_text(self) -> str:
        """The heading as plain text (for bookmarks, nav labels)."""
        from octavo.text import strip_tags

        return strip_tags(self.title_html)


@dataclass(frozen=True, slots=True)
class RenderedChapter:
    chapter: Chapter
    id: str
    title_html: str  # the shown title: 'Chapter 8' when it has none
    sections: tuple[RenderedSection, ...]  # the opening (if any) first among them
    toc: tuple[TocNode, ...]  # nested sections of this chapter, the opening left out
    label: str = ""  # 'Chapter 8', or '' (Chapter.label)
    # plain, one line, typeset as the heading prints (curly quotes, dashes): 'Chapter 8:
    # Government and Politics'; the EPUB's contents, the PDF's bookmarks, a running head
    heading_text: str = ""
    opening: RenderedSection | None = None  # the chapter-level page, shown as its opening
    heading_html: str = ""  # inline XHTML, one line: 'Chapter 8: <i>…</i>'

    @property
    def kind(self) -> str:
        return self.chapter.kind

    @property
    def matter(self) -> str:
        return self.chapter.matter

    @property
    def part(self) -> int:
        return self.chapter.part

    @property
    def opens_recto(self) -> bool:
        return self.chapter.opens_recto

    @property
    def title_text(self) -> str:
        from octavo.text import strip_tags

        return strip_tags(self.title_html)

    @property
    def dated_sections(self) -> tuple[RenderedSection, ...]:
        """Its sections with a data date, in reading order: its rows of the Data Currency
        appendix, in both outputs (none for a section with no data date, the reference
        list octavo makes; a division with none has no rows there)."""
        return tuple(s for s in self.sections if s.section.dated)

    @property
    def lone(self) -> bool:
        """A division that is its one section, its opening: named once, by its heading,
        where the book lists sections by division (the data-currency appendix: CurrencyRow.
        title_html): not "Preface" over "Preface", nor "Appendix A: Cities" over its page's
        own "Appendix C: Cities". Not a chapter nobody titled (W310): its heading, "Chapter
        5", stands in for a title and names none of its pages; its page, titled "Overview",
        is listed by that title under it."""
        opening = self.opening
        one = len(self.sections) == 1 and opening is not None and self.sections[0].id == opening.id
        return one and not self.untitled

    @property
    def untitled(self) -> bool:
        """A chapter nobody titled (W310): shown as its label alone ("Chapter 5")."""
        return not self.chapter.title

    @property
    def head_text(self) -> str:
        """Its running head, plain and whole (cut to its line: octavo.render.pdf.
        running_heads): an appendix's heading, its letter first ("Appendix A: Cities",
        "Annexe A : Villes"), as Chicago heads one, for a reader sent to "Appendix A";
        any other division's title alone (a chapter's heads carry no "Chapter 2"); typeset
        as the heading prints it (curly quotes, dashes), never as its title was typed."""
        if self.kind == APPENDIX_KIND and self.heading_text:
            return self.heading_text
        return self.title_text


@dataclass(frozen=True, slots=True)
class RenderedPart:
    part: Part
    id: str  # "part1"
    label: str  # "Part I"
    title_html: str
    heading_text: str  # "Part I · Belarus"
    heading_html: str = ""


# The data-currency appendix: the id of its heading (the PDF's link target and the stamp's
# chapter), and the name of its EPUB document (APPENDIX + ".xhtml").
APPENDIX = "data-currency"
INDEX = "index"  # the index's id in both outputs (templates/print/book.html, epub/index.xhtml)


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
    parts: tuple[RenderedPart, ...] = ()
    index: tuple[IndexGroup, ...] = ()  # the index, when the book marks terms

    @property
    def appendix_id(self) -> str:
        """The data-currency appendix's id (model.APPENDIX), for the templates."""
        return APPENDIX

    @property
    def has_currency(self) -> bool:
        """Whether the book has a Data Currency appendix: a section with a data date (a book
        of sections written for it alone has none, nor says anything of one)."""
        return any(s.section.dated for s in self.sections)

    @property
    def labels(self) -> Labels:
        return self.book.labels

    @property
    def lists(self) -> tuple[tuple[str, tuple[Numbered, ...]], ...]:
        """The lists of tables and figures the book shows: ("tables", ...), ("figures", ...);
        none when it has none, or book.toml says `lists = false`."""
        if not self.book.config.lists:
            return ()
        found = (("tables", self.tables), ("figures", self.figures))
        return tuple((kind, items) for kind, items in found if items)

    @property
    def index_entries(self) -> tuple[IndexEntry, ...]:
        """Every entry of the index, sub-entries after their entry, in the index's order."""

        def walk(entries: tuple[IndexEntry, ...]) -> Iterator[IndexEntry]:
            for entry in entries:
                yield entry
                yield from walk(entry.children)

        return tuple(e for group in self.index for e in walk(group.entries))

    def chapters_of(self, matter: str) -> tuple[RenderedChapter, ...]:
        return tuple(c for c in self.chapters if c.matter == matter)

    def part_of(self, chapter: RenderedChapter) -> RenderedPart | None:
        return self.parts[chapter.part - 1] if chapter.part else None

    def currency_rows(self, divisions: Iterable[D]) -> tuple[CurrencyRow[D], ...]:
        """The Data Currency appendix's divisions of `divisions` (the print's or the EPUB's,
        in reading order), with the parts they open (octavo.model.currency)."""
        return currency_rows(self, divisions)

    @property
    def sections(self) -> tuple[RenderedSection, ...]:
        return tuple(s for c in self.chapters for s in c.sections)

    @property
    def tables(self) -> tuple[Numbered, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @property
    def figures(self) -> tuple[Numbered, ...]:
        return tuple(f for s in self.sections for f in s.figures)
