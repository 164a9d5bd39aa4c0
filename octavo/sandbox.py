"""The one rule for every file octavo reads on a book's behalf (docs/security.md).

A book folder is untrusted input. Sections, book.toml, templates, styles, fonts and images
are read only through `read_file` (or checked with `check_file` first), which, BEFORE a
byte is read:

- resolves the path (`realpath`: every symlink followed) and refuses it unless it lies
  under one of the allowed roots (the book folder, octavo's templates/ and styles/): E004;
- refuses anything that is not a regular file (FIFO, device, socket, folder): E005;
- refuses a file over its kind's size limit: E003;
- reports a missing file or a dangling symlink: E001.

It then opens the real path without blocking (a FIFO swapped in after the check cannot
hang the build), checks the open file again with `fstat`, and reads at most limit + 1
bytes. `digest_file` reads a file under the same rules for the change check; a section it
read (`keep`) is not read from the disk again by `read_file` in the same process, so long as
the file opened then is still the file, unchanged (the same device, inode, size, mtime and
ctime): the key and the build see the same bytes, read once.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from octavo.errors import Diagnostic, error
from octavo.limits import FILE_LIMITS, MiB

__all__ = [
    "LIMITS",
    "FileRefused",
    "check_file",
    "digest_file",
    "folders_leading_out",
    "forget_roots",
    "inside",
    "read_file",
]

LIMITS = FILE_LIMITS


class FileRefused(Exception):
    """A file the sandbox will not read; `diagnostic` says which and why."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


@dataclass(frozen=True, slots=True)
class _Opened:
    real: Path
    size: int
    identity: tuple[int, ...]  # device, inode, size, mtime and ctime (ns) of the file opened


# What digest_file read and was asked to keep, by real path: (identity, bytes); read_file
# takes an entry (once) when the file it opens has the same identity.
_read_ahead: dict[str, tuple[tuple[int, ...], bytes]] = {}


def identity(info: os.stat_result) -> tuple[int, ...]:
    """What tells one version of a file from another without reading it."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the real path of `path` lies under the real path of one of `roots`."""
    return _under(Path(os.path.realpath(path)), roots)


def _under(real: Path, roots: Iterable[Path]) -> bool:
    """Whether `real` (a real path already) lies under the real path of one of `roots`."""
    return any(real.is_relative_to(_real_root(str(root))) for root in roots)


@lru_cache(maxsize=64)
def _real_root(root: str) -> str:
    """The real path of a root, resolved once a build (`forget_roots`): a build checks
    every file of the book against the same two or three roots (the change check alone:
    1,650 files of an 800-section study, two thirds of its time in resolving the same
    roots again)."""
    return os.path.realpath(root)


def forget_roots() -> None:
    """Resolve the roots again from now on: each command's book starts so
    (octavo.api.opened.Sources; each pass of `invoke watch`), since a root named by a
    link may have been pointed elsewhere between two (a file under one of its subfolders
    was refused as outside, the old target being taken for the root's real path)."""
    _real_root.cache_clear()


def _real_path(
    path: Path, info: os.stat_result, roots: Iterable[Path], walked: Path | None = None
) -> Path:
    """`realpath(path)`, `info` its lstat. A regular file (no link) named directly in one of
    `roots` is that root's real path (known: `_real_root`) and its name: resolving the
    folders above it again, an lstat a folder a file, was a fifth of the change check.
    `walked`: the real path a walk from a root's real path found it at, entering no linked
    folder (octavo.stat_cache's), which a regular file is at: the change check of an
    imported study (its 800 raw pages in pages/) resolved each again, folder by folder."""
    if walked is not None and stat.S_ISREG(info.st_mode):
        return walked
    parent, name = os.path.split(path)  # a regular file's name: never "", "." or ".."
    if stat.S_ISREG(info.st_mode) and os.path.isabs(parent):  # a relative one: the cwd's
        for root in roots:
            if parent == str(root):
                return Path(_real_root(parent), name)
    return Path(os.path.realpath(path))


def _kind_hint(kind: str) -> str:
    return "split the section" if kind == "section" else f"keep a {kind} file under the limit"


def check_file(
    path: Path,
    roots: Iterable[Path],
    kind: str = "any",
    shown: Path | None = None,
    walked: Path | None = None,
) -> Path:
    """The real path of `path` if octavo may read it, else FileRefused (E001/E003/E004/E005).
    `walked`: see `_real_path`."""
    where, roots = shown or path, tuple(roots)
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise FileRefused(error("E001", f"cannot read file: {exc.strerror}", where)) from exc
    real = _real_path(path, info, roots, walked)
    if not _under(real, roots):
        raise FileRefused(
            error(
                "E004",
                "links to a file outside the book; not read",
                where,
                hint="copy the file into the book folder instead",
            )
        )
    try:
        info = os.stat(real)
    except OSError as exc:
        raise FileRefused(
            error("E001", f"cannot read file: {exc.strerror} (a dangling link?)", where)
        ) from exc
    _check_stat(info, kind, where)
    return real


def _check_stat(info: os.stat_result, kind: str, where: Path) -> None:
    if not stat.S_ISREG(info.st_mode):
        what = _what(info.st_mode)
        raise FileRefused(
            error(
                "E005",
                f"not a regular file ({what}); not read",
                where,
                hint="a book holds plain files only",
            )
        )
    limit = LIMITS.get(kind, LIMITS["any"])
    if info.st_size > limit:
        raise FileRefused(_too_big(info.st_size, limit, kind, where))


def _too_big(size: int, limit: int, kind: str, where: Path) -> Diagnostic:
    return error(
        "E003",
        f"file is {size / MiB:.1f} MiB; the limit is {limit // MiB} MiB",
        where,
        hint=_kind_hint(kind),
    )


def _what(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a plain file"


def _open(
    path: Path, roots: Iterable[Path], kind: str, where: Path, walked: Path | None = None
) -> tuple[int, _Opened]:
    real = check_file(path, roots, kind, where, walked)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise FileRefused(error("E001", f"cannot read file: {exc.strerror}", where)) from exc
    try:
        info = os.fstat(fd)
        _check_stat(info, kind, where)  # the file opened is the file checked
    except BaseException:
        os.close(fd)
        raise
    return fd, _Opened(real, info.st_size, identity(info))


def read_file(
    path: Path, roots: Iterable[Path], kind: str = "any", shown: Path | None = None
) -> bytes:
    """The bytes of `path` under the rules above, else FileRefused."""
    where = shown or path
    fd, opened = _open(path, roots, kind, where)
    limit = LIMITS.get(kind, LIMITS["any"])
    kept = _read_ahead.pop(str(opened.real), None)
    if kept is not None and kept[0] == opened.identity:  # read by the change check already
        os.close(fd)
        return kept[1]
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := os.read(fd, min(MiB, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(_too_big(total, limit, kind, where))
    except OSError as exc:
        raise FileRefused(error("E001", f"cannot read file: {exc.strerror}", where)) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


def digest_file(
    path: Path, roots: Iterable[Path], keep: bool = False, walked: Path | None = None
) -> bytes:
    """A digest of `path` read in chunks under the same rules; a refused file gives a digest
    of its refusal (the build that follows reports it). `keep`: a file within a section's
    size limit is kept for `read_file`, which then does not read it again. `walked`: see
    `_real_path`."""
    digest = hashlib.sha256()
    try:
        fd, opened = _open(path, roots, "any", path, walked)
    except FileRefused as refused:
        digest.update(f"refused {refused.diagnostic.code}".encode())
        return digest.digest()
    keep = keep and opened.size <= LIMITS["section"]
    chunks: list[bytes] = []
    try:
        while chunk := os.read(fd, MiB):
            digest.update(chunk)
            if keep:
                chunks.append(chunk)
    except OSError as exc:
        digest.update(f"unreadable {exc.errno}".encode())
        keep = False
    finally:
        os.close(fd)
    if keep:
        _read_ahead[str(opened.real)] = (opened.identity, b"".join(chunks))
    return digest.digest()


def folders_leading_out(root: Path, names: Iterable[str]) -> tuple[Diagnostic, ...]:
    """E004 for each of the book's own folders (templates/, styles/) that is a link out of
    the book (a series' shared house style): such a folder is never searched, and its
    templates and stylesheets were left out without a word, the book built in octavo's
    look."""
    return tuple(
        error(
            "E004",
            f"{name}/ links to a folder outside the book; nothing in it is read",
            root / name,
            hint=f"copy the files you changed into a {name}/ folder of the book's own",
        )
        for name in names
        if (root / name).is_dir() and not inside(root / name, [root])
    )
