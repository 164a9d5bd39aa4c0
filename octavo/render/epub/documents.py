"""The plan -> the EPUB's content documents, each rendered from a template in templates/epub/
(octavo.render.epub.rendering)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from octavo.model import APPENDIX, INDEX, IndexEntry, Manuscript
from octavo.render.epub.cover import CoverText
from octavo.render.epub.links import book_media
from octavo.render.epub.plan import TEXT, EpubChapter, EpubPlan, NavEntry
from octavo.render.epub.rendering import renderer
from octavo.render.metadata import BookMeta

if TYPE_CHECKING:
    from octavo.render.epub.apart import Apart

__all__ = [
    "Cover",
    "Currency",
    "Document",
    "Landmark",
    "contents",
    "currency",
    "division",
    "documents",
    "landmarks",
]

IMAGES = "images"
COVER_IMAGE = "cover.png"


@dataclass(frozen=True, slots=True)
class Document:
    uid: str
    name: str  # inside text/: "ch08.xhtml"
    title: str
    xhtml: bytes
    properties: tuple[str, ...] = ()

    @property
    def file_name(self) -> str:
        """Inside EPUB/: 'text/ch08.xhtml'."""
        return f"{TEXT}/{self.name}"


@dataclass(frozen=True, slots=True)
class Currency:
    count: int
    oldest: str
    newest: str


@dataclass(frozen=True, slots=True)
class Landmark:
    """One entry of the nav's landmarks, and of the OPF <guide> for engines that read that."""

    type: str  # epub:type: "cover", "toc", "bodymatter"
    href: str  # relative to text/
    label: str

    @property
    def guide_type(self) -> str:
        """The OPF 2 guide's word for it: calibre finds the cover page and Kindle conversions
        their start point ("text") only there; "" where OPF 2 has none (front/back matter)."""
        return {"bodymatter": "text", "frontmatter": "", "backmatter": ""}.get(self.type, self.type)


@dataclass(frozen=True, slots=True)
class Cover:
    src: str
    alt: str


def currency(manuscript: Manuscript) -> Currency:
    labels = manuscript.labels
    dates = sorted(d for s in manuscript.sections if (d := s.section.data_as_of) is not None)
    if not dates:
        return Currency(0, "", "")
    return Currency(len(dates), labels.month_year(dates[0]), labels.month_year(dates[-1]))


def contents(plan: EpubPlan) -> tuple[NavEntry, ...]:
    """The nav's (and the NCX's) entries in reading order."""
    labels = plan.manuscript.labels
    appendix = NavEntry(labels.format("data_currency"), f"{APPENDIX}.xhtml")
    return (
        NavEntry(labels.format("title_page"), "titlepage.xhtml"),
        *plan.toc(),
        *((appendix,) if plan.manuscript.has_currency else ()),  # none: no data date
        *((NavEntry(labels.format("index"), "index.xhtml"),) if plan.manuscript.index else ()),
        NavEntry(labels.format("colophon"), "colophon.xhtml"),
    )


def landmarks(plan: EpubPlan) -> tuple[Landmark, ...]:
    """Cover, contents, and where each matter starts; the glossary and bibliography. A book
    with no body (front matter alone) has no "Start of text" (it pointed at the appendix);
    its back matter starts at the Data Currency appendix, or at the index, or at the
    colophon, whichever comes first."""
    ms = plan.manuscript
    labels = ms.labels
    front, body, back = plan.of("front"), plan.body(), plan.of("back")
    marks = [
        Landmark("cover", "cover.xhtml", labels.format("cover")),
        Landmark("toc", "nav.xhtml#toc", labels.format("contents")),
    ]
    if front:
        marks.append(Landmark("frontmatter", front[0].name, front[0].text))
    if body:
        marks.append(Landmark("bodymatter", body[0].name, labels.format("start_of_text")))
    if back:
        marks.append(Landmark("backmatter", back[0].name, back[0].text))
    elif ms.has_currency:
        marks.append(Landmark("backmatter", f"{APPENDIX}.xhtml", labels.format("data_currency")))
    elif ms.index:
        marks.append(Landmark("backmatter", f"{INDEX}.xhtml", labels.format("index")))
    else:
        marks.append(Landmark("backmatter", "colophon.xhtml", labels.format("colophon")))
    marks += [Landmark(c.epub_type, c.name, c.text) for c in back if c.epub_type in _GUIDED]
    if plan.manuscript.index:
        marks.append(Landmark("index", "index.xhtml", labels.format("index")))
    return tuple(marks)


_GUIDED = ("glossary", "bibliography")  # back-matter types with a landmark of their own


def documents(
    plan: EpubPlan,
    meta: BookMeta,
    cover: CoverText,
    cover_src: str = "",
    breaks: tuple[tuple[str, str], ...] = (),
    rendered: Callable[[Document], None] | None = None,
    folios: Mapping[str, str] | None = None,
    apart: Apart | None = None,
) -> tuple[Document, ...]:
    """Cover, title page, contents, chapters, data-currency appendix, colophon: spine order.

    `cover_src`: the cover image, relative to the text/ folder (default: the drawn one).
    `rendered`: told each document as soon as it is made (the chapters first), so that it
    can be deflated while the others are rendered (octavo.render.epub.deflate).
    `folios`: the printed page of each id (a book with a page list): a page reference
    prints it, as the PDF does, instead of its target's name.
    `apart`: the later chapters rendered in another process (octavo.render.epub.apart),
    taken as they are but in a book with a page list (`breaks`, `folios`)."""
    ms = plan.manuscript
    labels = ms.labels
    files = plan.files
    # the appendix and the index open pages of their own in print: their markers too
    where = {**files, ms.appendix_id: f"{APPENDIX}.xhtml", INDEX: f"{INDEX}.xhtml"}
    pages = tuple((where[a], a, folio) for a, folio in breaks if a in where)
    if pages or folios:  # the child renders without them
        apart = None
    render = renderer(ms.book.project, meta.language, labels, pages, folios or {}, book_media(ms))
    # the drawn cover's words are known and said; a book's own image's are not: its title
    alt = (
        labels.format("cover_of", title=cover.title)
        if ms.cover is not None
        else labels.format("cover_alt", title=cover.alt)
    )
    cover_doc = Cover(cover_src or f"../{IMAGES}/{COVER_IMAGE}", alt)
    line = ms.book.config.data_date_line

    def made(document: Document) -> Document:
        if rendered is not None:
            rendered(document)
        return document

    divisions: list[Document] = []
    for number, c in enumerate(plan.chapters):
        taken = apart.take(c.name) if apart is not None and number >= apart.first else None
        for document in taken or division(plan, c, render, files, line):
            divisions.append(made(document))
    front = (
        Document(
            "cover",
            "cover.xhtml",
            labels.format("cover"),
            render("cover", labels.format("cover"), "", body_class="cover", cover=cover_doc),
        ),
        Document(
            "titlepage",
            "titlepage.xhtml",
            labels.format("title_page"),
            render("titlepage", meta.title, "frontmatter", ms=ms, meta=meta),
        ),
        Document(
            "nav",
            "nav.xhtml",
            labels.format("contents"),
            render(
                "nav",
                labels.format("contents"),
                "frontmatter",
                toc=contents(plan),
                landmarks=landmarks(plan),
                lists=ms.lists,
                files=plan.files,
                pages=pages,
            ),
            ("nav",),
        ),
    )
    title = labels.format("data_currency")
    appendix = (  # a book with no data date has none
        (
            Document(
                APPENDIX,
                f"{APPENDIX}.xhtml",
                title,
                render(APPENDIX, title, "backmatter", plan=plan, currency=currency(ms)),
            ),
        )
        if ms.has_currency
        else ()
    )
    back = (
        *appendix,
        *_index(plan, render),
        Document(
            "colophon",
            "colophon.xhtml",
            labels.format("colophon"),
            render("colophon", labels.format("colophon"), "backmatter", ms=ms, meta=meta),
        ),
    )
    return tuple(made(d) for d in front) + tuple(divisions) + tuple(made(d) for d in back)


def division(
    plan: EpubPlan, chapter: EpubChapter, render: Any, files: Mapping[str, str], line: bool
) -> tuple[Document, ...]:
    """A chapter's document, after its part's title page if it opens a part."""
    made: list[Document] = []
    part = plan.part_before(chapter)
    if part is not None:
        text = part.part.heading_text
        xhtml = render("part", text, "bodymatter", part=part)
        made.append(Document(part.part.id, part.name, text, xhtml))
    xhtml = render("chapter", chapter.text, chapter.body_type, ch=chapter, files=files, line=line)
    made.append(Document(chapter.chapter.id, chapter.name, chapter.text, xhtml))
    return tuple(made)


def _places(ms: Manuscript) -> dict[str, tuple[str, str]]:
    """Each section's part (a volume's country; "" in a book without parts) and its
    chapter's heading, by section id."""
    parts = {p.part.number: p.part.title for p in ms.parts}
    return {
        rs.id: (parts.get(c.chapter.part, ""), c.heading_text)
        for c in ms.chapters
        for rs in c.sections
    }


def _locator_names(ms: Manuscript) -> dict[str, str]:
    """Each section's name as an index locator: its title, and where the book has another
    section of that title, with its part where the parts differ ("Country Profile
    (Belarus)"), else its chapter. An entry that names one "Country Profile" of a volume's
    two did not say whose."""
    places = _places(ms)
    alike: dict[str, list[str]] = {}
    for rs in ms.sections:
        alike.setdefault(rs.title_text, []).append(rs.id)
    named = {}
    for title, ids in alike.items():
        for ident in ids:
            named[ident] = title
        if len(ids) == 1:
            continue
        by_part = len({places[i][0] for i in ids}) == len(ids)
        by_chapter = len({places[i][1] for i in ids}) == len(ids)
        if by_part or by_chapter:
            for ident in ids:
                named[ident] = f"{title} ({places[ident][0 if by_part else 1]})"
    return named


def _index(plan: EpubPlan, render: Any) -> tuple[Document, ...]:
    """The index document (EPUB Indexes 1.1), when the book marks terms."""
    ms = plan.manuscript
    if not ms.index:
        return ()
    where = {m.id: rs.id for rs in ms.sections for m in rs.marks if m.id}
    names = _locator_names(ms)

    def locators(entry: IndexEntry) -> tuple[tuple[str, str], ...]:
        """(mark id, section name): the first mark of each section the entry is in."""
        firsts = {where[m]: m for m in reversed(entry.locators)}
        return tuple((m, names[where[m]]) for m in entry.locators if firsts[where[m]] == m)

    ids = {e.term: f"index-entry-{n}" for n, e in enumerate(_entries(ms), start=1)}
    title = ms.labels.format("index")
    xhtml = render(
        "index", title, "backmatter", ms=ms, files=plan.files, locators=locators, ids=ids
    )
    return (Document("index", "index.xhtml", title, xhtml),)


def _entries(ms: Manuscript) -> tuple[IndexEntry, ...]:
    return tuple(e for group in ms.index for e in group.entries)
