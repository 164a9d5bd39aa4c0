"""WeasyPrint imported with less work: three of its modules run as shipped but for a few
top-level statements, read and checked here before they run.

Importing WeasyPrint took ~0.45 s of CPU on the bench's machine: in every PDF build's
process that lays out (the zygote of a parallel build, before any chapter can start; the
one process), and so in every edit's critical path. Three parts of it are work a build
of octavo's does not need done at import:

- weasyprint.text.ffi parses its C declarations with pycparser (~0.2 s): they are read
  from data made once per machine (octavo.render.pdf.weasy_ffi);
- weasyprint.pdf.fonts imports fontTools' subsetter and variable-font instancer (~0.09 s,
  most of fontTools): WeasyPrint calls them only to subset a font without HarfBuzz's
  subsetter, to fix a variable font's axes, or to strip a colour font's images. Here they
  are imported the first time one of them is used (octavo.render.pdf.weasy_shapes), so a
  build that never needs them never imports them;
- weasyprint.html parses and prepares three stylesheets as it is imported: the user
  agent's (~45 ms), taken from what an earlier process kept of it
  (octavo.render.pdf.weasy_sheets.user_agent_sheet); the presentational hints' (~16 ms),
  used only when a document asks for them (`presentational_hints`), which octavo never
  does: made the first time it is used (weasy_shapes); and the forms' (~1 ms), made as
  shipped (it is given the counter styles every document copies before reading a
  stylesheet: made later, it could not add to them).

Every other statement of the three modules runs as written, from WeasyPrint's own file;
the names are the same objects once used. The changed modules' code is compiled once and
kept in the same folder as the declarations (`code-<module>-<key>`: keyed by the module's
exact source and path, Python's bytecode magic and these two modules' own sources), as
Python keeps a module's in __pycache__: a changed module has no .pyc, and parsing and
compiling weasyprint/html.py and weasyprint/pdf/fonts.py again at every import cost more
than a deferral saves. `remember_imports` installs the finder (a `sys.meta_path` entry)
before WeasyPrint is first imported; a module whose top level is not of the shape read
here (another WeasyPrint), or whose source cannot be read, is imported as shipped.

Checked against: WeasyPrint 70.0, cffi 2.0 (tests/unit/test_pdf_weasy_imports.py: the
same PDF bytes either way).
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import marshal
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from octavo.cache import Store, digest_of, files_digest, marshalled_pair
from octavo.render.pdf import weasy_ffi, weasy_shapes
from octavo.render.pdf.weasy_shapes import give_fonts, give_html, shape_fonts, shape_html

__all__ = ["SHAPERS", "Shaper", "kept", "remember_imports", "shaped_modules"]

_LITERALS = (str, bytes, int)
CODES = 4  # compiled codes kept a module (installs sharing the user's cache keep theirs)


@dataclass(frozen=True, slots=True)
class Shaper:
    """How a module is changed. `shape` changes its tree in place and returns the literal
    values `give` needs (None: the module is not of the shape read here, its tree as it
    was); `give` makes from them the names the changed module runs with (None: they cannot
    be made, and the module is imported as shipped). Two steps, so that the changed code
    can be kept compiled with what `give` needs (`_compiled`)."""

    shape: Callable[[ast.Module], tuple[Any, ...] | None]
    give: Callable[[tuple[Any, ...], Store], dict[str, Any] | None]

    def __call__(self, tree: ast.Module, store: Store) -> dict[str, Any] | None:
        """Both steps at once: the names to run the changed `tree` with, or None."""
        read = self.shape(tree)
        return None if read is None else self.give(read, store)


def remember_imports(folder: Path | None) -> None:
    """From now on, this process (and the workers it forks) imports the modules of SHAPERS
    as shaped here: WeasyPrint's FFI with the declarations kept in `folder` (a cache store
    in the user's cache folder, which keeps the shaped modules' compiled code too; None:
    none, nor any other change: WeasyPrint imported as shipped), its font module with
    fontTools' subsetter imported when used, and weasyprint.html with its user agent's
    stylesheet kept and its presentational hints' made when used. No effect on a module
    already imported."""
    for finder in sys.meta_path:
        if isinstance(finder, _Finder):
            finder.store = Store(folder)
            return
    if folder is not None and weasy_ffi.MODULE not in sys.modules:
        sys.meta_path.insert(0, _Finder(Store(folder)))


def kept() -> Store | None:
    """The store `remember_imports` keeps WeasyPrint's declarations in, if any."""
    for finder in sys.meta_path:
        if isinstance(finder, _Finder) and finder.store.folder is not None:
            return finder.store
    return None


def shaped_modules() -> tuple[str, ...]:
    """The modules this process imported with their statements changed here."""
    return tuple(
        name
        for name in SHAPERS
        if isinstance(getattr(sys.modules.get(name), "__loader__", None), _Loader)
    )


SHAPERS: dict[str, Shaper] = {
    weasy_ffi.MODULE: Shaper(weasy_ffi.shape, weasy_ffi.give),
    "weasyprint.pdf.fonts": Shaper(shape_fonts, give_fonts),
    "weasyprint.html": Shaper(shape_html, give_html),
}


def _compiled(
    store: Store, fullname: str, origin: str, source: bytes, shaper: Shaper
) -> tuple[CodeType, tuple[Any, ...]] | None:
    """The module's changed code and what `shaper.give` needs: kept in `store` (signed:
    code from there is run), else made from `source` and kept; None if the module is not
    of the shape read here. A module's `CODES` last kept are left, the least recently
    read dropped (two installs sharing the cache folder keep one each)."""
    name = f"code-{fullname}-{_code_key(origin, source)}"
    found = _kept_code(store.get(name))
    if found is not None:
        return found
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    read = shaper.shape(tree)
    if read is None:
        return None
    code = compile(tree, origin, "exec")
    with suppress(OSError, ValueError):
        store.put(name, marshal.dumps((code, read)))
        store.keep_newest(f"code-{fullname}-*", CODES)
    return code, read


def _code_key(origin: str, source: bytes) -> str:
    return digest_of(origin, source, start=MAGIC_NUMBER + _shaping().encode())


@cache
def _shaping() -> str:
    """The digest of the code that shapes the modules (this module's, weasy_ffi's
    and weasy_shapes' sources): another octavo shapes them anew."""
    return files_digest(__file__, weasy_ffi.__file__, weasy_shapes.__file__)


def _kept_code(data: bytes | None) -> tuple[CodeType, tuple[Any, ...]] | None:
    """A kept entry read back: a code object and a tuple of literal values, else None."""
    found = marshalled_pair(data) if data is not None else None
    if found is None:
        return None
    code, read = found
    if not isinstance(code, CodeType) or not isinstance(read, tuple):
        return None
    if not all(type(value) in _LITERALS for value in read):
        return None
    return code, read


class _Loader(importlib.abc.Loader):
    """Runs a module's changed code with the names it is given (then taken away again,
    but those the code bound to them)."""

    def __init__(self, code: CodeType, given: dict[str, Any]):
        self.code, self.given = code, given

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        namespace = module.__dict__
        namespace.update(self.given)
        exec(self.code, namespace)  # WeasyPrint's own module, a few statements changed
        for name in self.given:
            if name.startswith("_octavo"):
                namespace.pop(name, None)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the modules of `SHAPERS` as the path finder does and loads each with its
    statements changed (`_Loader`) when its shape is the one read here; else leaves it
    to the import system (None)."""

    def __init__(self, store: Store):
        self.store = store

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        shaper = SHAPERS.get(fullname)
        if shaper is None or self.store.folder is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        origin = spec.origin if spec is not None else None
        if not origin or not origin.endswith(".py"):
            return None
        try:
            source = Path(origin).read_bytes()
        except OSError:
            return None
        codes = Store(self.store.folder, signed=True)
        made = _compiled(codes, fullname, origin, source, shaper)
        if made is None:
            return None
        code, read = made
        given = shaper.give(read, self.store)
        if given is None:
            return None
        return importlib.util.spec_from_file_location(fullname, origin, loader=_Loader(code, given))
