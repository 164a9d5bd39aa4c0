"""A saved HTML page's flattened items, as the profile kept them for its body -> its Blocks:
lists, tables, images, headings (one level below the section's), a credit under an image,
a caption set apart, a Country Profile's `Label: text` entries (octavo.importers.html)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from octavo.importers.blocks import CREDIT, LABEL
from octavo.importers.flatten import Item
from octavo.importers.html_captions import how_captioned, said_of_line
from octavo.importers.html_images import image_target
from octavo.importers.page import Block
from octavo.text import escape_inline

__all__ = ["item_blocks"]

_ITALICS = re.compile(r"^\*([^*]+)\*$")  # words all in one run of italics
_OPENED = re.compile(r"\s*(\*\*|\*|__|_)")  # bold or italics a block opens with


def item_blocks(
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
                    spans=item.spans,
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
    image = before[-1] if before and before[-1].kind == "image" else None
    how = how_captioned(item.caption, line, markdown, bool(image.text)) if image else ""
    if image and said is not None and (how or not image.text):
        said.append(said_of_line(item.line, line, how, bool(image.text)))
    if how:  # all in italics, as a page sets a caption apart: a caption's look is the book's
        return Block("caption", text=line, markdown=_ITALICS.sub(r"\1", markdown), quote=quote)
    match = LABEL.match(line) if entries else None
    if match:
        rest = _entry_text(markdown) if ":" in markdown else markdown
        label = escape_inline(match["label"])
        return Block("entry", text=line, markdown=rest, label=label, quote=quote, line=at)
    return Block("paragraph", text=line, markdown=markdown, quote=quote, line=at)


def _entry_text(markdown: str) -> str:
    """An entry's text after its label ('Roads: Many built' -> 'Many built'). A label set
    in bold or italics with its colon ('<b>Roads:</b> Many built') takes its emphasis with
    it: the text began with the '**' that closed it, printed as two stars."""
    head, _, rest = markdown.partition(":")
    rest = rest.strip()
    opened = _OPENED.match(head)
    if opened and head.count(opened[1]) % 2 and rest.startswith(opened[1]):
        rest = rest[len(opened[1]) :].lstrip()
    return rest
