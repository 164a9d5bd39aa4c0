"""Read a written PDF back for its page references (E621): the number a page reference
prints is the folio of the page its target is on, as that page prints it.

Everything is read from the PDF file (octavo.check.pdf_facts.read_pdf); the manuscript says
which links are page references, by their class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from octavo.check.note_room import squash
from octavo.errors import Diagnostic, error
from octavo.model import RenderedSection
from octavo.text import strip_tags

if TYPE_CHECKING:
    from octavo.check.pdf_facts import PdfFacts

__all__ = ["check_page_refs", "is_page_ref", "with_folios"]

# a page reference as the manuscript writes it (read here, not with the renderer's own
# pattern: a check that reused it would agree with its mistakes); its number in any
# script's figures (\d), as a book's page counter may print them (١٢ with arabic-indic),
# compared as printed with its page's folio, never read as a number (octavo.check.folios)
_FOLIO = re.compile(r"\w+")  # a folio in any style: figures, roman, letters, ¹²
# how a page reference's attributes begin: its class `xref page`, alone or before others
# ("xref pages" is no page reference's)
_PAGE_CLASS = r' class="xref page(?:"| [^"]*")'
_PAGE_REF = re.compile(r'<a href="#([^"]+)"' + _PAGE_CLASS + r"[^>]*>.*?</a>", re.DOTALL)
_PAGE_ATTRIBUTES = re.compile(_PAGE_CLASS)
# any link within the book: a page reference's is told apart by its class
_LINK = re.compile(r'<a href="#([^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)


def _folio_of(facts: PdfFacts, target: str) -> str:
    return facts.pages[facts.dests[target]].folio if target in facts.dests else ""


def with_folios(facts: PdfFacts, html: str) -> str:
    """`html` with each page reference as print shows it: its target's folio, not its label
    (hidden in print)."""
    return _PAGE_REF.sub(lambda m: _folio_of(facts, m[1]), html)


def check_page_refs(facts: PdfFacts, sections: tuple[RenderedSection, ...]) -> Iterator[Diagnostic]:
    """E621: the number a page reference prints is the folio of its target's page."""
    held = [h for rs in sections for h in (rs.body_html, *(n.html for n in rs.notes))]
    links = [link for html in held for link in _LINK.findall(html)]  # one pass over each
    wanted = {target for target, attributes, _ in links if is_page_ref(attributes)}
    others = _other_words(links, sections)
    printed: dict[str, list[str]] = {}
    for link in facts.links:
        if link.dest not in wanted:
            continue
        page = facts.pages[link.page]
        number = "".join(
            text
            for x0, top, x1, bottom, text in page.chars
            if link.x0 <= (x0 + x1) / 2 <= link.x1 and link.top <= (top + bottom) / 2 <= link.bottom
        ).strip()
        if number != _folio_of(facts, link.dest) and _words(number) in others.get(link.dest, ""):
            continue  # another link's words (a cross-reference's), or a line of them
        if _FOLIO.fullmatch(number):  # a folio as its page prints it, in any style
            printed.setdefault(link.dest, []).append(number)
    for target in sorted(wanted):
        folio = facts.pages[facts.dests[target]].folio if target in facts.dests else "?"
        shown = printed.get(target, [])
        if not shown or any(n != folio for n in shown):
            yield error(
                "E621",
                f"page reference to #{target} prints {shown or 'nothing'}, its folio is {folio!r}",
                facts.path,
            )


def is_page_ref(attributes: str) -> bool:
    """Whether a link's attributes after its href (`_LINK`'s second group) are a page
    reference's."""
    return _PAGE_ATTRIBUTES.match(attributes) is not None


def _words(text: str) -> str:
    return squash(text).casefold()  # as printed, in capitals or small capitals too


def _other_words(
    links: Iterable[tuple[str, str, str]], sections: Iterable[RenderedSection]
) -> dict[str, str]:
    """The words (squashed, joined by newlines) of each target's links (`_LINK`'s target,
    attributes and text) that are not page references: a cross-reference to a heading
    prints its title, `[the map](#fig:map)` its words; the PDF's links to the target hold
    them too, a line of them in each box when they wrap, and none of them is a page
    reference's folio. A figure's or table's entry in the list of figures or tables links
    to it with its label and caption, one box a piece where a span (an index mark) splits
    them: a one-word mark ("Word") read as a folio was a false E621."""
    words: dict[str, list[str]] = {}
    for target, attributes, text in links:
        if not is_page_ref(attributes):
            words.setdefault(target, []).append(_words(strip_tags(text)))
    for rs in sections:
        for float_ in (*rs.figures, *rs.tables):
            caption = f"{float_.label}. {strip_tags(float_.caption_html)}"
            words.setdefault(float_.id, []).append(_words(caption))
    return {target: "\n".join(texts) for target, texts in words.items()}
