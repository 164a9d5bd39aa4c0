"""WeasyPrint's C libraries found once, not at every import of WeasyPrint.

WeasyPrint (weasyprint.text.ffi) loads Pango, HarfBuzz, fontconfig and GObject through cffi,
trying several names for each; for every name that is not a file, cffi asks
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` (and a compiler and a linker
when that finds nothing): 22 questions and as many processes at every import, about a
quarter of a second and a third of WeasyPrint's import, in each worker of a parallel build
while the chapter it waits for could be laid out.

`remember_libraries` answers those questions from a cache store (octavo.cache) and keeps
every new answer there, keyed by the name and by what decides the answer (the dynamic
linker's cache file and the library search paths): the same names give the same paths, so
the same libraries are loaded, the same way. It is a memo of `find_library` only; cffi and
WeasyPrint run as shipped. The store is in the user's cache folder, beside octavo's compiled
templates (`libraries`): the answers are the machine's, not a book's, so the first build
of any book after `rm -r build` (a cold build) finds them too, where asking again cost
~0.4 s of the zygote's WeasyPrint import, before any chapter could start.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from octavo.cache import Store

__all__ = ["libraries", "remember_libraries", "remember_machine"]

# what `find_library` reads besides the name (glibc's linker cache; the search paths)
LINKER_CACHE = Path("/etc/ld.so.cache")
SEARCH_PATHS = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "DYLD_FALLBACK_LIBRARY_PATH", "PATH")


class _Remembered:
    """`find_library` answered from `store` when asked before."""

    octavo_memo = True

    def __init__(self, find: Callable[[str], str | None], store: Store):
        self.find, self.store = find, store

    def __call__(self, name: str) -> str | None:
        entry = f"library-{_key(name)}"
        kept = self.store.get(entry)
        if kept is not None and _bare(answer := kept.decode("utf-8", "surrogateescape")):
            return answer or None
        found = self.find(name)
        if _bare(found or ""):
            with suppress(OSError):  # WriteFailed too: a cache that cannot be written
                self.store.put(entry, (found or "").encode("utf-8", "surrogateescape"))
        return found


def _bare(answer: str) -> bool:
    """A library's file name with no folder in it (what glibc's find_library answers), or
    no answer. A kept answer naming a path (a library planted there, by whoever could write
    the cache) would be loaded, so only a bare name, which the dynamic linker looks up in
    the system's own places, is kept or taken; anything else is asked again."""
    return "/" not in answer and "\\" not in answer and answer not in (".", "..")


def remember_libraries(folder: Path | None) -> None:
    """From now on this process, and the workers it forks, answer `find_library` from
    `folder` (a cache store; None: none, every question asked as before)."""
    import ctypes.util

    store = Store(folder)
    if isinstance(ctypes.util.find_library, _Remembered):
        ctypes.util.find_library.store = store  # another book in this process: its cache
    elif folder is not None:
        ctypes.util.find_library = _Remembered(ctypes.util.find_library, store)


def libraries(cache: Path | None) -> Path | None:
    """Where a build keeps the answers: the user's cache folder (octavo.codecache.user_cache)
    when it keeps a cache at all (`cache`, its store's folder, not None); None: none."""
    from octavo.codecache import machine_folder

    return machine_folder(cache, "libraries")


def _key(name: str) -> str:
    # the interpreter's ABI too: glibc's answer is filtered by it, and the user's cache is
    # shared by every Python (a 32-bit one would take a 64-bit one's answer)
    abi = f"{struct.calcsize('P')}:{getattr(sys.implementation, '_multiarch', '')}"
    digest = hashlib.sha256(f"{sys.platform}\0{abi}\0{name}\0".encode("utf-8", "surrogateescape"))
    try:
        stat = LINKER_CACHE.stat()
        digest.update(f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
    except OSError:
        digest.update(b"no linker cache\0")
    for variable in SEARCH_PATHS:
        digest.update(os.environ.get(variable, "").encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()[:32]


def remember_machine(cache: Path | None) -> None:
    """What every PDF build takes from the user's cache before WeasyPrint is imported (in
    the zygote of a parallel build, or the one process): the libraries WeasyPrint loads,
    Pyphen's parsed patterns (octavo.render.hyphenation), WeasyPrint's C declarations
    (octavo.render.pdf.weasy_imports) and the stylesheets it prepared
    (octavo.render.pdf.weasy_sheets)."""
    from octavo.codecache import machine_folder
    from octavo.render.hyphenation import patterns_folder, remember_patterns
    from octavo.render.pdf.weasy_imports import remember_imports
    from octavo.render.pdf.weasy_sheets import remember_sheets, sheets_folder

    remember_libraries(libraries(cache))
    remember_patterns(patterns_folder(cache))
    remember_imports(machine_folder(cache, "declarations"))
    remember_sheets(sheets_folder(cache))
