"""The plan -> the EPUB's content documents, each rendered from a template in templates/epub/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from octavo.model import Manuscript
from octavo.project import Project
from octavo.render.epub.cover import CoverText
from octavo.render.epub.links import relink
from octavo.render.epub.metadata import EpubMeta
from octavo.render.epub.plan import TEXT, EpubPlan, NavEntry

__all__ = [
    "STYLESHEETS",
    "Currency",
    "Document",
    "Landmark",
    "Page",
    "currency",
    "documents",
    "landmarks",
]

# Style layers, each found on the style search path (a book's own styles/ first).
STYLESHEETS: tuple[tuple[str, str], ...] = (("base.css", "base.css"), ("epub/book.css", "book.css"))
CSS = "css"
IMAGES = "images"
COVER_IMAGE = "cover.png"


@dataclass(frozen=True, slots=True)
class Page:
    """What every content document's <head> needs."""

    title: str
    language: str
    stylesheets: tuple[str, ...]
    body_type: str = ""
    body_class: str = ""


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
        their start point ("text") only there."""
        return {"bodymatter": "text"}.get(self.type, self.type)


@dataclass(frozen=True, slots=True)
class Cover:
    src: str
    alt: str


def currency(manuscript: Manuscript) -> Currency:
    dates = sorted(s.section.data_as_of for s in manuscript.sections)
    if not dates:
        return Currency(0, "", "")
    return Currency(len(dates), dates[0].label, dates[-1].label)


def landmarks(plan: EpubPlan) -> tuple[Landmark, ...]:
    start = plan.chapters[0].name if plan.chapters else "data-currency.xhtml"
    return (
        Landmark("cover", "cover.xhtml", "Cover"),
        Landmark("toc", "nav.xhtml#toc", "Contents"),
        Landmark("bodymatter", start, "Start of text"),
    )


def documents(
    plan: EpubPlan, meta: EpubMeta, cover: CoverText, cover_src: str = ""
) -> tuple[Document, ...]:
    """Cover, title page, contents, chapters, data-currency appendix, colophon: spine order.

    `cover_src`: the cover image, relative to the text/ folder (default: the drawn one)."""
    ms = plan.manuscript
    render = _renderer(ms.book.project, meta.language)
    cover_doc = Cover(cover_src or f"../{IMAGES}/{COVER_IMAGE}", cover.alt)
    files = plan.files
    line = ms.book.config.data_date_line
    chapters = tuple(
        Document(
            c.chapter.id,
            c.name,
            c.text,
            render("chapter", c.text, "bodymatter", ch=c, files=files, line=line),
        )
        for c in plan.chapters
    )
    front = (NavEntry("Title Page", "titlepage.xhtml"),)
    back = (
        NavEntry("Data Currency", "data-currency.xhtml"),
        NavEntry("Colophon", "colophon.xhtml"),
    )
    return (
        Document(
            "cover",
            "cover.xhtml",
            "Cover",
            render("cover", "Cover", "", body_class="cover", cover=cover_doc),
        ),
        Document(
            "titlepage",
            "titlepage.xhtml",
            "Title Page",
            render("titlepage", meta.title, "frontmatter", ms=ms, meta=meta),
        ),
        Document(
            "nav",
            "nav.xhtml",
            "Contents",
            render(
                "nav",
                "Contents",
                "frontmatter",
                plan=plan,
                front=front,
                back=back,
                landmarks=landmarks(plan),
            ),
            ("nav",),
        ),
        *chapters,
        Document(
            "data-currency",
            "data-currency.xhtml",
            "Data Currency",
            render(
                "data-currency", "Data Currency", "backmatter", plan=plan, currency=currency(ms)
            ),
        ),
        Document(
            "colophon",
            "colophon.xhtml",
            "Colophon",
            render("colophon", "Colophon", "backmatter", ms=ms, meta=meta),
        ),
    )


def _renderer(project: Project, language: str) -> Any:
    env = project.env()
    env.filters["relink"] = relink
    sheets = tuple(f"../{CSS}/{name}" for _, name in STYLESHEETS)

    def render(
        template: str, title: str, body_type: str, body_class: str = "", **context: Any
    ) -> bytes:
        page = Page(title, language, sheets, body_type, body_class)
        text: str = env.get_template(f"epub/{template}.xhtml").render(page=page, **context)
        return text.encode("utf-8")

    return render
