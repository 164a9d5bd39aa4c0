"""pandoc's citation syntax (octavo.render.citation_syntax): what is a citation, with
which items, and what is left to cross-references, addresses and links."""

from __future__ import annotations

import pytest

from octavo.render.citation_locators import read_locator
from octavo.render.citation_syntax import Cite, parse_bracket
from octavo.render.markdown import Context, render_block

CITING = Context(citations=True)


@pytest.mark.parametrize(
    ("inside", "expected"),
    [
        pytest.param("@doe99", (Cite("doe99"),), id="one"),
        pytest.param("@doe99, p. 33", (Cite("doe99", "", "", "page", "33"),), id="page"),
        pytest.param(
            "see @doe99, pp. 33-35; @smith2001",
            (Cite("doe99", "see", "", "page", "33-35"), Cite("smith2001")),
            id="prefix-range-two",
        ),
        pytest.param("-@doe99", (Cite("doe99", suppress_author=True),), id="suppress-author"),
        pytest.param(
            "@doe99, chap. 3 and elsewhere",
            (Cite("doe99", "", " and elsewhere", "chapter", "3"),),
            id="chapter-suffix",
        ),
        pytest.param("@doe99, and elsewhere", (Cite("doe99", "", ", and elsewhere"),), id="suffix"),
        pytest.param("@{doe 99}", (Cite("doe 99"),), id="braced-key"),
        pytest.param("@tbl:gdp", None, id="crossref"),
        pytest.param("-@tbl:gdp", None, id="crossref-number"),
        pytest.param("@tbl:a; @tbl:b", None, id="crossref-group"),
        pytest.param("@doe99; no key here", None, id="item-without-key"),
        pytest.param("office@vela.md", None, id="address"),
    ],
)
def test_bracket(inside: str, expected: tuple[Cite, ...] | None) -> None:
    assert parse_bracket(inside) == expected


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (", p. 33", ("page", "33", "")),
        (", pp. 33–35", ("page", "33–35", "")),
        (", 33", ("page", "33", "")),
        (", sec. 2.1", ("section", "2", ".1")),
        (", vol. 2, p. 4", ("volume", "2", ", p. 4")),
        (", and elsewhere", ("", "", ", and elsewhere")),
        (", xyz. 4", ("", "", ", xyz. 4")),
    ],
)
def test_locator(suffix: str, expected: tuple[str, str, str]) -> None:
    assert read_locator(suffix) == expected


def _cited(source: str) -> list[tuple[str, ...]]:
    fragment = render_block(source, context=CITING)
    return [tuple(c.key for c in use.cites) for use in fragment.citations]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("As [@doe99] says.", [("doe99",)], id="bracketed"),
        pytest.param("@doe99 argues.", [("doe99",)], id="in-text"),
        pytest.param("@doe99 [p. 33] argues.", [("doe99",)], id="in-text-locator"),
        pytest.param("(@doe99.)", [("doe99",)], id="key-before-a-period"),
        pytest.param("Write to office@vela.md.", [], id="mail-address"),
        pytest.param("<mailto:a@b.org> and <https://x.org/@doe99>", [], id="autolinks"),
        pytest.param("See @tbl:gdp and @fig:map and @sec:trade.", [], id="crossrefs"),
        pytest.param("@Tbl:gdp and @Fig:map; [@Sec:trade].", [], id="crossrefs-capitalised"),
        pytest.param("Tables [-@tbl:a]–[-@tbl:b].", [], id="crossref-numbers"),
        pytest.param("As [see @tbl:a] and [@fig:b, left].", [], id="crossref-prefix"),
        pytest.param("[@doe99](https://x.org) and [@doe99][ref]\n\n[ref]: /x", [], id="links"),
        pytest.param("![@doe99](map.png)", [], id="image"),
        pytest.param("`[@doe99]` and \\@doe99", [], id="code-and-escape"),
        pytest.param("Note.^[See [@doe99].]", [("doe99",)], id="inline-note"),
        pytest.param("@doe99 [-@smith2001] argues.", [("doe99", "smith2001")], id="in-text-more"),
        pytest.param("@doe99 [@a; @b] argues.", [("doe99", "a", "b")], id="in-text-a-bracket"),
        pytest.param("@doe99 [-@tbl:gdp].", [("doe99",)], id="in-text-then-crossref"),
    ],
)
def test_what_is_a_citation(source: str, expected: list[tuple[str, ...]]) -> None:
    assert _cited(source) == expected


def test_in_text_and_its_line() -> None:
    fragment = render_block("One.\n\nTwo, @doe99 [p. 4]\nand [-@smith2001].", context=CITING)
    first, second = fragment.citations
    assert (first.in_text, first.line, first.cites[0].locator) == (True, 2, "4")
    assert (second.in_text, second.line, second.cites[0].suppress_author) == (False, 3, True)
    assert 'class="citation" data-label="1">[-@smith2001]</span>' in fragment.html


def test_crossrefs_still_link() -> None:
    html = render_block("See @tbl:gdp and [-@tbl:gdp], [see @tbl:gdp].", context=CITING).html
    assert 'href="#tbl:gdp" class="xref auto"' in html
    assert html.count('href="#tbl:gdp" class="xref auto-number"') == 2
    assert ", see\u00a0<a" in html and "[see" not in html


def test_without_a_bibliography_citations_are_text_and_told() -> None:
    fragment = render_block("As [@doe99] says, and @smith2001.")
    assert fragment.citations == ()
    assert "[@doe99]" in fragment.html
    assert [p.code for p in fragment.problems] == ["W504"]


def test_in_text_with_more_items_as_pandoc_reads_it() -> None:
    """pandoc's `@doe99 [p. 33; -@smith2001]`: the bracket's words before the first `;`
    are the author's locator and suffix, the items after it follow (they were left as
    typed: "Doe (1999) [p. 33; -@smith2001]", W504)."""
    fragment = render_block("@doe99 [p. 33; -@smith2001] argues.", context=CITING)
    [use] = fragment.citations
    assert use.in_text and use.written == "@doe99 [p. 33; -@smith2001]"
    assert use.cites == (
        Cite("doe99", "", "", "page", "33"),
        Cite("smith2001", suppress_author=True),
    )
    assert not fragment.problems


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[@doe99 " + "`" * 20_000 + "]", id="a-run-of-backticks"),
        pytest.param("[@doe99 " + "` " * 10_000 + "]", id="backticks-apart"),
    ],
)
def test_a_bracket_s_code_and_links_are_read_in_linear_time(body: str) -> None:
    """A bracket's code spans and links are read past (their `@`, `;` are theirs): a run
    of 20,000 backticks took 48 s, each place in it tried again."""
    import time

    started = time.monotonic()
    fragment = render_block(body, context=CITING)
    assert time.monotonic() - started < 5
    assert [c.key for u in fragment.citations for c in u.cites] == ["doe99"]
