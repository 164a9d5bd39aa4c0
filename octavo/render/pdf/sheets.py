"""The print HTML's stylesheets (octavo.render.pdf.html): the CSS layers in their order, each
the book's own override if it has one, the page's CSS made from book.toml's page setup
(templates/print/page.css), and whether a table of the book needs a landscape page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from octavo.model import Manuscript, RenderedSection
from octavo.model.language_tags import direction
from octavo.project import Project
from octavo.render.own_styles import custom_layers
from octavo.render.pdf.landscape import landscape_tables
from octavo.render.url_sandbox import sandbox_url
from octavo.source.paper import PageSetup

__all__ = [
    "Sheet",
    "css_pt",
    "has_landscape",
    "page_css",
    "sheet_files",
    "stylesheets",
    "text_measure",
]

BEFORE_PAGE = ("base.css", "print/fonts.css")  # the CSS layers before the page's CSS
AFTER_PAGE = ("print/book.css",)  # and after it, before a document's or variant's own
RTL = ("print/rtl.css",)  # after book.css in a book written right to left: its heads' sides


@dataclass(frozen=True, slots=True)
class Sheet:
    """A stylesheet of the print HTML: a file (`href`) or the page's CSS inline (`text`)."""

    href: str = ""
    text: str = ""


def css_pt(value: float) -> str:
    """A length for a page's CSS template: 12.5 -> '12.5pt'."""
    return f"{value:.3f}".rstrip("0").rstrip(".") + "pt"


def text_measure(page: PageSetup) -> float:
    """The width of the text block in points."""
    return page.width - page.inner - page.outer


def page_css(project: Project, page: PageSetup, landscape: bool = False) -> str:
    """templates/print/page.css for a page: size, margins, bleed, marks, type size; the
    landscape page when a table needs one."""
    template = project.env().get_template("print/page.css")
    return template.render(page=page, pt=css_pt, landscape=landscape)


def stylesheets(
    project: Project, page: PageSetup, *extra: str, landscape: bool = False
) -> tuple[Sheet, ...]:
    """The CSS layers, each the book's own override if it has one: base.css, fonts.css,
    the page (templates/print/page.css), book.css (and rtl.css in a book written right to
    left), the book's additive layer (custom.css, print/custom.css: octavo.render.own_styles),
    then `extra` (e.g. print/handout.css)."""
    files = [Sheet(sandbox_url(project, project.style(n))) for n in BEFORE_PAGE]
    names = (*_after(project), *custom_layers(project, "print"), *extra)
    after = [Sheet(sandbox_url(project, project.style(n))) for n in names]
    return (*files, Sheet(text=page_css(project, page, landscape)), *after)


def sheet_files(project: Project, *extra: str) -> list[Path]:
    """The files of the CSS layers (`stylesheets`' order, the page's CSS left out), then
    `extra`: each the book's own override if it has one; one that neither holds (a
    variant's cmyk.css) left out."""
    paths = []
    for name in (*BEFORE_PAGE, *_after(project), *custom_layers(project, "print"), *extra):
        try:
            paths.append(project.style(name))
        except FileNotFoundError:
            continue
    return paths


def _after(project: Project) -> tuple[str, ...]:
    """The layers after the page's CSS: book.css, and rtl.css in a book written right to
    left (its recto a left-hand page: the running heads' sides swapped)."""
    rtl = direction(project.config.language) == "rtl"
    return (*AFTER_PAGE, *RTL) if rtl else AFTER_PAGE


def has_landscape(
    manuscript: Manuscript, page: PageSetup, sections: Iterable[RenderedSection] | None = None
) -> bool:
    """Whether a table of the book (of `sections`, if given: a part's) goes on a landscape
    page (octavo.render.pdf.landscape)."""
    measure = text_measure(page)
    given = manuscript.sections if sections is None else sections
    return any(landscape_tables(s.body_html, measure) != s.body_html for s in given)
