"""An image of the text or a figure placed: its address checked to be a file inside the
book folder (E506), made relative to the book, and its use kept (ImageUse) for
octavo.render.images to read and measure.

markdown-it percent-encodes an address (`images/Kärte 1.png` becomes
`images/K%C3%A4rte%201.png`); the file is found by the name decoded, as pandoc and a
browser find it, and as links to sections are (octavo.render.xref). The sandbox's rules
hold for the decoded name: an encoded `../` (`%2e%2e%2f`) is a `../` like any other, and
an encoded slash or backslash (`%2F`, `%5C`) or NUL, which no file name holds, is refused.
The HTML's `src` is the decoded path encoded once, which a URL reader decodes back."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote

from markdown_it.token import Token

from octavo.render.tokens import SCHEME, ImageUse, State

__all__ = ["place_image"]

_NO_NAME = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)  # a slash, backslash, NUL encoded


def place_image(
    state: State,
    image: Token,
    alt: str,
    line: int,
    figure: bool,
    measure: tuple[float, float, float, bool] = (0, 0.0, 0.0, False),
) -> list[Token]:
    """The image checked and its path made relative to the book; refused: nothing.
    `measure`: a figure's width as a share of the text block, its width and its height
    on paper, whether it has its picture's own size (ImageUse)."""
    source = str(image.attrGet("src") or "")
    named = unquote(source)
    path = posixpath.normpath(state.folder + named) if named else ""
    if (
        not named
        or SCHEME.match(named)
        or named.startswith("/")
        or path.startswith("../")
        or path == ".."
        or _NO_NAME.search(source)
    ):
        state.problem(
            "E506",
            f"image '{named}' is not a file inside the book folder; not read",
            line,
            "copy the image into the book folder (e.g. images/) and refer to it from there",
        )
        return []
    text = Token("text", "", 0)
    text.content = alt
    image.children = [text]
    # written encoded again: WeasyPrint reads `src` as a URL and decodes it once more, so the
    # decoded `a%2541.png` printed a's file `aA.png` and `a%23b.png` the file `a` (a
    # reviewer's find); the EPUB's member is named from the decoded path (epub.links)
    image.attrs = {"src": quote(path, safe="/"), "alt": alt}
    image.meta["placed"] = True  # walked again with its paragraph: not placed twice
    state.images.append(ImageUse(path, source, line, figure, *measure))
    return [image]
