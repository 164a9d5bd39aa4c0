"""Markdown source with what is written in code blanked out, line for line.

What reads the source itself, not the rendered body (the line a diagnostic points at:
octavo.render.xref.reference_line), must not take a link written in a code span
(`` `[](#tbl:b){.page}` ``) or in a fenced code block for a link: it is text. Here every
character of a code span (its backticks too) and of a fenced block's lines, fences
included, becomes a space; line ends stay, so a line's number is the same.

As CommonMark reads them: a run of backticks opens a span that the next run of the same
length closes, within one paragraph (no blank line between); a backslash before a backtick
outside a span makes it text; a fence is three or more backticks or tildes, indented by
three spaces at most, closed by a run of the same character at least as long (or by the
end). Indented code blocks are not blanked (a list item's indented paragraph looks alike).
"""

from __future__ import annotations

import re

__all__ = ["without_code"]

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")


def without_code(text: str) -> str:
    """`text` with its code spans and fenced code blocks as spaces, line ends kept."""
    if "`" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if (
                opening is not None
                and opening[1][0] == fence[0]
                and len(opening[1]) >= len(fence)
                and not line[opening.end() :].strip()
            ):
                fence = ""
            lines[index] = " " * len(line)
        elif opening is not None and not (opening[1][0] == "`" and "`" in line[opening.end() :]):
            fence = opening[1]
            lines[index] = " " * len(line)
    parts = _PARAGRAPHS.split("\n".join(lines))
    return "".join(part if n % 2 else _spans_blank(part) for n, part in enumerate(parts))


def _spans_blank(paragraph: str) -> str:
    """One paragraph's code spans as spaces."""
    out = list(paragraph)
    at, size = 0, len(paragraph)
    while at < size:
        char = paragraph[at]
        if char == "\\":
            at += 2  # an escaped character is text, a backtick too
            continue
        if char != "`":
            at += 1
            continue
        run = len(paragraph[at:]) - len(paragraph[at:].lstrip("`"))
        closing = _closing(paragraph, at + run, run)
        if closing < 0:
            at += run  # no span: the backticks are text
            continue
        end = closing + run
        out[at:end] = [c if c == "\n" else " " for c in paragraph[at:end]]
        at = end
    return "".join(out)


def _closing(text: str, start: int, run: int) -> int:
    """Where a run of exactly `run` backticks begins at or after `start` (-1: none)."""
    for match in re.finditer(r"`+", text[start:]):
        if len(match[0]) == run:
            return start + match.start()
    return -1
