"""An element's inline content -> one line of plain text and one of Markdown: italics, bold,
superscripts and subscripts, links (numbered, for the batch to point at the study's pages),
a footnote's call, a <br> as a break between the block's lines. The part of flattening a
page (octavo.importers.flatten) that reads words, not blocks."""

from __future__ import annotations

import re

from lxml import etree

from octavo.importers.html_notes import CALL, Notes
from octavo.text import escape_inline, escape_prose

__all__ = ["BREAK", "DROP", "InlineReader", "one_line", "piece_lines"]

DROP = ("script", "style", "noscript", "iframe", "form", "select", "button", "object", "embed")
BREAK = "\x01"  # a <br>: the end of one line of the block
_CALL = re.compile(r"\[\^\d+\]")  # a note's call as written in the Markdown


class InlineReader:
    """Reads inline content; keeps the links it met (`links`, by number) and knows the
    page's footnotes (`notes`), whose calls become pandoc's `[^N]`."""

    def __init__(self, notes: Notes | None = None) -> None:
        self.links: list[str] = []
        self.notes = notes or Notes()  # the page's footnotes (octavo.importers.html_notes)
        self._in_note = False  # reading a note: its links back to its call are left out

    def inline(self, element: etree._Element, plain: list[str], md: list[str]) -> None:
        """Text and inline markup of an element, as plain text and as Markdown. A comment or
        a processing instruction has none (its tail is its parent's text)."""
        if not isinstance(element.tag, str) or element.tag in DROP:
            return
        tag = element.tag
        if tag == "a" and element.get(CALL):
            md.append(f"[^{element.get(CALL)}]")  # its mark is octavo's to print
            return
        if tag == "a" and self._in_note and self.notes.points_back(element):
            return  # a note's way back to its call ("↩", or its own "[1]")
        inner_plain: list[str] = []
        inner_md: list[str] = []
        for piece in (element.text, *(c for c in element)):
            if piece is None:
                continue
            if isinstance(piece, str):
                inner_plain.append(_spaces(piece))
                inner_md.append(escape_prose(_spaces(piece)))
                continue
            self.inline(piece, inner_plain, inner_md)
            if piece.tail:
                inner_plain.append(_spaces(piece.tail))
                inner_md.append(escape_prose(_spaces(piece.tail)))
        text = "".join(inner_plain)
        markdown = "".join(inner_md)
        if tag == "br":
            plain.append(BREAK)
            md.append(BREAK)
            return
        if tag == "img":
            alt = (element.get("alt") or "").strip()
            plain.append(alt)
            md.append(escape_inline(alt))
            return
        core = markdown.strip()
        if tag in ("i", "em", "cite", "var", "dfn") and core:
            lead, trail = (
                markdown[: len(markdown) - len(markdown.lstrip())],
                markdown[len(markdown.rstrip()) :],
            )
            markdown = f"{lead}*{core}*{trail}"
        elif tag in ("b", "strong") and core:
            lead = markdown[: len(markdown) - len(markdown.lstrip())]
            markdown = f"{lead}**{core}**{markdown[len(markdown.rstrip()) :]}"
        elif tag in ("sup", "sub") and core and not _CALL.fullmatch(core):
            mark = "^" if tag == "sup" else "~"  # pandoc's: a space inside is escaped
            markdown = f"{mark}{core.replace(' ', chr(92) + ' ')}{mark}"
        elif tag == "a" and element.get("href") and core:
            self.links.append(element.get("href", ""))
            markdown = f"[{core}](\x00{len(self.links) - 1}\x00)"
        plain.append(text)
        md.append(markdown)

    def cell(self, element: etree._Element) -> tuple[str, str]:
        """An element's words on one line, plain and as Markdown."""
        plain: list[str] = []
        md: list[str] = []
        self.inline(element, plain, md)
        return one_line("".join(plain)), one_line("".join(md))


def piece_lines(element: etree._Element, first: int) -> list[int]:
    """The saved page's line each of the element's <br>-parted pieces starts on (as
    `InlineReader.inline` parts them): the line of its first word, found from the lines of
    the elements before it and the line ends of the text between (`<FONT>` on line 2, a
    `<BR>` on line 4, `<B>Rana Rule</B>` on line 5: 5). `first`: the line the element
    starts on, when it has none of its own (a run of a block's inline content)."""
    lines: list[int] = []
    at, start = first, 0

    def text(words: str | None) -> None:
        nonlocal at, start
        if words and not start and words.strip():
            start = at + words[: len(words) - len(words.lstrip())].count("\n")
        at += words.count("\n") if words else 0

    def visit(node: etree._Element) -> None:
        nonlocal at, start
        if (
            not isinstance(node.tag, str)
            or node.tag in DROP
            or (node.tag == "a" and node.get(CALL))
        ):
            # unread (a comment, a script), but its line ends are the page's
            inside = node.text if not isinstance(node.tag, str) else "".join(node.itertext())
            at = (node.sourceline or at) + (inside or "").count("\n")
            return
        at = node.sourceline or at
        if node.tag == "br":
            lines.append(start or at)
            start = 0
            return
        text(node.text)
        for child in node:
            visit(child)
            text(child.tail)

    visit(element)
    return [*lines, start or at]


def _spaces(text: str) -> str:
    """Source line ends inside a block are spaces, as in a browser."""
    return re.sub(r"[\r\n\t]", " ", text)


_BLANKS = re.compile(r"\s+")


def one_line(text: str) -> str:
    """`text` on one line, its blanks one space each; but a lone no-break space between two
    words is the page's own (`30&nbsp;percent`) and kept, as pandoc's HTML reader keeps it
    (split() took it for a space). A run of them, or one beside a space or at either end, is
    a 1990s page's indent or spacing: a space, as before."""
    joined = _BLANKS.sub(lambda m: "\u00a0" if m[0] == "\u00a0" else " ", text.replace(BREAK, " "))
    return joined.strip()
