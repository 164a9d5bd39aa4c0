"""The EPUB's stylesheets: read through the sandbox, checked like print CSS, resolved for
reading systems (octavo.render.epub.css), and kept.

The EPUB packs only its stylesheets: a rule that would load anything else (`@import`, a
`url()` to a file or the network) could not work in a reading system, and would be a way to
reach out of the book. Such a stylesheet is refused (E602 for the network, E608 otherwise);
`data:` URLs are kept, up to the same size as in print (E607).

What a set of sheets gives (checked and resolved) is kept in the cache store by the exact
bytes and places of the sheets read, so a rebuild reads them and parses nothing: tinycss2
is not imported (octavo's own sheets, a book without styles of its own: in the user's cache
folder, so a cold build parses nothing either). The entry is signed with this user's key
(octavo.render.signed): its CSS goes into the EPUB as it is, and the state folder may be an
untrusted book's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from octavo.cache import Store, fingerprint
from octavo.errors import BuildError, Diagnostic, error
from octavo.install import install_state
from octavo.limits import MAX_DATA_URL
from octavo.project import STYLES, Project
from octavo.render.signed import sign, verified
from octavo.sandbox import FileRefused, read_file

__all__ = ["epub_stylesheets"]

HINT = "the EPUB packs only its stylesheets: use a data: URL, or drop the rule"


def epub_stylesheets(
    layers: Sequence[tuple[str, str]], project: Project, cache: Path | None = None
) -> tuple[tuple[str, bytes], ...]:
    """(name in the EPUB, CSS bytes) for each (style path, name) layer, found on the book's
    style search path, read through the sandbox, checked and resolved for reading systems
    (E602, E607, E608, E706 otherwise). `cache`: the cache store's folder, where the
    result is kept for these sheets' bytes (None: made every time)."""
    read = [_read(source, project) for source, _ in layers]
    store = Store(_keeping(read, cache))
    key = fingerprint(*(f"{path}\0".encode() + data for path, data in read))
    entry = f"epub-css-{key}.json"
    kept = _kept(store.get(entry), len(layers))
    if kept is None:
        kept = _resolved(tuple(read))
        signed = sign(json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        if signed is not None:
            store.put(entry, signed, durable=False)
    return tuple((name, css.encode("utf-8")) for (_, name), css in zip(layers, kept, strict=True))


def _keeping(read: list[tuple[Path, bytes]], cache: Path | None) -> Path | None:
    """Where the resolved sheets are kept: the cache store `cache`, unless every sheet is
    octavo's own (a book without styles of its own): what they give is then octavo's
    install, the same for every book, and kept in the user's cache folder (beside the
    digests of octavo's code, octavo.install.install_state), so that a cold build (its state
    removed) does not import tinycss2 and resolve them again: 45-60 ms of the EPUB
    writer's CPU."""
    if cache is None:
        return None
    shipped = STYLES.resolve()
    if all(path.resolve().is_relative_to(shipped) for path, _ in read):
        return install_state() / "cache"
    return cache


def _read(name: str, project: Project) -> tuple[Path, bytes]:
    path = project.style(name)
    try:
        return path, read_file(path, project.sandbox_roots, "style")
    except FileRefused as refused:
        raise BuildError([refused.diagnostic]) from refused


def _kept(blob: bytes | None, count: int) -> tuple[str, ...] | None:
    """A kept entry's sheets, if this user signed it and it holds `count` of them."""
    data = verified(blob) if blob is not None else None
    if data is None:
        return None
    try:
        sheets = json.loads(data)
    except ValueError:
        return None
    if not isinstance(sheets, list) or len(sheets) != count:
        return None
    if not all(isinstance(sheet, str) for sheet in sheets):
        return None
    return tuple(sheets)


@lru_cache(maxsize=8)
def _resolved(read: tuple[tuple[Path, bytes], ...]) -> tuple[str, ...]:
    """Every sheet checked (all problems together), then resolved: once a process for the
    same sheets (the EPUB writer's second process, octavo.render.epub.beside, makes them
    before the manuscript is ready)."""
    from octavo.render.epub.css import Sheet, StyleError, reading_system_css

    problems = [p for path, data in read for p in _problems(data, path)]
    if problems:
        raise BuildError(problems)
    sheets = []
    for path, data in read:
        try:
            sheets.append(Sheet(path, data.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise StyleError(path, None, f"not UTF-8 (byte {exc.start})") from exc
    return reading_system_css(sheets)


@lru_cache(maxsize=8)
def _problems(data: bytes, path: Path) -> tuple[Diagnostic, ...]:
    """What reaches out of `data` (the sheet at `path`): checked once a process."""
    return tuple(_reaching_out(data.decode("utf-8", "replace"), path))


def _reaching_out(css: str, path: Path) -> Iterator[Diagnostic]:
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for node in _walk(rules):
        if node.type == "at-rule" and node.lower_at_keyword == "import":
            yield error("E608", "@import in an EPUB stylesheet", path, node.source_line, HINT)
        url = _url(node)
        if url is None or (url.lower().startswith("data:") and len(url) <= MAX_DATA_URL):
            continue
        if url.lower().startswith("data:"):
            yield error("E607", "data: URL over 2048 KiB", path, node.source_line, HINT)
        elif ":" in url.split("/")[0]:
            yield error("E602", f"refused to load {url[:80]}", path, node.source_line, HINT)
        else:
            yield error(
                "E608", f"url({url[:80]}) in an EPUB stylesheet", path, node.source_line, HINT
            )


def _url(node: Any) -> str | None:
    if node.type == "url":
        return str(node.value)
    if node.type == "function" and node.lower_name in ("url", "src", "image-set", "image"):
        strings = [a.value for a in node.arguments if a.type == "string"]
        return str(strings[0]) if strings else ""
    return None


def _walk(nodes: Any) -> Iterator[Any]:
    for node in nodes or ():
        yield node
        for child in ("prelude", "content", "arguments"):
            yield from _walk(getattr(node, child, None))
        if node.type in ("() block", "[] block", "{} block"):
            yield from _walk(node.content)
