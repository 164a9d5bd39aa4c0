"""The EPUB's package metadata from the book's one BookMeta (octavo.render.metadata):
Dublin Core, dates, identifiers, the series, and accessibility (schema.org)."""

from __future__ import annotations

from typing import Any

from octavo.render.metadata import BookMeta

__all__ = [
    "ACCESSIBILITY",
    "add_metadata",
    "add_page_list_metadata",
    "book_namespace",
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


def add_page_list_metadata(book: Any, meta: BookMeta) -> None:
    """A page list's source, the printed book octavo lays out (its ISBN, else its title),
    and the accessibility features it gives. Not the book's `source` (the web pages the
    study was imported from, which have no pages), which it refined before."""
    printed = f"urn:isbn:{meta.isbn.replace('-', '')}" if meta.isbn else meta.title
    book.add_metadata("DC", "source", printed, {"id": "pagination-source"})
    book.add_metadata(
        None, "meta", "pagination", {"refines": "#pagination-source", "property": "source-of"}
    )
    for feature in ("pageBreakMarkers", "pageNavigation"):
        book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})


def add_metadata(book: Any, meta: BookMeta) -> None:
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
    if meta.direction == "rtl":  # the spine's page-progression-direction, <package dir>
        book.set_direction("rtl")
    for number, (name, role) in enumerate(meta.creators, start=1):
        book.add_author(name, role=role, uid=f"creator-{number}")
    for number, (name, role) in enumerate(meta.contributing, start=1):
        book.add_metadata("DC", "contributor", name, {"id": f"contributor-{number}"})
        _refine(book, f"contributor-{number}", "role", role, {"scheme": "marc:relators"})
    _dc(book, "publisher", meta.publisher)
    for subject in meta.subjects:
        _dc(book, "subject", subject)
    _dc(book, "description", meta.description)
    _dc(book, "date", meta.day)
    if meta.source:
        book.add_metadata("DC", "source", meta.source, {"id": "source"})
    for prop, value in (*ACCESSIBILITY, ("schema:accessibilitySummary", meta.summary)):
        book.add_metadata(None, "meta", value, {"property": prop})
    generator = {"name": "generator", "content": f"octavo {meta.version} (EbookLib)"}
    book.metadata[book_namespace(book, "OPF")]["generator"] = [("", generator)]


def _identifiers(book: Any, meta: BookMeta) -> None:
    """dc:identifier (the ISBN, else the UUID) and the others; the series as a collection."""
    book.set_identifier(meta.package_identifier)
    if meta.isbn:
        _refine(book, "id", "identifier-type", "15", {"scheme": "onix:codelist5"})
    for ident, value, onix in meta.identifiers:
        book.add_metadata("DC", "identifier", value, {"id": ident})
        if onix:
            _refine(book, ident, "identifier-type", onix, {"scheme": "onix:codelist5"})
    if meta.series:
        _series(book, meta)


def _series(book: Any, meta: BookMeta) -> None:
    """The book's series as a collection. A series numbers its books: calibre reads a
    `series` collection's group-position (and calibre:series_index, which Kobo and older
    readers read), and a series without one as the series' book 1. A book whose place in
    its series is not given is therefore in an untyped collection, no reader's '#1'."""
    book.add_metadata(
        None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"}
    )
    if meta.series_position:  # the number between the two, as the OPF has always had it
        _refine(book, "series", "collection-type", "series")
        _refine(book, "series", "group-position", meta.series_position)
        if meta.series_number:
            _refine(book, "series", "dcterms:identifier", meta.series_number)
        for name, value in (("series", meta.series), ("series_index", meta.series_position)):
            book.add_metadata(None, "meta", "", {"name": f"calibre:{name}", "content": value})
    elif meta.series_number:
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
