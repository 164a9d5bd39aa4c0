"""Fingerprints and the one cache store: a rebuild whose inputs did not change does no work.

`fingerprint` is the one hash of "what changes an output": every key below starts from
`versions()` (octavo's own code and the libraries that render). `build_key` covers every
byte that can change an output: the book folder, the template and style search paths
(fonts included), the versions, the task's options and the build date's inputs
(SOURCE_DATE_EPOCH, else the book's last commit, else its newest source's mtime); octavo.outputs
keeps it in a build stamp. A file whose stat did not change is not read again
(octavo.stat_cache). `Store` keeps what is costly to make again (the cover, the note
fixes, the laid-out PDF parts) by fingerprint in one folder, octavo's state
(`Project.cache`: build/.octavo/cache/), pruned to book.toml's `layout_cache_mb`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from octavo.codecache import user_cache
from octavo.project import STYLES, TEMPLATES, Project, kept_commit
from octavo.render.signed import sign, verified
from octavo.shipped import PACKAGE
from octavo.stat_cache import folder_digests, folder_scan, kept_text, read_state
from octavo.write import atomic_bytes

__all__ = [
    "DEFAULT_CACHE_MB",
    "VERSIONED",
    "Store",
    "build_key",
    "digest_of",
    "files_digest",
    "fingerprint",
    "install_state",
    "marshalled_pair",
    "name_is_partial",
    "prune",
    "touch",
    "versions",
]

# The libraries whose version can change an output's bytes (with octavo's own code).
VERSIONED = (
    "weasyprint",
    "pydyf",
    "ebooklib",
    "markdown-it-py",
    "jinja2",
    "pillow",
    "fonttools",
    "pypdf",
    "pypdfium2",
    "pikepdf",  # writes the merged parallel PDF (object streams)
    "tinycss2",
    "pyicu",  # the index's collation
    "pyphen",  # the hyphenation dictionaries: where the PDF's lines break
)


_known: dict[str, str] = {}  # versions() of this process


def versions(state: Path | None = None) -> str:
    """What changes every output besides its inputs: a digest of octavo's code and the
    version of each library in VERSIONED, ICU's own (`_icu`) and WeasyPrint's text
    libraries' (`_native`). Made once a process;
    `state` given (octavo's state folder): what it took to make is kept
    (octavo.stat_cache), so that a build reads none of octavo's code, asks no library's
    metadata and imports no ICU: the same answer. It is kept in
    the user's cache folder (`install_state`), not in `state`: octavo's code and the
    libraries are this user's install, not the book's, so every build shares them, a cold
    one too (build/.octavo/ removed: 40 to 55 ms of reading octavo's 120 modules and asking
    twelve libraries' metadata, before anything else could start)."""
    if "versions" not in _known:
        keep = install_state() if state is not None else None
        code = hashlib.sha256()
        for relative, digest in folder_digests(PACKAGE, keep):
            if relative.endswith(".py"):
                code.update(f"{relative}\0".encode() + digest)
        # kept by the list asked too: a library added to VERSIONED is asked at once; and by
        # the import path, so that two environments (venvs, checkouts) keep one each
        path = tuple(sys.path)
        listed = hashlib.sha256(repr((VERSIONED, path)).encode()).hexdigest()[:16]
        # and by the folders of ICU's and the text libraries' files, which a system
        # upgrades in place
        native = kept_text(keep, f"native-folders-{listed}", path, _native_folders)
        libraries = kept_text(
            keep, f"libraries-{listed}", (*path, *native.splitlines()), _libraries
        )
        _known["versions"] = f"octavo={code.hexdigest()};{libraries}"
    return _known["versions"]


def install_state() -> Path:
    """Where what is known of octavo's install (its code's digests, the libraries'
    versions) is kept: the user's cache folder (octavo.codecache.user_cache), beside the
    compiled templates and the signing key; never in or beside a book, whose state folder
    may be planted (and what is kept there is signed all the same)."""
    return user_cache()


def _libraries() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in VERSIONED:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join((*found, _icu(), _native()))


def _icu() -> str:
    """ICU's own versions: the index's letters, its capitals and its order come from ICU's
    data (CLDR, Unicode), which PyICU's version does not name (one PyICU is built against
    many ICUs). The collator's own version is not asked: PyICU does not give it, and it
    moves with ICU's (its root order and tailorings are ICU's data)."""
    try:
        import icu
    except ImportError:
        return "icu=none"
    return f"icu={icu.ICU_VERSION};unicode={icu.UNICODE_VERSION}"


# WeasyPrint's text libraries, by the names weasyprint.text.ffi loads them (Linux, macOS,
# Windows): Pango breaks the lines, HarfBuzz shapes them and cuts the fonts a PDF embeds
# (libharfbuzz-subset, by the name octavo's own binding loads it; fontTools cuts them
# where it is missing: octavo.render.pdf.parallel.font_subset), fontconfig finds the faces.
# A laid-out part, a font subset or a build stamp kept under one version is not another's.
_NATIVE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "pango",
        ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
        "pango_version_string",
    ),
    (
        "harfbuzz",
        ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
        "hb_version_string",
    ),
    ("harfbuzz-subset", ("libharfbuzz-subset.so.0",), "hb_version_string"),
    (
        "fontconfig",
        ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll"),
        "FcGetVersion",
    ),
)
_NATIVE_FILES = ("libicu", "libpango", "libharfbuzz", "libfontconfig")


def _native() -> str:
    """The text libraries' own versions (`_NATIVE`), each asked of the library; "none"
    where it cannot be loaded. (libharfbuzz-subset answers with HarfBuzz's function.)"""
    import ctypes

    found = []
    for name, files, function in _NATIVE:
        version = "none"
        for file in files:
            try:
                ask = getattr(ctypes.CDLL(file), function)
            except (OSError, AttributeError):
                continue
            ask.restype = ctypes.c_int if function == "FcGetVersion" else ctypes.c_char_p
            answer = ask()
            version = (
                answer.decode("ascii", "replace") if isinstance(answer, bytes) else str(answer)
            )
            break
        found.append(f"{name}={version}")
    return ";".join(found)


def _native_folders() -> str:
    """The folders of ICU's and the text libraries' files (`_NATIVE_FILES`), loaded, one a
    line, as the process's map of its files names them (Linux; elsewhere none): a library
    upgraded there replaces a file, so the folder's stat changes."""
    with contextlib.suppress(ImportError):
        import icu  # noqa: F401  (loads ICU's libraries)
    _native()  # loads the text libraries
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="surrogateescape") as maps:
            files = {line.split(maxsplit=5)[-1].strip() for line in maps}
    except OSError:
        return ""
    found = {os.path.dirname(f) for f in files if os.path.basename(f).startswith(_NATIVE_FILES)}
    return "\n".join(sorted(found))


def fingerprint(*parts: str | bytes) -> str:
    """The hash of `versions()` and `parts`: the key of anything octavo keeps. A surrogate
    (how Python spells the byte of a file name that is not UTF-8) is hashed as itself."""
    return digest_of(*parts, start=versions().encode())


def digest_of(*parts: str | bytes, start: bytes = b"") -> str:
    """The hash of `start` and `parts` (each with its length, so that no two lists of parts
    hash alike): with `start` empty, the key of what does not depend on octavo's code, or
    names it another way, made without `versions()` (which reads octavo's code in a process
    that has not made it: ~35 ms in a worker of a parallel build)."""
    digest = hashlib.sha256(start)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:32]


def marshalled_pair(data: bytes) -> tuple[Any, Any] | None:
    """What a cache kept with `marshal` read back, if it is a pair (else None: damaged, or
    another Python's, or not what was kept)."""
    import marshal

    try:
        found = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return found if isinstance(found, tuple) and len(found) == 2 else None


def files_digest(*paths: str | Path) -> str:
    """`digest_of` the files' bytes (one that cannot be read counts as empty): the code that
    makes what a cache keeps, in its key."""
    contents: list[bytes] = []
    for path in paths:
        try:
            contents.append(Path(path).read_bytes())
        except OSError:
            contents.append(b"")
    return digest_of(*contents)


def build_key(project: Project, options: Mapping[str, object], state: Path | None = None) -> str:
    """The fingerprint of every input of a build of `project` with `options`. `state`:
    octavo's state folder, where each file's digest is kept by its stat (octavo.stat_cache),
    so that only a file whose stat changed is read again; None: every file is read."""
    digest = hashlib.sha256()
    book = project.root.resolve()
    shipped = {TEMPLATES.resolve(), STYLES.resolve()}
    dated = ""
    for root in dict.fromkeys(r.resolve() for r in project.watched if r.is_dir()):
        # under the sandbox's rules: a symlink out of the folder, a FIFO, a device or an
        # oversized file is never read (its refusal is hashed instead); a section read here
        # is not read again by the build that follows. octavo's own templates and styles
        # are its install, like its code: kept for the user (a cold build does not hash
        # their 51 files, fonts included, again: 5-6 ms)
        keep = install_state() if state is not None and root in shipped else state
        found, newest = folder_scan(root, keep, *((".md",), _dated) if root == book else ())
        for relative, file_digest in found:
            digest.update(os.fsencode(f"{relative}\0{root.name}\0"))  # any name: bytes
            digest.update(file_digest)
        if root == book:
            dated = _build_date(project, state, newest)
    versions(state)  # made with what is kept in `state`, before fingerprint needs it
    return fingerprint(
        digest.digest(), repr(sorted((k, str(v)) for k, v in options.items())), dated
    )


def _dated(relative: str) -> bool:
    """The files whose modification time can be the build date (Project.build_time)."""
    return relative == "book.toml" or relative.endswith(".md")


def _build_date(project: Project, state: Path | None, newest: int) -> str:
    """What the build date (Project.build_time) is made of, for the key: SOURCE_DATE_EPOCH;
    else the last commit touching the book, known without running git while git's files
    keep their stats (octavo.stat_cache.kept_text); else the newest source's mtime. Without
    this, a commit of what was already built left its output dated as before, where a clean
    checkout dates it by the commit."""
    if project.epoch is not None:
        return project.epoch.isoformat()
    committed = kept_commit(project.root.resolve(), state)
    return f"committed {committed}" if committed else f"modified {newest}"


class Store:
    """The one cache store: entries by name in `folder` (None: keep nothing). A hit marks
    its entry as used, so `prune` removes the least recently used first.

    `signed`: every entry is signed with this user's key (octavo.render.signed) and only
    an entry that carries its signature is taken. The store is in the working folder, which
    may be an untrusted book's, so a store whose entries go into an output as they are (laid
    out PDF parts, merged PDFs, font subsets, the cover) is signed: a planted entry is made
    again, never used. No key: nothing is kept or taken. A signed entry is written without
    waiting for the disk (no fsync, octavo.write.atomic_write): one torn by a crash fails
    its signature and is made again, and a parallel PDF build writes a dozen entries after
    its last part, each fsync a journal commit on the way to the output."""

    def __init__(self, folder: Path | None, signed: bool = False):
        self.folder, self.signed = folder, signed

    def get(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.folder / name
        try:
            data, _ = read_state(path)
        except OSError:
            return None  # missing or unreadable: made again
        taken = verified(data) if self.signed else data
        if taken is None:
            return None  # not signed by this user: made again (and overwritten)
        touch(path)
        return taken

    def put(self, name: str, data: bytes, durable: bool = True) -> None:
        """`durable` False: written without waiting for the disk (octavo.write), for an entry
        that is signed (`signed`, or `data` signed by its maker) and so checked whenever it
        is read: one torn by a crash is made again, never taken. A `signed` store's entries
        are never waited for."""
        if self.folder is None:
            return
        kept = sign(data) if self.signed else data
        if kept is not None:  # None: signed, but no key
            atomic_bytes(self.folder / name, kept, durable and not self.signed)

    def drop(self, pattern: str, keep: str = "") -> None:
        """Remove the entries matching `pattern` (a glob), but `keep`."""
        if self.folder is not None and self.folder.is_dir():
            for old in self.folder.glob(pattern):
                if old.name != keep:
                    old.unlink(missing_ok=True)

    def keep_newest(self, pattern: str, count: int) -> None:
        """Remove the entries matching `pattern` (a glob) but the `count` last used (read or
        written: `get` touches what it reads)."""
        if self.folder is None or not self.folder.is_dir():
            return
        found: list[tuple[int, str, Path]] = []
        for path in self.folder.glob(pattern):
            try:
                found.append((path.stat().st_mtime_ns, path.name, path))
            except OSError:
                continue  # removed meanwhile
        for _, _, old in sorted(found, reverse=True)[count:]:
            old.unlink(missing_ok=True)


DEFAULT_CACHE_MB = 64  # book.toml's layout_cache_mb


def prune(folder: Path, cap_bytes: int, since: float) -> tuple[Path, ...]:
    """Keep the layout cache in `folder` under `cap_bytes`: the entries least recently used
    (by mtime: a hit touches its entry) go first; entries this build used or wrote (mtime
    at or after `since`) are kept whatever their size. Returns what was removed."""
    if not folder.is_dir():
        return ()
    entries = []
    for here, _, names in os.walk(folder):
        for name in names:
            path = Path(here) / name
            try:
                info = path.lstat()
            except OSError:
                continue
            entries.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    removed = []
    for mtime, size, path in sorted(entries):
        if total <= cap_bytes:
            break
        if mtime >= since or name_is_partial(path):
            continue
        path.unlink(missing_ok=True)
        total -= size
        removed.append(path)
    return tuple(removed)


def name_is_partial(path: Path) -> bool:
    """A temporary file of a write under way (octavo.write)."""
    return path.name.endswith(".part")


def touch(path: Path) -> None:
    """Mark a cache entry as used now (`prune` keeps the most recently used)."""
    with contextlib.suppress(OSError):
        os.utime(path)
