"""Math in dollars read as pandoc's `tex_math_dollars` reads it, and shown as its TeX
source, as written (ut47 bug 16).

octavo renders no math (W504): its TeX is shown as text. Read as Markdown, that text lost
its backslashes (`\\{x\\}` printed `{x}`, `a\\,b` `a,b`, a line's `\\\\` one `\\`) and could
turn to emphasis or superscript (`x_1 * y_2 * z`, `^2`). Here `$…$` and `$$…$$` are one
token whose text is the source between and with its dollars, untouched by Markdown and
by typography. pandoc's rules: an opening `$` has no space after it, a closing `$` none
before it and no digit after it (`$20 and $30` is no math); a backslash escapes the next
character (`\\$` closes nothing); `$$` display math may hold spaces and one line's end at a
time, never a blank line.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from octavo.render.allow_list import TRUSTED
from octavo.render.tex_math import closing, math_end

__all__ = ["MATH", "install", "math_end", "opens_math"]

MATH = "math_inline"  # the token's type; its content the source with its dollars


def install(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", MATH, _math)
    md.add_render_rule(MATH, _render)


def _math(state: StateInline, silent: bool) -> bool:
    src, start, end = state.src, state.pos, state.posMax
    if src[start] != "$" or (start and src[start - 1] == "\\"):
        return False
    display = src.startswith("$$", start)
    opening = start + (2 if display else 1)
    if opening >= end or (not display and src[opening].isspace()):
        return False
    close = closing(src, opening, end, display)
    if close < 0:
        return False
    if not silent:
        token = state.push(MATH, "span", 0)
        token.content = src[start:close]
        token.markup = "$$" if display else "$"
    state.pos = close
    return True


def opens_math(src: str, at: int) -> bool:
    """Does the `$` at `at` open math that closes (as `_math` reads it)? The importer
    backslashes such a dollar in a page's text, which is no math."""
    return math_end(src, at) >= 0


def _render(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    source = escape(tokens[idx].content, quote=False)
    return f'<span {TRUSTED[0]}="{TRUSTED[1]}" class="math">{source}</span>'
