"""Bugs a first-time user found in session 47 (ut47), each as a test that failed before
its fix: markdown and source reading, at the smallest level that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as Pil

from octavo.render.images import probe_image
from octavo.render.manuscript import render_manuscript
from octavo.render.markdown import Context, render_block
from octavo.source.sections import read_book, read_section
from tests.conftest import MakeBook, section_source

CONTEXT = Context(slug="s001-a", level=2)


@pytest.mark.parametrize(
    ("written", "path"),
    [
        pytest.param("![x](images/Kärte.png)", "images/Kärte.png", id="umlaut"),
        pytest.param("![x](<images/Kärte 1.png>)", "images/Kärte 1.png", id="space"),
        pytest.param("![x](<images/karte (2).png>)", "images/karte (2).png", id="parens"),
        pytest.param("![x](images/K%C3%A4rte.png)", "images/Kärte.png", id="encoded"),
        pytest.param("![x](images/100%.png)", "images/100%.png", id="percent-sign"),
    ],
)
def test_ut47_3_image_names_are_decoded(tmp_path: Path, written: str, path: str) -> None:
    """An image's address is found by the file name it spells, as a section link's is."""
    fragment = render_block(f"{written}\n", context=CONTEXT)
    assert [i.path for i in fragment.images] == [path]
    assert not fragment.problems
    (tmp_path / "images").mkdir()
    Pil.new("RGB", (300, 200)).save(tmp_path / path)
    assert not hasattr(probe_image(tmp_path, path), "code")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "[[Minsk]{lang=be}](001-a.md)",
            '<a href="001-a.md" class="xref"><span lang="be">Minsk</span></a>',
            id="language",
        ),
        pytest.param(
            "[[Linkmark]{.index}](#x)",
            '<a href="#x" class="xref"><span class="index-mark" id="s001-a-ix-1">'
            "Linkmark</span></a>",
            id="index-mark",
        ),
        pytest.param(
            "[a [Minsk]{lang=be} b](#x)",
            '<a href="#x" class="xref">a <span lang="be">Minsk</span> b</a>',
            id="among-words",
        ),
        pytest.param(
            "[[Minsk]{lang=be}][r]\n\n[r]: #r",
            '<a href="#r" class="xref"><span lang="be">Minsk</span></a>',
            id="by-reference",
        ),
        pytest.param("[[a](b)](c)", '<p>[<a href="b" class="xref">a</a>](c)</p>', id="no-nesting"),
        pytest.param("[x [y]{.z}] no", '<p>[x <span class="z">y</span>] no</p>', id="no-link"),
    ],
)
def test_ut47_5_a_link_may_hold_a_span(source: str, expected: str) -> None:
    """`[[Minsk]{lang=be}](x.md)` is a link holding a span, as pandoc reads it; a link in
    a link is still none (CommonMark)."""
    assert expected in render_block(f"{source}\n", context=CONTEXT).html


def test_ut47_10_text_is_read_in_nfc(make_book: MakeBook) -> None:
    """ "Köln" typed with ö (NFC) and with o + U+0308 (NFD, as macOS writes it) is one index
    entry, and a link by the heading's name finds the heading whichever way it is typed."""
    nfc, nfd = "K\u00f6ln", "Ko\u0308ln"
    body = f"[{nfc}]{{.index}} and [{nfd}]{{.index}}\n\n# {nfd} heading\n\n"
    body += f"See [{nfc} heading] and [{nfd} heading].\n"
    root = make_book({"001-a.md": section_source(1, title=f"{nfd}er Dom", total=1, body=body)})
    book, found = read_book(root)
    assert book is not None, found
    assert book.sections[0].title == "K\u00f6lner Dom"
    manuscript, more = render_manuscript(book)
    assert not [d for d in [*found, *more] if d.severity.value == "error"]
    assert [e.term for e in manuscript.index_entries] == [nfc]
    html = manuscript.chapters[0].sections[0].body_html
    assert html.count('class="xref"') == 2, html
    assert "\u0308" not in html


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        pytest.param(r"$\{x \mid x > 0\}$", r"$\{x \mid x &gt; 0\}$", id="braces"),
        pytest.param(r"$a\,b$", r"$a\,b$", id="thin-space"),
        pytest.param(r"$x_1 * y_2 * z$", r"$x_1 * y_2 * z$", id="no-emphasis"),
        pytest.param(r"$\alpha^2 + \beta^2$", r"$\alpha^2 + \beta^2$", id="no-superscript"),
        pytest.param('$a--b "c"$', '$a--b "c"$', id="no-typography"),
        pytest.param("$$\na \\\\\nb\n$$", "$$\na \\\\\nb\n$$", id="display-line-break"),
    ],
)
def test_ut47_16_math_shows_its_tex_as_written(source: str, shown: str) -> None:
    """Math is not rendered: its TeX source is shown as written (W504), not read as
    Markdown, which ate its backslashes."""
    fragment = render_block(f"Say {source} here.\n", context=CONTEXT)
    assert f'class="math">{shown}</span>' in fragment.html
    assert "W504" in [p.code for p in fragment.problems]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("It costs $20 and $30.", id="prices"),
        pytest.param("No $ x$ math.", id="space-after-opening"),
        pytest.param("No $x $ math.", id="space-before-closing"),
        pytest.param("No $x$5 math.", id="digit-after-closing"),
        pytest.param(r"No \$x\$ math.", id="escaped"),
    ],
)
def test_ut47_16_dollars_that_are_no_math(source: str) -> None:
    """pandoc's tex_math_dollars: no space inside the dollars, no digit after the closing."""
    assert 'class="math"' not in render_block(f"{source}\n", context=CONTEXT).html


@pytest.mark.parametrize(
    ("heading", "ident"),
    [
        pytest.param(
            "# Trade[^t] and *Industry* with `code` and [link](https://x.org)\n\n[^t]: N.",
            "s001-a-trade-and-industry-with-code-and-link",
            id="link",
        ),
        pytest.param(
            '# See ![map](m.png "A map") and [ref][r]\n\n[r]: https://y.org',
            "s001-a-see-map-and-ref",
            id="image-and-reference",
        ),
        pytest.param(
            "# Near [[Minsk]{lang=be}](a.md)", "s001-a-near-minsk", id="link-holding-a-span"
        ),
    ],
)
def test_ut47_18_a_headings_id_leaves_out_addresses(heading: str, ident: str) -> None:
    """pandoc's auto_identifiers take a heading's words, not its links' addresses."""
    assert f'<h3 id="{ident}"' in render_block(f"{heading}\n", context=CONTEXT).html


def test_ut47_18_a_heading_with_a_link_is_named_by_its_words() -> None:
    body = "# Trade and [links](https://x.org)\n\nSee [Trade and links].\n"
    html = render_block(body, context=CONTEXT).html
    assert '<a href="#s001-a-trade-and-links" class="xref">Trade and links</a>' in html


@pytest.mark.parametrize(
    ("raw", "html"),
    [
        pytest.param(
            "<details><summary>Sum</summary>Hidden</details>",
            "<p>Sum</p>\n<p>Hidden</p>\n",
            id="details",
        ),
        pytest.param(
            '<div style="color:red" onclick="x()">raw div</div>', "<p>raw div</p>\n", id="div"
        ),
        pytest.param(
            "<section><h2>T</h2><p>a</p>b &amp; c &lt;d&gt;</section>",
            "<h2>T</h2>\n<p>a</p>\n<p>b &amp; c &lt;d&gt;</p>\n",
            id="blocks-kept-beside",
        ),
        pytest.param("<center>old <b>bold</b></center>", "<p>old <b>bold</b></p>\n", id="inline"),
    ],
)
def test_ut47_20_a_removed_blocks_words_are_in_paragraphs(raw: str, html: str) -> None:
    """Raw HTML whose elements are removed (W502) keeps its words in paragraphs, each
    element's words apart: they were bare text in the section ("SumHidden")."""
    fragment = render_block(f"{raw}\n", context=CONTEXT)
    assert fragment.html == html
    assert fragment.removed and all(r.what.startswith("tag <") for r in fragment.removed)


def test_ut47_20_a_block_that_loses_nothing_is_as_written() -> None:
    assert render_block("<p>kept</p>\n", context=CONTEXT).html == "<p>kept</p>\n"


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        pytest.param("title: No", 'YAML reads No as false: quote it, title: "No"', id="no"),
        pytest.param("title: On", 'YAML reads On as true: quote it, title: "On"', id="on"),
        pytest.param(
            "title: 1995", 'YAML reads 1995 as a number: quote it, title: "1995"', id="year"
        ),
        pytest.param(
            "title: T\nparents: [On, Off]",
            'quote each, parents: ["On", "Off"]',
            id="parents",
        ),
    ],
)
def test_ut47_22_a_title_yaml_reads_as_no_text_is_told_to_be_quoted(field: str, hint: str) -> None:
    text = section_source(1, total=1).replace("title: Trade", field)
    text = text.replace("parents: []\n", "") if "parents:" in field else text
    section, found = read_section(Path("001-a.md"), text)
    assert section is None
    [told] = found
    assert told.code == "E206" and hint in told.hint, told


def test_ut47_22_no_yaml_hint_for_a_number_field() -> None:
    text = section_source(1, total=1).replace("chapter: 1", "chapter: 1.5")
    _, found = read_section(Path("001-a.md"), text)
    assert [(d.code, d.hint) for d in found] == [("E206", "")]


def test_ut47_23b_an_index_term_is_not_marked_inside_an_address() -> None:
    """index.toml's `Minsk` matched the last part of a typed address: the index pointed
    into `https://minsk.example/Minsk`. The words around it are still marked."""
    context = Context(slug="s001-a", index_terms=(("Minsk", "Minsk"),))
    body = "Minsk, see https://minsk.example/Minsk or mail Minsk@minsk.example; Minsk.\n"
    fragment = render_block(body, context=context)
    assert [m.text for m in fragment.marks] == ["Minsk", "Minsk"]
    assert "example/Minsk" in fragment.html.replace("<wbr />", "")
