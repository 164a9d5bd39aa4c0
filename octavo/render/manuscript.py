"""Book -> Manuscript: every section rendered once, for both the EPUB and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from octavo.errors import Diagnostic, error, warning
from octavo.model import Book, Chapter, Manuscript, RenderedChapter, RenderedSection, TocNode
from octavo.render.markdown import render_block, render_inline
from octavo.text import escape_paragraph, strip_tags

__all__ = ["Heading", "body_headings", "render_manuscript", "title_html", "toc_tree"]


def title_html(text: str) -> str:
    """A plain-text title as inline XHTML, with typography."""
    return render_inline(escape_paragraph(text))


def render_manuscript(book: Book) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    found: list[Diagnostic] = []
    chapters = tuple(_chapter(c, found) for c in book.chapters)
    config = book.config
    manuscript = Manuscript(
        book,
        chapters,
        title_html(config.title),
        title_html(config.subtitle) if config.subtitle else "",
    )
    return manuscript, tuple(found)


def _chapter(chapter: Chapter, found: list[Diagnostic]) -> RenderedChapter:
    sections = []
    for number, section in enumerate(chapter.sections, start=1):
        fragment = render_block(section.body)
        if fragment.too_deep is not None:
            found.append(
                error(
                    "E503",
                    "lists or quotes nested too deep to render; text would be lost",
                    section.path,
                    section.body_line + fragment.too_deep,
                    hint="nest at most 18 levels",
                )
            )
        for removal in fragment.removed:
            found.append(
                warning(
                    "W502",
                    f"raw HTML removed: {removal.what}",
                    section.path,
                    section.body_line + removal.line,
                    hint="octavo keeps only simple inline HTML such as <sup>",
                )
            )
        for src, line in fragment.images:
            found.append(
                error(
                    "E501",
                    f"image '{src}': images are not supported yet",
                    section.path,
                    section.body_line + line,
                    hint="remove the image, or describe it in words",
                )
            )
        sections.append(
            RenderedSection(
                section=section,
                id=section.slug,
                heading_level=min(section.depth + 1, 6),
                title_html=title_html(section.title),
                body_html=fragment.html,
                note_id=f"note-{section.slug}",
                note_number=number,
                note_html=escape(section.note_text),
            )
        )
    rendered = tuple(sections)
    return RenderedChapter(
        chapter, chapter.slug, title_html(chapter.title), rendered, toc_tree(rendered)
    )


def toc_tree(sections: tuple[RenderedSection, ...]) -> tuple[TocNode, ...]:
    """Nest sections by their breadcrumb; a level the book lacks becomes an entry without id."""
    root: dict[str, dict[str, Any]] = {}  # title -> {"id": ..., "html": ..., "children": {...}}
    for rendered in sections:
        level = root
        for parent in rendered.section.parents:
            node = level.setdefault(
                parent, {"id": None, "html": title_html(parent), "children": {}}
            )
            level = node["children"]
        node = level.setdefault(rendered.section.title, {"id": None, "children": {}})
        if node["id"] is None:
            node.update(id=rendered.id, html=rendered.title_html)
        else:  # two sections of one title at one level: keep both
            level[f"{rendered.section.title}\0{rendered.id}"] = {
                "id": rendered.id,
                "html": rendered.title_html,
                "children": {},
            }
    return _freeze(root)


def _freeze(level: dict[str, dict[str, Any]]) -> tuple[TocNode, ...]:
    return tuple(TocNode(n["html"], n["id"], _freeze(n["children"])) for n in level.values())


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of a chapter's body: a section, or a breadcrumb level it has no section for.

    The EPUB and the print HTML both set a chapter's headings from this one sequence."""

    level: int
    id: str
    title_html: str
    section: RenderedSection | None = None
    path: tuple[str, ...] = ()  # a breadcrumb's levels (title_html) from the chapter down

    @property
    def label(self) -> str:
        return strip_tags(self.title_html)


def body_headings(chapter: RenderedChapter) -> tuple[Heading, ...]:
    """Sections in reading order, each preceded by the breadcrumb levels it opens.

    A breadcrumb heading's id is ``<chapter>-level-<n>``, n counting them in the chapter.
    """
    found: list[Heading] = []
    open_path: tuple[str, ...] = ()
    for rendered in chapter.sections:
        parents = rendered.section.parents
        for depth in range(_common_prefix(open_path, parents), len(parents)):
            path = tuple(title_html(p) for p in parents[: depth + 1])
            ident = f"{chapter.id}-level-{sum(h.section is None for h in found) + 1}"
            found.append(Heading(min(depth + 2, 6), ident, path[-1], path=path))
        found.append(Heading(rendered.heading_level, rendered.id, rendered.title_html, rendered))
        open_path = (*parents, rendered.section.title)
    return tuple(found)


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count
