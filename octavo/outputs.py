"""Skipping builds whose inputs did not change, replaying what they reported."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from octavo.cache import build_key, is_fresh, record
from octavo.errors import BuildError, Diagnostic, Severity, error
from octavo.project import Project
from octavo.shipped import PACKAGE, STYLES, TEMPLATES

__all__ = ["cached_build", "guard_output"]

Built = tuple[Path, tuple[Diagnostic, ...]]


def guard_output(book: Path, out: Path, folder: bool = False) -> None:
    """Refuse an output that would harm an input (docs/security.md), before any work:

    - E120: `out` resolves inside the book folder (but its build/ folder), or into octavo's
      own code, templates/ or styles/: a PDF must never replace a section or book.toml;
    - E121: `out` exists and is not a regular file (a folder, a device such as /dev/null, a
      FIFO), which the atomic rename would replace (or, for a folder, fail on).
    `folder`: `out` is a folder of outputs (handouts): it may exist as a folder."""
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
    try:
        info = os.stat(out)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BuildError([error("E121", f"cannot use the output: {exc.strerror}", out)]) from exc
    if stat.S_ISREG(info.st_mode) or (folder and stat.S_ISDIR(info.st_mode)):
        return
    what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device or FIFO)"
    raise BuildError(
        [
            error(
                "E121",
                f"the output {out} exists and is {what}; it is never replaced",
                out,
                hint="give --out a file name, e.g. build/book.pdf",
            )
        ]
    )


def _encode(found: tuple[Diagnostic, ...]) -> str:
    return json.dumps(
        [[d.code, d.severity.value, d.message, str(d.file or ""), d.line, d.hint] for d in found]
    )


def _decode(text: str) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(code, Severity(severity), message, Path(file) if file else None, line, hint)
        for code, severity, message, file, line, hint in json.loads(text)
    )


def cached_build(
    project: Project,
    out: Path,
    options: Mapping[str, object],
    build: Callable[[], Built],
    extra_outputs: tuple[Path, ...] = (),
) -> Built:
    """Run `build` unless `out` (and every extra output) was built from the same inputs.
    Outputs that would harm an input are refused first (`guard_output`)."""
    for output in (out, *extra_outputs):
        guard_output(project.root, output)
    key = build_key(
        project,
        {**options, "out": out.resolve(), "extra": [str(p.resolve()) for p in extra_outputs]},
    )
    notes = out.parent / f".{out.name}.diagnostics"
    if is_fresh(out, key) and all(p.exists() for p in extra_outputs) and notes.exists():
        return out, _decode(notes.read_text())
    path, found = build()
    from octavo.write import atomic_text

    atomic_text(notes, _encode(found))
    record(out, key)
    return path, found
