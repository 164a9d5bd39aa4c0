"""A whole font cut down to the glyphs a book draws, glyph ids kept (run in a pool worker).

HarfBuzz's subsetter, as WeasyPrint subsets (glyph ids retained, CFF desubroutinized,
hinting and the layout tables dropped): called through a small cffi binding of octavo's
own, as WeasyPrint's binding lacks `hb_blob_create` and `hb_face_create` (a face made from
bytes). Where libharfbuzz-subset cannot be loaded, fontTools' subsetter with the same
options (a few times slower: ~0.3 s a font). Either way the bytes depend on the font, the
glyphs and the library's version only (octavo.install.versions names the libraries, and
whether libharfbuzz-subset is there).
"""

from __future__ import annotations

import functools
import io
from typing import Any

__all__ = ["bind", "subset_font"]

# WeasyPrint's, and GDEF and MATH (whose glyph variants HarfBuzz would keep too)
_DROPPED: tuple[bytes, ...] = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GDEF", b"GPOS")
_DROPPED += (b"GSUB", b"JSTF", b"LTSH", b"MATH", b"PCLT", b"SVG ")

_CDEF = """
typedef struct _hb_blob_t hb_blob_t;
typedef struct _hb_face_t hb_face_t;
typedef struct _hb_set_t hb_set_t;
typedef struct _hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef uint32_t hb_tag_t;
hb_blob_t *hb_blob_create(const char *data, unsigned int length, int mode,
                          void *user_data, void *destroy);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
hb_tag_t hb_tag_from_string(const char *str, int len);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
"""
_DUPLICATE = 0  # HB_MEMORY_MODE_DUPLICATE
_DROP_TABLE = 3  # HB_SUBSET_SETS_DROP_TABLE_TAG
# NO_HINTING | RETAIN_GIDS | DESUBROUTINIZE | PASSTHROUGH_UNRECOGNIZED
_FLAGS = 0x01 | 0x02 | 0x04 | 0x20


def subset_font(data: bytes, index: int, glyphs: tuple[int, ...]) -> bytes:
    """`data` (a font file; `index`: the face in a collection) with `glyphs` and .notdef
    only, each at its own id. Raises ValueError if it cannot be subset."""
    if not data:
        raise ValueError("no font file")
    bound = _harfbuzz()
    if bound is not None:
        return _with_harfbuzz(bound, data, index, glyphs)
    return _with_fonttools(data, index, glyphs)


def bind() -> None:
    """Make the HarfBuzz binding now (~30 ms when cffi reads the declarations, ~1 ms from
    those kept: octavo.render.pdf.weasy_ffi): a worker does it as it warms up
    (octavo.render.pdf.parallel.part.warm_up), not while the merge waits."""
    _harfbuzz()


@functools.cache
def _harfbuzz() -> tuple[Any, Any, Any] | None:
    from octavo.render.pdf.weasy_ffi import ffi_of

    ffi = ffi_of(_CDEF, "octavo.harfbuzz_subset")
    try:
        core = ffi.dlopen("libharfbuzz.so.0")
        cut = ffi.dlopen("libharfbuzz-subset.so.0")
    except OSError:
        return None
    return ffi, core, cut


def _with_harfbuzz(bound: tuple[Any, Any, Any], data: bytes, index: int, glyphs: Any) -> bytes:
    ffi, core, cut = bound
    blob = core.hb_blob_create(data, len(data), _DUPLICATE, ffi.NULL, ffi.NULL)
    face = core.hb_face_create(blob, index)
    core.hb_blob_destroy(blob)
    given = cut.hb_subset_input_create_or_fail()
    made = ffi.NULL
    try:
        if given == ffi.NULL:
            raise ValueError("HarfBuzz could not make a subset input")
        kept = cut.hb_subset_input_glyph_set(given)
        for glyph in sorted(glyphs):
            core.hb_set_add(kept, glyph)
        dropped = cut.hb_subset_input_set(given, _DROP_TABLE)
        for tag in _DROPPED:
            core.hb_set_add(dropped, core.hb_tag_from_string(tag, 4))
        cut.hb_subset_input_set_flags(given, _FLAGS)
        made = cut.hb_subset_or_fail(face, given)
        if made == ffi.NULL:
            raise ValueError("HarfBuzz could not subset the font")
        out = core.hb_face_reference_blob(made)
        length = ffi.new("unsigned int *")
        pointer = core.hb_blob_get_data(out, length)
        result = bytes(ffi.buffer(pointer, length[0]))
        core.hb_blob_destroy(out)
    finally:
        if made != ffi.NULL:
            core.hb_face_destroy(made)
        if given != ffi.NULL:
            cut.hb_subset_input_destroy(given)
        core.hb_face_destroy(face)
    if not result:
        raise ValueError("HarfBuzz made an empty font")
    return result


def _with_fonttools(data: bytes, index: int, glyphs: tuple[int, ...]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont, TTLibError

    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
    )
    options.drop_tables += [t.decode().strip() for t in _DROPPED]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs))
    try:
        font = TTFont(io.BytesIO(data), fontNumber=index, recalcTimestamp=False)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    except (TTLibError, AssertionError, KeyError) as exc:
        raise ValueError(f"fontTools could not subset the font: {exc}") from exc
    return out.getvalue()
