"""What the EPUB writer's process (octavo.render.epub.beside) does before the manuscript
comes: the writer's imports, the shipped cover drawn, the book's raster images measured
for the building process, the templates loaded, the stylesheets resolved, the book's
hyphenation patterns read and the deflate streams the last build kept."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from octavo.project import TEMPLATES, Project

if TYPE_CHECKING:
    from octavo.render.epub.deflate import Deflated

__all__ = ["measures", "prepare"]


_RASTERS = (".png", ".jpg", ".jpeg", ".gif")


def measures(root: Path) -> dict[str, object]:
    """Every raster image of the book folder measured as the parent would measure it
    (read by the sandbox's rules, octavo.render.images.raster_size, by raster_key): Pillow
    is imported here for the cover anyway, and here it is off the parent's way (its
    import and plugins: 18-28 ms before the manuscript can be sent). Never into a linked
    folder, nor build/ or a dot folder (octavo.stat_cache.skipped)."""
    from octavo.render.images import raster_key, raster_size, read_image
    from octavo.sandbox import FileRefused
    from octavo.stat_cache import skipped

    found: dict[str, object] = {}
    for here, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not skipped(f, True))
        for name in sorted(files):
            if not name.lower().endswith(_RASTERS) or skipped(name, False):
                continue
            relative = os.path.relpath(os.path.join(here, name), root).replace(os.sep, "/")
            try:
                data = read_image(root, relative)
            except FileRefused:
                continue
            size = raster_size(data)
            found[raster_key(data)] = list(size) if isinstance(size, tuple) else size
    return found


def prepare(project: Project, cache: Path | None, sizes: int = -1, told: int = -1) -> Deflated:
    """What the EPUB needs that does not wait for the manuscript: the writer's imports,
    the shipped cover (drawn from book.toml into the cache, unless it is there), the
    book's raster images measured for the parent (`sizes`, on a cold build), the
    templates, the stylesheets resolved, and the deflate streams kept by the last build.
    `told`: what the parent tells (octavo.render.epub.beside._told), read once the
    imports are done (by then it was sent).
    The book's language's hyphenation patterns are read too, which the table heads break
    by (octavo.render.epub.heads): 3-8 ms that were the render's, after the manuscript
    came; and in a build with the sections kept (an edit's), where the manuscript comes
    later than this is done, ICU and the language's collation for the index (9 ms)."""
    from octavo.render.epub import book  # noqa: F401  (its imports are the slow part)
    from octavo.render.epub.cover import cover_text_of, own_design, prepare_shipped_cover
    from octavo.render.epub.deflate import Deflated
    from octavo.render.epub.heads import hyphenated
    from octavo.render.epub.rendering import epub_layers
    from octavo.render.epub.styles import epub_stylesheets
    from octavo.render.hyphenation import patterns_folder, remember_patterns
    from octavo.render.titles import learn, title_html

    heard: dict[str, Any] = {}
    if told >= 0:
        with contextlib.suppress(OSError, ValueError), os.fdopen(told, "rb") as pipe:
            found = json.loads(pipe.read() or b"{}")
            heard = found if isinstance(found, dict) else {}
    if isinstance(heard.get("titles"), dict):
        learn({str(k): str(v) for k, v in heard["titles"].items()})
    config = project.config
    if not config.cover and not own_design(project):
        from octavo.source.labels import load_labels
        from octavo.source.quotes import load_quotes

        quotes, _ = load_quotes(config, project.template_dirs)  # its titles' marks
        labels, _ = load_labels(config, project.template_dirs)  # its contributors' words
        subtitle = title_html(config.subtitle, config.language, quotes) if config.subtitle else ""
        title = title_html(config.title, config.language, quotes)
        prepare_shipped_cover(config, cache, cover_text_of(config, labels, title, subtitle))
    if sizes >= 0:
        with contextlib.suppress(Exception), os.fdopen(sizes, "wb") as pipe:
            if heard.get("measure") is True:  # else the parent knows them
                pipe.write(json.dumps(measures(project.root)).encode())
    with contextlib.suppress(Exception):  # the table heads' patterns (.heads), read back
        remember_patterns(patterns_folder(cache))
        hyphenated(config.language)
    env = project.env()
    for name in sorted(os.listdir(TEMPLATES / "epub")):
        with contextlib.suppress(Exception):
            env.get_template(f"epub/{name}")
    with contextlib.suppress(Exception):  # made (and kept) for the render
        epub_stylesheets(epub_layers(project), project, cache)
    if heard.get("measure") is False:  # the sections kept: the manuscript comes later
        with contextlib.suppress(Exception):  # than this is done (the index sorts at once)
            from octavo.render.index import warm

            warm(config.language)
    return Deflated.of_book(cache, config.identifier)
