"""Manuscript -> EPUB 3 bytes, with ebooklib 0.20 (through the container module's trap handling).

    plan_epub (epub_plan)      which file holds what, heading ids, the nav tree
    documents (epub_docs)      every content document from templates/epub/*.xhtml
    cached_cover (cover)       the cover PNG: drawn, or laid out from the book's own design
    package (here)             ebooklib book: metadata, manifest, spine, NCX
    epub_bytes (epubzip)       ebooklib's writer, options fixed, zip repacked reproducibly

Every XHTML document is written byte for byte (`xhtml_item`), never re-parsed by
ebooklib's EpubHtml (which drops <head>); the nav document is our own template; the
cover page is an ordinary linear spine item.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ebooklib import epub

from octavo.model import Manuscript
from octavo.render.budget import one_output
from octavo.render.epub.container import epub_bytes, xhtml_item
from octavo.render.epub.cover import cached_cover, cover_text
from octavo.render.epub.deflate import Deflated
from octavo.render.epub.documents import (
    COVER_IMAGE,
    IMAGES,
    Document,
    contents,
    documents,
    landmarks,
)
from octavo.render.epub.media import Member, cover_member, image_members
from octavo.render.epub.metadata import add_metadata, add_page_list_metadata
from octavo.render.epub.ncx import ncx_tree, render_ncx
from octavo.render.epub.plan import TEXT, EpubPlan, plan_epub
from octavo.render.epub.rendering import CSS, epub_layers
from octavo.render.epub.styles import epub_stylesheets
from octavo.render.hyphenation import patterns_folder, remember_patterns
from octavo.render.metadata import BookMeta, book_meta

if TYPE_CHECKING:
    from octavo.render.epub.apart import Apart

__all__ = ["package", "render_epub"]

FOLDER = "EPUB"  # ebooklib's EpubBook.FOLDER_NAME: the package's folder in the zip


@one_output()  # its documents share a budget (octavo.render.budget)
def render_epub(
    manuscript: Manuscript,
    cache: Path | None = None,
    breaks: tuple[tuple[str, str], ...] = (),
    deflated: Deflated | None = None,
    folios: Mapping[str, str] | None = None,
    apart: Apart | None = None,
) -> bytes:
    """The EPUB's bytes: the same manuscript and SOURCE_DATE_EPOCH give the same bytes.

    `cache`: a folder where the cover image and the members' deflate streams are kept
    between builds (octavo.render.epub.cover, octavo.render.epub.deflate).
    `breaks`: where each printed page begins (octavo.render.pdf.page_map): the page list;
    `folios`: the printed page of each id, which a page reference then prints.
    `deflated`: the streams to use and keep, saved by the caller (default: the book's in
    `cache`, saved here). `apart`: the later chapters' documents rendered in another
    process (octavo.render.epub.apart: the EPUB writer's)."""
    remember_patterns(patterns_folder(cache))  # the table heads' hyphenation (.heads)
    kept = deflated
    if kept is None:
        kept = Deflated.of_book(cache, manuscript.book.config.identifier)
    meta = book_meta(manuscript.book)
    plan = plan_epub(manuscript)
    cover = cover_member(manuscript)
    if cover is None:
        drawn = cached_cover(manuscript, cache)
        cover = Member(f"{IMAGES}/{COVER_IMAGE}", "image/png", drawn)
    try:
        # the cover, then each document as soon as it is rendered, deflated on a thread
        # while the others are rendered (octavo.render.epub.deflate)
        kept.start({f"{FOLDER}/{cover.name}": cover.data})
        docs = documents(
            plan,
            meta,
            cover_text(manuscript),
            f"../{cover.name}",
            breaks,
            lambda d: kept.start({f"{FOLDER}/{d.file_name}": d.xhtml}),
            folios,
            apart,
        )
        project = manuscript.book.project
        sheets = epub_stylesheets(epub_layers(project), project, cache)
        book = package(plan, meta, docs, cover, _ncx(plan, meta, docs), sheets)
        if breaks:
            add_page_list_metadata(book, meta)
        data = epub_bytes(book, meta.modified, kept)
    finally:
        kept.stop()  # a failed render leaves no thread behind
    if deflated is None:
        kept.save()
    return data


def package(
    plan: EpubPlan,
    meta: BookMeta,
    docs: tuple[Document, ...],
    cover: Member,
    ncx: bytes,
    sheets: tuple[tuple[str, bytes], ...],
) -> Any:
    """The ebooklib book: metadata, stylesheets (name in css/, CSS), images, documents in
    spine order, the NCX and the OPF guide (the landmarks, in EPUB 2 words)."""
    book = epub.EpubBook()
    add_metadata(book, meta)
    for name, css in sheets:
        uid = f"css-{name.removesuffix('.css')}"
        book.add_item(epub.EpubItem(uid, f"{CSS}/{name}", "text/css", css))
    image = epub.EpubCover(uid="cover-image", file_name=cover.name)
    image.media_type, image.content = cover.media_type, cover.data
    book.add_item(image)
    for number, member in enumerate(image_members(plan.manuscript), start=1):
        if member.name != cover.name:
            book.add_item(
                epub.EpubItem(f"image-{number}", member.name, member.media_type, member.data)
            )
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    items = [book.add_item(xhtml_item(d.uid, d.file_name, d.xhtml, d.properties)) for d in docs]
    # Not ebooklib's EpubNcx (dtb:depth 0, no playOrder): our own, id "ncx" as the spine's toc.
    book.add_item(epub.EpubItem("ncx", "toc.ncx", "application/x-dtbncx+xml", ncx))
    book.spine = items
    book.guide = [
        {"type": mark.guide_type, "href": f"{TEXT}/{mark.href}", "title": mark.label}
        for mark in landmarks(plan)
        if mark.guide_type
    ]
    return book


def _ncx(plan: EpubPlan, meta: BookMeta, docs: tuple[Document, ...]) -> bytes:
    """The NCX: the nav's entries as plain text, to book.toml's ncx_depth."""
    entries = [(entry.label, entry) for entry in contents(plan)]
    book = plan.manuscript.book
    tree = ncx_tree(
        entries, book.config.ncx_depth, meta.package_identifier, meta.title, meta.language
    )
    return render_ncx(tree, book.project.env())
