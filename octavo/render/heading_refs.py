"""pandoc's implicit_header_references: `[Heading text]`, `[Heading text][]` and
`[words][Heading text]` link to the heading with that text, as if a reference link were
defined for every heading; a definition of the same name (`[Heading text]: url`) wins.

Names are matched as markdown-it matches reference labels (case and runs of white space
aside), on the heading's words as written, without its `{#id .class}` and note calls.
A heading of the same section is linked at once (octavo.render.blocks, once ids are
given); one elsewhere in the book (another section's heading, a section's or a chapter's
title) through a placeholder `#heading:<name>` that octavo.render.xref resolves to the
book's first heading of that name, as pandoc links the first of a document's. A name that
two headings share links the first (the section's own first) and is a warning (W521).

Which of the book's names a section may use is its Context's `heading_names`: the names of
the book's headings (`book_heading_names`, read from the sources, before anything is
rendered) that the section's text holds in brackets, so a section's rendering depends on
the other sections' headings only where it refers to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.link import link
from markdown_it.token import Token

from octavo.render.attributes import BLOCK
from octavo.render.in_code import without_fences
from octavo.render.tokens import octavo_state

__all__ = [
    "ADDRESS",
    "PLACEHOLDER",
    "book_heading_names",
    "heading_name",
    "install",
    "link_local",
    "names_used",
]

PLACEHOLDER = "#heading:"  # the href of a link to a heading of another section, by name
_NOTE_CALL = re.compile(r"\[\^[^\]\s]+\]")  # '[^trade]' in '## Trade[^trade]'
_SPAN_ATTRIBUTES = re.compile(rf"(?<=\]){BLOCK}")  # '{.index}' in '## [Trade]{.index}'
_TRAILING_ATTRIBUTES = re.compile(rf"\s*{BLOCK}\s*$")  # ' {#structure}'
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_NAMED = "octavo_heading_names"  # env: the references `_define` made
_BRACKETED = re.compile(r"\[([^\[\]]{1,999})\]")
# a link's or an image's address in '## Trade and [link](https://x.org)': its words alone
# name the heading, as pandoc's auto_identifiers take them (a bracket nested once: a span)
ADDRESS = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"  # the words
    r"(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])"  # (address "title") or [reference]
)


def heading_name(words: str) -> str:
    """The name a heading is referred to by: its words as written (not its attributes nor
    its note calls, nor a link's address), as markdown-it normalises a reference label."""
    words = ADDRESS.sub(r"\1", _TRAILING_ATTRIBUTES.sub("", words))
    return normalizeReference(_SPAN_ATTRIBUTES.sub("", _NOTE_CALL.sub("", words)))


def book_heading_names(titles: Iterable[str], bodies: Iterable[str]) -> frozenset[str]:
    """The names of the book's titles (chapters', sections') and of the `#` headings of its
    bodies (outside fenced code, a `# comment` in one is no heading: octavo.render.in_code):
    every name a heading of the book may have."""
    names = {heading_name(t) for t in titles}
    for body in bodies:
        if "#" in body:
            names.update(heading_name(m[1]) for m in _ATX.finditer(without_fences(body)))
    names.discard("")
    return frozenset(names)


def names_used(body: str, names: frozenset[str]) -> tuple[str, ...]:
    """The names of `names` that `body` holds in brackets (`[Climate]`, `[x][Climate]`)."""
    if "[" not in body or not names:
        return ()
    found = {normalizeReference(m[1]) for m in _BRACKETED.finditer(body)}
    return tuple(sorted(found & names))


def install(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "implicit_heading_references", _define)
    md.inline.ruler.at("link", _span_first)


def _span_first(state: StateInline, silent: bool) -> bool:
    """markdown-it's link rule, but `[Minsk]{.index}` stays a bracketed span when `Minsk`
    is only a heading's name, as pandoc reads a span before a link (a reference the body
    defines still takes the attributes, as markdown-it's attrs plugin has it)."""
    if state.src[state.pos] == "[" and state.env.get(_NAMED):
        end = state.md.helpers.parseLinkLabel(state, state.pos)
        if end >= 0 and state.src[end + 1 : end + 2] == "{":
            label = normalizeReference(state.src[state.pos + 1 : end])
            if label in state.env[_NAMED]:
                return False
    return link(state, silent)


def _define(state: StateCore) -> None:
    """A reference for every heading of the body and every name of the book it uses, where
    the body defines none of that name (before the inline rules read the links)."""
    env = state.env if isinstance(state.env, dict) else None
    octavo = octavo_state(env)
    if env is None or octavo is None:
        return
    names = list(getattr(octavo.context, "heading_names", ()))
    tokens = state.tokens
    for at, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and tokens[at + 1].type == "inline":
            names.append(heading_name(tokens[at + 1].content))
    references = env.setdefault("references", {})
    named = env.setdefault(_NAMED, set())
    for name in names:
        if name and name not in references:
            references[name] = {"href": PLACEHOLDER + name, "title": "", "map": None}
            named.add(name)


def link_local(
    tokens: Iterable[Token], headings: dict[str, list[str]], ambiguous: list[tuple[str, int]]
) -> None:
    """Links to a heading of this body by name (`PLACEHOLDER`) pointed at its first heading
    of that name; `ambiguous` gets (name, line) of each that names more than one."""
    for block in tokens:
        line = block.map[0] if block.map else 0
        for child in block.children or ():
            href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
            if not href.startswith(PLACEHOLDER):
                continue
            ids = headings.get(href.removeprefix(PLACEHOLDER))
            if ids:
                child.attrSet("href", f"#{ids[0]}")
                if len(ids) > 1:
                    ambiguous.append((href.removeprefix(PLACEHOLDER), line))
