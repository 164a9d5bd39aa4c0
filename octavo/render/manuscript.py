"""Book -> Manuscript: every section rendered once, for both the EPUB and the PDF.

The sections are rendered in their places (octavo.render.drafts), their references resolved
once all are (octavo.render.references); each chapter gets its contents (octavo.render.toc),
the book its images, cover, parts and index (octavo.render.index)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape
from pathlib import Path

from octavo.errors import Diagnostic, error
from octavo.model import (
    Book,
    Chapter,
    Image,
    Labels,
    Manuscript,
    RenderedChapter,
    RenderedPart,
)
from octavo.render.drafts import ChapterDraft, draft_chapters
from octavo.render.images import (
    ImageProblem,
    image_diagnostics,
    misnamed,
    probe_image,
    refused,
    svg_removals,
    text_width_in,
)
from octavo.render.index import dead_ends, indexed
from octavo.render.markdown_cache import SectionCache
from octavo.render.references import book_targets, resolved_section
from octavo.render.titles import title_html as titled
from octavo.render.toc import toc_tree
from octavo.render.xref import Targets
from octavo.text import strip_tags

__all__ = ["render_manuscript"]


Measure = Callable[[bytes], tuple[str, int, int] | str]  # octavo.render.images.raster_size


def render_manuscript(
    book: Book, cache: Path | SectionCache | None = None, index: bool = True
) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """`cache`: the cache store's folder, where each section's rendering is kept between
    builds (octavo.render.markdown_cache), saved here; or that cache opened by the caller,
    who saves it (when it suits: octavo.api saves it while the EPUB is written); None
    renders every section. `index` False: the index's entries are left unsorted (none;
    octavo.render.index.indexed sorts them), where the EPUB's writer process sorts them
    itself, so that this one need not import ICU (10 ms) while both wait (its W519 are
    told all the same)."""
    found: list[Diagnostic] = []
    given = isinstance(cache, SectionCache)
    sections = cache if isinstance(cache, SectionCache) else SectionCache.of_book(cache, book.root)
    drafts, examples = draft_chapters(book, sections, found)
    targets, anchors = book_targets(drafts, found, examples)
    if book.bibliography is not None:  # else citeproc-py is never imported
        from octavo.render.citations import cite_book

        drafts, entries, problems = cite_book(book, drafts, examples)
        anchors, found[len(found) :] = (*anchors, *entries), problems
    chapters = tuple(_resolved(c, targets, book, found) for c in drafts)
    images = _images(book, drafts, found, sections.raster)
    cover = _cover(book, found, sections.raster)
    if not given:
        sections.save()
    config = book.config
    labels = book.labels
    title_html = partial(titled, language=config.language, quotes=book.quotes)
    parts = tuple(
        RenderedPart(
            p,
            p.slug,
            labels.part(p.number),
            title_html(p.title),
            labels.format("part_heading", label=labels.part(p.number), title=p.title),
            labels.format(
                "part_heading", label=escape(labels.part(p.number)), title=title_html(p.title)
            ),
        )
        for p in book.parts
    )
    found += dead_ends(chapters)
    manuscript = Manuscript(
        book,
        chapters,
        title_html(config.title),
        title_html(config.subtitle) if config.subtitle else "",
        anchors,
        images,
        cover,
        parts,
    )
    return indexed(manuscript) if index else manuscript, tuple(found)


def _resolved(
    chapter: ChapterDraft, targets: Targets, book: Book, found: list[Diagnostic]
) -> RenderedChapter:
    labels = book.labels
    title_html = partial(titled, language=book.config.language, quotes=book.quotes)
    rendered = tuple(resolved_section(draft, targets, found) for draft in chapter.sections)
    division = chapter.chapter
    opening = next((r for r in rendered if r.section is division.opening), None)
    heading_html = _heading_html(division, labels, title_html)
    return RenderedChapter(
        division,
        division.slug,
        title_html(division.shown_title(labels)),
        rendered,
        toc_tree(tuple(r for r in rendered if r is not opening)),
        division.label(labels),
        strip_tags(heading_html),  # typeset as the heading prints: curly quotes, dashes
        opening,
        heading_html,
    )


def _heading_html(chapter: Chapter, labels: Labels, title_html: Callable[[str], str]) -> str:
    label, shown = chapter.label(labels), title_html(chapter.shown_title(labels))
    return labels.format("chapter_heading", label=escape(label), title=shown) if label else shown


def _images(
    book: Book, drafts: tuple[ChapterDraft, ...], found: list[Diagnostic], measure: Measure
) -> tuple[Image, ...]:
    """Every image the body shows, probed once; E505-E507 and W508 where they are used."""
    probed: dict[str, Image | ImageProblem] = {}
    width = text_width_in(book.config)
    for chapter in drafts:
        for draft in chapter.sections:
            section = draft.rendered.section
            for use in draft.fragment.images:
                if not use.path:
                    continue
                line = section.body_line + use.line
                if use.path not in probed:
                    probed[use.path] = first = probe_image(book.root, use.path, measure)
                    if isinstance(first, Image):
                        found += svg_removals(book.root, first, section.path, line)
                        found += misnamed(first, section.path, line)
                image = probed[use.path]
                if isinstance(image, ImageProblem):
                    found.append(refused(image, section.path, line))
                else:
                    found += image_diagnostics(image, use, width, section.path, line)
    return tuple(i for i in probed.values() if isinstance(i, Image))


def _cover(book: Book, found: list[Diagnostic], measure: Measure) -> Image | None:
    if not book.config.cover:
        return None
    image = probe_image(book.root, book.config.cover, measure)
    if isinstance(image, ImageProblem):
        found.append(refused(image, book.config.path, book.config.cover_line))
        return None
    found += misnamed(image, book.config.path, book.config.cover_line)
    if image.media_type not in ("image/png", "image/jpeg"):
        found.append(
            error(
                "E507",
                f"cover '{image.path}' must be a PNG or JPEG",
                book.config.path,
                book.config.cover_line,
            )
        )
        return None
    return image
