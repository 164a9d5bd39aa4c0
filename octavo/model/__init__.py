"""The data that flows between stages: frozen dataclasses, no I/O.

read (source.sections) -> assemble (source.assemble) -> Book -> render (render.manuscript)
-> Manuscript -> the EPUB (render.epub) and the PDF (render.pdf), each as bytes; octavo.api
writes them (octavo.write). A Book carries its Project (octavo.project): where its templates
and styles are found, its build time, what a renderer may read.

Its modules: `book` (the book as read: sections, chapters, parts, their kinds), `labels`
(the words octavo generates, in the book's language) and `manuscript` (the book rendered;
`currency`: the Data Currency appendix's divisions, as both outputs list them; `index`: the
terms marked for the index and its entries); every name is taken from here.
"""

from __future__ import annotations

from octavo.model.book import (
    APPENDIX_KIND,
    BACK_KINDS,
    BODY_KIND,
    CHAPTER_PAGE,
    FRONT_KINDS,
    KINDS,
    NEXT_PAGE_KINDS,
    Book,
    Chapter,
    Part,
    Section,
    matter_of,
)
from octavo.model.currency import CurrencyRow
from octavo.model.index import IndexEntry, IndexGroup, IndexMark
from octavo.model.labels import Labels, roman
from octavo.model.manuscript import (
    APPENDIX,
    INDEX,
    Block,
    Image,
    Manuscript,
    Note,
    Numbered,
    RenderedChapter,
    RenderedPart,
    RenderedSection,
    TocNode,
)
from octavo.settings import BookConfig, YearMonth

__all__ = [
    "APPENDIX",
    "APPENDIX_KIND",
    "BACK_KINDS",
    "BODY_KIND",
    "CHAPTER_PAGE",
    "FRONT_KINDS",
    "INDEX",
    "KINDS",
    "NEXT_PAGE_KINDS",
    "Block",
    "Book",
    "BookConfig",
    "Chapter",
    "CurrencyRow",
    "Image",
    "IndexEntry",
    "IndexGroup",
    "IndexMark",
    "Labels",
    "Manuscript",
    "Note",
    "Numbered",
    "Part",
    "RenderedChapter",
    "RenderedPart",
    "RenderedSection",
    "Section",
    "TocNode",
    "YearMonth",
    "matter_of",
    "roman",
]
