"""Build stamps: one JSON file per output in octavo's state folder (`Project.state`:
build/.octavo/stamps/), signed with this user's key: the build key, the output's digest
and stat, the diagnostics. Whether an output is fresh (`is_fresh`, replaying what its build
reported), whether a build surely has work (`surely_made`), and the stamp's `record`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from octavo.errors import Diagnostic, Severity
from octavo.project import Project
from octavo.render.signed import sign, verified
from octavo.shipped import STYLES, TEMPLATES
from octavo.stat_cache import RACY_NS, changed_at, read_state, skipped, stat_text
from octavo.write import atomic_bytes

__all__ = [
    "as_stamped",
    "edited_since",
    "is_fresh",
    "read_stamp",
    "record",
    "stamp_of",
    "surely_made",
]


def _encode(found: tuple[Diagnostic, ...]) -> list[list[object]]:
    return [[d.code, d.severity.value, d.message, str(d.file or ""), d.line, d.hint] for d in found]


def _decode(rows: list[list[Any]]) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(code, Severity(severity), message, Path(file) if file else None, line, hint)
        for code, severity, message, file, line, hint in rows
    )


def stamp_of(project: Project, out: Path) -> Path:
    """The build stamp of `out`, in octavo's state folder. os.path.realpath, not
    Path.resolve(): an `out` through a link to itself is E121 when it is checked, where
    resolve() raises RuntimeError (Python 3.11) before."""
    name = hashlib.sha256(os.fsencode(os.path.realpath(out))).hexdigest()[:32]
    return project.state / "stamps" / f"{name}.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_fresh(stamp: Path, out: Path, key: str) -> tuple[Diagnostic, ...] | None:
    """What the build of `out` reported, if `out` exists, was built from inputs with this
    key and was not changed since; else None. `out` is read only when its stat changed
    since the stamp (or is racy: octavo.stat_cache); if its bytes are still the ones
    built, its new stat is kept."""
    try:
        data, written = read_stamp(stamp)
        if data["key"] != key:
            return None
        info = os.stat(out)
        if not stat.S_ISREG(info.st_mode):
            return None
        found = _decode(data["found"])
        before = min(int(data.get("recorded", 0)), written) - RACY_NS
        if data.get("stat") == stat_text(info) and changed_at(info) < before:
            return found
        if data["sha256"] != _digest(out):
            return None
        now = time.time_ns()
        if changed_at(info) < now - RACY_NS:  # no longer racy: keep the stat, read no more
            text = _stamp_text({**data, "stat": stat_text(info), "recorded": now})
            if text is not None:
                with contextlib.suppress(OSError):
                    atomic_bytes(stamp, text.encode("utf-8"), durable=False)  # as in record
        return found
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no stamp, no output, or a damaged stamp: build again


def _stamp_text(data: Mapping[str, object]) -> str | None:
    """A stamp as kept: signed with this user's key (octavo.render.signed). The state folder
    may be an untrusted book's; a stamp planted there with an output beside it would
    otherwise make octavo report "nothing to do" and leave the planted output in place."""
    signed = sign((json.dumps(data, indent=1) + "\n").encode("utf-8"))
    return None if signed is None else signed.decode("utf-8")  # None: no key, no stamp


def read_stamp(stamp: Path) -> tuple[dict[str, Any], int]:
    """A stamp's data, if this user signed it, and when it was written; OSError or
    ValueError when it is missing, foreign or damaged (the build is then made again)."""
    blob, written = read_state(stamp)
    data = verified(blob)
    if data is None:
        raise ValueError(f"{stamp}: not signed with this user's key")
    found = json.loads(data)
    if not isinstance(found, dict):
        raise ValueError(f"{stamp}: not a stamp")
    return found, written


def as_stamped(project: Project, out: Path) -> bool:
    """Whether `out` has the stat its build stamp recorded: the build may have nothing to
    do. Else it surely has (no stamp, no output, or an output changed since)."""
    try:
        data = read_stamp(stamp_of(project, out))[0]
        return bool(data.get("stat") == stat_text(os.stat(out)))
    except (OSError, ValueError, AttributeError):
        return False


def edited_since(project: Project, out: Path) -> bool:
    """Whether a file of the book (its folder, its own templates and styles) was modified
    after `out`'s stamp was recorded: the build surely has work (an edit). A look at the
    files' times (one stat a file, no read), never a verdict: a file copied with its old
    time is found by the change check as ever, only later."""
    try:
        recorded = read_stamp(stamp_of(project, out))[0]["recorded"]
    except (OSError, ValueError, KeyError, TypeError):
        return True
    if not isinstance(recorded, int):
        return True
    roots = [r for r in dict.fromkeys(project.watched) if r not in (TEMPLATES, STYLES)]
    return any(_modified_after(str(root), recorded) for root in roots)


def surely_made(project: Project, out: Path) -> bool:
    """Whether the build of `out` surely has work to do: no stamp, no output or one
    changed since its stamp (`as_stamped`), or a file of the book modified since
    (`edited_since`). What `invoke epub` and `invoke pdf` start their helper processes
    on, beside the change check."""
    return not as_stamped(project, out) or edited_since(project, out)


def _modified_after(folder: str, when: int) -> bool:
    """A file under `folder` that the change check covers (octavo.stat_cache.skipped)
    modified after `when` (ns)? Links are never followed: a book's link to itself or to /
    would make the walk endless or leave the book."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    for entry in entries:
        with contextlib.suppress(OSError):
            folder_here = entry.is_dir(follow_symlinks=False)
            if skipped(entry.name, folder_here):
                continue
            if folder_here:
                found = _modified_after(entry.path, when)
            else:
                found = entry.stat(follow_symlinks=False).st_mtime_ns > when
            if found:
                return True
    return False


def record(
    stamp: Path,
    out: Path,
    key: str,
    found: tuple[Diagnostic, ...] = (),
    book: Path | None = None,
    identifier: str = "",
) -> None:
    recorded = time.time_ns()
    info = os.stat(out)
    data: dict[str, object] = {
        "out": str(out.resolve()),
        "key": key,
        "sha256": _digest(out),
        "stat": stat_text(info),
        "recorded": recorded,
        "found": _encode(found),
    }
    if book is not None:
        data["book"] = str(book.resolve())  # the default output's owner (guard_default)
        data["identifier"] = identifier  # the same book, moved (octavo.owner)
    text = _stamp_text(data)
    if text is None:  # no user key (a read-only home): no stamp, the next build is made again
        with contextlib.suppress(FileNotFoundError):
            stamp.unlink()
        return
    # signed, so checked when read: a stamp torn by a crash only means building again (the
    # output itself was made durable before it)
    atomic_bytes(stamp, text.encode("utf-8"), durable=False)
