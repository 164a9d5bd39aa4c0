"""What an importer reads out of one foreign page: fields, blocks, and how they were found."""

from __future__ import annotations

from dataclasses import dataclass, field

from octavo.model import YearMonth

__all__ = ["KINDS", "Block", "Page", "PageError", "Spans"]

# Kinds of page a study has besides its chapters' sections; assemble places them.
KINDS = (
    "foreword",
    "preface",
    "acknowledgments",
    "introduction",
    "profile",
    "chronology",
    "bibliography",
    "glossary",
    "chapter",
)


class PageError(Exception):
    """Not a country-study page at all; `missing` names what was looked for."""

    def __init__(self, missing: tuple[str, ...]):
        super().__init__("not a country-study page: no " + ", no ".join(missing))
        self.missing = missing


@dataclass(frozen=True, slots=True)
class Spans:
    """A table that keeps its spans (written as pandoc's grid table): for each of its rows
    (Block.rows: the cells that begin in that row, left to right), each cell's column
    (where the table model places it: octavo.importers.table_kept knew it) and the rows
    and columns it spans; how many of its first rows are its head, and of its last its
    foot."""

    cells: tuple[tuple[tuple[int, int, int], ...], ...]  # (column, rows, columns)
    head: int = 1
    foot: int = 0


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body. `text` is plain (its words); `markdown` is the same text as
    inline Markdown, already escaped, for the page's own formatting (italics, links)."""

    kind: str  # paragraph, heading, entry, lines, caption, credit, list, table, image, note
    text: str = ""
    markdown: str = ""
    label: str = ""  # an entry's label ('Roads' of 'Roads: Many built ...'); a table's caption;
    # a note's number; a caption's or image's credit, as it is written (section.with_credits);
    # a heading's '#'s
    items: tuple[str, ...] = ()  # Markdown of list items or of a line block's lines
    rows: tuple[tuple[str, ...], ...] = ()  # a table's Markdown cells, first row the head
    aligns: tuple[str, ...] = ()  # a table's columns' alignment: "", "right" or "center"
    ordered: bool = False
    src: str = ""  # an image's address in the page
    alt: str = ""  # an image's alt text, when its caption is other words (fig-alt)
    # the quotations it is in, outermost first, each by its number in the page: `> ` for each
    # (templates/import/section.md.j2); blocks of one quotation share its number
    quote: tuple[int, ...] = ()
    # a table's or figure's own number in the page ("12" of "Table 12.", "8" of "Figure 8."),
    # dropped from its caption: octavo numbers the book's; and the label the import gives it
    # by that number ("tbl:12"), which the text's "table 12" then names
    # (octavo.importers.float_labels, octavo.importers.mentions)
    number: str = ""
    ident: str = ""
    line: int = 0  # the page's line of its element, where known (an HTML page's)
    spans: Spans | None = None  # a table that keeps its spans; None: a pipe table
    grid: tuple[str, ...] = ()  # such a table drawn, its lines (octavo.importers.grid_lines)


@dataclass(frozen=True, slots=True)
class Page:
    country: str
    title: str
    chapter: int | None
    parents: tuple[str, ...] | None
    sequence: int | None
    total: int | None
    data_as_of: YearMonth | None
    last_updated: YearMonth | None
    blocks: tuple[Block, ...]
    title_line: int  # 1-based line of the title in the page (1 when it has none)
    breadcrumb: tuple[str, ...]
    profile: str = "generic"
    reasons: tuple[str, ...] = ()  # why the profile matched, what was found where
    kind: str | None = None
    address: str = ""  # the page's own address, when it names one
    links: tuple[str, ...] = field(default=())  # hrefs of the body's links, by number
    images: tuple[tuple[str, bytes], ...] = ()  # (path in the book, the image's bytes)
    skipped_images: tuple[tuple[str, str], ...] = ()  # (src, why it was not copied)
    # (the page's line, what) of its tables' spans that a pipe table sets in a way a reader
    # could misread (octavo.importers.table_spans): W423
    table_spans: tuple[tuple[int, str], ...] = ()
    # dated by a line of its own, not 'Data as of' ('November 2005' atop a 2005 Country
    # Profile): its own publication's date, never lent to the pages of a study
    own_date: bool = False
    # the series a page with no title line says it is one of ('Country Profile': "This series
    # of profiles of foreign nations…"): titled "Country Profile: Nepal" once its country is
    # known, as the Library titles each, not by its file name
    series: str = ""

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The plain text of each block, in order."""
        return tuple(b.text for b in self.blocks if b.text)

    @property
    def chapter_title(self) -> str | None:
        """A chapter-level page ('Country Study > Chapter 8') names its chapter."""
        return self.title if self.kind == "chapter" else None
