"""How `numbering = "chapter"` numbers a division's tables and figures: "Table 2.1" in
chapter 2, "Table B.1" in Appendix B (its letter among the appendices, as its heading
shows it), "Table 1" in the front matter, as pandoc-crossref and Quarto number them.

A Bibliography's or Glossary's are numbered as the front matter's, running on after
them: those divisions carry no number or letter in their headings (nor do Quarto's or
pandoc-crossref's), so a letter of their own, "Table C.1", would send a reader looking
for an Appendix C that is not there, and "Table 1" again would name two tables.

In a volume of parts (one a country) chapters are numbered per part, so a chapter's
number alone names two chapters: its tables and figures carry the part's number too,
"Table II.1.3" (part II, its chapter 1, the third table), as the part is named ("Part
II"). The profile and introduction that open a part, before its chapter 1, number theirs
as the front matter does, running on through them, after the part's: "Table II.1"."""

from __future__ import annotations

from octavo.model import APPENDIX_KIND, Book, Chapter
from octavo.model.labels import alphabetic, roman

__all__ = ["float_id_prefix", "float_prefix", "numbered_apart"]


def numbered_apart(book: Book, chapter: Chapter) -> bool:
    """Whether `chapter`'s tables and figures count from 1 (numbering = "chapter"): a body
    chapter's and an appendix's do; the front matter's run on through all its divisions
    (which come first), as they carry no chapter number, and on into a Bibliography's and
    a Glossary's (octavo.render.drafts), and so do those that open a part (its profile and
    introduction), from 1 in each part."""
    if book.config.numbering != "chapter" or float_prefix(book, chapter) is None:
        return False
    if chapter.part and not chapter.number and chapter.matter == "body":
        opening = [c for c in book.chapters if c.part == chapter.part and not c.number]
        return opening[0] is chapter
    return True


def float_prefix(book: Book, chapter: Chapter) -> str | None:
    """What numbers a division's tables and figures before their own number (numbering =
    "chapter"), as pandoc-crossref and Quarto number them: a body chapter its number
    ("Table 2.1"), an appendix its letter ("Table A.1", Chapter.letter), the front matter,
    a Bibliography and a Glossary none ("Table 1"). A Foreword's and an Appendix's
    tables were both "Table 0.1", after a chapter 0 that no reader can find. In a volume
    of parts the part's number comes first: "Table II.2.1", and "Table II.1" in what opens
    part II (two parts' chapter 1 both had "Table 1.1", a reviewer's find)."""
    if chapter.kind == APPENDIX_KIND:
        return chapter.letter(book.labels)
    if chapter.matter in ("front", "back"):
        return None
    if chapter.part and chapter.matter == "body":
        part = roman(chapter.part)
        return f"{part}.{chapter.number}" if chapter.number else part
    return str(chapter.number)


def float_id_prefix(book: Book, chapter: Chapter) -> str | None:
    """`float_prefix` as the ids of the division's tables and figures write it: an
    appendix's Latin letter in any language ("appendix-table-A.1" under "Таблица А.1"), so
    that its ids stay ASCII, and as they were before its letter was the language's."""
    if chapter.kind == APPENDIX_KIND:
        return alphabetic(chapter.division)
    return float_prefix(book, chapter)
