"""One WeasyPrint font configuration for every part a worker lays out of one book.

WeasyPrint gives each document a FontConfiguration of its own: fontconfig's configuration
loaded again, every `@font-face` font copied to a temporary folder and registered, and
Pango's font map, with its caches of fonts, metrics and shapes, filled again from nothing.
A parallel build lays out every chapter as a document: here the parts a worker lays out
share one configuration, so that work is done once a worker (once for all of them when the
workers' zygote made it while warming up: octavo.zygote), 3-7 % less CPU a part.

Why the bytes are the same: a document is given `Fonts`, which records the `@font-face`
rules its stylesheets add and, at the first use of the fonts (layout, after every
stylesheet is read), becomes the shared configuration holding exactly those faces, added
in the same order: the fonts a fresh configuration would hold. A face added after that (an
SVG image's) goes to the shared one too, which is then this document's alone: no other
document is given it. Pango gives the same glyphs and metrics from a warm font map as from
a cold one.

Never across books: a configuration is shared by `scope` (the book's folder and the digest
of its styles, fonts included: `styles_digest`) and faces; another book, or the same book
with another font, gets another one. Its temporary folder is removed by the process that
made it (`clean`: a worker after its last part, the zygote after its workers; at exit
otherwise), never by a process that only inherited it through a fork.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
from collections import OrderedDict
from typing import Any

from octavo.project import Project
from octavo.sandbox import digest_file

__all__ = ["Fonts", "clean", "scope", "styles_digest"]

KEPT = 4  # configurations kept by scope and faces (a worker serves one book: one)

Key = tuple[str, tuple[str, ...]]

_shared: OrderedDict[Key, Any] = OrderedDict()
_made: list[tuple[int, Any]] = []  # (pid of the maker, configuration): kept alive until clean
_registered: list[bool] = []


class Fonts:
    """The `font_config` of one document: the shared configuration of `scope` with the
    faces its stylesheets add (see the module's docstring)."""

    def __init__(self, scope: str):
        self._scope = scope
        self._faces: list[tuple[Any, Any]] = []
        self._config: Any = None

    def add_font_face(self, descriptors: Any, url_fetcher: Any) -> Any:
        if self._config is None:
            self._faces.append((descriptors, url_fetcher))
            return None
        for key, config in list(_shared.items()):
            if config is self._config:
                del _shared[key]  # it holds a face more than its key says: this document's
        return self._config.add_font_face(descriptors, url_fetcher)

    def __getattr__(self, name: str) -> Any:
        """The first use of the fonts (font_map, strut_layouts, font_features): the shared
        configuration found or made, its attributes then read directly."""
        if name.startswith("__") or self._config is not None:
            raise AttributeError(name)
        config = self._config = _config(self._scope, self._faces)
        self.font_map = config.font_map
        self.strut_layouts = config.strut_layouts
        self.font_features = config.font_features
        return getattr(config, name)


def _config(scope: str, faces: list[tuple[Any, Any]]) -> Any:
    key = (scope, tuple(str(descriptors) for descriptors, _ in faces))
    found = _shared.get(key)
    if found is not None:
        _shared.move_to_end(key)
        return found
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    for descriptors, url_fetcher in faces:
        config.add_font_face(descriptors, url_fetcher)
    if not _registered:
        _registered.append(atexit.register(clean) is clean)
    _made.append((os.getpid(), config))
    _shared[key] = config
    while len(_shared) > KEPT:
        _, dropped = _shared.popitem(last=False)
        if (os.getpid(), dropped) in _made:  # another process's: never removed here
            _made.remove((os.getpid(), dropped))  # its folder goes with its last document
    return config


def clean() -> None:
    """Remove the temporary font folders of the configurations this process made; forget
    every configuration (those it inherited stay alive, unused: their maker removes them)."""
    me = os.getpid()
    _shared.clear()
    for pid, config in _made:
        if pid == me and config._folder is not None:
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None
    _made[:] = [(pid, config) for pid, config in _made if pid != me]


def scope(project: Project, styles: str) -> str:
    """What a shared configuration is for: this book (its folder), with these styles."""
    return hashlib.sha256(f"{project.root.resolve()}\0{styles}".encode()).hexdigest()[:32]


def styles_digest(project: Project) -> str:
    """A digest of every file of the book's styles folders (fonts included), as read by
    the sandbox's rules: what a part's layout depends on besides its HTML and options."""
    digest = hashlib.sha256()
    for folder in reversed(project.style_dirs):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():  # read by the sandbox's rules (no FIFO, no link out)
                name = str(path.relative_to(folder)).encode()
                digest.update(len(name).to_bytes(8, "big") + name)
                digest.update(digest_file(path, project.sandbox_roots))
    return digest.hexdigest()[:32]
