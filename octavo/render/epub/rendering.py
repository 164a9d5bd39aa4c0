"""Each EPUB content document rendered from its template in templates/epub/: its <head>
(`Page`, the style layers), and what every document gets whatever template made it: the
words for print only removed, page references printed as folios, `xml:lang`, page-break
markers, breaks in runs longer than any word, wide tables framed for a phone, figures
given a width set so in every reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from html import escape, unescape
from types import SimpleNamespace
from typing import Any

from octavo.model import Labels
from octavo.model.language_tags import direction
from octavo.project import Project
from octavo.render.conditional import for_output
from octavo.render.epub.figure_widths import sized_figures
from octavo.render.epub.heads import soft_hyphens
from octavo.render.epub.languages import xml_lang
from octavo.render.epub.links import relink
from octavo.render.epub.wide_tables import Wide, framed
from octavo.render.long_words import broken
from octavo.render.own_styles import custom_layers
from octavo.render.xref import PAGE_REF

__all__ = [
    "CSS",
    "STYLESHEETS",
    "Page",
    "epub_layers",
    "frame_context",
    "page_references",
    "renderer",
]

# Style layers, each found on the style search path (a book's own styles/ first).
STYLESHEETS: tuple[tuple[str, str], ...] = (("base.css", "base.css"), ("epub/book.css", "book.css"))
# the book's additive layer (octavo.render.own_styles): its name in the EPUB
_CUSTOM = {"custom.css": "custom.css", "epub/custom.css": "custom-epub.css"}


def epub_layers(project: Project) -> tuple[tuple[str, str], ...]:
    """(style path, name in the EPUB) of each stylesheet the EPUB packs, in their order:
    octavo's layers (STYLESHEETS), then the book's additive ones it has."""
    return (*STYLESHEETS, *((n, _CUSTOM[n]) for n in custom_layers(project, "epub")))


CSS = "css"


@dataclass(frozen=True, slots=True)
class Page:
    """What every content document's <head> needs."""

    title: str
    language: str
    stylesheets: tuple[str, ...]
    body_type: str = ""
    body_class: str = ""

    @property
    def direction(self) -> str:
        """'rtl' for a document in a language written right to left, else 'ltr'."""
        return direction(self.language)


_NO = SimpleNamespace(name="")


def page_references(xhtml: str, folios: Mapping[str, str]) -> str:
    """Each page reference's words (its target's name) replaced by the printed page of its
    target, when `folios` knows it (a book with a page list)."""
    if not folios or "ref-label" not in xhtml:
        return xhtml

    def folio(match: re.Match[str]) -> str:
        found = folios.get(unescape(match[2]))
        return match[0] if found is None else f"{match[1]}{escape(found)}{match[4]}"

    return PAGE_REF.sub(folio, xhtml)


def frame_context(wide: Wide, labels: Labels) -> dict[str, Any]:
    """What templates/epub/table-frame.xhtml is given of a wide table (`table` and `scrolls`
    as a book's own copy of an earlier frame takes them)."""
    return {
        "table": wide.table,
        "tables": wide.tables,
        "caption": wide.caption,
        "label": wide.label,
        "ident": wide.ident,
        "scrolls": wide.scrolls,
        "boxed": wide.boxed,
        "labels": labels,
    }


_BREAK = re.compile(r'<(?=[a-z][\w:]*\s[^>]*\bid="([^"]+)")')


def renderer(
    project: Project,
    language: str,
    labels: Labels,
    pages: tuple[tuple[str, str, str], ...] = (),
    folios: Mapping[str, str] | None = None,
    images: Mapping[str, str] | None = None,
) -> Any:
    """`images`: the member of each of the book's images (octavo.render.epub.links.book_media).
    `pages`: (document, id, folio) of each printed page's start: a page-break marker
    (templates/epub/pagebreak.xhtml) goes right before the element with that id.
    `folios`: the printed page of each id, which page references print. Every document
    is rid of the words marked for print only (octavo.render.conditional), and has
    `xml:lang` beside each `lang` (octavo.render.epub.languages), and places to break in
    each run of characters longer than any word (octavo.render.long_words), each wide
    table in its frame (octavo.render.epub.wide_tables) and each figure given a width its
    width in every reader (octavo.render.epub.figure_widths), whatever template made it."""
    env = project.env()
    env.filters["relink"] = partial(relink, images=images)  # the book's images' members
    env.filters["heads"] = soft_hyphens
    env.filters["direction"] = direction  # a section's own language's: its dir
    sheets = tuple(f"../{CSS}/{name}" for _, name in epub_layers(project))
    table_frame = env.get_template("epub/table-frame.xhtml")

    def frame(wide: Wide) -> str:
        return str(table_frame.render(**frame_context(wide, labels)))

    def render(
        template: str, title: str, body_type: str, body_class: str = "", **context: Any
    ) -> bytes:
        page = Page(title, language, sheets, body_type, body_class)
        text: str = env.get_template(f"epub/{template}.xhtml").render(
            page=page, labels=labels, **context
        )
        text = xml_lang(page_references(for_output(text, "epub"), folios or {}))
        text = broken(text, "<wbr/>")  # runs longer than any word
        text = sized_figures(framed(text, frame))
        here = {ident: folio for name, ident, folio in pages if name == f"{template}.xhtml"}
        here |= {i: f for name, i, f in pages if name == context.get("ch", _NO).name}
        if here:
            marker = env.get_template("epub/pagebreak.xhtml")
            text = _BREAK.sub(
                lambda m: marker.render(folio=here[m[1]]) + "<" if m[1] in here else "<", text
            )
        return text.encode("utf-8")

    return render
