"""The project a command works on: a book folder and all that is found from it, once.

`open_project` reads book.toml and SOURCE_DATE_EPOCH once per command (octavo.api does it);
the `Project` then answers every "where is …" question of the stages: the template and style
search path (the book's own templates/ and styles/ first, then octavo's), the default output
and the one folder of octavo's own state, the build time, and the folders a renderer may read
(the sandbox roots). Renderers find it on the book (`Book.project`), never from a bare path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.commits import kept_commit
from octavo.errors import Diagnostic, error
from octavo.settings import BookConfig
from octavo.shipped import STYLES, TEMPLATES

if TYPE_CHECKING:
    from jinja2 import Environment

    from octavo.model import Section

__all__ = [
    "STYLES",
    "TEMPLATES",
    "Project",
    "octavo_templates",
    "open_project",
    "source_date_epoch",
    "watched",
]

BUILD = Path("build")  # default outputs, relative to the working folder
STATE = ".octavo"  # octavo's own state, inside BUILD: build stamps and the caches
EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest date a zip entry can hold


def _search_path(own: Path, shipped: Path) -> tuple[Path, ...]:
    """The book's own folder (only if it really lies in the book), then octavo's."""
    from octavo.sandbox import inside

    book = own.parent
    return tuple(p for p in (own, shipped) if p.is_dir() and (p is shipped or inside(p, [book])))


@dataclass(frozen=True, slots=True, repr=False)
class Project:
    """A book folder and what a command needs to find from it; made by `open_project`."""

    def __repr__(self) -> str:
        """The book folder's name alone: a book's template that printed a manuscript wrote
        the builder's folders (/home/<user>/…, octavo's install) into the EPUB."""
        return f"Project({self.root.name!r})"

    root: Path  # the book folder
    config: BookConfig
    epoch: datetime | None  # SOURCE_DATE_EPOCH (UTC), None when unset
    template_dirs: tuple[Path, ...]  # the book's templates/ first, then octavo's
    style_dirs: tuple[Path, ...]  # the book's styles/ first, then octavo's
    build: Path = BUILD
    found: tuple[Diagnostic, ...] = ()  # warnings about book.toml, reported with the book's

    def env(self) -> Environment:
        """The Jinja environment over the template search path (one per path, cached)."""
        from octavo.render.templates import environment

        return environment(self.template_dirs)

    def style(self, name: str) -> Path:
        """The first `name` (e.g. 'print/book.css') on the style search path.

        A missing style raises FileNotFoundError naming it; the outputs' error boundary
        (octavo.render.failures) turns it into a coded diagnostic."""
        for folder in self.style_dirs:
            if (folder / name).is_file():
                return folder / name
        raise FileNotFoundError(f"style {name} not found in {', '.join(map(str, self.style_dirs))}")

    def output(self, suffix: str) -> Path:
        """The default output: build/<slug><suffix>."""
        return self.build / f"{self.config.slug}{suffix}"

    @property
    def state(self) -> Path:
        """The one folder of octavo's own state (build stamps, caches): build/.octavo/."""
        return self.build / STATE

    @property
    def cache(self) -> Path:
        """The one cache store's folder (octavo.cache.Store): build/.octavo/cache/."""
        return self.state / "cache"

    @property
    def sandbox_roots(self) -> tuple[Path, ...]:
        """What a renderer may read: the book, octavo's templates/ and styles/."""
        return (self.root.resolve(), TEMPLATES, STYLES)

    @property
    def watched(self) -> tuple[Path, ...]:
        """Every folder whose change can change an output."""
        return (self.root, *self.template_dirs, *self.style_dirs)

    def build_time(self, sections: Iterable[Section]) -> datetime:
        """The one date of a build, truthful and reproducible (UTC, whole seconds):
        SOURCE_DATE_EPOCH when set; else the last git commit that touched the book folder,
        when it is in a git repository; else the newest modification time of book.toml and
        the sections; else 1980-01-01. The data's own dates (research completed, each
        section's data date) are another thing, shown as such: a build date taken from
        them told readers a book made in 2026 was typeset in 1995."""
        if self.epoch is not None:
            return self.epoch
        # what the change check (octavo.cache.build_key) found and kept, else git asked
        committed = kept_commit(self.root.resolve(), self.state, save=False)
        if committed:
            return datetime.fromisoformat(committed)
        files = (self.root / "book.toml", *(s.path for s in sections))
        times = [int(p.stat().st_mtime) for p in files if p.is_file()]
        return datetime.fromtimestamp(max(times), UTC) if times else EARLIEST


def source_date_epoch() -> tuple[datetime | None, tuple[Diagnostic, ...]]:
    """SOURCE_DATE_EPOCH as a UTC time; unset or blank: None; anything but whole seconds
    (0 or more): E113."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None, ()
    if not (raw.isascii() and raw.isdigit()):  # the spec's integer: "١٩٩٥" is none
        return None, (
            error(
                "E113",
                f"SOURCE_DATE_EPOCH is not whole seconds since 1970: {raw!r}",
                hint="set it to a number such as 802828800, or unset it",
            ),
        )
    try:
        return datetime.fromtimestamp(int(raw), UTC), ()
    except (OverflowError, OSError, ValueError):
        return None, (error("E113", f"SOURCE_DATE_EPOCH is out of range: {raw!r}"),)


def open_project(root: Path, build: Path = BUILD) -> tuple[Project | None, tuple[Diagnostic, ...]]:
    """The project of a book folder, and every problem of book.toml and the environment."""
    from octavo.sandbox import folders_leading_out
    from octavo.source.config import load_config
    from octavo.source.files import shown

    if root.is_file():  # `--book book/book.toml`: the folder was meant
        return None, (
            error(
                "E100",
                "the book folder is a file",
                root,
                hint=f"pass --book the folder that holds book.toml ({root.parent})",
            ),
        )
    if not root.is_dir():
        return None, (
            error(
                "E100",
                "book folder not found",
                root,
                hint="pass --book DIR after each task (epub --book DIR pdf --book DIR), "
                "or run from the book's folder",
            ),
        )
    config, found = load_config(root)
    epoch, bad_epoch = source_date_epoch()
    leaves = _build_leaves(root, build)  # E125: nothing may be written
    found += leaves + folders_leading_out(root, ("templates", "styles"))
    if config is None or bad_epoch or leaves:
        return None, found + bad_epoch
    config = replace(config, path=shown(config.path))
    project = Project(
        root,
        config,
        epoch,
        _search_path(root / "templates", TEMPLATES),
        _search_path(root / "styles", STYLES),
        build,
        found,
    )
    return project, found


def _build_leaves(root: Path, build: Path) -> tuple[Diagnostic, ...]:
    """E125 when the build folder (outputs and state) lies in the book folder but leads
    out of it: a book's own `build` link would have octavo write its outputs, named by
    its title, over a file of the user's elsewhere."""
    book = os.path.realpath(root)
    where = os.path.abspath(build)
    if os.path.commonpath([os.path.abspath(root), where]) != os.path.abspath(root):
        return ()  # the build folder of the folder octavo runs from, outside the book: yours
    real = os.path.realpath(where)
    if os.path.commonpath([book, real]) == book:
        return ()
    return (
        error(
            "E125",
            f"{build} is in the book folder but leads out of it (to {real}); nothing written",
            build,
            hint="remove the link, or run octavo from another folder with --book "
            "(outputs go to build/ of the folder it runs from)",
        ),
    )


def watched(root: Path) -> tuple[Path, ...]:
    """The folders whose change can change a book's outputs (book.toml need not be valid)."""
    templates = _search_path(root / "templates", TEMPLATES)
    return (root, *templates, *_search_path(root / "styles", STYLES))


def octavo_templates() -> Environment:
    """The Jinja environment over octavo's own templates/ alone (importers, generators)."""
    from octavo.render.templates import environment

    return environment((TEMPLATES,))
