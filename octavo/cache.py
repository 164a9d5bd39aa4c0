"""A content-addressed build key: a rebuild whose inputs did not change does no work.

The key covers every byte that can change an output: the book folder, the template and style
search paths (fonts included), octavo's own code, the versions of the libraries that render,
the task's options, and SOURCE_DATE_EPOCH. The key of the last good build is kept beside the
output; an output is fresh only when both the output and a matching key exist.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from octavo.project import Project
from octavo.sandbox import digest_file
from octavo.shipped import PACKAGE
from octavo.write import atomic_text

__all__ = ["DEFAULT_CACHE_MB", "build_key", "is_fresh", "prune", "record", "touch"]

_LIBRARIES = (
    "weasyprint",
    "pydyf",
    "ebooklib",
    "markdown-it-py",
    "jinja2",
    "pillow",
    "fonttools",
    "pypdf",
    "tinycss2",
)


def _files(folder: Path) -> Iterable[Path]:
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in ("build", "__pycache__")
        )
        for name in sorted(files):
            if not name.startswith(".") and not name.endswith((".part", ".pyc")):
                yield Path(here) / name


def _library_versions() -> str:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join(found)


def build_key(project: Project, options: Mapping[str, object]) -> str:
    digest = hashlib.sha256()
    roots = (*project.watched, PACKAGE)
    for root in dict.fromkeys(r.resolve() for r in roots if r.is_dir()):
        for path in _files(root):
            digest.update(f"{path.relative_to(root)}\0{root.name}\0".encode())
            # streamed, under the sandbox's rules: a symlink out of the folder, a FIFO, a
            # device or an oversized file is never read (its refusal is hashed instead)
            digest.update(digest_file(path, (root,)))
    digest.update(_library_versions().encode())
    digest.update(repr(sorted((k, str(v)) for k, v in options.items())).encode())
    digest.update(project.epoch.isoformat().encode() if project.epoch else b"")
    return digest.hexdigest()


def _stamp(out: Path) -> Path:
    return out.parent / f".{out.name}.key"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_fresh(out: Path, key: str) -> bool:
    """The output exists, was built from inputs with this key, and was not changed since."""
    stamp = _stamp(out)
    if not (out.is_file() and stamp.is_file()):
        return False
    return stamp.read_text().split() == [key, _digest(out)]


def record(out: Path, key: str) -> None:
    atomic_text(_stamp(out), f"{key} {_digest(out)}\n")


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
