"""Each file's digest, remembered by its stat, so that a build with nothing to do reads no source.

`folder_digests` gives the digest of every file the change check covers (octavo.cache) in
one folder, in a fixed order. A file is read only when its stat changed since it was last
hashed: its size, mtime, inode, device or ctime (a rename, a `chmod`, a copy over it, an
editor's save-as all change one of them). What was hashed is kept in octavo's state folder,
one file a folder (`build/.octavo/stat/`; octavo's own code's in the user's cache folder,
octavo.install.versions), under two rules:

- git's racy-file rule: an entry is taken only if its file's last change (the later of its
  mtime and ctime, `changed_at`: `cp -p`, `touch -d` or an archive put an old mtime on new
  bytes, and only the ctime says they are new) is strictly older than
  the moment the entry was made (the scan before the keep was written, less a margin of
  `RACY_NS`, and the kept file's own mtime): a file changed again within the same tick of
  a coarse clock (or the same second of a filesystem that keeps whole seconds) after it
  was read keeps its stat, so it is read again until that change is safely in the past;
- the state folder may be an untrusted book's (build/ of the folder octavo runs in): the
  kept file is signed with this user's key (octavo.render.signed), so a planted one, which
  would make a changed source look unchanged and skip the build that checks it, is never
  taken. A missing, damaged, foreign or unsigned file is ignored: every file is hashed.

Only a regular file reached without following a link, within the change check's size
limit, is remembered: anything else goes through the sandbox (octavo.sandbox) every time.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import operator
import os
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from octavo.limits import FILE_LIMITS
from octavo.render.signed import sign, verified
from octavo.sandbox import digest_file
from octavo.write import atomic_bytes

__all__ = [
    "RACY_NS",
    "changed_at",
    "folder_digests",
    "folder_scan",
    "kept_file",
    "kept_text",
    "skipped",
    "stat_text",
    "text_kept",
    "walk_files",
]

RACY_NS = 2_000_000_000  # a filesystem of whole (or even) seconds, and a clock's coarse tick
_VERSION = 1
_SKIPPED_DIRS = ("build", "__pycache__")


def skipped(name: str, folder: bool) -> bool:
    """What the change check never covers: dot files and folders, a write under way,
    compiled Python, and build/ and __pycache__/ folders."""
    if name.startswith("."):
        return True
    return name in _SKIPPED_DIRS if folder else name.endswith((".part", ".pyc"))


def kept_file(state: Path, root: Path) -> Path:
    """Where the digests of the files under `root` (a real path) are kept."""
    return state / "stat" / f"{hashlib.sha256(os.fsencode(root)).hexdigest()[:32]}.json"


def _load(path: Path, root: Path) -> tuple[dict[str, str], int]:
    """The entries kept for `root` (path -> "stat digest") and the time before which an
    entry's mtime must lie to be taken."""
    try:
        data, written = _read_kept(path)
        if data is None:
            return {}, 0
        kept = json.loads(data)
        if kept["version"] != _VERSION or kept["root"] != str(root):
            return {}, 0
        entries = kept["files"]
        if not all(type(k) is str and type(v) is str for k, v in entries.items()):
            return {}, 0
        return entries, min(int(kept["scanned"]), written) - RACY_NS
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, 0  # missing, damaged, or not this user's: everything is hashed


def read_state(path: Path) -> tuple[bytes, int]:
    """The bytes of a file of octavo's state folder, and when it was written; OSError when
    it is missing or is not a regular file within FILE_LIMITS. Never through a link: the
    state folder may be an untrusted book's, and a FIFO or a link to /dev/zero planted there
    (each keep's name is anyone's to work out) would hang the build or fill its memory."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > FILE_LIMITS["any"]:
            raise OSError(errno.EINVAL, "not a regular file of octavo's state", str(path))
        return handle.read(FILE_LIMITS["any"]), info.st_mtime_ns


def _read_kept(path: Path) -> tuple[bytes | None, int]:
    """A keep's data, if this user signed it, and the time it was written."""
    blob, written = read_state(path)
    return verified(blob), written


def changed_at(info: os.stat_result) -> int:
    """When the file last changed (ns), for the racy rule: the later of its mtime and its
    ctime, since an old mtime can be put back on new bytes."""
    return max(info.st_mtime_ns, info.st_ctime_ns)


def stat_text(info: os.stat_result) -> str:
    """What tells one version of a file from another: size, mtime, inode, device, ctime."""
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_dev} {info.st_ctime_ns}"


def _save(path: Path, root: Path, scanned: int, entries: dict[str, str]) -> None:
    data = json.dumps(
        {"version": _VERSION, "root": str(root), "scanned": scanned, "files": entries},
        separators=(",", ":"),
    )
    signed = sign(data.encode("utf-8"))
    if signed is not None:
        with contextlib.suppress(OSError):  # a keep that cannot be written is made again
            atomic_bytes(path, signed, durable=False)


def _entries(folder: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """The files under `folder` as (path relative to the root, entry): a folder's files by
    name, then its folders by name, depth first, never into a linked folder (os.walk's
    order, which the change check has always used)."""
    try:
        with os.scandir(folder) as found:
            listed = sorted(found, key=_by_name)
    except OSError:
        return
    folders = []
    for entry in listed:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            folders.append(entry)
        elif not skipped(entry.name, False):
            yield prefix + entry.name, entry
    for entry in folders:
        if not skipped(entry.name, True) and not entry.is_symlink():
            yield from _entries(entry.path, prefix + entry.name + "/")


_by_name = operator.attrgetter("name")


def walk_files(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """The files the change check covers under `root` (relative path, entry), in its order:
    never into a linked folder, nor build/, __pycache__/ or a dot folder (`skipped`)."""
    return _entries(str(root), "")


def folder_digests(
    root: Path, state: Path | None = None, keep: tuple[str, ...] = ()
) -> tuple[tuple[str, bytes], ...]:
    """(path relative to `root`, digest) of every file the change check covers under `root`
    (a real path), reading only those whose stat changed since the digests kept in `state`
    (None: keep nothing, read every file). A file ending in one of `keep` that is read is
    kept for the build that follows (octavo.sandbox.digest_file)."""
    return folder_scan(root, state, keep)[0]


def folder_scan(
    root: Path,
    state: Path | None = None,
    keep: tuple[str, ...] = (),
    dated: Callable[[str], bool] | None = None,
) -> tuple[tuple[tuple[str, bytes], ...], int]:
    """`folder_digests`, and the newest modification time (whole seconds, 0: none) of the
    files whose relative path `dated` accepts: what the build date is made of when neither
    SOURCE_DATE_EPOCH nor git gives it (octavo.project.Project.build_time)."""
    found: list[tuple[str, bytes]] = []
    newest = 0
    kept_at = kept_file(state, root) if state is not None else None
    entries, before = _load(kept_at, root) if kept_at is not None else ({}, 0)
    scanned = time.time_ns()
    made: dict[str, str] = {}
    changed = False
    limit = FILE_LIMITS["any"]
    for relative, entry in _entries(str(root), ""):
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            info = None
        if dated is not None and dated(relative):
            newest = max(newest, _mtime(entry, info))
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            # a link, a FIFO, a device, a file too big: the sandbox's rules, every time
            found.append((relative, digest_file(Path(entry.path), (root,))))
            continue
        now = stat_text(info) + " "  # an entry is "<stat> <digest>"
        old = entries.get(relative, "")
        if old.startswith(now) and changed_at(info) < before:
            made[relative] = old
            found.append((relative, bytes.fromhex(old[len(now) :])))
            continue
        walked = Path(f"{root}/{relative}")  # reached from root, into no linked folder
        digest = digest_file(Path(entry.path), (root,), relative.endswith(keep), walked)
        made[relative] = now + digest.hex()
        # worth keeping: a new digest, or an entry that will no longer be racy
        changed = changed or old != made[relative] or changed_at(info) < scanned - RACY_NS
        found.append((relative, digest))
    if kept_at is not None and (changed or made.keys() != entries.keys()):
        _save(kept_at, root, scanned, made)
    return tuple(found), newest


def _mtime(entry: os.DirEntry[str], info: os.stat_result | None) -> int:
    """A file's modification time in whole seconds, as the build date reads it (through a
    link, as Path.stat does); 0 when it cannot be read."""
    if info is not None and stat.S_ISREG(info.st_mode):
        return int(info.st_mtime)
    try:
        return int(entry.stat().st_mtime)
    except OSError:
        return 0


def kept_text(
    state: Path | None,
    name: str,
    folders: tuple[str, ...],
    make: Callable[[], str],
    save: bool = True,
) -> str:
    """`make()`, kept in `state` (signed, as above) for as long as each of `folders` keeps its
    stat: a folder's mtime changes when an entry is added to it, removed or renamed (as an
    installer does to a package's metadata). A racy folder, or no `state`: made again.
    `save` False: a keep is taken, never written (a reader that writes no state)."""
    scanned = time.time_ns()
    stats, newest = _folder_stats(folders)
    if state is None:
        return make()
    path = state / "stat" / f"{name}.json"
    kept = _kept_value(path, stats, newest)
    if kept is not None:
        return kept
    value = make()
    if save and newest < scanned - RACY_NS:
        data = {"version": _VERSION, "stats": stats, "scanned": scanned, "value": value}
        signed = sign(json.dumps(data).encode("utf-8"))
        if signed is not None:
            with contextlib.suppress(OSError):
                atomic_bytes(path, signed, durable=False)
    return value


def text_kept(state: Path | None, name: str, folders: tuple[str, ...]) -> str | None:
    """What `kept_text` would take from `state` without making it, or None: it would make
    it (so that a caller can start making it early, octavo.commits.ask_ahead)."""
    if state is None:
        return None
    stats, newest = _folder_stats(folders)
    return _kept_value(state / "stat" / f"{name}.json", stats, newest)


def _folder_stats(folders: tuple[str, ...]) -> tuple[list[str], int]:
    """Each folder's stat as kept, and the newest of their modification times."""
    stats, newest = [], 0
    for folder in folders:
        try:
            info = os.stat(folder or ".")  # "": the current folder (python -m, python -c)
        except (OSError, ValueError):
            stats.append(f"{folder}\0missing")
            continue
        stats.append(f"{folder}\0{stat_text(info)}")
        newest = max(newest, info.st_mtime_ns)
    return stats, newest


def _kept_value(kept: Path, stats: list[str], newest: int) -> str | None:
    """The value kept at `kept` for these stats, if it is still good (none is racy)."""
    try:
        signed_data, written = _read_kept(kept)
        data = json.loads(signed_data or b"null")
        before = min(int(data["scanned"]), written) - RACY_NS
        if data["version"] == _VERSION and data["stats"] == stats and newest < before:
            return str(data["value"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, damaged, or not this user's: made again
    return None
