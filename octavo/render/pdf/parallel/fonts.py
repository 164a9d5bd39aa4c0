"""One embedded copy of each font in a PDF merged from parts (issue 16: 3.8 MB, not 0.49 MB).

Each part is laid out by its own WeasyPrint, which embeds its own subset of every font it
uses; merged, the book carried a subset per part. WeasyPrint subsets with the glyph ids
kept (HarfBuzz or fontTools `retain_gids`) and desubroutinized, so the subsets of one font
differ only in which glyphs are filled in: `share_fonts` fills one of them with every glyph
any part uses, and points every part's font descriptor at that one stream. The pages, the
glyph ids in them and the /W widths are untouched. Subsets that do not line up (another
font of the same name, a format this does not know) are left as they are.

Filling a font is the costliest step of the merge (every glyph decompiled, bounds drawn
again on save): each union is kept in the cache by the subsets it was made of, so a
rebuild whose parts use the same glyphs as before (most edits) takes it from there. The
unions are started in the workers (`begin_unions`) as soon as the last part is laid out,
read from the parts themselves, while this process merges their pages; the biggest font
first, so that the two workers finish together.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from octavo.cache import Store, fingerprint

__all__ = ["Begun", "begin_unions", "share_fonts"]

_FILE_KEYS = ("/FontFile3", "/FontFile2")

Begun = dict[str, Future[bytes | None]]  # unions being made, by their name in the store


def begin_unions(pdfs: Iterable[bytes], store: Store | None, pool: Executor) -> Begun:
    """The unions `share_fonts` will need, started now in `pool`: each font's subsets read
    from the parts' PDFs in the order the merge adds them (`pdfs`: the front matter, the
    body, the stamp). A guess: `share_fonts` takes a union from here only when it needs
    these very subsets (the same name), so a wrong guess costs work, never a byte."""
    import pikepdf

    groups: dict[tuple[str, str], list[bytes]] = defaultdict(list)
    for pdf in pdfs:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            for obj in document.objects:
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                    key = next((k for k in _FILE_KEYS if k in obj), None)
                    if key is not None:
                        groups[(str(obj["/FontName"]), key)].append(obj[key].read_bytes())
    fonts = [subsets for _, subsets in sorted(groups.items()) if len(subsets) >= 2]
    return _submit(fonts, _names(fonts), store or Store(None), pool)


def share_fonts(
    writer: Any,
    store: Store | None = None,
    pool: Executor | None = None,
    begun: Begun | None = None,
    skip: frozenset[str] = frozenset(),
) -> int:
    """Make every font descriptor of `writer` with the same /FontName share one font file
    holding the union of their glyphs; the number of font files saved. `store`: where
    unions made before are kept (None: none); `pool`: workers that fill the fonts side by
    side (None: one after the other, here); `begun`: unions started before
    (`begin_unions`); `skip`: the hashes (the /FontName's tag) of fonts written for the
    book from its pages' records (octavo.render.pdf.parallel.book_fonts), left alone."""
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for obj in writer._objects:
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/FontDescriptor":
            key = next((k for k in _FILE_KEYS if k in obj), None)
            name = str(obj["/FontName"])
            if key is not None and name[1:].partition("+")[0] not in skip:
                groups[(name, key)].append(obj)
    shareable = []
    for (_, key), descriptors in sorted(groups.items()):
        streams = list({id(d[key].get_object()): d[key].get_object() for d in descriptors}.values())
        if len(streams) >= 2:
            shareable.append((key, descriptors, streams))
    subsets = [[s.get_data() for s in streams] for _, _, streams in shareable]
    made = _kept_unions(subsets, store, pool, begun)
    saved = 0
    for (key, descriptors, streams), union in zip(shareable, made, strict=True):
        if isinstance(union, Exception):  # sharing is a saving only: a font it cannot merge stays
            logging.getLogger("octavo").info("font %s not shared: %s", key, union)
            continue
        if union is None:
            continue
        shared = StreamObject()
        for name, value in streams[0].items():
            if name not in ("/Length", "/Filter", "/DecodeParms", "/Length1"):
                shared[NameObject(name)] = value
        shared.set_data(union)
        if key == "/FontFile2":
            shared[NameObject("/Length1")] = _number(len(union))
        shared = shared.flate_encode()
        reference = writer._add_object(shared)
        for descriptor in descriptors:
            descriptor[NameObject(key)] = reference
        saved += len(streams) - 1
    return saved


def _number(value: int) -> Any:
    from pypdf.generic import NumberObject

    return NumberObject(value)


def _kept_union(subsets: list[bytes], store: Store) -> bytes | None:
    """`_union`, from `store` when these subsets were filled before (b"": they do not line up)."""
    made = _kept_unions([subsets], store, None)[0]
    if isinstance(made, Exception):
        raise made
    return made


def _names(fonts: list[list[bytes]]) -> list[str]:
    return [f"font-{fingerprint('font-union', *subsets)}" for subsets in fonts]


def _submit(fonts: list[list[bytes]], names: list[str], store: Store, pool: Executor) -> Begun:
    """The unions `store` does not hold, started in `pool`, the biggest first: the pool
    takes them in that order, so the last to finish is a small one."""
    todo = [i for i, name in enumerate(names) if store.get(name) is None]
    todo.sort(key=lambda i: -sum(len(s) for s in fonts[i]))
    return {names[i]: pool.submit(_union, fonts[i]) for i in todo}


def _kept_unions(
    fonts: list[list[bytes]],
    store: Store | None,
    pool: Executor | None,
    begun: Begun | None = None,
) -> list[bytes | Exception | None]:
    """The union of each font's `subsets`, from `store` when made before, or from `begun`,
    else made (in `pool` when given, all at once); what failed is its exception."""
    store, begun = store or Store(None), begun or {}
    names = _names(fonts)
    kept = [store.get(name) for name in names]
    started = {name: begun[name] for name in names if name in begun}
    if pool is not None:
        missing = [i for i, name in enumerate(names) if kept[i] is None and name not in started]
        todo = [fonts[i] for i in missing]
        started |= _submit(todo, [names[i] for i in missing], Store(None), pool)
    results: list[bytes | Exception | None] = []
    for name, known, subsets in zip(names, kept, fonts, strict=True):
        if known is not None:
            results.append(known or None)
            continue
        try:
            try:
                union = started[name].result() if name in started else _union(subsets)
            except BrokenProcessPool:
                union = _union(subsets)  # the workers are gone: the same union, made here
        except Exception as exc:
            results.append(exc)
            continue
        store.put(name, union or b"")
        results.append(union)
    return results


def _union(subsets: list[bytes]) -> bytes | None:
    """One font with every glyph filled in any of `subsets` (same font, glyph ids kept)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:  # a damaged subset, found at its loading or when its tables are read: no union
        # the others are read only where the base lacks a glyph: their tables as needed
        fonts = [TTFont(io.BytesIO(data), recalcTimestamp=False) for data in subsets]
        orders = [font.getGlyphOrder() for font in fonts]
        first = max(range(len(fonts)), key=lambda i: len(orders[i]))  # the first longest
        base = fonts[first] = TTFont(io.BytesIO(subsets[first]), lazy=False, recalcTimestamp=False)
        order = base.getGlyphOrder()
        if "CFF " in base:
            _charstrings(base)  # all of them, once: `base` is written out again
        for other in fonts:
            if other is base:
                continue
            theirs = other.getGlyphOrder()  # the others' tables are read here, lazily
            if theirs != order[: len(theirs)] or not _fill(base, other, theirs):
                return None
    except (TTLibError, AssertionError, ValueError, KeyError):
        return None
    if "CFF " in base:
        _bounds_once(base)
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _fill(base: Any, other: Any, names: list[str]) -> bool:
    """Copy into `base` the glyphs `other` has and `base` lacks; False if they cannot be."""
    if "CFF " in base and "CFF " in other:
        mine = base["CFF "].cff.topDictIndex[0].CharStrings  # decompiled by `_union`
        theirs = other["CFF "].cff.topDictIndex[0].CharStrings  # read where `base` lacks one
        mine_private = base["CFF "].cff.topDictIndex[0].Private
        their_private = other["CFF "].cff.topDictIndex[0].Private
        for field in ("nominalWidthX", "defaultWidthX"):
            if getattr(mine_private, field, 0) != getattr(their_private, field, 0):
                return False
        for name in names:
            if not _empty(mine[name]):
                continue
            glyph = theirs[name]
            if glyph.bytecode is not None and _empty_code(glyph.bytecode):
                continue  # empty in both: nothing to copy, nothing to decompile
            glyph.decompile()  # only the glyphs `base` lacks: a tenth of the merge's time
            if not _empty(glyph):
                mine[name].program = list(glyph.program)
                _copy_metrics(base, other, name)
        return True
    if "glyf" in base and "glyf" in other:
        for name in names:
            glyph = other["glyf"][name]
            if base["glyf"][name].numberOfContours == 0 and glyph.numberOfContours != 0:
                base["glyf"][name] = glyph
                _copy_metrics(base, other, name)
        return True
    return False


def _charstrings(font: Any) -> Any:
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    for name in font.getGlyphOrder():
        charstrings[name].decompile()
    return charstrings


def _bounds_once(font: Any) -> None:
    """Each glyph's bounds drawn once for the save, not twice: fontTools draws every glyph
    for the CFF /FontBBox and again for hhea's extents (~0.05 s of the ~0.5 s of CPU the
    unions take at 81 sections). The same numbers, so the same bytes: nothing changes
    `font` between the two."""
    charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
    for name in font.getGlyphOrder():
        charstring = charstrings[name]
        bounds = charstring.calcBounds(charstrings)
        charstring.calcBounds = lambda _glyphs, bounds=bounds: bounds


def _empty(charstring: Any) -> bool:
    program = charstring.program
    return len(program) <= 2 and program[-1] == "endchar"


# the bytes a Type 2 number takes, by its first byte (CFF spec, Technote #5177, 3.2)
_NUMBER_SIZE = {
    **dict.fromkeys(range(32, 247), 1),
    **dict.fromkeys(range(247, 255), 2),
    28: 3,
    255: 5,
}


def _empty_code(code: bytes) -> bool:
    """A charstring that `_empty` would find empty, read from its bytes without decompiling
    it: `endchar` (14) alone or after one number (a width). Most glyphs of a subset with its
    glyph ids kept are such; a charstring of another shape is decompiled and looked at."""
    if not code or code[-1] != 14:
        return False
    operand = code[:-1]
    return not operand or _NUMBER_SIZE.get(operand[0]) == len(operand)


def _copy_metrics(base: Any, other: Any, name: str) -> None:
    if "hmtx" in base and "hmtx" in other and name in other["hmtx"].metrics:
        base["hmtx"].metrics[name] = other["hmtx"].metrics[name]
