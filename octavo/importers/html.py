"""A saved HTML page -> Page.

The document is flattened (octavo.importers.flatten) into one line per block, so that the
site profiles read it as they read a text page; the blocks the profile keeps as body then
keep their structure: italics, lists, tables, images with captions and credits, quotations
(octavo.importers.html_quotes), and links between the study's pages (rewritten by the batch
to the section files).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from octavo.importers.blocks import CREDIT, LABEL
from octavo.importers.countrystudy import layout, with_kind
from octavo.importers.flatten import Flattener, Item, document, one_line
from octavo.importers.float_labels import titled_tables
from octavo.importers.html_captions import find_captions, how_captioned, said_of_line
from octavo.importers.html_images import captioned, decorations, image_target, read_images
from octavo.importers.html_notes import find_notes
from octavo.importers.html_quotes import read_blockquotes
from octavo.importers.page import Block, Page
from octavo.text import escape_inline

__all__ = ["image_files", "link_targets", "parse_html_page"]

_LINK = re.compile(r"\]\(\x00(\d+)\x00\)")
_ITALICS = re.compile(r"^\*([^*]+)\*$")  # words all in one run of italics
_BARE = re.compile(r"(?<!\\)\[(?!\^)((?:[^\[\]\\]|\\.)*)\](?![({])")  # a link's words, no target


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
    heading = _named_heading(flat.headings, title)
    page, lines = layout(
        text, address, known=known, fallback_title=title, heading=heading, line_of=_line_of(items)
    )
    kept = _kept_items(items, lines)
    said: list[str] = []
    blocks, wanted = _blocks(kept, path, said)
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


def _blocks(
    kept: list[tuple[Item, str]], path: Path, said: list[str] | None = None
) -> tuple[list[Block], list[tuple[Block, str]]]:
    """The page's blocks and its images (each with its `src` in the page); `said`: told
    how each line under an image without alt text was read (--explain)."""
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
                        line=item.line,
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
                    number=item.number,
                    line=item.line,
                )
            )
        elif item.kind == "image":
            target = image_target(path, item.src)
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
                    line=item.line,
                )
            )
        else:
            block = _text_block(item, line, blocks, said=said)
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


def _text_block(
    item: Item,
    line: str,
    before: list[Block],
    entries: bool = True,
    said: list[str] | None = None,
) -> Block:
    markdown = item.markdown
    if line != item.text:  # the profile cut a trailing 'Data as of ...' off the line
        cut = item.text[len(line) :].strip()
        markdown = re.sub(rf"\s*{re.escape(escape_inline(cut))}\s*$", "", markdown)
    quote, at = item.quote, item.line
    if CREDIT.match(line) and len(line) < 80 and before and before[-1].kind in ("image", "caption"):
        return Block("credit", text=line, markdown=markdown, quote=quote)
    bare = before and before[-1].kind == "image" and not before[-1].text
    how = how_captioned(item.caption, line, markdown) if bare else ""
    if bare and said is not None:
        said.append(said_of_line(item.line, line, how))
    if how:  # all in italics, as a page sets a caption apart: a caption's look is the book's
        return Block("caption", text=line, markdown=_ITALICS.sub(r"\1", markdown), quote=quote)
    match = LABEL.match(line) if entries else None
    if match:
        rest = markdown.split(":", 1)[1].strip() if ":" in markdown else markdown
        label = escape_inline(match["label"])
        return Block("entry", text=line, markdown=rest, label=label, quote=quote, line=at)
    return Block("paragraph", text=line, markdown=markdown, quote=quote, line=at)


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
