"""One part of a book laid out on its own, in a worker process: its PDF bytes, a page map of
each page and its bookmarks (read back by octavo.render.pdf.parallel.page_maps), which is
what the parent needs to put the parts together without reading the PDFs back.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from octavo.project import Project
from octavo.render.pdf.page_labels import Label
from octavo.render.pdf.parallel.page_glyphs import Face, Recorder
from octavo.render.pdf.parallel.page_maps import (
    PT,
    Bookmark,
    PageMap,
    bookmark,
    page_turns,
    read_pages,
)
from octavo.render.pdf.weasy_log import warnings_logged

__all__ = ["PartJob", "PartLayout", "lay_out_part", "warm_up"]


@dataclass(frozen=True, slots=True)
class PartJob:
    name: str  # "front", a division's id (a chapter's, a part's), APPENDIX or "stamp"
    key: str  # cache key of the part
    html: str
    project: Project  # the book: base URL and sandbox
    notes: tuple[tuple[str, str], ...]  # (heading id, note id) to keep together
    chapters: tuple[str, ...]  # ids of the chapter (and appendix) headings it holds
    bleed: float = 0.0  # points: the BleedBox's distance from the TrimBox
    xmp: bytes = b""  # the book's identifiers for the XMP metadata (the front part's)
    fonts: str = ""  # the book's and its styles' digest: the worker's shared fonts (or none)
    sketch: bool = False  # its page map alone is used (jobs.sketch_job): no PDF written
    labels: tuple[Label, ...] = ()  # page labels (the front part's: the merge adds the body's)
    cache: str = ""  # the parts' cache folder: where the worker keeps the fonts' whole files
    # a chapter's part (no page references given): its pages' layout states are recorded,
    # and an edit of it resumes its last layout (octavo.render.pdf.parallel.resume)
    states: bool = False


@dataclass(frozen=True, slots=True)
class PartLayout:
    name: str
    key: str
    pdf: bytes
    pages: tuple[PageMap, ...]
    bookmarks: tuple[Bookmark, ...]
    warnings: tuple[str, ...]  # WeasyPrint's, re-logged by the parent
    # its fonts (page_glyphs.Face), None: not recorded; and the whole files of those this
    # worker had not sent yet (digest, bytes: kept in the cache by the parent, never in JSON)
    faces: tuple[Face, ...] | None = None
    files: tuple[tuple[str, bytes], ...] = ()
    # each page's layout state (octavo.render.pdf.parallel.page_states, pickled), kept in
    # the cache beside the part: an edit resumes its layout there (parallel.resume)
    state: bytes = b""
    # a resumed part whose `pdf` is its new pages alone: the old part's PDF and where they
    # go in it (start, kept), spliced by the build's process (parallel.resumed_here)
    unspliced: tuple[bytes, int, int] | None = None
    # pages of two layouts (an edit resumed): the last one's font subsets also hold the
    # glyphs of the pages the edit replaced (parallel.spliced_fonts)
    spliced: bool = False


def lay_out_part(job: PartJob) -> PartLayout:
    """Lay out a part with every note on its heading's page, its broadside tables after the
    text that fits before them as in one process (octavo.render.pdf.broadside_flow; runs in
    a worker)."""
    from octavo.render.guarded import guarded
    from octavo.render.pdf.broadside_flow import settle_broadsides
    from octavo.render.pdf.continued import show_continued
    from octavo.render.pdf.document import PdfOptions, load_html
    from octavo.render.pdf.folio_column import settle_column
    from octavo.render.pdf.notes.place import Spilled, place_notes
    from octavo.render.pdf.parallel.page_states import recording
    from octavo.render.pdf.parallel.shared_fonts import Fonts, applies

    states = recording() if job.states else nullcontext()
    with warnings_logged() as logged, states as recorder:
        html = load_html(job.html, job.project)
        shared = job.fonts and applies()  # else WeasyPrint's own configuration, as shipped
        fonts = (lambda: Fonts(job.fonts)) if shared else (lambda: None)
        moves = guarded(lambda: settle_broadsides(html, lambda: html.render(font_config=fonts())))
        try:
            document, fixes = guarded(lambda: place_notes(html, job.notes, (), fonts, True))
            # the front's contents: a folio too wide for its column, laid out again with a
            # column that holds it (again where that moves a folio wider still)
            column, (document, fixes) = settle_column(
                html,
                (document, fixes),
                lambda laid: laid[0].pages,
                lambda laid: guarded(lambda: place_notes(html, job.notes, laid[1], fonts)),
            )
        except Spilled as failed:  # E657: told at the book's page (parallel.spilled)
            raise _spilled(failed, job) from None
        show_continued(document)
        state = _state(recorder, document, moves, fixes, column) if job.states else b""
        options = PdfOptions(bleed=job.bleed)
        painted: list[Recorder] = []
        pdf = b"" if job.sketch else guarded(lambda: _written(document, options, job, painted))
        pages = tuple(read_pages(document, frozenset(job.chapters), job.notes))
        tree = document.make_bookmark_tree(scale=PT, transform_pages=True)
        turns = page_turns(document)
    marks = tuple(bookmark(b, turns) for b in tree)
    messages = tuple(logged)
    layout = PartLayout(job.name, job.key, pdf, pages, marks, messages, state=state)
    return _with_glyphs(layout, painted[0], job.cache) if painted else layout


def _spilled(failed: Any, job: PartJob) -> Exception:
    """E657 in this part (notes.place.Spilled), with its page maps (parallel.spilled)."""
    from octavo.render.pdf.parallel.spilled import PartSpilled

    if failed.document is None:
        return failed  # type: ignore[no-any-return]
    pages = tuple(read_pages(failed.document, frozenset(job.chapters), job.notes))
    return PartSpilled(failed.group, job.name, pages, failed.written)


def _state(
    recorder: Any, document: Any, moves: tuple[Any, ...], fixes: tuple[Any, ...], column: str
) -> bytes:
    """The pages' states (parallel.page_states); marked not resumable when the layout
    written is not the first one of the text as it is (a note's fix: `column`, `keep`,
    `break`; the contents' folios' column widened: octavo.render.pdf.folio_column) or has
    broadside tables (moved by a decision layout, turned as written)."""
    from octavo.render.pdf.parallel.page_states import to_bytes

    refixed = any(f.mark in ("column", "keep", "break") for f in fixes)
    return to_bytes(recorder.recorded(document, not (refixed or moves or column)))


def _written(document: Any, options: Any, job: PartJob, recorded: list[Recorder]) -> bytes:
    """The part's PDF, each page's glyphs recorded as it is drawn (`recorded`)."""
    from octavo.render.pdf.document import write_document
    from octavo.render.pdf.parallel.page_glyphs import recording

    with recording(document) as recorder:
        pdf = write_document(document, options, xmp=job.xmp, labels=job.labels)
    if recorder is not None:
        recorded.append(recorder)
    return pdf


def _with_glyphs(layout: PartLayout, recorder: Recorder, cache: str) -> PartLayout:
    """`layout` with its pages' glyphs and its fonts (none if a page was not painted); their
    whole files kept in `cache` (page_glyphs.keep_files), else sent with it."""
    from octavo.render.pdf.parallel.page_glyphs import keep_files

    if len(recorder.pages) != len(layout.pages):
        return layout
    pages = tuple(replace(p, glyphs=g) for p, g in zip(layout.pages, recorder.pages, strict=True))
    faces = recorder.faces()
    files = keep_files(faces, cache)
    return replace(layout, pages=pages, faces=tuple(f for f, _ in faces), files=files)


def warm_up(project: Project | None, modules: tuple[str, ...]) -> None:
    """What a worker does before its first part (octavo.zygote: once, in the process the
    others are forked from): import `modules`, then lay out templates/print/warm.html in
    `project`'s sandbox (its PDF thrown away), so that fontconfig, Pango, the hyphenation
    dictionary and WeasyPrint's first-use imports are ready; its font configuration is
    the one the workers' parts of this book then share (octavo.render.pdf.parallel.shared_fonts)."""
    import importlib

    from octavo.render.pdf.parallel.shared_fonts import scope, styles_digest

    for name in modules:
        importlib.import_module(name)
    if project is not None:
        from octavo.shipped import TEMPLATES

        html = (TEMPLATES / "print" / "warm.html").read_text(encoding="utf-8")
        fonts = scope(project, styles_digest(project))
        lay_out_part(PartJob("warm", "", html, project, (), (), fonts=fonts))
    from octavo.render.pdf.parallel.font_subset import bind

    bind()  # the book's fonts are cut in the workers (book_fonts.subsets)
