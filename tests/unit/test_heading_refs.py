"""pandoc's implicit_header_references: `[Heading text]`, `[Heading text][]` and
`[words][Heading text]` link to the heading of that name, in the section and across the
book; an explicit definition wins; a name two headings share links the first (W521)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo import api
from octavo.render.heading_refs import book_heading_names, heading_name, names_used
from octavo.render.markdown import Context, render_block
from tests.conftest import MakeBook, section_source


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param("[Prices and wages]", id="shortcut"),
        pytest.param("[Prices and wages][]", id="collapsed"),
        pytest.param("[prices][Prices and wages]", id="full"),
        pytest.param("[prices  AND\nwages]", id="case-and-spaces"),
    ],
)
def test_a_heading_of_the_section_by_its_name(reference: str) -> None:
    html = render_block(f"# Prices and wages {{.x}}\n\nSee {reference}.\n").html
    (link,) = _links(html)
    assert link[0] == "#s-prices-and-wages"


def test_an_explicit_definition_wins() -> None:
    source = "# Trade\n\nSee [Trade].\n\n[Trade]: https://example.org/trade\n"
    assert _links(render_block(source).html) == [("https://example.org/trade", "Trade")]


def test_words_in_brackets_that_name_no_heading_stay_words() -> None:
    html = render_block("# Trade\n\nThe [sic] and [Tra de] stay.\n").html
    assert "The [sic] and [Tra de] stay." in html


def test_the_heading_s_own_id_note_call_and_a_note_s_link() -> None:
    source = (
        "# Trade[^t] {#trade}\n\nSee [Trade].[^n]\n\n[^t]: On trade.\n\n[^n]: As [Trade] says.\n"
    )
    fragment = render_block(source)
    assert _links(fragment.html)[0] == ("#trade", "Trade")
    assert 'As <a href="#trade" class="xref">Trade</a> says.' in fragment.notes[1].html


def test_a_name_of_two_headings_links_the_first_with_w521() -> None:
    fragment = render_block("# Climate\n\n## Climate\n\nSee [Climate].\n")
    assert _links(fragment.html) == [("#s-climate", "Climate")]
    assert [(p.code, p.line) for p in fragment.problems] == [("W521", 4)]


def test_a_heading_elsewhere_is_named_for_the_book_to_resolve() -> None:
    context = Context(heading_names=(heading_name("Climate"),))
    html = render_block("See [Climate], not [Weather].\n", context=context).html
    assert _links(html) == [("#heading:CLIMATE", "Climate")]
    assert "[Weather]" in html


def test_the_book_s_names() -> None:
    names = book_heading_names(
        ["The Economy", "Geography"],
        ["# Climate {#c}\n\n```\n# not a heading\n```\n\n## Trade[^n] ##\n"],
    )
    assert names == {heading_name(n) for n in ("The Economy", "Geography", "Climate", "Trade")}
    assert names_used("See [climate] and [the land][Geography], [sic].", names) == (
        "CLIMATE",
        "GEOGRAPHY",
    )


@pytest.mark.parametrize(
    ("body", "named"),
    [
        pytest.param("# A\n\n```\n# not\n```\n# B\n", ("A", "B"), id="backticks"),
        pytest.param("~~~~\n# not\n~~~\n# not\n~~~~\n# C", ("C",), id="shorter-run-no-close"),
        pytest.param("```\n# not\n~~~\n# not\n````\n# D", ("D",), id="other-char-no-close"),
        pytest.param("   ```py\n# not\n```\n# E", ("E",), id="indented-three"),
        pytest.param("    ```\n# F\n", ("F",), id="indented-four-is-no-fence"),
        pytest.param("```\n# not to the end\n", (), id="unclosed"),
        pytest.param("# The `x` function", ("The `x` function",), id="a-code-span-kept"),
    ],
)
def test_no_heading_in_fenced_code(body: str, named: tuple[str, ...]) -> None:
    assert book_heading_names([], [body]) == {heading_name(n) for n in named}


def test_across_the_book(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book(
        {
            "001-a.md": section_source(1, "Profile", body="See [Climate] and [Geography].\n"),
            "002-b.md": section_source(2, "Geography", body="# Climate\n\nWarm.\n"),
            "003-c.md": section_source(3, "Hills", body="# Climate\n\nCold.\n"),
        }
    )
    manuscript, found = api.manuscript(book)
    body = manuscript.sections[0].body_html
    assert _links(body) == [
        ("#s002-geography-climate", "Climate"),
        ("#s002-geography", "Geography"),
    ]
    assert [(d.code, d.line) for d in found] == [("W521", 11)]
    assert "001-a.md" in str(found[0])


def test_a_bracketed_span_stays_a_span() -> None:
    """pandoc reads `[Minsk]{.index}` as a span before it looks for a link."""
    html = render_block("# Minsk\n\nThe capital, [Minsk]{.smallcaps}, and [Minsk].\n").html
    assert '<span class="smallcaps">Minsk</span>' in html
    assert _links(html) == [("#s-minsk", "Minsk")]
