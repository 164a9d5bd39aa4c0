"""Which glyphs each page of a part draws, recorded while WeasyPrint draws it (in a worker).

The merge writes each font once for the whole book from these records
(octavo.render.pdf.parallel.book_fonts), never from the fonts of the parts' PDFs: a part
spliced from two layouts (an edit below a chapter) carries in its fonts glyphs of pages the
edit replaced, so its fonts depend on the history of edits, where the records of the
pages it keeps do not.

How: WeasyPrint 70 draws a line's glyphs in weasyprint/draw/text.py `draw_first_line`,
which asks `glyph_id not in font.to_unicode` for each glyph and sets the glyph's text the
first time in the document; `font.widths[glyph_id]` holds the width it drew it with.
`recording` wraps each page's `paint`: while a page is painted each font's `to_unicode` is
a new dict, the page's own, so the question is asked of this page (each page records the
text of its own first use) at the speed of WeasyPrint's own; once painted, the font gets
back its document's first-wins map with the page's new glyphs added in order, as
WeasyPrint would have added them: the PDF it writes is the same bytes (`Recorder`).

A font the records cannot cover (`Face.whole` False): glyphs missing from it (their .notdef
stand-ins take ids that depend on the order they were met), a bitmap or colour font, a
variable font (WeasyPrint makes it static after subsetting), a font drawn in forms.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Face", "Glyph", "PageGlyphs", "Recorder", "recording"]

Glyph = tuple[int, int, str]  # glyph id, width (1/1000 em), the text it stands for
PageGlyphs = tuple[tuple[str, tuple[Glyph, ...]], ...]  # (font hash, glyphs by id), by hash


@dataclass(frozen=True, slots=True)
class Face:
    """A font as the merge needs it to write it (WeasyPrint's `Font`, its file by digest)."""

    hash: str  # WeasyPrint's Font.hash: the resource name, the same in every process
    name: str  # the /BaseFont, without its slash
    family: str
    flags: int  # the descriptor's /Flags but FixedPitch (which follows the widths)
    digest: str  # sha256 of the whole font file (kept in the cache: `FONT_FILE`)
    index: int  # the face's index in its file (a collection)
    ascent: int  # 1/1000 em, from the file's hhea (the same whatever size it was met at)
    descent: int
    whole: bool  # False: the records do not cover it (see the module's docstring)


FONT_FILE = "fontfile-{}"  # the cache's name of a whole font file, by its digest

_metrics: dict[str, tuple[int, int]] = {}  # digest -> (ascent, descent)


class _Fonts(dict[Any, Any]):
    """Stands for a WeasyPrint Document's `fonts`: each font added is recorded."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder

    def __setitem__(self, key: Any, font: Any) -> None:
        self.recorder.add(font)
        dict.__setitem__(self, key, font)


class Recorder:
    """The glyphs of each page painted, and the document's fonts. While a page is painted
    each font's `to_unicode` is a new dict, the page's own (so WeasyPrint's `not in` asks
    about this page, at C speed); once painted, the font is given back its document's map
    with the page's new glyphs added after the others, as WeasyPrint would have added
    them: the map, its order and so the PDF are the same."""

    def __init__(self) -> None:
        self.pages: list[PageGlyphs] = []
        self.fonts: dict[str, list[Any]] = {}
        self.files: dict[int, bytes] = {}  # id of a font -> its whole file
        self.maps: dict[int, dict[int, str]] = {}  # id of a font -> its document's to_unicode

    def add(self, font: Any) -> None:
        """A font WeasyPrint made while a page is painted: its `to_unicode`, new, is the page's."""
        self.fonts.setdefault(font.hash, []).append(font)
        self.files[id(font)] = font.file_content  # WeasyPrint subsets it later
        self.maps[id(font)] = {}

    def paint(self, paint: Any) -> Any:
        def painted(*args: Any, **kwargs: Any) -> Any:
            for fonts in self.fonts.values():
                for font in fonts:
                    font.to_unicode = {}
            try:
                return paint(*args, **kwargs)
            finally:
                self._painted()

        return painted

    def _painted(self) -> None:
        found = []
        for name, fonts in sorted(self.fonts.items()):
            texts: dict[int, str] = {}
            for font in fonts:
                page, whole = font.to_unicode, self.maps[id(font)]
                for glyph, text in page.items():
                    texts.setdefault(glyph, text)
                    whole.setdefault(glyph, text)
                font.to_unicode = whole
            if texts:
                glyphs = tuple((g, _width(fonts, g), texts[g]) for g in sorted(texts))
                found.append((name, glyphs))
        self.pages.append(tuple(found))

    def faces(self) -> tuple[tuple[Face, bytes], ...]:
        """Each font of the document and its whole file (before WeasyPrint subsets it:
        read as the document is written, `recording`)."""
        return tuple(self._face(fonts) for _, fonts in sorted(self.fonts.items()))

    def _face(self, fonts: list[Any]) -> tuple[Face, bytes]:
        font = fonts[0]
        data = bytes(self.files[id(font)])
        digest = hashlib.sha256(data).hexdigest()
        if digest not in _metrics:
            _metrics[digest] = _hhea(data, font.index)
        ascent, descent = _metrics[digest]
        odd = font.bitmap or font.png or font.svg or font.colr or "fvar" in font.tables
        whole = not odd and not any(f.missing or f.used_in_forms for f in fonts)
        whole = whole and all(self.files[id(f)] == data for f in fonts[1:])
        name = bytes(font.name).decode("latin-1").removeprefix("/")
        face = Face(
            font.hash, name, font.family, font.flags, digest, font.index, ascent, descent, whole
        )
        return face, data


def _width(fonts: list[Any], glyph: int) -> int:
    for font in fonts:
        if glyph in font.widths:
            return int(font.widths[glyph])
    return 0


def _hhea(data: bytes, index: int) -> tuple[int, int]:
    """The font's ascent and descent in 1/1000 em (hhea), read once a font file a process."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
        upem, hhea = font["head"].unitsPerEm, font["hhea"]
        return round(hhea.ascent * 1000 / upem), round(hhea.descent * 1000 / upem)
    except (TTLibError, KeyError, AssertionError, ZeroDivisionError):
        return 0, 0


CHECKED = "70."
SHAPE = (  # what the recording relies on in draw_first_line and Stream.add_font
    "if glyph_id not in font.to_unicode:",
    "font.to_unicode[glyph_id] = ",
    "self._fonts[key] = Font(",
)


@functools.cache
def applies() -> bool:
    """Whether WeasyPrint is the version read here, its drawing of glyphs still the shape
    read (`SHAPE`); else nothing is recorded and the merge keeps the parts' fonts."""
    from weasyprint.draw import text
    from weasyprint.pdf import stream

    from octavo.render.pdf.weasy_patch import checked_source

    first = checked_source(CHECKED, text, "draw_first_line") or ""
    fonts = checked_source(CHECKED, stream.Stream, "add_font") or ""
    return all(s in first + fonts for s in SHAPE)


@contextmanager
def recording(document: Any) -> Iterator[Recorder | None]:
    """Record `document`'s pages' glyphs while it is written (None: not recorded, a
    WeasyPrint not read here, or a document written before, whose fonts' first uses are
    gone). Its fonts' files are read before WeasyPrint subsets them, as they are added:
    `Recorder.faces` once written."""
    if document.fonts or not applies():
        yield None
        return
    recorder = Recorder()
    document.fonts = _Fonts(recorder)
    for page in document.pages:
        page.paint = recorder.paint(page.paint)
    try:
        yield recorder
    finally:
        for page in document.pages:
            page.__dict__.pop("paint", None)


def keep_files(faces: tuple[tuple[Face, bytes], ...], cache: str) -> tuple[tuple[str, bytes], ...]:
    """The whole files of `faces` the records cover, kept in the cache folder `cache` (signed,
    as the parts are: octavo.cache.Store) unless there already; without a cache, returned,
    for the parent to keep for this build (octavo.render.pdf.parallel.book_fonts)."""
    whole = [(face.digest, data) for face, data in faces if face.whole]
    if not cache:
        return tuple(whole)
    from octavo.cache import Store

    store = Store(Path(cache), signed=True)
    for digest, data in whole:
        name = FONT_FILE.format(digest)
        if not (Path(cache) / name).exists():  # again if the cache was pruned meanwhile
            store.put(name, data)
    return ()
