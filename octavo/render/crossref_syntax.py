"""pandoc-crossref's reference alone in brackets, which print no brackets (its manual,
"References"): `[@tbl:gdp]` prints as `@tbl:gdp` does ("Table 3"); `[-@tbl:gdp]`, without
its word, the number alone ("3", as in "Tables [-@tbl:a]–[-@tbl:c]", which
octavo.importers.mentions writes); `[see @tbl:gdp]`, the prefix in place of the word
("see 3": "Custom prefix per-reference", `[Prefix @fig:1]` is "Prefix 1"); words after the
label, its suffix, follow it (`[@fig:map, left]`: "Figure 4, left"). A heading's reference
has no number: its title, as `@sec:trade` prints (`[see @sec:trade]`: "see Trade").

One inline rule, before markdown-it's links, so that an escaped bracket (`\\[see
@tbl:gdp\\]`, as an import writes a page's own brackets) stays a bracket: it is read at the
`[`, which an escape has already taken. Its prefix and suffix are plain words (no
markup: `[*see* @tbl:gdp]` is read as before, its brackets printed, the reference
inside linked); a group, `[@tbl:a; @tbl:b]`, is not read (its plural words would be
needed), nor a bracket before `(`, `[` or `{` (a link, a reference link, a span), nor one
after `!` or `^` (an image, an inline note). The reference is a `crossref` token,
made a link by octavo.render.inlines.walk (its words filled in by octavo.render.xref).

A reference's kind capitalised, `@Tbl:gdp` (`[@Fig:map, left]`), is pandoc-crossref's for a
sentence's start: it links to the same id (`tbl:gdp`), its word capitalised (`CAPITAL`).
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from octavo.render.xref import CAPITAL

__all__ = ["CAPITAL", "CROSSREF_TOKEN", "KIND", "install", "link_class", "target"]

CROSSREF_TOKEN = "crossref"
KIND = r"(?:[Tt]bl|[Ff]ig|[Ss]ec)"  # a reference's kind, capitalised at a sentence's start
_WORDS = r"[^\[\]@;\n*_`\\<>$^~{}]"  # a prefix's or suffix's characters: no markup
_LAST = r"[^\s\[\]@;*_`\\<>$^~{}-]"  # a prefix's last: a space, then the reference
_BRACKETED = re.compile(
    rf"\[(?:(?P<minus>-)|(?P<prefix>{_WORDS}*{_LAST})\s+)?"
    rf"@(?P<key>{KIND}:[\w:.-]*\w)(?P<suffix>{_WORDS}*)\]"
)


def target(key: str) -> str:
    """The id a reference's key links to: `Tbl:gdp` (capitalised) -> `tbl:gdp`."""
    return key[:1].lower() + key[1:]


def link_class(key: str, alone: bool = False) -> str:
    """The class of the link a reference `key` makes: `xref auto` ("Table 3"), `xref
    auto-number` for its number alone ("3"), with CAPITAL for a capitalised key
    (`Tbl:gdp`), whose word is capitalised."""
    named = "xref auto-number" if alone else "xref auto"
    return f"{named} {CAPITAL}" if key[:1].isupper() and not alone else named


def install(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "octavo_crossref", _bracketed)
    md.add_render_rule(CROSSREF_TOKEN, _render)


def _bracketed(state: StateInline, silent: bool) -> bool:
    src, at = state.src, state.pos
    if src[at] != "[" or (at and src[at - 1] in "!^"):
        return False
    found = _BRACKETED.match(src, at, state.posMax)
    if found is None or src[found.end() : found.end() + 1] in ("(", "[", "{"):
        return False
    if not silent:
        prefix, suffix = (found["prefix"] or "").strip(), found["suffix"]
        if prefix:
            # held to its number, as octavo's own "Table 3" is (pandoc-crossref: a space)
            state.push("text", "", 0).content = prefix + "\u00a0"
        token = state.push(CROSSREF_TOKEN, "", 0)
        token.content = found[0] if found["minus"] else f"@{found['key']}"
        token.meta["key"] = found["key"]
        token.meta["alone"] = bool(found["minus"] or prefix)  # the number without its word
        if suffix:
            state.push("text", "", 0).content = suffix
    state.pos = found.end()
    return True


def _render(self: object, tokens: list[Token], at: int, options: object, env: object) -> str:
    """As written, where no walk made it a link (octavo.render.inlines.walk does)."""
    return escape(tokens[at].content, quote=False)
