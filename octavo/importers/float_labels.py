"""The study's own numbers of a page's tables and figures, made the labels of the book's.

The importer drops a page's "Table 12." and "Figure 8." from their captions: octavo numbers
the book's tables and figures in reading order, and a partial or reordered import (a handful
of a study's eighty pages) numbers them otherwise than the study did. The page's text still
cites the study's numbers ("The road network is shown in Table 12."), so the number is kept
as the table's or figure's label in pandoc-crossref's syntax, `{#tbl:12}`, `{#fig:8}`, and
the text's mentions of it are made references to that label (octavo.importers.mentions),
which octavo prints with the book's number.

Each label is unique in the book, or the build stops (E513): `tbl:12` is the first claimant's,
the book's sections first (a label a section holds stays its: importing again gives the same
files), then this import's pages by section number. A study's tables are numbered once
across it (or per chapter, "Table 3-4"), so only another study's "Table 12" (a volume of
parts, Belarus and Moldova) or a page saved twice claims one taken: it is labelled with its
country, `tbl:moldova-12`, or its country and section, `tbl:moldova-61-12`. A label of the
book's that is no study's number (`tbl:gdp`, an author's) is held, never cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from octavo.importers.page import Block, Page
from octavo.text import drop_table_number, first_words, own_table_number, slugify

__all__ = [
    "KINDS",
    "Float",
    "book_floats",
    "label_number",
    "label_pages",
    "labelled",
    "study_number",
    "titled_tables",
]

KINDS = {"table": "tbl", "image": "fig"}  # a block's kind -> its label's kind
# a number as the studies write one: "12", "3-4" (a chapter's fourth), "3.4", "12a", "IV"
_NUMBER = re.compile(r"[0-9]{1,4}(?:[-.][0-9]{1,4})?[a-z]?|[IVXLC]{1,7}")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
# a label in a section's text: `{#tbl:12}`, `{#fig:8 fig-alt="…"}`, `{width=50% #fig:x}`
_LABEL = re.compile(r"\{[^{}\n]*?#((tbl|fig):([\w:.-]*\w))")
# a title all in bold or italics, as a page sets one apart: a caption's look is the book's
_WRAPPED = re.compile(r"^(\*\*|\*)((?:(?!\1).)+)\1$")
_TITLE_WORDS = 40  # a table's title line is shorter (as a figure's labelled line is)


def study_number(written: str) -> str:
    """A table's or figure's number as a label holds it ("3-4" of "3–4"), or "" when the
    words are none a study numbers with ("12.3.1", "gdp")."""
    number = written.translate(_DASHES).strip().rstrip(".")
    return number if _NUMBER.fullmatch(number) else ""


@dataclass(frozen=True, slots=True)
class Float:
    """A table or figure of the book, or of a page of the import, and its label."""

    kind: str  # "tbl" or "fig"
    number: str  # the study's number ("12"), "" for a label of the book's own words
    country: str  # of its section
    ident: str  # its label, "tbl:12"
    sequence: int  # its section's number
    where: str  # the page's file name, or the book's section's


def book_floats(sections: Iterable[tuple[int, str, str, str]]) -> list[Float]:
    """The labels the book's sections hold, each (section number, country, file name,
    body): a label the importer gave, `tbl:12` or `tbl:belarus-12`, is the study's number
    12 of the section's country."""
    found: list[Float] = []
    for sequence, country, name, body in sorted(sections):
        for match in _LABEL.finditer(body):
            number = label_number(match[3], country, sequence)
            found.append(Float(match[2], number, country, match[1], sequence, name))
    return found


def label_number(label: str, country: str, sequence: int) -> str:
    """The study's number a label (without its kind) gives a table of a section of
    `country` and number `sequence`: "12" of "12", "belarus-12" and "belarus-61-12"; ""
    for an author's own ("gdp")."""
    own = slugify(country) or "page"
    for prefix in (f"{own}-{sequence}-", f"{own}-"):
        label = label.removeprefix(prefix)
    return study_number(label)


def titled_tables(blocks: list[Block], said: list[str] | None = None) -> list[Block]:
    """A table without a <caption> takes the line right above it that titles it 'Table 12.
    Road network, 1994' (a paragraph or a heading of under 40 words, in the same quotation):
    pages of the 1990s set a table's title so, often in bold (dropped: a caption's look is
    the book's). It had stayed a line of text over a table octavo left unnumbered, which
    the list of tables did not hold. `said`: told so at the line's line (--explain)."""
    out: list[Block] = []
    for block in blocks:
        above = out[-1] if out else None
        titled = above is not None and above.quote == block.quote and _titles(above)
        if block.kind == "table" and not block.label and above is not None and titled:
            if said is not None:
                at = f"line {above.line}: " if above.line else ""
                said.append(f"{at}{first_words(above.text)} over a table is its caption")
            out[-1] = replace(
                block,
                text=f"{drop_table_number(above.text)} {block.text}",
                label=_WRAPPED.sub(r"\2", drop_table_number(above.markdown)),
                number=own_table_number(above.text),
            )
            continue
        out.append(block)
    return out


def _titles(block: Block) -> bool:
    rest = drop_table_number(block.text)
    return (
        block.kind in ("paragraph", "heading")
        and bool(own_table_number(block.text))
        and bool(rest.strip())
        and len(block.text.split()) < _TITLE_WORDS
    )


def labelled(block: Block) -> tuple[str, str]:
    """The label kind of a block the book numbers, with the study's number ("tbl", "12"),
    or ("", ""): a table with a caption, a figure (an image with words)."""
    kind = KINDS.get(block.kind, "")
    number = study_number(block.number) if kind else ""
    captioned = bool(block.label) if kind == "tbl" else bool(block.text or block.alt)
    return (kind, number) if number and captioned else ("", "")


def label_pages(pages: list[tuple[str, Page]], book: list[Float]) -> tuple[list[Page], list[Float]]:
    """Each page (with its file name) with its numbered tables and figures labelled, in the
    order given; and their Floats. The book's labels are claimed first, then the pages'
    by section number (see above)."""
    claims = {f.ident: f.sequence for f in book}
    labels: dict[int, list[str]] = {}  # by place in `pages`: each block's label, or ""
    floats: list[Float] = []
    order = sorted(range(len(pages)), key=lambda i: pages[i][1].sequence or 0)
    for at in order:
        name, page = pages[at]
        sequence, own = page.sequence or 0, slugify(page.country) or "page"
        given: list[str] = []
        for block in page.blocks:
            kind, number = labelled(block)
            ident = ""
            for candidate in ("", f"{own}-", f"{own}-{sequence}-"):
                wanted = f"{kind}:{candidate}{number}"
                if kind and claims.get(wanted, sequence) == sequence and wanted not in given:
                    ident = wanted
                    break
            given.append(ident)
            if ident:
                claims[ident] = sequence
                floats.append(Float(kind, number, page.country, ident, sequence, name))
        labels[at] = given
    out = [
        replace(
            page,
            blocks=tuple(replace(b, ident=i) for b, i in zip(page.blocks, labels[at], strict=True)),
        )
        for at, (_, page) in enumerate(pages)
    ]
    return out, floats
