"""Where print tells of a note (octavo.render.pdf.notes.lines): E647 (too many notes called
inside one note, octavo.render.pdf.nested_notes) at the outer note's own definition line,
each note's definition line, and W656/E657 (more than a page of notes called on one page)
at the first call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf import build
from octavo.render.pdf.nested_notes import MOST_NESTED, crowded_notes
from octavo.render.pdf.notes import place
from octavo.render.pdf.notes.layout import NotePlacement
from octavo.render.pdf.notes.lines import called_at, defined_at, let_through_told
from octavo.render.pdf.notes.place import LetThrough
from tests.conftest import MakeBook, section_source

# section_source's front matter is 9 lines and a blank one: the body opens at line 11
BODY_LINE = 11


def _chain(inner: int, before: str = "") -> str:
    notes = "".join(f"[^n{i}]: Note {i}[^n{i + 1}].\n\n" for i in range(inner))
    return f"{before}Text.[^n0]\n\n{notes}[^n{inner}]: The end.\n"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "A.[^a] B.[^b]\n\n[^b]: Bee.\n\n[^a]: Ay[^c].\n\n[^c]: Cee.\n", id="out-of-order"
        ),
        pytest.param("A.^[inline] B.[^b][^a]\n\n[^a]: Ay.\n\n[^b]: Bee.\n", id="inline-first"),
        pytest.param("A.[^a]\n\n   [^a]: Indented.\n", id="indented"),
    ],
)
def test_each_note_is_found_at_its_definition(make_book: MakeBook, body: str) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    rendered, _ = api.manuscript(book)
    (rs,) = rendered.sections
    lines = (BODY_LINE - 1) * [""] + rs.section.body.split("\n")
    for note in rs.notes:
        text = note.html.partition("<")[0].split()[0]  # "Ay", "Bee", …
        line = defined_at(rs.section, note)
        if text != "inline":
            assert text in lines[line - 1] and lines[line - 1].lstrip().startswith("[^"), note


# Each note's first call and definition, 0-based lines of the body, by its text's first
# word: the lines markdown-it read them at, whatever looks like a note where none is (a
# call or a definition in code), wherever a definition stands (a quote, a list's item)
_GRID = "+--------+---+\n| `[^b]` | x |\n| y[^a]  | z |\n+--------+---+\n\n"


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        pytest.param(
            "A `[^b]` code.[^a] B.[^b]\n\n[^a]: Ay.\n\n[^b]: Bee.\n",
            {"Ay.": (0, 2), "Bee.": (0, 4)},
            id="call-in-code-span",  # a colleague's: "Ay." told at line 15, not 13
        ),
        pytest.param(
            "```\nx[^a]\n```\n\nText.[^a]\n\n[^a]: Ay.\n\n```\n[^a]: Not a note.\n```\n",
            {"Ay.": (4, 6)},
            id="label-lines-in-fenced-code",
        ),
        pytest.param(
            "Text.[^a] More.[^b]\n\n> Quoted.\n>\n> [^a]: Ay.\n\n[^b]: Bee.\n",
            {"Ay.": (0, 4), "Bee.": (0, 6)},
            id="defined-in-a-quote",
        ),
        pytest.param(
            "1. Item.\n\n   - Sub.[^a]\n\n     [^a]: Ay.\n",
            {"Ay.": (2, 4)},
            id="defined-in-a-nested-list",
        ),
        pytest.param(
            "Code `^[x]` here.[^b]\n\nThen.^[Inline one.]\n\n[^b]: Bee.\n",
            {"Bee.": (0, 4), "Inline": (2, 2)},
            id="inline-notes",
        ),
        pytest.param(
            "| A | B |\n|---|---|\n| `[^b]` | x[^a] |\n| y[^b] | z |\n\n[^a]: Ay.\n\n[^b]: Bee.\n",
            {"Ay.": (2, 5), "Bee.": (3, 7)},
            id="pipe-table-cells",
        ),
        pytest.param(
            _GRID + "[^a]: Ay.\n\n[^b]: Bee.\n",
            {"Ay.": (2, 5)},
            id="grid-table-cells",
        ),
        pytest.param(
            "```\nA.[^a]\n```\n\nB.[^b] C.\n\nD.[^a]\n\n[^a]: Ay.\n\n[^b]: Bee.\n",
            {"Ay.": (6, 8), "Bee.": (4, 10)},
            id="called-twice",
        ),
        pytest.param(
            "A `[^z]` B.[^a]\n\n[^z]: Zed.\n\n[^a]: Ay.\n",
            {"Ay.": (0, 4)},
            id="defined-never-called",
        ),
        pytest.param(
            "A.[^a]\n\n[^a]: Ay,\n    and on.[^b]\n\n    `[^c]` in code,\n    then called.[^c]"
            "\n\n[^b]: Bee.\n\n[^c]: Cee.\n",
            {"Ay,": (0, 2), "Bee.": (3, 8), "Cee.": (6, 10)},
            id="definition-on-indented-lines",
        ),
    ],
)
def test_each_note_is_told_where_markdown_it_read_it(
    make_book: MakeBook, body: str, lines: dict[str, tuple[int, int]]
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    rendered, _ = api.manuscript(book)
    (rs,) = rendered.sections
    found = {
        note.html.split()[0]: (
            called_at(rs.section, note) - BODY_LINE,
            defined_at(rs.section, note) - BODY_LINE,
        )
        for note in rs.notes
    }
    assert {text: found.get(text) for text in lines} == lines


def test_e647_names_the_outer_notes_own_line(make_book: MakeBook) -> None:
    before = "First.[^first]\n\n[^first]: A note alone.\n\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=_chain(MOST_NESTED + 1, before))})
    rendered, _ = api.manuscript(book)
    (found,) = crowded_notes(rendered.sections)
    # "[^n0]: Note 0[^n1]." is the body's 7th line
    assert (found.code, found.file, found.line) == ("E647", book / "001-a.md", BODY_LINE + 6)
    assert f"has {MOST_NESTED + 1} notes called inside it" in found.message


def test_a_chain_at_the_limit_is_not_refused(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=_chain(MOST_NESTED))})
    rendered, _ = api.manuscript(book)
    assert crowded_notes(rendered.sections) == []


@pytest.mark.parametrize(("spilled", "code"), [(None, "W656"), (12, "E657")])
def test_notes_let_through_are_told_at_their_first_call(
    make_book: MakeBook, spilled: int | None, code: str
) -> None:
    calls = "".join(f"[^n{i}]" for i in range(3))
    notes = "".join(f"[^n{i}]: Note {i}.\n\n" for i in range(3))
    body = f"Before.[^first]\n\nText.{calls}\n\n[^first]: First.\n\n{notes}"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    rendered, _ = api.manuscript(book)
    ids = [n.id for n in rendered.sections[0].notes][1:]  # the three called in one line
    group = LetThrough(tuple(NotePlacement("ref-x", n, 10, 11) for n in ids), spilled)
    (told,) = let_through_told(rendered.sections, [group])
    assert (told.code, told.file, told.line) == (code, book / "001-a.md", BODY_LINE + 2)
    assert "3 notes are called on one page" in told.message
    if spilled is not None:  # the book's PDF, counted as a viewer counts its pages
        assert "and the PDF's page 13 more than it has room for" in told.message


@pytest.mark.parametrize("strict", [False, True], ids=["warned", "strict-fatal"])
def test_invoke_pdf_tells_w656_and_strict_makes_it_fatal(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: bool
) -> None:
    body = "Text.[^a][^b]\n\n[^a]: Ay.\n\n[^b]: Bee.\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})

    def laid_out(rendered: Any, *_: Any) -> tuple[bytes, None]:
        """A layout that let the section's notes through (place_notes' record of it)."""
        ids = [n.id for n in rendered.sections[0].notes]
        group = LetThrough(tuple(NotePlacement("ref-x", n, 3, 4) for n in ids))
        assert place._through is not None
        place._through[:] = [group]
        return b"%PDF-1.7\n", None

    monkeypatch.setattr(build, "render_book_pdf", laid_out)
    if strict:
        with pytest.raises(BuildError) as failed:
            api.build_pdf(book, tmp_path / "b.pdf", strict=True)
        assert "W656" in [d.code for d in failed.value.diagnostics]
        assert not (tmp_path / "b.pdf").exists()
    else:
        _, found = api.build_pdf(book, tmp_path / "b.pdf")
        (told,) = [d for d in found if d.code == "W656"]
        assert (told.file, told.line) == (book / "001-a.md", BODY_LINE)


def _let_through_all(monkeypatch: pytest.MonkeyPatch, spilled: int | None) -> None:
    """Each handout's layout lets all its notes through (place_notes' record of it), or,
    `spilled`, stops on them (E657), as a layout of more than a page of notes does."""
    from octavo.render.pdf import handouts

    shipped = place.place_notes

    def placed(html: Any, notes: tuple[tuple[str, str], ...], *more: Any) -> Any:
        group = LetThrough(tuple(NotePlacement(h, n, 0, 1) for h, n in notes[1:]), spilled)
        if spilled is not None:
            raise place.Spilled(group)
        laid_out = shipped(html, notes, *more)
        assert place._through is not None
        place._through[:] = [group]
        return laid_out

    monkeypatch.setattr(handouts, "place_notes", placed)


@pytest.mark.parametrize("strict", [False, True], ids=["warned", "strict-fatal"])
def test_invoke_handouts_tells_w656_and_strict_makes_it_fatal(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: bool
) -> None:
    body = "Text.[^a][^b]\n\n[^a]: Ay.\n\n[^b]: Bee.\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    _let_through_all(monkeypatch, None)
    folder = tmp_path / "handouts"
    if strict:
        with pytest.raises(BuildError) as failed:
            api.build_handouts(book, folder, strict=True)
        assert "W656" in [d.code for d in failed.value.diagnostics]
        assert not folder.exists() or list(folder.iterdir()) == []
    else:
        written, found, _ = api.build_handouts(book, folder)
        (told,) = [d for d in found if d.code == "W656"]
        assert (told.file, told.line) == (book / "001-a.md", BODY_LINE)
        assert len(written) == 1


def test_e657_of_a_handout_names_the_line_of_the_call(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "Before.\n\nText.[^a][^b]\n\n[^a]: Ay.\n\n[^b]: Bee.\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    _let_through_all(monkeypatch, 1)
    with pytest.raises(BuildError) as failed:
        api.build_handouts(book, tmp_path / "handouts")
    (told,) = failed.value.diagnostics
    assert (told.code, told.file, told.line) == ("E657", book / "001-a.md", BODY_LINE + 2)
    # the page is the handout's own, named by its file: "the PDF's page 2" read as the book's
    assert "and page 2 of the handout 1-s001-trade.pdf more than it has room for" in told.message
    assert "the PDF's" not in told.message
