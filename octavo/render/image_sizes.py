"""An image's `width=` and `height=`, read as pandoc reads them (`link_attributes`), for an
image in the text and a figure alike.

pandoc's units: pixels (`20px` or a bare `20`, CSS's 1/96 in), `in` (or `inch`), `cm`,
`mm`, `pt`, `pc`, `em` and `%`. pandoc writes whole pixels as the `<img>`'s own
`width="20"` and any other unit as its style (`style="width: 2em"`), and so does octavo
(`Size.attributes`); print, where WeasyPrint reads no such attribute, is given the
pixels as a style too (octavo.render.pdf.html). A value pandoc cannot read (`big`,
`2ex`, which pandoc drops unsaid) is W504 and left out; so is `0` and a share past 100%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from octavo.render.allow_list import TRUSTED
from octavo.render.tokens import State

__all__ = ["IN_TEXT", "Length", "Size", "length", "read_size", "sized"]

IN_TEXT = "in-text"  # the class of an image among words without a size: set as a letter

_LENGTH = re.compile(
    r"(?P<number>[0-9]{1,6}(?:\.[0-9]{1,6})?|\.[0-9]{1,6})(?P<unit>px|inch|in|cm|mm|pt|pc|em|%)?"
)
_INCHES = {"px": 1 / 96, "in": 1.0, "cm": 1 / 2.54, "mm": 1 / 25.4, "pt": 1 / 72, "pc": 1 / 6}


@dataclass(frozen=True, slots=True)
class Length:
    number: str  # figures as CSS reads them: "20", "2.5", "0.5"
    unit: str  # CSS's: px, in, cm, mm, pt, pc, em or %

    @property
    def css(self) -> str:
        return f"{self.number}{self.unit}"

    @property
    def inches(self) -> float:
        """Its length on paper (0 for em and %, which depend on the type and the page)."""
        return float(self.number) * _INCHES.get(self.unit, 0.0)


def length(text: str) -> Length | None:
    """pandoc's reading of a width or height (its lengthToDim), or None: `20`, `20px` and
    `20.7px` are 20 whole pixels (HTML's width="" takes no fraction), `inch` is `in`."""
    match = _LENGTH.fullmatch(text.strip())
    if match is None:
        return None
    number, unit = match["number"], match["unit"] or "px"
    if unit == "px":
        number = str(int(float(number)))
    elif number.startswith("."):
        number = f"0{number}"
    value = float(number)
    if value <= 0 or (unit == "%" and value > 100):
        return None
    return Length(number, "in" if unit == "inch" else unit)


@dataclass(frozen=True, slots=True)
class Size:
    width: Length | None = None
    height: Length | None = None

    def attributes(self) -> dict[str, str]:
        """The `<img>`'s attributes as pandoc writes them: pixels as `width="20"`, other
        units in its style, width before height."""
        given: dict[str, str] = {}
        styles = []
        for name, value in (("width", self.width), ("height", self.height)):
            if value is not None and value.unit == "px":
                given[name] = value.number
            elif value is not None:
                styles.append(f"{name}: {value.css}")
        return given | ({"style": "; ".join(styles)} if styles else {})


def read_size(state: State, attrs: dict[str, str], line: int, figure: bool) -> Size:
    """The size an author gave an image, each value octavo cannot read said (W504) and left
    out: a figure is then the text's width, an image in the text its own size."""
    read: dict[str, Length | None] = {}
    for name in ("width", "height"):
        value = attrs.get(name)
        read[name] = length(value) if value is not None else None
        if value is not None and read[name] is None:
            what = "figure" if figure else "image"
            left = "the figure is set the text's width" if figure and name == "width" else ""
            state.problem(
                "W504",
                f"{what} {name} '{value}' is not a size octavo can set: {left or 'left out'}",
                line,
                "give pandoc's units: 300px (or 300), 2in, 5cm, 50mm, 12pt, 3pc, 2em, "
                'or a share of the text block from 1% to 100%, e.g. width="50%"',
            )
    return Size(read["width"], read["height"])


# what octavo reads of an image's attributes; the rest is said (W504) and left out: a
# class, an id or a style on an image in the text, a `data-` value on a figure
_READ = frozenset({"src", "alt", "title", "width", "height"})
_READ_ON_FIGURES = _READ | {"id", "class", "credit", "fig-alt"}


def unread_attributes(state: State, attrs: dict[str, str], line: int, figure: bool) -> None:
    """W504 for each attribute of an image octavo does not read (they were dropped
    unsaid, where a span's or a link's are told)."""
    read = _READ_ON_FIGURES if figure else _READ
    for name, value in attrs.items():
        if name not in read and name != TRUSTED[0]:
            if name == "class":
                shown = "class " + " ".join(f".{c}" for c in value.split())
            else:
                shown = f"id #{value}" if name == "id" else f"attribute {name}={value!r}"
            state.problem(
                "W504",
                f"{'figure' if figure else 'image'} {shown} is left out",
                line,
                "an image in the text keeps its width= and height=; a figure (an image "
                "alone in its paragraph) also its #fig: id, class, credit= and fig-alt=",
            )


def sized(image: Token, size: Size, words: bool) -> None:
    """An image in the text given the size its author wrote; one among `words` without a
    size is set as a letter is (class IN_TEXT, styles/base.css): its own size, but no
    taller than the type, where a 1200-pixel icon in a sentence was set the text's width
    and its line justified apart round it."""
    for name, value in size.attributes().items():
        image.attrSet(name, value)
    if words and size == Size():
        image.attrSet("class", IN_TEXT)
