"""A figure given a width (`{width=20px}`, `2in`, `5%`) set so that its caption is
readable in every reader, its picture the width given.

The manuscript gives the figure its width (`style="width: 20px"`, octavo.render.floats),
as print wants it: the picture fills the figure and the caption is its width, print
running a narrow figure's caption out to a readable measure on both sides
(styles/print/book.css). In the EPUB a 20 px figure set its caption a syllable a line, 20 px
wide: MuPDF sets no block wider than its parent, nor lets a stylesheet's `!important`
override a `style` attribute, so no rule can widen the caption there. The EPUB's figure
says its width as `min(20px, 100%)` (the same width where min() is read: Chromium, so
calibre's viewer, Apple Books, Kobo, Thorium), and its picture says it too
(`style="width: 20px"`): a reader that reads no min() in a width (MuPDF) sets the figure
the text's width, as it sets a figure of its picture's own size, the picture the width
given and the caption the text's width under it. styles/epub/book.css says how the others
set the caption.
"""

from __future__ import annotations

import re

__all__ = ["sized_figures"]

# a figure of octavo's (class "figure …") given a width, up to its first image, which has
# no style of its own (inside a link, if the picture is one)
_SIZED = re.compile(
    r'(<figure\b[^>]*\bclass="figure(?:\s[^"]*)?"[^>]*?\bstyle=")width: ([^";]+)(">)'
    r"((?:(?!</figure>|<figcaption\b|<img\b).)*)"
    r"<img\b(?![^>]*\bstyle=)([^>]*?)(\s*/?>)",
    re.S,
)


def sized_figures(xhtml: str) -> str:
    """`xhtml` with each figure given a width as above; its other figures unchanged."""

    def sized(match: re.Match[str]) -> str:
        opening, width, close, between, image, end = match.groups()
        return (
            f"{opening}width: min({width}, 100%){close}{between}"
            f'<img{image} style="width: {width}"{end}'
        )

    return _SIZED.sub(sized, xhtml)
