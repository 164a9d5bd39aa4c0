"""octavo.render.long_words: a run longer than any word gets places to break in print and
in the EPUB (and W524 at its line, told by the PDF's build)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.render.long_words import CLASS, LONGEST, STEP, broken, runs, unbroken_runs
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.text import strip_tags
from tests.conftest import MakeBook, section_source

RUN = "".join("acgt"[(i * 7 + i // 3) % 4] for i in range(4000))  # a sequence, no space
_WBR = re.compile(r"<wbr>")
_SPAN = re.compile(rf'<span class="{CLASS}">(.*?)</span>')


def _page(body: str) -> str:
    return f"<html><head><title>{RUN}</title></head><body>{body}</body></html>"


def _unbroken(html: str) -> str:
    """The text of `html` as a reader copies it: without the breaks and the span."""
    return _WBR.sub("", html.replace(f'<span class="{CLASS}">', "").replace("</span>", ""))


def test_a_long_run_breaks_every_step_and_reads_as_written() -> None:
    html = broken(_page(f"<p>The sequence {RUN} ends.</p>"))
    body = html[html.index("<body>") :]
    held = re.search(rf'<span class="{CLASS}">(.*?)</span>', body)
    assert held is not None
    pieces = held[1].split("<wbr>")
    assert len(pieces) == len(RUN) // STEP and {len(p) for p in pieces} == {STEP}
    assert "".join(pieces) == RUN
    assert _unbroken(html) == _page(f"<p>The sequence {RUN} ends.</p>")
    assert f"<title>{RUN}</title>" in html  # the head is no text of the page


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        pytest.param(f"<p>{'x' * LONGEST} word</p>", True, id="a-word-of-the-longest"),
        pytest.param(f'<p><a href="https://a.example/{RUN}">the data</a></p>', True, id="href"),
        pytest.param(f"<style>p {{ x: {RUN} }}</style><p>a</p>", True, id="style"),
        pytest.param(f"<svg><text>{RUN}</text></svg>", True, id="svg"),
        pytest.param(f"<!-- {RUN} --><p>a</p>", True, id="comment"),
        pytest.param(f"<p>{'x' * (LONGEST + 1)} word</p>", False, id="one-more"),
        pytest.param(f"<pre><code>{RUN}</code></pre>", False, id="code-too"),
        pytest.param(f"<td>{RUN[:50]}\u00a0{RUN[:50]}</td>", False, id="no-break-space-joins"),
    ],
)
def test_what_is_a_run(body: str, kept: bool) -> None:
    assert (broken(_page(body)) == _page(body)) is kept


def test_an_entity_is_one_character() -> None:
    run = "&amp;" * (LONGEST + 1)
    html = broken(_page(f"<p>{run}</p>"))
    assert html.count("<wbr>") == LONGEST // STEP  # 81 characters: 9 pieces
    assert "&amp;<wbr>&amp;" in html and "&am<wbr>" not in html
    assert [m[0] for m in runs(f"<p>{'&amp;' * LONGEST}</p>")] == []


def test_code_is_broken_but_not_told_of() -> None:
    html = f"<p>see <code>{RUN}</code> and {RUN[:100]}</p>"
    assert [len(m[0]) for m in runs(html)] == [len(RUN), 100]
    assert [len(m[0]) for m in runs(html, code=False)] == [100]


def _book(make_book: MakeBook) -> Path:
    body = (
        "A first paragraph.\n\n"
        f"The sample reads {RUN}, as sent.\n\n"
        f"| Sample | Sequence |\n|---|---|\n| one | {RUN[:500].upper()} |\n\n"
        "A note.[^n]\n\n"
        f"[^n]: Its key: {RUN[:300].replace('a', 'u')}.\n\n"
        f"Code is meant: `{RUN[:200].replace('a', 'x')}`.\n"
    )
    return make_book({"001-a.md": section_source(1, "Samples", total=1, body=body)})


def test_the_quick_look_for_a_stretch_is_the_lookbehind_s() -> None:
    """long_words._stretch (a set of characters first, searched for in C) finds what the
    one pattern with a lookbehind found, in any slice of any text."""
    import random

    from octavo.render import long_words

    ends = " \t\n\r\f<>\u200b"
    reference = re.compile(rf"(?<![^{ends}])[^{ends}]{{{LONGEST + 1}}}")
    rng = random.Random(7)
    letters = "abé&;\u00a0x"
    found = set()
    for _ in range(3000):
        # stretches of 1 to 1.5 x LONGEST letters, one or two ends between them
        pieces = [
            "".join(rng.choice(letters) for _ in range(rng.randint(1, LONGEST * 3 // 2)))
            + "".join(rng.choice(ends) for _ in range(rng.randint(1, 2)))
            for _ in range(rng.randint(0, 4))
        ]
        text = "".join(pieces)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = reference.search(text, start, end) is not None
        assert long_words._stretch(text, start, end) is expected, (text, start, end)
        found.add(expected)
    assert found == {True, False}


def test_print_html_and_the_epub_hold_the_breaks_and_the_run_as_written(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """The EPUB kept the run whole, and a reading system on a phone let it run off the
    screen from a table cell: it has its <wbr/>s too (XHTML), and its text as written."""
    book = _book(make_book)
    manuscript, _ = api.manuscript(book)
    html = render_print_html(manuscript, PdfOptions())
    spans = re.findall(rf'<span class="{CLASS}">(.*?)</span>', html)
    lengths = sorted(len(s.replace("<wbr>", "")) for s in spans)
    assert lengths == [200, 300, 500, 4001]  # the paragraph's comma is of its run
    assert all(s.count("<wbr>") == -(-len(s.replace("<wbr>", "")) // STEP) - 1 for s in spans)
    path, _ = api.build_epub(book, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        xhtml = epub.read("EPUB/text/ch01.xhtml").decode()
    assert f"{RUN}," not in xhtml and f'<span class="{CLASS}">' in xhtml
    assert "<wbr>" not in xhtml and f"{RUN}," in strip_tags(xhtml)  # copy and search find it
    held = [len(s.replace("<wbr/>", "")) for s in _SPAN.findall(xhtml)]
    assert len(held) == len(lengths) and min(held) > LONGEST  # (print ends one at its last word)
    assert RUN in strip_tags(_unbroken(html))


def test_w524_names_each_run_of_the_prose_at_its_line(make_book: MakeBook) -> None:
    book = _book(make_book)
    manuscript, found = api.manuscript(book)
    assert not [d for d in found if d.code == "W524"]  # the EPUB's build is not told
    told = unbroken_runs(manuscript)
    assert [(d.code, Path(str(d.file)).name, d.line) for d in told] == [
        ("W524", "001-a.md", 13),  # the paragraph (the front matter is lines 1-9)
        ("W524", "001-a.md", 17),  # the table's row
        ("W524", "001-a.md", 21),  # the note; the code span is not told of
    ]
    assert "4,001 characters" in told[0].message and f"every {STEP}" in told[0].message
    assert all(d.hint for d in told)


def test_the_pdf_build_tells_w524(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=f"A key: {RUN[:120]}.\n")})
    _, found = api.build_pdf(book, tmp_path / "b.pdf")
    assert [(d.code, d.line) for d in found if d.code == "W524"] == [("W524", 11)]
