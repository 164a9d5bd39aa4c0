"""WeasyPrint 70 names a new C array type for each size of font subset it writes, and cffi
parses each new name with its C parser: here an array of a known item is typed without it.

Why it matters: writing a PDF, WeasyPrint subsets each font with HarfBuzz, handing it the
glyphs as `ffi.new(f'hb_codepoint_t[{len(glyphs)}]', ...)`: a type name per size ("hb_
codepoint_t[2427]"), so ~7 new names a part, each parsed by pycparser after a typedef for
every type WeasyPrint declares: ~4.5 ms a name, ~0.2 s of CPU in a cold 81-section parallel
build and ~30 ms in the one chapter an edit lays out again.

What it patches: `parse_type` of WeasyPrint's cffi parser (`weasyprint.text.ffi.ffi.
_parser`), for a name of the shape `T[N]` (N decimal) only: the array type of `T[]` is
parsed once, as shipped, and the array of N of its item made as cffi's parser makes it
(`cffi.model.ArrayType(item, N)`); cffi then makes and caches the C type as before. Any
other name is parsed as shipped. The same type, so the same arrays and the same bytes
(tests/unit/test_pdf_weasy_arrays.py).

Checked against: cffi 2.0 and WeasyPrint 70.0. `install()` patches only those, and only
while cffi still parses a type name and makes an array type as read here (`SHAPE`).

To remove it (once WeasyPrint sizes its arrays by their initializer, `hb_codepoint_t[]`):
delete this module and the `install()` call in octavo.render.pdf.document.load_html.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from octavo.render.pdf.weasy_patch import checked_source

__all__ = ["install", "installed"]

CHECKED = ("2.0.", "70.")  # cffi, WeasyPrint
SIZED = re.compile(r"([A-Za-z_]\w*(?: [A-Za-z_]\w*)*)\[([1-9][0-9]*)\]", re.ASCII)
SHAPE = (  # how cffi turns a name into a type, and an array declarator into ArrayType
    ("cffi.api", "FFI", "_typeof_locked", "type = self._parser.parse_type(cdecl)"),
    ("cffi.cparser", "Parser", "_get_type_and_quals", "return model.ArrayType(tp, length), quals"),
)


def install() -> bool:
    """Patch WeasyPrint's cffi parser if its versions are those checked here (once; cheap
    after); True if the patch is in place."""
    import cffi
    import weasyprint
    from cffi import model

    if installed():
        return True
    cffi_version, weasy_version = CHECKED
    if not str(cffi.__version__).startswith(cffi_version):
        return False
    if not str(weasyprint.__version__).startswith(weasy_version):
        return False
    from weasyprint.text.ffi import ffi

    # none with the out-of-line FFI (octavo.render.pdf.weasy_ffi): it types names in C
    parser = getattr(ffi, "_parser", None)
    shipped = getattr(parser, "parse_type", None)
    if parser is None or shipped is None or not hasattr(model, "ArrayType"):
        return False
    if not all(_reads(*shape) for shape in SHAPE):
        return False
    parser.parse_type = _sized(shipped, model.ArrayType)
    return True


def installed() -> bool:
    import sys

    ffi = getattr(sys.modules.get("weasyprint.text.ffi"), "ffi", None)
    parse = getattr(getattr(ffi, "_parser", None), "parse_type", None)
    return getattr(parse, "octavo_memo", False) is True


def _reads(module: str, kind: str, name: str, line: str) -> bool:
    """Whether cffi's `module.kind.name` still has `line` in its source."""
    import importlib

    try:
        found = getattr(importlib.import_module(module), kind, None)
    except ImportError:  # a cffi without that module: no shape to check, no patch
        return False
    source = checked_source(CHECKED[1], found, name) if found is not None else None
    return source is not None and source.count(line) == 1


def _sized(parse: Callable[[str], Any], array: Callable[[Any, int], Any]) -> Callable[[str], Any]:
    """`parse` (cffi's parse_type) with each `T[N]` made from `T[]`'s item by `array`."""
    unsized: dict[str, Any] = {}  # "T" -> the type of "T[]"

    def parse_type(cdecl: str) -> Any:
        found = SIZED.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if found is None:
            return parse(cdecl)
        item = found[1]
        if item not in unsized:
            unsized[item] = parse(f"{item}[]")
        base = unsized[item]
        if getattr(base, "length", 0) is not None or not hasattr(base, "item"):
            return parse(cdecl)  # not an array of unknown length: as shipped
        return array(base.item, int(found[2]))

    parse_type.octavo_memo = True  # type: ignore[attr-defined]
    parse_type.__wrapped__ = parse  # type: ignore[attr-defined]
    return parse_type
