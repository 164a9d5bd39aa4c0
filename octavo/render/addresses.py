"""A web or mail address in the text, given the places a line may end inside it.

An address is one long word to a line breaker: in a justified paragraph the line before it
is stretched to wide gaps, or it runs past the text column (a phone's 360 px; print broke
it anywhere, `overflow-wrap`). Book typographers break one where the Chicago Manual says
(14.18, 6.76): after a colon or a double slash; before a single slash, a period, comma,
hyphen, underscore, tilde, question mark, number sign or percent sign; before or after an
equals sign or an ampersand; never with a hyphen added. Each such place gets a `<wbr />`,
which reading systems, browsers and WeasyPrint break at and screen readers pass over; the
address is held in a `<span class="address">`, which the stylesheets keep from being
hyphenated (a hyphen added to an address is a character that is not in it).

The text's own characters are unchanged (the href is never touched), so search, copy and
the PDF's text read back the address as written. Done when the text is rendered (a render
rule for markdown-it's `text` tokens), so every text alike gets it: a paragraph's, a
note's, a caption's, a table cell's; an autolink (`<https://…>`, classed `uri`), a link
whose words are an address, or an address typed in a sentence. Code keeps its own.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from octavo.render.allow_list import TRUSTED
from octavo.render.renderer import escaped

__all__ = ["ADDRESS", "install", "parts", "render_text", "with_breaks"]

# a scheme's address (https://, ftp://), one that starts www., a mailto: one, or a mail
# address; what can end a sentence after it is not its (see _trimmed)
ADDRESS = _ADDRESS = re.compile(
    r"(?<![\w@.+-])(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>\"]+"
    r"|(?<![\w@.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
# a straight quote is left: typography made the prose's quotes curly, so one is the address's
_TRAILING = ".,;:!?\u2019\u201d"
_MARKS = re.compile(r"[:/.,\-_~?#%=&]+")  # runs of the characters Chicago breaks at
_BEFORE = frozenset("/.,-_~?#%=&")  # a break may come before a run that starts with one
_AFTER = frozenset(":=&")  # after a run that ends with one (or with "//")


def parts(address: str) -> tuple[str, ...]:
    """`address` cut where a line may end in it, as Chicago breaks one (its 14.18, 6.76).

    A run of marks ("://", "/?", "=") is never cut inside, so "://" stays whole and a
    single slash is not left alone at a line's end; a cut leaves letters or figures on
    both sides, so an address never begins or ends a line with a mark alone (a period
    after it, say, ending a sentence)."""
    cuts: list[int] = []
    for run in _MARKS.finditer(address):
        start, end, marks = run.start(), run.end(), run[0]
        single_slash = marks[0] == "/" and marks[1:2] != "/"
        if marks[0] in _BEFORE and (marks[0] != "/" or single_slash):
            cuts.append(start)
        if marks[-1] in _AFTER or marks.endswith("//"):
            cuts.append(end)
    kept = [
        at
        for at in dict.fromkeys(cuts)
        if _worded(address[:at]) and _worded(address[at:])  # also: not at either end
    ]
    bounds = [0, *kept, len(address)]
    return tuple(address[a:b] for a, b in pairwise(bounds))


def _worded(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _trimmed(match: re.Match[str]) -> tuple[int, int]:
    """Where an address found in text ends: a sentence's period, comma or closing quote
    after it is not its, nor a closing parenthesis it did not open."""
    start, end = match.span()
    text = match.string
    while end > start:
        last = text[end - 1]
        if last in _TRAILING or (
            last == ")" and text.count("(", start, end) < text.count(")", start, end)
        ):
            end -= 1
        else:
            break
    return start, end


def with_breaks(text: str) -> str:
    """`text` as escaped XHTML, each address in it held in a span with its breaks."""
    if not ("@" in text or "://" in text or "www." in text or "mailto:" in text):
        return escaped(text)  # a text without one of these holds no address: not searched
    out: list[str] = []
    at = 0
    span = f'<span {TRUSTED[0]}="{TRUSTED[1]}" class="address">'
    for match in _ADDRESS.finditer(text):
        start, end = _trimmed(match)
        pieces = parts(text[start:end])
        if len(pieces) < 2:
            continue  # nowhere to break: left as text
        out.append(escapeHtml(text[at:start]))
        out.append(span + "<wbr />".join(escapeHtml(p) for p in pieces) + "</span>")
        at = end
    out.append(escapeHtml(text[at:]))
    return "".join(out)


def render_text(
    self: Any, tokens: list[Token], idx: int, options: Any, env: Any
) -> str:  # markdown-it's `text` render rule, with the breaks of the addresses in it
    return with_breaks(tokens[idx].content)


def install(md: MarkdownIt) -> None:
    md.add_render_rule("text", render_text)
