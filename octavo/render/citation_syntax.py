"""pandoc's citations, read where a book has a bibliography (Context.citations):
`[@doe99]`, `[@doe99, p. 33]`, `[see @doe99, pp. 33–35; @smith2001]`, `[-@doe99]` (the
author left out) and in the text, `@doe99` or `@doe99 [p. 33]` (the author named in the
sentence).

One inline rule, before markdown-it's links: a citation is a `citation` token holding its
items; its text is what was written, shown until octavo.render.citations formats it with
the whole book's citations. Not a citation, and left to the rules after it: pandoc-crossref's
references (`@tbl:gdp`, `[-@fig:map]`, `[@tbl:a; @tbl:b]`: octavo.render.inlines), an
address (`office@vela.md`: an `@` after a letter or figure), a bracket followed by `(`, `[`
or `{` (a link, a reference link, a span). A numbered example's `@label` is read as a
citation here, and printed as the example's number where the book has that label, as
pandoc does (octavo.render.citations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from octavo.model.bibliography import CITATION_KEY
from octavo.render.allow_list import TRUSTED
from octavo.render.citation_locators import read_locator
from octavo.render.tokens import child_lines, octavo_state

__all__ = [
    "CROSSREF",
    "CitationUse",
    "Cite",
    "install",
    "keys_in",
    "parse_bracket",
]

# pandoc-crossref's, not citations; capitalised at a sentence's start (`@Tbl:gdp`)
CROSSREF = ("tbl:", "fig:", "sec:", "eq:", "lst:", "Tbl:", "Fig:", "Sec:", "Eq:", "Lst:")
CITATION = "citation"  # the token's type


@dataclass(frozen=True, slots=True)
class Cite:
    """One item of a citation: its key, and the words around it."""

    key: str
    prefix: str = ""
    suffix: str = ""
    label: str = ""  # the locator's CSL label ("page"), "" for none
    locator: str = ""  # "33", "33–35"
    suppress_author: bool = False  # `[-@key]`


@dataclass(frozen=True, slots=True)
class CitationUse:
    """A citation of a section's body: its items, whether it names the author in the text
    (`@key`), what was written, and its 0-based line."""

    cites: tuple[Cite, ...]
    in_text: bool
    written: str
    line: int


def install(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "octavo_citation", _citation)
    md.add_render_rule(CITATION, _render)
    md.core.ruler.after("footnote_tail", "octavo_citation_lines", _collect)  # notes' too


def parse_bracket(inside: str) -> tuple[Cite, ...] | None:
    """The items of `[inside]`, or None where it is not a citation (an item without a key,
    a cross-reference among them). A prefix and a suffix are Markdown, as pandoc reads
    them: an `@` or a `;` in their code, links and tags is theirs."""
    cites = []
    masked, start = _masked(inside), 0
    for part in masked.split(";"):
        item, start = inside[start : start + len(part)], start + len(part) + 1
        key = _key_in(part)
        if key is None:
            return None
        found, at = key
        name = found[1] or found[2]
        if name.startswith(CROSSREF):
            return None
        before = item[:at]
        suppress = before.endswith("-")
        prefix = (before[:-1] if suppress else before).strip()
        label, locator, rest = read_locator(item[found.end() :])
        suffix = rest if locator else item[found.end() :]
        cites.append(Cite(name, prefix, suffix.rstrip(), label, locator, suppress))
    return tuple(cites) if cites else None


# What a bracket's words hold that is not the citation's own (a code span, a link, an
# autolink or a tag, an escaped character): read past, so that its `@`, `;` or brackets
# are never the citation's (a run of backticks read from its start, once: 20,000 of them
# took 48 s where each place in the run was tried again)
_OPAQUE = re.compile(
    r"(?<!`)(?>(`+))[^`\n]+\1(?!`)|(?<!`)`+|\[[^\[\]\n]*\]\([^()\n]*\)|<[^<>\n]*>|\\."
)


def _masked(words: str) -> str:
    """`words` with what `_OPAQUE` matches blanked, each character a space."""
    return _OPAQUE.sub(lambda m: " " * len(m[0]), words)


def _closing(src: str, at: int, stop: int) -> int:
    """Where the bracket opened before `at` closes, read past code, links and tags; -1
    where it does not, or another bracket opens first (`[[@doe99]]`: the inner one is the
    citation)."""
    while at < stop:
        opaque = _OPAQUE.match(src, at, stop)
        if opaque:
            at = opaque.end()
        elif src[at] == "]":
            return at
        elif src[at] == "[":
            return -1
        else:
            at += 1
    return -1


def keys_in(words: str) -> list[str]:
    """The keys `words` names as pandoc's `nocite` does (`@doe99, @smith2001`; `*` for
    `@*`, every entry), each once."""
    words = words.replace("@*", "@{*}")
    keys = []
    while (found := _key_in(words)) is not None:
        keys.append(found[0][1] or found[0][2])
        words = words[found[0].end() :]
    return list(dict.fromkeys(keys))


def _key_in(item: str) -> tuple[re.Match[str], int] | None:
    """The first key of an item, where `@` starts a word (not an address's)."""
    for found in CITATION_KEY.finditer(item):
        at = found.start()
        if at == 0 or not (item[at - 1].isalnum() or item[at - 1] in "@."):
            return found, at
    return None


def _citation(state: StateInline, silent: bool) -> bool:
    src, at = state.src, state.pos
    if src[at] == "[":
        return _bracketed(state, silent)
    if src[at] != "@" or (at and (src[at - 1].isalnum() or src[at - 1] in "@._-/:")):
        return False
    found = CITATION_KEY.match(src, at, state.posMax)
    if found is None or (found[1] or found[2]).startswith(CROSSREF):
        return False
    end = found.end()
    cites: tuple[Cite, ...] = (Cite(found[1] or found[2]),)
    bracket = _AFTER.match(src, end, state.posMax)
    more = _after_in_text(cites[0], bracket[1]) if bracket else None
    if bracket and more:  # `@doe99 [p. 33]`, `@doe99 [-@smith2001]`, `@doe99 [p. 4; @a]`
        cites, end = more, bracket.end()
    if not silent:
        _push(state, cites, True, src[at:end])
    state.pos = end
    return True


_AFTER = re.compile(r" \[([^\[\]\n]*)\](?![(\[{])")  # the bracket after an in-text citation


def _after_in_text(first: Cite, words: str) -> tuple[Cite, ...] | None:
    """The in-text citation `first` with the bracket after it, as pandoc reads it: its
    locator and suffix (`[p. 33]`), more items (`[-@smith2001]`, `[@a; @b]`), or both,
    the suffix first (`[p. 33; -@smith2001]`); None where the bracket is not one."""
    own, _, others = words.partition(";") if "@" in words else (words, "", "")
    if "@" in own:  # the bracket is a citation of its own: its items follow the author
        rest = parse_bracket(words)
        return (first, *rest) if rest else None
    rest = parse_bracket(others) if others else ()
    if rest is None:
        return None
    label, locator, after = read_locator(own)
    suffix = after.rstrip() if locator else _in_text_suffix(own)
    return (replace(first, suffix=suffix, label=label, locator=locator), *rest)


def _in_text_suffix(words: str) -> str:
    """`@doe99 [and elsewhere]`'s suffix as pandoc sets it, after a comma: "Doe (1999, and
    elsewhere)" (one that starts with its own punctuation keeps it)."""
    words = words.strip()
    return words if not words or words[0] in ",;.:" else ", " + words


def _bracketed(state: StateInline, silent: bool) -> bool:
    src, at = state.src, state.pos
    end = _closing(src, at + 1, state.posMax)
    if end < 0 or "@" not in src[at:end]:
        return False
    if at and src[at - 1] in "!^":  # an image, an inline note
        return False
    if src[end + 1 : end + 2] in ("(", "[", "{"):
        return False
    cites = parse_bracket(src[at + 1 : end])
    if cites is None:
        return False
    if not silent:
        _push(state, cites, False, src[at : end + 1])
    state.pos = end + 1
    return True


def _push(state: StateInline, cites: tuple[Cite, ...], in_text: bool, written: str) -> None:
    token = state.push(CITATION, "span", 0)
    token.content = written
    token.meta["cites"] = cites
    token.meta["in_text"] = in_text


def _collect(core: StateCore) -> None:
    """Each citation numbered in the body's order, with its line, into the State."""
    state = octavo_state(core.env)
    if state is None:
        return
    for block in core.tokens:
        if not block.children:
            continue
        line = block.map[0] if block.map else 0
        lines = child_lines(block)
        links = 0
        for token in block.children:
            links += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type == CITATION and links:  # a link's words hold no link: as written
                token.type, token.tag = "text", ""
            elif token.type == CITATION:
                token.meta["number"] = len(state.citations)
                use = CitationUse(
                    token.meta["cites"],
                    token.meta["in_text"],
                    token.content,
                    lines.get(id(token), line),
                )
                state.citations.append(use)


def _render(self: object, tokens: list[Token], at: int, options: object, env: object) -> str:
    """A placeholder that octavo.render.citations fills: the words as written, marked."""
    token = tokens[at]
    number = token.meta.get("number", -1)
    return (
        f'<span {TRUSTED[0]}="{TRUSTED[1]}" class="citation" data-label="{number}">'
        f"{escape(token.content, quote=False)}</span>"
    )
