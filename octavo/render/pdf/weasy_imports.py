"""WeasyPrint imported with less work: two of its modules run as shipped but for a few
top-level statements, read and checked here before they run.

Importing WeasyPrint took ~0.45 s of CPU on the bench's machine: in every PDF build's
process that lays out (the zygote of a parallel build, before any chapter can start; the
one process), and so in every edit's critical path. Two parts of it are work a build
of octavo's does not need done at import:

- weasyprint.text.ffi parses its C declarations with pycparser (~0.2 s): they are read
  from data made once per machine (octavo.render.pdf.weasy_ffi);
- weasyprint.pdf.fonts imports fontTools' subsetter and variable-font instancer (~0.09 s,
  most of fontTools): WeasyPrint calls them only to subset a font without HarfBuzz's
  subsetter, to fix a variable font's axes, or to strip a colour font's images. Here they
  are imported the first time one of them is used (`_Deferred`), so a build that never
  needs them never imports them.

Every other statement of the two modules runs as written, from WeasyPrint's own file; the
names are the same objects once used. `remember_imports` installs the finder (a
`sys.meta_path` entry) before WeasyPrint is first imported; a module whose top level is
not of the shape read here (another WeasyPrint), or whose source cannot be read, is
imported as shipped.

Checked against: WeasyPrint 70.0, cffi 2.0 (tests/unit/test_pdf_weasy_imports.py: the
same PDF bytes either way).
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any

from octavo.cache import Store
from octavo.render.pdf import weasy_ffi

__all__ = ["kept", "remember_imports", "shaped_modules"]

Shaper = Callable[[ast.Module, Store], dict[str, Any] | None]
# the top-level `from fontTools... import name` of weasyprint.pdf.fonts imported when used
DEFERRED = (("fontTools", "subset"), ("fontTools.varLib.instancer", "instantiateVariableFont"))


def remember_imports(folder: Path | None) -> None:
    """From now on, this process (and the workers it forks) imports WeasyPrint's FFI with
    the declarations kept in `folder` (a cache store in the user's cache folder; None:
    none, nor any other change: WeasyPrint imported as shipped) and its font module with
    fontTools' subsetter imported when used. No effect on a module already imported."""
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
        for name in _SHAPERS
        if isinstance(getattr(sys.modules.get(name), "__loader__", None), _Loader)
    )


class _Deferred:
    """A name of a module imported the first time it is used: a module's attribute read
    (`subset.Options`) or a function called (`instantiateVariableFont(...)`)."""

    def __init__(self, module: str, name: str):
        self._module, self._name = module, name

    def _found(self) -> Any:
        module = importlib.import_module(self._module)
        try:
            return getattr(module, self._name)
        except AttributeError:  # a submodule not imported yet (`from fontTools import subset`)
            return importlib.import_module(f"{self._module}.{self._name}")

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._found(), attribute)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._found()(*args, **kwargs)


def _deferred(tree: ast.Module, store: Store) -> dict[str, Any] | None:
    """weasyprint.pdf.fonts (`tree`, changed in place) without its top-level imports of
    DEFERRED, each name given as a `_Deferred`; None (`tree` as it was) unless each is
    imported exactly once, alone in its statement, by its own name."""
    found: dict[tuple[str, str], ast.stmt] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and len(node.names) == 1:
            alias = node.names[0]
            key = (node.module or "", alias.name)
            if key in DEFERRED and alias.asname is None:
                if key in found:
                    return None
                found[key] = node
    if len(found) != len(DEFERRED):
        return None
    for node in found.values():
        tree.body.remove(node)
    return {name: _Deferred(module, name) for module, name in DEFERRED}


_SHAPERS: dict[str, Shaper] = {
    weasy_ffi.MODULE: weasy_ffi.shaped,
    "weasyprint.pdf.fonts": _deferred,
}


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
    """Finds the modules of `_SHAPERS` as the path finder does and loads each with its
    statements changed (`_Loader`) when its shape is the one read here; else leaves it
    to the import system (None)."""

    def __init__(self, store: Store):
        self.store = store

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        shaper = _SHAPERS.get(fullname)
        if shaper is None or self.store.folder is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        origin = spec.origin if spec is not None else None
        if not origin or not origin.endswith(".py"):
            return None
        try:
            tree = ast.parse(Path(origin).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            return None
        given = shaper(tree, self.store)
        if given is None:
            return None
        code = compile(tree, origin, "exec")
        return importlib.util.spec_from_file_location(fullname, origin, loader=_Loader(code, given))
