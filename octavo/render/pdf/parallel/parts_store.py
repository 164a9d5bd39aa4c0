"""The laid-out parts of a parallel PDF build kept between builds (octavo.cache, signed):
each part's PDF and page map by a key of its HTML and everything else its layout depends on
(`salt`), and which layout of each part the last build used (the next build's guesses).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from octavo.cache import Store, fingerprint
from octavo.project import Project
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.book_fonts import keep_files
from octavo.render.pdf.parallel.part import PartJob, PartLayout
from octavo.render.pdf.parallel.part_json import from_json, to_json

__all__ = ["FORMAT", "PartStore", "book_files", "salt"]

FORMAT = "parts-9"  # bump when the page map, the part HTML or the note fixes change meaning
# (5: a part moves its broadside tables down the text: octavo.render.pdf.broadside_flow;
# 6: a hyphenated line at a page's foot goes on with the rest: octavo.render.pdf.notes.hyphens;
# 7: the broadside flow again, its decision layout with 6's hyphens held too;
# 8: each page's glyphs and the part's fonts: octavo.render.pdf.parallel.page_glyphs)


class PartStore:
    """Laid-out parts by key: <key>.pdf and <key>.json in `folder` (None: no cache); a
    chapter's also <key>.state, its pages' layout states and its tree's digests
    (octavo.render.pdf.parallel.resume starts an edit's layout from them)."""

    def __init__(self, folder: Path | None, salt: str, book: str = ""):
        self.store, self.salt, self.book = Store(folder, signed=True), salt, book
        self.fonts = ""  # the workers' shared fonts (octavo.render.pdf.parallel.shared_fonts)
        self.laid_out: list[str] = []
        self.reused: list[str] = []
        self.guessed: list[str] = []
        # the tail's jobs made this build, by what they read of the layouts (jobs.made)
        self.made: dict[tuple[object, ...], PartJob] = {}

    def keyed(self, job: PartJob) -> PartJob:
        key = fingerprint(self.salt, job.name, job.html, job.xmp)
        folder = str(self.store.folder) if self.store.folder is not None else ""
        return replace(job, key=key, fonts=self.fonts, cache=folder)

    def get(self, job: PartJob) -> PartLayout | None:
        pdf, meta = self.store.get(f"{job.key}.pdf"), self.store.get(f"{job.key}.json")
        if pdf is None or meta is None:
            return None
        try:
            found = from_json(meta.decode("utf-8"), pdf)
        except (ValueError, KeyError, TypeError):
            return None  # damaged: lay it out again
        self.reused.append(job.name)
        return found

    def last(self, name: str) -> PartLayout | None:
        """The page map of the part `name` as the last build laid it out (no PDF)."""
        key = self.store.get(self._last(name))
        meta = self.store.get(f"{key.decode('ascii', 'replace')}.json") if key else None
        try:
            return from_json(meta.decode("utf-8"), b"") if meta else None
        except (ValueError, KeyError, TypeError):
            return None

    def resumable(self, name: str) -> str | None:
        """The key of the part `name`'s last layout (`last`) when its pages' states are
        kept: an edit of it may resume there (octavo.render.pdf.parallel.resume)."""
        key = self.store.get(self._last(name))
        if key is None or self.store.folder is None:
            return None
        text = key.decode("ascii", "replace")
        return text if (self.store.folder / f"{text}.state").is_file() else None

    def remember(self, parts: Iterable[PartLayout]) -> None:
        """Which layout of each part this build used: the next build's guesses."""
        for part in parts:
            if self.store.get(self._last(part.name)) != part.key.encode():
                self.store.put(self._last(part.name), part.key.encode())

    def _last(self, name: str) -> str:
        return f"last-{fingerprint(self.salt, self.book, name)}"

    def put(self, layout: PartLayout) -> None:
        self.laid_out.append(layout.name)
        keep_files(layout.files)
        if not layout.warnings:
            self.store.put(f"{layout.key}.pdf", layout.pdf)
            self.store.put(f"{layout.key}.json", to_json(layout).encode("utf-8"))
            if layout.state:
                self.store.put(f"{layout.key}.state", layout.state)


def salt(options: PdfOptions, styles: str, files: str = "") -> str:
    """What a part's layout depends on besides its HTML: styles (`styles_digest`: fonts
    included), the book's other files (`book_files`), options, versions."""
    return fingerprint(FORMAT, str(options), styles, files)


def book_files(project: Project, cache: Path | None) -> str:
    """A digest of the book folder's files but its Markdown (whose text is in the parts'
    HTML): the images, fonts and anything else a part's HTML or stylesheets can load by
    URL. An image replaced by another of the same size changed no HTML: without this, the
    part that shows it was taken from the cache as it was. Read by the change check's
    rules, from the digests it kept by stat (octavo.stat_cache): no file is read again."""
    from octavo.stat_cache import folder_digests

    digest = hashlib.sha256()
    state = project.state if cache is not None else None
    for relative, found in folder_digests(project.root.resolve(), state):
        if not relative.endswith(".md"):
            digest.update(f"{relative}\0".encode("utf-8", "surrogateescape") + found)
    return digest.hexdigest()
