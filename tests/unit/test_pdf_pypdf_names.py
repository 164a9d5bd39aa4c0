"""octavo.render.pdf.parallel.pypdf_names: each PDF name's bytes made once a process, the
bytes pypdf makes."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from octavo.render.pdf.parallel import pypdf_names


def _written() -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    odd = DictionaryObject()
    for name in ("/Plain", "/With Space", "/Ünïcode", "/Hash#", "/Paren(s)"):
        odd[NameObject(name)] = TextStringObject(name)
    page[NameObject("/Odd")] = odd
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_names_are_written_as_pypdf_writes_them() -> None:
    shipped = NameObject.renumber
    if pypdf_names.installed():
        shipped = shipped.__wrapped__  # type: ignore[attr-defined]
    expected = [shipped(NameObject(n)) for n in ("/Plain", "/With Space", "/Ünïcode", "/Hash#")]
    pypdf_names.install()
    pypdf_names.install()  # once
    assert pypdf_names.installed()
    assert NameObject.renumber.__wrapped__ is shipped  # type: ignore[attr-defined]
    names = ("/Plain", "/With Space", "/Ünïcode", "/Hash#")
    assert [NameObject(n).renumber() for n in names] == expected
    assert [NameObject(n).renumber() for n in names] == expected  # from the memo
    assert b"/With#20Space" in _written()
