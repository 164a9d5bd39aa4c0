"""Manuscript -> the EPUB's plan: which file holds what, heading ids, the navigation tree.

No markup here: the templates in templates/epub/ turn the plan into XHTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.model import Block, Manuscript, RenderedChapter, RenderedPart, TocNode
from octavo.render.headings import Heading, body_headings
from octavo.text import strip_tags

__all__ = [
    "TEXT",
    "EpubChapter",
    "EpubPart",
    "EpubPlan",
    "Heading",
    "NavEntry",
    "body_headings",
    "plan_epub",
]

TEXT = "text"  # folder of the content documents inside EPUB/


@dataclass(frozen=True, slots=True)
class NavEntry:
    title_html: str
    href: str  # relative to the text/ folder: "ch08.xhtml#s058-russia"
    children: tuple[NavEntry, ...] = ()
    kind: str = ""  # "chapter", "part", a division's kind, or "" for a section

    @property
    def label(self) -> str:
        return strip_tags(self.title_html)


# A division's semantics, by kind: (epub:type, DPUB-ARIA role); "" where the vocabularies
# have no word for it (the acronym list, the chronology, the country profile).
SEMANTICS = {
    "foreword": ("foreword", "doc-foreword"),
    "acknowledgments": ("acknowledgments", "doc-acknowledgments"),
    "preface": ("preface", "doc-preface"),
    "acronyms": ("", ""),
    "chronology": ("", ""),
    "profile": ("", ""),
    "introduction": ("introduction", "doc-introduction"),
    "section": ("chapter", "doc-chapter"),
    "appendix": ("appendix", "doc-appendix"),
    "bibliography": ("bibliography", "doc-bibliography"),
    "glossary": ("glossary", "doc-glossary"),
}
MATTER = {"front": "frontmatter", "body": "bodymatter", "back": "backmatter"}


@dataclass(frozen=True, slots=True)
class EpubChapter:
    chapter: RenderedChapter
    name: str  # "ch08.xhtml"
    headings: tuple[Heading, ...]
    nav: NavEntry

    @property
    def epub_type(self) -> str:
        return SEMANTICS[self.chapter.kind][0]

    @property
    def role(self) -> str:
        return SEMANTICS[self.chapter.kind][1]

    @property
    def body_type(self) -> str:
        return MATTER[self.chapter.matter]

    @property
    def label(self) -> str:
        """'Chapter 8', or '' (Chapter.label: untitled, unnumbered, or the title says it)."""
        return self.chapter.label

    @property
    def text(self) -> str:
        """'Chapter 1: Historical Setting' as plain text (NCX label, document title)."""
        return self.chapter.heading_text


@dataclass(frozen=True, slots=True)
class EpubPart:
    part: RenderedPart
    name: str  # "part1.xhtml"
    chapters: tuple[EpubChapter, ...]


@dataclass(frozen=True, slots=True)
class EpubPlan:
    manuscript: Manuscript
    chapters: tuple[EpubChapter, ...]  # reading order: front, body, back
    parts: tuple[EpubPart, ...] = ()

    @property
    def files(self) -> dict[str, str]:
        """Every id of the body -> the document holding it ('ch08.xhtml')."""
        names = {c.chapter.id: c.name for c in self.chapters}
        return {ident: names[chapter] for ident, chapter in self.manuscript.anchors}

    def of(self, matter: str) -> tuple[EpubChapter, ...]:
        return tuple(c for c in self.chapters if c.chapter.matter == matter)

    def part_before(self, chapter: EpubChapter) -> EpubPart | None:
        """The part whose title page comes right before this chapter, if any."""
        return next((p for p in self.parts if p.chapters and p.chapters[0] is chapter), None)

    def toc(self) -> tuple[NavEntry, ...]:
        """The chapters' entries in reading order, a book's parts holding theirs."""
        entries: list[NavEntry] = []
        for item in (*self.of("front"), *self.body(), *self.of("back")):
            if isinstance(item, EpubPart):
                kids = tuple(c.nav for c in item.chapters)
                entries.append(NavEntry(item.part.heading_html, item.name, kids, "part"))
            else:
                entries.append(item.nav)
        return tuple(entries)

    def body(self) -> tuple[EpubChapter | EpubPart, ...]:
        """The body's entries of the contents: chapters, or the parts holding them."""
        entries: list[EpubChapter | EpubPart] = []
        for chapter in self.of("body"):
            part = self.part_before(chapter)
            if part is not None:
                entries.append(part)
            elif not chapter.chapter.part:
                entries.append(chapter)
        return tuple(entries)


def plan_epub(manuscript: Manuscript) -> EpubPlan:
    chapters = tuple(_chapter(c) for c in manuscript.chapters)
    parts = tuple(
        EpubPart(p, f"{p.id}.xhtml", tuple(c for c in chapters if c.chapter.part == p.part.number))
        for p in manuscript.parts
    )
    return EpubPlan(manuscript, chapters, parts)


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
    opening = inner.get(chapter.opening.id, ()) if chapter.opening else ()
    nav = NavEntry(
        chapter.heading_html,
        name,
        opening + _nav(chapter.toc, name, (), crumbs, inner),
        "chapter" if chapter.kind == "section" else chapter.kind,
    )
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
