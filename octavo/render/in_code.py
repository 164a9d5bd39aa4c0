"""What is written in code in Markdown source, found as CommonMark reads it: every reader
of the source that must not take code for text asks here.

- a link's line (octavo.render.xref.reference_line) must not take a link written in a code
  span (`` `[](#tbl:b){.page}` ``) or in a fenced code block for a link: `without_code`
  makes every character of a code span (its backticks too) and of a fenced block's lines,
  fences included, a space; line ends stay, so a line's number is the same;
- the book's heading names (octavo.render.heading_refs) must not take a `# comment` in a
  fenced block for a heading: `without_fences` blanks the blocks alone (a heading's code
  span is its words);
- a heading's id (octavo.render.heading_ids) must not take math or an autolink in a code
  span for one: `code_span` tells where a span that opens at a backtick ends.

As CommonMark reads them: a run of backticks opens a span that the next run of the same
length closes, within one paragraph (no blank line between); a backslash before a backtick
outside a span makes it text; a fence is three or more backticks or tildes, indented by
three spaces at most (a backtick fence's info holds no backtick), closed by a run of the
same character at least as long, alone on its line (or by the end). Indented code blocks
are not blanked (a list item's indented paragraph looks alike).
"""

from __future__ import annotations

import re

__all__ = ["code_span", "without_code", "without_fences"]

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")
_BACKTICKS = re.compile(r"`+")


def without_code(text: str) -> str:
    """`text` with its code spans and fenced code blocks as spaces, line ends kept."""
    if "`" not in text and "~~~" not in text:
        return text
    parts = _PARAGRAPHS.split(without_fences(text))
    return "".join(part if n % 2 else _spans_blank(part) for n, part in enumerate(parts))


def without_fences(text: str) -> str:
    """`text` with its fenced code blocks (their fences too) as spaces, line ends kept."""
    if "```" not in text and "~~~" not in text:
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
    return "\n".join(lines)


def code_span(text: str, at: int) -> tuple[int, bool]:
    """Where reading goes on after the run of backticks that begins at `at`, and whether
    it opened a code span: after the span's closing run (True), or after the run itself
    (False: no run of its length follows, so its backticks are text)."""
    run = _BACKTICKS.match(text, at)
    if run is None:  # no backtick at `at`: nothing opens there
        return at + 1, False
    size = len(run[0])
    for closing in _BACKTICKS.finditer(text, run.end()):
        if len(closing[0]) == size:
            return closing.end(), True
    return run.end(), False


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
        end, span = code_span(paragraph, at)
        if span:
            out[at:end] = [c if c == "\n" else " " for c in paragraph[at:end]]
        at = end
    return "".join(out)
