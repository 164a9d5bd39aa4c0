"""How `numbering = "chapter"` numbers a division's tables and figures: "Table 2.1" in
chapter 2, "Table A.1" in the back matter's first division (an appendix), "Table 1" in
the front matter, as pandoc-crossref and Quarto number them.

In a volume of parts (one a country) chapters are numbered per part, so a chapter's
number alone names two chapters: its tables and figures carry the part's number too,
"Table II.1.3" (part II, its chapter 1, the third table), as the part is named ("Part
II"). The profile and introduction that open a part, before its chapter 1, number theirs
as the front matter does, running on through them, after the part's: "Table II.1"."""

from __future__ import annotations

from octavo.model import Book, Chapter
from octavo.model.labels import roman

__all__ = ["float_prefix", "numbered_apart"]


def numbered_apart(book: Book, chapter: Chapter) -> bool:
    """Whether `chapter`'s tables and figures count from 1 (numbering = "chapter"): a body
    chapter's and a back-matter division's do; the front matter's run on through all its
    divisions (which come first), as they carry no chapter number, and so do those that
    open a part (its profile and introduction), from 1 in each part."""
    if book.config.numbering != "chapter" or chapter.matter == "front":
        return False
    if chapter.part and not chapter.number and chapter.matter == "body":
        opening = [c for c in book.chapters if c.part == chapter.part and not c.number]
        return opening[0] is chapter
    return True


def float_prefix(book: Book, chapter: Chapter) -> str | None:
    """What numbers a division's tables and figures before their own number (numbering =
    "chapter"), as pandoc-crossref and Quarto number them: a body chapter its number
    ("Table 2.1"), a back-matter division its letter in the back matter ("Table A.1":
    an appendix), the front matter none ("Table 1"). A Foreword's and an Appendix's
    tables were both "Table 0.1", after a chapter 0 that no reader can find. In a volume
    of parts the part's number comes first: "Table II.2.1", and "Table II.1" in what opens
    part II (two parts' chapter 1 both had "Table 1.1", a reviewer's find)."""
    if chapter.matter == "front":
        return None
    if chapter.matter == "back":
        back = [c for c in book.chapters if c.matter == "back"]
        return _letters(next(i for i, c in enumerate(back) if c is chapter))
    if chapter.part and chapter.matter == "body":
        part = roman(chapter.part)
        return f"{part}.{chapter.number}" if chapter.number else part
    return str(chapter.number)


def _letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": a spreadsheet's column letters."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
