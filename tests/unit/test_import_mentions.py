"""octavo.importers.mentions and float_labels: the text's "Table 12" made a reference to the
table the page numbers 12, where the book will hold it; the page's words, told (W424), where
it will not; each table and figure labelled once in the book.

The rewriting cases are in tests/data/mentions/rewriting.txt (markdown-it-py's fixture
shape): a paragraph of Belarus's page 60, which holds table 12 and figure 8, in a book whose
section 70 holds tables 3, 3-4 and IV, section 72 tables 15 and 16 and section 73 table 17,
section 10 an author's `tbl:gdp`, and Moldova's section 120 Moldova's table 13; the
paragraph expected, and each W424 with the words it quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from octavo.importers.float_labels import (
    Float,
    book_floats,
    label_number,
    label_pages,
    study_number,
    titled_tables,
)
from octavo.importers.mentions import Targets, cite
from octavo.importers.mentions_written import earlier_targets, stale_mentions
from octavo.importers.page import Block, Page
from octavo.importers.section import render_section
from octavo.model import YearMonth
from tests.conftest import DATA
from tests.support.fixtures import Fixture, read_fixtures

CASES = read_fixtures(DATA / "mentions" / "rewriting.txt")
BOOK = book_floats(
    [
        (70, "Belarus", "070-appendix.md in the book", "Table: A {#tbl:3}\n\nTable: B {#tbl:3-4}"),
        (71, "Belarus", "071-more.md in the book", "Table: C {#tbl:IV}"),
        (72, "Belarus", "072-trade.md in the book", "Table: D {#tbl:15}\n\nTable: E {#tbl:16}"),
        (73, "Belarus", "073-prices.md in the book", "Table: F {#tbl:17}"),
        (10, "Belarus", "010-economy.md in the book", "Table: GDP {#tbl:gdp}"),
        (120, "Moldova", "120-trade.md in the book", "Table: Exports {#tbl:moldova-13}"),
    ]
)
OWN = [
    Float("tbl", "12", "Belarus", "tbl:12", 60, "this page"),
    Float("fig", "8", "Belarus", "fig:8", 60, "this page"),
]


def _page(*blocks: Block, sequence: int = 60, country: str = "Belarus") -> Page:
    return Page(
        country=country,
        title="Transportation",
        chapter=3,
        parents=(),
        sequence=sequence,
        total=81,
        data_as_of=YearMonth(1995, 6),
        last_updated=None,
        blocks=blocks,
        title_line=1,
        breadcrumb=(),
    )


def _told(found: tuple[object, ...]) -> list[str]:
    """`W424 'words'` for each W424: the words it quotes."""
    told = []
    for d in found:
        quoted = re.search(r"cites ('[^']*')", getattr(d, "message", ""))
        told.append(f"{getattr(d, 'code', '')} {quoted[1] if quoted else ''}")
    return told


@pytest.mark.parametrize("case", CASES, ids=[c.title for c in CASES])
def test_the_text_s_mentions(case: Fixture) -> None:
    page = _page(Block("paragraph", text=case.given, markdown=case.given))
    cited = cite(page, Targets([*BOOK, *OWN]), Path("60.htm"))
    (paragraph,) = cited.page.blocks
    expected, *told = case.expected.split("\n")
    assert (paragraph.markdown, _told(cited.problems)) == (expected, told)


def test_w424_is_at_the_page_s_line_once_for_each_number() -> None:
    """Told where the reader meets it first (the page's line of the paragraph), once for a
    number cited several times, and said by --explain at each mention."""
    first = Block("paragraph", text="x", markdown="See table 14 and table 14.", line=7)
    second = Block("list", items=("Also table 14.", "And fig. 9."), line=9)
    cited = cite(_page(first, second), Targets(OWN), Path("60.htm"))
    assert [(d.code, d.file, d.line) for d in cited.problems] == [
        ("W424", Path("60.htm"), 7),
        ("W424", Path("60.htm"), 9),
    ]
    assert "3 times" in cited.problems[0].message
    assert cited.said[0] == (
        "line 7: 'table 14' kept as the page's words: neither this import nor the book has "
        "the study's table 14 (W424)"
    )


def test_notes_list_items_and_lines_are_read_headings_captions_and_cells_are_not() -> None:
    blocks = (
        Block("note", markdown="As table 12 shows.", label="1"),
        Block("list", items=("Roads: table 12",)),
        Block("lines", items=("Table 12",)),
        Block("heading", markdown="Table 12 and its roads", label="#"),
        Block("caption", markdown="Table 12"),
        Block("table", rows=(("Table 12", "x"), ("a", "b")), label="Roads, see table 12"),
    )
    cited = cite(_page(*blocks), Targets(OWN), Path("60.htm"))
    note, listed, lines, heading, caption, table = cited.page.blocks
    assert (note.markdown, listed.items, lines.items) == (
        "As @tbl:12 shows.",
        ("Roads: @tbl:12",),
        ("@tbl:12",),
    )
    assert (heading, caption, table) == blocks[3:]


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("12", "12"),
        ("3-4", "3-4"),
        ("3\u20134", "3-4"),
        ("3.4", "3.4"),
        ("12a", "12a"),
        ("IV", "IV"),
        ("12.", "12"),
        ("gdp", ""),
        ("12.3.1", ""),
        ("1234567", ""),
    ],
)
def test_a_study_s_number(written: str, number: str) -> None:
    assert study_number(written) == number


def test_a_label_s_number_is_its_section_s_country_s() -> None:
    assert [label_number(x, "Belarus", 61) for x in ("12", "belarus-12", "belarus-61-12")] == [
        "12",
        "12",
        "12",
    ]
    assert label_number("moldova-12", "Belarus", 61) == ""  # another study's


def _numbered(number: str, kind: str = "table") -> Block:
    if kind == "table":
        return Block("table", text="Roads", label="Roads", rows=(("a",), ("1",)), number=number)
    return Block("image", text="Railroads", markdown="Railroads", src="x.gif", number=number)


def test_each_label_is_given_once_in_the_book() -> None:
    """The book's labels are claimed first (importing again gives the same files), then the
    pages' by section number; another study's "Table 12" is labelled with its country, a
    second "Table 12" of one page with its country and section; a table without a caption
    (unnumbered by octavo) or without the page's number is not labelled."""
    book = book_floats([(120, "Moldova", "120-roads.md in the book", "Table: R {#tbl:12}")])
    belarus = _page(
        _numbered("12"),
        _numbered("12"),
        _numbered("8", "image"),
        Block("table", rows=(("a",), ("1",)), number="13"),  # no caption: not numbered
        _numbered(""),
    )
    moldova = _page(_numbered("12"), sequence=120, country="Moldova")
    pages, floats = label_pages([("61.htm", belarus), ("120.htm", moldova)], book)
    assert [b.ident for b in pages[0].blocks] == [
        "tbl:belarus-12",
        "tbl:belarus-60-12",
        "fig:8",
        "",
        "",
    ]
    assert [b.ident for b in pages[1].blocks] == ["tbl:12"]  # its own section's, again
    assert [(f.country, f.number, f.ident) for f in floats] == [
        ("Belarus", "12", "tbl:belarus-12"),
        ("Belarus", "12", "tbl:belarus-60-12"),
        ("Belarus", "8", "fig:8"),
        ("Moldova", "12", "tbl:12"),
    ]
    assert [
        (f.country, f.number) for f in book_floats([(60, "Belarus", "x", "{#tbl:belarus-60-12}")])
    ] == [("Belarus", "12")]


def test_a_bold_line_over_a_table_is_its_title() -> None:
    """Pages set a table's title as a line over it ('Table 3. Population'), without
    <caption>: it is the table's caption, its number kept to label it; a longer line, or
    one over a table that has a caption, stays a paragraph."""
    title = Block(
        "paragraph", text="Table 3. Population, 1994", markdown="**Table 3. Population, 1994**"
    )
    table = Block("table", text="Region Minsk", rows=(("Region",), ("Minsk",)))
    (titled,) = titled_tables([title, table])
    assert (titled.label, titled.number, titled.text) == (
        "Population, 1994",
        "3",
        "Population, 1994 Region Minsk",
    )
    long = Block("paragraph", text="Table 3. " + "word " * 40, markdown="Table 3. " + "word " * 40)
    assert titled_tables([long, table]) == [long, table]
    captioned = Block("table", label="Own", rows=(("a",), ("1",)))
    assert titled_tables([title, captioned]) == [title, captioned]
    prose = Block("paragraph", text="Tables follow.", markdown="Tables follow.")
    assert titled_tables([prose, table]) == [prose, table]


def test_a_section_written_with_other_references_is_the_page_s() -> None:
    """earlier_targets: the page imported with the references a section's text holds gives
    that text back, so a section written when the book held other tables is told from one
    a hand changed (octavo.importers.writing)."""
    cited = "See table 3 and Table 12; Tables 15–17 and tables 15 through 17 (Tables 3 and 12)."
    page = _page(
        Block("paragraph", text="x", markdown=cited),
        Block("table", label="Roads", rows=(("a",), ("1",)), ident="tbl:12", number="12"),
    )
    for targets in (Targets(OWN), Targets([*BOOK, *OWN])):
        written = render_section(cite(page, targets, Path("60.htm")).page, "60.htm")
        again = cite(page, earlier_targets(written, page), Path("60.htm")).page
        assert render_section(again, "60.htm") == written
    # a range's middle (table 16, of section 72) is named by its ends alone: read from them
    assert (
        "@tbl:3 and @tbl:12; Tables [-@tbl:15]–[-@tbl:17] and tables [-@tbl:15] through "
        "[-@tbl:17] (Tables [-@tbl:3] and [-@tbl:12])." in written
    )


def test_a_range_in_words_read_as_none_is_told_so() -> None:
    """W424 for "Tables 15 through 15" (or "Tables 15 to 17 and 12") says octavo read no
    range in its words, not that the book lacks table 15, which it holds."""
    text = "Tables 15 through 15 and Tables 15 to 17 and 12."
    cited = cite(
        _page(Block("paragraph", text=text, markdown=text, line=4)), Targets(BOOK), Path("60.htm")
    )
    assert cited.page.blocks[0].markdown == text
    assert [d.code for d in cited.problems] == ["W424", "W424"]
    assert all("reads as no range alone" in d.message for d in cited.problems)
    assert not any("neither this import nor the book" in d.message for d in cited.problems)
    assert cited.said[0] == (
        "line 4: 'Tables 15 through 15' kept as the page's words: read as no range of the "
        "study's tables alone (W424)"
    )


def test_a_book_s_section_citing_an_added_table_in_words_is_told() -> None:
    """W425 at the line of the section that cites the added table in words; not a heading,
    a caption, or another study's section."""
    added = [Float("tbl", "3", "Belarus", "tbl:3", 70, "70.htm of this import")]
    body = "# Table 3\n\nSee table 3.\n\nTable: about table 3\n\nAnd @tbl:3.\n"
    sections = [
        (Path("061-a.md"), "Belarus", 61, 12, body),
        (Path("121-b.md"), "Moldova", 121, 12, body),
    ]
    told = stale_mentions(sections, added)
    assert [(d.code, d.file, d.line) for d in told] == [("W425", Path("061-a.md"), 14)]


_PIECES = st.sampled_from(
    ["Table", "table", "Tables", "fig.", "Figure", "figures", " ", "  ", ", ", " and ", "(", ")",
     ".", "12", "3", "3-4", "13", "IV", "8", "[", "](x.md)", "`", "@tbl:3", "{#tbl:3}", "-", "a",
     "15", "17", "\u2013", "[-@tbl:3]", "s"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
@example("@tbl:3fig.fig.8")  # a reference's label is never rewritten inside (it was cut)
def test_a_reference_is_only_ever_to_a_label_the_book_holds(text: str) -> None:
    """Whatever the words, every reference the rewriting adds names a label of the targets,
    text without a target is left as it is, and text rewritten is not rewritten again."""
    page = _page(Block("paragraph", text=text, markdown=text))
    (rewritten,) = cite(page, Targets([*BOOK, *OWN]), Path("60.htm")).page.blocks
    before = re.findall(r"@((?:tbl|fig):[\w:.-]*\w)", text)
    added = re.findall(r"@((?:tbl|fig):[\w:.-]*\w)", rewritten.markdown)
    for ident in before:
        added.remove(ident)
    assert set(added) <= {f.ident for f in [*BOOK, *OWN]}
    again = _page(Block("paragraph", text=text, markdown=rewritten.markdown))
    (same,) = cite(again, Targets([*BOOK, *OWN]), Path("60.htm")).page.blocks
    assert same.markdown == rewritten.markdown
    (untouched,) = cite(page, Targets([]), Path("60.htm")).page.blocks
    assert untouched.markdown == text


def test_a_lone_i_before_a_word_is_the_pronoun() -> None:
    """'the figures I have seen' was '@fig:I have seen' in a book with a Figure I (a
    review's find); 'Table I.' and 'Table IV shows' are still mentions."""
    from octavo.importers.mentions import MENTION

    assert MENTION.search("the figures I have seen") is None
    found = [MENTION.search(t) for t in ("see Table I.", "Table IV shows", "(Figure I)")]
    assert [m.group("numbers") if m else None for m in found] == ["I", "IV", "I"]
