"""What a merged PDF's readers navigate by, made from the parts' page maps: named
destinations (one per anchor, the first page it is on), the links of the contents and the
appendix, the bookmarks; and the renumbering that puts a front matter merged last first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from octavo.render.pdf.parallel.page_maps import Bookmark

if TYPE_CHECKING:
    from octavo.render.pdf.parallel.merge import Placed

__all__ = ["add_destinations", "add_links", "add_outline", "move_first", "name_destinations"]


def _height(writer: Any, index: int) -> float:
    """The PDF y of the trim's top edge: the parts' y are measured down from it."""
    return float(writer.pages[index].trimbox.top)


def add_destinations(writer: Any, p: Placed, named: dict[str, tuple[Any, Any]]) -> None:
    """A named destination for each anchor of the part not `named` before: an element
    split over pages (a table's caption at a page's foot, its rows overleaf) is an anchor
    on each, and its destination is the first, as WeasyPrint's own (`resolve_links`) and
    as the folios of the contents and lists (placed.folios_of)."""
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
            # in order: `name_destinations` sorts them all at once
            named[name] = (destination["/Title"], writer._add_object(destination.dest_array))
            if len(named) == 1:
                writer.get_named_dest_root()  # the /Names and /Dests objects, made here


def name_destinations(writer: Any, named: dict[str, tuple[Any, Any]]) -> None:
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


def add_links(writer: Any, p: Placed) -> None:
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


def add_outline(writer: Any, mark: Bookmark, start: int, parent: Any) -> Any:
    """`mark` and its children in the outline, under `parent` (None: at the top); its item."""
    from pypdf.generic import Fit

    fit = Fit.xyz(left=mark.x, top=mark.y, zoom=0)
    item = writer.add_outline_item(
        title=mark.label, page_number=start + mark.page, parent=parent, fit=fit, is_open=mark.open
    )
    for child in mark.children:
        add_outline(writer, child, start, item)
    return item


def move_first(writer: Any, first: int, begin: int) -> None:
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
