"""pandoc's fancy_lists and example_lists: lettered and roman lists, `#.`, `(@)` examples,
read as pandoc reads them and written as its HTML5 writer writes them (markdown-it read a
paragraph)."""

from __future__ import annotations

import re

import pytest

from octavo.errors import Diagnostic
from octavo.model import Manuscript
from octavo.render.fancy_lists import item_label, read_marker
from octavo.render.manuscript import render_manuscript
from octavo.render.markdown import render_block
from octavo.source.sections import load_book
from octavo.text import escape_paragraph
from tests.conftest import MakeBook, section_source


def _lists(html: str) -> list[tuple[str, list[str]]]:
    """Each list's opening tag and its items' words (the lists inside an item apart)."""
    found = []
    for tag, body in re.findall(r"(<[ou]l[^>]*>)(.*?)</[ou]l>", html, re.S):
        found.append(
            (tag, [" ".join(w.split()) for w in re.findall(r"<li>(.*?)</li>", body, re.S)])
        )
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("a. one\nb. two\n", [('<ol type="a">', ["one", "two"])], id="lower-alpha"),
        pytest.param(
            "c. three\nd. four\n",
            [('<ol start="3" type="a">', ["three", "four"])],
            id="starts-at-c",
        ),
        pytest.param(
            "A.  one\nB.  two\n", [('<ol type="A">', ["one", "two"])], id="upper-alpha-two-spaces"
        ),
        pytest.param("i. one\nii. two\n", [('<ol type="i">', ["one", "two"])], id="i-is-roman"),
        pytest.param(
            "iv. four\nv. five\n",
            [('<ol start="4" type="i">', ["four", "five"])],
            id="roman-from-iv",
        ),
        pytest.param("I.  one\nII.  two\n", [('<ol type="I">', ["one", "two"])], id="upper-roman"),
        pytest.param(
            "h. eight\ni. nine\n",
            [('<ol start="8" type="a">', ["eight", "nine"])],
            id="i-after-h-is-a-letter",
        ),
        pytest.param("v. x\n", [('<ol start="22" type="a">', ["x"])], id="v-alone-is-a-letter"),
        pytest.param(
            "a) one\nb) two\n",
            [('<ol type="a" class="one-paren">', ["one", "two"])],
            id="one-paren",
        ),
        pytest.param(
            "(a) one\n(b) two\n",
            [('<ol type="a" class="two-parens">', ["one", "two"])],
            id="two-parens",
        ),
        pytest.param(
            "(1) one\n(2) two\n",
            [('<ol class="two-parens">', ["one", "two"])],
            id="decimal-in-parens",
        ),
        pytest.param(
            "1) one\n2) two\n", [('<ol class="one-paren">', ["one", "two"])], id="decimal-paren"
        ),
        pytest.param("#. one\n#. two\n", [("<ol>", ["one", "two"])], id="default-marker"),
        pytest.param(
            "c. three\n#. four\n",
            [('<ol start="3" type="a">', ["three", "four"])],
            id="hash-continues",
        ),
        pytest.param(
            "5. five\n6. six\n", [('<ol start="5">', ["five", "six"])], id="decimal-unchanged"
        ),
    ],
)
def test_markers_as_pandoc_reads_them(source: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _lists(render_block(source).html) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("B. Smith wrote the report.\n", id="an-initial"),
        pytest.param("I. Smith wrote the report.\n", id="a-roman-initial"),
        pytest.param("See p. 5 for the map.\n", id="page"),
        pytest.param("p. 5 has the map.\n", id="page-at-the-start"),
        pytest.param("The farms\na) grow wheat\n", id="no-list-inside-a-paragraph"),
        pytest.param("e.g. this\n", id="an-abbreviation"),
        pytest.param("C.\n", id="a-letter-alone"),
        pytest.param("ab. two letters\n", id="not-roman"),
    ],
)
def test_words_that_are_no_list(source: str) -> None:
    assert "<ol" not in render_block(source).html


def test_a_change_of_style_or_delimiter_starts_a_new_list() -> None:
    # pandoc's manual: three lists
    html = render_block("(2) Two\n(5) Three\n1.  Four\n*   Five\n").html
    assert _lists(html) == [
        ('<ol start="2" class="two-parens">', ["Two", "Three"]),
        ("<ol>", ["Four"]),
        ("<ul>", ["Five"]),
    ]
    assert [t for t, _ in _lists(render_block("a. one\nA.  two\n").html)] == [
        '<ol type="a">',
        '<ol type="A">',
    ]
    assert len(_lists(render_block("a. one\na) two\n").html)) == 2


def test_a_list_inside_an_item_needs_no_blank_line() -> None:
    html = render_block("a. one\n   i. sub\n   ii. sub2\nb. two\n").html
    assert re.sub(r"\s+", "", html) == (
        '<oltype="a"><li>one<oltype="i"><li>sub</li><li>sub2</li></ol></li><li>two</li></ol>'
    )


def test_a_lettered_list_in_a_quote_and_under_a_bullet() -> None:
    assert '<blockquote>\n<ol type="a">' in render_block("> a. x\n> b. y\n").html
    assert '<ul>\n<li>x\n<ol type="a">' in render_block("- x\n  a. y\n  b. z\n").html


def test_examples_are_numbered_through_the_body_and_referred_to() -> None:
    source = "(@) first\n(@good) second\n\nAs (@good) shows, and (@none).\n\n(@) third\n"
    html = render_block(source).html
    assert _lists(html) == [
        ('<ol class="example two-parens">', ["first", "second"]),
        ('<ol start="3" class="example two-parens">', ["third"]),
    ]
    assert "<p>As (2) shows, and (@none).</p>" in html


def test_an_address_is_no_example_reference() -> None:
    html = render_block("(@vela) a river\n\nWrite to office@vela.\n").html
    assert "office@vela." in html


@pytest.mark.parametrize(
    ("number", "style", "value"),
    [
        ("i", "lower-roman", 1),
        ("I", "upper-roman", 1),
        ("x", "lower-alpha", 24),
        ("xiv", "lower-roman", 14),
        ("MCM", "upper-roman", 1900),
        ("#", "default", 1),
        ("12", "decimal", 12),
    ],
)
def test_read_marker(number: str, style: str, value: int) -> None:
    marker = read_marker(number, "period")
    assert marker is not None and (marker.style, marker.value) == (style, value)
    assert read_marker("iIi", "period") is None


def test_a_list_goes_on_in_its_own_style() -> None:
    assert read_marker("v", "period", "lower-roman") is not None  # v. after iv.
    assert read_marker("j", "period", "lower-roman") is None
    assert read_marker("i", "period", "lower-alpha") is not None  # i. after h.


def test_a_note_sets_its_lists_numbers_as_typed() -> None:
    """A note is set as lines (no list markup at a page's foot): its items keep "(c)"."""
    source = "Text.[^n]\n\n[^n]: A note:\n\n    (c) one\n    (d) two\n\n    iv. four\n"
    (note,) = render_block(source).notes
    assert note.html == "A note:<br/>(c)\u00a0one<br/>(d)\u00a0two<br/>iv.\u00a0four"


@pytest.mark.parametrize(
    ("number", "delimiter", "value", "label"),
    [("c", "two-parens", 3, "(c)"), ("IV", "period", 4, "IV."), ("b", "one-paren", 27, "27)")],
)
def test_item_label(number: str, delimiter: str, value: int, label: str) -> None:
    assert item_label(read_marker(number, delimiter), value) == label


@pytest.mark.parametrize(
    "words",
    [
        "c. 1500 settlers came down the Vela.",
        "(1) the first law; (2) the second.",
        "a) farms, b) mills.",
        "iv. The fourth article.",
        "A.  Lukashenka, with two spaces.",
        "#. a hash",
        "(@) an example",
    ],
)
def test_an_imported_paragraph_that_starts_like_a_marker_stays_words(words: str) -> None:
    """The importer backslashes pandoc's markers at a paragraph's start (octavo.text), as it
    does `1.`: a chronology's "c. 1500" was a list starting at 3."""
    markdown = escape_paragraph(words)
    html = render_block(markdown, typography=False).html
    assert html == f"<p>{words}</p>\n", markdown


def test_only_markers_are_backslashed() -> None:
    for words in ("A. Smith wrote", "p. 5 has it", "e.g. this", "ab. cd", "Civil war"):
        assert escape_paragraph(words) == words


def _rendered(make_book: MakeBook, bodies: list[str]) -> tuple[Manuscript, tuple[Diagnostic, ...]]:
    """A book of one chapter, a section a body, rendered."""
    book = make_book(
        {
            f"00{n}-s.md": section_source(n, f"Part {n}", total=len(bodies), body=body)
            for n, body in enumerate(bodies, start=1)
        }
    )
    loaded, _ = load_book(book)
    return render_manuscript(loaded)


def test_examples_are_numbered_through_the_book_and_referred_to_from_any_section(
    make_book: MakeBook,
) -> None:
    """pandoc's text is the whole book: the second section's examples go on from the
    first's, and `@label` names an example of a section before or after its own."""
    bodies = [
        "(@) first\n(@good) second\n",
        "(@) third\n\nAs @good shows, and @later will, not @none: [@good](https://x.org/).\n",
        "Text.\n\n(@later) fourth\n",
    ]
    rendered, found = _rendered(make_book, bodies)
    first, second, third = (s.body_html for s in rendered.chapters[0].sections)
    assert _lists(first) == [('<ol class="example two-parens">', ["first", "second"])]
    assert _lists(second) == [('<ol start="3" class="example two-parens">', ["third"])]
    assert _lists(third) == [('<ol start="4" class="example two-parens">', ["fourth"])]
    # a link's own text is left as written (a link holds no link)
    assert '<p>As 2 shows, and 4 will, not @none: <a href="https://x.org/">@good</a>' in second
    assert "example" not in second.split("<p>As", 1)[1]  # no link is left for the reader
    assert not [d for d in found if d.code == "W512"]


def test_what_stays_as_written_in_a_book(make_book: MakeBook) -> None:
    """Where a number from another section cannot stand (a heading, a caption, an index
    term: their words are also labels; a link's text; a web address), and what a reader of
    pandoc's Markdown takes for a citation, which keeps its warning (W504)."""
    bodies = [
        "(@ex) first\n(@smith2001) second\n",
        "## Head @ex\n\n| a |\n|---|\n| 1 |\n\nTable: Cap @ex\n\n"
        '[term @ex]{.index}, <a href="https://x.org/">raw @ex</a>, https://m.social/@ex,'
        " [@doe], and @ex.\n\nAs @smith2001 argues.\n",
    ]
    rendered, found = _rendered(make_book, bodies)
    second = rendered.chapters[0].sections[1]
    assert [h.title_html for h in second.headings] == ["Head @ex"]
    assert 'data-label="Head @ex">Head @ex</h3>' in second.body_html
    assert [t.caption_html for t in second.tables] == ["Cap @ex"]
    assert [m.text for m in second.marks] == ["term @ex"]
    assert 'raw @ex</a>, <span class="address">' in second.body_html
    assert "/@ex</span>, [@doe], and 1.</p>" in second.body_html
    assert "As @smith2001 argues." in second.body_html  # an author-year key: a citation
    assert "example" not in second.body_html
    cited = [d for d in found if d.code == "W504" and "citations" in d.message]
    assert len(cited) == 2  # [@doe], @smith2001


def test_a_label_given_twice_is_the_last_and_a_warning(make_book: MakeBook) -> None:
    """pandoc's `@label` is the last example so labelled (its map of labels is written over,
    without a word); octavo's too, in a section and in the book, with W522 at each label
    given again."""
    bodies = [
        "(@a) one\n(@a) two\n\nHere @a.\n",
        "Text.\n\n```\n(@a) code\n```\n\n- (@a) three\n\nThere @a.\n",
        "Last @a.\n",
    ]
    rendered, found = _rendered(make_book, bodies)
    first, second, third = (s.body_html for s in rendered.chapters[0].sections)
    assert "<p>Here 2.</p>" in first  # pandoc: "Here 2." for the first section alone
    assert "<p>There 3.</p>" in second and "<p>Last 3.</p>" in third
    twice = [(d.code, d.file.name if d.file else "", d.line) for d in found if d.code == "W522"]
    bodies_at = [s.section.body_line for s in rendered.chapters[0].sections]
    assert twice == [("W522", "001-s.md", bodies_at[0] + 1), ("W522", "002-s.md", bodies_at[1] + 6)]
    assert "before: this section" in next(d.message for d in found if d.code == "W522")


@pytest.mark.parametrize(
    "source",
    [
        "\u0661. one\n\u0662. two\n",  # Arabic-Indic
        "(\u0967) one\n",  # Devanagari, in parentheses
        "\uff11) one\n",  # fullwidth
    ],
    ids=["arabic-indic", "devanagari-parens", "fullwidth"],
)
def test_a_number_in_another_scripts_figures_is_no_list(source: str) -> None:
    """`١. item` became an ordered list (\\d takes every script's figures); pandoc's list
    numbers, as markdown-it's, are 0-9: it is a paragraph, and an import writes it as is."""
    html = render_block(source).html
    assert "<ol" not in html and html.startswith("<p>")
    assert escape_paragraph(source.split("\n")[0]) == source.split("\n")[0]
