"""A folder of outputs made as one set (`invoke handouts`): this build's files, and only
them, written together (octavo.write.atomic_set).

The folder's record in octavo's state folder (`stamp_of` the folder, signed as a build
stamp is) names the book that wrote it and each file written, with its digest. So:
- a default folder (build/handouts/<slug>/) that another book wrote is never written into:
  two books with one title have one slug (E124, as `guard_default` for a default file);
- a file this book's last build wrote there that this build does not (a chapter removed,
  `--by` changed) is removed, and only while its bytes are still those written: a file
  octavo did not write, or one a user changed since, is never removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

from octavo.errors import BuildError, Diagnostic, raise_if_errors
from octavo.outputs import state_problem
from octavo.owner import foreign_owner, is_ours
from octavo.project import Project
from octavo.render.signed import sign, verified
from octavo.stamps import stamp_of
from octavo.stat_cache import read_state
from octavo.write import atomic_bytes, atomic_set

__all__ = ["guard_default_folder", "write_folder"]


def _record(project: Project, folder: Path) -> tuple[str, str, dict[str, str]]:
    """The book that last wrote `folder` (its folder and identifier) and the files it wrote
    (name: sha256); ("", "", {}) when none did, or the record is not this user's (the
    state folder may be a book's)."""
    try:
        data = verified(read_state(stamp_of(project, folder))[0])
        found = json.loads(data) if data is not None else None
    except (OSError, ValueError):
        return "", "", {}
    if not isinstance(found, dict) or found.get("kind") != "folder":
        return "", "", {}
    files = found.get("files")
    names = files if isinstance(files, dict) else {}
    plain = {n: d for n, d in names.items() if isinstance(d, str) and _plain(n)}
    return str(found.get("book") or ""), str(found.get("identifier") or ""), plain


def _plain(name: object) -> bool:
    """A file's own name, never a path out of the folder."""
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name


def guard_default_folder(project: Project, folder: Path) -> None:
    """A default folder of outputs that another book's build wrote, and whose files are
    still there, is never written into (E124)."""
    owner, identifier, files = _record(project, folder)
    if any((folder / name).exists() for name in files):
        problem = foreign_owner(project, folder, owner, identifier, "the outputs")
        if problem is not None:
            raise BuildError([problem])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(path: Path, digest: str) -> bool:
    """`path` is a regular file (never a link) holding the bytes octavo wrote there."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        return _digest(path.read_bytes()) == digest
    except OSError:
        return False


def write_folder(
    project: Project, folder: Path, made: tuple[tuple[str, bytes], ...], strict: bool = False
) -> tuple[tuple[Path, ...], tuple[Diagnostic, ...]]:
    """Write `made` (file name, bytes) into `folder` as one set; remove what this book's
    last build wrote there and this one did not (unchanged since); record the set. What
    it found: W118 when octavo's state cannot be kept (nothing is removed then, nor
    recorded: fatal if `strict`)."""
    problem = state_problem(project)
    if problem is not None:
        raise_if_errors((problem,), strict)
    owner, identifier, before = _record(project, folder)
    written = atomic_set(tuple((folder / name, data) for name, data in made))
    if problem is not None:
        return written, (problem,)
    names = {name: _digest(data) for name, data in made}
    if is_ours(project, owner, identifier):
        for name, digest in before.items():
            if name not in names and _unchanged(folder / name, digest):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / name)
    data = {
        "kind": "folder",
        "book": str(project.root.resolve()),
        "identifier": project.config.identifier,
        "files": names,
    }
    signed = sign((json.dumps(data, indent=1) + "\n").encode("utf-8"))
    stamp = stamp_of(project, folder)
    if signed is None:  # no user key: no record (nothing is removed next time either)
        with contextlib.suppress(FileNotFoundError):
            stamp.unlink()
    else:
        atomic_bytes(stamp, signed, durable=False)
    return written, ()
