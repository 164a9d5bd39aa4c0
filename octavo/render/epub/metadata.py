"""The EPUB's package metadata: Dublin Core, dates, and accessibility (schema.org)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from octavo import __version__
from octavo.model import Book

__all__ = [
    "ACCESSIBILITY",
    "EpubMeta",
    "add_metadata",
    "book_namespace",
    "epub_meta",
]

ACCESSIBILITY: tuple[tuple[str, str], ...] = (
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),  # the cover image (it has a text alternative)
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
)  # and schema:accessibilitySummary, in the book's language (label accessibility_summary)


@dataclass(frozen=True, slots=True)
class EpubMeta:
    title: str
    subtitle: str
    language: str
    identifier: str
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    publisher: str
    subjects: tuple[str, ...]
    description: str
    series: str
    source: str
    research_completed: str  # "June 1995", or ""
    modified: datetime  # UTC: SOURCE_DATE_EPOCH (Book.modified)
    contributors: str = ""  # for the title page: 'A, B' or 'Edited by C'
    date_label: str = ""  # '1 December 2026': when the book was made, in the book's language
    summary: str = ""  # schema:accessibilitySummary
    version: str = __version__
    isbn: str = ""  # hyphenated ISBN-13
    lccn: str = ""
    doi: str = ""
    series_number: str = ""
    series_position: str = ""

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
        """dc:creator (name, MARC relator): the authors and the editors; a book with neither
        is credited to its publisher as corporate author, as library catalogues credit a
        country study ("Federal Research Division, Library of Congress"), so no reading
        system shows "Unknown"."""
        people = [(a, "aut") for a in self.authors] + [(e, "edt") for e in self.editors]
        if not people and self.publisher:
            people = [(self.publisher, "aut")]
        return tuple(people)

    @property
    def date(self) -> str:
        return self.modified.strftime("%Y-%m-%d")


def epub_meta(book: Book) -> EpubMeta:
    config = book.config
    completed = config.research_completed
    labels = book.labels
    names = ", ".join(config.authors) or (
        labels.format("edited_by", names=", ".join(config.editors)) if config.editors else ""
    )
    return EpubMeta(
        title=config.title,
        subtitle=config.subtitle,
        language=config.language,
        identifier=config.identifier,
        authors=config.authors,
        editors=config.editors,
        publisher=config.publisher,
        subjects=config.subject or tuple(filter(None, (config.country, config.series))),
        description=config.description,
        series=config.series,
        source=config.source,
        research_completed=labels.month_year(completed) if completed else "",
        modified=book.modified.astimezone(UTC),
        isbn=config.isbn,
        lccn=config.lccn,
        doi=config.doi,
        series_number=config.series_number,
        series_position=config.series_position,
        contributors=names,
        summary=labels["accessibility_summary"],
        date_label=labels.day(book.modified.astimezone(UTC)),
    )


def add_metadata(book: Any, meta: EpubMeta) -> None:
    """Everything but dcterms:modified (the writer adds it from the same time)."""
    _identifiers(book, meta)
    book.title = meta.title  # ebooklib's NCX docTitle
    book.add_metadata("DC", "title", meta.title, {"id": "title"})
    book.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if meta.subtitle:
        book.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        book.add_metadata(
            None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"}
        )
    book.set_language(meta.language)
    for number, (name, role) in enumerate(meta.creators, start=1):
        book.add_author(name, role=role, uid=f"creator-{number}")
    _dc(book, "publisher", meta.publisher)
    for subject in meta.subjects:
        _dc(book, "subject", subject)
    _dc(book, "description", meta.description)
    _dc(book, "date", meta.date)
    _dc(book, "source", meta.source)
    for prop, value in (*ACCESSIBILITY, ("schema:accessibilitySummary", meta.summary)):
        book.add_metadata(None, "meta", value, {"property": prop})
    generator = {"name": "generator", "content": f"octavo {meta.version} (EbookLib)"}
    book.metadata[book_namespace(book, "OPF")]["generator"] = [("", generator)]


def _identifiers(book: Any, meta: EpubMeta) -> None:
    """dc:identifier (the ISBN, else the UUID) and the others; the series as a collection."""
    book.set_identifier(meta.package_identifier)
    if meta.isbn:
        _refine(book, "id", "identifier-type", "15", {"scheme": "onix:codelist5"})
    for ident, value, onix in meta.identifiers:
        book.add_metadata("DC", "identifier", value, {"id": ident})
        if onix:
            _refine(book, ident, "identifier-type", onix, {"scheme": "onix:codelist5"})
    if meta.series:
        book.add_metadata(
            None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"}
        )
        _refine(book, "series", "collection-type", "series")
        if meta.series_position:
            _refine(book, "series", "group-position", meta.series_position)
        if meta.series_number:
            _refine(book, "series", "dcterms:identifier", meta.series_number)


def _refine(
    book: Any, ident: str, prop: str, value: str, extra: dict[str, str] | None = None
) -> None:
    book.add_metadata(
        None, "meta", value, {"refines": f"#{ident}", "property": prop, **(extra or {})}
    )


def book_namespace(book: Any, key: str) -> str:
    from ebooklib.epub import NAMESPACES

    return str(NAMESPACES[key])


def _dc(book: Any, name: str, value: str) -> None:
    if value:
        book.add_metadata("DC", name, value)
