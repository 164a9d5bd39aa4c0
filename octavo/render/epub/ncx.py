"""The EPUB 2 NCX, for reading systems that still read it (Kindle conversions, older Adobe
and Sony engines, calibre): the contents cut to `ncx_depth` levels (Kindle documents two),
`dtb:depth` the depth actually written, a `playOrder` on every navPoint in reading order.
The EPUB 3 nav document keeps every level. Markup in templates/epub/toc.ncx."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jinja2 import Environment

from octavo.render.epub.plan import TEXT, NavEntry

__all__ = ["Ncx", "NcxPoint", "ncx_tree", "render_ncx"]


@dataclass(frozen=True, slots=True)
class NcxPoint:
    id: str  # "np-3"
    play_order: int  # 1.. in reading order; one number per distinct target
    label: str  # plain text
    src: str  # relative to the NCX: "text/ch08.xhtml#s058-russia"
    children: tuple[NcxPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Ncx:
    uid: str
    title: str
    language: str
    points: tuple[NcxPoint, ...]

    @property
    def depth(self) -> int:
        """dtb:depth: the deepest level written (1 for a flat list)."""

        def deepest(points: tuple[NcxPoint, ...]) -> int:
            return max((1 + deepest(p.children) for p in points), default=0)

        return deepest(self.points)

    def walk(self) -> Iterator[NcxPoint]:
        def down(points: tuple[NcxPoint, ...]) -> Iterator[NcxPoint]:
            for point in points:
                yield point
                yield from down(point.children)

        return down(self.points)


def ncx_tree(
    entries: Sequence[tuple[str, NavEntry]], max_depth: int, uid: str, title: str, language: str
) -> Ncx:
    """(label, entry) for each top-level entry; deeper levels use their entries' labels and
    stop at `max_depth` (>= 1)."""
    orders: dict[str, int] = {}
    count = 0

    def point(label: str, entry: NavEntry, depth: int) -> NcxPoint:
        nonlocal count
        count += 1
        src = f"{TEXT}/{entry.href}"
        order = orders.setdefault(src, len(orders) + 1)
        ident = f"np-{count}"
        kids = tuple(
            point(child.label, child, depth + 1) for child in entry.children if depth < max_depth
        )
        return NcxPoint(ident, order, label, src, kids)

    return Ncx(uid, title, language, tuple(point(label, e, 1) for label, e in entries))


def render_ncx(ncx: Ncx, env: Environment) -> bytes:
    """templates/epub/toc.ncx (`env`: the book's template environment, Project.env())."""
    text: str = env.get_template("epub/toc.ncx").render(ncx=ncx)
    return text.encode("utf-8")
