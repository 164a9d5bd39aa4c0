"""book.toml as a value (`BookConfig`) and the month of a year its dates, and every
section's data date, are given in (`YearMonth`): the part of the model (octavo.model, which
re-exports both) that a command needs before it knows whether it has any work to do, so a
build with nothing to do does not make the classes of the rest."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BookConfig", "YearMonth"]


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A month of a year, as in "Data as of June 1995"."""

    year: int
    month: int

    @property
    def label(self) -> str:
        """'June 1995'."""
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def iso(self) -> str:
        """'1995-06'."""
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class BookConfig:
    """book.toml."""

    title: str
    language: str
    identifier: str  # urn:uuid:...
    subtitle: str = ""
    country: str = ""
    series: str = ""
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publisher: str = ""
    subject: tuple[str, ...] = ()
    description: str = ""
    research_completed: YearMonth | None = None
    date: str = ""  # when the book was published, W3CDTF: "1995", "1995-06", "1995-06-10"
    chapter_titles: tuple[tuple[int, str], ...] = ()  # (number, title), sorted
    paper: str = "letter"  # a trim: octavo.source.paper
    margins: tuple[tuple[str, float], ...] = ()  # (side, points) set in [margins]
    bleed: float = 0.0  # points
    marks: tuple[str, ...] = ()  # "crop", "cross"
    ppi: float = 444.0  # pages per inch of the paper: the spine of the print cover
    isbn: str = ""  # ISBN-13, hyphenated (octavo.source.identifiers)
    lccn: str = ""  # Library of Congress Control Number, normalised
    doi: str = ""  # "10.1234/abc"
    series_number: str = ""  # the series' own number for the book: "DA Pam 550-112"
    series_position: str = ""  # the book's place in the series, a number: "112"
    cataloguing: str = ""  # a cataloguing-in-publication block for the imprint
    parts: tuple[str, ...] = ()  # countries in part order; () = by first appearance
    part_chapter_titles: tuple[tuple[str, int, str], ...] = ()  # (country, number, title)
    labels: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # [labels] overrides
    lists: bool = True  # lists of tables and figures, when the book has any
    page_list: bool = False  # an EPUB page list keyed to the printed folios
    order: tuple[int, ...] = ()  # explicit order of sequence numbers; () = by sequence
    source: str = ""  # where the pages came from, for the colophon
    ncx_depth: int = 2  # contents levels for Kindle-class readers (the EPUB 2 NCX)
    data_date_line: bool = True  # "Data as of June 1995." in words at each EPUB section's end
    path: Path = field(default=Path("book.toml"), repr=False)  # printed, a machine's path
    cover: str = ""  # the book's own cover image, relative to the book folder ("" = drawn)
    cover_line: int | None = None  # book.toml's line that names it, for its diagnostics
    bibliography: str = ""  # refs.json or refs.bib, relative to the book folder ("": none)
    csl: str = ""  # the citation style, relative to the book folder ("": the default)
    # pandoc's `nocite`: the strings that name entries listed though never cited, each
    # "@doe99, @smith2001" or "@*" (every entry), with its line of book.toml
    nocite: tuple[tuple[str, int | None], ...] = ()
    # book.toml's lines of its [chapters] tables ("": [chapters]; a country: [chapters.X])
    # and of its order: W310 and E306 point at them
    chapters_lines: tuple[tuple[str, int], ...] = ()
    order_line: int | None = None  # 'order' (E306, E307)
    language_line: int | None = None  # 'language' (W117)
    parts_lines: tuple[tuple[str, int], ...] = ()  # a country of 'parts' -> its line (W311)
    label_lines: tuple[tuple[str, int], ...] = ()  # a [labels] key -> its line (E116)
    # 'paper', 'title', 'subtitle', 'description', 'publisher', 'ppi' -> its line: what the
    # print cover cannot hold (W647, W648, E646, E650) is told there; 'series', 'authors',
    # 'editors' too: a character no font holds (W651) (source.config.LINED)
    key_lines: tuple[tuple[str, int], ...] = ()
    numbering: str = "book"  # tables and figures: "book" (Table 3) or "chapter" (Table 2.3)
    toc_depth: int = 3  # deepest heading level in the EPUB nav and PDF bookmarks (chapter = 1)
    epub_image_max: int = 1600  # longest side, in pixels, of an image in the EPUB
    layout_cache_mb: int = 64  # the layout cache's size cap (octavo.cache.prune)

    def line_of(self, key: str) -> int | None:
        """book.toml's line of `key` (one of source.config.LINED), if it sets it."""
        return dict(self.key_lines).get(key)

    def chapters_line(self, country: str = "") -> int | None:
        """The line of book.toml's [chapters] table (of `country`'s: [chapters.X]), if any."""
        return dict(self.chapters_lines).get(country)

    def chapter_title(self, number: int, part: str = "") -> str | None:
        """From [chapters.<part>] for a book in parts, else from [chapters]."""
        if part:
            found = {(c, n): t for c, n, t in self.part_chapter_titles}.get((part, number))
            if found:
                return found
        return dict(self.chapter_titles).get(number)

    @property
    def isbn_digits(self) -> str:
        return self.isbn.replace("-", "")

    @property
    def slug(self) -> str:
        from octavo.text import slugify

        return slugify(self.title) or "book"
