"""One command's book, opened once: its Project, its manuscript rendered at most once, and
where its outputs go by default. Every function of octavo.api takes a book folder, a
Project or a Sources."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from octavo.commits import ask_ahead
from octavo.errors import BuildError, Diagnostic, raise_if_errors
from octavo.outputs import cache_of, guard_default
from octavo.project import Project, open_project
from octavo.sandbox import forget_roots

if TYPE_CHECKING:
    from octavo.model import Book, Manuscript
    from octavo.render.markdown_cache import SectionCache

# The stages are imported inside the functions: a no-op rebuild must not pay for them.

__all__ = ["BookArg", "Sources", "default_output", "manuscript", "open_book", "read", "sources"]


class Sources:
    """One command's book: its Project opened once, its manuscript made at most once, so a
    command that makes several outputs (watch, check, preview, all) reads and renders the
    book once. Every function below takes a book folder, a Project or a Sources."""

    def __init__(self, book: Path | Project, strict: bool = False, keep: bool = True):
        forget_roots()  # a linked book folder pointed elsewhere since the last (`watch`)
        self.project = book if isinstance(book, Project) else open_book(book)
        if keep and self.project.epoch is None:  # git's walk beside the change check
            ask_ahead(self.project.root.resolve(), self.project.state)
        self.strict = strict
        # False: a command that reads (`outline`) keeps nothing: it makes no state folder
        # and saves no cache (one a build kept is read)
        self.keep = keep
        self._read: tuple[Book | None, tuple[Diagnostic, ...]] | None = None
        self._made: tuple[Manuscript, tuple[Diagnostic, ...]] | None = None
        self._unsorted = False  # made without its index sorted (`manuscript`'s unsorted)
        self._unsaved: SectionCache | None = None
        # raster images measured elsewhere (the EPUB writer's process), if it has said so
        self.measured: Callable[[], Mapping[str, Any]] | None = None
        # a cold build's sections rendered on two cores (octavo.render.split) once this
        # can be read (the EPUB writer's process prepared); -1: on one
        self.prepared = -1

    @property
    def made(self) -> bool:
        """Was the manuscript rendered already?"""
        return self._made is not None

    def read(self) -> tuple[Book | None, tuple[Diagnostic, ...]]:
        """The book as read and assembled, and every diagnostic (the first time only):
        None when it cannot be assembled. Never raises for the book's mistakes."""
        if self._read is None:
            from octavo.source.sections import read_book

            self._read = read_book(self.project)
        return self._read

    def manuscript(
        self,
        save_later: bool = False,
        more: Callable[[Manuscript], tuple[Diagnostic, ...]] | None = None,
        unsorted: bool = False,
    ) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
        """Read, assemble and render the book (the first time only). `save_later`: the
        sections' cache is saved by `save`, not now (the EPUB writer's second process
        starts on the manuscript first). `more`: what one output alone finds in the
        manuscript (the EPUB's W517), reported with the rest and fatal with them under
        --strict (not kept for the other output). `unsorted`: the index's entries left
        unsorted, the first time (octavo.render.manuscript.render_manuscript: the EPUB
        writer's process sorts them); a later call sorts them, unless it asks the same."""
        if self._made is not None and self._unsorted and not unsorted:
            from octavo.render.index import indexed

            self._made = indexed(self._made[0]), self._made[1]
            self._unsorted = False
        if self._made is not None:
            extra = more(self._made[0]) if more is not None else ()
            raise_if_errors(extra, self.strict)
            return self._made[0], self._made[1] + extra
        from octavo.render.manuscript import render_manuscript
        from octavo.render.markdown_cache import SectionCache
        from octavo.render.split import helping
        from octavo.source.sections import required

        # errors stop here; --strict's warnings at the end, with the render's (W510 …): a
        # warning of reading alone stopped the build, and the render's were told a run later
        loaded, found = required(self.read(), self.project.root)
        sections = SectionCache.of_book(self._cache(), loaded.root)
        sections.measured = self.measured
        # a cold build (nothing kept) is rendered on two cores, the EPUB writer's once
        # it is prepared
        two = self.prepared >= 0 and not sections.old
        with helping(loaded, self.prepared) if two else nullcontext() as split:
            sections.split = split
            rendered, problems = render_manuscript(loaded, sections, index=not unsorted)
        sections.split = None
        self._unsaved = sections
        if not save_later:
            self.save()
        extra = more(rendered) if more is not None else ()
        raise_if_errors(found + problems + extra, self.strict)
        self._made = rendered, found + problems
        self._unsorted = unsorted
        return self._made[0], self._made[1] + extra

    def _cache(self) -> Path | None:
        """The cache store's folder; for a command that keeps nothing, the one a build made,
        if any, never one made for it."""
        if self.keep:
            return cache_of(self.project)
        return self.project.cache if self.project.cache.is_dir() else None

    def save(self) -> None:
        """Save the sections' cache, if the manuscript was made with `save_later`."""
        sections, self._unsaved = self._unsaved, None
        if sections is not None and self.keep:
            sections.save()


BookArg = Path | Project | Sources


def open_book(book: Path) -> Project:
    """The book folder's Project; BuildError with every problem when it cannot be opened
    (book.toml's and the sections' together)."""
    project, _ = open_project(book)
    if project is None:
        from octavo.source.sections import read_book

        raise BuildError(read_book(book)[1])
    return project


def sources(book: BookArg, strict: bool = False) -> Sources:
    return book if isinstance(book, Sources) else Sources(book, strict)


def read(book: Path | Project) -> tuple[Book, tuple[Diagnostic, ...]]:
    """The book as read and every diagnostic; raises only when it cannot be read at all."""
    from octavo.source.sections import read_book

    loaded, found = read_book(book)
    if loaded is None:
        raise BuildError(found)
    return loaded, found


def manuscript(book: BookArg, strict: bool = False) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """Read, assemble and render a book; the shared first half of every build."""
    return sources(book, strict).manuscript()


def default_output(project: Project, suffix: str) -> Path:
    """build/<slug><suffix>, unless another book (of the same title) built it (E124)."""
    target = project.output(suffix)
    guard_default(project, target)
    return target
