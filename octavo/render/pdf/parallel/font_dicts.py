"""The PDF objects of the book's fonts (octavo.render.pdf.parallel.book_fonts), in pypdf.

In the shape WeasyPrint 70 writes a font (weasyprint/pdf/fonts.py, read, not copied): a
Type0 font, Identity-H, over a CIDFont (CIDFontType0 for a CFF font, 2 for TrueType, CIDs
the glyph ids), its descriptor and file, its /W (each run of consecutive ids and their
widths) and a ToUnicode CMap (each glyph's text, 100 a block). Written from the book's
records alone: the same pages, the same objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from octavo.render.pdf.parallel.book_fonts import BookFont, Plan
from octavo.render.pdf.parallel.page_glyphs import Glyph

__all__ = ["font_tables", "to_unicode", "write_fonts"]


def write_fonts(
    writer: Any, chosen: Plan, files: dict[str, bytes], tables: Sequence[Sequence[Any]]
) -> frozenset[str]:
    """The book's fonts (`chosen`, those whose file is in `files`) added to `writer`, and
    each part's font resources (`tables`: its /Font dictionaries, one a write of it, shared
    by its pages and forms) pointed at them: each table names the book's font of every
    hash the part's pages in the book draw, and no other of those written; the hashes
    written."""
    from pypdf.generic import NameObject

    written = {
        name: _font(writer, chosen.fonts[name], data) for name, data in sorted(files.items())
    }
    for used, found in zip(chosen.used, tables, strict=True):
        for table in found:
            for key in list(table.keys()):
                if str(key)[1:] in written:
                    del table[key]  # given again below, or drawn only on pages not in the book
            for name in sorted(used & written.keys()):  # all a part's pages draw: a part
                # resumed after an edit has a table a write, each naming the fonts it drew
                table[NameObject("/" + name)] = written[name]
            # in one order, whatever order the part's pages first drew them in: the same
            # table in two parts (one resumed after an edit) is then one object
            entries = sorted(table.items())
            table.clear()
            table.update(entries)
    return frozenset(written)


def font_tables(page: Any, form: str = "") -> tuple[Any, ...]:
    """The /Font dictionaries of `page`'s resources (a part's one, shared by its pages);
    `form`: those of its form XObjects whose names begin so instead (the stamp's)."""
    resources = _get(page, "/Resources")
    if not form:
        fonts = _get(resources, "/Font")
        return (fonts,) if fonts is not None else ()
    objects = _get(resources, "/XObject")
    found: list[Any] = []
    for name in sorted(objects or {}):
        if str(name).startswith(form):
            fonts = _get(_get(_get(objects, name), "/Resources"), "/Font")
            if fonts is not None and all(fonts is not f for f in found):
                found.append(fonts)
    return tuple(found)


def _get(dictionary: Any, key: str) -> Any:
    value = dictionary.get(key) if dictionary is not None else None
    return value.get_object() if value is not None else None


def _font(writer: Any, font: BookFont, data: bytes) -> Any:
    """The Type0 font of `font` with `data` as its file: an indirect reference."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
        TextStringObject,
    )

    face = font.face
    otf = data[:4] == b"OTTO"
    stream = StreamObject()
    stream.set_data(data)
    if otf:
        stream[NameObject("/Subtype")] = NameObject("/OpenType")
    else:
        stream[NameObject("/Length1")] = NumberObject(len(data))
    file = writer._add_object(stream.flate_encode())
    widths = {g: w for g, w, _ in font.glyphs}
    fixed = len(widths) > 1 and len(set(widths.values())) == 1
    box = [0, face.descent, max(widths.values(), default=0), face.ascent]
    name = NameObject("/" + face.name)
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): name,
            NameObject("/FontFamily"): TextStringObject(face.family),
            NameObject("/Flags"): NumberObject(face.flags + (1 if fixed else 0)),
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in box),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(face.ascent),
            NameObject("/Descent"): NumberObject(face.descent),
            NameObject("/CapHeight"): NumberObject(face.ascent),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/StemH"): NumberObject(80),
            NameObject("/FontFile3" if otf else "/FontFile2"): file,
        }
    )
    system = DictionaryObject(
        {
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0),
        }
    )
    cid = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType0" if otf else "/CIDFontType2"),
            NameObject("/BaseFont"): name,
            NameObject("/CIDSystemInfo"): system,
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            NameObject("/W"): _widths(widths),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }
    )
    cmap = StreamObject()
    cmap.set_data(to_unicode(font.glyphs))
    top = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): name,
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
            NameObject("/ToUnicode"): writer._add_object(cmap.flate_encode()),
        }
    )
    return writer._add_object(top)


def _widths(widths: dict[int, int]) -> Any:
    """/W: each run of consecutive glyph ids as its first id and the array of its widths."""
    from pypdf.generic import ArrayObject, NumberObject

    array = ArrayObject()
    run: Any = None
    for glyph in sorted(widths):
        if glyph - 1 not in widths:
            run = ArrayObject()
            array.extend([NumberObject(glyph), run])
        run.append(NumberObject(widths[glyph]))
    return array


_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
"""
_CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def to_unicode(glyphs: Sequence[Glyph]) -> bytes:
    """A ToUnicode CMap of `glyphs` (2-byte codes, the glyph ids): 100 a block, as the
    PDF reference allows at most."""
    lines = [_CMAP_HEAD]
    for at in range(0, len(glyphs), 100):
        block = glyphs[at : at + 100]
        lines.append(b"%d beginbfchar\n" % len(block))
        for glyph, _, text in block:
            lines.append(b"<%04x> <%s>\n" % (glyph, text.encode("utf-16-be").hex().encode()))
        lines.append(b"endbfchar\n")
    lines.append(_CMAP_TAIL)
    return b"".join(lines)
