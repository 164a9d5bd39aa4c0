"""The data that flows between stages: frozen dataclasses, no I/O.

read (source.sections) -> assemble (source.assemble) -> Book -> render (render.manuscript)
-> Manuscript -> the EPUB (render.epub) and the PDF (render.pdf), each as bytes; octavo.api
writes them (octavo.write). A Book carries its Project (octavo.project): where its templates
and styles are found, its build time, what a renderer may read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.settings import BookConfig, YearMonth

if TYPE_CHECKING:
    from octavo.project import Project

__all__ = [
    "APPENDIX",
    "BACK_KINDS",
    "BODY_KIND",
    "CHAPTER_PAGE",
    "FRONT_KINDS",
    "INDEX",
    "KINDS",
    "NEXT_PAGE_KINDS",
    "Block",
    "Book",
    "BookConfig",
    "Chapter",
    "Image",
    "IndexEntry",
    "IndexGroup",
    "IndexMark",
    "Labels",
    "Manuscript",
    "Note",
    "Numbered",
    "Part",
    "RenderedChapter",
    "RenderedPart",
    "RenderedSection",
    "Section",
    "TocNode",
    "YearMonth",
    "matter_of",
    "roman",
]


# A section's `kind` places it in the book: front matter after the imprint (roman folios),
# the body (chapters, by part), back matter after the chapters and before the index.
FRONT_KINDS = (
    "foreword",
    "acknowledgments",
    "preface",
    "acronyms",
    "chronology",
    "profile",
    "introduction",
)
BODY_KIND = "section"
BACK_KINDS = ("appendix", "bibliography", "glossary")
CHAPTER_PAGE = "chapter"  # `kind: chapter` (as the importer writes it): a body section that
# is its chapter's own page, whose text opens the chapter
KINDS = (*FRONT_KINDS, BODY_KIND, CHAPTER_PAGE, *BACK_KINDS)
# The front-matter divisions that open on the next page, left or right, as the lists of
# tables and figures do (the Chicago Manual, 17th ed., 1.4: the lists, the abbreviations and
# a chronology "recto or verso"); every other division opens on a right-hand page.
NEXT_PAGE_KINDS = ("acronyms", "chronology")


def matter_of(kind: str) -> str:
    """'front', 'body' or 'back'."""
    return "front" if kind in FRONT_KINDS else "back" if kind in BACK_KINDS else "body"


def roman(number: int) -> str:
    """4 -> 'IV'."""
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while number >= value:
            out, number = out + letters, number - value
    return out


def _updated_after(section: Section) -> YearMonth | None:
    """A section's `last_updated` when it is later than its data's date, else None."""
    later = section.last_updated
    return None if later is None or later == section.data_as_of else later


@dataclass(frozen=True, slots=True)
class Labels:
    """Every word octavo generates, in the book's language (templates/labels/<lang>.toml,
    then book.toml's [labels]). Templates read `labels.contents` (Jinja falls back to
    item access); Python calls `format`."""

    language: str
    words: tuple[tuple[str, str], ...]  # key -> text with {placeholders}, sorted
    months: tuple[str, ...]  # 12 names, as in "June 1995"
    months_of: tuple[str, ...]  # 12 names, as in "10 June 1995" (genitive where it differs)

    def __getitem__(self, key: str) -> str:
        return _lookup(self.words, key)

    def format(self, key: str, **values: object) -> str:
        """The label with its values; a value that ends in a period before the label's own
        ('1995 г.' in '… по {newest}.') gives the sentence one, not 'г..'."""
        template = self[key]
        for name, value in values.items():
            if isinstance(value, str) and value.endswith(".") and f"{{{name}}}." in template:
                values[name] = value[:-1]
        return template.format(**values)

    def capital(self, key: str) -> str:
        """The label opening a sentence: "See also" after an index entry's full stop,
        capitalised as the book's language does ("İlgili" in Turkish; Georgian, which has
        no capitals in text, unchanged)."""
        from octavo.casing import capital

        return capital(self[key], self.language)

    def month_year(self, month: YearMonth) -> str:
        """'June 1995' in the book's language and order."""
        return self.format("month_year", month=self.months[month.month - 1], year=month.year)

    def day(self, when: datetime) -> str:
        """'10 June 1995'."""
        return self.format(
            "day_month_year", day=when.day, month=self.months_of[when.month - 1], year=when.year
        )

    def note(self, section: Section) -> str:
        """The data-date note: 'Data as of June 1995.'"""
        text = self.format("data_as_of", date=self.month_year(section.data_as_of))
        later = _updated_after(section)
        if later is not None:
            text += " " + self.format("last_updated", date=self.month_year(later))
        return text

    def updated(self, section: Section) -> str:
        """'updated September 1995', the data-currency appendix's words for a section
        updated after its data's date (both outputs); "" for one that was not."""
        later = _updated_after(section)
        return "" if later is None else self.format("updated", date=self.month_year(later))

    def chapter(self, number: int) -> str:
        return self.format("chapter_label", number=number)

    def part(self, number: int) -> str:
        return self.format("part_label", number=roman(number))

    def separator(self, key: str) -> str:
        """The words between `{label}` and `{title}` in a heading's form (': ' of
        'Chapter 8: Government', ' · ' of 'Part I · Belarus'): what sets the label apart
        where a template shows the two apart (the contents, a heading read without styles).
        A space where the book's form does not put the label first."""
        form = self[key]
        start, end = form.find("{label}"), form.find("{title}")
        if start != 0 or end < 0:
            return " "
        return form[len("{label}") : end] or " "


def _lookup(words: tuple[tuple[str, str], ...], key: str) -> str:
    low, high = 0, len(words)
    while low < high:
        middle = (low + high) // 2
        if words[middle][0] < key:
            low = middle + 1
        else:
            high = middle
    if low < len(words) and words[low][0] == key:
        return words[low][1]
    raise KeyError(f"no label {key!r}")


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
    kind: str = BODY_KIND  # one of KINDS: where the section goes (front, body, back matter)
    chapter_page: bool = False  # `kind: chapter`: the chapter-level page, its chapter's opening

    def line_of(self, key: str) -> int:
        return dict(self.field_lines).get(key, 1)

    @property
    def depth(self) -> int:
        """1 for a top-level section of its chapter, 2 below that, ..."""
        return len(self.parents) + 1


@dataclass(frozen=True, slots=True)
class Part:
    """One country of a volume of several: "Part I · Belarus"."""

    number: int  # 1..
    title: str  # the country

    @property
    def slug(self) -> str:
        return f"part{self.number}"

    @property
    def country_slug(self) -> str:
        """Its country as ASCII words of a file name ("moldova"; "" for a title with no
        ASCII letter or digit): what tells one part's files from another's by name."""
        from octavo.text import slugify

        return slugify(self.title, 32)


@dataclass(frozen=True, slots=True)
class Chapter:
    """A division of the book: a numbered chapter of the body, or a front- or back-matter
    division (a Foreword, the Glossary) holding the sections of one `kind`."""

    number: int  # within its part; 0: unnumbered (chapter 0, or front/back matter)
    title: str  # "" when nobody gave one (W310): the label stands alone
    sections: tuple[Section, ...]
    kind: str = BODY_KIND
    part: int = 0  # Part.number, 0 when the book has no parts
    opening: Section | None = None  # the chapter-level page: its text opens the chapter
    # chapter 0's unplaced sections under several headings are a division a heading: this
    # one's place among them (0 the first), so that each has an id and a file of its own
    division: int = 0

    @property
    def slug(self) -> str:
        return self.named_slug("")

    def named_slug(self, country: str) -> str:
        """The slug ("p2-ch02"), with `country` (its part's Part.country_slug) after its
        part's number, "p2-moldova-ch02", where a person tells files apart by their names
        (handouts); the slug itself in a book of no parts or for no country. Not an id."""
        prefix = f"p{self.part}-" if self.part else ""
        named = f"{country}-" if self.part and country else ""
        more = f"-{self.division + 1}" if self.division else ""
        own = self.kind if self.kind != BODY_KIND else f"ch{self.number:02d}"
        return prefix + named + own + more

    @property
    def matter(self) -> str:
        """'front', 'body' or 'back'; a country's profile and introduction open its part."""
        matter = matter_of(self.kind)
        return "body" if self.part and matter == "front" else matter

    @property
    def opens_recto(self) -> bool:
        """Whether the division opens on a right-hand page (a blank page before it if need
        be): all but the front matter's NEXT_PAGE_KINDS, which open on the next page. The
        one rule for the print template and the PDF's read-back (E612)."""
        return self.matter != "front" or self.kind not in NEXT_PAGE_KINDS

    def label(self, labels: Labels) -> str:
        """'Chapter 8' above the title, or '' (unnumbered, untitled, or the title says it).

        The one rule for a chapter's label, for every output."""
        if self.kind != BODY_KIND or not self.number or not self.title:
            return ""
        label = labels.chapter(self.number)
        return "" if label.casefold() == self.title.casefold() else label

    def shown_title(self, labels: Labels) -> str:
        """The title, or 'Chapter 8' for a chapter nobody titled (W310)."""
        return self.title or labels.chapter(self.number)

    def heading(self, labels: Labels) -> str:
        """As shown on one line: 'Chapter 8: Government', 'Foreword', 'Chapter 8'."""
        label, title = self.label(labels), self.shown_title(labels)
        return labels.format("chapter_heading", label=label, title=title) if label else title


@dataclass(frozen=True, slots=True)
class Book:
    project: Project
    chapters: tuple[Chapter, ...]  # in reading order: front matter, body by part, back matter
    modified: datetime  # the build time: Project.build_time (SOURCE_DATE_EPOCH, else content)
    labels: Labels
    parts: tuple[Part, ...] = ()  # () unless the sections name more than one country
    index_terms: tuple[tuple[str, str], ...] = ()  # index.toml: (words, entry), longest first

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
    word: str = ""  # the book's word for its kind: "Table", "Таблица" (labels)

    @property
    def label(self) -> str:
        """'Table 3'."""
        return f"{self.word or self.kind.capitalize()} {self.number}"


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
class IndexMark:
    """A term marked for the index where it occurs (octavo.render.index_marks)."""

    id: str  # the anchor at the occurrence; "" for a cross-reference only (see=)
    path: tuple[str, ...]  # entry, sub-entry ...
    see: str = ""
    see_also: str = ""
    text: str = ""  # the words marked


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """An entry of the index: its locators (anchors, in reading order), cross-references and
    sub-entries, sorted by the book's language."""

    term: str
    locators: tuple[str, ...]  # anchor ids of its marks, in reading order
    see: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    children: tuple[IndexEntry, ...] = ()
    words: tuple[str, ...] = ()  # the words marked, in the text (for read-back checks)


@dataclass(frozen=True, slots=True)
class IndexGroup:
    letter: str  # "B"
    entries: tuple[IndexEntry, ...]


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
    marks: tuple[IndexMark, ...] = ()  # index terms marked in the body

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
    heading_text: str = ""  # plain, one line: 'Chapter 8: Government and Politics'
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

    @property
    def sections(self) -> tuple[RenderedSection, ...]:
        return tuple(s for c in self.chapters for s in c.sections)

    @property
    def tables(self) -> tuple[Numbered, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @property
    def figures(self) -> tuple[Numbered, ...]:
        return tuple(f for s in self.sections for f in s.figures)
