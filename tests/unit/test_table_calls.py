"""A note's call in a raw HTML table's cell or caption is a call (octavo.render.table_calls):
numbered with the text's in the order they are printed, its note kept; `[^x]` with no note
stays text, W510 as in the text. "[^a]" stayed in the cell and its note was W511, "defined
but never called". The importer writes no raw HTML table, but its W423 sends an author to
write one to keep a table's spans, and the cells it wrote held their calls: the first test
follows that way from a page to the book."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from octavo.render.markdown import Context, render_block

CALL = re.compile(r'<a class="noteref" href="#(fn-s-[0-9]+)"[^>]*>([0-9]+)</a>')

PAGE = """<html><head><title>Belarus - Population</title></head><body>
<p>The population of Belarus in 1994 was about 10.4 million people, living mostly in the
cities of the country and in its larger towns.<a href="#fn1">1</a></p>
<table>
<caption>Table 5. Population by Region, 1989 (in thousands)</caption>
<tr><th>Region</th><th>Urban</th><th>Rural</th></tr>
<tr><td>Minsk<a href="#fn2">2</a></td><td rowspan=2>1,600</td><td>400</td></tr>
<tr><td colspan=3>Brest<a href="#fn3">3</a></td></tr>
</table>
<p>Data as of June 1995</p>
<hr>
<p id="fn1">1. Estimate of the Ministry of Statistics.</p>
<p id="fn2">2. The city of Minsk, without its oblast.</p>
<p id="fn3">3. Brest Oblast as a whole.</p>
</body></html>
"""

# the table as W423's hint says to write it: its spans kept, each cell's words as the
# imported section's pipe table wrote them (a call `[^2]` among them)
SPANNED = """<table>
<tr><th>Region</th><th>Urban</th><th>Rural</th></tr>
<tr><td>Minsk[^2]</td><td rowspan="2" align="right">1,600</td><td align="right">400</td></tr>
<tr><td colspan="3">Brest[^3]</td></tr>
</table>
"""


def _calls(html: str) -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in CALL.finditer(html)]


def test_an_imported_table_written_as_w423_says_keeps_its_calls(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "belarus60.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    result = import_pages([page], tmp_path / "book")
    (hint,) = [d.hint for d in result.diagnostics if d.code == "W423"]
    assert "raw HTML <table> with its rowspan and colspan" in (hint or "")
    section = (tmp_path / "book" / "060-population.md").read_text(encoding="utf-8")
    body = section.split("---\n", 2)[2]
    pipe = re.search(r"^\| Region .*?\n\n", body, re.MULTILINE | re.DOTALL)
    assert pipe is not None and "| Minsk[^2] |" in pipe[0] and "| Brest[^3] |" in pipe[0]
    body = body.replace(pipe[0], SPANNED + "\n")
    fragment = render_block(body)
    assert not [p for p in fragment.problems if p.code in ("W510", "W511")], fragment.problems
    table = fragment.html[fragment.html.index("<table") :]
    assert 'Minsk<a class="noteref" href="#fn-s-2" id="ref-fn-s-2" epub:type="noteref"' in table
    assert 'colspan="3">Brest<a class="noteref"' in table and "[^" not in fragment.html
    notes = [(n.number, n.html) for n in fragment.notes]
    assert notes == [
        (1, "Estimate of the Ministry of Statistics."),
        (2, "The city of Minsk, without its oblast."),
        (3, "Brest Oblast as a whole."),
    ]
    lines = body.split("\n")
    called = [n.call_line for n in fragment.notes][1:]  # each on its own row's line
    assert [lines[n].split("[^")[0][-5:] for n in called] == ["Minsk", "Brest"]


def test_calls_are_numbered_in_printed_order_caption_first() -> None:
    """The table's own caption and a `Table: …` one are printed before its cells: their
    calls come first. A `Table: …` caption's call was numbered as if it were none (its
    caption rendered before the notes were numbered), so the next note had its number:
    two notes "2", before raw tables read calls at all."""
    source = (
        "Before.[^x]\n\n<table><tr><td>Rice[^a]</td><td>Wheat[^a]</td></tr></table>\n\n"
        "Table: Crops[^c]\n\nAfter.[^b]\n\n"
        "<table><caption>Own[^d]</caption><tr><td>Oats[^e]</td></tr></table>\n\n"
        "[^a]: Ay.\n\n[^b]: Bee.\n\n[^c]: See.\n\n[^d]: Dee.\n\n[^e]: Ee.\n\n[^x]: Ex.\n"
    )
    fragment = render_block(source)
    assert [(n.html, n.number) for n in fragment.notes] == [
        ("Ex.", 1),
        ("See.", 2),
        ("Ay.", 3),
        ("Bee.", 4),
        ("Dee.", 5),
        ("Ee.", 6),
    ]
    numbers = [number for _, number in _calls(fragment.html)]
    assert numbers == ["1", "2", "3", "3", "4", "5", "6"]
    assert fragment.html.count('id="ref-fn-s-') == 6  # "Wheat" calls it again: no id
    assert [t.caption_html for t in fragment.tables] == ["Crops", "Own"]  # listed without


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        pytest.param("<!-- a remark -->Rice[^a]", "Rice", id="after-a-comment"),
        pytest.param("<b>Rice[^a]</b>", "<b>Rice", id="in-bold"),
        pytest.param("Rice<br>paddy[^a]", "paddy", id="after-a-break"),
        pytest.param('<span lang="fr">riz</span>[^a]', "</span>", id="after-a-span"),
    ],
)
def test_a_call_among_a_cell_s_elements_is_a_call(cell: str, shown: str) -> None:
    fragment = render_block(f"<table><tr><td>{cell}</td></tr></table>\n\n[^a]: Ay.\n")
    assert f'{shown}<a class="noteref" href="#fn-s-1"' in fragment.html
    assert not fragment.problems and [n.html for n in fragment.notes] == ["Ay."]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("<code>[^a]</code>", id="code"),
        pytest.param("<kbd>[^a]</kbd>", id="kbd"),
        pytest.param('<a href="https://example.org">see[^a]</a>', id="in-a-link"),
        pytest.param('<span title="[^a]">words</span>', id="attribute"),
        pytest.param("<!-- [^a] -->words", id="comment"),
        pytest.param("&#91;^a]", id="character-reference"),
    ],
)
def test_what_is_no_call_stays_as_written(cell: str) -> None:
    fragment = render_block(f"<table><tr><td>{cell}</td></tr></table>\n\n[^a]: Ay.\n")
    assert "noteref" not in fragment.html and not fragment.notes
    assert [p.code for p in fragment.problems] == ["W511"]


def test_a_call_of_no_note_stays_text_and_is_told_at_its_line() -> None:
    source = "Text.[^a]\n\n<table>\n<tr><td>Rice</td></tr>\n<tr><td>Oats[^x]</td></tr>\n</table>\n\n[^a]: Ay.\n"
    fragment = render_block(source)
    assert "<td>Oats[^x]</td>" in fragment.html
    (told,) = fragment.problems
    assert (told.code, told.line, told.message) == (
        "W510",
        4,
        "footnote [^x] is called but not defined",
    )
    assert "after the table" in told.hint


def test_a_call_takes_the_language_it_stands_in() -> None:
    """A cell's `lang`, else the div's around the table: the note is in it (its `dir`)."""
    source = (
        '::: {lang=ar}\n<table><tr><td>قمح[^a]</td><td lang="fr">blé[^b]</td></tr></table>\n\n'
        ":::\n\n[^a]: Ay.\n\n[^b]: Bee.\n"
    )
    fragment = render_block(source, context=Context(language="en"))
    assert [(n.lang, n.dir) for n in fragment.notes] == [("ar", "rtl"), ("fr", "")]
    assert 'dir="ltr">1</a>' in fragment.html  # isolated in right-to-left words


def test_octavo_s_marks_written_in_a_table_are_no_calls() -> None:
    """The marks octavo puts where a call is (private-use characters) written in the table
    itself: its calls are left as text, never a mark the author chose."""
    source = "<table><tr><td>\ue0000\ue001 Rice[^a]</td></tr></table>\n\n[^a]: Ay.\n"
    fragment = render_block(source)
    assert "noteref" not in fragment.html and "Rice[^a]" in fragment.html


def test_a_note_called_in_a_table_then_in_the_text_takes_the_table_s_call_first() -> None:
    """review52e: the text's calls were counted before a table's, so "Again.[^a]" below the
    table was note a's first call: printed "Rice3 Corn2", its note on the later page, and
    in the EPUB Rice's call had no id (the note's backlink went to "Again")."""
    source = (
        "<table><tr><td>Rice[^a]</td><td>Corn[^c]</td></tr></table>\n\n"
        "Again.[^a] Wheat.[^b]\n\n[^a]: Ay.\n\n[^b]: Bee.\n\n[^c]: See.\n"
    )
    fragment = render_block(source)
    assert [(n.html, n.number) for n in fragment.notes] == [("Ay.", 1), ("See.", 2), ("Bee.", 3)]
    calls = _calls(fragment.html)
    assert [number for _, number in calls] == ["1", "2", "1", "3"]
    first = fragment.html.index(">Rice")
    assert fragment.html.index('id="ref-fn-s-') > first  # the first call with an id: Rice's
    assert fragment.html.index('id="ref-fn-s-') < fragment.html.index("Again")


def test_a_table_in_a_note_leaves_its_calls_as_written() -> None:
    """review52e: a raw table in a note's text is flattened to lines (W520), never a
    block of its own: a call read there left octavo's mark in the note (U+E000 0 U+E001),
    its note numbered without a call (EPUBCheck RSC-012, E611 in print)."""
    source = "Intro.[^b]\n\n[^b]: B:\n\n    <table><tr><td>In[^c]</td></tr></table>\n\n[^c]: C.\n"
    fragment = render_block(source)
    assert "\ue000" not in fragment.html and all("\ue000" not in n.html for n in fragment.notes)
    assert [n.number for n in fragment.notes][:1] == [1]
