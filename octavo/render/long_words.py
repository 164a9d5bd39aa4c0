"""A run of characters with no space in it, longer than any word, given places to break
(W524, told by the PDF's build).

A book folder is untrusted input, and a page a user imports can hold such a run: a base64
image pasted as text, a tracking address, a DNA sequence in a table. WeasyPrint 70 takes
time cubic in its length to set one: with `hyphens: auto` (styles/base.css) it tries every
hyphenation point of the rest of the run, longest first, each in a new Pango layout of
that length, for every line (2,000 letters in a paragraph: 2.3 s; 4,000: 16 s); in a table
cell, whose `overflow-wrap: anywhere` makes its narrowest width one letter, it does so
once a letter (1,000 letters: 21 s; docs/upstream/weasyprint-long-words.md). A hyphen
added to such a run is also a character that is not in it. On a phone's screen such a run
in a table cell runs off the screen: a cell breaks words only where they must, so no
shorter word of the table is broken too.

So each document holds each run of more than `LONGEST` characters in a
`<span class="unbroken">`, which the stylesheets keep from being hyphenated, with a
`<wbr>` every `STEP` characters (`<wbr/>` in the EPUB's XHTML): a place a line may end,
which WeasyPrint lays out as one short text box after another (4,000 letters in a
paragraph: 0.2 s, in a table cell: 0.8 s), and a reading system at the reader's size. The
text's characters are unchanged: the PDF's text reads back the run as written, and a
reader copies or searches the EPUB's as written. Text in a `<style>`, `<script>`,
`<title>`, `<textarea>`, `<svg>` or `<math>`, a comment and a tag's attributes are left as
they are.

`unbroken_runs` tells of each run a section's prose holds (W524, at its line). Code is
not told of: it is set as written, broken anywhere in print (styles/base.css `pre`), and a
run meant as it is (a sequence, a key) can be written as code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript, Section
from octavo.render.conditional import for_output

__all__ = ["CLASS", "LONGEST", "STEP", "broken", "runs", "unbroken_runs"]

CLASS = "unbroken"
LONGEST = 80  # characters: past the longest word of a dictionary (German's run to 79)
STEP = 10  # characters between the places a longer run may end a line in print

# a character of a run: an entity, or anything but markup and the spaces a line may end
# at (U+00A0, U+2007, U+202F, U+2060 join the words on either side: part of the run)
_CHAR = r"(?:&#?[0-9A-Za-z]+;|[^\s<>&\u200b]|[\u00a0\u2007\u202f\u2060])"
# (from a space or the text's start: never from inside an entity)
_RUN = re.compile(rf"(?<![^\s<>\u200b]){_CHAR}{{{LONGEST + 1},}}")
_ONE = re.compile(_CHAR)
# what is not text: the elements whose content is no text to break, comments, tags
_MARKUP = re.compile(
    r"<(style|script|title|textarea|svg|math)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_CODE = re.compile(r"<(/?)(code|pre)\b", re.IGNORECASE)
# no run can be in a text that holds no stretch this long (an entity is one character),
# from a stretch's start only, so the text is read once: at the text's first position
# (`_FIRST`), or after a character that ends a stretch (`_AFTER`: a pattern that begins with
# a set of characters is searched for in C, position by position, where one that begins
# with a lookbehind tries every position: 15 -> 8 ms for an 81-section study's chapters)
_ENDS = " \t\n\r\f<>\u200b"
_FIRST = re.compile(rf"(?<![^{_ENDS}])[^{_ENDS}]{{{LONGEST + 1}}}")
_AFTER = re.compile(rf"[{_ENDS}][^{_ENDS}]{{{LONGEST + 1}}}")


def _texts(html: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, in code) of each stretch of text in `html`."""
    at, code = 0, 0
    for markup in _MARKUP.finditer(html):
        if markup.start() > at:
            yield at, markup.start(), code > 0
        tag = _CODE.match(markup[0])
        if tag:
            code = max(0, code - 1) if tag[1] else code + 1
        at = markup.end()
    if at < len(html):
        yield at, len(html), code > 0


def runs(html: str, code: bool = True) -> Iterator[re.Match[str]]:
    """The runs of more than `LONGEST` characters in the text of `html` (`code`: in code
    too)."""
    if not _stretch(html, 0, len(html)):
        return
    for start, end, in_code in _texts(html):
        if (code or not in_code) and _stretch(html, start, end):
            yield from _RUN.finditer(html, start, end)


def _stretch(html: str, start: int, end: int) -> bool:
    """Whether html[start:end] holds a stretch of more than LONGEST characters but those
    that end one (a space, a tag's bracket, a zero-width space), from its start: at
    `start` too, when the character before it (read, though before the slice) ends one."""
    return bool(_FIRST.match(html, start, end) or _AFTER.search(html, start, end))


def broken(html: str, wbr: str = "<wbr>") -> str:
    """The document `html` (print HTML, or XHTML with `wbr` "<wbr/>") with each run in its
    body held whole and given a place to end a line every `STEP` characters."""
    body = _body(html)  # the head's text (its <title>, its <style>) is no run's
    pieces, done = [html[:body]], body
    for run in runs(html[body:]):
        chars = _ONE.findall(run[0])
        steps = ("".join(chars[i : i + STEP]) for i in range(0, len(chars), STEP))
        pieces += [html[done : body + run.start()], f'<span class="{CLASS}">']
        pieces += [wbr.join(steps), "</span>"]
        done = body + run.end()
    if done == body:
        return html
    pieces.append(html[done:])
    return "".join(pieces)


def _body(html: str) -> int:
    """Where the <body> tag of `html` starts (0 if none): a tag, not "<body" written in
    the head's <style> or <title>."""
    for markup in _MARKUP.finditer(html):
        if markup[0][:5].lower() == "<body" and not markup[0][5:6].isalnum():
            return markup.start()
    return 0


def unbroken_runs(manuscript: Manuscript) -> tuple[Diagnostic, ...]:
    """W524 for each run of a section's prose (its title, body and notes, as printed), at
    its line; once a run and section."""
    found: list[Diagnostic] = []
    for rs in manuscript.sections:
        section = rs.section
        texts = (
            (rs.title_html, True),
            *((h, False) for h in (rs.body_html, *(n.html for n in rs.notes))),
        )
        seen: set[str] = set()
        for html, title in texts:
            for run in runs(for_output(html, "pdf"), code=False):
                written = unescape(run[0])
                if written in seen:
                    continue
                seen.add(written)
                line = section.line_of("title") if title else _line(section, written)
                found.append(
                    warning(
                        "W524",
                        f"a word of {len(written):,} characters has no space; print breaks it "
                        f"every {STEP} characters, without hyphens ('{written[:24]}…')",
                        section.path,
                        line,
                        "if it is not meant (an imported page's image data or tracking "
                        "address), remove it; if it is (a sequence, a key), write it as code "
                        "(`…`), or put spaces where a reader may break it",
                    )
                )
    return tuple(found)


def _line(section: Section, written: str) -> int:
    """The line of `section`'s file that holds the start of `written` (the body's first
    line, when it is not found as written: typography made it other)."""
    head = written[:LONGEST]
    for index, line in enumerate(section.body.split("\n")):
        if head in line:
            return section.body_line + index
    return section.body_line
