"""Where an output may not go: into the book (a PDF must never replace a section), into
octavo's own code, templates or styles, over what is not a regular file, or, for a folder of
outputs, at the root folder or into the kernel's (docs/security.md)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from octavo.errors import BuildError, error
from octavo.shipped import PACKAGE, STYLES, TEMPLATES

__all__ = ["guard_output"]

# what the start of an earlier output of each kind holds: an EPUB's first zip entry is its
# uncompressed `mimetype` (another tool's may carry an extra field); a PDF's header may
# follow some bytes; `--html`'s page may start with a byte order mark or blank lines
_OWN_START = {
    ".epub": (
        re.compile(rb"PK\x03\x04.{26}mimetype.{0,64}?application/epub\+zip", re.S),
        "an EPUB",
    ),
    ".pdf": (re.compile(rb".{0,1016}?%PDF-", re.S), "a PDF"),
    ".html": (re.compile(rb"(?:\xef\xbb\xbf)?\s*<(?:!doctype html|html)\b", re.IGNORECASE), "HTML"),
}
_OWN_START[".htm"] = _OWN_START[".html"]


def guard_output(
    book: Path, out: Path, folder: bool = False, suffix: str = "", example: str = ""
) -> None:
    """Refuse an output that would harm an input (docs/security.md), before any work:

    - E120: `out` resolves inside the book folder (but its build/ folder), or into octavo's
      own code, templates/ or styles/: a PDF must never replace a section or book.toml;
    - E121: `out` exists and is not a regular file (a folder, a device such as /dev/null, a
      FIFO), which the atomic rename would replace (or, for a folder, fail on).
    `folder`: `out` is a folder of outputs (handouts, a preview, `check --out`): it may
    exist as a folder, not as a file (E121 too), nor be the root folder or one of the
    kernel's (/proc, /sys, /dev: E121, as `--out /` is for a file). `suffix`: the
    output's own ('.epub'), for the hint; `example`: the task's own folder of outputs
    ('build/preview'), for the hint."""
    real = Path(os.path.realpath(out))
    book_real = Path(os.path.realpath(book))
    protected = [(book_real, "the book folder"), (PACKAGE, "octavo's code")]
    protected += [(TEMPLATES, "octavo's templates/"), (STYLES, "octavo's styles/")]
    for root, name in protected:
        if real == root or (
            real.is_relative_to(root) and not real.is_relative_to(book_real / "build")
        ):
            raise BuildError(
                [
                    error(
                        "E120",
                        f"the output {out} is inside {name}; an output never replaces a source",
                        out,
                        hint="write outputs outside the book, e.g. to build/ (the default)",
                    )
                ]
            )
    place = _no_place(real) if folder else ""
    if place:
        raise BuildError(
            [
                error(
                    "E121",
                    f"the output folder {out} is {place}; no output is written there",
                    out,
                    hint=f"give --out a folder of its own, e.g. {example or 'build/out'}"
                    " (made if missing)",
                )
            ]
        )
    try:
        info = os.stat(out)
    except FileNotFoundError:
        return
    except OSError as exc:  # a part of the path is a file ("Not a directory"), a loop
        raise BuildError(
            [
                error(
                    "E121",
                    f"cannot use the output: {exc.strerror}",
                    out,
                    hint="check each folder of the path (one of them may be a file)",
                )
            ]
        ) from exc
    if folder and stat.S_ISDIR(info.st_mode):
        return
    if not folder and stat.S_ISREG(info.st_mode):
        _refuse_foreign(out, suffix or out.suffix.lower())
        return
    # a folder of outputs (handouts) onto a file: the first write failed "File exists"
    what = (
        "a folder"
        if stat.S_ISDIR(info.st_mode)
        else "a file"
        if stat.S_ISREG(info.st_mode)
        else "not a regular file (a device or FIFO)"
    )
    raise BuildError(
        [
            error(
                "E121",
                f"the output {out} exists and is {what}; it is never replaced",
                out,
                hint=f"give --out a file name, e.g. build/book{suffix or out.suffix or '.pdf'}"
                if not folder
                else "give --out a folder, or a name that does not exist yet",
            )
        ]
    )


# the kernel's filesystems: their folders hold no file of a user's (Linux's names)
_KERNEL = {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "debugfs"}
_KERNEL |= {"tracefs", "configfs", "pstore", "bpf", "mqueue", "hugetlbfs", "fusectl", "autofs"}
_KERNEL |= {"binfmt_misc", "efivarfs"}


def _no_place(real: Path) -> str:
    """Why a folder of outputs may not be `real` (a resolved path): "the root folder", "a
    folder of the kernel's (proc)"; "" when it may. The kernel's are known by the
    filesystem the folder is on (/proc/self/mountinfo: the nearest mount point above it);
    where that cannot be read, only the root is refused."""
    if real == Path(real.anchor):
        return "the root folder"
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            rows = [line.split(" - ", 1) for line in mounts]
    except OSError:
        return ""
    nearest, kind = "", ""
    for row in rows:
        fields, after = row[0].split(), row[-1].split()
        if len(fields) < 5 or not after or len(row) < 2:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[4])  # \040: " "
        if real.is_relative_to(point) and len(point) >= len(nearest):
            nearest, kind = point, after[0]
    return f"a folder of the kernel's ({kind})" if kind in _KERNEL else ""


def _refuse_foreign(out: Path, suffix: str) -> None:
    """E131: `out` exists and is not an earlier output of its kind (`suffix`: '.epub',
    '.pdf', '.html'), so it may be a file of the user's, another book's section among them
    (`invoke epub --out ../other/058-russia.md`): an output replaces only an output. An
    empty file holds nothing to lose (a name made by mktemp); a kind octavo cannot tell is
    left to the user."""
    own = _OWN_START.get(suffix)
    if own is None:
        return
    start, name = own
    try:
        with open(out, "rb") as existing:
            head = existing.read(1024)
    except OSError:
        return  # unreadable: the write fails with its own message, or replaces it
    if not head or start.match(head):
        return
    raise BuildError(
        [
            error(
                "E131",
                f"the output {out} exists and is not {name}; octavo replaces only an "
                "earlier output of its kind, never another file",
                out,
                hint=f"give --out a new name (e.g. build/book{suffix}), or remove the file "
                "if it is yours to lose",
            )
        ]
    )
