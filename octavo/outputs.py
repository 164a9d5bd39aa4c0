"""The incremental layer: skipping builds whose inputs did not change (replaying what they
reported), refusing outputs that would harm an input (octavo.output_guard) or that another
book wrote, and writing what a renderer made.

Renderers return bytes; `cached_build` writes them atomically (octavo.write) and records a
build stamp in octavo's state folder (octavo.stamps), never beside the output.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from octavo.cache import build_key
from octavo.errors import BuildError, Diagnostic, error, raise_if_errors, warning
from octavo.output_guard import guard_output
from octavo.owner import foreign_owner
from octavo.project import Project
from octavo.stamps import is_fresh, read_stamp, record, stamp_of
from octavo.write import atomic_bytes

__all__ = [
    "Made",
    "Planned",
    "cache_of",
    "cached_build",
    "check_build",
    "guard_default",
    "state_problem",
]

Built = tuple[Path, tuple[Diagnostic, ...]]
Made = tuple[tuple[tuple[Path, bytes], ...], tuple[Diagnostic, ...]]  # files to write, found


def guard_default(project: Project, out: Path) -> None:
    """A default output (build/<slug>.*) that another book's build wrote is never replaced:
    two books with one title have one slug (E124; octavo.owner: a book moved is the same)."""
    try:
        stamp = read_stamp(stamp_of(project, out))[0]
        owner, identifier = str(stamp.get("book") or ""), str(stamp.get("identifier") or "")
    except (OSError, ValueError, AttributeError):
        return  # never built, or a damaged stamp
    problem = foreign_owner(project, out, owner, identifier) if out.exists() else None
    if problem is not None:
        raise BuildError([problem])


def state_problem(project: Project) -> Diagnostic | None:
    """W118 when octavo's state folder cannot be written (a read-only working folder): the
    build still runs, from cold, and keeps nothing."""
    try:
        project.state.mkdir(parents=True, exist_ok=True)
        if os.access(project.state, os.W_OK):
            return None
        why = "not writable"
    except OSError as exc:
        why = exc.strerror or str(exc)
    return warning(
        "W118",
        f"octavo's state folder cannot be written ({why}): every build starts cold",
        project.state,
        hint="run octavo from a folder you can write to",
    )


def cache_of(project: Project) -> Path | None:
    """The cache store's folder, or None when octavo's state cannot be kept."""
    return project.cache if state_problem(project) is None else None


class Planned:
    """A build `check_build` found needed: `write` what was made, and keep its stamp."""

    def __init__(self, project: Project, out: Path, key: str | None, problem: Diagnostic | None):
        self.project, self.out, self.key, self.problem = project, out, key, problem

    def write(self, made: Made) -> Built:
        files, found = made
        for path, data in files:
            atomic_bytes(path, data)
        if self.key is None or self.problem is not None:  # nothing kept: the next is cold too
            return self.out, (*found, *((self.problem,) if self.problem else ()))
        record(
            stamp_of(self.project, self.out),
            self.out,
            self.key,
            found,
            self.project.root,
            self.project.config.identifier,
        )
        return self.out, found


_SUFFIXES = {"epub": ".epub", "pdf": ".pdf", "cover": ".pdf"}  # an output's own, by kind
_NAMES = {".epub": "an EPUB", ".pdf": "a PDF"}


def check_build(
    project: Project,
    out: Path,
    options: Mapping[str, object],
    extra_outputs: tuple[Path, ...] = (),
) -> Built | Planned:
    """What the build of `out` (and every extra output) reported, if they were built from the
    same inputs: nothing to do. Else the build to make (`Planned.write`). Outputs that would
    harm an input are refused first (`guard_output`)."""
    kind = str(options.get("kind", ""))
    suffix = _SUFFIXES.get(kind, "")
    if suffix and out.suffix.lower() in _NAMES and out.suffix.lower() != suffix:
        # `invoke epub --out book.pdf pdf`: the EPUB's bytes in a file named as a PDF
        raise BuildError(
            [
                error(
                    "E128",
                    f"--out {out} names {_NAMES[out.suffix.lower()]} file, but this task "
                    f"writes {_NAMES[suffix]}",
                    out,
                    hint=f"name it {out.with_suffix(suffix).name}; an option belongs to the "
                    "task it follows (invoke epub --out b.epub pdf --out b.pdf)",
                )
            ]
        )
    for output in (out, *extra_outputs):
        guard_output(project.root, output, suffix=suffix if output == out else ".html")
    named = [os.path.realpath(p) for p in (out, *extra_outputs)]
    if len(set(named)) < len(named):  # `--html` the `--out`: the PDF replaced the HTML
        raise BuildError(
            [
                error(
                    "E127",
                    f"{out} is named for two outputs",
                    out,
                    hint="give --html a file of its own",
                )
            ]
        )
    problem = state_problem(project)
    if problem is not None:  # nothing kept: every build is a cold one
        raise_if_errors((problem,), strict=bool(options.get("strict")))  # --strict: fatal
        return Planned(project, out, None, problem)
    key = build_key(
        project,
        {**options, "out": out.resolve(), "extra": [str(p.resolve()) for p in extra_outputs]},
        project.state,
    )
    replayed = is_fresh(stamp_of(project, out), out, key)
    if replayed is not None and all(p.exists() for p in extra_outputs):
        return out, replayed
    return Planned(project, out, key, None)


def cached_build(
    project: Project,
    out: Path,
    options: Mapping[str, object],
    make: Callable[[], Made],
    extra_outputs: tuple[Path, ...] = (),
) -> Built:
    """Write what `make` renders (its files, in order, each atomically) unless `out` (and
    every extra output) was built from the same inputs (`check_build`)."""
    checked = check_build(project, out, options, extra_outputs)
    return checked.write(make()) if isinstance(checked, Planned) else checked
