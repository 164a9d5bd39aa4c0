"""The print outputs: `invoke pdf` (the book), `invoke cover` (`invoke handouts`:
octavo.api.handouts)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from octavo.api.opened import BookArg, Sources, default_output, sources
from octavo.errors import BuildError, Diagnostic, boundary, error, raise_if_errors
from octavo.outputs import Made, cache_of, cached_build
from octavo.stamps import surely_made

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from octavo.model import Manuscript
    from octavo.render.pdf.build import PrintChoices
    from octavo.render.pdf.cover import CoverGeometry
    from octavo.render.pdf.parallel.start import KeptWorkers

__all__ = ["build_cover", "build_pdf", "laid_out_pdf", "told_boxes"]


def build_pdf(
    book: BookArg,
    out: Path | None = None,
    paper: str | None = None,
    html: Path | None = None,
    strict: bool = False,
    tagged: bool = False,
    jobs: int = 1,
    variant: str = "",
    bleed: str | None = None,
    marks: str | None = None,
    kept: KeptWorkers | None = None,
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """`invoke pdf`: the print PDF (and, if asked, the HTML WeasyPrint laid out).

    A rebuild whose inputs did not change does no work (octavo.outputs). `jobs` > 1 lays
    chapters out in parallel and reuses unchanged ones: the same PDF, sooner. `variant`:
    a PDF variant (pdf/x-4, pdf/x-1a, pdf/a-2b, pdf/a-3b, pdf/ua-1); `bleed` and `marks`
    replace book.toml's. `kept`: workers kept warm between the builds of this process
    (`invoke watch`), used when the PDF is laid out in parts. A PDF of a variant is read
    back before it is written (`_read_back`): one the variant refuses is E644, and the
    last build's PDF stays as it was."""
    from contextlib import ExitStack

    with boundary("the PDF"), ExitStack() as stack:
        given = sources(book, strict)
        target = out or default_output(given.project, ".pdf")
        # the workers start beside the change check when the PDF is surely made (as `invoke
        # epub`'s writer does: their WeasyPrint import overlaps the check too); whether
        # there are workers to start at all, early_pool decides by its own rules
        ahead = None
        if jobs != 1 and not given.made and surely_made(given.project, target):
            from octavo.render.pdf.parallel.start import early_pool

            pooled = (given.project, jobs, html is not None, variant, tagged, kept)
            ahead = (stack.enter_context(early_pool(*pooled)),)

        def make() -> Made:
            from octavo.render.pdf.build import PrintChoices

            choices = PrintChoices(paper, html is not None, tagged, jobs, variant, bleed, marks)
            pdf, laid_out, found = _book_pdf(given, choices, kept, ahead)
            _read_back(given, pdf, choices, target, found)
            files = ((html, laid_out.encode("utf-8")),) if html and laid_out is not None else ()
            return (*files, (target, pdf)), found

        options = {
            "kind": "pdf",
            "paper": paper,
            "html": html,
            "strict": strict,
            "tagged": tagged,
            "variant": variant,
            "bleed": bleed,
            "marks": marks,
        }
        return cached_build(given.project, target, options, make, (html,) if html else ())


def laid_out_pdf(
    book: BookArg, paper: str | None = None, strict: bool = False
) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """The book's PDF laid out and written nowhere, and what its build found (fatal if
    `strict`): for what reads the book's pages to make another output (a cover's page
    count, a preview's pages) written to an `--out`, beside which nothing else is written.
    The sections' and notes' caches (build/.octavo/) serve it as they serve `invoke pdf`."""
    from octavo.render.pdf.build import PrintChoices

    with boundary("the PDF"):
        pdf, _, found = _book_pdf(sources(book, strict), PrintChoices(paper))
        return pdf, found


def _book_pdf(
    given: Sources,
    choices: PrintChoices,
    kept: KeptWorkers | None = None,
    ahead: tuple[Executor | None] | None = None,
) -> tuple[bytes, str | None, tuple[Diagnostic, ...]]:
    """The book's PDF laid out (and the HTML laid out, `choices.html`), written nowhere.
    `ahead`: the workers started already (or None in it: none to be had), else started
    here."""
    from contextlib import nullcontext

    from octavo.render.pdf.parallel.start import early_pool

    # workers first: they import WeasyPrint while the book is read and rendered
    pooled = (given.project, choices.jobs, choices.html, choices.variant, choices.tagged, kept)
    with nullcontext(ahead[0]) if ahead is not None else early_pool(*pooled) as pool:
        from octavo.render.long_words import unbroken_runs
        from octavo.render.own_styles import lacking_sheet, rehinted
        from octavo.render.pdf.build import render_book_pdf
        from octavo.render.pdf.missing_glyphs import heard
        from octavo.render.pdf.notes.lines import let_through_told
        from octavo.render.pdf.notes.place import Spilled, let_through
        from octavo.render.pdf.unhyphenated import unhyphenated
        from octavo.render.worded_refs import unshown_words

        # with what only print warns of: runs longer than any word, broken (W524); justified
        # text in a language without hyphenation patterns (W653); a book.css of the book's
        # own without octavo's note rules (W654); a page reference's words (W529); the
        # cover image coarse or cut on the first page (W659, W660)
        rendered, found = given.manuscript(
            more=lambda m: (
                unbroken_runs(m)
                + unhyphenated(m)
                + lacking_sheet(m.book.project, "print")
                + unshown_words(m)
                + _first_page_cover(m, choices)
            )
        )
        with heard() as boxes, let_through() as through:
            try:
                pdf, laid_out = render_book_pdf(rendered, cache_of(given.project), choices, pool)
            except Spilled as failed:  # E657, in this process or a part's: at the call
                spilled = let_through_told(rendered.sections, [failed.group])
                raise BuildError((*found, *spilled)) from None
            except BuildError as failed:  # E604 of a book's own book.css: its hint names it
                raise rehinted(failed, given.project) from None
    # notes called on one page that are more than a page of notes, let through (W656)
    crowded = let_through_told(rendered.sections, through)
    raise_if_errors((*found, *crowded), given.strict and bool(crowded))
    return pdf, laid_out, told_boxes(given, rendered, (*found, *crowded), boxes)


def _first_page_cover(rendered: Manuscript, choices: PrintChoices) -> tuple[Diagnostic, ...]:
    """W659 and W660 of the cover image on the PDF's first page: the trim and its bleed."""
    from octavo.render.pdf.build import pdf_options
    from octavo.render.pdf.cover_image import cover_image_told

    if rendered.cover is None:
        return ()
    page = pdf_options(rendered.book.config, choices).page
    bled = (page.width + 2 * page.bleed, page.height + 2 * page.bleed)
    return cover_image_told(rendered, *bled, "on the PDF's first page", bool(page.bleed))


def told_boxes(
    given: Sources,
    rendered: Manuscript,
    found: tuple[Diagnostic, ...],
    boxes: dict[str, None],
    sections: bool = True,
) -> tuple[Diagnostic, ...]:
    """`found` and the characters no font holds, printed as empty boxes (W651: the book's
    PDF, its handouts, its cover; `sections`: as missing_glyphs takes it): fatal under
    --strict, with what was found before."""
    from octavo.render.pdf.missing_glyphs import missing_glyphs

    boxed = missing_glyphs(rendered, boxes, sections)
    if boxed:
        raise_if_errors((*found, *boxed), given.strict)
    return (*found, *boxed)


def _read_back(
    given: Sources, pdf: bytes, choices: PrintChoices, target: Path, found: tuple[Diagnostic, ...]
) -> None:
    """The PDF of a variant (`--pdf-variant`, `--tagged`) read back (octavo.check.variants)
    before anything is written: BuildError (E644, a figure named by its source file, the
    build's warnings with it) on what the variant refuses. Without a variant, nothing is
    read: a PDF build is not made slower."""
    from octavo.render.pdf.build import pdf_options

    rendered, _ = given.manuscript()
    variant = pdf_options(rendered.book.config, choices).pdf_variant
    if not variant:
        return
    from octavo.check.variants import check_variant

    images = (*rendered.images, *((rendered.cover,) if rendered.cover else ()))
    refused = check_variant(pdf, variant, images, given.project.root, target)
    if refused:
        raise BuildError((*found, *refused))


def build_cover(
    book: BookArg,
    out: Path | None = None,
    pages: int = 0,
    paper: str | None = None,
    bleed: str | None = None,
    variant: str = "",
    strict: bool = False,
) -> tuple[Path, tuple[Diagnostic, ...]]:
    """`invoke cover`: the print cover (back, spine, front) for the trim, the page count
    (`pages`, else the book's PDF, built first if it is missing or stale) and `ppi`."""
    with boundary("the cover"):
        given = sources(book, strict)
        target = out or default_output(given.project, "-cover.pdf")
        if pages < 0:
            raise BuildError([error("E645", f"--pages {pages}: a page count is 1 or more")])
        counted = not pages
        if counted:
            pages = _pages(given, out, paper, strict)

        def make() -> Made:
            from octavo.render.pdf.build import PrintChoices, pdf_options
            from octavo.render.pdf.cover import cover_geometry, fits_a_page, is_bound, render_cover
            from octavo.render.pdf.cover_image import cover_image_told
            from octavo.render.pdf.missing_glyphs import heard

            rendered, found = given.manuscript()
            chosen = PrintChoices(paper=paper, variant=variant, bleed=bleed, marks="none")
            options = pdf_options(rendered.book.config, chosen)
            geometry = cover_geometry(options.page, pages, rendered.book.config.ppi)
            fits_a_page(geometry)
            is_bound(geometry, rendered.book.config, counted)
            with heard() as boxes:
                pdf, geometry, told = render_cover(rendered, options, geometry)
            front = (geometry.width + geometry.bleed, geometry.height + 2 * geometry.bleed)
            where = "on the print cover's front"
            told += cover_image_told(rendered, *front, where, bool(geometry.bleed))
            # its texts are book.toml's: W651 at the line of the key that holds one
            found = told_boxes(given, rendered, (*found, *told), boxes, sections=False)
            # a font with empty boxes reads back as no text (E652): its words would be told
            # as cut (E646); W651 says what the cover prints
            refused = () if boxes else read_back_cover(rendered, pdf, geometry, target)
            if refused:
                raise BuildError((*found, *refused))
            _read_back(given, pdf, chosen, target, found)
            return ((target, pdf),), found

        options = {
            "kind": "cover",
            "pages": pages,
            "paper": paper,
            "bleed": bleed,
            "variant": variant,
            "strict": strict,  # a lenient build's warnings are never replayed as a pass
        }
        return cached_build(given.project, target, options, make)


def read_back_cover(
    rendered: Manuscript,
    pdf: bytes,
    geometry: CoverGeometry,
    target: Path,
    laid_out: bool = True,
    made: str = "",
) -> tuple[Diagnostic, ...]:
    """The cover read back for the printer (octavo.check.cover, E646), by `invoke cover`
    before it is written and by `invoke check`: its boxes, its text on its sides, the
    barcode's space, the title, the subtitle, the description and the publisher printed
    whole, each on its side and off the barcode. `laid_out`: `geometry` says what the
    spine printed (else the spine's texts may be left out: W647, and the cover, given to
    check, may be another book's: its title printed nowhere is told as that); `made`:
    what the size was worked out from, told with a trim of another size."""
    from octavo.check.cover import CoverPlan, Expected, check_cover
    from octavo.model.language_tags import direction

    config = rendered.book.config
    front = (
        ("title", config.title),
        ("subtitle", config.subtitle),
        ("publisher", config.publisher),
    )
    spine = (("title", config.title), ("publisher", config.publisher))
    texts = (
        ("back", "title", config.title, True),
        ("back", "description", config.description, True),
        ("back", "publisher", config.publisher, True),
        *(("spine", k, t, laid_out) for k, t in spine[: _spine_texts(geometry, laid_out)]),
        *(("front", k, t, True) for k, t in front if rendered.cover is None),
    )
    expected = tuple(
        Expected(side, key, text, config.path, config.line_of(key), required)
        for side, key, text, required in texts
        if text.strip()
    )
    width, height, spine_width, bleed = (
        geometry.width,
        geometry.height,
        geometry.spine,
        geometry.bleed,
    )
    rtl = direction(config.language) == "rtl"  # mirrored: front | spine | back
    plan = CoverPlan(width, height, spine_width, bleed, expected, made, not laid_out, rtl)
    return check_cover(pdf, plan, target)


def _spine_texts(geometry: CoverGeometry, laid_out: bool) -> int:
    """How many of the title and the publisher the spine prints (may print)."""
    if not laid_out:
        return 2 if geometry.spine_title else 0
    return {"both": 2, "title": 1}.get(geometry.spine_text, 0)


def _pages(given: Sources, out: Path | None, paper: str | None, strict: bool) -> int:
    """The book's page count for its cover's spine: its PDF at its default place, built
    if missing or stale, for the cover at its own; for a cover written to an `--out`, the
    PDF laid out and not written: nothing is written beside an `--out` but the output (the
    book's PDF was, under the cover's folder, and made an error there of a file nobody
    named: E701 for `--out /sys/x.pdf`)."""
    from io import BytesIO

    from pypdf import PdfReader

    if out is None:
        pdf, _ = build_pdf(given, default_output(given.project, ".pdf"), paper=paper, strict=strict)
        return len(PdfReader(pdf).pages)
    data, _ = laid_out_pdf(given, paper)
    return len(PdfReader(BytesIO(data)).pages)
