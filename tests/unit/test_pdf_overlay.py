"""octavo.render.pdf.parallel.overlay: pypdf's `merge_page`, the stamp parsed once."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from octavo.cache import Store
from octavo.render.pdf.parallel.overlay import Stamped, overlay


def _font(name: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(name),
        }
    )


def _page(writer: PdfWriter, fonts: dict[str, str], text: bytes, annots: bool = False) -> Any:
    page = writer.add_blank_page(612, 792)
    content = DecodedStreamObject()
    content.set_data(text)
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject(k): writer._add_object(_font(v)) for k, v in fonts.items()}
            ),
            NameObject("/ProcSet"): ArrayObject([NameObject("/Text"), NameObject("/PDF")]),
        }
    )
    if annots:
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(NumberObject(v) for v in (0, 0, 9, 9)),
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return page


def _pdf(pages: list[tuple[dict[str, str], bytes]], annots: bool = False) -> bytes:
    writer = PdfWriter()
    for fonts, text in pages:
        _page(writer, fonts, text, annots)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BODY = [
    (
        {"/f0": "/Body", "/f1": "/Bold"},
        b"BT /f0 10 Tf 72 700 Td (Body 0.5) Tj /f1 9 Tf [(A) -20 (b)] TJ ET",
    ),
    ({"/f0": "/Body"}, b"q 0.5 0 0 RG 1 0 0 1 0 0 cm 0 0 10.25 20 re S Q"),
    ({}, b""),
]
STAMP = [
    ({"/f0": "/Head", "/f1": "/Bold"}, b"BT /f0 8 Tf 72 750 Td (Head) Tj /f1 8 Tf (1) Tj ET"),
    ({"/f0": "/Body"}, b"BT /f0 8 Tf 300 30 Td <0102> Tj ET"),
    ({"/f2": "/Head"}, b"BT /f2 8 Tf (\\(3\\)) Tj ET"),
]


def _merged(merge: Callable[[Any, Any], None], annots: bool = False) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(_pdf(BODY)))
    stamp = PdfReader(io.BytesIO(_pdf(STAMP, annots)))
    for page, over in zip(writer.pages, stamp.pages, strict=True):
        merge(page, over)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _merge_page(page: Any, over: Any) -> None:
    page.merge_page(over)
    page.compress_content_streams()


@pytest.mark.parametrize("annots", [False, True], ids=["renamed", "annotated"])
def test_the_same_bytes_as_merge_page(annots: bool) -> None:
    """Resources renamed (/f0 taken by another font), shared (/f1 the same), added (/f2),
    an empty page; a stamp with links goes to `merge_page` itself."""
    expected = _merged(_merge_page, annots)
    assert _merged(overlay, annots) == expected
    text = PdfReader(io.BytesIO(expected)).pages[0].get_contents()
    assert text is not None and b"/f0-0" in text.get_data()  # the rename was exercised


def test_stamped_pages_kept_give_the_same_bytes(tmp_path: Path) -> None:
    """A second merge of the book takes the stamped pages from the cache: the same bytes; a
    page changed since is stamped anew; a damaged entry is not used."""
    expected = _merged(_merge_page)
    store = Store(tmp_path, signed=True)
    first = Stamped(store, "book")
    assert _merged(lambda page, over: overlay(page, over, first)) == expected
    first.save()
    again = Stamped(store, "book")
    assert set(again.found) == set(first.made) and len(again.found) == 3
    assert _merged(lambda page, over: overlay(page, over, again)) == expected
    other = Stamped(store, "another book")
    assert not other.found
    changed = Stamped(store, "book")
    changed.found = {k: b"not this" for k in changed.found}
    body = _pdf([(BODY[0][0], BODY[0][1] + b" "), *BODY[1:]])
    writer = PdfWriter(clone_from=io.BytesIO(body))
    over = PdfReader(io.BytesIO(_pdf(STAMP))).pages[0]
    overlay(writer.pages[0], over, changed)
    contents = writer.pages[0].get_contents()
    assert contents is not None and b"Body 0.5" in contents.get_data()
    damaged = tmp_path / first.name
    damaged.write_bytes(damaged.read_bytes()[:-1])
    assert not Stamped(store, "book").found


def test_overlay_only_on_the_pypdf_it_was_checked_against(monkeypatch: pytest.MonkeyPatch) -> None:
    """`overlay` repeats pypdf's private steps: on a pypdf it was not checked against, it
    stamps with `merge_page` itself (the same bytes); this pypdf is one it was checked on."""
    import pypdf
    from pypdf import PageObject

    from octavo.render.pdf.parallel import overlay as module

    assert module.overlay_checked()  # else the speed-up silently went away: check and list it
    expected = _merged(_merge_page)
    calls: list[int] = []
    real = PageObject.merge_page

    def counted(self: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "merge_page", counted)
    assert _merged(overlay) == expected and not calls
    monkeypatch.setattr(pypdf, "__version__", "99.0.0")
    assert not module.overlay_checked()
    assert _merged(overlay) == expected and len(calls) == 3


def test_a_planted_stamped_entry_is_not_taken(tmp_path: Path) -> None:
    """The kept stamped pages go into the PDF as they are, from a state folder that may be an
    untrusted book's: an entry this user did not sign (well formed, but planted) is not
    taken, as the kept sections are not (octavo.render.signed)."""
    store = Store(tmp_path, signed=True)
    first = Stamped(store, "book")
    _merged(lambda page, over: overlay(page, over, first))
    first.save()
    kept = tmp_path / first.name
    body = kept.read_bytes().split(b"\n", 2)[2]  # the entries without this user's signature
    planted = b"".join(k + len(b"q Q").to_bytes(4, "big") + b"q Q" for k in first.made)
    assert len(body) > len(planted)
    # with a checksum, as an unsigned entry once was: anyone can make one
    kept.write_bytes(hashlib.sha256(planted).digest() + planted)
    assert not Stamped(store, "book").found
