"""The EPUB writer started beside the manuscript, on the second core.

`beside(project, cache)` forks a process that imports the writer (ebooklib, lxml, Jinja,
Pillow), draws the shipped cover from book.toml, loads the EPUB templates, resolves the
stylesheets and reads the deflate streams the last build kept, while this process reads
and renders the book; on a cold build it also measures the book's raster images and sends
the measures early (`Beside.measured`), so that this process need not import Pillow.
It is forked before this process imports the Markdown parser, and never imports it: the
titles it needs (the cover's, then the manuscript's) are rendered here and told to it
(octavo.render.titles), so it starts 30 ms sooner and has 30 ms less to do.
`Beside.send` then hands it the manuscript (pickled through a pipe without the sections'
Markdown: octavo.render.epub.handover) and `Beside.receive` takes back the EPUB's bytes:
those of `render_epub`, which is what the process runs; between the two, this process is
free (octavo.api saves the sections' cache then). Whatever goes wrong over there (a broken
template, a killed process) gives None, and the caller runs render_epub itself, so its
errors are reported as ever.

On Linux only (fork; macOS forks badly once system frameworks are loaded, Windows has
none), and with two cores or more; else nothing is started (`beside` yields None).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import select
import signal
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from octavo.machine import cores
from octavo.model import Manuscript
from octavo.project import Project
from octavo.render.epub.handover import dumps, loads
from octavo.workers import forked

__all__ = ["Beside", "beside"]

_LENGTH = 8  # bytes of the EPUB's length, sent before it
_ending: list[int] = []  # writers done with their work, reaped later (`Beside.close`)


class Beside:
    """The forked writer: `send` it the manuscript, then `receive` the EPUB, once."""

    def __init__(
        self, pid: int, to_child: int, from_child: int, sizes: int = -1, prepared: int = -1
    ):
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self.sizes = sizes  # the raster images' measures, sent early (see `measured`)
        self.prepared = prepared  # readable once the process is prepared (or ended)
        self.sent = False
        self.done = False  # the EPUB came whole: the process ends by itself
        self._measured: dict[str, Any] = {}

    def measured(self) -> Mapping[str, Any]:
        """The book's raster images measured over there (octavo.render.markdown_cache's
        raster_key -> [format, width, height] or why not), if it has said so already:
        never waited for (this process measures what it lacks itself, as ever)."""
        if self.sizes >= 0 and select.select([self.sizes], [], [], 0)[0]:
            fd, self.sizes = self.sizes, -1
            with contextlib.suppress(OSError, ValueError), os.fdopen(fd, "rb") as pipe:
                found = json.loads(pipe.read() or b"{}")
                self._measured = found if isinstance(found, dict) else {}
        return self._measured

    def send(self, manuscript: Manuscript, unsorted: bool = False) -> bool:
        """Give the writer the manuscript (then `receive`); False if it is gone.
        `unsorted`: its index is not sorted yet (octavo.render.manuscript.indexed): the
        writer sorts it, with the ICU it imported for the cover, while this process, which
        never imports ICU then, saves the sections' cache."""
        data = dumps(manuscript, unsorted)
        try:
            with os.fdopen(self.to_child, "wb") as pipe:
                self.to_child = -1
                pipe.write(data)
        except OSError:
            return False
        self.sent = True
        return True

    def receive(self) -> bytes | None:
        """The EPUB's bytes, or None if the writer could not make them. They come with
        their length first: whole, they are taken at once, while the process keeps what
        the next build reuses, then closes its pipe (`close` waits for that)."""
        if not self.sent:
            return None
        try:
            size = int.from_bytes(_read(self.from_child, _LENGTH), "big")
            epub = _read(self.from_child, size) if size else b""
        except OSError:
            return None
        self.done = bool(epub) and len(epub) == size
        return epub if self.done else None

    def close(self) -> None:
        """End the writer: one that sent the EPUB is waited for until it has kept what it
        keeps (its pipe's end), then reaped later, at the next build or as this process
        exits (not waited for then), not while it frees its memory (3-5 ms of a cold
        build's end); any other is stopped (SIGTERM, so a write under way removes its
        temporary) and reaped now."""
        if self.done and self.from_child >= 0:
            with contextlib.suppress(OSError):
                while os.read(self.from_child, 1 << 16):
                    pass
        for fd in (self.to_child, self.from_child, self.sizes, self.prepared):
            if fd >= 0:
                os.close(fd)
        self.to_child = self.from_child = self.sizes = self.prepared = -1
        pid, self.pid = self.pid, 0
        if not pid:
            return
        if self.done:
            _ending.append(pid)
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _read(fd: int, size: int) -> bytes:
    """`size` bytes of `fd`, or fewer at its end."""
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(fd, min(size, 1 << 20))):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _reap_ended(wait: bool = True) -> None:
    """Reap the writers that ended (`wait`: each has exited by now, or is about to)."""
    while _ending:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_ending.pop(), 0 if wait else os.WNOHANG)


# As this process exits, a writer still freeing its memory is left to init to reap.
atexit.register(_reap_ended, False)


@contextlib.contextmanager
def beside(project: Project, cache: Path | None) -> Iterator[Beside | None]:
    """The writer in a forked process, ended (killed if need be) on leaving."""
    if not sys.platform.startswith("linux") or cores() < 2:
        yield None
        return
    _reap_ended()  # an earlier build's (`invoke watch`)
    from octavo.install import versions

    versions(project.state)  # what both need, made once, before the fork

    inbox, to_child = os.pipe()
    from_child, outbox = os.pipe()
    sizes, sizes_out = os.pipe()
    prepared, prepared_out = os.pipe()
    told, tell = os.pipe()
    # The heap as it is (the imports, mostly) out of the collector's reach until the
    # build ends (as the gc module's documentation advises before a fork): neither
    # process traverses it again, so neither copies the other's pages for the collector's
    # marks, and this process's collections during the render are shorter.
    gc.freeze()

    def child() -> int:
        for fd in (to_child, from_child, sizes, prepared, tell):
            os.close(fd)
        return _write(project, cache, inbox, outbox, sizes_out, prepared_out, told)

    pid = forked(child)
    ends = (inbox, to_child, from_child, outbox, sizes, sizes_out, prepared, prepared_out)
    if pid is None:  # no process to be had: written in this process
        for fd in (*ends, told, tell):
            os.close(fd)
        gc.unfreeze()
        yield None
        return
    for fd in (inbox, outbox, sizes_out, prepared_out, told):
        os.close(fd)
    writer = Beside(pid, to_child, from_child, sizes, prepared)
    try:
        with contextlib.suppress(OSError), os.fdopen(tell, "wb") as pipe:
            pipe.write(json.dumps(_told(project, cache)).encode())
        yield writer
    finally:
        writer.close()
        gc.unfreeze()  # a long-lived process (`invoke watch`) collects it again


def _told(project: Project, cache: Path | None) -> dict[str, Any]:
    """What the writer is told as it starts: the cover's titles rendered (with the parser
    it never imports), and whether to measure the book's raster images (a cold build: this
    process has no measures kept)."""
    from octavo.render.markdown_cache import SectionCache
    from octavo.render.titles import rendered
    from octavo.source.quotes import load_quotes

    config = project.config
    titles: dict[str, str] = {}
    with contextlib.suppress(Exception):  # the writer renders them, or the render reports
        quotes, _ = load_quotes(config, project.template_dirs)  # the book's language's
        titles = rendered(
            tuple(t for t in (config.title, config.subtitle) if t), config.language, quotes
        )
    return {"titles": titles, "measure": not SectionCache.kept(cache, project.root)}


def _write(
    project: Project,
    cache: Path | None,
    inbox: int,
    outbox: int,
    sizes: int,
    prepared: int,
    told: int = -1,
) -> int:
    """The forked process: prepare, wait for the manuscript, send the EPUB. Never prints
    (stdout and stderr may be held by the parent's progress display). It never outlives
    its parent by more than its preparing: it then reads the end of the parent's pipe (or
    fails to write to it) and exits. Its cyclic collector is off: it lives one build and
    ends by os._exit, and what it leaves in cycles is small (526 objects for 81 sections,
    3,101 for 800), where the collector's passes cost 8.5 and 23 ms."""
    gc.disable()
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (until os._exit)
    signal.signal(signal.SIGTERM, _stop)
    deflated = None
    with contextlib.suppress(Exception):  # the render below meets it again, or the parent
        from octavo.render.epub.prepare import prepare

        deflated = prepare(project, cache, sizes, told)
    os.close(prepared)  # the second core is free: a helper may render (octavo.render.split)
    with os.fdopen(inbox, "rb") as pipe:
        data = pipe.read()
    if not data:
        return 1
    from octavo.render.epub.book import render_epub
    from octavo.render.titles import learn

    try:
        manuscript, titles, unsorted = loads(data)
        learn(titles)
        if unsorted:
            from octavo.render.index import indexed

            manuscript = indexed(manuscript)
        from octavo.render.epub import apart

        later = apart.start(manuscript)  # the idle core: the parent only waits now
        try:
            epub = render_epub(manuscript, cache, deflated=deflated, apart=later)
        finally:
            if later is not None:
                later.close()
    except BaseException:  # the parent renders it again and reports why
        return 1
    with os.fdopen(outbox, "wb") as pipe:
        pipe.write(len(epub).to_bytes(_LENGTH, "big") + epub)
        pipe.flush()
        if deflated is not None:  # while the parent writes the EPUB; the pipe's end
            with contextlib.suppress(Exception):  # tells it this is done
                deflated.save()
    return 0


def _stop(*_: object) -> None:
    """SIGTERM: unwind (octavo.write removes a temporary file), then os._exit."""
    raise SystemExit(1)
