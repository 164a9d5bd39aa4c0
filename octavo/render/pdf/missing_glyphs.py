"""Characters no font holds (W651), told at the line of the book that holds them.

Where neither the book's face nor any font on the machine has a character (a Chinese name
in a Spanish book, on a machine without a CJK font), WeasyPrint draws its font's empty box
(.notdef) and says so on its own logger, which nobody hears: the PDF went to the printer
with boxes for words and the build said nothing. `heard()` gathers the characters
WeasyPrint tells of while the book is laid out (in this process, or in a part's worker,
whose warnings octavo.render.pdf.parallel.jobs logs again here); `missing_glyphs` names
them, once a section, at the first line of its file that holds one, and those of book.toml
at the line of its key. The book's PDF, its handouts and its print cover (octavo.api.pdf,
octavo.api.handouts) are heard alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from octavo.errors import Diagnostic, warning
from octavo.model import Manuscript
from octavo.render.pdf.weasy_log import warnings_logged

__all__ = ["heard", "missing_glyphs"]

# WeasyPrint 70's words (weasyprint/draw/text.py), the character's code point read back
_NOTDEF = re.compile(
    r"^\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-F]{4,6})\)$"
)
SHOWN = 6  # characters named in one warning; the rest counted
# book.toml's keys whose text a title page, a handout's header or the cover prints, in the
# order a character is told at the first holding it (each in source.config.LINED)
CONFIG_TEXTS = ("title", "subtitle", "series", "authors", "editors", "publisher", "description")


@contextmanager
def heard() -> Iterator[dict[str, None]]:
    """The characters WeasyPrint drew as empty boxes meanwhile, in the order it told them
    (filled as the block ends)."""
    characters: dict[str, None] = {}
    with warnings_logged() as messages:
        try:
            yield characters
        finally:
            for message in messages:
                if told := _NOTDEF.match(message):
                    characters[chr(int(told[1], 16))] = None


def missing_glyphs(
    manuscript: Manuscript, characters: Iterable[str], sections: bool = True
) -> tuple[Diagnostic, ...]:
    """W651 for each section whose file holds a character of `characters`, at the first
    line holding one; then for book.toml's texts that print (`CONFIG_TEXTS`), at the line
    of the first key holding one; one for the rest (a label, a chapter's title of
    book.toml), at book.toml. `sections`: False for what prints none (the print cover):
    its characters are all book.toml's, whatever a section holds too."""
    left = dict.fromkeys(characters)
    found: list[Diagnostic] = []
    for rs in manuscript.sections if sections else ():
        section = rs.section
        lines = (section.title, *section.body.split("\n"))
        held = [c for c in left if any(c in line for line in lines)]
        if not held:
            continue
        first = next(i for i, line in enumerate(lines) if any(c in line for c in held))
        line = section.line_of("title") if first == 0 else section.body_line + first - 1
        found.append(_told(held, section.path, line))
        for c in held:
            del left[c]
    config = manuscript.book.config
    for key in CONFIG_TEXTS:
        value = getattr(config, key)
        if not value:  # unset (None would read "None")
            continue
        text = "\n".join(value) if isinstance(value, tuple) else str(value)
        held = [c for c in left if c in text]
        if held:
            found.append(_told(held, config.path, config.line_of(key)))
            for c in held:
                del left[c]
    if left:
        found.append(_told(list(left), config.path, None))
    return tuple(found)


def _told(characters: list[str], file: Path, line: int | None) -> Diagnostic:
    named = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in characters[:SHOWN])
    more = len(characters) - SHOWN
    if more > 0:
        named += f" and {more} more"
    return warning(
        "W651",
        f"no font holds {named}: the PDF prints {'it' if len(characters) == 1 else 'each'} "
        "as an empty box",
        file,
        line,
        "give the book a font that holds them (an @font-face in the book's own "
        'styles/print/fonts.css, its file in the book folder: README, "Changing the look"), '
        "or install one on this machine (Debian: fonts-noto-cjk for Chinese, Japanese, Korean)",
    )
