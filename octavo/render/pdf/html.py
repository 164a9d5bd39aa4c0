"""Manuscript -> the print HTML handed to WeasyPrint (templates/print/, styles/print/)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from html import escape, unescape
from typing import Any

from jinja2 import Environment

from octavo.model import Manuscript, RenderedSection
from octavo.model.language_tags import direction
from octavo.project import Project
from octavo.render.conditional import for_output
from octavo.render.headings import body_headings
from octavo.render.long_words import broken
from octavo.render.metadata import book_meta
from octavo.render.pdf.filters import (
    RENDERING,
    Rendering,
    away_links,
    continued_filter,
    css_ident,
    css_string,
    inline_notes,
    landscape_filter,
    running_head_filter,
    title_class_filter,
)
from octavo.render.pdf.folio_targets import target_rules
from octavo.render.pdf.hints import as_styles
from octavo.render.pdf.index_pages import Located, page_runs
from octavo.render.pdf.last_words import last_words
from octavo.render.pdf.nested_notes import callers, outermost
from octavo.render.pdf.print_parts import PrintChapter, PrintPart, Sketched, body_entries
from octavo.render.pdf.sheets import Sheet, has_landscape, stylesheets, text_measure
from octavo.render.xref import PAGE_REF
from octavo.source.paper import PageSetup

__all__ = [
    "FRONT_REF",
    "GIVEN",
    "front_page_refs",
    "given_folios",
    "ids_in",
    "note_pairs",
    "print_environment",
    "print_html",
    "render_print",
]


_ID = re.compile(r'\bid="([^"]+)"')
GIVEN = "folio-given"  # the class of a page reference given its folio (`given_folios`)
FRONT_REF = "page-front"  # the class of a page reference into the front matter (roman)
_CLASSES = re.compile(r'class="([^"]*)"')


def ids_in(sections: Iterable[RenderedSection]) -> frozenset[str]:
    """Every id the sections' print markup holds."""
    found: set[str] = set()
    for rs in sections:
        found |= {rs.id, *_ID.findall(rs.body_html)}
        found |= {rs.note_id} if rs.section.dated else set()
        found |= {i for n in rs.notes for i in (n.id, n.ref_id)}
    return frozenset(found)


def given_folios(html: str, folios: Mapping[str, str]) -> str:
    """A part's page references with their targets' folios written in (`folios`: id ->
    folio; one not known yet, two figures wide: `Sketched.STAND_IN`), where WeasyPrint,
    laying out the part alone, could not count them (octavo.render.pdf.parallel.page_refs).
    The link keeps its other classes but `page`: what prints is the folio alone, whatever
    a stylesheet (a book's own copy of print/book.css) says of `a.page`."""

    def given(classes: re.Match[str]) -> str:  # no `page`: no ::after, no label shown
        return f'class="{" ".join([*(c for c in classes[1].split() if c != "page"), GIVEN])}"'

    def one(match: re.Match[str]) -> str:
        folio = escape(folios.get(unescape(match[2]), Sketched.STAND_IN), quote=False)
        return f"{_CLASSES.sub(given, match[1], count=1)}{folio}{match[4]}"

    return PAGE_REF.sub(one, html)


def front_page_refs(html: str, manuscript: Manuscript) -> str:
    """The page references whose targets are in the front matter marked `FRONT_REF`, so
    that they print the roman folio the target's page prints (styles/print/book.css), not
    its page counter in arabic figures ("page 7" of the Preface on page vii)."""
    front = {c.id for c in manuscript.chapters if c.matter == "front"}
    targets = {ident for ident, chapter in manuscript.anchors if chapter in front}
    if not targets:
        return html

    def one(match: re.Match[str]) -> str:
        if unescape(match[2]) not in targets:
            return match[0]
        opening = _CLASSES.sub(lambda c: f'class="{c[1]} {FRONT_REF}"', match[1], count=1)
        return f"{opening}{match[0][len(match[1]) :]}"

    return PAGE_REF.sub(one, html)


def note_pairs(sections: Iterable[RenderedSection]) -> tuple[tuple[str, str], ...]:
    """(id of the call, id of the note) of every note to keep on the page of its call: the
    data-date note of each heading (a section with no data date has none) and the authors'
    notes (a note called inside another: the call of that one, octavo.render.pdf.nested_notes)."""
    pairs: list[tuple[str, str]] = []
    for rs in sections:
        pairs += [(rs.id, rs.note_id)] if rs.section.dated else []
        called_by = callers(rs.notes)
        pairs += [(f"ref-{outermost(n.id, called_by)}", n.id) for n in rs.notes]
    return tuple(pairs)


def print_environment(project: Project) -> Environment:
    env = project.env()
    env.filters["footnotes"] = inline_notes
    env.filters["last_words"] = last_words  # no paragraph ends on a hyphenated word's stub
    env.filters["away_links"] = away_links
    env.filters["landscape"] = landscape_filter  # render_print sets the text block's width
    env.filters["continued"] = continued_filter  # and the words of the book's language
    env.filters["running_head"] = running_head_filter  # a head on one line of the heads'
    env.filters["title_class"] = title_class_filter  # a chapter title kept on its page
    env.filters["direction"] = direction  # a section's own language's: its dir
    return env


def render_print(
    manuscript: Manuscript,
    template: str,
    stylesheets: tuple[Sheet, ...],
    measure: float | None = None,
    modified: datetime | None = None,
    head: float | None = None,
    elsewhere: tuple[tuple[str, str], ...] = (),
    type_size: float = 11.0,
    **context: Any,
) -> str:
    """A print template (templates/print/) rendered with what every print document is
    given: the manuscript (`ms`), the book's metadata (`meta`), its `labels` and its
    `stylesheets`; `context` adds the template's own. `measure`: the text block's width,
    past which a wide table goes on a landscape page (octavo.render.pdf.landscape).
    `modified`: the PDF's dates in its head, if not the book's (the imprint's day stays
    the book's: octavo.render.pdf.parallel.dates). `head`: the running heads' width, if
    not `measure` (a stamp's, which has no text block: octavo.render.pdf.running_heads).
    `elsewhere`: a handout's words for a reference to a table or figure it does not hold
    (octavo.render.pdf.handout_refs). `type_size`: the body's type in points.
    The words marked for the EPUB only are left out (octavo.render.conditional), whatever
    template made the document, and a
    run of characters longer than any word is given places to break
    (octavo.render.long_words)."""
    env = print_environment(manuscript.book.project)
    env.filters["css_string"] = css_string
    env.filters["css_ident"] = css_ident
    meta = book_meta(manuscript.book)
    continued = manuscript.labels.parts("table_continued")
    token = RENDERING.set(
        Rendering(
            measure,
            continued,
            measure if head is None else head,
            elsewhere,
            type_size,
            meta.direction,
        )
    )
    try:
        html = env.get_template(template).render(
            ms=manuscript,
            meta=meta if modified is None else replace(meta, modified=modified),
            labels=manuscript.labels,
            stylesheets=stylesheets,
            **context,
        )
        return broken(as_styles(for_output(html, "pdf")))  # runs longer than words
    finally:
        RENDERING.reset(token)


def _with_targets(
    manuscript: Manuscript, page: PageSetup, extra: tuple[str, ...], landscape: bool
) -> tuple[Sheet, ...]:
    """The print HTML's stylesheets, then the book's own rules that number a target's page
    again in the figures of its folios (octavo.render.pdf.folio_targets), if any."""
    sheets = stylesheets(manuscript.book.project, page, *extra, landscape=landscape)
    targets = target_rules(manuscript, page, extra)
    return (*sheets, Sheet(text=targets)) if targets else sheets


def print_html(
    manuscript: Manuscript,
    page: PageSetup,
    part: PrintPart | None = None,
    extra: tuple[str, ...] = (),
    located: Located | None = None,
    landscape: bool | None = None,
    index_from: int | None = None,
) -> str:
    """The whole book (or a part of it) as one HTML document; stylesheets by file URL,
    `extra` ones (e.g. print/cmyk.css) after book.css. `landscape`: `has_landscape`, when
    the caller knows it already (it reads every table of the book). `index_from`: the
    index alone, its first page numbered so (octavo.render.pdf.document.render_pdf)."""
    chapters = tuple(PrintChapter(c, body_headings(c)) for c in manuscript.chapters)
    if landscape is None:
        landscape = has_landscape(manuscript, page)
    back = tuple(c for c in chapters if c.chapter.matter == "back")
    folios: dict[str, str | None] | None = None
    here: frozenset[str] | None = None
    if part is not None:
        shown = [c for c in manuscript.chapters if c.id in part.chapters]
        shown += [c for c in manuscript.chapters if part.front and c.matter == "front"]
        here = ids_in(s for c in shown for s in c.sections)
        folios = dict(part.folios)
        # the front part holds the front-matter divisions: their contents lines and lists
        # are hrefs, numbered by WeasyPrint as in a whole book (the macro `target`)
        folios |= {i: None for c in shown if c.matter == "front" for i in (c.id, *here)}
        if part.front:  # and so are the lists of tables and figures that follow the contents
            folios |= {f"list-of-{kind}": None for kind, _ in manuscript.lists}
        if part.sketch:
            folios = Sketched(folios)
    html = render_print(
        manuscript,
        "print/book.html",
        _with_targets(manuscript, page, extra, landscape),
        measure=text_measure(page),
        type_size=page.font_size,
        modified=None if part is None else part.modified,
        chapters=chapters,
        # `{}`, not None: a book's own book.html from before index_groups sets ms.index
        page_runs=page_runs(located if located is not None else {}),
        # the index's entries with their numbers; without them (a whole book's first layout,
        # a sketch of the appendix, the EPUB's page map) its heading alone: where it opens
        # (the entries, their numbers target-counter()s, once cost a one-process build three
        # layouts of a balanced page: 2 s of 11 at 81 sections)
        index_groups=manuscript.index if located is not None else (),
        front_chapters=tuple(c for c in chapters if c.chapter.matter == "front"),
        front_sections=frozenset(
            s.id for c in manuscript.chapters if c.matter == "front" for s in c.sections
        ),
        back_chapters=back,
        back_shown=()
        if index_from is not None
        else back
        if part is None
        else tuple(c for c in back if c.chapter.id in part.chapters),
        body_entries=body_entries(manuscript, chapters),
        part_titles=frozenset()
        if index_from is not None
        else None
        if part is None
        else frozenset(p.id for p in manuscript.parts if p.id in part.chapters),
        part=part is not None,
        front=(part is None or part.front) and index_from is None,
        body_chapters=()
        if index_from is not None
        else chapters
        if part is None
        else tuple(c for c in chapters if c.chapter.id in part.chapters),
        appendix=part is None or part.appendix,
        index_from=index_from,
        heads_from=None if part is None else part.heads_from,
        folios=folios,
        here=here,
    )
    html = front_page_refs(html, manuscript)
    if part is not None and part.page_refs is not None:
        html = given_folios(html, dict(part.page_refs))
    return html
