"""Each section's rendering kept between builds, so an edit renders again only what changed.

A section's Fragment (octavo.render.markdown) depends on its Markdown, its folder in the book
and its Context: the numbers its notes, tables and figures start from, the chapter, the
labels' words, index.toml's terms. The key of an entry is the fingerprint (octavo.cache: it
starts from octavo's code and the libraries' versions) of all of these, so a hit is the
Fragment `render_block` would make. An edit that adds a note renumbers the notes after it:
those sections' contexts change, and they are rendered again.

The same file keeps each raster image's format and size by its bytes (Pillow's import is
most of measuring one), and each title's rendering.

The entries of one book live in one JSON file of the cache store, rewritten (with the entries
this build used, no others) only when something was rendered; one file a book, not one a
section: 800 sections are one read, not 800. The file is signed with this user's key
(octavo.render.signed): its XHTML goes into the outputs past the cleaner, and the state
folder may be an untrusted book's, which could ship a file of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from octavo.cache import Store, fingerprint
from octavo.model.quotes import QuoteTable
from octavo.render.images import raster_key, raster_size
from octavo.render.index_marks import MarkUse
from octavo.render.markdown import Context, Fragment, render_block
from octavo.render.sanitize import Removal
from octavo.render.signed import sign, verified
from octavo.render.titles import title_html
from octavo.render.tokens import Caption, HeadingUse, ImageUse, NoteUse, Problem

if TYPE_CHECKING:
    from octavo.render.citation_syntax import CitationUse
    from octavo.render.split import Split

__all__ = ["SectionCache", "dump_fragment", "load_fragment", "raster_key"]


def _rows(items: tuple[Any, ...]) -> list[list[Any]]:
    return [[getattr(item, name) for name in item.__slots__] for item in items]


def dump_fragment(fragment: Fragment) -> list[Any]:
    """A Fragment as JSON-ready lists (fields in order)."""
    return [
        fragment.html,
        _rows(fragment.images),
        [list(link) for link in fragment.links],
        _rows(fragment.removed),
        fragment.too_deep,
        _rows(fragment.headings),
        _rows(fragment.tables),
        _rows(fragment.figures),
        _rows(fragment.notes),
        [list(ident) for ident in fragment.ids],
        _rows(fragment.problems),
        [[m.id, list(m.path), m.see, m.see_also, m.text, m.line] for m in fragment.marks],
        list(fragment.examples),
        [[_rows(u.cites), u.in_text, u.written, u.line] for u in fragment.citations],
    ]


def load_fragment(data: list[Any]) -> Fragment:
    """`dump_fragment` read back."""
    html, images, links, removed, deep, headings, tables, figures, notes, ids, problems = data[:11]
    marks, examples, citations = data[11:]
    return Fragment(
        html,
        tuple(ImageUse(*row) for row in images),
        tuple((href, line) for href, line in links),
        tuple(Removal(*row) for row in removed),
        deep,
        tuple(HeadingUse(*row) for row in headings),
        tuple(Caption(*row) for row in tables),
        tuple(Caption(*row) for row in figures),
        tuple(NoteUse(*row) for row in notes),
        tuple((ident, line) for ident, line in ids),
        tuple(Problem(*row) for row in problems),
        tuple(MarkUse(m[0], tuple(m[1]), *m[2:]) for m in marks),
        tuple(str(label) for label in examples),
        tuple(_citation(*row) for row in citations),
    )


def _citation(cites: list[list[Any]], in_text: bool, written: str, line: int) -> CitationUse:
    from octavo.render.citation_syntax import CitationUse, Cite

    return CitationUse(tuple(Cite(*c) for c in cites), in_text, written, line)


def _name_of(root: Path) -> str:
    return f"sections-{fingerprint(str(root))[:16]}.json"


def _is_size(entry: object) -> bool:
    """A measure as kept: [format, width, height], or why it could not be read."""
    if isinstance(entry, list):
        return [type(v) for v in entry] == [str, int, int]
    return isinstance(entry, str)


class SectionCache:
    """`render` is render_block and `title` a title's rendering, through the entries of `store`'s
    file `name`; `save` writes the entries used back when any was made (call it once, after
    the last section)."""

    def __init__(self, store: Store, name: str, root: Path):
        self.store, self.name = store, name
        self.root = root  # the book folder, resolved
        self.folders: dict[Path, str] = {}  # a source's folder -> in the book (this build)
        self.old: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.made = 0
        self.measured: Callable[[], Mapping[str, Any]] | None = None  # raster_key -> size
        self.split: Split | None = None  # sections rendered from the back by another process
        self.position = 0  # the next section's place in the book (`render` is called in order)
        data = store.get(name)
        data = verified(data) if data is not None else None  # a planted file is not taken
        if data is not None:
            try:
                found = json.loads(data)
            except ValueError:
                found = None  # damaged: made again
            if isinstance(found, dict):
                self.old = found

    @classmethod
    def of_book(cls, cache: Path | None, root: Path) -> SectionCache:
        """The entries of the book in folder `root`, in the cache store's folder `cache`."""
        resolved = root.resolve()
        return cls(Store(cache), _name_of(resolved), resolved)

    @staticmethod
    def kept(cache: Path | None, root: Path) -> bool:
        """Is there a file of entries for the book in folder `root` (a cold build has none)?"""
        return cache is not None and (cache / _name_of(root.resolve())).is_file()

    def render(self, text: str, context: Context, folder: str) -> Fragment:
        """The section's Fragment: kept, else rendered by the other process (`split`, if it
        claimed the section first, under this very key), else rendered here. Called for
        each section of the book in order."""
        key = fingerprint(text, repr(context), folder)
        position, self.position = self.position, self.position + 1
        entry = self.old.get(key)
        if entry is not None:
            try:
                fragment = load_fragment(entry)
            except (TypeError, ValueError):
                pass  # not an entry this code wrote: made again
            else:
                self.used[key] = entry
                return fragment
        if self.split is not None and not self.split.claim(position):
            entry = self.split.entries().get(key)
            if entry is not None:
                self.used[key] = entry
                self.made += 1
                return load_fragment(entry)
        fragment = render_block(text, context=context, folder=folder)
        self.used[key] = dump_fragment(fragment)
        self.made += 1
        return fragment

    def title(self, text: str, language: str, quotes: QuoteTable) -> str:
        """A title (or an author's name) as inline XHTML (title_html, its quotes those of
        `language`) through the cache."""
        key = "title:" + fingerprint(text, language, repr(quotes))
        entry = self.old.get(key)
        if not isinstance(entry, str):
            entry = title_html(text, language, quotes)
            self.made += 1
        self.used[key] = entry
        return entry

    def raster(self, data: bytes) -> tuple[str, int, int] | str:
        """A raster image's format and size (octavo.render.images.raster_size) through the
        cache: Pillow is imported only for an image not measured before, nor by the EPUB
        writer's process (`measured`: what it measured, if it has said so yet)."""
        key = raster_key(data)
        entry = self.old.get(key)
        if not _is_size(entry) and self.measured is not None:
            entry = self.measured().get(key)
            self.made += _is_size(entry)
        if isinstance(entry, list) and _is_size(entry):
            measured: tuple[str, int, int] | str = (entry[0], entry[1], entry[2])
        elif isinstance(entry, str):
            measured = entry
        else:
            measured = raster_size(data)
            entry = list(measured) if isinstance(measured, tuple) else measured
            self.made += 1
        self.used[key] = entry
        return measured

    def save(self) -> None:
        if self.made or len(self.used) != len(self.old):
            data = json.dumps(self.used, ensure_ascii=False, separators=(",", ":"))
            signed = sign(data.encode("utf-8"))
            if signed is not None:
                self.store.put(self.name, signed, durable=False)
