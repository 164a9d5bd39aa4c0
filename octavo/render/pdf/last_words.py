"""No paragraph ends on the stub of a hyphenated word: its last word is never hyphenated.

WeasyPrint 70 has no `hyphenate-limit-last` (CSS Text 4: `always`, the last full line of a
paragraph does not end with a hyphen), so a paragraph whose last word fell at a line's end
was broken "security pol-" / "icy.", the stub alone on the paragraph's last line: 5 times
in the 10 books of a reader's walk, on the first page of the default book. Typesetters keep
it from happening (InDesign's "Hyphenate Last Word", off by default; TeX's
\\finalhyphendemerits): the word goes whole to the last line, or stays whole on the one
before.

Here the print HTML holds each such word in a `<span class="last-word">` that
styles/print/book.css sets `hyphens: manual` (a soft hyphen typed in it is still a place to
break). Only a word that can be hyphenated at all is held (`SHORTEST` letters, the
`hyphenate-limit-chars` of book.css), and only one right before its paragraph's end, with
nothing but punctuation, closing tags and a note's call after it. The EPUB is untouched: a
reading system sets its own lines, at the reader's size.
"""

from __future__ import annotations

import re

__all__ = ["CLASS", "SHORTEST", "last_words", "note_last_words"]

CLASS = "last-word"
SHORTEST = 6  # letters of the shortest word print hyphenates (book.css hyphenate-limit-chars)
_WORD = (
    rf"(?<![\w\u00ad\u2019'&])([^\W\d_][\w\u00ad\u2019']{{{SHORTEST - 1},}})"  # the word
    r'((?:<a class="noteref"[^>]*>[0-9]+</a>|</[a-z]+>|[^\w\s<>])*)'  # what may follow it
)
_LAST = re.compile(_WORD + r"(?=</(?:p|dd|li)>)")
_NOTE_LAST = re.compile(_WORD + r"(?=<br/>|$)")  # a note's paragraphs are its lines


def last_words(body: str) -> str:
    """`body` (a section's print HTML) with the last word of each paragraph, definition and
    list item held whole, when it is long enough to be hyphenated."""
    return _LAST.sub(rf'<span class="{CLASS}">\1</span>\2', body)


def note_last_words(html: str) -> str:
    """An author's note (its inline HTML, a paragraph a line: octavo.render.footnotes) with
    the last word of each of its paragraphs held whole, as a paragraph's in the text."""
    return _NOTE_LAST.sub(rf'<span class="{CLASS}">\1</span>\2', html)
