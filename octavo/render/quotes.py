"""Curled quotes in the language in force where they stand.

markdown-it's smartquotes rule pairs the straight quotes of a paragraph (which `"` opens,
which closes, which `'` is an apostrophe); it writes the marks of its `quotes` option. The
parser is given PLACEHOLDERS for them: a NUL (which markdown-it's normalize makes U+FFFD
in every text it reads, so no text holds one) before English's mark, so that the pairing
reads the very characters it read when it wrote English's marks. Right after it, `curl`
sets each placeholder to the mark of the language in force at its text: the section's
(Context.language), else an element's `lang` (a div, a heading, a span, a link) within its
content; a note's words take the language at its call. What is left of a straight `'`
is an apostrophe (’ in every language) and a `"` after a figure an inch mark, as pandoc
sets them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs.parse import ParseError

from octavo.model.quotes import DEFAULT_TABLE, ENGLISH, Marks, QuoteTable
from octavo.render.allow_list import kept_attribute
from octavo.render.attributes import WRITTEN, pandoc_attrs
from octavo.render.div_fences import OPEN
from octavo.render.divs import fence_attributes
from octavo.render.tokens import TRAILING_ATTRS, octavo_state

if TYPE_CHECKING:
    pass

__all__ = ["MARKS", "PLACEHOLDERS", "curl", "leftover_quotes", "set_marks"]

PLACEHOLDERS: Marks = ("\x00\u201c", "\x00\u201d", "\x00\u2018", "\x00\u2019")
_PLACED = re.compile("\x00([\u201c\u201d\u2018\u2019])")
_ROLE = {mark: number for number, mark in enumerate(ENGLISH)}
MARKS = "quotes"  # an inline token's meta: the marks in force at its block (octavo.render.floats)


def set_marks(text: str, marks: Marks) -> str:
    """The placeholders of `text` set as `marks`."""
    if "\x00" not in text:
        return text
    return _PLACED.sub(lambda found: marks[_ROLE[found[1]]], text)


def leftover_quotes(tokens: list[Token]) -> None:
    """After the pairing: a straight `'` left is an apostrophe ('Tis, the '90s), and a `"`
    after a figure an inch mark (5'10")."""
    for token in tokens:
        if token.type == "text" and ("'" in token.content or '"' in token.content):
            content = token.content.replace("'", "\u2019")
            token.content = re.sub(r'(?<=\d)"', "\u201d", content)


class _Languages:
    """The language in force, as elements open and close; each language's marks looked up
    once a parse."""

    def __init__(self, table: QuoteTable, language: str):
        self.table = table
        self.stack: list[str] = [language]
        self.known: dict[str, Marks] = {}

    def marks(self) -> Marks:
        language = self.stack[-1]
        found = self.known.get(language)
        if found is None:
            found = self.known[language] = self.table.marks(language)
        return found

    def enter(self, token: Token, given: str | None = None) -> None:
        """An element opens: its `lang` if a reader can read it (else the cleaner drops
        it, and its words are in the language around it), else `given`, else the same. A
        div's attributes are still its fence's words, a link's its `{…}` (set later, by
        octavo.render.inlines)."""
        if token.type == OPEN:
            lang: object = fence_attributes(token).get("lang")
        else:
            lang = token.attrs.get("lang") if token.attrs else None
        written = token.meta.get(WRITTEN) if token.type == "link_open" and token.meta else None
        if isinstance(written, dict) and "lang" in written:
            lang = written["lang"]
        if isinstance(lang, str) and kept_attribute(token.tag or "span", "lang", lang):
            given = lang
        self.stack.append(given or self.stack[-1])

    def leave(self, floor: int = 1) -> None:
        """An element closes (never one opened before `floor`: an inline token's children
        close only what they open)."""
        if len(self.stack) > floor:
            self.stack.pop()


def curl(state: StateCore) -> None:
    """The core rule after markdown-it's smartquotes: see the module's docstring."""
    octavo = octavo_state(state.env)
    if octavo is None:
        table, language = DEFAULT_TABLE, "en"
    else:
        table, language = octavo.context.quotes, octavo.context.language
    languages = _Languages(table, language)
    at_call: dict[int, str] = {}  # a note's id -> the language at its first call
    before = None  # the block token before this one
    for block in state.tokens:
        if block.type == "inline" and before is not None and before.type in _TITLED:
            _trailing(block, before, languages)
        before = block
        if block.nesting == 1 and not block.attrs and block.type not in _ASKED:
            languages.stack.append(languages.stack[-1])  # what `enter` makes of it, quicker
        elif block.nesting == 1:
            note = block.meta.get("id") if block.type == "footnote_open" and block.meta else None
            languages.enter(block, at_call.get(note) if isinstance(note, int) else None)
        elif block.nesting == -1:
            languages.leave()
        if block.type != "inline":
            continue
        block.meta[MARKS] = languages.marks()
        if not ('"' in block.content or "'" in block.content or "^" in block.content):
            continue  # no quote to set, no note called: its elements' languages unasked
        depth = len(languages.stack)
        for token in block.children or ():
            if token.nesting == 1:
                languages.enter(token)
            elif token.nesting == -1:
                languages.leave(depth)
            elif token.type == "footnote_ref" and token.meta:
                at_call.setdefault(token.meta.get("id", -1), languages.stack[-1])
            elif token.type == "text":
                token.content = set_marks(token.content, languages.marks())
        del languages.stack[depth:]  # an element left open by the inline rules
        leftover_quotes(block.children or [])


# the openings whose language `enter` reads elsewhere than in their attributes (a div's
# fence, a link's `{…}`, a note's first call); another without attributes keeps the language
_ASKED = (OPEN, "link_open", "footnote_open")
_TITLED = ("heading_open", "caption_open")  # their inline may end in pandoc's {…}


def _trailing(inline: Token, opening: Token, languages: _Languages) -> None:
    """A heading's or caption's `{#id lang=fr}`, still text: its quotes set as English's
    (octavo.render.tokens.attributes reads them as straight ones), and a heading's `lang`
    given to its opening, whose words are then in that language."""
    last = inline.children[-1] if inline.children else None
    found = TRAILING_ATTRS.search(last.content) if last and last.type == "text" else None
    if last is None or found is None:
        return
    written = set_marks(last.content[found.start() :], ENGLISH)
    last.content = last.content[: found.start()] + written
    if opening.type != "heading_open":
        return
    try:
        _, attrs = pandoc_attrs(re.sub("[\u201c\u201d\u201e]", '"', written.strip()))
    except ParseError:
        return
    lang = dict(attrs).get("lang")
    if lang and kept_attribute(opening.tag, "lang", lang):
        languages.stack[-1] = lang  # (the heading's own level, left at its close)
