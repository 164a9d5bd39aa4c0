"""octavo.render.blocks through render_block: what each construct of a body becomes."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from octavo.render.markdown import Context, render_block, render_inline

CONTEXT = Context(slug="s002-economy", level=2, notes_before=1, tables_before=2)


def html_of(source: str, context: Context = CONTEXT) -> str:
    html = render_block(source, context=context).html
    etree.fromstring(f"<div xmlns:epub='http://www.idpf.org/2007/ops'>{html}</div>")  # XML
    return html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "# Trade\n",
            '<h3 id="s002-economy-trade" class="body-heading" data-label="Trade">',
            id="h1-demoted",
        ),
        pytest.param(
            "# Trade[^t]\n\n[^t]: Re-exports included.\n",
            '<h3 id="s002-economy-trade" class="body-heading" data-label="Trade">',
            id="heading-id-without-its-note-label",
        ),
        pytest.param(
            "# Economy\n\n## Trade {#trade}\n",
            '<h4 id="trade" class="body-heading" data-label="Trade">',
            id="given-id",
        ),
        pytest.param(
            "".join(f"{'#' * n} Level {n}\n\n" for n in range(1, 7)), "<h6 ", id="capped-at-h6"
        ),
        pytest.param("# Quiet {.unlisted}\n", 'class="body-heading unlisted"', id="unlisted"),
        pytest.param(
            "Term\n: Definition\n", "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>", id="deflist"
        ),
        pytest.param(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
            '<th class="align-left" scope="col">a</th>',
            id="pipe-table-th-scope",
        ),
        pytest.param(
            "| Region | 1960 | 1990-94 |\n|:--|--:|--:|\n| Minsk | 1 | 2 |\n",
            '<th class="align-left" scope="col">Region</th>\n'
            '<th class="align-right figures" scope="col">1960</th>\n'
            '<th class="align-right figures" scope="col">1990-94</th>',
            id="figures-in-a-head-kept-whole",  # "196" over "0" on a phone
        ),
        pytest.param(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Output {#tbl:out}\n",
            '<caption><span class="caption-label">Table\u00a03.</span> Output</caption>',
            id="caption-after",
        ),
        pytest.param(
            ": Output\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            '<span class="caption-label">Table\u00a03.</span> Output',
            id="caption-before",
        ),
        pytest.param(
            "Note here.[^a]\n\n[^a]: The note.\n",
            '<a class="noteref" href="#fn-s002-economy-1" id="ref-fn-s002-economy-1" '
            'epub:type="noteref" role="doc-noteref">2</a>',
            id="note-call-numbered-after-the-heading-note",
        ),
        pytest.param(
            "See @tbl:gdp.\n", '<a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>', id="crossref"
        ),
        pytest.param(
            "On page [](#x){.page}.\n", '<a href="#x" class="xref page"></a>', id="page-ref"
        ),
        pytest.param(
            "[x]{#here .index}\n", '<span id="here" class="index-mark">x</span>', id="span"
        ),
        pytest.param("| Ann\n| Bo\n", '<p class="line-block">Ann<br />\nBo</p>', id="line-block"),
        pytest.param(
            "| Ann\n|     Bo\n",
            '<p class="line-block">Ann<br />\n\u00a0\u00a0\u00a0\u00a0Bo</p>',
            id="line-block-indent",  # kept, as pandoc keeps it (spaces would collapse)
        ),
        pytest.param(
            "| The Minister of Foreign Affairs,\n  acting for the Government\n| Minsk\n",
            '<p class="line-block">The Minister of Foreign Affairs,\nacting for the Government'
            "<br />\nMinsk</p>",
            id="line-block-continued",  # pandoc's continuation line: on the line above
        ),
        pytest.param("![](m.png)\n", '<p><img src="m.png" alt="" /></p>', id="image-no-figure"),
        pytest.param(
            "An icon ![flag](f.png){width=5%} here.\n",
            '<img src="f.png" alt="flag" style="width: 5%" />',
            id="inline-image-width",  # pandoc's width of an inline image (it was dropped)
        ),
        pytest.param(
            "Visit https://example.org/a.\n",
            # its words kept, with where a line may end in it (octavo.render.addresses)
            '<span class="address">https://<wbr />example<wbr />.org<wbr />/a</span>.',
            id="url-kept",
        ),
        pytest.param(
            "H~2~O, 10^3^, ~~old~~\n",
            "H<sub>2</sub>O, 10<sup>3</sup>, <s>old</s>",
            id="sub-sup-strike",
        ),
    ],
)
def test_construct(source: str, expected: str) -> None:
    assert expected in html_of(source)


def test_a_figure_s_credit_is_set_as_the_text_is() -> None:
    """ "Carte de l'auteur" kept its straight apostrophe beside curled text (a user's
    report); without typography, as written."""
    source = "![A map](m.png){credit=\"'Carte' de l'auteur -- 1990...\"}\n"
    shown = "\u2018Carte\u2019 de l\u2019auteur \u2013 1990\u2026"
    assert f'<span class="credit">{shown}</span>' in html_of(source)
    plain = render_block(source, typography=False).html
    assert "<span class=\"credit\">'Carte' de l'auteur -- 1990...</span>" in plain


def test_figure_numbered_with_alt_credit_and_width() -> None:
    source = '![A *map*](images/m.png){#fig:m width="80%" credit="Courtesy X"}\n'
    fragment = render_block(source, context=CONTEXT)
    assert fragment.html == (
        '<figure id="fig:m" class="figure" style="width: 80%">'
        '<img src="images/m.png" alt="A map" /><figcaption>'
        '<span class="caption-label">Figure\u00a01.</span><span aria-hidden="true"> A <em>map</em>'
        '</span> <span class="credit">Courtesy X</span></figcaption></figure>\n'
    )
    (figure,) = fragment.figures
    assert (figure.id, figure.number, figure.caption_html) == ("fig:m", "1", "A <em>map</em>")


def test_caption_said_once_to_a_screen_reader() -> None:
    # the alt text is the caption's words: they are hidden in the caption (as pandoc does),
    # the label and credit said; with its own fig-alt, or a link in it, the caption is said
    said = render_block('![A map](images/m.png){fig-alt="Provinces"}\n', context=CONTEXT).html
    assert 'alt="Provinces"' in said and "aria-hidden" not in said
    linked = render_block("![A [map](#x) here](images/m.png)\n", context=CONTEXT).html
    assert "aria-hidden" not in linked and 'alt="A map here"' in linked


def test_image_path_is_relative_to_the_book_and_may_not_leave_it() -> None:
    fragment = render_block("![a](../images/m.png)\n\n![b](../../x.png)\n", folder="sub/")
    assert [i.path for i in fragment.images] == ["images/m.png"]
    assert [p.code for p in fragment.problems] == ["E506"]
    assert "x.png" not in fragment.html


def test_numbering_by_chapter() -> None:
    context = Context(slug="s", chapter="4", tables_before=1)
    fragment = render_block("| a |\n|---|\n| 1 |\n\nTable: T\n", context=context)
    assert [t.number for t in fragment.tables] == ["4.2"]


def test_notes_are_taken_out_of_the_body() -> None:
    fragment = render_block("One.[^a] Two.[^b]\n\n[^b]: Bee *b*.\n\n[^a]: Ay.\n", context=CONTEXT)
    assert [(n.id, n.number, n.html) for n in fragment.notes] == [
        ("fn-s002-economy-1", 2, "Ay."),
        ("fn-s002-economy-2", 3, "Bee <em>b</em>."),
    ]
    assert "Bee" not in fragment.html and "footnote" not in fragment.html


@pytest.mark.parametrize(
    ("source", "code", "line"),
    [
        pytest.param("Text.\n\nA call[^none] here.\n", "W510", 2, id="undefined-note"),
        pytest.param("Text.\n\n[^lone]: Never called.\n", "W511", 2, id="unused-note"),
        pytest.param("Growth $g = r - d$ here.\n", "W504", 0, id="math"),
        pytest.param("![a](m.png){width=}\n", "W504", 0, id="unread-attributes"),
        pytest.param("![](m.png)\n", "W509", 0, id="figure-without-alt"),
        pytest.param("Text ![](m.png) inline.\n", "W509", 0, id="image-without-alt"),
        pytest.param("![a](https://example.org/m.png)\n", "E506", 0, id="remote-image"),
        pytest.param("Text.\n\n:::\nNo div.\n", "W504", 2, id="stray-div-fence"),
        pytest.param(
            "::: {.content-visible when-format=pdf}\n# H\n:::\n", "W516", 0, id="div-held"
        ),
        pytest.param(
            "+----+----+\n| a  | b  |\n+----+----+\n| ragged   |\n+----+----+\n",
            "W504",
            3,
            id="grid-ragged",
        ),
        pytest.param("| a | b |\n|---|\n| 1 | 2 |\n", "W504", 0, id="pipe-table-delimiters"),
        pytest.param("As shown [@smith94, p. 3].\n", "W504", 0, id="citation"),
        pytest.param("As @smith1990 argues.\n", "W504", 0, id="in-text-citation"),
        pytest.param("Text $x$.\n\n$$\n\\int f\n$$\n", "W504", 2, id="display-math-lines"),
    ],
)
def test_problem(source: str, code: str, line: int) -> None:
    problems = render_block(source).problems
    assert (code, line) in [(p.code, p.line) for p in problems]


@pytest.mark.parametrize(
    "width", ["150%", "0%", "half", "2ex", "5\u0660%", "\u0665\u0660%", "-2in", "2 in"]
)
def test_a_figure_width_octavo_cannot_set_is_said(width: str) -> None:
    """More than the text block, nothing, a word, a unit pandoc does not read (it drops
    `2ex` unsaid), figures other than 0-9: the figure is the text's width, and told so."""
    fragment = render_block(f'![A map](m.png){{width="{width}"}}\n')
    assert 'class="figure">' in fragment.html  # the text's width, no style
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 0)]
    assert f"'{width}'" in fragment.problems[0].message


@pytest.mark.parametrize(
    ("width", "style"),
    [
        ("100%", "width: 100%"),  # as given: the text's width (no size: the picture's own)
        ("50%", "width: 50%"),
        (" 50% ", "width: 50%"),
        ("12.5%", "width: 12.5%"),
        ("2in", "width: 2in"),  # was W504 and the text's width: pandoc's units are read
        ("300px", "width: 300px"),
        ("300", "width: 300px"),
        ("5cm", "width: 5cm"),
        ("12pc", "width: 12pc"),
        ("3inch", "width: 3in"),
    ],
    ids=["whole", "half", "spaced", "decimal", "in", "px", "bare", "cm", "pc", "inch"],
    # spaced: int("50%"), a ValueError that ended the build
)
def test_a_figure_width_in_pandocs_units_is_its_box(width: str, style: str) -> None:
    fragment = render_block(f'![A map](m.png){{width="{width}"}}\n')
    assert not fragment.problems
    assert (f'style="{style}"' in fragment.html) if style else ("style=" not in fragment.html)


def test_dollar_amounts_are_not_math() -> None:
    assert not render_block("It cost $5 and $6 then.\n").problems


def test_raw_html_cannot_forge_octavo_markup() -> None:
    source = '<span class="note" id="x">a</span> <img src="/etc/passwd"> <table><tr><td colspan="2" onclick="x">v</td></tr></table>\n'
    fragment = render_block(source)
    assert 'class="note"' not in fragment.html and "<img" not in fragment.html
    assert '<td colspan="2">v</td>' in fragment.html


def test_notes_are_numbered_in_printed_order_and_kept_out_of_labels() -> None:
    source = (
        "# Heading[^h]\n\n| a |\n|---|\n| cell[^c] |\n\nTable: Caption[^t] {#tbl:x}\n\n"
        "[^h]: H.\n\n[^c]: C.\n\n[^t]: T.\n"
    )
    fragment = render_block(source, context=CONTEXT)
    assert [(n.html, n.number) for n in fragment.notes] == [("H.", 2), ("T.", 3), ("C.", 4)]
    assert fragment.headings[0].title_html == "Heading"
    assert fragment.tables[0].caption_html == "Caption"


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("| a |\n|---|\n| ![i](../../etc/p.png) |\n", id="in-a-table-cell"),
        pytest.param("Note.[^a]\n\n[^a]: See ![i](../../etc/p.png).\n", id="in-a-note"),
        pytest.param("![A ![b](/etc/p.png)](m.png)\n", id="in-a-figure-caption"),
    ],
)
def test_every_image_is_checked_wherever_it_is(source: str) -> None:
    fragment = render_block(source)
    assert "E506" in [p.code for p in fragment.problems]
    assert "etc/p.png" not in fragment.html + "".join(n.html for n in fragment.notes)


def test_an_index_mark_in_a_note_is_a_mark() -> None:
    """A mark in a footnote's text was left a bare span: its page missing from the index."""
    source = 'Output grew.[^a]\n\n[^a]: Few [energy]{index="Energy"} sources.\n'
    fragment = render_block(source, context=CONTEXT)
    (mark,) = fragment.marks
    assert (mark.path, mark.text) == (("Energy",), "energy")
    assert f'<span class="index-mark" id="{mark.id}">energy</span>' in fragment.notes[0].html


def test_fenced_divs_as_pandoc_writes_them() -> None:
    source = (
        "::: Warning\nA *box*.\n:::\n\n:::: {#side .sidebar lang=fr}\nOuter.\n\n"
        '::: {.content-visible when-format="epub"}\nE-book only.\n:::\n::::\n\n'
        "::: {.content-hidden when-format=html}\nPrint only.\n:::\n"
    )
    fragment = render_block(source)
    assert fragment.problems == ()
    assert fragment.html == (
        '<div class="Warning">\n<p>A <em>box</em>.</p>\n</div>\n'
        '<div id="side" class="sidebar" lang="fr">\n<p>Outer.</p>\n'
        '<div class="only-epub">\n<p>E-book only.</p>\n</div>\n</div>\n'
        '<div class="only-pdf">\n<p>Print only.</p>\n</div>\n'
    )
    assert fragment.ids == (("side", 4),)  # its line, for E513


@pytest.mark.parametrize(
    ("source", "html"),
    [
        pytest.param(
            "::: a\n::: b\nInner.\n:::\n:::\n\nAfter.\n",
            '<div class="a">\n<div class="b">\n<p>Inner.</p>\n</div>\n</div>\n<p>After.</p>\n',
            id="same-colons-nest",
        ),
        pytest.param(
            "::: a\n```\n:::\n```\n:::\n",
            '<div class="a">\n<pre><code>:::\n</code></pre>\n</div>\n',
            id="a-fence-in-code-is-text",
        ),
        pytest.param(
            "::: Warning :::\nA box.\n:::\n",
            '<div class="Warning">\n<p>A box.</p>\n</div>\n',
            id="trailing-colons",
        ),
        pytest.param(
            "::::: big\nText.\n:::\n", '<div class="big">\n<p>Text.</p>\n</div>\n', id="fewer"
        ),
        pytest.param(
            "::: a\n- ```\n  :::\n  ```\n:::\n",
            '<div class="a">\n<ul>\n<li>\n<pre><code>:::\n</code></pre>\n</li>\n</ul>\n</div>\n',
            id="a-fence-in-a-list-item-s-code",  # found in review: it closed the div
        ),
        pytest.param(
            "::: outer\n- ::: inner\n  Text.\n  :::\n:::\n",
            '<div class="outer">\n<ul>\n<li>\n<div class="inner">\n<p>Text.</p>\n</div>\n'
            "</li>\n</ul>\n</div>\n",
            id="a-div-in-a-list-item-in-a-div",
        ),
        pytest.param(
            "::: a\n<pre>\n:::\n</pre>\n:::\n",
            '<div class="a">\n<pre>\n:::\n</pre>\n</div>\n',
            id="a-fence-in-raw-html",
        ),
        pytest.param(
            "::: a\n```\nx\n    ```\n:::\n```\n:::\n",
            '<div class="a">\n<pre><code>x\n    ```\n:::\n</code></pre>\n</div>\n',
            id="an-indented-fence-does-not-end-code",
        ),
        pytest.param(
            "::: {.a}:::\nx\n:::\n", '<div class="a">\n<p>x</p>\n</div>\n', id="colons-after-braces"
        ),
        pytest.param(
            "- One.\n\n  ::: a\n  In a list.\n  :::\n- Two.\n",
            '<ul>\n<li>\n<p>One.</p>\n<div class="a">\n<p>In a list.</p>\n</div>\n</li>\n'
            "<li>\n<p>Two.</p>\n</li>\n</ul>\n",
            id="in-a-list-item",
        ),
    ],
)
def test_fenced_divs_nest_and_close_as_pandoc_reads_them(source: str, html: str) -> None:
    """A closing fence closes the innermost div open, whatever its colons; a fence in code
    is code (found by an author's walk: the outer div closed at the inner one's fence and
    the last `:::` printed as text). The expected HTML is pandoc 2.17's."""
    fragment = render_block(source)
    assert fragment.problems == ()
    assert fragment.html == html


@pytest.mark.parametrize(
    "source", ["Text\n::: a\nin\n:::\n", " ::: a\nin\n :::\n", "::: :::\nx\n:::\n"]
)
def test_what_pandoc_reads_as_no_fence_is_text(source: str) -> None:
    """An opening fence does not interrupt a paragraph, nor is one indented, nor colons
    alone: text, as pandoc reads them, and said (W504)."""
    fragment = render_block(source)
    assert "<div" not in fragment.html and ":::" in fragment.html
    assert "W504" in [p.code for p in fragment.problems]


def test_stray_fences_lose_no_text() -> None:
    """Fences never closed nest nothing: past markdown-it's depth a deeper one would have
    dropped the rest of the section; the old plugin's search for each one's end took
    seconds for a thousand."""
    fragment = render_block("::: a\n\n" * 400 + "Last words.\n")
    assert fragment.html.endswith("<p>::: a</p>\n<p>Last words.</p>\n")
    assert fragment.too_deep is None and len(fragment.problems) == 400


def test_a_div_never_closed_is_text_and_said() -> None:
    """As in pandoc, an opening fence without its close is a paragraph's text, with W504 and
    its line (it was a div running on to the end of the section, silently)."""
    fragment = render_block("Before.\n\n::: Warning\nNo end.\n")
    assert fragment.html == "<p>Before.</p>\n<p>::: Warning\nNo end.</p>\n"
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 2)]


def test_a_link_s_id_is_checked_like_any_other() -> None:
    # found by the fuzz test: a link's {#id} and a span's were both written
    fragment = render_block("[](#x){.page}{#id .c}[^n]{#id .c}\n")
    assert [p.code for p in fragment.problems] == ["E513"]
    assert fragment.html.count('id="id"') == 1


def test_a_raw_html_table_is_a_table_as_a_pipe_table_is() -> None:
    """Numbered and listed from its `Table:` paragraph or its own <caption> (without the
    page's "Table 12."), classed, its header cells scope="col"; the author's HTML still
    cleaned (found by an author's walk: the caption printed as text, nothing numbered)."""
    source = (
        '<table border="1" id="mine">\n<caption>Table 12. Trade, <i>1992</i></caption>\n'
        "<thead><tr><th>Year</th><th>Exports</th></tr></thead>\n"
        "<tbody><tr><td>1992</td><td>1,234</td></tr></tbody>\n</table>\n\n"
        "Table: Trade with *Russia* {#tbl:trade}\n\n"
        '<table>\n<tr><th>A</th><th>B</th><th colspan="5">C</th></tr>\n'
        "<tr><td>1</td><td>2</td><td>3</td></tr>\n</table>\n\n"
        "<table><tr><td>No caption</td></tr></table>\n"
    )
    fragment = render_block(source, context=CONTEXT)
    assert [(t.id, t.number, t.caption_html) for t in fragment.tables] == [
        ("s002-economy-table-3", "3", "Trade, <i>1992</i>"),  # two tables before it
        ("tbl:trade", "4", "Trade with <em>Russia</em>"),
    ]
    html = fragment.html
    assert (
        '<table class="table" id="s002-economy-table-3"><caption><span class="caption-label">'
        in html
    )
    assert "Table\u00a03.</span> Trade, <i>1992</i></caption>" in html and "Table 12" not in html
    assert (
        '<table class="table wide" id="tbl:trade">' in html
        and '<th colspan="5" scope="col">' in html
    )
    assert '<th scope="col">Year</th>' in html and "Table:" not in html
    assert '<table class="table"><tr><td>No caption</td></tr></table>' in html
    assert [r.what for r in fragment.removed] == ["attribute border on <table>"]


def test_an_html_table_s_cells_keep_their_alignment() -> None:
    """align="right" and text-align become a pipe table's align-right / align-center (the
    cleaner dropped both silently: a column of figures set flush left); what else such a
    cell had is removed as from any cell, and said."""
    source = (
        '<table>\n<tr><th>Year</th><th align="RIGHT" id="x" colspan="z">Exports</th>'
        '<th style="color: red; text-align:center">Share</th></tr>\n'
        '<tr><td align="left">1992</td><td align=right colspan="2">1,234</td></tr>\n</table>\n'
    )
    fragment = render_block(source)
    assert (
        '<tr><th scope="col">Year</th><th scope="col" class="align-right">Exports</th>'
        '<th scope="col" class="align-center">Share</th></tr>\n'
        '<tr><td>1992</td><td colspan="2" class="align-right">1,234</td></tr>'
    ) in fragment.html
    assert sorted(r.what for r in fragment.removed) == [
        "attribute align on <td>",
        "attribute colspan on <th>",
        "attribute id on <th>",
        "attribute style on <th>",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "Tables [-@tbl:a]\u2013[-@tbl:b] and [-@fig:c].\n",
            '<p>Tables <a href="#tbl:a" class="xref auto-number">[-@tbl:a]</a>\u2013'
            '<a href="#tbl:b" class="xref auto-number">[-@tbl:b]</a> and '
            '<a href="#fig:c" class="xref auto-number">[-@fig:c]</a>.</p>',
            id="number-alone",
        ),
        pytest.param(
            "[-@sec:a] and [@tbl:a]\n",
            '<p><a href="#sec:a" class="xref auto-number">[-@sec:a]</a> and '
            '<a href="#tbl:a" class="xref auto">@tbl:a</a></p>',
            id="brackets-not-printed",  # a heading's: its title, as @sec:a prints
        ),
        pytest.param(
            "[@tbl:a; @tbl:b]\n",
            '<p>[<a href="#tbl:a" class="xref auto">@tbl:a</a>; '
            '<a href="#tbl:b" class="xref auto">@tbl:b</a>]</p>',
            id="a-group-is-not-read",  # its brackets stay
        ),
    ],
)
def test_a_reference_without_its_word(source: str, expected: str) -> None:
    """pandoc-crossref's `[-@tbl:label]`: the table's number alone once resolved."""
    fragment = render_block(source)
    assert fragment.html.strip() == expected and fragment.problems == ()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "[see @tbl:gdp]",
            'see\u00a0<a href="#tbl:gdp" class="xref auto-number">@tbl:gdp</a>',
            id="table",
        ),
        pytest.param(
            "[see @fig:map]",
            'see\u00a0<a href="#fig:map" class="xref auto-number">@fig:map</a>',
            id="figure",
        ),
        pytest.param(
            "[as in @sec:trade]",
            'as in\u00a0<a href="#sec:trade" class="xref auto-number">@sec:trade</a>',
            id="heading",
        ),
        pytest.param(
            "[Tables  @tbl:gdp]",
            'Tables\u00a0<a href="#tbl:gdp" class="xref auto-number">@tbl:gdp</a>',
            id="spaces",
        ),
        pytest.param(
            "[@fig:map, left]",
            '<a href="#fig:map" class="xref auto">@fig:map</a>, left',
            id="suffix",
        ),
        pytest.param(
            "[see @tbl:gdp, row 2]",
            'see\u00a0<a href="#tbl:gdp" class="xref auto-number">@tbl:gdp</a>, row 2',
            id="prefix-and-suffix",
        ),
        pytest.param(
            "\\[see @tbl:gdp\\] and \\[-@tbl:gdp\\]",
            '[see <a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>] and '
            '[-<a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>]',
            id="escaped-brackets-are-brackets",  # as an import writes a page's own
        ),
        pytest.param(
            "[*see* @tbl:gdp]",
            '[<em>see</em> <a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>]',
            id="a-prefix-with-markup-is-not-read",
        ),
        pytest.param(
            "[see @tbl:gdp]{.c}",
            '<span class="c">see <a href="#tbl:gdp" class="xref auto">@tbl:gdp</a></span>',
            id="a-span-is-a-span",
        ),
        pytest.param(
            "[see @tbl:gdp; @tbl:gnp]",
            '[see <a href="#tbl:gdp" class="xref auto">@tbl:gdp</a>; '
            '<a href="#tbl:gnp" class="xref auto">@tbl:gnp</a>]',
            id="group-as-written",
        ),
    ],
)
def test_a_reference_with_a_prefix_prints_it_for_its_word(source: str, expected: str) -> None:
    """pandoc-crossref's `[Prefix @fig:1]` is "Prefix 1": the prefix in place of the word
    ("fig.", octavo's "Figure"), the number after it, no brackets (its manual, "Custom
    prefix per-reference"); a heading's reference prints its title after it."""
    fragment = render_block(source + "\n")
    assert fragment.html.strip() == f"<p>{expected}</p>" and fragment.problems == ()


def test_an_html_table_s_head_of_figures_is_kept_whole() -> None:
    """A raw table's head "1960" gets class figures, as a pipe table's does (a phone cut it
    "196" over "0"): in a thead, in a first row of th, beside its alignment; its words as
    the cleaner leaves them; a cell of the body, or of words, is not marked."""
    source = (
        "<table>\n<thead><tr><th>Region</th><th>1960</th><th align=right>1990\u201394</th>"
        '<th id="x"><b>+3.5%</b></th><th>1960<script>x</script></th><th>1960s</th></tr></thead>\n'
        "<tbody><tr><th>1960</th><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td></tr></tbody>\n"
        "</table>\n"
    )
    fragment = render_block(source)
    assert (
        '<thead><tr><th scope="col">Region</th><th scope="col" class="figures">1960</th>'
        '<th scope="col" class="align-right figures">1990\u201394</th>'
        '<th scope="col" class="figures"><b>+3.5%</b></th><th scope="col" class="figures">1960</th>'
        '<th scope="col">1960s</th></tr>'
        "</thead>\n<tbody><tr><th>1960</th>"
    ) in fragment.html
    assert sorted(r.what for r in fragment.removed) == ["attribute id on <th>", "tag <script>"]
    plain = render_block("<table><tr><th>Year</th><th>1995</th></tr><tr><td>a</td></tr></table>\n")
    assert '<th scope="col" class="figures">1995</th>' in plain.html


def test_an_html_caption_of_the_page_s_number_alone_is_no_caption() -> None:
    """ "<b>Table 3.</b>" alone: not numbered with an empty caption (as the importer reads
    it); "<i><b>Table 3.</b> Output</i>" keeps its italics (found in review)."""
    alone = render_block("<table><caption><b>Table 3.</b></caption><tr><td>1</td></tr></table>\n")
    assert alone.tables == () and "<caption" not in alone.html
    nested = render_block(
        "<table><caption><i><b>Table 3.</b> Output</i></caption><tr><td>1</td></tr></table>\n"
    )
    assert [t.caption_html for t in nested.tables] == ["<i>Output</i>"]


def test_a_figure_s_alt_text_has_the_words_both_outputs_show() -> None:
    """The alt text is the same in both outputs: words for one were read out in the other
    (found in review); such a caption is not hidden as said twice."""
    html = render_block(
        '![A map[, on the fold-out]{.content-visible when-format="pdf"}](map.png)\n'
    ).html
    assert 'alt="A map"' in html and "aria-hidden" not in html


def test_a_cell_s_span_of_no_number_is_dropped_not_raised() -> None:
    """colspan="²" passed str.isdigit and then int() raised: the section did not render."""
    html = render_block('<table><tr><td colspan="\u00b2" align=right>1</td></tr></table>\n').html
    assert '<td class="align-right">1</td>' in html


def test_an_html_table_s_own_number_in_bold_is_dropped() -> None:
    """ "<b>Table 12.</b> Trade" was captioned "Table 1. Table 12. Trade"."""
    source = (
        "<table><caption><b>Table 12.</b> Trade, <i>1992</i></caption>"
        "<tr><td>1</td><td>2</td></tr></table>\n"
    )
    html = render_block(source).html
    assert "Table\u00a01.</span> Trade, <i>1992</i></caption>" in html and "Table 12" not in html


def test_no_citation_in_a_handle_a_mail_or_a_cross_reference() -> None:
    source = "Write to @octavo or a@b1990.org; see @tbl:x1990 and @fig:map.\n"
    assert not [p for p in render_block(source).problems if "citation" in p.message]


def test_an_html_table_s_caption_is_walked_and_its_own_attributes_cleaned() -> None:
    """Found in review: the caption after an HTML table was rendered without the walk a
    pipe table's caption gets (a duplicate id written twice, @tbl: left as text, an index
    mark lost, words for one output in both), and the trusted table kept the author's
    role, aria-hidden and style; 'Table tennis:' lost its first word as a page's number."""
    source = (
        "See [y]{#dup}.\n\n"
        '<table border="1" role="presentation" aria-hidden="true" lang="fr"><tr><th>A</th></tr>'
        "</table>\n\nTable: Prices [x]{#dup}, see @tbl:q and [Minsk]{.index} and "
        "[pdf]{.content-visible when-format=pdf}.\n\n"
        "<table><caption>Table tennis: clubs</caption><tr><td>1</td></tr></table>\n"
    )
    fragment = render_block(source)
    html = fragment.html
    assert [p.code for p in fragment.problems] == ["E513"] and html.count('id="dup"') == 1
    assert '<a href="#tbl:q" class="xref auto">' in html and '<span class="only-pdf">' in html
    assert [m.path for m in fragment.marks] == [("Minsk",)]
    assert '<table lang="fr" class="table" id="s-table-1">' in html
    assert {r.what for r in fragment.removed} >= {
        "attribute role on <table>",
        "attribute aria-hidden on <table>",
    }
    assert "Table\u00a02.</span> Table tennis: clubs" in html


def test_review_cases_of_figures_fences_and_math() -> None:
    noted = render_block("![Map of the Hanse[^1], see @tbl:a](m.png)\n\n[^1]: N.\n").html
    assert "aria-hidden" not in noted  # a note's call and a reference stay reachable
    named = render_block('![](map.png){#fig:map width="50%"}\n').html
    assert named.startswith('<figure id="fig:map"')  # named: a figure, as meant
    nested = render_block("::: a\n::: b\ntext\n:::\nafter\n:::\n")
    assert not nested.problems  # nested as pandoc reads it (a stray fence before 2026-12-03)
    assert nested.html.endswith("</div>\n<p>after</p>\n</div>\n")
    # pandoc reads `$$ … $$` as display math, a code span's backticks and all (ut47 bug 16:
    # its source is shown as written, W504)
    dollars = render_block("Costs US$$ per `x` unit, or $$ more.\n")
    assert 'class="math">$$ per `x` unit, or $$</span>' in dollars.html
    assert [p.code for p in dollars.problems] == ["W504"]


def test_a_notes_blocks_are_set_as_lines_none_lost() -> None:
    """A note is a span at the page's foot in print (a paragraph in the EPUB): its list
    items keep their bullets and numbers, its code its lines and indents, none dropped
    (a code block vanished, lists lost their marks); W520 says so."""
    source = (
        "Text.[^x]\n\n[^x]: Para one.\n\n        code <block>\n          indented\n\n"
        "    Para two.\n\n    - item one\n    - item two\n\n    3. three\n    4. four\n"
    )
    fragment = render_block(source)
    assert fragment.notes[0].html == (
        "Para one.<br/><code>code &lt;block&gt;</code><br/><code>\u00a0\u00a0indented</code>"
        "<br/>Para two.<br/>\u2022\u00a0item one<br/>\u2022\u00a0item two"
        "<br/>3.\u00a0three<br/>4.\u00a0four"
    )
    assert [(p.code, p.line) for p in fragment.problems] == [("W520", 2)]
    plain = render_block("Text.[^x]\n\n[^x]: One.\n\n    Two.\n")
    assert plain.notes[0].html == "One.<br/>Two." and plain.problems == ()


def test_an_inline_note_is_a_note() -> None:
    """pandoc's `^[…]`: a note written where it is called, numbered with the others (its
    words were printed in the text, brackets and all); `10^3^` stays a superscript."""
    fragment = render_block("Here.^[Inline, *with* words.] There.[^a] 10^3^.\n\n[^a]: Ref.\n")
    assert [(n.number, n.html) for n in fragment.notes] == [
        (1, "Inline, <em>with</em> words."),
        (2, "Ref."),
    ]
    assert "^[" not in fragment.html and "10<sup>3</sup>" in fragment.html


def test_an_unpaired_quote_is_an_apostrophe_and_inches_are_inches() -> None:
    """markdown-it leaves a straight quote it cannot pair; pandoc sets ’Tis, ’90s, 5’10”."""
    html = render_block("And 'Tis the '90s, 5'10\" tall, 'quoted', `co'de`.\n").html
    assert "And \u2019Tis the \u201990s, 5\u201910\u201d tall, \u2018quoted\u2019" in html
    assert "<code>co'de</code>" in html


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        pytest.param("# Intro {lang=fr}\n", ' lang="fr"', id="lang"),
        pytest.param(
            "# Intro {#i .x lang=sr-Latn dir=rtl}\n", ' lang="sr-Latn" dir="rtl"', id="dir"
        ),
        pytest.param('# Intro {title="The start"}\n', ' title="The start"', id="title"),
    ],
)
def test_a_heading_keeps_pandoc_s_lang_dir_and_title(source: str, kept: str) -> None:
    fragment = render_block(source)
    assert re.match(rf'<h3 id="[^"]+" class="[^"]+"{kept} data-label="Intro">', fragment.html)
    assert fragment.problems == ()


@pytest.mark.parametrize(
    ("source", "opening"),
    [
        pytest.param("::: {lang=fr}\nTexte.\n:::\n", '<div lang="fr">', id="lang"),
        pytest.param(
            "::: {#d .letter lang=ar dir=rtl}\nx\n:::\n",
            '<div id="d" class="letter" lang="ar" dir="rtl">',
            id="dir",
        ),
        pytest.param(
            '::: {lang=sr-Latn title="A letter"}\nx\n:::\n',
            '<div lang="sr-Latn" title="A letter">',
            id="title",
        ),
        pytest.param(
            "::: {.content-visible when-format=pdf lang=fr}\nx\n:::\n",
            '<div class="only-pdf" lang="fr">',
            id="for-one-output",
        ),
    ],
)
def test_a_div_keeps_pandoc_s_lang_dir_and_title(source: str, opening: str) -> None:
    """pandoc keeps them on a div, and its writers use them: a passage in French was a
    <div> with no language, read in the book's voice and hyphenated as English."""
    fragment = render_block(source)
    assert fragment.html.startswith(opening + "\n")
    assert fragment.problems == ()


@pytest.mark.parametrize(
    ("source", "language", "opening"),
    [
        pytest.param("::: {lang=ar}\nنص.\n:::\n", "en", '<div lang="ar" dir="rtl">', id="ar"),
        pytest.param("::: {lang=he}\nx\n:::\n", "en", '<div lang="he" dir="rtl">', id="he"),
        pytest.param("::: {lang=fr}\nx\n:::\n", "en", '<div lang="fr">', id="fr-in-en"),
        pytest.param("::: {lang=en}\nx\n:::\n", "ar", '<div lang="en" dir="ltr">', id="en-in-ar"),
        pytest.param(
            "::: {lang=ar dir=ltr}\nx\n:::\n", "en", '<div lang="ar" dir="ltr">', id="given"
        ),
        pytest.param("# عنوان {lang=fa}\n", "en", "<h3", id="heading"),
    ],
)
def test_a_div_span_or_heading_in_a_right_to_left_language_is_set_right_to_left(
    source: str, language: str, opening: str
) -> None:
    """As a section's `lang: ar` sets its dir: a `::: {lang=ar}` in an English book had
    no dir, and the EPUB and the PDF laid it out left to right (ut47 bug 14); a `dir`
    given stays; a language of the direction around it needs none."""
    fragment = render_block(source, context=Context(language=language))
    assert fragment.html.startswith(opening)
    if source.startswith("#"):
        assert ' lang="fa" dir="rtl"' in fragment.html
    assert fragment.problems == ()
    inline = render_block("Cairo is [القاهرة]{lang=ar} and [Paris]{lang=fr}.\n").html
    assert '<span lang="ar" dir="rtl">القاهرة</span>' in inline
    assert '<span lang="fr">Paris</span>' in inline


def test_a_div_s_other_attributes_are_w504_at_its_fence() -> None:
    """As a heading's: a language or direction no reader can read (`xx` is no language),
    or another key=value, which pandoc writes as a data- attribute, was dropped unsaid."""
    source = 'Text.\n\n::: {.box lang="x y" dir=up foo=bar}\nA.\n:::\n\n::: {lang=xx}\nB.\n:::\n'
    fragment = render_block(source)
    assert '<div class="box">' in fragment.html and "<div>\n<p>B." in fragment.html
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 2)] * 3 + [("W504", 6)]
    assert "lang='x y'" in fragment.problems[0].message
    assert "lang=" in fragment.problems[0].hint and "dir=" in fragment.problems[1].hint


def test_a_div_never_takes_an_author_s_role_or_aria() -> None:
    """octavo sets them itself (a task's checkbox, a hidden label): `aria-hidden` would
    hide a passage from a screen reader, `role` re-role it."""
    fragment = render_block("::: {.box role=note aria-hidden=true}\nA.\n:::\n")
    assert fragment.html.startswith('<div class="box">')
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 0)] * 2
    assert "screen reader" in fragment.problems[0].hint


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("[texte]{lang=fr}", '<span lang="fr">texte</span>'),
        ("[texte]{lang=fr dir=ltr}", '<span lang="fr" dir="ltr">texte</span>'),
        ("[نص]{lang=ar dir=rtl}", '<span lang="ar" dir="rtl">نص</span>'),
    ],
)
def test_a_span_keeps_its_lang_and_dir(source: str, html: str) -> None:
    fragment = render_block(f"A {source} here.\n")
    assert html in fragment.html and fragment.problems == ()


def test_a_span_s_unreadable_lang_or_dir_is_w504_at_its_line() -> None:
    """It went into both outputs as written (EPUBCheck refuses lang="x y")."""
    fragment = render_block('One line,\nthen [x]{lang="x y"} and [y]{lang=fr dir=up}.\n')
    assert '<span>x</span> and <span lang="fr">y</span>' in fragment.html
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 1)] * 2


def test_a_heading_s_other_attributes_are_w504() -> None:
    """pandoc writes them as data- attributes, which the allow-list leaves out (octavo's
    own data-label and data-note among them), and so a language or direction no reader
    can read."""
    fragment = render_block('# Intro {foo=bar lang="x y" dir=up}\n')
    assert fragment.html.startswith('<h3 id="s-intro" class="body-heading" data-label="Intro">')
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 0)] * 3


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("Minsk---the capital", "<p>Minsk\u2060\u2014the capital</p>"),  # pandoc's em dash
        ("Minsk\u2014the capital", "<p>Minsk\u2060\u2014the capital</p>"),  # typed
        ("*Minsk*\u2014the", "<p><em>Minsk</em>\u2060\u2014the</p>"),  # after an element
        ("Minsk \u2014 the capital", "<p>Minsk \u2014 the capital</p>"),  # spaced: a space
        ("Minsk\u2060\u2014the", "<p>Minsk\u2060\u2014the</p>"),  # joined already: once
        ("\u2014 Minsk", "<p>\u2014 Minsk</p>"),  # a paragraph's first character
        ("`a\u2014b`", "<p><code>a\u2014b</code></p>"),  # code as typed
        ("## Belarus\u2014Russia", ">Belarus\u2014Russia</h"),  # headings: bookmarks, nav
    ],
)
def test_a_closed_em_dash_never_begins_a_line(markdown: str, html: str) -> None:
    """Unicode's line breaking allows a break before an em dash as after it: a line at
    390 px began "\u2014the capital". A word joiner before the dash keeps it on the word's
    line (Standard Ebooks' rule); WeasyPrint sets it as nothing (the PDF's text has none)."""
    assert html in render_block(markdown).html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("in 1945--1960.", "<p>in 1945\u2060\u2013\u20601960.</p>"),  # pandoc's en dash
        ("pp. 12\u201314,", "<p>pp. 12\u2060\u2013\u206014,</p>"),  # typed
        ("(1,200--1,500)", "<p>(1,200\u2060\u2013\u20601,500)</p>"),  # grouped figures
        ("9.30--10.45", "<p>9.30\u2060\u2013\u206010.45</p>"),
        ("1945--60 and 1971--79", "<p>1945\u2060\u2013\u206060 and 1971\u2060\u2013\u206079</p>"),
        ("January--March", "<p>January\u2013March</p>"),  # words: may break
        ("1950s--1960s", "<p>1950s\u20131960s</p>"),
        ("A4--A5", "<p>A4\u2013A5</p>"),
        ("1234567--2345678", "<p>1234567\u20132345678</p>"),  # long: may break
        ("1945 -- 1960", "<p>1945 \u2013 1960</p>"),  # spaced: a space
        ("`1945--1960`", "<p><code>1945--1960</code></p>"),  # code as typed
        ("## Reform, 1945--1960", ">Reform, 1945\u20131960</h"),  # headings: bookmarks, nav
    ],
)
def test_a_range_of_short_numbers_is_not_broken_at_its_dash(markdown: str, html: str) -> None:
    """Unicode's line breaking allows a break after an en dash: at 360 px a line ended
    "1971\u2013" with "1979" below it (Chromium, and WeasyPrint in a narrow column). A word
    joiner on each side of the dash keeps a range of short numbers on one line."""
    assert html in render_block(markdown).html


def test_a_title_has_no_word_joiner() -> None:
    assert render_inline("Belarus\u2014Russia") == "Belarus\u2014Russia"


@pytest.mark.parametrize(
    "source",
    ['## Odd {#sec:odd title="a}\n', "Intro.\n\n## Odd {#sec:odd .x key=v}}\n"],
    ids=["a-quote-not-closed", "a-brace-too-many"],  # a brace in a quoted value is read
)
def test_a_heading_s_attributes_not_understood_are_w504(source: str) -> None:
    """A heading's `{…}` that could not be read stayed in its text without a word (an image's
    or a span's is W504), and `@sec:odd` then failed far from the cause."""
    fragment = render_block(source)
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", source.count("\n") - 1)]
    assert "not understood; shown as text" in fragment.problems[0].message


def test_an_inline_image_width_in_another_scripts_figures_is_not_set() -> None:
    """`{width=5٠%}` on an image in a line was set as style="width: 5٠%", which no reading
    system reads (CSS's numbers are 0-9): the image keeps its own width."""
    fragment = render_block("Text ![a](m.png){width=5\u0660%} inline.\n")
    assert "style" not in fragment.html


def test_a_note_called_in_a_note_is_numbered_just_after_it() -> None:
    """ut47 bug 2: `[^outer]: Outer with inner[^inner] call.` (pandoc allows it): the inner
    note is read with the outer one, so it takes the next number, as print sets it at the
    same page's foot just after the outer note (it was numbered after the text's next note,
    so print's counter and the call in the outer note disagreed)."""
    source = (
        "Text.[^outer] Later.[^after]\n\n[^outer]: Outer with inner[^inner] call.\n"
        "[^inner]: Inner.\n[^after]: After.\n"
    )
    fragment = render_block(source)
    assert [(n.number, n.html[:5]) for n in fragment.notes] == [
        (1, "Outer"),
        (2, "Inner"),
        (3, "After"),
    ]
    assert ">2</a> call." in fragment.notes[0].html


@pytest.mark.parametrize(
    ("source", "language", "span"),
    [
        pytest.param(
            "::: {lang=ar}\nقال [English words]{lang=en} هنا.\n:::\n",
            "en",
            '<span lang="en" dir="ltr">English words</span>',
            id="en-in-ar-div-of-en",
        ),
        pytest.param(
            "::: {lang=en}\nSaid [القاهرة]{lang=ar} here.\n:::\n",
            "ar",
            '<span lang="ar" dir="rtl">القاهرة</span>',
            id="ar-in-en-div-of-ar",
        ),
        pytest.param(
            "::: {lang=ar}\nقال [[English]{lang=en} [عربي]{lang=ar}]{lang=en} هنا.\n:::\n",
            "en",
            '<span lang="en" dir="ltr"><span lang="en">English</span> '
            '<span lang="ar" dir="rtl">عربي</span></span>',
            id="nested-spans",
        ),
        pytest.param(
            "::: {lang=ar}\n## [English]{lang=en} عنوان\n:::\n",
            "en",
            '<span lang="en" dir="ltr">English</span>',
            id="in-a-heading",
        ),
        pytest.param(
            "::: {lang=ar}\n## Title {lang=en}\n:::\n",
            "en",
            ' lang="en" dir="ltr"',
            id="heading-in-ar-div-of-en",
        ),
        pytest.param(  # session 48 review: walked in the section's language
            "::: {lang=ar}\n<table>\n<tr><td>1</td></tr>\n</table>\n\n"
            "Table: جدول [English]{lang=en}\n:::\n",
            "en",
            '<span lang="en" dir="ltr">English</span>',
            id="html-table-caption-in-ar-div-of-en",
        ),
        pytest.param(
            "::: {lang=ar}\n| أ |\n|---|\n| 1 |\n\nTable: جدول [English]{lang=en}\n:::\n",
            "en",
            '<span lang="en" dir="ltr">English</span>',
            id="pipe-table-caption-in-ar-div-of-en",
        ),
    ],
)
def test_a_span_s_direction_is_implied_from_the_div_around_it(
    source: str, language: str, span: str
) -> None:
    """session 48: `[English words]{lang=en}` in `::: {lang=ar}` of an English book had
    no dir (its language was compared with the section's, both left to right), and the
    words were set right to left; a span's (and a heading's) dir comes from the language
    in force around it: its div's, its enclosing span's."""
    fragment = render_block(source, context=Context(language=language))
    assert span in fragment.html
    assert fragment.problems == ()


def test_a_note_call_in_right_to_left_text_is_isolated() -> None:
    """session 48: a note's call after a figure in right-to-left text joined the figure's
    run ('1995' and call 3 read as '19953', set before the number in the EPUB); it has a
    dir of its own there, as a heading's data-date call has (EPUB's CSS may not say
    unicode-bidi). In left-to-right text it has none."""
    source = "::: {lang=ar}\nبلغ العدد 1995[^a] نسمة.\n:::\n\nIn 1995[^b] it grew.\n\n[^a]: أ.\n[^b]: B.\n"
    html = render_block(source, context=Context(language="en")).html
    calls = re.findall(r'<a class="noteref"[^>]*>\d</a>', html)
    assert [' dir="ltr"' in call for call in calls] == [True, False], calls
    arabic = render_block("بلغ 1995[^a] و 1996[^a].\n\n[^a]: أ.\n", context=Context(language="ar"))
    calls = re.findall(r'<a class="noteref"[^>]*>1</a>', arabic.html)  # the first, again
    assert len(calls) == 2 and all(' dir="ltr"' in call for call in calls), calls


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_note_call_in_a_heading_is_set_apart_from_its_last_word(language: str) -> None:
    """A heading's author-note call follows a no-break space (of no width on the page:
    .call-space), as a heading's data-date call does: without it a screen reader named the
    heading "Population 19941", in a left-to-right book and a right-to-left one. A call in
    the text keeps its place against its word."""
    source = "# Population 1994[^a]\n\nIn 1994[^a] it grew.\n\n[^a]: A census.\n"
    html = render_block(source, context=Context(language=language)).html
    heading = re.search(r"<h3 [^>]*>(.*?)</h3>", html, re.S)
    assert heading is not None
    assert re.fullmatch(
        r'Population 1994<span class="call-space">\u00a0</span><a class="noteref"[^>]*>1</a>',
        heading[1],
    ), heading[1]
    assert re.search(r'In 1994<a class="noteref"', html)
    assert ' dir="ltr"' in heading[1] if language == "ar" else "dir=" not in heading[1]
    assert 'data-label="Population 1994"' in html  # the contents' and bookmarks' words


@pytest.mark.parametrize(
    ("source", "language", "kept"),
    [
        pytest.param(
            "::: {lang=ar}\nنص.[^a]\n:::\n\n[^a]: حاشية.\n", "en", ("ar", "rtl"), id="ar-in-en"
        ),
        pytest.param(
            "::: {lang=en}\nText.[^a]\n:::\n\n[^a]: Note.\n", "ar", ("en", "ltr"), id="en-in-ar"
        ),
        pytest.param(
            "::: {lang=fr}\nTexte.[^a]\n:::\n\n[^a]: Note.\n", "en", ("fr", ""), id="fr-in-en"
        ),
        pytest.param("Cairo [نص[^a]]{lang=ar}.\n\n[^a]: حاشية.\n", "en", ("ar", "rtl"), id="span"),
        pytest.param("Text.[^a]\n\n[^a]: Note.\n", "en", ("", ""), id="its-section-s"),
    ],
)
def test_a_note_takes_the_language_of_its_call(
    source: str, language: str, kept: tuple[str, str]
) -> None:
    """session 48: a note called in an Arabic passage of an English book was set left to
    right in the EPUB (its text apart from its call, in the section's direction); print
    sets it at its call, right to left. The note is told its call's language, and that
    language's direction where it differs from the section's."""
    fragment = render_block(source, context=Context(language=language))
    (note,) = fragment.notes
    assert (note.lang, note.dir) == kept
