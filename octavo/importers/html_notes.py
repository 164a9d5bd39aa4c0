"""A saved page's footnotes: its note calls and the notes they point at.

A call is a link within the page (`href="#…"`) whose words are a note's mark ("1", "[2]",
"*", "†", "a") and whose target comes after it: an element with that id, or an `<a
name>`. The note is the target's block (the `<li>` of a list of notes, the `<p>` or `<div>`
that holds the named anchor): how pandoc, Word, Wikipedia and hand-written pages set
their notes. In the section the call becomes pandoc's `[^N]` and the note a `[^N]: …`
definition (octavo.importers.flatten), where the call was read as a number run into the
sentence ("reported.1") and the notes as a list with their "↩" links. A link back from a
note to its call is not kept (it points before the note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

__all__ = ["CALL", "Notes", "find_notes", "leading_mark"]

CALL = "data-octavo-note-call"  # set on each call (the flattener copies some inline runs)

_MARK = re.compile(r"[\[(]?(?:\d{1,3}|[*\u2020\u2021\u00a7\u00b6]{1,3}|[a-z])[\])]?\.?")
_NOTE_BLOCKS = ("li", "p", "div", "dd", "section", "aside", "td", "blockquote")
_NOT_A_NOTE = ("body", "html", "main", "article")
_NOT_IN_A_NOTE = ("h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol")
_NOTE_CHARS = 3000
# a note's own number before its words ("1. ", "[1] ", "(1) "), plain or escaped Markdown
_LEADING = re.compile(r"\s*\\?[\[(]?\d{1,3}\\?[\])]?\\?[.:]?\s+")


@dataclass
class Notes:
    blocks: dict[etree._Element, int] = field(default_factory=dict)  # a note's block -> number
    order: dict[etree._Element, int] = field(default_factory=dict)  # document order
    targets: dict[str, etree._Element] = field(default_factory=dict)  # id or name -> element

    def points_back(self, link: etree._Element) -> bool:
        """A link within the page to what comes before `link` (a note's way back)."""
        href = (link.get("href") or "").strip()
        target = self.targets.get(unquote(href[1:])) if href.startswith("#") else None
        return target is not None and self.order.get(target, 0) < self.order.get(link, 0)


def find_notes(root: etree._Element) -> Notes:
    """The calls and notes of the document under `root`, numbered in the order of the
    calls (two calls of one note share its number)."""
    notes = Notes()
    for index, element in enumerate(root.iter()):
        notes.order[element] = index
        if not isinstance(element.tag, str):
            continue
        element.attrib.pop(CALL, None)  # the page's own is not octavo's
        for key in (element.get("id"), element.get("name") if element.tag == "a" else None):
            if key:
                notes.targets.setdefault(key, element)
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if len(href) < 2 or not href.startswith("#"):
            continue
        target = notes.targets.get(unquote(href[1:]))
        if target is None or notes.order[target] <= notes.order[link]:
            continue
        if not _MARK.fullmatch("".join(link.itertext()).strip()):
            continue
        block = _block_of(target)
        if block is None or _holds(block, link) or not _note_sized(block):
            continue
        number = notes.blocks.setdefault(block, len(notes.blocks) + 1)
        link.set(CALL, str(number))  # read by the flattener, on the element or its copy
    return notes


def leading_mark(text: str) -> str:
    """A note's words without the number it begins with ("1. The ministry" -> "The
    ministry"), plain or Markdown."""
    found = _LEADING.match(text)
    return text[found.end() :] if found and found.end() < len(text) else text


def _block_of(target: etree._Element) -> etree._Element | None:
    element: etree._Element | None = target
    while element is not None and element.tag not in _NOTE_BLOCKS:
        if element.tag in _NOT_A_NOTE:
            return None
        element = element.getparent()
    return element


def _note_sized(block: etree._Element) -> bool:
    """A note, not a part of the page a link leads to (`<div id="s2">` of a section 2):
    no heading or table in it, a paragraph's length at most."""
    if any(isinstance(e.tag, str) and e.tag in _NOT_IN_A_NOTE for e in block.iter()):
        return False
    return len("".join(block.itertext())) <= _NOTE_CHARS


def _holds(block: etree._Element, link: etree._Element) -> bool:
    return any(parent is block for parent in link.iterancestors())
