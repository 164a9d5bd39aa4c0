"""Index terms marked in a section's Markdown, as pandoc writes them: bracketed spans.

    [Minsk]{.index}                                   the words themselves are the entry
    [Lukashenka]{index="Lukashenka, Alyaksandr"}      the entry is named
    [the economy]{index="Belarus!economy"}            a sub-entry ('!' between levels)
    [Dnestr Republic]{index="Dnestr Republic" see="Transnistria"}          see ...
    [Moldovan]{index="Moldovan language" seealso="Romanian language"}      see also ...
    [$y$]{.index}                                     math: as printed, sorted by y

Each mark becomes an anchor in the text (its id: '<section>-ix-<n>'), where the index's
page number (print) or link (EPUB) points. A mark with `see` is a cross-reference only:
it has no page of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from octavo.limits import MAX_INDEX_LEVELS
from octavo.render.addresses import ADDRESS
from octavo.render.math_source import MATH
from octavo.render.tokens import State, new_id, own_span, text
from octavo.text import index_path, strip_controls, typeset

__all__ = ["INDEX_KEYS", "MarkUse", "auto_mark", "mark_spans"]

INDEX_KEYS = ("index", "see", "seealso")  # an index mark's, taken off its span


@dataclass(frozen=True, slots=True)
class MarkUse:
    id: str  # the anchor at the occurrence ("" for a cross-reference only)
    path: tuple[str, ...]  # ("Belarus", "economy")
    see: str
    see_also: str
    text: str  # the words marked
    line: int


@lru_cache(maxsize=8)
def _pattern(terms: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(typeset(w)) for w, _ in terms)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)")


def auto_mark(state: State, inline: Token) -> None:
    """index.toml's terms, wherever they occur outside a span, a link or an address typed
    in the text (`https://minsk.example/Minsk`), become index spans (then marked like the
    others)."""
    terms = state.context.index_terms
    if not terms or not inline.children:
        return
    entries = {typeset(w): e for w, e in terms}
    pattern = _pattern(terms)
    out: list[Token] = []
    depth = 0
    for child in inline.children:
        if child.type in ("span_open", "link_open"):
            depth += 1
        elif child.type in ("span_close", "link_close"):
            depth -= 1
        if child.type != "text" or depth or not pattern.search(child.content):
            out.append(child)
            continue
        at = 0
        addresses = [a.span() for a in ADDRESS.finditer(child.content)]
        for match in pattern.finditer(child.content):
            if any(start <= match.start() < end for start, end in addresses):
                continue  # an address typed in the text: its words are no term's
            out.append(text(child.content[at : match.start()]))
            opening = own_span({"index": entries[match[0]]})
            out += [opening, text(match[0]), Token("span_close", "span", -1)]
            at = match.end()
        out.append(text(child.content[at:]))
    inline.children = [t for t in out if t.type != "text" or t.content]


def mark_spans(state: State, inline: Token) -> None:
    """Every index span of an inline becomes an anchored mark (recorded in `state`)."""
    children = inline.children or []
    line = inline.map[0] if inline.map else 0
    for i, child in enumerate(children):
        if child.type != "span_open":
            continue
        classes = str(child.attrGet("class") or "").split()
        named = child.attrGet("index")
        if "index" not in classes and named is None:
            continue
        words = _words(children, i)
        entry = str(named).strip() if named is not None else words
        path = index_path(entry)
        see = typeset(str(child.attrGet("see") or ""))
        see_also = typeset(str(child.attrGet("seealso") or ""))
        if not all(path) or not words or len(path) > MAX_INDEX_LEVELS:
            state.problem(
                "W515",
                f"index mark {entry!r} names no entry; it is left out of the index"
                if len(path) <= MAX_INDEX_LEVELS
                else f"index mark {entry[:60] + '…'!r} has {len(path)} levels, more than "
                f"{MAX_INDEX_LEVELS}; it is left out of the index",
                line,
                'write [words]{.index} or [words]{index="Entry!sub-entry"}'
                if len(path) <= MAX_INDEX_LEVELS
                else f'an entry has at most {MAX_INDEX_LEVELS} levels: "Entry!sub-entry"',
            )
            _plain(child, classes)
            continue
        given = str(child.attrGet("id") or "")  # {#id} keeps its id (registered already)
        ident = "" if see else given or new_id(state, f"ix-{len(state.marks) + 1}")
        state.marks.append(MarkUse(ident, path, see, see_also, words, line))
        for name in INDEX_KEYS:
            if child.attrs and name in child.attrs:
                del child.attrs[name]
        _plain(child, [c for c in classes if c != "index"] + ["index-mark"])
        if ident:
            child.attrSet("id", ident)


def _plain(token: Token, classes: list[str]) -> None:
    if classes:
        token.attrSet("class", " ".join(classes))
    elif token.attrs and "class" in token.attrs:
        del token.attrs["class"]


def _words(children: list[Token], start: int) -> str:
    """The text between a span_open and its span_close, as printed: math (`[$y$]{.index}`)
    by its TeX in its dollars, as the text shows it (octavo renders no math, W504); the
    index sorts it by its letters (octavo.render.tex_math)."""
    depth, words = 0, []
    for token in children[start:]:
        if token.type == "span_open":
            depth += 1
        elif token.type == "span_close":
            depth -= 1
            if depth == 0:
                break
        elif token.type in ("text", "code_inline", MATH):
            words.append(token.content)
        elif token.type == "softbreak":
            words.append(" ")
    return " ".join(strip_controls("".join(words)).split())
