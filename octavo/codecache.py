"""The code of the methods `dataclasses` writes, compiled once and kept as __pycache__ keeps
a module's.

A dataclass's __init__, __repr__, __eq__, __hash__ and, frozen, __setattr__ and
__delattr__ are written as source text and compiled at every import: six compile() calls
a class, most of what making one costs. octavo makes some sixty frozen dataclasses as it is
imported (the model, the token stream, the EPUB's plan...): 30 ms and more of every
command, before any work. The text is the same from run to run, so the compiled code is
kept in the user's cache folder (octavo/dataclass-code-<Python's bytecode magic>.marshal),
by the exact text, and run the way `dataclasses` runs its text: `exec` of the text and
`exec` of its code compiled with the same file name do the same. `install` gives the
`dataclasses` module this `exec`, which keeps codes only for the dataclasses of octavo's own
modules (it knows them by the globals `dataclasses` runs the text in); any other dataclass
of the process, a library's or a program's that imports octavo, is made exactly as before.
The codes new to the file are added as the process exits. The folder is the one where octavo
keeps its templates' compiled code (octavo.render.templates.ShippedBytecode) and the
signing key (octavo.render.signed): never in or beside a book. A file that cannot be
read, written or understood only means compiling, as before.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import marshal
import os
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

__all__ = ["install", "user_cache"]

_LIMIT = 4000  # codes a file keeps; past it, only those the last process used


def user_cache() -> Path:
    """octavo's folder in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache). A
    relative $XDG_CACHE_HOME is ignored, as the XDG spec asks: it would name a folder of
    the working folder, which may be an untrusted book's, and what is kept here is run
    (compiled code) or trusted (the signing key)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / "octavo"


def machine_folder(cache: Path | None, name: str) -> Path | None:
    """Where a build keeps what it learns of the machine, not of a book (the libraries
    WeasyPrint loads, Pyphen's parsed patterns): `name` in the user's cache folder, when the
    build keeps a cache at all (`cache`, its store's folder, not None); None: nothing kept."""
    return user_cache() / name if cache is not None else None


class _Codes:
    def __init__(self, path: Path, packages: tuple[str, ...] = ("octavo",)):
        self.path = path
        self.packages = packages
        self.known: dict[str, CodeType] = {}
        self.used: dict[str, CodeType] = {}
        self.new = False
        with contextlib.suppress(Exception):  # missing, unreadable, another Python's
            found = marshal.loads(path.read_bytes())
            if isinstance(found, dict):
                self.known = {
                    k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, CodeType)
                }

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
        """`exec` as `dataclasses` calls it, with the text's code compiled once."""
        if not isinstance(source, str) or not self._ours(globals):
            builtins.exec(source, globals, locals)
            return
        code = self.known.get(source)
        if code is None:
            code = self.known[source] = compile(source, "<string>", "exec")
            self.new = True
        self.used[source] = code
        builtins.exec(code, globals, locals)

    def _ours(self, globals: dict[str, Any] | None) -> bool:
        name = (globals or {}).get("__name__")
        return isinstance(name, str) and name.partition(".")[0] in self.packages

    def save(self) -> None:
        if not self.new:
            return
        import tempfile

        kept = self.known if len(self.known) <= _LIMIT else self.used
        with contextlib.suppress(Exception):  # a cache: compiling next time is the worst
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(marshal.dumps(kept))
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)


_installed: list[_Codes] = []


def install() -> None:
    """Give `dataclasses` the kept codes (once a process)."""
    if _installed:
        return
    codes = _Codes(user_cache() / f"dataclass-code-{MAGIC_NUMBER.hex()}.marshal")
    _installed.append(codes)
    dataclasses.exec = codes.exec  # type: ignore[attr-defined]
    atexit.register(codes.save)
