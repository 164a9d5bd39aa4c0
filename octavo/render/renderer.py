"""markdown-it's HTML renderer, its loops and default token rule written tighter: the same
output, character for character.

Rendering the tokens was a seventh of rendering a section, most of it in the calls made for
each tag: `renderToken` building its string by pieces, `renderAttrs` escaping each
attribute's name and value with four `str.replace` calls (a name or value holds none of
`& < > "` but once in hundreds), the loops looking each token's rule up twice. Here a string
is escaped only if it holds one of those characters, and each rule is looked up once.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

__all__ = ["Renderer", "escaped"]


def escaped(text: str) -> str:
    """markdown-it's escapeHtml, which leaves a string without `& < > "` as it is."""
    if "&" in text or "<" in text or ">" in text or '"' in text:
        return escapeHtml(text)
    return text


class Renderer(RendererHTML):
    def render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        rules = self.rules
        out: list[str] = []
        for i, token in enumerate(tokens):
            if token.type == "inline":
                if token.children:
                    out.append(self.renderInline(token.children, options, env))
                continue
            rule = rules.get(token.type)
            if rule is not None:
                out.append(rule(tokens, i, options, env))
            else:
                out.append(self.renderToken(tokens, i, options, env))
        return "".join(out)

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        rules = self.rules
        out: list[str] = []
        for i, token in enumerate(tokens):
            rule = rules.get(token.type)
            if rule is not None:
                out.append(rule(tokens, i, options, env))
            else:
                out.append(self.renderToken(tokens, i, options, env))
        return "".join(out)

    def renderToken(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        if token.hidden:
            return ""
        nesting = token.nesting
        # a newline between a hidden paragraph and the block-level tag opened after it
        before = "\n" if token.block and nesting != -1 and idx and tokens[idx - 1].hidden else ""
        attrs = self.renderAttrs(token) if token.attrs else ""
        slash = " /" if nesting == 0 and options["xhtmlOut"] else ""
        end = ">"
        if token.block:
            end = ">\n"
            if nesting == 1 and idx + 1 < len(tokens):
                after = tokens[idx + 1]
                if after.type == "inline" or after.hidden:
                    end = ">"  # a block-level tag holding an inline
                elif after.nesting == -1 and after.tag == token.tag:
                    end = ">"  # opened and closed at once: `<li></li>`
        opening = "</" if nesting == -1 else "<"
        return f"{before}{opening}{token.tag}{attrs}{slash}{end}"

    @staticmethod
    def renderAttrs(token: Token) -> str:
        result = ""
        for key, value in token.attrs.items():
            result += f' {escaped(key)}="{escaped(value if type(value) is str else str(value))}"'
        return result
