"""The EPUB writer started beside the manuscript, on the second core.

`beside(project, cache)` forks a process that imports the writer (ebooklib, lxml, Jinja,
Pillow), draws the shipped cover from book.toml and loads the EPUB templates while this
process reads and renders the book. `Beside.render` then hands it the manuscript (pickled
through a pipe) and takes back the EPUB's bytes: those of `render_epub`, which is what the
process runs. Whatever goes wrong over there (a broken template, a killed process) gives
None, and the caller runs render_epub itself, so its errors are reported as ever.

On Linux only (fork; macOS forks badly once system frameworks are loaded, Windows has
none), and with two cores or more; else nothing is started (`beside` yields None).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from octavo.model import Manuscript
from octavo.project import TEMPLATES, Project

__all__ = ["Beside", "beside"]


class Beside:
    """The forked writer: `render` once."""

    def __init__(self, pid: int, to_child: int, from_child: int):
        self.pid, self.to_child, self.from_child = pid, to_child, from_child

    def render(self, manuscript: Manuscript) -> bytes | None:
        """The EPUB's bytes, or None if the writer could not make them."""
        data = pickle.dumps(manuscript, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with os.fdopen(self.to_child, "wb") as pipe:
                self.to_child = -1
                pipe.write(data)
            with os.fdopen(self.from_child, "rb") as pipe:
                self.from_child = -1
                epub = pipe.read()
        except OSError:
            return None
        return epub if self._reaped() == 0 and epub else None

    def _reaped(self) -> int:
        pid, self.pid = self.pid, 0
        if not pid:
            return -1
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        for fd in (self.to_child, self.from_child):
            if fd >= 0:
                os.close(fd)
        self.to_child = self.from_child = -1
        if self.pid:  # unused, or left: SIGTERM, so a write under way removes its temporary
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            self._reaped()


@contextlib.contextmanager
def beside(project: Project, cache: Path | None) -> Iterator[Beside | None]:
    """The writer in a forked process, ended (killed if need be) on leaving."""
    if not sys.platform.startswith("linux") or _cores() < 2:
        yield None
        return
    # what both need, imported once, before the fork
    import octavo.render.manuscript
    import octavo.source.sections  # noqa: F401

    inbox, to_child = os.pipe()
    from_child, outbox = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child: coverage does not follow it)
        code = 1
        try:
            os.close(to_child)
            os.close(from_child)
            code = _write(project, cache, inbox, outbox)
        finally:
            os._exit(code)
    os.close(inbox)
    os.close(outbox)
    writer = Beside(pid, to_child, from_child)
    try:
        yield writer
    finally:
        writer.close()


def _cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on Linux)
        return os.cpu_count() or 1


def _write(project: Project, cache: Path | None, inbox: int, outbox: int) -> int:
    """The forked process: prepare, wait for the manuscript, send the EPUB. Never prints
    (stdout and stderr may be held by the parent's progress display). It never outlives
    its parent by more than its preparing: it then reads the end of the parent's pipe (or
    fails to write to it) and exits."""
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (until os._exit)
    signal.signal(signal.SIGTERM, _stop)
    with contextlib.suppress(Exception):  # the render below meets it again, or the parent
        _prepare(project, cache)
    with os.fdopen(inbox, "rb") as pipe:
        data = pipe.read()
    if not data:
        return 1
    from octavo.render.epub.book import render_epub

    try:
        epub = render_epub(pickle.loads(data), cache)
    except BaseException:  # the parent renders it again and reports why
        return 1
    with os.fdopen(outbox, "wb") as pipe:
        pipe.write(epub)
    return 0


def _stop(*_: object) -> None:
    """SIGTERM: unwind (octavo.write removes a temporary file), then os._exit."""
    raise SystemExit(1)


def _prepare(project: Project, cache: Path | None) -> None:
    """What the EPUB needs that does not wait for the manuscript: the writer's imports,
    the shipped cover (drawn from book.toml into the cache, unless it is there) and the
    templates."""
    from octavo.render.epub import book  # noqa: F401  (its imports are the slow part)
    from octavo.render.epub.cover import cover_text_of, own_design, prepare_shipped_cover
    from octavo.render.manuscript import title_html

    config = project.config
    if not config.cover and not own_design(project):
        subtitle = title_html(config.subtitle) if config.subtitle else ""
        prepare_shipped_cover(
            config, cache, cover_text_of(config, title_html(config.title), subtitle)
        )
    env = project.env()
    for name in sorted(os.listdir(TEMPLATES / "epub")):
        with contextlib.suppress(Exception):
            env.get_template(f"epub/{name}")
