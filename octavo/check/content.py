"""Read a written PDF back for what a section's body holds (E611, E620-E622).

- every author's note is at the foot of the page of its call (the call's destination);
- a table that goes on over pages shows its header row on each of them;
- every figure is on the page of its destination, drawn, with its "Figure N." caption;
- a page reference prints the folio of the page its target is on (octavo.check.page_refs).

Everything is read from the PDF file (octavo.check.pdf_facts.read_pdf); the manuscript says what
should be there.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from lxml import html as lxml_html
from lxml.html import HtmlElement

from octavo.check.bidi_words import (
    Words,
    holds_caption,
    holds_lines,
    line_words,
    row_keys,
    row_tops,
    words,
    words_above,
)
from octavo.check.note_room import overfull_notes, squash
from octavo.check.page_refs import check_page_refs, with_folios
from octavo.errors import Diagnostic, error
from octavo.model import Manuscript, Numbered, RenderedSection
from octavo.text import strip_tags

if TYPE_CHECKING:
    from octavo.check.pdf_facts import PdfFacts, PdfPage

__all__ = ["check_content", "check_notes"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_text(page: PdfPage) -> str:
    return squash(" ".join(text for _, _, text in page.lines))


def check_notes(
    facts: PdfFacts, sections: Iterable[RenderedSection], base: int = 0, room: float = 0.0
) -> Iterator[Diagnostic]:
    """E611: each author's note, numbered as printed (`base` fewer in a handout), is on the
    page of its call; but for notes called on one page that are more than a page of notes
    (`room`: the text block's height, points), which print lets run onto the following
    pages (W656: octavo.check.note_room)."""
    printed: list[tuple[str, int, str]] = []
    away: list[tuple[str, int | None, str]] = []
    for rs in sections:
        for note in rs.notes:
            page = facts.dests.get(note.ref_id)
            shown = with_folios(facts, note.html)
            text = _flat(f"{note.number - base}. {strip_tags(shown)}")
            if page is not None:
                printed.append((note.id, page, text))
            if page is None or not _note_on(facts.pages[page], text):
                away.append((note.id, page, text))
    crowded = {page for _, page, _ in away}
    through = overfull_notes(facts, [n for n in printed if n[1] in crowded], room)
    for ident, page, text in away:
        if ident not in through:
            where = "?" if page is None else facts.pages[page].folio
            yield error(
                "E611",
                f"note {text[:40]!r} is not on the page of its call (folio {where!r})",
                facts.path,
            )


def _note_on(page: PdfPage, text: str) -> bool:
    """Whether the note `text` is on `page`: as written, or (set right to left, its words
    read in another order) its words those of the lines it is printed on
    (octavo.check.bidi_words)."""
    return squash(text) in _page_text(page) or holds_lines(line_words(page), words(text))


def check_content(
    facts: PdfFacts,
    ms: Manuscript,
    sections: tuple[RenderedSection, ...] | None = None,
    room: float = 0.0,
) -> Iterator[Diagnostic]:
    shown = ms.sections if sections is None else sections
    if sections is None:
        yield from check_notes(facts, shown, room=room)
    yield from _tables(facts, shown)
    yield from _figures(facts, shown)
    if sections is None:  # a handout has no folios to refer to
        yield from check_page_refs(facts, shown)


def _tables(facts: PdfFacts, sections: tuple[RenderedSection, ...]) -> Iterator[Diagnostic]:
    """E620: a page holding rows of a table holds its header row above them."""
    for rs in sections:
        if not rs.tables:
            continue
        tree = _body_tree(rs.body_html)  # once for all its tables
        for table in rs.tables:
            start = facts.dests.get(table.id)
            header, rows = _cells(tree, table.id)
            if start is None or not header:
                continue
            turned = row_keys(rows)
            for page in facts.pages[start:]:
                tops = _row_tops(page, rows, turned)
                if not tops:
                    if page.index > start:
                        break
                    continue
                above = squash(" ".join(t for top, _, t in page.lines if top < min(tops)))
                missing = [
                    cell
                    for cell in header
                    if not _shown(cell, above) and not words_above(page, cell, min(tops))
                ]
                if missing:
                    yield error(
                        "E620",
                        f"table #{table.id} goes on to folio {page.folio!r} without its header "
                        f"row (no {missing[0]!r} above its rows)",
                        facts.path,
                    )


def _row_tops(page: PdfPage, rows: set[str], turned: frozenset[Words]) -> list[float]:
    """The tops of the page's lines that are rows of the table: as printed, or set right to
    left, by their words (octavo.check.bidi_words.row_tops)."""
    tops = [top for top, _, text in page.lines if _flat(text) in rows]
    return tops if tops or not turned else row_tops(page, turned)


def _shown(cell: str, above: str) -> bool:
    """Whether a header cell's words are all in `above` (squashed): a cell whose words
    wrap is read line by line across the row, each line holding its piece of every cell
    ("Column Column …", "header header …", "number 0 number 1 …"), never the cell's words
    together (a 12-column table's head was a false E620)."""
    return squash(cell) in above or all(squash(word) in above for word in cell.split())


def _cells(tree: HtmlElement, ident: str) -> tuple[list[str], set[str]]:
    """The header cells of the table with id `ident` in `tree` (a section's body, read
    only), and the text of each body row."""
    found = tree.xpath(f'.//table[@id="{ident}"]')
    if not found:
        return [], set()
    table = found[0]
    header = [_flat(th.text_content()) for th in table.xpath("./thead//th")]
    rows = {
        _flat(" ".join(td.text_content() for td in tr.xpath("./td|./th")))
        for tr in table.xpath("./tbody/tr")
    }
    return [h for h in header if h], rows


def _figures(facts: PdfFacts, sections: tuple[RenderedSection, ...]) -> Iterator[Diagnostic]:
    """E622: a figure's page draws something and shows its 'Figure N.' caption."""
    for rs in sections:
        if not rs.figures:
            continue
        tree = _body_tree(rs.body_html)  # once for all its figures' captions
        for figure in rs.figures:
            page = facts.dests.get(figure.id)
            caption = _flat(f"{figure.label}. {strip_tags(figure.caption_html)}")
            if page is None:
                yield error("E622", f"figure #{figure.id} is not in the PDF", facts.path)
                continue
            here = facts.pages[page]
            shown = _caption_shown(tree, figure, caption)
            found = shown.search(_page_text(here)) or holds_caption(
                line_words(here), words(caption)
            )  # or set right to left, its words read in another order (bidi_words)
            if not found or not here.graphics:
                yield error(
                    "E622",
                    f"figure #{figure.id} on folio {here.folio!r} lacks its image or its caption "
                    f"{caption[:40]!r}",
                    facts.path,
                )


_CALL = "\ufdd0"  # where a caption calls a note (a noncharacter: no text holds it)


def _body_tree(body: str) -> HtmlElement:
    """A section's body parsed, to be read (never changed) for each of its tables and
    figures."""
    return lxml_html.fragment_fromstring(body, create_parent="div")


def _caption_shown(tree: HtmlElement, figure: Numbered, caption: str) -> re.Pattern[str]:
    """The first 60 letters of `caption` ("Figure N." and its words, squashed) as printed:
    with a note's number where its words call one (the figure's `caption_html` leaves the
    call out, the page prints it: "Testland2 and its rivers"), read from its `figcaption`
    in `tree` (the section's body, left as it is); the number any, as printed in any script
    or less a handout's base."""
    plain = squash(caption)
    found = tree.xpath(f'.//figure[@id="{figure.id}"]/figcaption')
    called = ""
    if found:
        shown = copy.deepcopy(found[0])  # changed below: the body's tree serves every figure
        for part in shown.xpath('.//*[@class="caption-label" or @class="credit"]'):
            part.drop_tree()  # its tail, the words after it, stays
        for call in shown.xpath('.//a[contains(concat(" ", @class, " "), " noteref ")]'):
            for child in call:
                call.remove(child)
            call.text = _CALL
        called = squash(f"{figure.label}. {shown.text_content()}")
    if _CALL not in called or called.replace(_CALL, "") != plain:
        return re.compile(re.escape(plain[:60]))  # no call (or not the caption's words)
    pieces, left = [], 60
    for piece in called.split(_CALL):
        pieces.append(re.escape(piece[:left]))
        left -= min(left, len(piece))
        if not left:
            break
    return re.compile(r"\w{0,8}".join(pieces))
