"""The print HTML's stylesheets (octavo.render.pdf.html): the CSS layers in their order, each
the book's own override if it has one, the page's CSS made from book.toml's page setup
(templates/print/page.css), and whether a table of the book needs a landscape page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from octavo.model import Manuscript, RenderedSection
from octavo.project import Project
from octavo.render.pdf.landscape import landscape_tables
from octavo.render.url_sandbox import sandbox_url
from octavo.source.paper import PageSetup

__all__ = ["Sheet", "css_pt", "has_landscape", "page_css", "stylesheets", "text_measure"]


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
    the page (templates/print/page.css), book.css, then `extra` (e.g. print/handout.css)."""
    files = [Sheet(sandbox_url(project, project.style(n))) for n in ("base.css", "print/fonts.css")]
    after = [Sheet(sandbox_url(project, project.style(n))) for n in ("print/book.css", *extra)]
    return (*files, Sheet(text=page_css(project, page, landscape)), *after)


def has_landscape(
    manuscript: Manuscript, page: PageSetup, sections: Iterable[RenderedSection] | None = None
) -> bool:
    """Whether a table of the book (of `sections`, if given: a part's) goes on a landscape
    page (octavo.render.pdf.landscape)."""
    measure = text_measure(page)
    given = manuscript.sections if sections is None else sections
    return any(landscape_tables(s.body_html, measure) != s.body_html for s in given)
