"""A saved HTML page -> Page.

The document is flattened (octavo.importers.flatten) into one line per block, so that the
site profiles read it as they read a text page (its <title> and its lines that are only a
link told to them: octavo.importers.head_title); the blocks the profile keeps as body then
keep their structure (octavo.importers.html_blocks): italics, lists, tables, images with
captions and credits, quotations (octavo.importers.html_quotes), and links between the
study's pages (rewritten by the batch to the section files).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from octavo.importers.countrystudy import layout, with_kind
from octavo.importers.flatten import Flattener, Item, document, one_line
from octavo.importers.float_labels import titled_tables
from octavo.importers.html_blocks import item_blocks
from octavo.importers.html_captions import find_captions
from octavo.importers.html_images import captioned, decorations, read_images
from octavo.importers.html_notes import find_notes
from octavo.importers.html_quotes import read_blockquotes
from octavo.importers.page import Block, Page

__all__ = ["image_files", "link_targets", "parse_html_page"]

_LINK = re.compile(r"\]\(\x00(\d+)\x00\)")
# a link's words alone, in bold or italics or not: '**[Home](\x000\x00)**'
_LINK_ALONE = re.compile(r"([*_]*)\[(?:[^\[\]\\]|\\.)*\]\(\x00\d+\x00\)\1")
_BARE = re.compile(r"(?<!\\)\[(?!\^)((?:[^\[\]\\]|\\.)*)\](?![({])")  # a link's words, no target

_BOLD_ALONE = re.compile(r"\s*(\*\*|__)[^*_\n]+\1\s*")


def parse_html_page(data: bytes, path: Path, known: bool = False) -> Page:
    """An HTML page -> Page; the profiles read its blocks as lines."""
    root = document(data)
    title = one_line(root.findtext(".//title") or "")
    canonical = root.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content")
    found = root.find("body")
    body = found if found is not None else root
    readings = read_blockquotes(body)
    quotes = frozenset(r.element for r in readings if r.quotes)
    flat = Flattener(find_notes(body), quotes, find_captions(body))
    flat.walk(body)
    decorative = decorations(path, flat.items)
    items = [item for index, item in enumerate(flat.items) if index not in decorative]
    text = "\n\n".join(item.text for item in items)
    address = " ".join([path.name, *(str(c) for c in canonical)])
    page, lines = layout(
        text,
        address,
        known=known,
        head_title=title,
        line_of=_line_of(items),
        navigation=_navigation(items),
        headings=_headings(items),
    )
    kept = _kept_items(items, lines)
    said: list[str] = []
    blocks, wanted = item_blocks(kept, path, said)
    blocks = titled_tables(captioned(blocks), said)
    images, skipped = read_images(path, wanted)
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
    shown = [item for item, _ in kept]  # what its tables say: the body's, not the chrome's
    return replace(
        result,
        blocks=(*result.blocks, *notes),
        links=tuple(flat.links),
        images=images,
        skipped_images=skipped,
        reasons=(
            *result.reasons,
            *(r.line() for r in readings),
            *said,
            *(told for item in shown for told in item.said),
        ),
        table_spans=tuple(lost for item in shown for lost in item.lost),
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


def _line_of(items: list[Item]) -> Callable[[int], int]:
    """The saved page's line of the flattened text's line i (an item a line, a blank line
    between two), as --explain and the page's diagnostics name it: the line of the element
    it comes from, else 1."""

    def line_of(index: int) -> int:
        at = index // 2
        return (items[at].line if at < len(items) else 0) or 1

    return line_of


def _navigation(items: list[Item]) -> frozenset[int]:
    """The flattened text's lines (an item a line, a blank line between two) that are a
    link and nothing else: above the body, the site's navigation ('Country Studies Index'
    over the study's contents line), which the layout then never takes for the title."""
    return frozenset(
        2 * index
        for index, item in enumerate(items)
        if item.kind in ("text", "heading", "item") and _LINK_ALONE.fullmatch(item.markdown)
    )


def _headings(items: list[Item]) -> frozenset[int]:
    """The flattened text's lines that are set as a heading: an <h1>-<h6>, or a bold line on
    its own (`<P><B>Rana Rule</B>`), not a paragraph nor a photo's caption."""
    return frozenset(
        2 * index
        for index, item in enumerate(items)
        if item.kind == "heading" or (item.kind == "text" and _BOLD_ALONE.fullmatch(item.markdown))
    )


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


def _drop_link_lists(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A chapter page's closing list of its subsections (links) is navigation."""
    kept = list(blocks)
    while kept and kept[-1].kind == "list" and all(_LINK.search(i) for i in kept[-1].items):
        kept.pop()
    return tuple(kept)


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
