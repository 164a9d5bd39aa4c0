"""An image of the text or a figure placed: its address checked to be a file inside the
book folder (E506), made relative to the book, and its use kept (ImageUse) for
octavo.render.images to read and measure."""

from __future__ import annotations

import posixpath

from markdown_it.token import Token

from octavo.render.tokens import SCHEME, ImageUse, State

__all__ = ["place_image"]


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
    path = posixpath.normpath(state.folder + source) if source else ""
    if not source or SCHEME.match(source) or source.startswith("/") or path.startswith("../"):
        state.problem(
            "E506",
            f"image '{source}' is not a file inside the book folder; not read",
            line,
            "copy the image into the book folder (e.g. images/) and refer to it from there",
        )
        return []
    text = Token("text", "", 0)
    text.content = alt
    image.children = [text]
    image.attrs = {"src": path, "alt": alt}
    image.meta["placed"] = True  # walked again with its paragraph: not placed twice
    state.images.append(ImageUse(path, source, line, figure, *measure))
    return [image]
