"""The stamp of running heads and folios laid over the body's pages (pypdf's `merge_page`,
its steps repeated with the stamp's content parsed once), and the stamped pages of the last
build kept so that an edit stamps only the pages that changed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from octavo.cache import Store

__all__ = ["OVERLAY_CHECKED", "STAMPED", "Stamped", "overlay", "overlay_checked"]

STAMPED = "stamped-1"  # bump when `overlay` makes other content for the same inputs


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
