"""The stylesheets WeasyPrint prepared, kept from one process to the next.

octavo.render.pdf.weasy_styles prepares each stylesheet once a process. The process that
lays out the edited chapter after a one-section edit (the workers' zygote) is a new one at
every `invoke pdf`, and preparing octavo's print stylesheets there (tinycss2's tokenizer,
WeasyPrint's validation of every declaration, cssselect2 compiling each selector into a
Python function) took ~50 ms of the edit's critical path, for the same text every time.

What preparing made (the selector matcher, the page rules, the font faces: what
weasy_styles replays) is kept here in the user's cache folder (`stylesheets`), by the
stylesheet's text and everything else weasy_styles keys it by, the versions of WeasyPrint,
tinycss2, cssselect2 and Python, and octavo's own code of the two modules. It is pickled:
tinycss2's tokens, WeasyPrint's validated values and cssselect2's matcher are plain
objects, and each compiled selector's function is kept as its code (marshal), made again
with the globals cssselect2 gives its functions. What guards it is the signature: an entry
is read back only if signed with the user's key (octavo.render.signed), as the compiled
code beside it is run only then; and, a second fence, only if the pickle names nothing but
the classes and functions tinycss2's tokens, cssselect2's matcher and WeasyPrint's CSS
modules define themselves (`_Reader`). Else the stylesheet is prepared as shipped, and
kept again; one whose pickle would not be read back (a value of another module, as a
gradient's) is not kept. The same objects, so the same cascade and the same bytes
(tests/unit/test_pdf_weasy_sheets.py). At most `KEPT_FILES` stylesheets are kept, the
least recently read dropped first.
"""

from __future__ import annotations

import io
import logging
import marshal
import pickle
import types
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

from octavo.cache import Store, digest_of, files_digest

__all__ = ["Logged", "keep", "kept", "remember_sheets", "sheets_folder", "user_agent_sheet"]

KEPT_FILES = 64
_ALLOWED = ("tinycss2.ast", "weasyprint.css")  # modules whose classes and functions are read
_WITHIN = tuple(f"{module}." for module in _ALLOWED)


@dataclass(slots=True)
class _Memo:
    store: Store | None = None  # None: nothing kept, every stylesheet prepared as shipped


_memo = _Memo()


def remember_sheets(folder: Path | None) -> None:
    """From now on this process, and the workers it forks, take prepared stylesheets from
    `folder` (a cache store) and keep there those it prepares; None: none kept."""
    _memo.store = Store(folder, signed=True) if folder is not None else None


def sheets_folder(cache: Path | None) -> Path | None:
    """Where a build keeps them: the user's cache folder when it keeps a cache at all."""
    from octavo.codecache import machine_folder

    return machine_folder(cache, "stylesheets")


def kept(key: tuple[Any, ...], size: int = 3) -> tuple[Any, ...] | None:
    """The prepared stylesheet of weasy_styles' `key` (a tuple of `size`: the matcher, the
    page rules, the font faces), if kept (and read back whole)."""
    store = _memo.store
    if store is None:
        return None
    data = store.get(_name(key))
    if data is None:
        return None
    try:
        found = _Reader(io.BytesIO(data)).load()
    except Exception:  # damaged, or of other libraries: prepared as shipped
        return None
    return found if isinstance(found, tuple) and len(found) == size else None


def keep(key: tuple[Any, ...], prepared: tuple[Any, ...]) -> None:
    """Keep what preparing the stylesheet of `key` made (a cache: a failure keeps nothing)."""
    store = _memo.store
    if store is None or store.folder is None:
        return
    out = io.BytesIO()
    with suppress(Exception):
        _Writer(out, protocol=pickle.HIGHEST_PROTOCOL).dump(prepared)
        data = out.getvalue()
        _Reader(io.BytesIO(data)).load()  # what would not be read back is not kept
        store.put(_name(key), data)
        store.keep_newest("sheet-*", KEPT_FILES)


def user_agent_sheet(make: Callable[[], Any], text: str, counters: dict[str, Any]) -> Any:
    """WeasyPrint's user-agent stylesheet, which weasyprint.html makes as it is imported
    (octavo.render.pdf.weasy_imports hands it this): `make` makes it as shipped from `text`,
    adding its `@counter-style` rules to `counters` (WeasyPrint's UA_COUNTER_STYLE). From
    what an earlier process kept (the stylesheet's attributes, the counter styles it
    added), else made, and kept when WeasyPrint logged nothing making it (~40 ms)."""
    import weasyprint

    key = ("user agent stylesheet", text, tuple(counters))
    found = kept(key, 2)
    if found is not None and isinstance(found[0], dict) and isinstance(found[1], dict):
        sheet = object.__new__(weasyprint.CSS)
        sheet.__dict__.update(found[0])
        counters.update(found[1])
        return sheet
    before = dict(counters)
    logged = Logged()
    weasyprint.LOGGER.addHandler(logged)
    try:
        sheet = make()
    finally:
        weasyprint.LOGGER.removeHandler(logged)
    if not logged.count and isinstance(sheet, weasyprint.CSS):
        added = {name: style for name, style in counters.items() if before.get(name) is not style}
        keep(key, (dict(vars(sheet)), added))
    return sheet


class Logged(logging.Handler):
    """Counts what a logger logs while it is added to it, but WeasyPrint's progress."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != "weasyprint.progress":  # the steps, told when a display asks
            self.count += 1


def _name(key: tuple[Any, ...]) -> str:
    return f"sheet-{digest_of(marshal.dumps(key), start=_versions())}"


@cache
def _versions() -> bytes:
    """What else a prepared stylesheet depends on: the libraries and octavo's code that
    prepare and replay it."""
    import cssselect2
    import tinycss2
    import weasyprint

    from octavo.render.pdf import weasy_styles

    versions = (weasyprint.__version__, tinycss2.__version__, cssselect2.__version__)
    code = files_digest(__file__, weasy_styles.__file__)
    return digest_of(MAGIC_NUMBER, *versions, code).encode()


@cache
def _selector_globals() -> dict[str, Any]:
    """The globals cssselect2 gives a compiled selector's function (taken from one)."""
    import cssselect2

    return dict(cssselect2.compile_selector_list("a")[0].test.__globals__)


def _selector(code: bytes) -> types.FunctionType:
    """A compiled selector's function made again from its code."""
    found = marshal.loads(code)
    if not isinstance(found, types.CodeType):
        raise pickle.UnpicklingError("not a selector's code")
    return types.FunctionType(found, _selector_globals())


class _Writer(pickle.Pickler):
    """A compiled selector's function (a lambda cssselect2 made with `eval`: no module, no
    closure) is written as its code."""

    def reducer_override(self, obj: Any) -> Any:
        if (
            isinstance(obj, types.FunctionType)
            and obj.__module__ is None
            and obj.__name__ == "<lambda>"
            and obj.__closure__ is None
        ):
            return _selector, (marshal.dumps(obj.__code__),)
        return NotImplemented


class _Reader(pickle.Unpickler):
    """Names nothing but a class or function tinycss2's tokens' module, WeasyPrint's CSS
    modules or cssselect2 define themselves (cssselect2's Matcher), functools.partial and
    `_selector`: no dotted name (which pickle would follow through a module's own imports,
    to its builtins), no private one."""

    def find_class(self, module: str, name: str) -> Any:
        ours = (module, name) == (__name__, "_selector")
        named = (module, name) in {("cssselect2", "Matcher"), ("functools", "partial")}
        allowed = ours or named or module in _ALLOWED or module.startswith(_WITHIN)
        if not allowed or "." in name or (name.startswith("_") and not ours):
            raise pickle.UnpicklingError(f"{module}.{name} is not read")
        found = super().find_class(module, name)
        if getattr(found, "__module__", None) != module:  # imported there, not defined
            raise pickle.UnpicklingError(f"{module}.{name} is not read")
        return found
