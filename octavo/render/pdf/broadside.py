"""A broadside page: a table too wide for the text block (octavo.render.pdf.landscape) is
laid out on a landscape page (`landscape`, `country-landscape`, `part-landscape`:
templates/print/page.css, the book page's margins turned round it) and then turned onto a
page of the book's own size, as books set one (LaTeX's pdflscape, the Chicago Manual's
broadside tables): a printer takes only pages of the trim size.

- The table's top lies along the page's left edge, on a left-hand page as on a right-hand
  one: the reader turns the book clockwise to read it. Its text block is the book page's
  text block turned, so the table lines up with the pages round it.
- The page carries `/Rotate 90`, so that a screen viewer shows the table upright.
- No running head (Chicago: heads are omitted on broadside pages, whose lines would run
  across them); the folio upright in its place, as on every other page of its side: a
  `broadside` page's (styles/print/book.css), stamped on it (the one-process build:
  templates/print/broadside.html; a book laid out in parts: octavo.render.pdf.parallel.stamp).
  A handout's are set so too, its "page N of M" stamped where its other pages print it
  (octavo.render.pdf.handouts).
- What points into the page is turned with it: its links' rectangles, the named
  destinations and bookmarks into it (and, laid out in parts, its page map:
  octavo.render.pdf.parallel.page_maps).

The geometry is pure (`Turn`, `down_point`, `down_rect`); `turn_pages` applies it to the
PDF WeasyPrint is about to write (its writer's `finisher`: octavo.render.pdf.finish).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "LANDSCAPE_PAGES",
    "ROTATE",
    "Turn",
    "down_point",
    "down_rect",
    "turn_pages",
    "turned_pages",
]

# the page names a too-wide table is set on (styles/print/book.css, templates/print/page.css)
LANDSCAPE_PAGES = frozenset({"landscape", "country-landscape", "part-landscape"})
ROTATE = 90  # a viewer turns the page clockwise: the table's top, on the left, goes up

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Turn:
    """The quarter turn, counter-clockwise, that puts a landscape page's content on a page
    of the book's size, in PDF coordinates (y up): (x, y) -> (e - y, f + x). The landscape
    page's top edge goes to the left edge, its left edge to the foot."""

    e: float
    f: float

    @classmethod
    def of(cls, trim: Box) -> Turn:
        """The turn of a landscape page whose TrimBox is `trim`: the trim turned keeps its
        bottom-left corner, so every box (the bleed, the media with the marks) turns
        round it as the trim does."""
        left, bottom, _, top = trim
        return cls(left + top, bottom - left)

    @property
    def matrix(self) -> tuple[float, float, float, float, float, float]:
        """The `cm` operands that draw the landscape content turned."""
        return (0.0, 1.0, -1.0, 0.0, self.e, self.f)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (self.e - y, self.f + x)

    def rect(self, box: Box) -> Box:
        """A rectangle (x0, y0, x1, y1) turned, its corners in order again."""
        (ax, ay), (bx, by) = self.point(box[0], box[1]), self.point(box[2], box[3])
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def quads(self, values: list[float]) -> list[float]:
        """QuadPoints (x, y pairs) turned."""
        out: list[float] = []
        for at in range(0, len(values) - 1, 2):
            out.extend(self.point(values[at], values[at + 1]))
        return out


def down_point(x: float, y: float, width: float) -> tuple[float, float]:
    """A point measured from a landscape page's top-left corner (y down), `width` the
    landscape page's width, measured from the turned page's top-left corner."""
    return (y, width - x)


def down_rect(rect: Box, width: float) -> Box:
    """(x, y, w, h) from a landscape page's top-left corner, on the turned page."""
    x, y, w, h = rect
    return (y, width - x - w, h, w)


def turned_pages(document: Any) -> tuple[int, ...]:
    """The pages (0-based) of a WeasyPrint document laid out on a landscape page."""
    return tuple(
        index
        for index, page in enumerate(document.pages)
        if page._page_box.page_type.name in LANDSCAPE_PAGES
    )


def _number(value: float) -> bytes:
    return (f"{value:.4f}".rstrip("0").rstrip(".") or "0").encode()


def turn_pages(pdf: Any, turned: tuple[int, ...], stamped: tuple[int, ...] = ()) -> None:
    """Turn the pages `turned` (0-based) of a pydyf PDF as WeasyPrint made it (before it is
    written): their content drawn through the turn, their boxes turned, `/Rotate`, their
    annotations' rectangles and the destinations and bookmarks into them turned. The last
    `len(stamped)` pages are stamps: the i-th is drawn over page `stamped[i]` (upright, not
    turned) and taken out of the page tree (its dictionary left empty: WeasyPrint's writer
    numbers its objects by their place)."""
    import pydyf

    if not turned and not stamped:
        return
    objects = pdf.objects
    references = pdf.page_references

    def resolve(reference: Any) -> Any:
        return objects[int(bytes(reference).split()[0])]

    turns: dict[bytes, Turn] = {}
    for index in turned:
        page = resolve(references[index])
        turn = Turn.of(tuple(float(v) for v in page["TrimBox"]))  # type: ignore[arg-type]
        turns[references[index]] = turn
        for name in ("MediaBox", "TrimBox", "BleedBox"):
            if name in page:
                page[name] = pydyf.Array(turn.rect(tuple(float(v) for v in page[name])))  # type: ignore[arg-type]
        page["Rotate"] = ROTATE
        content = resolve(page["Contents"])
        operands = b" ".join(_number(v) for v in turn.matrix)
        content.stream[:0] = [b"q", operands + b" cm"]
        content.stream.append(b"Q")
        for reference in page.get("Annots", ()):
            annotation = resolve(reference)
            if "Rect" in annotation:
                box = tuple(float(v) for v in annotation["Rect"])
                annotation["Rect"] = pydyf.Array(turn.rect(box))  # type: ignore[arg-type]
            if "QuadPoints" in annotation:
                quads = [float(v) for v in annotation["QuadPoints"]]
                annotation["QuadPoints"] = pydyf.Array(turn.quads(quads))
    for destination in _destinations(pdf):
        turn_at = turns.get(bytes(destination[0])) if destination else None
        if turn_at is not None and len(destination) >= 4 and destination[1] == "/XYZ":
            destination[2], destination[3] = turn_at.point(
                float(destination[2]), float(destination[3])
            )
    first_stamp = len(references) - len(stamped)
    if stamped and "StructTreeRoot" in pdf.catalog:
        _untag(pdf, resolve, frozenset(references[first_stamp:]), first_stamp)
    for offset, index in enumerate(stamped):
        over = resolve(references[first_stamp + offset])
        page = resolve(references[index])
        stamp = resolve(over["Contents"])
        # a line of its own first: the streams of a page are read as one, its own ends
        # without a newline
        stamp.stream[:] = [b"", b"q", *_artifacts(stamp.stream), b"Q"]
        page["Contents"] = pydyf.Array([page["Contents"], over["Contents"]])
        over.clear()
    if stamped:
        del pdf.pages["Kids"][3 * first_stamp :]
        pdf.pages["Count"] = first_stamp


def _artifacts(operations: list[Any]) -> list[Any]:
    """A stamp's content with its tagged sequences (`/Tag <</MCID n>> BDC`: tagged PDF)
    marked as artifacts (`/Artifact BMC`): a folio is pagination, and the MCIDs were the
    stamp page's, not its page's."""
    out: list[Any] = []
    for item in operations:
        if item == b"BDC" and len(out) >= 2 and isinstance(out[-1], dict) and "MCID" in out[-1]:
            out[-2:] = ["/Artifact", b"BMC"]
        else:
            out.append(item)
    return out


def _untag(pdf: Any, resolve: Any, stamps: frozenset[bytes], first: int) -> None:
    """The stamp pages out of a tagged PDF's structure: their elements (the hidden text
    that set the folio) out of the tree, left empty, and their entries out of the parent
    tree (the pages keep theirs: a page's StructParents is its place, from 0)."""
    root = resolve(pdf.catalog["StructTreeRoot"])
    dictionaries: list[Any] = [item for item in pdf.objects if isinstance(item, dict)]
    elements = [item for item in dictionaries if item.get("Type") == "/StructElem"]
    gone = [item for item in elements if bytes(item.get("Pg", b"")) in stamps]
    references = {item.reference for item in gone}
    for item in dictionaries:
        if isinstance(item.get("K"), list):
            item["K"][:] = [k for k in item["K"] if not (isinstance(k, bytes) and k in references)]
    for item in gone:
        item.clear()
    nums = resolve(root["ParentTree"])["Nums"]
    kept = [
        (key, value)
        for key, value in zip(nums[::2], nums[1::2], strict=True)
        if not first <= key < first + len(stamps)
    ]
    nums[:] = [v for pair in kept for v in pair]


def _destinations(pdf: Any) -> list[Any]:
    """Every explicit destination array of the PDF: the named destinations' and the
    bookmarks' (WeasyPrint's links name theirs)."""
    found = [
        item["Dest"]
        for item in pdf.objects
        if isinstance(item, dict) and isinstance(item.get("Dest"), list)
    ]
    names = pdf.catalog.get("Names", {})
    dests = names.get("Dests", {}) if isinstance(names, dict) else {}
    listed = dests.get("Names", []) if isinstance(dests, dict) else []
    found += [item for item in listed[1::2] if isinstance(item, list)]
    return found
