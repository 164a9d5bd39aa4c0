"""The stamp of running heads and folios laid over the body's pages: each stamp page drawn
on its body page as a form XObject.

The body page's own content stream is kept as it is (never decoded, never compressed
again) between two small streams every page shares, `q` before it and `Q` and the form's
`Do` after it; the stamp page's content stream, compressed as WeasyPrint wrote it, becomes
the form, its resources its own (no name of the page's to rename), clipped to its box. So
a page is stamped without parsing or deflating anything, where pypdf's `merge_page`
parses the stamp's content, renames its resources and deflates the joined content again
(~4 ms a page, most of the merge after the last part is laid out).
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORM", "Overlay"]

FORM = "/OctavoStamp"  # the form's name among the page's XObjects (another if taken)


class Overlay:
    """Lays stamp pages over pages of `writer` (a pypdf PdfWriter); the streams shared by
    every stamped page are made once a writer."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.shared: dict[bytes, Any] = {}

    def __call__(self, page: Any, over: Any) -> None:
        """`over` (a stamp page, of another PDF) drawn over `page`, above its content. A
        stamp page this does not cover (links, a content array, no resources): pypdf's
        `merge_page`."""
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        stamp = over.get("/Contents")
        stamp = stamp.get_object() if stamp is not None else None
        theirs = over.get("/Resources")
        theirs = theirs.get_object() if theirs is not None else None
        if "/Annots" in over or not _is_stream(stamp) or not isinstance(theirs, DictionaryObject):
            page.merge_page(over)
            page.compress_content_streams()  # merge_page leaves the joined stream plain
            return
        mine = page.get("/Resources")
        mine = mine.get_object() if mine is not None else DictionaryObject()
        # the page's own dictionaries copied, not changed: they may be another page's too
        resources = DictionaryObject(mine)
        objects = resources.get("/XObject")
        objects = DictionaryObject(objects.get_object() if objects is not None else {})
        name = FORM
        while NameObject(name) in objects:
            name += "x"
        objects[NameObject(name)] = self._form(stamp, theirs, over)
        resources[NameObject("/XObject")] = objects
        page[NameObject("/Resources")] = resources
        own = page.get("/Contents")
        own = own.get_object() if own is not None else None
        if isinstance(own, ArrayObject):
            parts = list(own)
        else:
            parts = [] if own is None else [page.raw_get("/Contents")]
        before = self._stream(b"q\n")
        after = self._stream(f"\nQ\n{name} Do\n".encode())
        page[NameObject("/Contents")] = ArrayObject([before, *parts, after])

    def _form(self, stamp: Any, resources: Any, over: Any) -> Any:
        """The stamp page's content as a form XObject of this writer (its stream's bytes as
        they are), with the page's resources and box."""
        from pypdf import get_configuration
        from pypdf.generic import ArrayObject, EncodedStreamObject, FloatObject, NameObject

        form = EncodedStreamObject()
        for key, value in stamp.items():
            if key != "/Length":
                form[NameObject(key)] = value.clone(self.writer)
        form._data = stamp._data  # still encoded: its /Filter is kept above
        form[NameObject("/Type")] = NameObject("/XObject")
        form[NameObject("/Subtype")] = NameObject("/Form")
        box = getattr(over, get_configuration().page_merge_box)
        form[NameObject("/BBox")] = ArrayObject(
            FloatObject(v) for v in (box.left, box.bottom, box.right, box.top)
        )
        # by reference (a form's dictionary is never in an object stream): one object for
        # the stamp's pages that share their resources
        given = over.raw_get("/Resources")
        if not hasattr(given, "idnum"):
            given = self.writer._add_object(resources.clone(self.writer))
        form[NameObject("/Resources")] = given.clone(self.writer)
        return self.writer._add_object(form)

    def _stream(self, data: bytes) -> Any:
        """A plain stream of `data`, one object a writer however many pages use it."""
        found = self.shared.get(data)
        if found is None:
            from pypdf.generic import DecodedStreamObject

            stream = DecodedStreamObject()
            stream.set_data(data)
            found = self.shared[data] = self.writer._add_object(stream)
        return found


def _is_stream(obj: Any) -> bool:
    from pypdf.generic import StreamObject

    return isinstance(obj, StreamObject)
