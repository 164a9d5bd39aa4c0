"""Body lines of a text page -> blocks, kept apart by the shape of the lines.

Sites join and split lines differently: one blank line between paragraphs; one newline
between paragraphs; lines hard-wrapped at ~60-70 characters; Country Profile entries
('Roads: Many built ...') one after another. Nothing here drops or adds a word: blocks only
decide where the breaks are.
"""

from __future__ import annotations

import itertools
import re

from octavo.importers.page import Block
from octavo.text import escape_inline, escape_prose

__all__ = ["CAPTION_WORDS", "CREDIT", "IMAGE_MARK", "LABEL", "text_blocks"]

# 'Roads: ...', 'Gross Domestic Product (GDP): ...', 'Other Modes of Transportation: ...'
_WORD = r"(?:[A-Z][\w'’.&-]*(?:\(s\))?|\([A-Z]+\)|of|and|the|for|in|on|to|per|a)"
LABEL = re.compile(rf"(?P<label>[A-Z][\w'’&-]*(?:\(s\))?(?: {_WORD}){{0,6}}):\s+(?=\S)")
# A label inside a line, after the end of a sentence: 'roads. Railroads: Average ...'
_INNER_LABEL = re.compile(rf"(?<=[.;)] )(?={LABEL.pattern})")
CREDIT = re.compile(r"(?i)\s*(?:Courtesy\b|Photo(?:graph)?s? (?:by|courtesy)\b|Credit:|Source:)")
_SENTENCE_END = re.compile(r"""[.!?:;]["'’”)\]]*$""")


def _inner_cuts(line: str) -> list[int]:
    """Where a line that runs a Country Profile's entries together (tripod's) starts
    another: at a label after a sentence's end whose text opens as an entry's does, not in
    lower case ('roads. Railroads: Average ...'). A Foreign Trade entry's 'Imports: natural
    gas, ...' is a list within its sentence, as the Library's profile prints it."""
    cuts = []
    for inner in _INNER_LABEL.finditer(line):
        label = LABEL.match(line, inner.start())
        if label is not None and not line[label.end()].islower():
            cuts.append(inner.start())
    return cuts


def _entries(line: str) -> list[str]:
    """A line that starts with a label, split before each later label that opens an entry."""
    cuts = [0, *_inner_cuts(line), len(line)]
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts) if line[a:b].strip()]


def _is_signature(lines: list[str]) -> bool:
    """A signature or address: 2-8 short lines, each a capitalised phrase, not prose."""
    if not 2 <= len(lines) <= 8 or any(len(line) > 50 for line in lines):
        return False
    if not all(line[:1].isupper() or line[:1].isdigit() for line in lines):
        return False
    return sum(bool(_SENTENCE_END.search(line)) for line in lines) <= 1


def _rejoin(lines: list[str]) -> list[str]:
    """Lines of one chunk -> paragraphs. Long unwrapped lines are a paragraph each; hard-
    wrapped lines are joined, a paragraph ending at a short line that ends a sentence."""
    width = max(len(line) for line in lines)
    if len(lines) == 1 or width > 110:
        return list(lines)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        paragraphs[-1].append(line)
        if len(line) < 0.8 * width and _SENTENCE_END.search(line):
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def _chunks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of blank lines above it."""
    chunks: list[tuple[int, list[str]]] = [(0, [])]
    for line in lines:
        if line.strip():
            chunks[-1][1].append(line.strip())
        elif chunks[-1][1]:
            chunks.append((1, []))
        else:
            chunks[-1] = (chunks[-1][0] + 1, [])
    return [c for c in chunks if c[1]]


def _credited(chunk: list[str]) -> bool:
    """A caption with its credit on the line under it ('Courtesy Harvey Follender')."""
    return len(chunk) > 1 and bool(CREDIT.match(chunk[-1])) and len(chunk[-1]) < 80


def _head_captions(chunks: list[tuple[int, list[str]]]) -> int:
    """How many chunks at the head of the body are the captions of photos whose images a
    text page lost. The Library's section pages set their photos first, each caption under
    its image; mongabay's copy keeps no marker for an image (allrefer's keeps '[JPEG]'),
    only a blank line more, so its photos read as one-line chunks two blank lines apart
    (its paragraphs are one apart), the last caption credited: the uncredited ones before
    it are captions too (the Rana page's Sun Dhoka gate had read as the first paragraph)."""
    head = 0
    while head + 1 < len(chunks) and len(chunks[head][1]) == 1 and chunks[head + 1][0] >= 2:
        head += 1
    return head if head < len(chunks) and _credited(chunks[head][1]) else 0


def _paragraph(text: str, kind: str = "paragraph") -> Block:
    return Block(kind, text=text, markdown=escape_prose(text))


def _entry_blocks(chunk: list[str], run_on: bool) -> list[Block]:
    """A chunk that starts with a label: one entry per label line, wrapped lines joined;
    `run_on`: the chunk is the page's one line of entries, split inside (_inner_cuts). A
    page that starts each entry on a line of its own (allrefer, country-data.com) says
    where its entries are: a label inside a line is the entry's text ('Imports: ...')."""
    entries: list[list[str]] = []
    for line in chunk:
        if LABEL.match(line) or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    blocks = []
    for entry in entries:
        joined = " ".join(entry)
        for part in _entries(joined) if run_on else [joined]:
            match = LABEL.match(part)
            if match is None:
                blocks.append(_paragraph(part))
                continue
            rest = part[match.end() :]
            blocks.append(
                Block(
                    "entry",
                    text=part,
                    markdown=escape_prose(rest),
                    label=escape_inline(match["label"]),
                )
            )
    return blocks


IMAGE_MARK = "\x00image"  # stands where a text page had an image marker ('[JPEG]')
# a caption is shorter (the Library's run to 44 words: "The gilded copper Sun Dhoka gate,
# built in 1753, …"); a line under an image that is longer is the text's next paragraph
CAPTION_WORDS = 60


def text_blocks(lines: list[str]) -> list[Block]:
    """Body lines -> blocks. A one-line chunk after an image marker is that image's caption
    when it is shorter than CAPTION_WORDS: allrefer sets each paragraph on one line, so the
    body's paragraph under an image without a caption is one line too."""
    blocks: list[Block] = []
    gapped = _chunks(lines)
    captions = _head_captions(gapped)
    chunks = [chunk for _, chunk in gapped]
    labelled = [bool(LABEL.match(c[0])) for c in chunks]
    after_image = False
    for number, chunk in enumerate(chunks):
        if chunk == [IMAGE_MARK]:
            after_image = True
            continue
        runs = labelled[max(0, number - 1) : number + 2].count(True) > 1
        run_on = len(chunk) == 1 and not runs and bool(_inner_cuts(chunk[0]))
        if labelled[number] and (runs or len(chunk) > 1 or run_on):
            blocks += _entry_blocks(chunk, run_on)
        elif _credited(chunk):
            blocks.append(_paragraph(" ".join(chunk[:-1]), "caption"))
            blocks.append(_paragraph(chunk[-1], "credit"))
        elif _is_signature(chunk):
            blocks.append(
                Block(
                    "lines",
                    text=" ".join(chunk),
                    items=tuple(escape_inline(line) for line in chunk),
                )
            )
        elif len(chunk) == 1 and (
            number < captions or (after_image and len(chunk[0].split()) < CAPTION_WORDS)
        ):
            blocks.append(_paragraph(chunk[0], "caption"))
        else:
            blocks += [_paragraph(p) for p in _rejoin(chunk)]
        after_image = False
    return _single_entries_to_paragraphs(blocks)


def _single_entries_to_paragraphs(blocks: list[Block]) -> list[Block]:
    """A lone 'Label: text' amid prose stays a paragraph; entries come in runs."""
    out = []
    for i, block in enumerate(blocks):
        near = [b.kind for b in blocks[max(0, i - 1) : i + 2]]
        if block.kind == "entry" and near.count("entry") < 2:
            block = _paragraph(block.text)
        out.append(block)
    return out
