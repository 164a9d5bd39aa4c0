"""A note's call written in a raw HTML table (`<td>Rice[^a]</td>`) is a call, as in a pipe
table's cell.

pandoc reads no Markdown in raw HTML, so "[^a]" stayed in the cell as text and its note
`[^a]: …` was never called (W511). But octavo makes such a table a table of the book
(octavo.render.html_tables), and its importer sends an author there to keep a table's
spans (W423's hint), the calls of its cells with them. So in a block that is one table, a
`[^label]` in the words of a cell or of the table's `<caption>` whose label the section
defines is that note's call: numbered with the others in the order of the text, its note
on the page of its call in print, a noteref in the EPUB. One whose label is not defined
stays text and is W510, as in the text. Not a call, as pandoc would not read one there
either: a `[^label]` in an attribute or a comment, in code (`code`, `kbd`, `samp`, `pre`),
in a link (a call is a link), or written with a character reference (`&#91;^a]`).

A core rule before the footnote plugin's `footnote_tail` (which keeps the texts of called
notes alone): each call is registered as the plugin registers one, and made a
`footnote_ref` token among the block's children, on its own line; in the block's HTML it
is a mark (`MARK`, its child's index) that `render_html_block` replaces with the call,
rendered as the text's calls are.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.footnotes import render_note_ref
from octavo.render.inlines import undefined_call
from octavo.render.tokens import CALLED_IN, State, octavo_state

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["MARK", "in_order", "marked", "read_calls", "render_html_block", "without_calls"]

_CALL = re.compile(r"\[\^([^\]\s]+)\]")  # the footnote plugin's: no space in the label
_OPEN, _CLOSE = "\ue000", "\ue001"  # private use: no text of a book holds them
MARK = re.compile(f"{_OPEN}([0-9]+){_CLOSE}")
# the elements within whose words a `[^label]` is no call
_NOT_PROSE = frozenset(("code", "kbd", "samp", "pre", "a", "script", "style"))
_HOLDERS = frozenset(("td", "th", "caption"))


def read_calls(core: StateCore) -> None:
    """Each html_block that is one table (octavo.render.html_tables.one_table) with its
    calls read (see above)."""
    from octavo.render.html_tables import one_table  # (which imports this module)

    state = octavo_state(core.env)
    if state is None:
        return
    read = False
    depth = 0  # inside a note's text: its table is flattened to lines (W520), never a block
    for block in core.tokens:  # of its own, so a call read there would be left a mark
        depth += _NOTE_DEPTH.get(block.type, 0)
        content = block.content
        if not depth and block.type == "html_block" and "[^" in content and one_table(content):
            if _OPEN in content or _CLOSE in content:
                continue  # a mark of octavo's, forged: its calls stay text
            read = _read(core, state, block) or read
    if read:
        _first_calls_first(core.tokens)


_NOTE_DEPTH = {"footnote_reference_open": 1, "footnote_reference_close": -1}


def _first_calls_first(tokens: list[Token]) -> None:
    """Each note's calls numbered (the plugin's subId) in the order of the text: the text's
    own calls were counted before a table's, so a note called in a table, then again in
    the text below it, took the later call as its first (its number, and in print its
    page)."""
    seen: dict[int, int] = {}
    for block in tokens:
        for child in block.children or ():
            if child.type == "footnote_ref":
                ident = child.meta["id"]
                child.meta["subId"] = seen.get(ident, 0)
                seen[ident] = seen.get(ident, 0) + 1


def _read(core: StateCore, state: State, block: Token) -> bool:
    """The block's calls read; whether it had any."""
    content = block.content
    found = list(_CALL.finditer(content))
    written = _in_words(content) if found else None
    if written is None:
        return False
    line = block.map[0] if block.map else 0
    footnotes = core.env.setdefault("footnotes", {})
    refs: dict[str, int] = footnotes.setdefault("refs", {})
    listed: dict[int, dict[str, Any]] = footnotes.setdefault("list", {})
    calls: list[Token] = []
    out: list[str] = []
    at = 0
    for number, match in enumerate(found):
        out.append(content[at : match.start()])
        line += content.count("\n", at, match.start())  # (counted on: one pass)
        at = match.end()
        label = match[1]
        if number not in written:
            out.append(match[0])
        elif ":" + label not in refs:
            undefined_call(state, label, line, after="the table")
            out.append(match[0])
        else:
            calls.append(_call(refs, listed, label, line, written[number]))
            out.append(_mark(len(calls) - 1))
    if calls:
        block.content = "".join(out) + content[at:]
        block.children = calls
    return bool(calls)


def _call(
    refs: dict[str, int], listed: dict[int, dict[str, Any]], label: str, line: int, lang: str
) -> Token:
    """A call of note `label`, registered as the footnote plugin registers one."""
    ident = refs[":" + label]
    if ident < 0:  # its first call
        ident = refs[":" + label] = len(listed)
        listed[ident] = {"label": label, "count": 0}
    token = Token("footnote_ref", "", 0)
    token.meta = {"id": ident, "subId": listed[ident]["count"], "label": label}
    listed[ident]["count"] += 1
    token.map = [line, line + 1]
    if lang:  # else the language around the table (octavo.render.blocks)
        token.meta[CALLED_IN] = lang
    return token


def _in_words(content: str) -> dict[int, str] | None:
    """Of the `[^label]`s in `content`, those in the words of a cell or caption
    (see above), by their place among them: each with the `lang` of the table's element
    nearest around it ("" for none). None: not a table lxml reads."""
    from lxml import etree
    from lxml import html as lxml_html

    counted = itertools.count()
    numbered = _CALL.sub(lambda _: _mark(next(counted)), content)
    try:
        table = lxml_html.fragment_fromstring(numbered.strip())
    except (etree.ParserError, ValueError):
        return None
    if table.tag != "table":
        return None
    written: dict[int, str] = {}
    for element in table.iter():
        pieces = [(element.tail, element.getparent())]
        if isinstance(element.tag, str):  # (a comment's own words are none)
            pieces.append((element.text, element))
        for words, holder in pieces:
            if words and _OPEN in words and holder is not None and _prose(holder):
                lang = _lang(holder)
                written.update((int(m[1]), lang) for m in MARK.finditer(words))
    return written


def _prose(element: etree._Element) -> bool:
    """Whether words directly in `element` are a cell's or caption's prose."""
    for around in (element, *element.iterancestors()):
        if around.tag in _NOT_PROSE:
            return False
        if around.tag in _HOLDERS:
            return True
    return False


def _lang(element: etree._Element) -> str:
    return next(
        (str(e.get("lang")) for e in (element, *element.iterancestors()) if e.get("lang")), ""
    )


def _mark(index: int) -> str:
    return f"{_OPEN}{index}{_CLOSE}"


def marked(block: Token, tokens: list[Token]) -> list[Token]:
    """`tokens` (a `Table: …` caption's, rendered into the table's HTML before the notes
    are numbered: it numbered its call as if it were none, and the next note alike) with
    each call made a mark of `block`, the call among its children."""
    if not any(t.type == "footnote_ref" for t in tokens):
        return tokens
    calls = block.children = block.children or []
    out: list[Token] = []
    for token in tokens:
        if token.type == "footnote_ref":
            calls.append(token)
            token = Token("html_inline", "", 0)
            token.content = _mark(len(calls) - 1)
        out.append(token)
    return out


def in_order(block: Token) -> None:
    """`block`'s calls (its children) in the order of their marks in its HTML, which
    numbers the notes (octavo.render.footnotes.order_notes): a caption's set before the
    cells' (octavo.render.html_tables)."""
    if not block.children:
        return
    order = [int(m[1]) for m in MARK.finditer(block.content)]
    if order == sorted(order):
        return
    place = {old: new for new, old in enumerate(order)}
    block.children = [block.children[old] for old in order]
    block.content = MARK.sub(lambda m: _mark(place[int(m[1])]), block.content)


def without_calls(html: str) -> str:
    """`html` of a table read so, its calls' marks left out: a caption as the list of
    tables names it, a cell's words as octavo reads them (a head of figures, "1960")."""
    return MARK.sub("", html) if _OPEN in html else html


def render_html_block(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """markdown-it's html_block rule (its content as it is), each call's mark made the call."""
    token = tokens[idx]
    if not token.children:
        return token.content
    children = token.children
    return MARK.sub(
        lambda m: render_note_ref(self, children, int(m[1]), options, env), token.content
    )
