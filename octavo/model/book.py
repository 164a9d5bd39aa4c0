"""The book as read and assembled (octavo.source): its sections, placed in chapters by
their `kind` (front matter, the body by part, back matter), and the `Book` that holds them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.model.labels import Labels, appendix_letter
from octavo.model.quotes import DEFAULT_TABLE, QuoteTable
from octavo.settings import BookConfig, YearMonth

if TYPE_CHECKING:
    from octavo.model.bibliography import Bibliography  # a book with one imports it
    from octavo.project import Project

__all__ = [
    "APPENDIX_KIND",
    "BACK_KINDS",
    "BODY_KIND",
    "CHAPTER_PAGE",
    "FRONT_KINDS",
    "KINDS",
    "NEXT_PAGE_KINDS",
    "Book",
    "Chapter",
    "Part",
    "Section",
    "matter_of",
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
APPENDIX_KIND = "appendix"  # lettered, A, B, C (Chapter.letter)
BACK_KINDS = (APPENDIX_KIND, "bibliography", "glossary")
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


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a study, as read from its Markdown source."""

    slug: str  # stable, XML-id safe: "s058-russia"
    title: str
    country: str
    chapter: int
    parents: tuple[str, ...]  # breadcrumb levels between chapter and section
    sequence: int  # the N of "Section N of M"
    total: int | None  # the M; None: not a study's page, written for the book (no `total:`)
    # the date of its data; None for a section octavo makes (the reference list it
    # generates: octavo.source.reference_list), which has none of its own: no data-date
    # note, no row of the Data Currency appendix
    data_as_of: YearMonth | None
    last_updated: YearMonth | None
    source: str
    body: str  # Markdown
    path: Path = field(repr=False)  # the source file (not printed: a machine's path)
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
    def dated(self) -> bool:
        """Whether it has a data date (a data-date note, a row of the Data Currency)."""
        return self.data_as_of is not None

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
        """Its country as ASCII words of a file name ("moldova", "Беларусь" "belarus"; ""
        for a title with no letter or digit): what tells one part's files from another's by
        name."""
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
    # chapter 0's unplaced sections under several headings are a division a heading, and so
    # is each appendix: this one's place among them (0 the first), so that each has an id
    # and a file of its own, and an appendix its letter (`letter`)
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

    def letter(self, labels: Labels) -> str:
        """An appendix's letter, "A", "B" … in the order of the appendices (no other
        division counts: a Bibliography before them made the first one's tables "Table
        B.1"), in the letters of the book's language ("А", "Б" in a Russian book:
        octavo.model.labels.appendix_letter); "" for any other division. Its heading, the
        contents and the bookmarks show it, and its tables and figures carry it (numbering =
        "chapter"); their ids keep the Latin letter (float_numbers.float_id_prefix)."""
        return appendix_letter(self.division, labels.language) if self.kind == APPENDIX_KIND else ""

    def label(self, labels: Labels) -> str:
        """'Chapter 8' or 'Appendix B' above the title, or '' (unnumbered, untitled, or the
        title says it).

        The one rule for a chapter's label, for every output."""
        if self.kind == APPENDIX_KIND:
            return labels.appendix(self.letter(labels)) if self._own_title(labels) else ""
        if self.kind != BODY_KIND or not self.number or not self.title:
            return ""
        label = labels.chapter(self.number)
        return "" if label.casefold() == self.title.casefold() else label

    def shown_title(self, labels: Labels) -> str:
        """The title, 'Chapter 8' for a chapter nobody titled (W310); an appendix's title
        without a label its author wrote ('Appendix A: Cities' is 'Cities', under octavo's
        own 'Appendix B' when it is the second), 'Appendix A' for one titled only so
        ("Appendix A: Appendix" and "Appendix A: Appendix A: Cities" said it twice)."""
        if self.kind == APPENDIX_KIND:
            return self._own_title(labels) or labels.appendix(self.letter(labels))
        return self.title or labels.chapter(self.number)

    def _own_title(self, labels: Labels) -> str:
        """An appendix's title less a label its author wrote before it: the kind's name
        ("Appendix", "Приложение"), a letter or number at most four long, and a colon,
        stop or dash after it ('Appendix B: Cities', 'Appendix: Cities', 'Appendix C');
        a title that goes on otherwise ('Appendix of Treaties') is kept whole."""
        kind = re.escape(labels.format(f"kind_{self.kind}"))
        written = re.match(
            rf"(?i:{kind})(?:\s+[^\W_]{{1,4}})?\s*(?:[:.\u2013\u2014-]\s*|$)", self.title
        )
        return self.title[written.end() :].strip() if written else self.title

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
    quotes: QuoteTable = DEFAULT_TABLE  # each language's quotation marks (octavo.source.quotes)
    bibliography: Bibliography | None = (
        None  # book.toml's `bibliography` (octavo.source.bibliography)
    )

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
