"""Each font written once for the whole book, from the glyphs its pages draw (issue 17).

The parts' PDFs each carry their own subset, /W array and ToUnicode CMap of every font;
a part spliced from two layouts (an edit below a chapter) carries glyphs of pages the
edit replaced too, so its fonts depend on the history of edits. Here the book's fonts
are made from the records of the final pages alone (octavo.render.pdf.parallel.page_glyphs,
`PageMap.glyphs`), in book order, the stamp's pages with the pages they are laid over:

- the glyphs of a font: every glyph the book's pages draw in it; its width and its text
  (ToUnicode) those of its first use in the book;
- its file: the whole font (kept in the cache by digest, `keep_files`) subset to those
  glyphs, their ids kept (octavo.render.pdf.parallel.font_subset, in a worker), kept in
  the cache by font and glyphs: an edit that adds no glyph makes no subset;
- the Type0 font, its CIDFont, descriptor, /W and ToUnicode CMap written from those
  records, in the shape WeasyPrint writes them (octavo.render.pdf.parallel.font_dicts);
- each part's font resources (one dictionary a part, shared by its pages and forms) then
  name the book's font of each hash its pages in the book draw, and nothing else.

What the records cannot cover keeps the parts' fonts (octavo.render.pdf.parallel.fonts
`share_fonts`, the union of the subsets): a font whose `Face.whole` is False in a part
(glyphs missing from it, whose .notdef stand-ins take ids in the order they were met; a
bitmap, colour or variable font; a font in forms), a font whose parts disagree on its
file or name, a font whose whole file the cache no longer holds; every font of a book
with a part laid out without records (a part of an older cache format: none, since
parts_store.FORMAT names the records).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from octavo.cache import Store, fingerprint, touch
from octavo.render.pdf.parallel.page_glyphs import FONT_FILE, Face, Glyph, PageGlyphs
from octavo.render.pdf.parallel.page_maps import PageMap
from octavo.render.pdf.parallel.part import PartLayout

__all__ = ["BookFont", "Plan", "book_fonts", "keep_files", "plan", "subsets"]

_files: OrderedDict[str, bytes] = OrderedDict()  # whole font files seen by this process
_KEPT_FILES = 16


@dataclass(frozen=True, slots=True)
class BookFont:
    face: Face
    glyphs: tuple[Glyph, ...]  # by id: the width and text of its first use in the book


@dataclass(frozen=True, slots=True)
class Plan:
    fonts: dict[str, BookFont]  # by hash: the fonts written from the records
    used: tuple[frozenset[str], ...]  # the hashes each part's pages in the book draw
    covered: bool  # every font of every part is in `fonts`


def keep_files(files: Iterable[tuple[str, bytes]]) -> None:
    """Whole font files sent by a worker (`PartLayout.files`: a build without a cache; with
    one, the worker kept them there, page_glyphs.keep_files), kept here for this build."""
    for digest, data in files:
        _remember(digest, data)


def _remember(digest: str, data: bytes) -> None:
    _files[digest] = data
    _files.move_to_end(digest)
    while len(_files) > _KEPT_FILES:
        _files.popitem(last=False)


def _file(store: Store, digest: str) -> bytes | None:
    found = _files.get(digest)
    if found is None:
        found = store.get(FONT_FILE.format(digest))
        if found is not None:
            _remember(digest, found)
    return found


def plan(parts: Sequence[tuple[PartLayout, Sequence[PageMap | None]]]) -> Plan:
    """The book's fonts from `parts`: each part with its pages in book order, a page
    followed by the stamp's page laid over it (None where a part has no page there)."""
    if any(part.faces is None for part, _ in parts):
        return Plan({}, tuple(frozenset() for _ in parts), False)
    faces: dict[str, Face | None] = {}
    for part, _ in parts:
        for face in part.faces or ():
            known = faces.setdefault(face.hash, face)
            if known != face or not face.whole:
                faces[face.hash] = None  # the parts disagree, or records cannot cover it
    found: dict[str, dict[int, Glyph]] = {}
    used = []
    for _, pages in parts:
        here: set[str] = set()
        for page in pages:
            if page is None:
                continue
            if page.glyphs is None:
                return Plan({}, tuple(frozenset() for _ in parts), False)
            _add(page.glyphs, found, here)
        used.append(frozenset(here))
    fonts = {}
    for name, glyphs in sorted(found.items()):
        chosen = faces.get(name)
        if chosen is not None:
            fonts[name] = BookFont(chosen, tuple(glyphs[g] for g in sorted(glyphs)))
    covered = all(f is not None for f in faces.values())
    return Plan(fonts, tuple(frozenset(u) for u in used), covered)


def _add(glyphs: PageGlyphs, found: dict[str, dict[int, Glyph]], here: set[str]) -> None:
    for name, drawn in glyphs:
        here.add(name)
        known = found.setdefault(name, {})
        for glyph in drawn:
            known.setdefault(glyph[0], glyph)


def stamped_pages(parts: int, stamp: PartLayout) -> int:
    """How many of the stamp's pages the merge lays over a book of `parts` parts: all but
    its last, the appendix's first, which prints its own heads (none without a body)."""
    return len(stamp.pages) - 1 if parts > 1 else 0


def book_fonts(placed: Sequence[PartLayout], stamp: PartLayout) -> Plan:
    """The plan of a book of the `placed` parts (in book order) and `stamp` laid over its
    body: the parts' pages in book order, then the stamp's (its running heads and folios:
    a glyph's text is the same wherever it is drawn but for a glyph that stands for two
    texts, whose first is then the body's)."""
    stamped = stamped_pages(len(placed), stamp)
    return plan((*((part, part.pages) for part in placed), (stamp, stamp.pages[:stamped])))


def _ids(font: BookFont) -> tuple[int, ...]:
    return tuple(g for g, _, _ in font.glyphs)


def subset_name(font: BookFont) -> str:
    ids = ",".join(map(str, _ids(font)))
    return "fontsub-" + fingerprint("book-font", font.face.digest, str(font.face.index), ids)


def subsets(fonts: dict[str, BookFont], store: Store, pool: Executor | None) -> dict[str, bytes]:
    """Each font's file cut to its glyphs, by hash: from the cache, else made (in `pool`'s
    workers when given); a font whose whole file is not at hand is left out."""
    from octavo.render.pdf.parallel.font_subset import subset_font

    made: dict[str, bytes] = {}
    todo = {}
    for name, font in fonts.items():
        if store.folder is not None:  # used: the cache's pruning keeps it (octavo.cache.prune)
            touch(store.folder / FONT_FILE.format(font.face.digest))
        kept = store.get(subset_name(font))
        if kept is not None:
            made[name] = kept
            continue
        data = _file(store, font.face.digest)
        if data is not None:
            args = (data, font.face.index, _ids(font))
            todo[name] = pool.submit(subset_font, *args) if pool else subset_font(*args)
    for name, result in todo.items():
        try:
            try:
                data = result if isinstance(result, bytes) else result.result()
            except BrokenProcessPool:  # the workers are gone: the same subset, made here
                font = fonts[name]
                whole = _file(store, font.face.digest) or b""
                data = subset_font(whole, font.face.index, _ids(font))
        except Exception:
            continue  # a font that cannot be subset: the parts' own are kept (share_fonts)
        store.put(subset_name(fonts[name]), data)
        made[name] = data
    return made
