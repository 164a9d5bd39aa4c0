"""The code of the methods `dataclasses` writes, compiled once and kept as __pycache__ keeps
a module's.

A dataclass's __init__, __repr__, __eq__, __hash__ and, frozen, __setattr__ and
__delattr__ are written as source text and compiled at every import: six compile() calls
a class, most of what making one costs. octavo makes some sixty frozen dataclasses as it is
imported (the model, the token stream, the EPUB's plan...): 30 ms and more of every
command, before any work. The text is the same from run to run, so the compiled code is
kept in the user's cache folder (octavo/dataclass-codes-summed-<bytecode magic>.marshal),
by the exact text, and run the way `dataclasses` runs its text: `exec` of the text and
`exec` of its code compiled with the same file name do the same. `install` gives the
`dataclasses` module this `exec`, which keeps codes only for the dataclasses of octavo's own
modules (it knows them by the globals `dataclasses` runs the text in); any other dataclass
of the process, a library's or a program's that imports octavo, is made exactly as before.
Each code is kept marshalled on its own and read when a class needs it: a command reads
the codes it uses, not the file's every one (a no-op `invoke pdf` runs 43 of the 613 codes
octavo's modules make: 1.5 ms against 4.7 ms for all of them). The codes new to the file
are added as the process exits, merged with what other processes wrote meanwhile (a
process that compiled nothing writes nothing), and the file forgets a code no writing
process used in its last `_KEEP` writes (an earlier version's, once octavo changed; a
command that never compiles may lose its codes so, and compiles them once again): the
file does not grow with every change of octavo's code. The folder is the one
where octavo keeps its templates' compiled code (octavo.render.templates.ShippedBytecode)
and the signing key (octavo.render.signed): never in or beside a book. A file, or an entry
of it, that cannot be read, written or understood only means compiling, as before.
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
_SUM = 16  # bytes of an entry's checksum, before it
_KEEP = 8  # writes of the file a code outlives its last use in a process that wrote it


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


class Kept:
    """A file of the user's cache folder of marshalled entries by a text key, each read
    when it is needed and kept while processes use it (the codes below, the regular
    expressions' of octavo.patterncache); `save` merges it with what other processes wrote."""

    def __init__(self, path: Path, before: Path | None = None):
        self.path = path
        self.before = before  # the file of an earlier octavo, removed as this one is written
        self.used: dict[str, Any] = {}  # what this process ran
        self.new = False  # an entry made here (so `used` is not empty either)
        # how many times the file was written; text -> its entry, marshalled; text -> the
        # write that last found it used
        self.writes, self.known, self.stamps = _load(path)

    def put(self, key: str, payload: bytes) -> None:
        """Keep `payload` by `key`, with its checksum."""
        self.known[key] = _checksum(key, payload) + payload

    def take(self, key: str) -> bytes | None:
        """What is kept by `key`, if it is there whole: a damaged entry (a bit flipped, a
        file cut or written by another program) is None, and made again. What is read
        here is run (a code) or given to `_sre` (a pattern's code, whose checks are not
        complete: a wrong number in one crashed the interpreter on every command, before
        it could write the file again)."""
        kept = self.known.get(key)
        if kept is None or kept[:_SUM] != _checksum(key, kept[_SUM:]):
            return None
        return kept[_SUM:]

    def save(self) -> None:
        if not self.new:  # nothing compiled: nothing to add
            return
        import tempfile

        # what other processes wrote meanwhile is kept too (`invoke watch` runs for hours)
        writes, known, stamps = _load(self.path)
        writes = max(writes, self.writes) + 1
        known.update(self.known)
        for text, stamp in self.stamps.items():
            stamps[text] = max(stamp, stamps.get(text, stamp))
        stamps.update(dict.fromkeys(self.used, writes))
        table = {
            text: (code, stamps.get(text, 0))
            for text, code in known.items()
            if writes - stamps.get(text, 0) <= _KEEP
        }
        if len(table) > _LIMIT:
            table = {text: (self.known[text], writes) for text in self.used}
        with contextlib.suppress(Exception):  # a cache: compiling next time is the worst
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(marshal.dumps((writes, table)))
                os.replace(temporary, self.path)
                if self.before is not None:
                    self.before.unlink(missing_ok=True)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)


class _Codes(Kept):
    def __init__(
        self, path: Path, packages: tuple[str, ...] = ("octavo",), before: Path | None = None
    ):
        super().__init__(path, before)
        self.packages = packages
        self.used: dict[str, CodeType] = {}

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
        """`exec` as `dataclasses` calls it, with the text's code compiled once."""
        if not isinstance(source, str) or not self._ours(globals):
            builtins.exec(source, globals, locals)
            return
        code = self.used.get(source)
        if code is None:
            code = self._read(source)
        if code is None:
            code = compile(source, "<string>", "exec")
            self.put(source, marshal.dumps(code))
            self.new = True
        self.used[source] = code
        builtins.exec(code, globals, locals)

    def _read(self, source: str) -> CodeType | None:
        kept = self.take(source)
        if kept is None:
            return None
        with contextlib.suppress(Exception):  # damaged: compiled again
            code = marshal.loads(kept)
            if isinstance(code, CodeType):
                return code
        return None

    def _ours(self, globals: dict[str, Any] | None) -> bool:
        name = (globals or {}).get("__name__")
        return isinstance(name, str) and name.partition(".")[0] in self.packages


def _checksum(key: str, payload: bytes) -> bytes:
    import hashlib

    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_SUM)
    digest.update(b"\0")
    digest.update(payload)
    return digest.digest()


def _load(path: Path) -> tuple[int, dict[str, bytes], dict[str, int]]:
    """The file's writes, codes (marshalled) and stamps; an entry not of that shape is
    left out, a file not of it read as empty (missing, damaged, another Python's)."""
    known: dict[str, bytes] = {}
    stamps: dict[str, int] = {}
    try:
        found = marshal.loads(path.read_bytes())
    except Exception:
        return 0, known, stamps
    if not (isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict)):
        return 0, known, stamps
    writes, table = found
    for text, entry in table.items():
        if isinstance(text, str) and isinstance(entry, tuple) and len(entry) == 2:
            code, stamp = entry
            if isinstance(code, bytes) and isinstance(stamp, int):
                known[text], stamps[text] = code, stamp
    return (writes if isinstance(writes, int) else 0), known, stamps


_installed: list[_Codes] = []


def install() -> None:
    """Give `dataclasses` the kept codes (once a process)."""
    if _installed:
        return
    magic = MAGIC_NUMBER.hex()
    # the file of octavo before each entry carried its checksum: removed when this one is
    # written (an older octavo still run on this Python compiles its classes then, and
    # writes its file again). Never shared: an older octavo read this file's entries as
    # codes, and marshal read a checksum's bytes as lengths of gigabytes (a cold EPUB of
    # 0.4 s took 14 s, 10 of them in the kernel)
    before = user_cache() / f"dataclass-codes-{magic}.marshal"
    codes = _Codes(user_cache() / f"dataclass-codes-summed-{magic}.marshal", before=before)
    _installed.append(codes)
    dataclasses.exec = codes.exec  # type: ignore[attr-defined]
    atexit.register(codes.save)
