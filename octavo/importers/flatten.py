"""An HTML document -> a flat list of items, one per block (paragraph, heading, list item,
table, image), each as plain text and as Markdown (its words read by
octavo.importers.flatten_inline), and the quotations it is in (a `<blockquote>` that quotes,
octavo.importers.html_quotes; one that only indents is read as its contents), with lxml's
HTML parser (libxml2's: it reads the broken markup of 1990s pages as a browser does)."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import lxml.html
from lxml import etree

from octavo.importers.decode import decode_page
from octavo.importers.flatten_inline import BREAK, DROP, InlineReader, one_line, piece_lines
from octavo.importers.flatten_tables import Unread, data_table
from octavo.importers.html_notes import Notes, leading_mark
from octavo.importers.page import Spans

__all__ = ["BLOCKS", "Flattener", "Item", "document", "one_line"]

BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "center", "td",
    "th", "dd", "dt", "address", "caption", "figcaption", "section", "article", "main",
    "header", "footer", "nav", "aside", "body", "form", "table", "ul", "ol",
    "li", "tr", "br", "hr", "img", "figure", "dl",
}  # fmt: skip


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_INLINE_IN = ("br", "img")  # blocks to the flattener that an inline element holds as inline


def _holders(root: etree._Element) -> set[etree._Element]:
    """Every element of `root`'s tree with a block below it (other than _INLINE_IN): each
    block marks its ancestors up to one marked already, so the tree is read once."""
    found: set[etree._Element] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in BLOCKS:
            continue
        if element.tag in _INLINE_IN:
            continue
        for ancestor in element.iterancestors():
            if ancestor in found:
                break
            found.add(ancestor)
    return found


@dataclass(frozen=True, slots=True)
class Item:
    """One flattened block of the document."""

    kind: str  # text, heading, item (of a list), table, image, note (its number in list_id)
    text: str  # plain, one line
    markdown: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    ordered: bool = False
    list_id: int = 0
    aligns: tuple[str, ...] = ()  # a table's columns: "", "right" or "center"
    src: str = ""
    quote: tuple[int, ...] = ()  # the quotations it is in, outermost first, by number
    caption: str = ""  # how the page sets its words as a caption (html_captions), if it does
    line: int = 0  # the page's line of the element it comes from (0: not known)
    said: tuple[str, ...] = ()  # how a table's spans were set (--explain)
    lost: tuple[tuple[int, str], ...] = ()  # (line, what) a reader could misread of a table
    number: str = ""  # a table's own number in the page ("12" of its "Table 12." caption)
    spans: Spans | None = None  # a table that keeps its spans (a grid table)


class Flattener(InlineReader):
    """Walks a page's body into `items`, a block each (its inline words read by
    InlineReader, octavo.importers.flatten_inline)."""

    def __init__(
        self,
        notes: Notes | None = None,
        quotes: frozenset[etree._Element] = frozenset(),
        captions: Mapping[etree._Element, str] | None = None,
    ) -> None:
        super().__init__(notes)
        self.items: list[Item] = []
        self.lists = 0
        self.quotes = quotes  # its blockquotes that quote (octavo.importers.html_quotes)
        self.captions = captions or {}  # elements set as captions (html_captions), and how
        self._caption = ""  # how the element being walked is set as a caption
        self._line = 0  # the page's line of the element being walked
        self._quote: tuple[int, ...] = ()  # the quotations being walked, outermost first
        self._holders: set[etree._Element] | None = None  # elements around a block (_holders)
        self._quoted = 0  # how many have been

    def note_items(self) -> list[Item]:
        """Each note as an Item("note"), its number in `list_id`, in the order of numbers;
        its words without its links back to the call and the number it begins with."""
        found: list[Item] = []
        for block, number in sorted(self.notes.blocks.items(), key=lambda pair: pair[1]):
            plain: list[str] = []
            md: list[str] = []
            self._in_note = True
            try:
                self.inline(block, plain, md)
            finally:
                self._in_note = False
            text = leading_mark(one_line("".join(plain)))
            markdown = leading_mark(one_line("".join(md)))
            if text:
                found.append(Item("note", text, markdown, list_id=number))
        return found

    def add_text(
        self, element: etree._Element, kind: str = "text", level: int = 0, first: int = 0
    ) -> None:
        """Its text an item a <br>-parted piece, each at the line it starts on (`first`: the
        line a run of inline content starts on, for it has none of its own)."""
        plain: list[str] = []
        md: list[str] = []
        self.inline(element, plain, md)
        pieces = "".join(plain).split(BREAK)
        lines = piece_lines(element, first or self._line)
        if len(lines) != len(pieces):
            lines = [self._line] * len(pieces)
        for text, markdown, at in zip(pieces, "".join(md).split(BREAK), lines, strict=False):
            if text.strip():
                line = (one_line(text), one_line(markdown))
                self.items.append(
                    Item(
                        kind,
                        *line,
                        list_id=level,
                        quote=self._quote,
                        caption=self._caption,
                        line=at,
                    )
                )

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in DROP or not tag or element in self.notes.blocks:
            return  # a note is read by note_items
        outer, outer_line = self._caption, self._line
        self._caption = self.captions.get(element, outer)
        self._line = element.sourceline or outer_line
        try:
            self._walk(element, tag)
        finally:
            self._caption, self._line = outer, outer_line

    def _walk(self, element: etree._Element, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.lists += 1
            number = self.lists
            for child in element:
                if child.tag == "li" and child not in self.notes.blocks:
                    self.list_item(child, number, tag == "ol")
            return
        if tag == "table" and self.table(element):
            return
        if tag == "img":
            alt = one_line(element.get("alt") or "")
            src = element.get("src") or ""
            self.items.append(Item("image", alt, src=src, quote=self._quote, line=self._line))
            return
        if element in self.quotes:
            self._quoted += 1
            outer, self._quote = self._quote, (*self._quote, self._quoted)
            try:
                self.contents(element, tag)
            finally:
                self._quote = outer
            return
        self.contents(element, tag)

    def contents(self, element: etree._Element, tag: str) -> None:
        """A block's text, or its blocks and the runs of inline content between them."""
        if not any(self._blocky(c) for c in element):
            if tag in _HEADINGS:  # its level in list_id: the body's headings keep theirs
                self.add_text(element, "heading", int(tag[1]))
            else:
                self.add_text(element)
            return
        # Mixed content: runs of inline content between block children.
        run = lxml.html.Element("span")
        run.text, first = element.text, self._line
        for child in list(element):
            if self._blocky(child) and child.tag != "br":
                self.add_text(run, first=first)
                run = lxml.html.Element("span")
                self.walk(child)
                run.text, first = child.tail, _end_line(child, self._line)
            else:
                run.append(_copy(child))
        self.add_text(run, first=first)

    def _blocky(self, element: etree._Element) -> bool:
        """A block, or an inline element around blocks: a 1990s page's <font> around its
        whole body, an <a name> around a heading, which read as one run of inline words
        glued all the paragraphs of the page into one ("…free to readThe Supreme Soviet…").
        A <br> or an <img> inside an inline element leaves it inline (a linked button)."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in BLOCKS:
            return True
        if not tag:
            return False
        if self._holders is None:
            self._holders = _holders(element.getroottree().getroot())
        return element in self._holders

    def list_item(self, element: etree._Element, number: int, ordered: bool) -> None:
        text, markdown = self.cell(element)
        if text:
            self.items.append(
                Item(
                    "item",
                    text,
                    markdown,
                    ordered=ordered,
                    list_id=number,
                    quote=self._quote,
                    line=element.sourceline or self._line,
                )
            )

    def table(self, element: etree._Element) -> bool:
        """A data table becomes a table; a layout table (one that holds blocks) is walked,
        and so is one too large to lay out, told on its first block (W423)."""
        found = data_table(element, self.cell)
        if isinstance(found, Unread):
            start = len(self.items)
            self.contents(element, "table")
            if len(self.items) > start:
                told = (*self.items[start].lost, (found.line, found.what))
                self.items[start] = replace(self.items[start], lost=told)
            return True
        if found is not None:
            self.items.append(
                Item(
                    "table",
                    found.words,
                    found.caption,
                    rows=found.rows,
                    aligns=found.aligns,
                    quote=self._quote,
                    line=self._line,
                    said=found.said,
                    lost=found.lost,
                    number=found.number,
                    spans=found.spans,
                )
            )
        return found is not None


def _end_line(element: etree._Element, outer: int) -> int:
    """The line an element ends on, near enough: its own, and the line ends of its text."""
    return (element.sourceline or outer) + "".join(element.itertext()).count("\n")


def _copy(element: etree._Element) -> etree._Element:
    """The element with its subtree and tail (a comment too: serialized alone and parsed
    again, as it was, one is an empty document to lxml)."""
    return copy.deepcopy(element)


def document(data: bytes) -> etree._Element:
    """The page's tree; RecursionError (E401, nested too deep) when libxml2 stopped at its
    depth limit: it keeps what came before and drops the rest of the page without a word
    (its data date with it), which would be a section cut short."""
    text = decode_page(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lxml.html.HTMLParser()
    tree = lxml.html.document_fromstring(text, parser=parser)
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        raise RecursionError("nested past the HTML parser's depth limit")
    return tree
