"""A saved HTML page -> Page.

The document is flattened (octavo.importers.flatten) into one line per block, so that the
site profiles read it as they read a text page; the blocks the profile keeps as body then
keep their structure: italics, lists, tables, images with captions and credits, quotations
(octavo.importers.html_quotes), and links between the study's pages (rewritten by the batch
to the section files).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from octavo.errors import error
from octavo.importers.blocks import CREDIT, LABEL
from octavo.importers.countrystudy import layout, with_kind
from octavo.importers.flatten import Flattener, Item, document, one_line
from octavo.importers.html_notes import find_notes
from octavo.importers.html_quotes import find_quotations
from octavo.importers.page import Block, Page
from octavo.sandbox import FileRefused, read_file
from octavo.text import escape_inline, slugify

__all__ = ["image_files", "link_targets", "parse_html_page"]

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".gif", ".png", ".webp", ".svg"}
_LINK = re.compile(r"\]\(\x00(\d+)\x00\)")
_BARE = re.compile(r"(?<!\\)\[(?!\^)((?:[^\[\]\\]|\\.)*)\](?![({])")  # a link's words, no target


def parse_html_page(data: bytes, path: Path, known: bool = False) -> Page:
    """An HTML page -> Page; the profiles read its blocks as lines."""
    root = document(data)
    title = one_line(root.findtext(".//title") or "")
    canonical = root.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
    found = root.find("body")
    body = found if found is not None else root
    flat = Flattener(find_notes(body), find_quotations(body))
    flat.walk(body)
    decorations = _decorations(path, flat.items)
    items = [item for index, item in enumerate(flat.items) if index not in decorations]
    text = "\n\n".join(item.text for item in items)
    address = " ".join([path.name, *(str(c) for c in canonical)])
    heading = _named_heading(flat.headings, title)
    page, lines = layout(text, address, known=known, fallback_title=title, heading=heading)
    kept = _kept_items(items, lines)
    blocks, wanted = _blocks(kept, path)
    blocks = _captioned(blocks)
    images, skipped = _read_images(path, wanted)
    missing = {b.src for b, s in wanted if b.src and s in {src for src, _ in skipped}}
    blocks = [
        Block("caption", text=b.text, markdown=b.markdown, quote=b.quote) if b.src in missing else b
        for b in blocks
        if not (b.src in missing and not b.text)
    ]
    result = with_kind(page, tuple(blocks))
    if result.kind == "chapter":
        result = with_kind(page, _drop_link_lists(result.blocks))
    notes = _notes(flat.note_items(), result.blocks)
    return replace(
        result,
        blocks=(*result.blocks, *notes),
        links=tuple(flat.links),
        images=images,
        skipped_images=skipped,
    )


def _notes(items: list[Item], blocks: tuple[Block, ...]) -> list[Block]:
    """The notes whose call is in the body kept (a call in the site's chrome, dropped, would
    leave its note unused), as `[^N]: …` blocks after it."""
    body = " ".join(
        " ".join((b.markdown, b.label, *b.items, *(c for r in b.rows for c in r))) for b in blocks
    )
    return [
        Block("note", text=i.text, markdown=i.markdown, label=str(i.list_id))
        for i in items
        if f"[^{i.list_id}]" in body
    ]


def _named_heading(headings: list[str], title: str) -> str:
    """The page's heading that its <title> names ('Trade' of 'Belarus - Trade'), if any."""
    named = {p.strip().casefold() for p in re.split(r"\s+[-–—:|]\s+|:\s+", title)}
    named.add(title.strip().casefold())
    return next((h for h in headings if h and h.casefold() in named), "")


def _kept_items(items: list[Item], lines: list[tuple[int, str]]) -> list[tuple[Item, str]]:
    """The items the profile kept as body, with their (possibly shortened) text, and the
    images without alt text among them or right above one (a photo over its caption):
    such an image is an empty line to the profile, which keeps only lines of words, so a
    map or photo without alt text was left out of the section without a word. One above
    the site's chrome (a logo) or after the body (a button) stays out."""
    kept: dict[int, tuple[Item, str]] = {}
    for number, line in lines:
        if line.strip() and number % 2 == 0 and number // 2 < len(items):
            kept[number // 2] = (items[number // 2], line)
    body = range(min(kept, default=0), max(kept, default=0))
    for index in reversed(range(len(items))):  # a run of images over a caption, too
        bare = items[index].kind == "image" and not items[index].text
        if bare and (index in body or index + 1 in kept):
            kept[index] = (items[index], "")
    return [kept[i] for i in sorted(kept)]


_FIGURE_LABEL = re.compile(r"(?i)(?:Figure|Fig\.)\s+\d[\w.-]*\s*[.:]\s+(?=\S)")


def _captioned(blocks: list[Block]) -> list[Block]:
    """An image takes the caption under it (its words, without the page's own 'Figure 8.':
    octavo numbers the book's figures), so that it is a figure with its caption, not an
    image and a caption set apart from it, or a 'Figure 1' over a paragraph 'Figure 8.':
    the line under an image without alt text, or a line 'Figure 8. …' under one with it,
    whose alt text is then the figure's (fig-alt), when an attribute can hold it."""
    out: list[Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if before is None or before.kind != "image" or before.alt:
            out.append(block)
            continue
        labelled = bool(_FIGURE_LABEL.match(block.text)) and len(block.text.split()) < 40
        under = block.kind == "caption" and not before.text  # the line under a bare image
        if under or (block.kind == "paragraph" and labelled):
            alt = before.text if not set(before.text) & {'"', "\\"} else ""
            out[-1] = replace(
                before,
                text=_FIGURE_LABEL.sub("", block.text, count=1),
                markdown=_FIGURE_LABEL.sub("", block.markdown, count=1),
                alt=alt or " ",  # " ": captioned, no alt of its own
            )
            continue
        out.append(block)
    return [replace(b, alt=b.alt.strip()) for b in out]


def _blocks(
    kept: list[tuple[Item, str]], path: Path
) -> tuple[list[Block], list[tuple[Block, str]]]:
    blocks: list[Block] = []
    images: list[tuple[Block, str]] = []
    prose: dict[int, Block] = {}  # an entry's block as a paragraph, by its place
    for item, line in kept:
        if item.kind == "item":
            last = blocks[-1] if blocks else None
            if last and last.kind == "list" and last.label == str(item.list_id):
                blocks[-1] = replace(
                    last, text=f"{last.text} {item.text}", items=(*last.items, item.markdown)
                )
            else:
                blocks.append(
                    Block(
                        "list",
                        text=item.text,
                        items=(item.markdown,),
                        ordered=item.ordered,
                        label=str(item.list_id),
                        quote=item.quote,
                    )
                )
        elif item.kind == "table":
            blocks.append(
                Block(
                    "table",
                    text=item.text,
                    label=item.markdown,
                    rows=item.rows,
                    aligns=item.aligns,
                    quote=item.quote,
                )
            )
        elif item.kind == "image":
            target = _image_target(path, item.src)
            block = Block(
                "image",
                text=item.text,
                markdown=escape_inline(item.text),
                src=target,
                quote=item.quote,
            )
            if target:
                blocks.append(block)
                images.append((block, item.src))
            else:
                images.append((block, item.src))  # not beside the page: reported, not copied
                if item.text:
                    blocks.append(
                        Block(
                            "caption",
                            text=item.text,
                            markdown=escape_inline(item.text),
                            quote=item.quote,
                        )
                    )
        elif item.kind == "heading" and line == item.text:
            blocks.append(
                Block(
                    "heading",
                    text=line,
                    markdown=item.markdown,
                    label=str(item.list_id),
                    quote=item.quote,
                )
            )
        else:
            block = _text_block(item, line, blocks)
            if block.kind == "entry":
                prose[len(blocks)] = _text_block(item, line, blocks, entries=False)
            blocks.append(block)
    return _heading_depths(_lone_entries_as_prose(blocks, prose)), images


def _lone_entries_as_prose(blocks: list[Block], prose: dict[int, Block]) -> list[Block]:
    """A lone 'Label: text' amid prose stays a paragraph ('Source: Based on …' under a
    table, 'Note: …'): a Country Profile's entries come in runs, as a text page's do
    (octavo.importers.blocks)."""
    kinds = [b.kind for b in blocks]
    return [
        prose[i] if b.kind == "entry" and kinds[max(0, i - 1) : i + 2].count("entry") < 2 else b
        for i, b in enumerate(blocks)
    ]


def _heading_depths(blocks: list[Block]) -> list[Block]:
    """The body's headings (the page's <h4>s under its title) one level below the section's
    own heading and on, by their levels in the page: they read as one-line paragraphs."""
    levels = sorted({int(b.label) for b in blocks if b.kind == "heading"})
    depth = {level: min(rank + 1, 3) for rank, level in enumerate(levels)}
    return [
        replace(b, label="#" * depth[int(b.label)]) if b.kind == "heading" else b for b in blocks
    ]


def _text_block(item: Item, line: str, before: list[Block], entries: bool = True) -> Block:
    markdown = item.markdown
    if line != item.text:  # the profile cut a trailing 'Data as of ...' off the line
        cut = item.text[len(line) :].strip()
        markdown = re.sub(rf"\s*{re.escape(escape_inline(cut))}\s*$", "", markdown)
    quote = item.quote
    if CREDIT.match(line) and len(line) < 80 and before and before[-1].kind in ("image", "caption"):
        return Block("credit", text=line, markdown=markdown, quote=quote)
    if before and before[-1].kind == "image" and not before[-1].text and len(line.split()) < 40:
        return Block("caption", text=line, markdown=markdown, quote=quote)
    match = LABEL.match(line) if entries else None
    if match:
        rest = markdown.split(":", 1)[1].strip() if ":" in markdown else markdown
        label = escape_inline(match["label"])
        return Block("entry", text=line, markdown=rest, label=label, quote=quote)
    return Block("paragraph", text=line, markdown=markdown, quote=quote)


def _drop_link_lists(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A chapter page's closing list of its subsections (links) is navigation."""
    kept = list(blocks)
    while kept and kept[-1].kind == "list" and all(_LINK.search(i) for i in kept[-1].items):
        kept.pop()
    return tuple(kept)


def _local(page: Path, src: str) -> Path | None:
    """An image's file beside the saved page, when it is there (never outside its folder)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    folder = page.parent.resolve()
    candidate = (folder / unquote(parts.path)).resolve()
    if not candidate.is_relative_to(folder) or not candidate.is_file():
        candidate = folder / Path(unquote(parts.path)).name
    return candidate if candidate.is_file() else None


def _image_target(path: Path, src: str) -> str:
    """images/<page>-<name> in the book, for an image saved beside the page."""
    local = _local(path, src)
    if local is None or local.suffix.lower() not in _IMAGE_SUFFIXES:
        return ""
    stem = slugify(path.stem, 24) or "page"
    return f"images/{stem}-{slugify(local.stem, 32) or 'image'}{local.suffix.lower()}"


def _read_images(
    page: Path, wanted: list[tuple[Block, str]]
) -> tuple[tuple[tuple[str, bytes], ...], tuple[tuple[str, str], ...]]:
    """The bytes of each image beside the page, read under the sandbox's rules (a regular
    file inside the page's folder, under the size limit); the others, with why not."""
    images: dict[str, bytes] = {}
    skipped: list[tuple[str, str]] = []
    for block, src in wanted:
        local = _local(page, src) if block.src else None
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


def _decorations(page: Path, items: list[Item]) -> set[int]:
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
        local = _local(page, item.src) if item.kind == "image" and not item.text else None
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


def image_files(page: Page) -> list[tuple[str, bytes]]:
    """(path in the book, bytes) of the page's images."""
    return list(page.images)


def link_targets(page: Page, targets: dict[str, str]) -> Page:
    """Rewrite the page's links: to the section file of another page of the study, else
    to nothing (the link text stays)."""

    def fix(markdown: str) -> str:
        def one(match: re.Match[str]) -> str:
            href = page.links[int(match[1])]
            name = Path(unquote(urlsplit(href).path)).name
            target = targets.get(name)
            return f"]({target})" if target else "]"

        out = _LINK.sub(one, markdown)
        # '[text]' left without a target: the brackets go, the text stays; a note's call
        # ('[^1]') and a span ('[words]{.credit}') in the same block keep theirs
        return _BARE.sub(r"\1", out) if out != markdown else out

    blocks = tuple(
        replace(
            b,
            markdown=fix(b.markdown),
            items=tuple(fix(i) for i in b.items),
            rows=tuple(tuple(fix(c) for c in r) for r in b.rows),
        )
        for b in page.blocks
    )
    return replace(page, blocks=blocks)
