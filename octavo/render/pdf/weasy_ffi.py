"""WeasyPrint's C declarations read once per machine, not at every import of WeasyPrint.

WeasyPrint (weasyprint.text.ffi) declares the C functions and types it calls in Pango,
HarfBuzz, fontconfig and GObject as 16 KB of C text, handed to cffi's in-line ABI mode
(`cffi.FFI().cdef(...)`), which parses it with pycparser: ~0.2 s at every import, the
largest part of importing WeasyPrint, paid by every PDF build (by the zygote of a parallel
one before any chapter can start; by a one-chapter edit, on its critical path).

cffi's out-of-line ABI mode reads the same declarations from data made from them once
(`FFI.emit_python_code`: the types and names as packed bytes, given to
`_cffi_backend.FFI`): the same C types, laid out the same way, called the same way; it
parses a type name (`ffi.new("hb_codepoint_t[2427]")`) in C, without pycparser. Here the
data is made once per machine and kept in the user's cache folder (`declarations`), keyed
by the exact C text and cffi's version; the import of weasyprint.text.ffi
(octavo.render.pdf.weasy_imports) runs WeasyPrint's module as shipped but for two statements: `ffi =
cffi.FFI()` gives the out-of-line FFI made from the kept data, and the `ffi.cdef(...)`
call, already read, is left out. Every other statement (the libraries loaded, GObject's
type system started, the unit constants) runs as written.

Only the data is kept, never code: what is read back is checked to be the literal values
cffi wrote (bytes, strings, numbers, tuples of them) before cffi is given it. When the
module's shape is not the one read here (another WeasyPrint), the C text cannot be read,
or the data cannot be made or kept, WeasyPrint is imported as shipped.

Checked against: cffi 2.0 and WeasyPrint 70.0 (tests/unit/test_pdf_weasy_ffi.py: the same
PDF bytes either way).
"""

from __future__ import annotations

import ast
import hashlib
import io
import marshal
import sys
import tempfile
from contextlib import redirect_stdout, suppress
from pathlib import Path
from typing import Any

from octavo.cache import Store, marshalled_pair

__all__ = ["MODULE", "declared", "ffi_of", "give", "is_declared", "shape"]

MODULE = "weasyprint.text.ffi"
_GIVEN = "_octavo_declared_ffi"  # the name the out-of-line FFI is handed in as
_LITERALS = (bytes, str, int, tuple)


def is_declared() -> bool:
    """Whether this process's WeasyPrint FFI is the out-of-line one made here."""
    found = getattr(sys.modules.get(MODULE), "ffi", None)
    return found is not None and type(found).__module__ == "_cffi_backend"


def ffi_of(text: str, name: str) -> Any:
    """An FFI of the C declarations `text`: the out-of-line one from data kept where this
    process keeps WeasyPrint's (`remember_declarations`), else cffi's in-line one, which
    parses `text` now. `name`: the data's own (what it is kept under, with the text)."""
    from octavo.render.pdf.weasy_imports import kept

    store = kept()
    found = declared(text, store, name) if store is not None else None
    if found is not None:
        return found
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(text)
    return ffi


def declared(text: str, store: Store, name: str = MODULE) -> Any | None:
    """An out-of-line FFI of the C declarations `text`, from the data kept in `store` (made
    and kept there if missing); None if it cannot be made."""
    import _cffi_backend
    import cffi

    versions = f"{cffi.__version__}\0{_cffi_backend.__version__}\0{sys.version}\0{name}\0"
    entry = "ffi-" + hashlib.sha256((versions + text).encode()).hexdigest()[:32]
    kept = store.get(entry)
    found = _loaded(kept) if kept is not None else None
    if found is None:
        found = _made(text, name)
        if found is None:
            return None
        with suppress(OSError):
            store.put(entry, marshal.dumps(found))
    args, kwargs = found
    try:
        return _cffi_backend.FFI(*args, **kwargs)
    except Exception:  # data cffi does not take (another cffi wrote it): as shipped
        return None


def _made(text: str, name: str) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """The arguments cffi's out-of-line module of `text` gives `_cffi_backend.FFI`, read
    from the module it writes (never run)."""
    import cffi

    try:
        builder = cffi.FFI()
        builder.cdef(text)
        builder.set_source(name, None)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder, "declared.py")
            with redirect_stdout(io.StringIO()):  # cffi says "generating <path>"
                builder.emit_python_code(str(path))
            tree = ast.parse(path.read_text("utf-8"))
    except Exception:  # cffi could not read or write it: as shipped
        return None
    calls = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [_name(t) for t in node.targets] == ["ffi"]
        and isinstance(node.value, ast.Call)
    ]
    if len(calls) != 1:
        return None
    try:
        args = tuple(ast.literal_eval(a) for a in calls[0].args)
        kwargs = {k.arg: ast.literal_eval(k.value) for k in calls[0].keywords if k.arg}
    except ValueError:
        return None
    return _loaded(marshal.dumps((args, kwargs)))


def _loaded(data: bytes) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    """Kept arguments read back, if they are literal values only."""
    found = marshalled_pair(data)
    if found is None:
        return None
    args, kwargs = found
    if not (isinstance(args, tuple) and isinstance(kwargs, dict) and _literal((args, kwargs))):
        return None
    if not all(isinstance(k, str) and k.startswith("_") for k in kwargs):
        return None
    return args, kwargs


def _literal(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _literal(v) for k, v in value.items())
    if isinstance(value, tuple):
        return all(_literal(v) for v in value)
    return type(value) in _LITERALS


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _is_attribute_call(node: ast.expr, owner: str, attribute: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
        and _name(node.func.value) == owner
    )


def shape(tree: ast.Module) -> tuple[str] | None:
    """WeasyPrint's FFI module (`tree`, changed in place) without its `ffi.cdef(...)` and
    with `ffi = cffi.FFI()` taking the FFI `give` makes: the C text it declared. None (`tree`
    as it was) unless the module has exactly one of each, at its top level, the text a
    literal."""
    made = [
        n
        for n in tree.body
        if isinstance(n, ast.Assign)
        and [_name(t) for t in n.targets] == ["ffi"]
        and _is_attribute_call(n.value, "cffi", "FFI")
        and not n.value.args  # type: ignore[attr-defined]
        and not n.value.keywords  # type: ignore[attr-defined]
    ]
    read = [
        n
        for n in tree.body
        if isinstance(n, ast.Expr) and _is_attribute_call(n.value, "ffi", "cdef")
    ]
    if len(made) != 1 or len(read) != 1:
        return None
    call = read[0].value
    assert isinstance(call, ast.Call)
    if call.keywords or len(call.args) != 1:
        return None
    text = call.args[0]
    if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
        return None
    if tree.body.index(made[0]) > tree.body.index(read[0]):
        return None
    made[0].value = ast.copy_location(ast.Name(_GIVEN, ast.Load()), made[0].value)
    tree.body.remove(read[0])
    return (text.value,)


def give(read: tuple[object, ...], store: Store) -> dict[str, Any] | None:
    """The names the shaped module runs with: the out-of-line FFI of the C text `shape`
    read, made from the data in `store` (None: it cannot be made)."""
    if len(read) != 1 or not isinstance(read[0], str):
        return None
    ffi = declared(read[0], store)
    return None if ffi is None else {_GIVEN: ffi}
