"""Put laid-out parts together with pypdf: one PDF as a one-process layout would write it.

front matter, a blank page if it ends on a right-hand page, then each body part (a blank
page first when the previous one ended on a right-hand page, as `break-before: right`
does), the stamp (running heads, folios) laid over the body pages, then the named
destinations, the links of the contents and appendix, the bookmarks and the metadata of
the front part, and an /ID made from the content: the same parts give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from octavo.cache import Store
from octavo.render.pdf.parallel.fonts import Begun, share_fonts
from octavo.render.pdf.parallel.part import Bookmark, PartLayout

__all__ = [
    "STAMPED",
    "Merger",
    "Placed",
    "Stamped",
    "Unmergeable",
    "body_merger",
    "compact",
    "merge_libraries",
    "merge_parts",
    "merging",
    "merging_body",
    "overlay",
    "overlay_checked",
    "place",
]

STAMPED = "stamped-1"  # bump when `overlay` makes other content for the same inputs


@dataclass(frozen=True, slots=True)
class Placed:
    part: PartLayout
    start: int  # 0-based page of the merged PDF where the part begins


class Unmergeable(Exception):
    """The parts do not fit together (the caller falls back to a one-process layout)."""


def place(front: PartLayout, body: tuple[PartLayout, ...]) -> tuple[tuple[Placed, ...], int]:
    """Where each part starts; and the page count with the blank pages included."""
    placed = [Placed(front, 0)]
    at = len(front.pages)
    for part in body:
        at += at % 2  # every body part opens on a right-hand (odd) page
        placed.append(Placed(part, at))
        at += len(part.pages)
    return tuple(placed), at


def merge_libraries() -> None:
    """Import what the merge uses (~0.1 s of CPU): called while the parts are being laid
    out, when this process has nothing else to do, rather than once they are."""
    import pikepdf  # noqa: F401
    import pypdf  # noqa: F401


def merge_parts(
    placed: tuple[Placed, ...],
    total: int,
    stamp: PartLayout,
    fonts: Store | None = None,
    pool: Executor | None = None,
    begun: Merger | None = None,
    unions: Begun | None = None,
    book: str = "",
) -> bytes:
    """The book's PDF; `fonts`: where shared fonts and stamped pages made before are kept
    (octavo.cache; `book` names the book's stamped pages);
    `pool`: workers that make the shared fonts side by side; `begun`: a merge of the first
    parts made meanwhile (used if they are the first of `placed`); `unions`: shared fonts
    being made meanwhile (octavo.render.pdf.parallel.fonts.begin_unions)."""
    return merging(placed, begun, stamp).finish(total, stamp, fonts, pool, unions, book)


def merging_body(
    body: tuple[PartLayout, ...], stamp: PartLayout, store: Store | None = None, book: str = ""
) -> Merger:
    """A merge begun with the body (the chapters and the appendix) and its stamp, while the
    front matter is still being laid out (after an edit that moved a page number):
    `merging` puts the front before it. The same bytes as a merge in order: the
    pages, objects and calls are the same, `compact` numbers the objects anew, and the
    fonts are shared in book order (`Merger.rank`)."""
    return body_merger(body).stamp_body(stamp, store, book)


def body_merger(body: tuple[PartLayout, ...]) -> Merger:
    """`merging_body`'s first step, taken while the stamp is still being laid out: the
    body's pages added; `Merger.stamp_body` then lays the stamp over them."""
    merger = Merger()
    merger.front = False
    for p in place(PartLayout("none", "", b"", (), (), ()), body)[0][1:]:
        merger.add(p)
    return merger


def merging(
    placed: tuple[Placed, ...], begun: Merger | None = None, stamp: PartLayout | None = None
) -> Merger:
    """A merge with every part of `placed` added in order: `begun` when it holds the first
    of them, or their body stamped by `stamp` (see `Merger.fits`), else a new one."""
    if begun is not None and not begun.front and begun.fits(placed, stamp):
        begun.put_front(placed)
        return begun
    merger = begun if begun is not None and begun.front and begun.fits(placed) else Merger()
    for p in placed[len(merger.placed) :]:
        merger.add(p)
    return merger


class Merger:
    """`merge_parts` in two steps: the parts added one by one in their order (the first
    ones while later ones are still being laid out), then `finish`. The same calls in the
    same order as all at once: the same bytes."""

    def __init__(self) -> None:
        from pypdf import PdfWriter

        self.writer = PdfWriter()
        self.placed: list[Placed] = []
        self.readers: list[Any] = []
        self.stamped = ""  # the key of the stamp laid over the body early (`stamp_body`)
        self.front = True  # False while a merge begun with the body waits for the front
        self.first = len(self.writer._objects)  # the objects of a new writer come first

    def add(self, p: Placed) -> None:
        """The next part's pages, after blank pages up to where it starts."""
        from pypdf import PdfReader
        from pypdf.generic import NameObject

        writer = self.writer
        reader = PdfReader(io.BytesIO(p.part.pdf))
        self.placed.append(p)
        self.readers.append(reader)
        first = self.readers[0].pages[0]
        while len(writer.pages) < p.start:
            blank = writer.add_blank_page(float(first.mediabox.width), float(first.mediabox.height))
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):  # the parts' boxes, bleed too
                if box in first:
                    blank[NameObject(box)] = first[box]
        for page in reader.pages:
            writer.add_page(page)

    def fits(self, placed: tuple[Placed, ...], stamp: PartLayout | None = None) -> bool:
        """Whether the parts added so far begin `placed` (the same parts, the same starts);
        a merge begun with the body: whether it is `placed`'s body, stamped by `stamp`."""
        ours = [(p.part.key, p.start) for p in self.placed]
        if self.front:
            return ours == [(p.part.key, p.start) for p in placed[: len(ours)]]
        shift = placed[1].start if len(placed) > 1 else 0
        body = [(p.part.key, p.start - shift) for p in placed[1:]]
        return stamp is not None and stamp.key == self.stamped and ours == body

    def put_front(self, placed: tuple[Placed, ...]) -> None:
        """The front matter's pages (and the blank page after them) before a body merged
        first (`body_merger`): the same pages, objects and calls as in order, but for
        the objects' numbers, which `compact` writes anew."""
        from pypdf import PdfReader
        from pypdf.generic import NameObject

        writer, front = self.writer, placed[0]
        reader = PdfReader(io.BytesIO(front.part.pdf))
        begin = len(writer._objects)
        for index, page in enumerate(reader.pages):
            writer.insert_page(page, index)
        first = reader.pages[0]
        at = len(reader.pages)
        while at < (placed[1].start if len(placed) > 1 else at):
            width, height = float(first.mediabox.width), float(first.mediabox.height)
            writer.insert_blank_page(width, height, at)
            blank = writer.pages[at]  # the page inserted is a copy of the one made
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if box in first:
                    blank[NameObject(box)] = first[box]
            at += 1
        _move_first(writer, self.first, begin)  # the front's objects before the body's
        self.readers.insert(0, reader)
        self.placed = list(placed)
        self.front = True

    def stamp_body(self, stamp: PartLayout, store: Store | None = None, book: str = "") -> Merger:
        """The stamp laid over a body merged first (`body_merger`); the stamped pages made
        before are in `store` under `book` (`Stamped`)."""
        _stamp(self.writer, 0, stamp, store, book)
        self.stamped = stamp.key
        return self

    def finish(
        self,
        total: int,
        stamp: PartLayout,
        fonts: Store | None = None,
        pool: Executor | None = None,
        unions: Begun | None = None,
        book: str = "",
    ) -> bytes:
        """The book's PDF once every part is added (see `merge_parts`)."""
        from pypdf.generic import NameObject

        writer, placed, readers = self.writer, tuple(self.placed), self.readers
        if len(writer.pages) != total:
            raise Unmergeable(f"{len(writer.pages)} pages merged, {total} expected")
        if self.stamped != stamp.key:
            _stamp(writer, placed[1].start if len(placed) > 1 else total, stamp, fonts, book)
        named: dict[str, tuple[Any, Any]] = {}
        for p in placed:
            _destinations(writer, p, named)
            _links(writer, p)
        _name(writer, named)
        for p in placed:
            for mark in p.part.bookmarks:
                _outline(writer, mark, p.start, None)
        if share_fonts(writer, fonts, pool, unions):  # one copy of each font, not one per part
            writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
        writer.add_metadata(dict(readers[0].metadata or {}))
        front: Any = readers[0].trailer["/Root"]
        if "/Metadata" in front:  # the XMP: identifiers, series (octavo.render.pdf.finish)
            writer._root_object[NameObject("/Metadata")] = (
                front["/Metadata"].clone(writer).indirect_reference
            )
        writer._ID = _identifier(placed, stamp)
        out = io.BytesIO()
        writer.write(out)
        return compact(out.getvalue())


def compact(pdf: bytes) -> bytes:
    """`pdf` with its objects in compressed object streams, as WeasyPrint writes them (pypdf
    cannot): without this the merged PDF carries ~2 KB of plain dictionaries a page. The
    /ID is made from the content, so the same parts still give the same bytes."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            deterministic_id=True,
        )
    return out.getvalue()


def _stamp(
    writer: Any, body_start: int, stamp: PartLayout, store: Store | None = None, book: str = ""
) -> None:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(stamp.pdf)).pages
    if body_start + len(pages) != len(writer.pages):
        raise Unmergeable(
            f"the stamp has {len(pages)} pages, the body {len(writer.pages) - body_start}"
        )
    kept = Stamped(store, book)
    for index, over in enumerate(pages):
        overlay(writer.pages[body_start + index], over, kept)  # blank pages have heads too
    kept.save()


class Stamped:
    """The stamped content streams of the book's last build (octavo.cache), by what they are
    made of (the page's content, the stamp's, the renames): after an edit, only the pages
    that changed are stamped anew (parsing and writing out the stamp's content is most of
    the stamp's time). One entry a book, written again when its pages changed, kept only in
    a signed store (octavo.cache.Store, signed with this user's key): it goes into the PDF
    as it is, and the state folder may be an untrusted book's."""

    def __init__(self, store: Store | None, book: str) -> None:
        from octavo.cache import fingerprint

        self.store = store if store is not None and store.signed else None
        self.name = f"stamped-{fingerprint(STAMPED, book)}"
        self.found: dict[bytes, bytes] = {}
        self.made: dict[bytes, bytes] = {}
        # damaged, planted or not this user's (the signed store says None): all stamped anew
        kept = self.store.get(self.name) if self.store is not None else None
        at = 0
        while kept is not None and at + 36 <= len(kept):
            size = int.from_bytes(kept[at + 32 : at + 36], "big")
            self.found[kept[at : at + 32]] = kept[at + 36 : at + 36 + size]
            at += 36 + size

    @staticmethod
    def key(*parts: bytes) -> bytes:
        import zlib

        import pypdf

        digest = hashlib.sha256(f"{pypdf.__version__} {zlib.ZLIB_RUNTIME_VERSION}".encode())
        for part in parts:
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.digest()

    def save(self) -> None:
        if self.store is not None and self.made.keys() != self.found.keys():
            entries = sorted(self.made.items())
            self.store.put(
                self.name, b"".join(k + len(v).to_bytes(4, "big") + v for k, v in entries)
            )


_RESOURCES = ("/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/XObject", "/Font")


OVERLAY_CHECKED = ((7, 1),)  # pypdf versions whose merge_page `overlay` repeats (its test)


def overlay_checked() -> bool:
    """Whether this pypdf is one `overlay` was checked against byte for byte: it repeats
    pypdf's own steps through its private `_merge_resources` and `_data`; any other version
    stamps with `merge_page`, the same bytes, only slower."""
    import pypdf

    found = re.match(r"(\d+)\.(\d+)", pypdf.__version__)
    return found is not None and (int(found[1]), int(found[2])) in OVERLAY_CHECKED


def overlay(page: Any, over: Any, kept: Stamped | None = None) -> None:
    """`page.merge_page(over)`, with `over`'s content stream parsed once: pypdf 7 parses it,
    writes it out and parses it again when it renames the resources whose names the page
    uses (it always does here: both pages are WeasyPrint's), which was most of the stamp's
    time. The same steps otherwise (pypdf's `_merge_page_writer` with `over=True`, no
    transformation), so the same bytes; a page it does not cover (annotations, resources
    not a dictionary): `merge_page` itself. The joined content compressed, or, when
    `kept` holds it (the same page content, stamp content and renames), taken from it."""
    from pypdf import get_configuration
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        EncodedStreamObject,
        FloatObject,
        NameObject,
    )

    mine, theirs = page.get("/Resources"), over.get("/Resources")
    mine = mine.get_object() if mine is not None else None
    theirs = theirs.get_object() if theirs is not None else None
    if (
        not overlay_checked()
        or "/Annots" in over
        or not isinstance(mine, DictionaryObject)
        or not isinstance(theirs, DictionaryObject)
    ):
        page.merge_page(over)
        page.compress_content_streams()  # merge_page leaves the joined stream uncompressed
        return
    rename: dict[Any, Any] = {}
    for kind in (*_RESOURCES, "/Properties"):
        if kind in theirs:
            if kind not in mine:
                mine[NameObject(kind)] = DictionaryObject()
            rename.update(page._merge_resources(mine, theirs, kind, False)[1])
    if "/ProcSet" in theirs:
        if "/ProcSet" not in mine:
            mine[NameObject("/ProcSet")] = ArrayObject()
        sets: Any = mine["/ProcSet"]
        given: Any = theirs["/ProcSet"]
        for name in given:
            if name not in sets:
                sets.append(name)
        sets.sort()
    contents = ArrayObject()
    own, stamp = page.get_contents(), over.get_contents()
    box = getattr(over, get_configuration().page_merge_box)
    clip = [FloatObject(v) for v in (box.left, box.bottom, box.width, box.height)]
    key = None
    if kept is not None and own is not None and stamp is not None:
        names = b" ".join(bytes(f"{k} {v}", "utf-8") for k, v in sorted(rename.items()))
        sizes = b" ".join(v.myrepr().encode() for v in clip)
        key = kept.key(own.get_data(), stamp.get_data(), names, sizes)
        found = kept.found.get(key)
        if found is not None:  # the same objects made and dropped as below: the same order
            page.replace_contents(ArrayObject([own, stamp]))
            joined = EncodedStreamObject()
            joined[NameObject("/Filter")] = NameObject("/FlateDecode")
            joined._data = found
            page.replace_contents(joined)
            kept.made[key] = found
            return
    if own is not None:
        own.isolate_graphics_state()
        contents.append(own)
    if stamp is not None:
        operations = stamp.operations  # the one parse
        operations[:0] = [(clip, b"re"), ([], b"W"), ([], b"n")]
        for operands, _ in operations:
            named = operands.items() if isinstance(operands, dict) else enumerate(operands)
            for at, value in list(named):
                if isinstance(value, NameObject):
                    operands[at] = rename.get(value, value)
        stamp.isolate_graphics_state()
        contents.append(stamp)
    page.replace_contents(contents)
    page.compress_content_streams()  # the joined stream is left uncompressed
    if kept is not None and key is not None:
        kept.made[key] = page["/Contents"].get_object()._data


def _height(writer: Any, index: int) -> float:
    """The PDF y of the trim's top edge: the parts' y are measured down from it."""
    return float(writer.pages[index].trimbox.top)


def _destinations(writer: Any, p: Placed, named: dict[str, tuple[Any, Any]]) -> None:
    """A named destination for each anchor of the part not `named` before: an element
    split over pages (a table's caption at a page's foot, its rows overleaf) is an anchor
    on each, and its destination is the first, as WeasyPrint's own (`resolve_links`) and
    as the folios of the contents and lists (build._folios)."""
    from pypdf.generic import Destination, Fit, TextStringObject

    for offset, page in enumerate(p.part.pages):
        index = p.start + offset
        height = _height(writer, index)
        for name, x, y in page.anchors:
            if name in named:
                continue
            fit = Fit.xyz(left=x, top=height - y, zoom=0)
            target = writer.pages[index].indirect_reference
            destination = Destination(TextStringObject(name), target, fit)
            # pypdf's add_named_destination_object, but for the name put in the names' array
            # in order: `_name` sorts them all at once
            named[name] = (destination["/Title"], writer._add_object(destination.dest_array))
            if len(named) == 1:
                writer.get_named_dest_root()  # the /Names and /Dests objects, made here


def _name(writer: Any, named: dict[str, tuple[Any, Any]]) -> None:
    """The names' array of `named` destinations: sorted once, where pypdf's
    add_named_destination_array inserts each name in order (O(n²) comparisons: 0.3 s for the
    2,300 anchors of an 800-section book); the same array for an array empty before."""
    from pypdf.generic import TextStringObject

    if not named:
        return  # no /Names made
    array = writer.get_named_dest_root()
    if array:  # names there before (none are): pypdf's own insertion among them
        for title, reference in named.values():
            writer.add_named_destination_array(title, reference)
        return
    for name in sorted(named):
        title, reference = named[name]
        array.extend([TextStringObject(title), reference])


def _links(writer: Any, p: Placed) -> None:
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    for offset, page in enumerate(p.part.pages):
        index = p.start + offset
        height = _height(writer, index)
        for link in page.links:
            x, y, w, h = link.rect
            rect = [x, height - y - h, x + w, height - y]
            annotation = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(FloatObject(round(v, 3)) for v in rect),
                    NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
                    NameObject("/Dest"): TextStringObject(link.target),
                }
            )
            writer.add_annotation(index, annotation)


def _outline(writer: Any, mark: Bookmark, start: int, parent: Any) -> None:
    from pypdf.generic import Fit

    fit = Fit.xyz(left=mark.x, top=mark.y, zoom=0)
    item = writer.add_outline_item(
        title=mark.label, page_number=start + mark.page, parent=parent, fit=fit, is_open=mark.open
    )
    for child in mark.children:
        _outline(writer, child, start, item)


def _identifier(placed: tuple[Placed, ...], stamp: PartLayout) -> Any:
    from pypdf.generic import ArrayObject, ByteStringObject

    digest = hashlib.md5(usedforsecurity=False)
    for part in (*(p.part for p in placed), stamp):
        digest.update(hashlib.sha256(part.pdf).digest())
    value = ByteStringObject(digest.digest())
    return ArrayObject([value, value])


def _move_first(writer: Any, first: int, begin: int) -> None:
    """The writer's objects from `begin` on moved to `first` (before the body's), every
    reference to them and after them renumbered: the object order of a merge in book order,
    which `compact` keeps (qpdf numbers objects in their first order)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    objects = writer._objects
    order = [*range(first), *range(begin, len(objects)), *range(first, begin)]
    number = {old + 1: new + 1 for new, old in enumerate(order)}
    done: set[int] = set()

    def renumber(ref: Any) -> None:
        if isinstance(ref, IndirectObject) and ref.pdf is writer and id(ref) not in done:
            done.add(id(ref))
            ref.idnum = number[ref.idnum]

    seen: set[int] = set()

    def walk(value: Any) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, IndirectObject):
            renumber(value)
        elif isinstance(value, DictionaryObject):
            for item in value.values():
                walk(item)
        elif isinstance(value, ArrayObject):
            for item in value:
                walk(item)

    for obj in objects:
        if obj is not None:
            renumber(getattr(obj, "indirect_reference", None))
            walk(obj)
    for name in ("_root", "_info", "_pages"):
        renumber(getattr(writer, name, None))
    for translated in writer._id_translated.values():
        for key, value in translated.items():
            translated[key] = number.get(value, value)
    writer._objects = [objects[old] for old in order]
