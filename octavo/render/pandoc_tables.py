"""pandoc's tables where markdown-it reads something else.

markdown-it knows pipe tables alone (GFM's). pandoc also reads:

- **simple tables**: a header line over dashed column groups (`------  ------`), one line a
  row, to a blank line; or, without a header, rows between two dashed lines;
- **multiline tables**: a row of dashes, header lines, the dashed column groups, rows of
  several lines each parted by a blank line, and a closing row of dashes (or, without a
  header, between two dashed lines);
- a caption line (`Table: …`) right under a pipe table's last row;
- a caption (`: …`) above a table after a paragraph (markdown-it read a definition list);
- a `|` inside a code span of a pipe table's cell (GFM splits the cell there).

markdown-it read the first two as a paragraph over a rule, or a row as a setext heading;
each is now the same tokens as a pipe table (`table_open` … with `text-align` styles), so
captions, numbers and cells go on as for any table (octavo.render.floats). Columns are
cut at the dashed groups' starts, and aligned as pandoc aligns them: by where the header's
words (the first row's, without a header) sit against their dashes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from octavo.render.table_tokens import Row, push_table, source_line

__all__ = ["install", "split_cells"]

_GROUPS = re.compile(r" *-{2,}(?: +-{2,})+ *")  # dashed column groups, two or more
_RULE = re.compile(r" *-{3,} *")  # a multiline table's opening or closing row of dashes
_DASHES = re.compile(r"-+")
_CAPTION_LINE = re.compile(r"Table:\s")


def install(md: MarkdownIt) -> None:
    """The block rules (before markdown-it's table, hr and setext heading), the caption
    line that ends a pipe table, the caption above a table, and pandoc's cell split."""
    md.block.ruler.before("table", "pandoc_tables", _pandoc_table)
    md.block.ruler.before("table", "table_caption_line", _caption_line, {"alt": ["blockquote"]})
    md.core.ruler.after("block", "caption_above_table", _caption_above)
    # the module (markdown_it.rules_block's `table` is the rule, not its module)
    importlib.import_module("markdown_it.rules_block.table").__dict__["escapedSplit"] = split_cells


def split_cells(line: str) -> list[str]:
    """A pipe table's line cut at its unescaped `|`s, none inside a code span (pandoc's
    reading: `` `a|b` `` is one cell); an escaped `\\|` is a `|` in its cell, as in GFM."""
    if "`" not in line and "\\" not in line:  # most rows: each `|` parts two cells
        return line.split("|")
    cells: list[str] = []
    current: list[str] = []
    at, size = 0, len(line)
    while at < size:
        char = line[at]
        if char == "\\" and at + 1 < size and line[at + 1] == "|":
            current.append("|")
            at += 2
            continue
        if char == "`":
            run = len(line) - len(line[at:].lstrip("`")) - at
            closing = line.find("`" * run, at + run)
            while closing >= 0 and line[closing + run : closing + run + 1] == "`":
                closing = line.find("`" * run, closing + run + 1)
            if closing >= 0:
                current.append(line[at : closing + run])
                at = closing + run
                continue
            current.append("`" * run)
            at += run
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        at += 1
    cells.append("".join(current))
    return cells


def _pandoc_table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if not (_dash(state, start) or (start + 1 < end and _dash(state, start + 1))):
        return False  # no table starts here (most lines)
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    read = _read(lambda n: source_line(state, n), start, end)
    if read is None:
        return False
    if silent:
        return True
    header, rows, starts, widths, after, lines = read
    push_table(state, start, after, header, rows, _aligns(lines, starts, widths))
    state.line = after
    return True


def _dash(state: StateBlock, line: int) -> bool:
    """Whether line `line` begins with `-` after its spaces and tabs: a table's first line
    (a rule or dashed column groups) or second (a header's dashed column groups) must."""
    at = state.bMarks[line] + state.tShift[line]
    return at < state.eMarks[line] and state.src[at] == "-"


# header (None without one), rows (each with its first line), the columns' starts and dash
# widths, the line after the table, and the lines that align the columns
Read = tuple[Row | None, list[tuple[int, Row]], list[int], list[int], int, list[str]]


def _read(line: Callable[[int], str], start: int, end: int) -> Read | None:
    """The table that starts at line `start`, if one does (see `Read`)."""
    first = line(start)
    if _RULE.fullmatch(first):  # a multiline table with a header
        at = start + 1
        while at < end and line(at).strip() and not _GROUPS.fullmatch(line(at)):
            at += 1
        if at == start + 1 or at >= end or not _GROUPS.fullmatch(line(at)):
            return None
        starts, widths = _columns(line(at))
        found = _blocks(line, at + 1, end, closing=_RULE)
        if found is None or not found[0]:
            return None
        blocks, after = found
        heads = [line(n) for n in range(start + 1, at)]
        rows = [(n, _cells(b, starts)) for n, b in blocks]
        return _cells(heads, starts), rows, starts, widths, after, heads
    if _GROUPS.fullmatch(first):  # no header: rows between two dashed lines
        starts, widths = _columns(first)
        found = _blocks(line, start + 1, end, closing=_GROUPS, also=_RULE)
        if found is None or not found[0]:
            return None
        blocks, after = found
        if len(blocks) == 1 and not _parted(line, start + 1, after - 1):
            lines = blocks[0][1]  # a simple table: each line a row
            blocks = [(blocks[0][0] + k, [text]) for k, text in enumerate(lines)]
        rows = [(n, _cells(b, starts)) for n, b in blocks]
        return None, rows, starts, widths, after, blocks[0][1]
    if start + 1 >= end or not first.strip() or not _GROUPS.fullmatch(line(start + 1)):
        return None
    starts, widths = _columns(line(start + 1))  # a simple table with a header
    at = start + 2
    while at < end and line(at).strip() and not _GROUPS.fullmatch(line(at)):
        at += 1
    if at == start + 2:
        return None
    rows = [(n, _cells([line(n)], starts)) for n in range(start + 2, at)]
    if at < end and _GROUPS.fullmatch(line(at)):
        at += 1  # its closing dashed line
    return _cells([first], starts), rows, starts, widths, at, [first]


def _parted(line: Callable[[int], str], start: int, stop: int) -> bool:
    return any(not line(n).strip() for n in range(start, stop))


def _blocks(
    line: Callable[[int], str],
    start: int,
    end: int,
    closing: re.Pattern[str],
    also: re.Pattern[str] | None = None,
) -> tuple[list[tuple[int, list[str]]], int] | None:
    """Rows of lines parted by blank lines, up to a `closing` (or `also`) line; None if
    there is none before two blank lines in a row or the end."""
    blocks: list[tuple[int, list[str]]] = []
    at, blank = start, 0
    while at < end:
        text = line(at)
        if closing.fullmatch(text) or (also is not None and also.fullmatch(text)):
            return blocks, at + 1
        if not text.strip():
            blank += 1
            if blank > 1:
                return None
        else:
            if blank or not blocks:
                blocks.append((at, []))
            blank = 0
            blocks[-1][1].append(text)
        at += 1
    return None


def _columns(dashes: str) -> tuple[list[int], list[int]]:
    found = list(_DASHES.finditer(dashes))
    return [m.start() for m in found], [m.end() - m.start() for m in found]


def _cells(lines: list[str], starts: list[int]) -> Row:
    """Each column's slice of every line: from its dashes' start to the next one's (the
    first from the line's start, the last to its end, so that no word is lost)."""
    bounds = [0, *starts[1:], None]
    return [[text[bounds[i] : bounds[i + 1]] for text in lines] for i in range(len(starts))]


def _aligns(lines: list[str], starts: list[int], widths: list[int]) -> list[str]:
    """Each column's alignment from the header's lines (without a header, the first
    row's), as pandoc reads it: words flush with their dashes' right end but not their
    left, right; flush left only, left; with neither, centre; flush with both, the
    default."""
    aligns = []
    for i, (begin, width) in enumerate(zip(starts, widths, strict=True)):
        stop = starts[i + 1] if i + 1 < len(starts) else None
        written = [text[begin:stop].rstrip() for text in lines]
        longest = max((t for t in written if t), key=len, default="")
        if not longest:
            aligns.append("")
            continue
        aligns.append(_ALIGN.get((longest[0] == " ", len(longest) < width), ""))
    return aligns


# (space before the words, space after them, within the dashes) -> the column's alignment
_ALIGN = {(True, False): "right", (False, True): "left", (True, True): "center"}


def _caption_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`Table: …` ends a pipe table's rows (a terminator only: the line is then read as
    the paragraph octavo.render.floats takes as the caption)."""
    if not silent:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    return bool(_CAPTION_LINE.match(state.src, begin))


def _caption_above(state: StateCore) -> None:
    """A paragraph, a blank line, `: caption`, then a table: markdown-it reads a definition
    list (a term and its definition); pandoc the paragraph and the table's caption."""
    tokens = state.tokens
    at = 0
    while at + 10 < len(tokens):
        if tokens[at].type == "dl_open" and _shape(tokens[at : at + 11]):  # a quick no first
            term, words = tokens[at + 2], tokens[at + 6]
            words.content = ": " + words.content  # inline rules have not run yet
            paragraph = [Token("paragraph_open", "p", 1), term, Token("paragraph_close", "p", -1)]
            paragraph[0].map = tokens[at + 1].map
            caption = tokens[at + 5 : at + 8]
            for token in (*paragraph, *caption):
                token.block, token.hidden = True, False  # a tight definition's were hidden
                token.level = tokens[at].level + (1 if token.type == "inline" else 0)
            tokens[at : at + 10] = [*paragraph, *caption]
            at += 6
        at += 1


_SHAPE = (
    "dl_open",
    "dt_open",
    "inline",
    "dt_close",
    "dd_open",
    "paragraph_open",
    "inline",
    "paragraph_close",
    "dd_close",
    "dl_close",
    "table_open",
)


def _shape(tokens: list[Token]) -> bool:
    """One term and one one-paragraph definition, a blank line between, then a table."""
    if tuple(t.type for t in tokens) != _SHAPE:
        return False
    term, definition = tokens[1].map, tokens[4].map
    return term is not None and definition is not None and definition[0] > term[0] + 1
