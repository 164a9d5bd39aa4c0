"""Words for one output only: Quarto's conditional spans (octavo.render.conditional)."""

from __future__ import annotations

import pytest

from octavo.render.conditional import for_output, shown_in
from octavo.render.markdown import render_block


@pytest.mark.parametrize(
    ("classes", "attrs", "shown"),
    [
        (["content-visible"], {"when-format": "pdf"}, {"pdf"}),
        (["content-visible"], {"when-format": "latex"}, {"pdf"}),
        (["content-visible"], {"when-format": "epub"}, {"epub"}),
        (["content-visible"], {"when-format": "html"}, {"epub"}),  # Quarto: EPUB is HTML
        (["content-visible"], {"when-format": "docx"}, set()),
        (["content-visible"], {"unless-format": "pdf"}, {"epub"}),
        (["content-hidden"], {"when-format": "epub"}, {"pdf"}),
        (["content-hidden"], {"when-format": "docx"}, {"pdf", "epub"}),
        (["content-hidden"], {"unless-format": "html"}, {"epub"}),
        (["content-visible"], {"when-format": "pdf, epub"}, {"pdf", "epub"}),
        (["x"], {"when-format": "pdf"}, None),  # no condition without the class
    ],
)
def test_which_output_shows_a_span(
    classes: list[str], attrs: dict[str, str], shown: set[str] | None
) -> None:
    assert shown_in(classes, attrs) == shown


def test_each_output_keeps_its_own_words() -> None:
    source = (
        'See the map[ (page [](#m){.page})]{.content-visible when-format="pdf"}'
        '[, [a [tap]{.y} away]]{.content-visible when-format="epub"}'
        '[never]{.content-visible when-format="docx"}[ always]{.content-hidden when-format=docx}.\n'
    )
    fragment = render_block(source)
    assert fragment.problems == ()
    assert "never" not in fragment.html and "when-format" not in fragment.html
    pdf, epub = for_output(fragment.html, "pdf"), for_output(fragment.html, "epub")
    assert "(page" in pdf and "tap" not in pdf and "<span> always</span>." in pdf
    assert "(page" not in epub and 'a <span class="y">tap</span> away' in epub
    assert epub.endswith("<span> always</span>.</p>\n")


@pytest.mark.parametrize(
    "held",
    [
        "[call[^n]]{.content-visible when-format=pdf}",
        "[[Lumen]{.index}]{.content-hidden when-format=pdf}",
        "[[Lumen]{#lumen}]{.content-visible when-format=epub}",
    ],
)
def test_notes_ids_and_index_marks_stay_in_both(held: str) -> None:
    fragment = render_block(f"Words {held}.\n" + ("\n[^n]: A note.\n" if "^n" in held else ""))
    assert [p.code for p in fragment.problems] == ["W516"]
    assert "only-" not in fragment.html


def test_a_heading_s_words_are_in_both_outputs() -> None:
    # its contents entry, bookmark and navigation are made of them; its id of its words
    fragment = render_block("# Trade[ (print)]{.content-visible when-format=pdf}\n")
    assert [p.code for p in fragment.problems] == ["W516"]
    assert fragment.html.startswith('<h3 id="s-trade-print" ') and "only-" not in fragment.html


def test_a_format_no_one_knows_is_a_warning() -> None:
    # Quarto's semantics kept (words for 'pfd' are in no output), but a typo is said
    source = "A [x]{.content-visible when-format=pfd} [y]{.content-visible when-format=docx}.\n"
    source += '\n::: {.content-hidden unless-format="epbu"}\nZ\n:::\n'
    fragment = render_block(source)
    assert [(p.code, p.line) for p in fragment.problems] == [("W518", 2), ("W518", 0)]
    assert "'pfd'" in fragment.problems[1].message and "x" not in fragment.html


def test_octavo_s_marks_are_no_author_s_class() -> None:
    # a class that contains the mark's words, or the mark itself written by hand, was
    # taken for words of one output (found in review)
    source = "Keep [these]{.not-only-pdf} and [x]{.only-pdf}.\n\n::: only-pdf\n# H\n:::\n"
    html = render_block(source).html
    assert 'class="not-only-pdf"' in html and "<span>x</span>" in html
    assert for_output(html, "epub") == html and "only-pdf" not in html.replace("not-only", "")


def test_a_div_for_one_output_keeps_what_the_other_would_link_to() -> None:
    # a raw HTML table is listed and linked like any; an automatic index term is not
    # marked in words the other output drops
    from octavo.render.markdown import Context

    table = "::: {.content-visible when-format=pdf}\n<table><tr><th>A</th></tr></table>\n\n"
    fragment = render_block(table + "Table: Prices\n:::\n")
    assert [p.code for p in fragment.problems] == ["W516"] and "only-" not in fragment.html
    context = Context(index_terms=(("Minsk", "Minsk"),))
    marked = render_block(
        "::: {.content-visible when-format=pdf}\nMinsk is big.\n:::\n", context=context
    )
    assert marked.marks == () and "index-mark" not in marked.html


def test_a_caption_s_words_for_one_output_are_listed_in_that_output_alone() -> None:
    """The lists of tables and figures were made from a caption before its words for one
    output were marked: both lists showed both outputs' words (found by an author's walk)."""
    source = (
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        'Table: Towns[ (print)]{.content-visible when-format="pdf"}'
        '[ (e-book)]{.content-hidden when-format="pdf"}\n\n'
        '![A map[, on the fold-out]{.content-visible when-format="pdf"}](map.png)\n'
    )
    fragment = render_block(source)
    (table,) = fragment.tables
    (figure,) = fragment.figures
    assert table.caption_html == (
        'Towns<span class="only-pdf"> (print)</span><span class="only-epub"> (e-book)</span>'
    )
    assert figure.caption_html == 'A map<span class="only-pdf">, on the fold-out</span>'
    assert for_output(table.caption_html, "epub") == (
        'Towns<span class="only-epub"> (e-book)</span>'
    )
    assert fragment.problems == ()


def test_w516_and_w518_name_the_line_of_the_words() -> None:
    """Both named a paragraph's first line, however far down the span was (each span's line
    is its opening's: octavo.render.tokens.child_lines)."""
    source = (
        "A paragraph opens here,\n"  # 0
        "goes on [x]{.content-visible when-format=pfd} and\n"  # 1
        "on to [a call[^n]]{.content-visible when-format=pdf}.\n"  # 2
        "\n[^n]: A note.\n"
    )
    fragment = render_block(source)
    assert [(p.code, p.line) for p in fragment.problems] == [("W518", 1), ("W516", 2)]
    one_line = render_block("Text.\n\nA [x]{.content-visible when-format=pfd}.\n")
    assert [(p.code, p.line) for p in one_line.problems] == [("W518", 2)]
