"""What the print HTML says in attributes WeasyPrint 70 does not read, said again as styles
(octavo asks for no presentational hints: octavo.render.pdf.weasy_imports): a list's
`start`, an image's size in pixels."""

from __future__ import annotations

import re

__all__ = ["as_styles"]


def as_styles(html: str) -> str:
    """`html` with each list's start and each image's pixels also given as a style."""
    return _pixels(_list_starts(html))


_OL_START = re.compile(r'<ol start="(-?[0-9]+)"')


def _list_starts(html: str) -> str:
    """A list numbered from N (`5.` after a paragraph: `<ol start="5">`) counts from N in
    print too: WeasyPrint 70 numbers every list from 1, whatever its `start`."""
    return _OL_START.sub(lambda m: f'{m[0]} style="counter-reset: list-item {int(m[1]) - 1}"', html)


_IMG = re.compile(r"<img\b[^>]*>")
_PIXELS = re.compile(r' (width|height)="([0-9]+)"')
_STYLE = re.compile(r' style="([^"]*)"')


def _pixels(html: str) -> str:
    """An image's size in pixels (`width="20"`, as pandoc writes it: octavo.render.image_sizes)
    as a style in print too: WeasyPrint reads no such attribute unless asked for
    presentational hints, which octavo never asks for (octavo.render.pdf.weasy_imports);
    CSS's px is 1/96 in, as a screen's."""

    def one(img: re.Match[str]) -> str:
        tag = img[0]
        sizes = "; ".join(f"{name}: {value}px" for name, value in _PIXELS.findall(tag))
        if not sizes:
            return tag
        styled = _STYLE.search(tag)
        if styled:
            return tag.replace(styled[0], f' style="{sizes}; {styled[1]}"', 1)
        return tag.replace("<img", f'<img style="{sizes}"', 1)

    return _IMG.sub(one, html)
