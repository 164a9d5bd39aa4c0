"""`invoke epub`: the EPUB, made here or by a writer started beside the manuscript."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from octavo.api.opened import BookArg, Sources, default_output, sources
from octavo.collector import paused
from octavo.errors import Diagnostic, boundary
from octavo.outputs import Planned, cache_of, check_build
from octavo.stamps import surely_made

if TYPE_CHECKING:
    from octavo.model import Manuscript
    from octavo.render.epub.beside import Beside

__all__ = ["build_epub", "epub_cover"]


def build_epub(
    book: BookArg, out: Path | None = None, strict: bool = False, jobs: int = 1
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """Build the EPUB 3 to OUT (default build/<slug>.epub); a failure writes nothing.

    `jobs` 0 or 2+: the EPUB writer starts in a second process and prepares while this one
    renders the manuscript (octavo.render.epub.beside): the same bytes, sooner on two
    cores. It starts at once, beside the change check, when the output is surely made
    (missing, changed since its stamp, or a file of the book modified since: an edit);
    else once the check finds work to do, so a build with nothing to do starts nothing.
    The cyclic garbage collector is paused meanwhile (octavo.collector): what this
    process makes (the book read, its sections rendered, the manuscript) stays alive until
    the EPUB is written and holds few cycles, and the collector's passes over it took
    20-50 ms of a cold build of 81 sections, where the whole build takes 0.3 s."""
    from contextlib import ExitStack

    with paused(), boundary("the EPUB"), ExitStack() as stack:
        given = sources(book, strict)
        target = out if out is not None else default_output(given.project, ".epub")
        cache = cache_of(given.project)

        def writer() -> Beside | None:
            from octavo.render.epub.beside import beside

            return stack.enter_context(beside(given.project, cache))

        early = jobs != 1 and not given.made and not given.project.config.page_list
        surely = early and surely_made(given.project, target)
        ahead = writer() if surely else None
        checked = check_build(given.project, target, {"kind": "epub", "strict": strict})
        if not isinstance(checked, Planned):
            return checked
        helper = ahead if surely else writer() if early else None
        given.measured = helper.measured if helper is not None else None
        given.prepared = helper.prepared if helper is not None else -1
        try:  # with what only the EPUB warns of: page references it cannot print (W517), a
            # book.css of the book's own without octavo's rules (W654)
            rendered, found = given.manuscript(
                save_later=True, more=_epub_warnings, unsorted=helper is not None
            )
            if helper is not None:
                helper.send(rendered, unsorted=True)
        finally:
            given.measured, given.prepared = None, -1
            given.save()  # while the writer works (what it found is reported)
        data = helper.receive() if helper is not None else None
        return checked.write((((target, data or _epub(given, cache)),), found))


def _made_epub(given: Sources) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The EPUB's bytes, made here and written nowhere, and what its build found (the
    EPUB's own W517 with the rest, as `build_epub` tells them)."""
    with paused(), boundary("the EPUB"):
        _, found = given.manuscript(more=_epub_warnings)
        return _epub(given, cache_of(given.project)), found


def _epub_warnings(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    """What only the EPUB warns of: page references it cannot print (W517), a book.css of
    the book's own that lacks octavo's rules (W654); with a page list, a page reference's
    words it shows as the folio (W529)."""
    from octavo.render.epub.cover_warnings import drawn_cover_warnings
    from octavo.render.epub.page_refs import unprinted_page_refs
    from octavo.render.own_styles import lacking_sheet
    from octavo.render.worded_refs import unshown_words

    return (
        unprinted_page_refs(manuscript)
        + lacking_sheet(manuscript.book.project, "epub")
        + unshown_words(manuscript, "epub")
        + drawn_cover_warnings(manuscript)
    )


def _epub(given: Sources, cache: Path | None) -> bytes:
    """The EPUB's bytes, made here."""
    from octavo.render.epub.book import render_epub

    rendered, _ = given.manuscript()
    if rendered.book.config.page_list:
        from octavo.render.pdf.document import PdfOptions
        from octavo.render.pdf.page_map import print_pages

        config = rendered.book.config
        options = PdfOptions(config.paper, False, config.margins, config.bleed)
        pages = print_pages(rendered, options)
        return render_epub(rendered, cache, pages.starts, folios=dict(pages.folios))
    return render_epub(rendered, cache)


def epub_cover(
    book: BookArg, folder: Path, strict: bool = False, built: bool = True
) -> tuple[Path | None, tuple[Diagnostic, ...]]:
    """The EPUB's cover image, taken from the EPUB: the package's `cover-image` item (the
    drawn PNG, or the book's own PNG or JPEG), as FOLDER/cover.png or .jpg; and what the
    EPUB's build found (fatal if `strict`). `built`: the EPUB built at its default place
    (build/<slug>.epub, if missing or stale, as `invoke epub` builds it); else made and
    written nowhere (a preview to an `--out`: nothing is written beside it)."""
    import io
    import posixpath
    import zipfile

    from lxml import etree

    from octavo.write import atomic_bytes

    if built:
        path, found = build_epub(book, strict=strict)
        epub: Path | io.BytesIO = path
    else:
        data, found = _made_epub(sources(book, strict))
        epub = io.BytesIO(data)
    with boundary("the preview"), zipfile.ZipFile(epub) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf = str(container.xpath("string(//*[local-name()='rootfile']/@full-path)"))
        package = etree.fromstring(archive.read(opf))
        items = package.xpath(
            "//*[local-name()='item'][contains(concat(' ', @properties, ' '), ' cover-image ')]"
        )
        if not items:
            return None, found
        name = posixpath.join(posixpath.dirname(opf), items[0].get("href"))
        suffix = ".jpg" if items[0].get("media-type") == "image/jpeg" else ".png"
        return atomic_bytes(folder / f"cover{suffix}", archive.read(name)), found
