"""What a book says about itself, worked out once for every output.

`book_meta(book)` gives one `BookMeta`; the EPUB's package metadata and title page
(octavo.render.epub.metadata) and the PDF's head, title page, imprint and cover
(templates/print/) read the same object, each through the properties it needs: `creators`,
`contributing` and `identifiers` for the EPUB's OPF, `credited`, `contributing`, `subject`
and `timestamp` for the PDF's metadata, `contributors` for every title page.

Who is credited how, alike in both outputs, as pandoc writes an EPUB (`author` a dc:creator,
a `contributor` with role edt a dc:contributor) and as calibre reads both (an EPUB's and a
PDF's authors from dc:creator and /Author alone; an EPUB's editors as its authors only when
it names none, calibre bug 1950579): the authors are the creators, and the editors are
contributors beside them; a book of editors alone (a country study "Edited by Helen
Fedor") is credited to its editors, role edt, and one of neither to its publisher.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from octavo import __version__
from octavo.model import Book, BookConfig, Labels
from octavo.model.language_tags import direction

__all__ = ["BookMeta", "book_meta", "contributor_lines", "data_as_of", "series_line"]


@dataclass(frozen=True, slots=True)
class BookMeta:
    title: str
    subtitle: str
    language: str
    identifier: str  # urn:uuid:...
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    publisher: str
    subjects: tuple[str, ...]  # book.toml's subject, else country and series
    description: str
    series: str
    source: str
    research_completed: str  # "June 1995", or ""
    data_as_of: str  # "June 1995", or "March 1994 – June 1995" from the sections
    modified: datetime  # UTC: the build time (Book.modified)
    published: str  # book.toml's date ("1995", "1995-06", "1995-06-10"), or ""
    date_label: str  # '10 June 1995': when the book was made, in the book's language
    contributors: tuple[str, ...]  # a title page's lines: 'A and B', 'Edited by C and D'
    credited: tuple[str, ...]  # the PDF's authors, else 'C (editor)', else the publisher
    published_label: str = ""  # book.toml's date in the book's language: 'June 1995'
    summary: str = ""  # schema:accessibilitySummary
    version: str = __version__
    isbn: str = ""  # hyphenated ISBN-13
    lccn: str = ""
    doi: str = ""
    series_number: str = ""
    series_position: str = ""
    series_line: str = ""  # 'Country Studies, DA Pam 550-112 (no. 112)', in the book's language
    cataloguing: tuple[str, ...] = ()  # the CIP block's lines

    @property
    def subject(self) -> str:
        """The PDF's /Subject: the description, else the subtitle, else the title."""
        return self.description or self.subtitle or self.title

    @property
    def direction(self) -> str:
        """'rtl' for a book in a language written right to left (ar, he, fa, ur...), else
        'ltr': its documents' `dir` (octavo.model.language_tags.direction)."""
        return direction(self.language)

    @property
    def day(self) -> str:
        """The EPUB's dc:date: when the book was published (book.toml's `date`), else the
        day it was built ('2026-12-05'), as pandoc and Standard Ebooks date an edition."""
        return self.published or self.modified.strftime("%Y-%m-%d")

    @property
    def timestamp(self) -> str:
        """'1995-06-10T00:00:00Z' (the PDF's creation and modification dates)."""
        return self.modified.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def package_identifier(self) -> str:
        """The OPF's unique-identifier (and the NCX's dtb:uid): the ISBN, else the UUID."""
        return f"urn:isbn:{self.isbn.replace('-', '')}" if self.isbn else self.identifier

    @property
    def identifiers(self) -> tuple[tuple[str, str, str], ...]:
        """(id, dc:identifier, ONIX code list 5 type) after the first (package) one: the
        ISBN leads when there is one, the UUID follows so a reading system that knew the
        book by it still finds it."""
        found = [("uuid", self.identifier, "")] if self.isbn else []
        if self.lccn:
            found.append(("lccn", f"urn:lccn:{self.lccn}", "13"))
        if self.doi:
            found.append(("doi", f"doi:{self.doi}", "06"))
        return tuple(found)

    @property
    def creators(self) -> tuple[tuple[str, str], ...]:
        """dc:creator (name, MARC relator): the authors, else the editors; a book with neither
        is credited to its publisher as corporate author, as library catalogues credit a
        country study ("Federal Research Division, Library of Congress"), so no reading
        system shows "Unknown"."""
        people = [(a, "aut") for a in self.authors] or [(e, "edt") for e in self.editors]
        if not people and self.publisher:
            people = [(self.publisher, "aut")]
        return tuple(people)

    @property
    def contributing(self) -> tuple[tuple[str, str], ...]:
        """dc:contributor (name, MARC relator), the EPUB's and the PDF's XMP: the editors of a
        book that has authors (the creators then; a book of editors alone has them as its
        creators). The PDF's /Author and XMP dc:creator named the authors alone, the
        editors the title page credits nowhere."""
        return tuple((e, "edt") for e in self.editors) if self.authors else ()


def book_meta(book: Book) -> BookMeta:
    config, labels = book.config, book.labels
    completed = config.research_completed
    modified = book.modified.astimezone(UTC)
    return BookMeta(
        title=config.title,
        subtitle=config.subtitle,
        language=config.language,
        identifier=config.identifier,
        authors=config.authors,
        editors=config.editors,
        publisher=config.publisher,
        subjects=config.subject or _subjects(config),
        description=config.description,
        series=config.series,
        source=config.source,
        research_completed=labels.month_year(completed) if completed else "",
        data_as_of=data_as_of(book),
        modified=modified,
        published=config.date,
        date_label=labels.day(modified),
        published_label=labels.published(config.date),
        contributors=contributor_lines(config, labels),
        credited=config.authors
        or tuple(labels.format("editor", name=n) for n in config.editors)
        or tuple(filter(None, (config.publisher,))),  # a corporate author, as the EPUB's
        summary=labels.format("accessibility_summary"),
        isbn=config.isbn,
        lccn=config.lccn,
        doi=config.doi,
        series_number=config.series_number,
        series_position=config.series_position,
        series_line=series_line(config, labels),
        cataloguing=tuple(config.cataloguing.splitlines()),
    )


def contributor_lines(config: BookConfig, labels: Labels) -> tuple[str, ...]:
    """Who made the book, as every title page and cover says it in the book's language:
    'A and B', then 'Edited by C and D' (either line left out when there is nobody)."""
    names: tuple[str, ...] = (labels.names(config.authors),) if config.authors else ()
    if config.editors:
        names += (labels.format("edited_by", names=labels.names(config.editors)),)
    return names


def series_line(config: BookConfig, labels: Labels) -> str:
    """The series and the book's place in it, as the imprint, the colophon and the PDF's XMP
    (dc:relation) say it in the book's language: 'Country Studies, DA Pam 550-112 (no. 112)',
    'Country Studies, DA Pam 550-112 (n° 112)' in French; "" without a series."""
    if not config.series:
        return ""
    line = ", ".join(filter(None, (config.series, config.series_number)))
    if config.series_position:
        line += f" ({labels.format('series_position', position=config.series_position)})"
    return line


def data_as_of(book: Book) -> str:
    """When the book's data dates from: the research-completed month, else the span of the
    sections' data dates."""
    month = book.labels.month_year
    if book.config.research_completed:
        return month(book.config.research_completed)
    dates = sorted({s.data_as_of for s in book.sections if s.data_as_of is not None})
    if not dates:
        return ""
    return month(dates[0]) if len(dates) == 1 else f"{month(dates[0])} – {month(dates[-1])}"


def _subjects(config: BookConfig) -> tuple[str, ...]:
    """The subjects of a book whose book.toml names none: its country (a book of parts
    without one: its parts' countries), and its series. A book of parts with neither had
    none, and its PDF's /Keywords was empty (E616 of `invoke check`: review50c)."""
    countries = (config.country,) if config.country else config.parts
    return tuple(filter(None, (*countries, config.series)))
