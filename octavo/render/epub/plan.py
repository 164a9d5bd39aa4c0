"""Manuscript -> the EPUB's plan: which file holds what, heading ids, the navigation tree.

No markup here: the templates in templates/epub/ turn the plan into XHTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.model import Block, Manuscript, RenderedChapter, TocNode
from octavo.render.manuscript import Heading, body_headings
from octavo.text import strip_tags

__all__ = [
    "TEXT",
    "EpubChapter",
    "EpubPlan",
    "Heading",
    "NavEntry",
    "body_headings",
    "chapter_text",
    "plan_epub",
]

TEXT = "text"  # folder of the content documents inside EPUB/


@dataclass(frozen=True, slots=True)
class NavEntry:
    title_html: str
    href: str  # relative to the text/ folder: "ch08.xhtml#s058-russia"
    children: tuple[NavEntry, ...] = ()

    @property
    def label(self) -> str:
        return strip_tags(self.title_html)


@dataclass(frozen=True, slots=True)
class EpubChapter:
    chapter: RenderedChapter
    name: str  # "ch08.xhtml"
    headings: tuple[Heading, ...]
    nav: NavEntry

    @property
    def label(self) -> str:
        """'Chapter 8', or '' when the title says no more (untitled or front matter)."""
        label = self.chapter.chapter.label
        return "" if label == strip_tags(self.chapter.title_html) else label

    @property
    def text(self) -> str:
        return chapter_text(self.label, strip_tags(self.chapter.title_html))


@dataclass(frozen=True, slots=True)
class EpubPlan:
    manuscript: Manuscript
    chapters: tuple[EpubChapter, ...]

    @property
    def files(self) -> dict[str, str]:
        """Every id of the body -> the document holding it ('ch08.xhtml')."""
        names = {c.chapter.id: c.name for c in self.chapters}
        return {ident: names[chapter] for ident, chapter in self.manuscript.anchors}


def chapter_text(label: str, title: str) -> str:
    """'Chapter 1: Historical Setting' as plain text (NCX label, document title)."""
    return f"{label}: {title}" if label else title


def plan_epub(manuscript: Manuscript) -> EpubPlan:
    return EpubPlan(manuscript, tuple(_chapter(c) for c in manuscript.chapters))


def _chapter(chapter: RenderedChapter) -> EpubChapter:
    name = f"{chapter.id}.xhtml"
    headings = body_headings(chapter)
    crumbs: dict[tuple[str, ...], str] = {}
    for heading in headings:
        if heading.section is None:
            crumbs.setdefault(heading.path, heading.id)
    inner = {
        rs.id: _inner(tuple(b for b in rs.headings if b.listed), name) for rs in chapter.sections
    }
    nav = NavEntry(chapter.title_html, name, _nav(chapter.toc, name, (), crumbs, inner))
    return EpubChapter(chapter, name, headings, nav)


def _nav(
    nodes: tuple[TocNode, ...],
    name: str,
    path: tuple[str, ...],
    crumbs: dict[tuple[str, ...], str],
    inner: dict[str, tuple[NavEntry, ...]],
) -> tuple[NavEntry, ...]:
    """The chapter's toc as links; a level without a section links to its breadcrumb heading;
    a section's own headings (to the book's toc_depth) come before its subsections."""
    entries = []
    for node in nodes:
        here = (*path, node.title_html)
        target = node.id or crumbs.get(here)
        href = f"{name}#{target}" if target else name
        children = inner.get(node.id or "", ()) + _nav(node.children, name, here, crumbs, inner)
        entries.append(NavEntry(node.title_html, href, children))
    return tuple(entries)


def _inner(blocks: tuple[Block, ...], name: str) -> tuple[NavEntry, ...]:
    """Headings of a body as nested entries, by level."""
    entries: list[NavEntry] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        while j < len(blocks) and blocks[j].level > block.level:
            j += 1
        kids = _inner(blocks[i + 1 : j], name)
        entries.append(NavEntry(block.title_html, f"{name}#{block.id}", kids))
        i = j
    return tuple(entries)
