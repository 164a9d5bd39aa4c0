"""A saved page's images: the file beside the page an `<img>` names (never outside its
folder), its place in the book (`images/<page>-<name>`), its bytes read under the sandbox's
rules, the page's decorations left out, and a figure's caption taken from the line under
it that the page sets as one (octavo.importers.html_captions)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from octavo.errors import error
from octavo.importers.flatten import Item
from octavo.importers.page import Block
from octavo.sandbox import FileRefused, read_file
from octavo.text import slugify

__all__ = [
    "DECORATION",
    "RULE",
    "captioned",
    "decorations",
    "image_target",
    "local_image",
    "read_images",
]

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".gif", ".png", ".webp", ".svg"}

_FIGURE_LABEL = re.compile(r"(?i)(?:Figure|Fig\.)\s+(?P<number>\d[\w.-]*)\s*[.:]\s+(?=\S)")


def captioned(blocks: list[Block]) -> list[Block]:
    """An image takes the caption under it (its words, without the page's own 'Figure 8.':
    octavo numbers the book's figures), so that it is a figure with its caption, not an
    image and a caption set apart from it, or a 'Figure 1' over a paragraph 'Figure 8.':
    the line under an image without alt text that the page sets as its caption
    (octavo.importers.html_captions), or a line 'Figure 8. …' under one with alt text,
    whose alt text is then the figure's (fig-alt), when an attribute can hold it. An
    image's own alt text that opens 'Figure 8.' (its caption, with nothing under it) loses
    the number too. The number is kept on the figure (`number`): the import labels the
    figure by it, `{#fig:8}`, so that the text's "fig. 8" names it (octavo.importers.mentions)."""
    out: list[Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if before is None or before.kind != "image" or before.alt:
            out.append(block)
            continue
        label = _FIGURE_LABEL.match(block.text)
        labelled = label is not None and len(block.text.split()) < 40
        under = block.kind == "caption"  # the line under it the page sets as its caption
        if under or (block.kind == "paragraph" and labelled):
            alt = before.text if not set(before.text) & {'"', "\\"} else ""
            out[-1] = replace(
                before,
                text=_FIGURE_LABEL.sub("", block.text, count=1),
                markdown=_FIGURE_LABEL.sub("", block.markdown, count=1),
                alt=alt or " ",  # " ": captioned, no alt of its own
                number=label["number"] if label else "",
            )
            continue
        out.append(block)
    return [_numbered(replace(b, alt=b.alt.strip())) for b in out]


def _numbered(block: Block) -> Block:
    """An image captioned by its own alt text 'Figure 8. Railroads' without the 'Figure 8.'."""
    label = _FIGURE_LABEL.match(block.text) if block.kind == "image" else None
    if label is None or block.number or len(block.text.split()) >= 40:
        return block
    text = block.text[label.end() :]
    markdown = _FIGURE_LABEL.sub("", block.markdown, count=1)
    return replace(block, text=text, markdown=markdown, number=label["number"])


def local_image(page: Path, src: str) -> Path | None:
    """An image's file beside the saved page, when it is there (never outside its folder).
    A `src` no file can be (a NUL, a name longer than the system's limit, a link to
    itself) is no file there: Path.resolve() and is_file() raise for those."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    try:
        folder = page.parent.resolve()
        candidate = (folder / unquote(parts.path)).resolve()
        if not candidate.is_relative_to(folder) or not candidate.is_file():
            candidate = folder / Path(unquote(parts.path)).name
        return candidate if candidate.is_file() else None
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a loop, in Python 3.11
        return None


def image_target(path: Path, src: str) -> str:
    """images/<page>-<name> in the book, for an image saved beside the page."""
    local = local_image(path, src)
    if local is None or local.suffix.lower() not in _IMAGE_SUFFIXES:
        return ""
    stem = slugify(path.stem, 24) or "page"
    return f"images/{stem}-{slugify(local.stem, 32) or 'image'}{local.suffix.lower()}"


def read_images(
    page: Path, wanted: list[tuple[Block, str]]
) -> tuple[tuple[tuple[str, bytes], ...], tuple[tuple[str, str], ...]]:
    """The bytes of each image beside the page, read under the sandbox's rules (a regular
    file inside the page's folder, under the size limit); the others, with why not."""
    images: dict[str, bytes] = {}
    skipped: list[tuple[str, str]] = []
    for block, src in wanted:
        local = local_image(page, src) if block.src else None
        try:
            if local is None:
                raise FileRefused(error("E505", "not found beside the page", page))
            images[block.src] = read_file(local, (page.parent,), "image")
        except FileRefused as refused:
            skipped.append((src, refused.diagnostic.message))
    return tuple(images.items()), tuple(skipped)


# An image without alt text this small on its longer side (an icon, a bullet) or on its
# shorter (a spacer, a rule drawn as a picture) decorates the page: it is no figure.
DECORATION = 24
RULE = 4


def decorations(page: Path, items: list[Item]) -> set[int]:
    """The places of the page's decorations among `items`: images without alt text whose
    pixels (Pillow's reading of the file beside the page, under the sandbox's rules) are at
    most DECORATION on the longer side or RULE on the shorter. Old sites set bullets,
    spacers and rules as GIFs in the body: each became a numbered figure with nothing to
    say (W509), and a bullet's paragraph its caption. Found before the profile reads the
    page, so that they are not there to take a caption."""
    from octavo.render.images import raster_size

    small: dict[Path, bool] = {}  # by file: a bullet is set before every paragraph
    found: set[int] = set()
    for index, item in enumerate(items):
        local = local_image(page, item.src) if item.kind == "image" and not item.text else None
        if local is None or local.suffix.lower() == ".svg":
            continue
        if local not in small:
            try:
                size = raster_size(read_file(local, (page.parent,), "image"))
            except FileRefused:
                size = "not read"  # reported when it is not copied (W413)
            small[local] = isinstance(size, tuple) and (
                max(size[1:]) <= DECORATION or min(size[1:]) <= RULE
            )
        if small[local]:
            found.add(index)
    return found
