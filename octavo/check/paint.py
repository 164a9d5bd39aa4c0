"""What a PDF's pages paint in a colour space or with transparency, read with pikepdf's
content-stream parser (for the PDF/X-1a read-back: octavo.check.x1a).

Each page's content is read for the operators that paint in a colour space or with a
graphics state, and so is each form, tiling pattern and shading it paints, through the forms
and patterns those paint (`Do`, `scn /P`, `sh`): `rg`/`RG`, a space set by `cs`/`CS` (a
device space, or a name in the resources' /ColorSpace), a pattern's shading, an inline image
(`BI … ID … EI`: pikepdf expands its abbreviations, /RGB, [/I /RGB …]), a graphics state's
alpha or soft mask (`gs`), a transparency group, and each image XObject painted. What a page
lists in its resources but does not paint (WeasyPrint lists every page's, and sRGB, on
each) is not read. A form or pattern is read once, however many pages paint it. Not read:
annotations' appearance streams and Type 3 glyphs (WeasyPrint paints neither in colour).

The PDF may be any writer's: an object of another type than PDF gives it (a /CA that is no
number, an ICC profile that is no stream, a form that is a dictionary) is a MALFORMED
paint where it is met, and the rest is read on; never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pikepdf

from octavo.check.pdf_objects import (
    Malformed,
    dictionary,
    inherited,
    number,
    resource,
    shape,
    stream_of,
)

__all__ = [
    "GROUP",
    "INLINE",
    "MALFORMED",
    "RGB",
    "STATE",
    "UNREADABLE",
    "Paint",
    "Painted",
    "Reader",
    "rgb_space",
]

RGB, INLINE, GROUP, STATE = "rgb", "inline", "group", "state"
UNREADABLE, MALFORMED = "unreadable", "malformed"
_OPERATORS = "rg RG cs CS scn SCN sh Do gs BI ID EI"  # the instructions read, as qpdf filters
_DEVICE = ("/DeviceRGB", "/DeviceCMYK", "/DeviceGray", "/Pattern")


@dataclass(frozen=True, slots=True)
class Paint:
    """A colour or transparency in what one content stream paints (PDF/X-1a refuses each)."""

    kind: str  # RGB colour, an RGB INLINE image, a transparency GROUP, a graphics STATE's…
    how: str = ""  # RGB: fill, stroke, "shading /s0"; INLINE: "2×1 px"; STATE: its name;
    # MALFORMED: what is wrong ("graphics state /GS0: /CA is a name (/X), not a number")
    space: str = ""  # RGB, INLINE: the space ("DeviceRGB", "/CS0: ICCBased, 3 components")
    within: str = ""  # "" in the stream itself, " in form /Fm1", " in pattern /P1 in form /Fm1"


@dataclass(frozen=True, slots=True)
class Painted:
    """An image XObject a content stream paints."""

    key: tuple[int, int]  # its object and generation numbers
    name: str  # its name in the resources that paint it: /Im1
    within: str = ""
    image: Any = field(default=None, compare=False, hash=False)


Seen = Paint | Painted


def rgb_space(space: Any, depth: int = 0) -> str:
    """The RGB colour space `space` is ("DeviceRGB", "ICCBased, 3 components", "Indexed
    on DeviceRGB", a Separation's or DeviceN's RGB alternate, a pattern's RGB base), or ""
    when it is not."""
    if isinstance(space, pikepdf.Name):
        return str(space)[1:] if space in ("/DeviceRGB", "/CalRGB") else ""
    if not isinstance(space, pikepdf.Array) or not len(space) or depth > 3:
        return ""
    family, count = space[0], len(space)
    if family == "/CalRGB":
        return "CalRGB"
    if family == "/ICCBased" and count > 1:
        profile = space[1]
        if not isinstance(profile, pikepdf.Stream):
            raise Malformed(f"colour space [/ICCBased …]: its profile is {shape(profile)}")
        return "ICCBased, 3 components" if profile.get("/N") == 3 else ""
    if family in ("/Indexed", "/Pattern") and count > 1:
        base = rgb_space(space[1], depth + 1)
        return f"{str(family)[1:]} on {base}" if base else ""
    if family in ("/Separation", "/DeviceN") and count > 2:
        alternate = rgb_space(space[2], depth + 1)
        return f"{str(family)[1:]}, alternate {alternate}" if alternate else ""
    return ""


class Reader:
    """Reads what pages paint; each form and pattern once (what it paints kept by its
    object, as seen from within it)."""

    def __init__(self) -> None:
        self._done: dict[tuple[tuple[int, int], tuple[int, int]], tuple[Seen, ...]] = {}
        self._reading: set[tuple[int, int]] = set()  # forms read uncached, being read

    def page(self, page: Any) -> tuple[Seen, ...]:
        """What a page (its object) paints, each thing once."""
        try:
            resources = dictionary(inherited(page, "/Resources"), "the page's /Resources")
        except Malformed as exc:  # read on without: the colours set by rg and RG are found
            return (Paint(MALFORMED, str(exc)), *self._read(page, None))
        return self._read(page, resources)

    def _read(self, stream: Any, resources: Any) -> tuple[Seen, ...]:
        """What a page, a form or a tiling pattern paints: its group and its content."""
        try:
            group = _group(stream)
        except Malformed as exc:
            group = (Paint(MALFORMED, str(exc)),)
        return (*group, *self._content(stream, resources))

    def _content(self, stream: Any, resources: Any) -> tuple[Seen, ...]:
        """What one content stream paints, each thing once."""
        try:
            instructions = pikepdf.parse_content_stream(stream, _OPERATORS)
        except pikepdf.PdfError as exc:
            return (Paint(UNREADABLE, str(exc)),)
        seen: dict[Seen, None] = {}
        for instruction in instructions:
            try:
                found = tuple(self._instruction(instruction, resources))
            except Malformed as exc:
                found = (Paint(MALFORMED, str(exc)),)
            for one in found:
                seen.setdefault(one)
        return tuple(seen)

    def _instruction(self, instruction: Any, resources: Any) -> Iterator[Seen]:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            yield from _inline(instruction.iimage.obj, resources)
            return
        op, operands = str(instruction.operator), instruction.operands
        paint = "fill" if op.islower() else "stroke"
        if op in ("rg", "RG"):
            yield Paint(RGB, paint, "DeviceRGB")
        elif op in ("cs", "CS") and operands:
            found = _named_space(resources, operands[0])
            if found:
                yield Paint(RGB, paint, found)
        elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
            yield from self._pattern(resources, operands[-1])
        elif op == "sh" and operands:
            shading = resource(resources, "/Shading", operands[0])
            found = rgb_space(shading.get("/ColorSpace")) if shading is not None else ""
            if found:
                yield Paint(RGB, f"shading {operands[0]}", found)
        elif op == "gs" and operands:
            yield from _state(resources, operands[0])
        elif op == "Do" and operands:
            yield from self._xobject(resources, operands[0])

    def _xobject(self, resources: Any, name: Any) -> Iterator[Seen]:
        xobject = resource(resources, "/XObject", name)
        if xobject is None:
            return
        if xobject.get("/Subtype") == "/Image":
            _image(xobject, f"image {name}")  # read as octavo.check.x1a reads it
            yield Painted(xobject.objgen, str(name), image=xobject)
        elif xobject.get("/Subtype") == "/Form":
            stream_of(xobject, f"form {name}")
            yield from _within(self._stream(xobject, resources), f" in form {name}")

    def _pattern(self, resources: Any, name: Any) -> Iterator[Seen]:
        pattern = resource(resources, "/Pattern", name)
        if pattern is None:
            return
        if pattern.get("/PatternType") == 1:  # tiling: a content stream of its own
            stream_of(pattern, f"pattern {name}")
            yield from _within(self._stream(pattern, resources), f" in pattern {name}")
            return
        shading = dictionary(pattern.get("/Shading"), f"pattern {name}: /Shading")
        found = rgb_space(shading.get("/ColorSpace")) if shading is not None else ""
        if found:
            yield Paint(RGB, "a shading", found, f" in pattern {name}")

    def _stream(self, stream: Any, outer: Any) -> tuple[Seen, ...]:
        """What a form or tiling pattern paints, read once (with the resources of what
        paints it, if it has none of its own)."""
        try:
            own = dictionary(stream.get("/Resources"), "/Resources")
        except Malformed as exc:
            return (Paint(MALFORMED, str(exc)),)
        resources = own if own is not None else outer
        painter = (0, 0) if own is not None else getattr(outer, "objgen", (0, 0))
        if own is None and painter == (0, 0):
            # the painter's resources written in place, no object to key them by: read
            # for each painter (a key of (0, 0) gave one page's reading to every other's)
            if stream.objgen in self._reading:
                return ()  # a form painting itself
            self._reading.add(stream.objgen)
            try:
                return self._read(stream, resources)
            finally:
                self._reading.discard(stream.objgen)
        key = (stream.objgen, painter)
        if key not in self._done:
            self._done[key] = ()  # a form painting itself is read once
            self._done[key] = self._read(stream, resources)
        return self._done[key]


def _within(seen: tuple[Seen, ...], where: str) -> Iterator[Seen]:
    for one in seen:
        yield replace(one, within=one.within + where)


def _group(owner: Any) -> tuple[Paint, ...]:
    group = dictionary(owner.get("/Group"), "/Group")
    if group is not None and group.get("/S") == "/Transparency":
        return (Paint(GROUP),)
    return ()


def _state(resources: Any, name: Any) -> Iterator[Paint]:
    """A graphics state's transparency: constant alpha below 1, or a soft mask."""
    state = resource(resources, "/ExtGState", name)
    if state is None:
        return
    alpha = [number(state.get(k, 1), f"graphics state {name}: {k}") for k in ("/CA", "/ca")]
    if min(alpha) < 1 or state.get("/SMask", pikepdf.Name.None_) != pikepdf.Name.None_:
        yield Paint(STATE, str(name))


def _inline(image: Any, resources: Any) -> Iterator[Paint]:
    """An inline image's RGB: its /CS a device space or an array (pikepdf expands the
    abbreviations: /RGB, [/I /RGB …]), or a name in the resources' /ColorSpace."""
    found = _named_space(resources, image.get("/ColorSpace"))
    if found:
        width, height = _image(image, "an inline image")
        yield Paint(INLINE, f"{width}×{height} px", found)


def _named_space(resources: Any, name: Any) -> str:
    """The RGB space a `cs` operand names: a device space, or a resource (`/CS0:
    ICCBased, 3 components`); "" when it is not RGB."""
    if not isinstance(name, pikepdf.Name) or name in _DEVICE:
        return rgb_space(name)
    found = rgb_space(resource(resources, "/ColorSpace", name))
    return f"{name}: {found}" if found else ""


def _image(image: Any, what: str) -> tuple[int, int]:
    """An image's pixel size, once its entries that are read are of their types."""
    rgb_space(image.get("/ColorSpace"))
    if not isinstance(image.get("/SMaskInData", 0), int):
        raise Malformed(f"{what}: /SMaskInData is {shape(image.get('/SMaskInData'))}")
    width, height = (number(image.get(k, 0), f"{what}: {k}") for k in ("/Width", "/Height"))
    return int(min(width, 2**31)), int(min(height, 2**31))  # 1e400 is a number, no size
