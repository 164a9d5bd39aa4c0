"""One part of a book laid out on its own, in a worker process: PDF bytes and a page map.

The page map is what the parent needs to put the parts together without reading the PDFs
back: for each page whether it is blank, the chapter it belongs to, the headings and notes
on it, its named destinations and the boxes of its links (`data-href`, see
templates/print/macros.html), all in PDF points from the page's top-left corner, and its
size. A table's landscape page is turned onto a page of the book's size as the part is
written (octavo.render.pdf.broadside): its page map says so (`PageMap.turned`, stamped as
a broadside page: octavo.render.pdf.parallel.stamp) and gives its positions, and its
bookmarks', on the turned page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from octavo.project import Project
from octavo.render.pdf.box_tree import walk_boxes
from octavo.render.pdf.broadside import Turn, down_point, down_rect, turned_pages
from octavo.render.pdf.page_labels import Label
from octavo.render.pdf.parallel.page_glyphs import Face, PageGlyphs, Recorder
from octavo.render.pdf.weasy_log import warnings_logged

__all__ = [
    "Bookmark",
    "LinkBox",
    "PageMap",
    "PartJob",
    "PartLayout",
    "lay_out_part",
    "warm_up",
]

PT = 0.75  # PDF points per CSS pixel


@dataclass(frozen=True, slots=True)
class LinkBox:
    target: str  # a named destination (an id)
    rect: tuple[float, float, float, float]  # x, y (top), width, height in points


@dataclass(frozen=True, slots=True)
class PageMap:
    blank: bool  # made by a break to a right-hand page
    chapter: str  # id of the chapter (or appendix) heading this page belongs to, "" before any
    headings: tuple[str, ...]
    notes: tuple[str, ...]
    anchors: tuple[tuple[str, float, float], ...]  # (id, x, y) in points from top-left
    links: tuple[LinkBox, ...]
    size: tuple[float, float] = (0.0, 0.0)  # width, height in points (the trim's, no bleed)
    # a broadside page: a table laid out on a landscape page, turned onto this one
    # (octavo.render.pdf.broadside); its size, anchors and links are the turned page's
    turned: bool = False
    # the glyphs drawn on it, by font (octavo.render.pdf.parallel.page_glyphs); None: not
    # recorded (a sketch, no PDF written)
    glyphs: PageGlyphs | None = None
    # a page of notes alone, carried past the part's text onto a page WeasyPrint made
    # blank: its side (octavo.render.pdf.weasy_carried.carried); "" for any other page
    carried: str = ""


@dataclass(frozen=True, slots=True)
class Bookmark:
    label: str
    page: int  # 0-based, within the part
    x: float  # PDF coordinates (points, from bottom-left)
    y: float
    open: bool
    children: tuple[Bookmark, ...]


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
        pages = tuple(_pages(document, frozenset(job.chapters), job.notes))
        tree = document.make_bookmark_tree(scale=PT, transform_pages=True)
        turns = _turns(document)
    marks = tuple(_bookmark(b, turns) for b in tree)
    messages = tuple(logged)
    layout = PartLayout(job.name, job.key, pdf, pages, marks, messages, state=state)
    return _with_glyphs(layout, painted[0], job.cache) if painted else layout


def _spilled(failed: Any, job: PartJob) -> Exception:
    """E657 in this part (notes.place.Spilled), with its page maps (parallel.spilled)."""
    from octavo.render.pdf.parallel.spilled import PartSpilled

    if failed.document is None:
        return failed  # type: ignore[no-any-return]
    pages = tuple(_pages(failed.document, frozenset(job.chapters), job.notes))
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


def _turns(document: Any) -> dict[int, Turn]:
    """The turn of each landscape page (octavo.render.pdf.broadside), by its index."""
    pages = document.pages
    return {
        i: Turn.of((0.0, 0.0, pages[i].width * PT, pages[i].height * PT))
        for i in turned_pages(document)
    }


def _pages(
    document: Any, chapters: frozenset[str], notes: tuple[tuple[str, str], ...]
) -> Iterator[PageMap]:
    from octavo.render.pdf.notes.layout import read_layout
    from octavo.render.pdf.weasy_carried import carried

    headings = chapters | {h for h, _ in notes}
    chapter = ""
    turned = frozenset(turned_pages(document))
    pages = zip(document.pages, read_layout(document, headings), strict=True)
    for index, (page, layout) in enumerate(pages):
        box = page._page_box
        opened = [h for h in layout.headings if h in chapters]
        chapter = opened[0] if opened else chapter
        anchors = tuple((n, x * PT, y * PT) for n, (x, y, *_) in sorted(page.anchors.items()))
        links = tuple(_links(box))
        size = (page.width * PT, page.height * PT)
        if index in turned:  # measured on the page it is turned onto
            width = size[0]
            anchors = tuple((n, *down_point(x, y, width)) for n, x, y in anchors)
            links = tuple(LinkBox(k.target, down_rect(k.rect, width)) for k in links)
            size = (size[1], size[0])
        blank = bool(box.page_type.blank)
        yield PageMap(
            blank,
            chapter,
            layout.headings,
            layout.notes,
            anchors,
            links,
            size,
            index in turned,
            carried=carried(box),
        )


def _links(page_box: Any) -> Iterator[LinkBox]:
    from weasyprint.formatting_structure import boxes

    for box in walk_boxes(page_box):
        element = getattr(box, "element", None)
        if element is None or not isinstance(box, boxes.BlockBox | boxes.InlineBox):
            continue
        target = element.get("data-href")
        if not target:
            continue
        if box.element_tag != str(element.tag).rpartition("}")[2]:
            continue  # a pseudo-element or anonymous box of the link
        x, y, w, h = box.hit_area()
        yield LinkBox(target.removeprefix("#"), (x * PT, y * PT, w * PT, h * PT))


def _bookmark(subtree: Any, turns: dict[int, Turn]) -> Bookmark:
    """A bookmark of WeasyPrint's tree; one into a landscape page, turned with it."""
    label, (page, x, y), children, state = subtree
    kids = tuple(_bookmark(c, turns) for c in children)
    if page in turns:
        x, y = turns[page].point(float(x), float(y))
    return Bookmark(label, page, float(x), float(y), state != "closed", kids)
