"""The PDF read back for a section's notes and figures (octavo.check.content)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from octavo.check.content import check_notes
from octavo.check.pdf_facts import PdfFacts, PdfPage
from octavo.model import RenderedSection
from octavo.model.manuscript import Note, Numbered


def _facts(line: str) -> PdfFacts:
    page = PdfPage(0, 792.0, ((700.0, 710.0, line),))
    dests = {"ref-fn-a-1": 0}
    return PdfFacts(Path("b.pdf"), (page,), dests, frozenset(), (), {}, ())


def test_a_note_s_word_joiners_are_not_looked_for() -> None:
    """A citation's range is kept on one line by word joiners (U+2060), which the PDF's text
    does not hold: `invoke check` stopped a book whose note cited "pp. 1–2" with E611."""
    note = Note("fn-a-1", 1, 'See <span class="citation">(Doe, 1999, pp. 1\u2060–\u20602)</span>.')
    section = cast(RenderedSection, cast(Any, SimpleNamespace(notes=(note,))))
    assert list(check_notes(_facts("1. See (Doe, 1999, pp. 1–2)."), [section])) == []
    assert [d.code for d in check_notes(_facts("1. See elsewhere."), [section])] == ["E611"]


_FIGURE = (
    '<figure id="fig:map"><img src="m.png" alt="" /><figcaption><span class="caption-label">'
    'Figure 1.</span> A map of Testland<a class="noteref" href="#fn-a-2" role="doc-noteref">'
    '2</a> and its rivers <span class="credit">Drawn by C.</span></figcaption></figure>'
)


@pytest.mark.parametrize(
    ("printed", "codes"),
    [
        ("Figure 1. A map of Testland2 and its rivers", []),
        ("Figure 1. A map of Testland\u00b2 and its rivers", []),
        ("Figure 1. A map of Testland and its rivers", []),
        ("Figure 1. A map of Testland2", ["E622"]),
        ("Figure 12. A map of Testland2 and its rivers", ["E622"]),
    ],
    ids=["the-call-s-number", "a-superscript-figure", "no-number-read", "words-cut", "another"],
)
def test_a_caption_s_note_call_is_printed_in_it(printed: str, codes: list[str]) -> None:
    """ut46: a figure whose caption calls a note was reported E622 (no caption) for the PDF
    octavo had just written: the caption looked for is the contents' one, without the call,
    and the page prints "Testland2 and its rivers"."""
    from octavo.check.content import _figures

    figure = Numbered("figure", "1", "fig:map", "A map of Testland and its rivers", "a", "Figure")
    section = cast(
        RenderedSection, cast(Any, SimpleNamespace(figures=(figure,), body_html=_FIGURE))
    )
    page = PdfPage(0, 792.0, ((700.0, 710.0, printed),), graphics=1)
    facts = PdfFacts(Path("b.pdf"), (page,), {"fig:map": 0}, frozenset(), (), {}, ())
    assert [d.code for d in _figures(facts, (section,))] == codes


_FIGURES = (
    _FIGURE + "<p>Text.</p>"
    '<figure id="fig:dam"><img src="d.png" alt="" /><figcaption><span class="caption-label">'
    "Figure 2.</span> The dam</figcaption></figure>"
    '<figure id="fig:two"><img src="t.png" alt="" /><figcaption><span class="caption-label">'
    'Figure 3.</span> Rivers<a class="noteref" href="#fn-a-3" role="doc-noteref"><sup>3</sup>'
    '</a> of the east<a class="noteref" href="#fn-a-4" role="doc-noteref">4</a></figcaption>'
    "</figure>"
)
_NUMBERED = (
    Numbered("figure", "1", "fig:map", "A map of Testland and its rivers", "a", "Figure"),
    Numbered("figure", "2", "fig:dam", "The dam", "a", "Figure"),
    Numbered("figure", "3", "fig:two", "Rivers of the east", "a", "Figure"),
    Numbered("figure", "4", "fig:gone", "Not in the body", "a", "Figure"),
)


def test_a_section_s_body_is_parsed_once_for_all_its_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`check` parsed a section's whole body once per figure to find its caption (a
    section of 30 maps: 30 parses); once per section now, with the same findings."""
    from lxml import html as lxml_html

    from octavo.check import content

    parsed: list[str] = []
    parse = lxml_html.fragment_fromstring

    def counted(text: str, **kwargs: Any) -> Any:
        parsed.append(text)
        return parse(text, **kwargs)

    monkeypatch.setattr(lxml_html, "fragment_fromstring", counted)  # content's lxml.html
    section = cast(
        RenderedSection, cast(Any, SimpleNamespace(figures=_NUMBERED, body_html=_FIGURES))
    )
    printed = (
        "Figure 1. A map of Testland2 and its rivers Figure 2. The dam "
        "Figure 3. Rivers3 of the east4 Figure 4. Not in the body"
    )
    page = PdfPage(0, 792.0, ((700.0, 710.0, printed),), graphics=4)
    dests = {f.id: 0 for f in _NUMBERED}
    facts = PdfFacts(Path("b.pdf"), (page,), dests, frozenset(), (), {}, ())
    assert [d.code for d in content._figures(facts, (section,))] == []
    assert len(parsed) == 1


def test_the_captions_looked_for_are_as_before() -> None:
    """The patterns of a body's four figures, read from one parse of it, are those each
    figure's own parse gave (recorded from the code that parsed per figure)."""
    from octavo.check import content
    from octavo.text import strip_tags

    tree = content._body_tree(_FIGURES)
    patterns = [
        content._caption_shown(
            tree, f, content._flat(f"{f.label}. {strip_tags(f.caption_html)}")
        ).pattern
        for f in _NUMBERED
    ]
    assert patterns == [
        r"Figure1\.AmapofTestland\w{0,8}anditsrivers",
        r"Figure2\.Thedam",
        r"Figure3\.Rivers\w{0,8}oftheeast\w{0,8}",
        r"Figure4\.Notinthebody",
    ]


def _table(ident: str, head: str, rows: tuple[str, ...]) -> str:
    body = "".join(f"<tr><td>{row}</td><td>1</td></tr>" for row in rows)
    return (
        f'<table id="{ident}"><caption>{ident}</caption><thead><tr><th>{head}</th>'
        f"<th>Count</th></tr></thead><tbody>{body}</tbody></table>"
    )


_TABLES = (
    _table("tbl:a", "Region", ("Minsk", "Brest"))
    + "<p>Text.</p>"
    + _table("tbl:b", "Crop", ("Rye", "Flax", "Oats"))
    + _table("tbl:c", "Year", ("1990",))
)


def test_a_section_s_body_is_parsed_once_for_all_its_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """E620 parsed a section's whole body once per table to read its header and rows; once
    per section now, as for its figures (E622), with the same findings: the table whose
    rows go on to a page without its header row is told, the others are not."""
    from lxml import html as lxml_html

    from octavo.check import content

    parsed: list[str] = []
    parse = lxml_html.fragment_fromstring

    def counted(text: str, **kwargs: Any) -> Any:
        parsed.append(text)
        return parse(text, **kwargs)

    monkeypatch.setattr(lxml_html, "fragment_fromstring", counted)  # content's lxml.html
    tables = tuple(
        Numbered("table", str(n), f"tbl:{x}", x, "a", "Table") for n, x in enumerate("abc", 1)
    )
    section = cast(RenderedSection, cast(Any, SimpleNamespace(tables=tables, body_html=_TABLES)))
    first = PdfPage(
        0,
        792.0,
        (
            (100.0, 110.0, "Region Count"),
            (120.0, 130.0, "Minsk 1"),
            (140.0, 150.0, "Brest 1"),
            (160.0, 170.0, "Crop Count"),
            (180.0, 190.0, "Rye 1"),
        ),
    )
    second = PdfPage(
        1, 792.0, ((100.0, 110.0, "Flax 1"), (120.0, 130.0, "Oats 1"), (770.0, 780.0, "2"))
    )
    third = PdfPage(2, 792.0, ((100.0, 110.0, "Year Count"), (120.0, 130.0, "1990 1")))
    dests = {"tbl:a": 0, "tbl:b": 0, "tbl:c": 2}
    facts = PdfFacts(Path("b.pdf"), (first, second, third), dests, frozenset(), (), {}, ())
    found = list(content._tables(facts, (section,)))
    assert [(d.code, d.message) for d in found] == [
        (
            "E620",
            "table #tbl:b goes on to folio '2' without its header row (no 'Crop' above its rows)",
        )
    ]
    assert len(parsed) == 1
    tree = content._body_tree(_TABLES)
    assert [content._cells(tree, t.id) for t in tables] == [
        (["Region", "Count"], {"Minsk 1", "Brest 1"}),
        (["Crop", "Count"], {"Rye 1", "Flax 1", "Oats 1"}),
        (["Year", "Count"], {"1990 1"}),
    ]


@pytest.mark.parametrize(
    ("head", "codes"),
    [
        (
            [
                "Column Column Column",
                "header header header",
                "number 0 number 1 number",
                "10",
            ],
            [],
        ),
        (["Column header number 0 Column header number 1 Column header number 10"], []),
        (["Column Column Column", "header header header"], ["E620"]),
        ([], ["E620"]),
    ],
    ids=["wrapped-cells", "one-line", "a-word-missing", "no-head"],
)
def test_a_header_row_whose_cells_wrap_is_read_across_its_lines(
    head: list[str], codes: list[str]
) -> None:
    """ut47 bug 13: a 12-column table's head whose cells wrap prints a line of each cell's
    first words, then of their next words, so a cell's words are never together on the
    page: `invoke check` said E620 (no 'Column header number 0' above its rows)."""
    from octavo.check.content import _tables

    cells = ("Column header number 0", "Column header number 1", "Column header number 10")
    body = (
        '<table id="tbl:w"><thead><tr>'
        + "".join(f"<th>{c}</th>" for c in cells)
        + "</tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    table = Numbered("table", "1", "tbl:w", "Wide", "a", "Table")
    section = cast(RenderedSection, cast(Any, SimpleNamespace(tables=(table,), body_html=body)))
    lines = tuple((100.0 + 10 * i, 108.0 + 10 * i, text) for i, text in enumerate(head))
    page = PdfPage(0, 792.0, (*lines, (300.0, 308.0, "1 2 3")))
    facts = PdfFacts(Path("b.pdf"), (page,), {"tbl:w": 0}, frozenset(), (), {}, ())
    assert [d.code for d in _tables(facts, (section,))] == codes
