"""BibTeX's LaTeX letters made the letters they stand for before citeproc-py reads a
`.bib` file, and the entry named when citeproc-py still cannot read one (ut47 bug 7).

citeproc-py's LaTeX reader knows accents (`{\\"u}`) but not the macros that are letters of
their own, `\\ss` `\\o` `\\O` `\\aa` `\\AA` `\\ae` `\\AE` `\\oe` `\\OE` `\\l` `\\L` `\\i` `\\j`,
written `{\\ss}` or `\\ss{}` as Zotero, JabRef and BibDesk export ß: it stopped on them with
"generator raised StopIteration", for the whole file. They are replaced by their letters
(ß ø Ø å Å æ Æ œ Œ ł Ł ı ȷ; citeproc-py makes `{\\'ı}` í), with the space or `{}` that ends
the macro, as TeX reads it; each line stays a line, so the entries' lines hold. A macro
citeproc-py cannot read still stops it: `unreadable` then finds the first entry it cannot
read alone, its key, its line and the macros it holds.
"""

from __future__ import annotations

import io
import re

__all__ = ["letters", "unreadable"]

LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}  # fmt: skip
# the macro not followed by a letter (`\lambda`, `\oe` are others), then what ends it:
# `{}` or spaces (TeX skips the spaces after a control word)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|[ \t]+)?")
_ENTRY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
_MACRO = re.compile(r"\\[A-Za-z]+")


def letters(text: str) -> str:
    """`text` with LaTeX's letter macros made letters: `Stra{\\ss}en` is `Stra{ß}en`."""
    return _LETTER.sub(lambda m: LETTERS[m[1]], text) if "\\" in text else text


def unreadable(text: str) -> tuple[str, int, tuple[str, ...]] | None:
    """The key, line and LaTeX macros of the first entry citeproc-py cannot read on its
    own; None when each can be read (the fault is in no one entry)."""
    from citeproc.source.bibtex import BibTeX

    starts = [m for m in _ENTRY.finditer(text) if m[1].lower() not in ("comment", "string")]
    for at, match in enumerate(starts):
        end = starts[at + 1].start() if at + 1 < len(starts) else len(text)
        entry = text[match.start() : end]
        try:
            BibTeX(io.StringIO(entry))
        except Exception:  # citeproc-py's own errors have no common class
            line = text.count("\n", 0, match.start()) + 1
            return match[2], line, tuple(dict.fromkeys(_MACRO.findall(entry)))
    return None
