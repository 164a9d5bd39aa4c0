"""The print templates' filters, which octavo.render.pdf.html's print_environment gives
them: an author's note set at its call (`footnotes`), links to what a part laid out apart
does not hold (`away_links`), wide tables on landscape pages (`landscape`), a captioned
table's head repeated where it runs on (`continued`), a CSS string literal
(`css_string`) and identifier (`css_ident`). `landscape` and `continued` read the document
being rendered from `RENDERING` (render_print sets it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from octavo.model import Note
from octavo.render.pdf.continued import continued_heads
from octavo.render.pdf.landscape import landscape_tables
from octavo.render.pdf.last_words import note_last_words
from octavo.render.pdf.nested_notes import CALL, callers, outermost
from octavo.render.pdf.whole_words import whole_word_tables

__all__ = [
    "REF",
    "RENDERING",
    "Rendering",
    "away_links",
    "continued_filter",
    "css_ident",
    "css_string",
    "inline_notes",
    "landscape_filter",
    "running_head_filter",
    "title_class_filter",
]

# HTML's white space, which CSS collapses (never U+00A0: a note's code keeps its indent)
_SPACES = re.compile(r"[ \t\n\r\f]+")


def inline_notes(html: str, notes: tuple[Note, ...], footnote: Callable[..., Any]) -> str:
    """Each call of an author's note replaced by the note itself (`footnote`, a template
    macro), where print floats it to the foot of the page.

    The note's white space is collapsed here: WeasyPrint 70 collapses none in a `float:
    footnote` element, so a line end of the Markdown (a soft break) broke the printed note
    there, half the measure left empty, and a double space stayed double.

    A note called inside another note (octavo.render.pdf.nested_notes) floats from just
    after the outer note, `footnote(note, nested=True)`: the same page, the next number."""
    by_id = {n.id: replace(n, html=note_last_words(_SPACES.sub(" ", n.html))) for n in notes}
    called_by = callers(notes)
    inner: dict[str, list[Note]] = {}
    for note in notes:  # in their numbers' order, as the page's foot sets them
        if note.id in called_by:
            inner.setdefault(outermost(note.id, called_by), []).append(by_id[note.id])

    def one(match: re.Match[str]) -> str:
        if match[1] not in by_id:
            return match[0]
        nested = (str(footnote(n, nested=True)) for n in inner.get(match[1], ()))
        return str(footnote(by_id[match[1]])) + "".join(nested)

    return CALL.sub(one, html)


_LINK = re.compile(r'<a href="#([^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)
REF = "\ufdd0"  # where a reference's own words go in `Rendering.elsewhere`'s (no text holds it)
_REF_CLASS = re.compile(r'class="[^"]*\bpage\b')


def away_links(html: str, here: frozenset[str] | None, away: str) -> str:
    """Links to ids outside the document (`here`, None: the whole book): `data` for a part
    laid out apart (data-href: the merge adds the link), else their words alone; in a
    handout a table's or figure's with where it is (`Rendering.elsewhere`), but a page
    reference's (W517)."""
    if here is None:
        return html
    places = dict(RENDERING.get().elsewhere) if away != "data" else {}

    def one(match: re.Match[str]) -> str:
        if match[1] in here:
            return match[0]
        if away == "data" and ("page" not in match[2] or _REF_CLASS.search(match[2])):
            # a page reference's folio is given (html.given_folios)
            return f'<a data-href="#{match[1]}"{match[2]}>{match[3]}</a>'
        if match[1] in places and not _REF_CLASS.search(match[2]):
            return places[match[1]].replace(REF, match[3])
        return match[3]

    return _LINK.sub(one, html)


@dataclass(frozen=True, slots=True)
class Rendering:
    """What the body filters need of the document render_print is rendering."""

    measure: float | None = None  # the text block's width (None: none, a stamp)
    # the words naming a table on the pages it runs on to (Labels.parts of table_continued)
    continued: tuple[tuple[str, str], ...] = (("", "label"),)
    head: float | None = None  # the running heads' width (a stamp's too; None: not cut)
    # a handout's: the words of a reference to each table or figure it does not hold
    # (octavo.render.pdf.handout_refs.elsewhere)
    elsewhere: tuple[tuple[str, str], ...] = ()
    type_size: float = 11.0  # the body's type in points (a chapter title's size is in its ems)
    direction: str = "ltr"  # the book's: its running heads' line (octavo.render.pdf.running_heads)


_OUTSIDE = Rendering()  # frozen: one default for every filter called outside a render
RENDERING: ContextVar[Rendering] = ContextVar("octavo_print_rendering", default=_OUTSIDE)


def landscape_filter(body: str) -> str:
    """The `landscape` filter: `body`'s wide tables past the width of the text block of the
    document being rendered (`render_print`) classed landscape. One function for every
    render: Jinja keeps a template imported without context (templates/print/macros.html)
    as it was first made, with the filters of that render, so a filter replaced at each
    render would keep the first one's width in every later document of the process (a
    stamp's, none: no landscape table in a book or handout rendered after it). The tables
    that stay on the page and whose words fit it whole are classed `whole-words`
    (octavo.render.pdf.whole_words): their words are not hyphenated."""
    measure = RENDERING.get().measure
    return whole_word_tables(landscape_tables(body, measure), measure)


def continued_filter(body: str) -> str:
    """The `continued` filter: a hidden row naming each captioned table in its head, shown
    on the pages the table runs on to (octavo.render.pdf.continued); one function for every
    render, as `landscape_filter`."""
    return continued_heads(body, RENDERING.get().continued)


def running_head_filter(text: str) -> str:
    """The `running_head` filter: `text` cut to one line of the document's running heads
    (octavo.render.pdf.running_heads), "" when it fits whole; one function for every
    render, as `landscape_filter`."""
    from octavo.render.pdf.running_heads import running_head

    rendering = RENDERING.get()
    return running_head(text, rendering.head, rendering.direction)


def title_class_filter(text: str) -> str:
    """The `title_class` filter: the class that keeps a chapter's title of `text` on its
    opening page (octavo.render.pdf.title_fit), "" at its usual size; as `landscape_filter`."""
    from octavo.render.pdf.title_fit import title_class

    rendering = RENDERING.get()
    return title_class(text, rendering.measure, rendering.type_size)


def css_ident(name: str) -> Markup:
    """A CSS identifier for a <style> element: a counter style's name as WeasyPrint read
    it from a book's stylesheet (an `@counter-style` may be named anything), escaped where
    it must be, so it can neither end the declaration nor the element."""
    from tinycss2.serializer import serialize_identifier

    cleaned = "".join(c for c in name if c.isprintable())
    return Markup(serialize_identifier(cleaned))  # "</" escaped: no end tag


def css_string(text: str) -> Markup:
    """A CSS string literal for a <style> element (raw text, not escaped by the template):
    quotes and backslashes escaped, '<' as a CSS escape so no '</style>' can close it,
    control characters dropped, and any other character Python would not print kept as a
    CSS escape: a running head's no-break space (French's, before the colon of "Annexe A :
    Villes") and mark of direction (octavo.render.pdf.running_heads) are the head's, as
    an element's content(text) keeps them (they were dropped: "Annexe A: Villes")."""
    return Markup('"' + "".join(_css_char(c) for c in text) + '"')


def _css_char(char: str) -> str:
    if char in '\\"':
        return "\\" + char
    if char == "<":
        return "\\3C "
    if char.isprintable():
        return char
    return "" if unicodedata.category(char) == "Cc" else f"\\{ord(char):X} "
