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
document is given it; in a process that only inherited the configuration (a worker forked
from the zygote), the face's file goes to a folder of this process's own first: the one
inherited is the same folder on disk for every worker, and WeasyPrint skips a face whose
file is already there (another worker's). Pango gives the same glyphs and metrics from a
warm font map as from a cold one.

The same warnings: the warnings WeasyPrint logs while the configuration is made (a broken
`@font-face`) are logged again by every document that is given it, as each document's own
configuration would log them, whichever worker lays it out and in whatever order.

Checked against: WeasyPrint 70.0 (`Fonts` stands in for its FontConfiguration: its
`font_map`, `strut_layouts`, `font_features`, `add_font_face(rule_descriptors,
url_fetcher)` and its folder `_folder`). On another version, or another shape, `applies()`
is False and every part is given a FontConfiguration of its own, as WeasyPrint does.

Never across books: a configuration is shared by `scope` (the book's folder and the digest
of its styles, fonts included: `styles_digest`) and faces; another book, or the same book
with another font, gets another one. Its temporary folder is removed by the process that
made it (`clean`: a worker after its last part, the zygote after its workers; at exit
otherwise), never by a process that only inherited it through a fork.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import os
import shutil
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.project import Project
from octavo.render.pdf.weasy_folders import LOCK, install, make_folder, remove_made
from octavo.render.pdf.weasy_patch import checked_source
from octavo.sandbox import digest_file

__all__ = ["Fonts", "applies", "clean", "scope", "styles_digest"]

CHECKED = "70."
SHAPE = (  # what `Fonts` relies on in FontConfiguration's source
    "def add_font_face(self, rule_descriptors, url_fetcher):",
    "self.font_map = ",
    "self.strut_layouts = ",
    "self.font_features = ",
    "self._folder = Path(mkdtemp(",
    "if font_path.exists():",
)
KEPT = 4  # configurations kept by scope and faces (a worker serves one book: one)

Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Shared:
    config: Any  # WeasyPrint's FontConfiguration
    warned: tuple[str, ...]  # WeasyPrint's warnings while it was made, logged again by each user
    files: frozenset[str]  # the names in its folder when made: its faces' files


_shared: OrderedDict[Key, _Shared] = OrderedDict()
_made: list[tuple[int, Any]] = []  # (pid of the maker, configuration): kept alive until clean
_registered: list[bool] = []


@functools.cache
def applies() -> bool:
    """Whether parts share font configurations here: WeasyPrint is the version `Fonts` was
    read against and its FontConfiguration still has the shape read (`SHAPE`)."""
    from weasyprint.text import fonts

    source = checked_source(CHECKED, fonts, "FontConfiguration")
    return source is not None and all(s in source for s in SHAPE)


class Fonts:
    """The `font_config` of one document: the shared configuration of `scope` with the
    faces its stylesheets add (see the module's docstring)."""

    def __init__(self, scope: str):
        self._scope = scope
        self._faces: list[tuple[Any, Any]] = []
        self._config: Any = None
        self._files: frozenset[str] = frozenset()

    def add_font_face(self, descriptors: Any, url_fetcher: Any) -> Any:
        if self._config is None:
            self._faces.append((descriptors, url_fetcher))
            return None
        for key, shared in list(_shared.items()):
            if shared.config is self._config:
                del _shared[key]  # it holds a face more than its key says: this document's
        if (os.getpid(), self._config) not in _made:
            _own_folder(self._config, self._files)
        return self._config.add_font_face(descriptors, url_fetcher)

    def __getattr__(self, name: str) -> Any:
        """The first use of the fonts (font_map, strut_layouts, font_features): the shared
        configuration found or made, its attributes then read directly."""
        if name.startswith("__") or self._config is not None:
            raise AttributeError(name)
        shared, found = _config(self._scope, self._faces)
        for message in shared.warned if found else ():  # made: logged as it was made
            logging.getLogger("weasyprint").warning("%s", message)
        config = self._config = shared.config
        self._files = shared.files
        self.font_map = config.font_map
        self.strut_layouts = config.strut_layouts
        self.font_features = config.font_features
        return getattr(config, name)


def _config(scope: str, faces: list[tuple[Any, Any]]) -> tuple[_Shared, bool]:
    """The shared configuration of `scope` holding `faces`, and whether it was found."""
    key = (scope, tuple(str(descriptors) for descriptors, _ in faces))
    found = _shared.get(key)
    if found is not None:
        _shared.move_to_end(key)
        return found, True
    from weasyprint.text.fonts import FontConfiguration

    from octavo.render.pdf.weasy_log import warnings_logged

    install()  # its folder recorded (made by `make_folder`), so that `clean` removes it
    config = FontConfiguration()
    with warnings_logged() as logged:
        for descriptors, url_fetcher in faces:
            config.add_font_face(descriptors, url_fetcher)
    if not _registered:
        _registered.append(atexit.register(clean) is clean)
    _made.append((os.getpid(), config))
    folder = config._folder
    files = frozenset(os.listdir(folder)) - {LOCK} if folder is not None else frozenset()
    made = _shared[key] = _Shared(config, tuple(logged), files)
    while len(_shared) > KEPT:
        _, dropped = _shared.popitem(last=False)
        if (os.getpid(), dropped.config) in _made:  # another process's: never removed here
            _made.remove((os.getpid(), dropped.config))  # its folder: with its last document
    return made, False


def _own_folder(config: Any, files: frozenset[str]) -> None:
    """Give `config`, made by another process, a folder of this process's own holding the
    files of the faces it was made with (`files`): WeasyPrint then adds a face to it as
    to a configuration of this document's own, whatever other processes added to theirs."""
    folder = make_folder()
    for name in sorted(files):
        shutil.copyfile(os.path.join(config._folder, name), os.path.join(folder, name))
    config._folder = Path(folder)
    _made.append((os.getpid(), config))  # this folder is removed here (`clean`)


def clean() -> None:
    """Remove the temporary font folders this process made (weasy_folders.remove_made: a
    worker ends without running exit handlers), its configurations' among them; forget
    every configuration (those it inherited stay alive, unused: their maker removes them)."""
    me = os.getpid()
    _shared.clear()
    for pid, config in _made:
        if pid == me:
            config._folder = None  # removed below: not again when WeasyPrint collects it
    _made[:] = [(pid, config) for pid, config in _made if pid != me]
    remove_made()


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
