"""A cold build's sections rendered on two cores: this process renders them from the front,
a process forked from it (`helping`, once the book is read) from the back, until they meet.

Each process claims a section before rendering it (`Split.claim`, `Split.claim_back`: the
two ends kept in memory both processes share), so that, but for a race at the meeting
point, no section is rendered twice. The helper cannot know the notes, tables and figures
of the sections before those it renders (they number its own): it renders them in
contexts counted from the Markdown (`counted`) and sends each rendering under its section
cache key (octavo.render.markdown_cache: the fingerprint of the Markdown, the context and
the folder). This process takes a rendering only under the key it would render with
itself, as it takes a kept one: where a count was wrong the key differs, and the section
is rendered here. The rendering, and the book's bytes, are the same either way; a race or
a wrong count only costs time. Whatever becomes of the helper (killed, failed), this
process renders what it did not get.

The EPUB writer's process (octavo.render.epub.beside) prepares on the second core first:
the helper starts once it is prepared (they would share the core otherwise, and the
writer, whose preparing is needed at the end, would finish later). On Linux only (fork),
with two cores or more, as beside.
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import os
import pickle
import re
import select
import signal
import struct
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from octavo.machine import cores
from octavo.workers import forked, received, sent

if TYPE_CHECKING:
    from octavo.model import Book
    from octavo.render.markdown import Context

__all__ = [
    "Split",
    "counted",
    "example_lines",
    "helping",
    "render_back",
]

_ENDS = struct.Struct("qq")  # the next section the front claims, the last the back claimed
_END = struct.Struct("q")
_HALF = _END.size
_OPEN = 1 << 62  # the back before the helper's first claim
WAIT = 30.0  # seconds the renderings are waited for, at most, once the two ends met

_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# (searched in the text after a "\n": a line's start found by its character, where `^` with
# MULTILINE was tried at every position, 30 of the 800-section study's 110 ms)
_DEFINITION = re.compile(r"\n {0,3}\[\^([^\]\s]+)\]:")
_CAPTION = re.compile(r"(?:Table)?:\s")  # octavo.render.floats' caption paragraph
_CAPTION_LINE = re.compile(r"^Table:\s", re.MULTILINE)  # one ending a pipe table's lines
# a pandoc simple or multiline table's rule, or its dashed column groups
_DASHED = re.compile(r"^[ \t]*-+(?:[ \t]+-+)*[ \t]*$", re.MULTILINE)
# a paragraph of one image with words (a `[span]{.index}` in them too), or named or
# described (octavo.render.floats.lone_image)
_FIGURE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)(\{[^}]*\})?")
_NAMED = re.compile(r"#|fig-alt=")
_BLANK = re.compile(r"\n[ \t]*\n")
# a numbered example's item, in a quote or a bullet list too: `(@)`, `(@label)`, `@.`, `@)`
_EXAMPLE = re.compile(r"^[ \t]*(?:[>*+-][ \t]+)*(?:\(@([\w-]*)\)|@([\w-]*)[.)])[ \t]", re.MULTILINE)
_FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1", re.MULTILINE | re.DOTALL)


def counted(markdown: str) -> tuple[int, int, int, int]:
    """The notes, numbered tables, figures and examples a section's Markdown is expected to
    render (octavo.render.footnotes, octavo.render.floats, octavo.render.example_lists):
    called notes that are defined, tables with a `Table:` paragraph beside them, paragraphs
    of one image, lines that begin with `(@)` or `(@label)`. A guess, right for ordinary
    Markdown, checked by the rendering's key (see the module's docstring)."""
    notes = 0
    if "[^" in markdown:
        called = set(_REFERENCE.findall(markdown))
        notes = len(called & set(_DEFINITION.findall("\n" + markdown)))
    blocks = [b.strip() for b in _BLANK.split(markdown)]
    tables = figures = 0
    captioned: set[int] = set()
    for i, block in enumerate(blocks):
        image = _FIGURE.fullmatch(block)
        if image and (image[1].strip() or _NAMED.search(image[2] or "")):
            figures += 1
        html = block[:6].lower() == "<table"  # octavo.render.html_tables
        if html and re.search(r"<caption\b[^>]*>\s*[^<\s]", block, re.IGNORECASE):
            tables += 1  # its own caption: a `Table:` paragraph beside it is not its
            continue
        if not (html or _table_like(block)):
            continue
        if block[0] == "|" and _CAPTION_LINE.search(block):
            tables += 1  # a pipe table's caption line, right below its rows
            continue
        for j in (i + 1, i - 1):  # a caption after the table first, as floats.table
            if 0 <= j < len(blocks) and j not in captioned and _CAPTION.match(blocks[j]):
                captioned.add(j)
                tables += 1
                break
    examples = len(_EXAMPLE.findall(_FENCED.sub("", markdown))) if "@" in markdown else 0
    return notes, tables, figures, examples


def _table_like(block: str) -> bool:
    """Does a block (lines between blank ones) hold a table, or a part of one, of the kinds
    octavo reads: a pipe table (`|`), a grid table (`+---+`), a pandoc simple or multiline
    table (dashed lines; a multiline table's blank lines cut it into several blocks)? A
    dashed line alone is a rule; a setext heading's is taken for a table's (a guess)."""
    if block[:1] == "|" or block[:2] in ("+-", "+="):
        return True
    return "\n" in block and _DASHED.search(block) is not None


def example_lines(markdown: str) -> list[tuple[int, str]]:
    """Each numbered example's item outside fenced code, as `counted` finds them: its line
    (0-based) and its label ("" for `(@)`)."""
    kept = _FENCED.sub(lambda m: "\n" * m[0].count("\n"), markdown)
    return [(kept.count("\n", 0, m.start()), m[1] or m[2] or "") for m in _EXAMPLE.finditer(kept)]


class Split:
    """The two ends of the sections' list, in memory shared across the fork, and the pipe
    the helper sends its renderings through."""

    def __init__(self) -> None:
        self._ends = mmap.mmap(-1, _ENDS.size)  # anonymous and shared: both see each write
        self._ends[:] = _ENDS.pack(0, _OPEN)
        self.inbox, self.outbox = os.pipe()
        self._entries: dict[str, Any] | None = None

    def _read(self) -> tuple[int, int]:
        front, back = _ENDS.unpack(self._ends[:])
        return front, back

    def claim(self, index: int) -> bool:
        """This process's claim of section `index` (sections are claimed in order): False
        once the helper has claimed it, and those after it (their renderings are then in
        `entries`). Each process writes its own end, then reads the other's: at worst both
        render the section where they meet."""
        self._ends[:_HALF] = _END.pack(index + 1)
        return index < self._read()[1]

    def claim_back(self, count: int) -> int | None:
        """The helper's next claim, from the last of `count` sections towards the front;
        None once they met."""
        index = min(self._read()[1], count) - 1
        self._ends[_HALF:] = _END.pack(index)
        return index if index >= self._read()[0] else None

    def entries(self) -> Mapping[str, Any]:
        """The helper's renderings (octavo.render.markdown_cache's key -> its
        dump_fragment), waited for once; {} if it sent none whole (it ended, or failed)."""
        if self._entries is None:
            self._entries = {}
            with contextlib.suppress(Exception):  # anything but a whole dict: {}
                data = received(self.inbox, WAIT)
                if data is not None:
                    found = pickle.loads(data)
                    self._entries = found if isinstance(found, dict) else {}
        return self._entries

    def close(self) -> None:
        for fd in (self.inbox, self.outbox):
            if fd >= 0:
                os.close(fd)
        self.inbox = self.outbox = -1
        self._ends.close()


@contextlib.contextmanager
def helping(book: Book, after: int = -1) -> Iterator[Split | None]:
    """A helper forked to render `book`'s sections from the back (None: not on this
    system), once `after` can be read (the EPUB writer's process says it is prepared, or
    ended: octavo.render.epub.beside); ended (killed if need be) on leaving. It must be
    gone before the manuscript is sent to the writer, which reads it to the pipe's end:
    leaving this ends it."""
    if not sys.platform.startswith("linux") or cores() < 2:
        yield None
        return
    split = Split()

    def child() -> int:
        os.close(split.inbox)
        return _help(book, split, after)

    pid = forked(child)
    if pid is None:  # no process to be had: this one renders them all
        split.close()
        yield None
        return
    os.close(split.outbox)
    split.outbox = -1
    try:
        yield split
    finally:
        split.close()
        with contextlib.suppress(ProcessLookupError):  # done, or left: rendering is pure
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _help(book: Book, split: Split, after: int) -> int:
    """The helper: render from the back, once `after` (a pipe's end, -1: none) can be read,
    send the renderings, end. It never prints, and its cyclic collector is off (it lives
    for the rendering, and ends by os._exit)."""
    gc.disable()
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (until os._exit)
    if after >= 0:  # the EPUB writer's preparing first: it needs the second core too
        with contextlib.suppress(OSError):
            select.select([after], [], [])
    from octavo.render.drafts import estimated_contexts

    render_back(split, estimated_contexts(book, counted))
    return 0


def render_back(split: Split, work: list[tuple[str, Context, str]]) -> None:
    """Render `work` ((Markdown, Context, folder) a section, as estimated_contexts makes
    it) from the back while the other process renders from the front, then send what was
    made, by key, all at once (a pipe's buffer would stop the helper mid-way otherwise)."""
    from octavo.cache import fingerprint
    from octavo.render.markdown import render_block
    from octavo.render.markdown_cache import dump_fragment

    made: dict[str, Any] = {}
    while (index := split.claim_back(len(work))) is not None:
        text, context, folder = work[index]
        try:
            fragment = render_block(text, context=context, folder=folder)
        except Exception:  # rendered again over there, which reports it
            continue
        made[fingerprint(text, repr(context), folder)] = dump_fragment(fragment)
    outbox, split.outbox = split.outbox, -1
    sent(outbox, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
