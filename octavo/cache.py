"""Fingerprints and the one cache store: a rebuild whose inputs did not change does no work.

`fingerprint` is the one hash of "what changes an output": every key below starts from
`versions()` (octavo.install: octavo's own code and the libraries that render).
`build_key` covers every byte that can change an output: the book folder, the template and
style search paths (fonts included), the versions, the task's options and the build date's
inputs (SOURCE_DATE_EPOCH, else the book's last commit, else its newest source's mtime);
octavo.stamps keeps it in a build stamp. A file whose stat did not change is not read
again (octavo.stat_cache). `Store` keeps what is costly to make again (the cover, the note
fixes, the laid-out PDF parts) by fingerprint in one folder, octavo's state
(`Project.cache`: build/.octavo/cache/), pruned to book.toml's `layout_cache_mb`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from octavo.commits import kept_commit
from octavo.install import install_state, versions
from octavo.project import STYLES, TEMPLATES, Project
from octavo.render.signed import sign, verified
from octavo.stat_cache import folder_scan, read_state
from octavo.write import atomic_bytes

__all__ = [
    "DEFAULT_CACHE_MB",
    "Store",
    "build_key",
    "digest_of",
    "files_digest",
    "fingerprint",
    "marshalled_pair",
    "name_is_partial",
    "prune",
    "touch",
]


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
