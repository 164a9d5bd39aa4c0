"""W418: the same section saved from two sites, or twice, is said before the book holds it
twice (a reader's review: tripod's cNepal8 is allrefer's nepal10, country-data's r-9052 is
allrefer's nepal11, mongabay's moldova_all_a/_b/_c one text; all printed in full)."""

from __future__ import annotations

from pathlib import Path

from octavo.importers.batch import Options, import_pages
from octavo.importers.duplicates import MIN_WORDS, Text, duplicates, runs

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def _folder(tmp_path: Path, name: str, *pages: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for page in pages:
        (folder / Path(page).name).write_bytes((PAGES / page).read_bytes())
    return folder


def _other_text_as(tmp_path: Path, number: int) -> Path:
    """A book whose section `number` (nepal10's front matter) holds another text: a page
    imported as that number is refused (E402)."""
    book = tmp_path / "book"
    import_pages([_folder(tmp_path, "first", "allrefer/nepal10.txt")], book)
    section = book / "010-transportation-and-communications.md"
    front = section.read_text().split("---\n")[1].replace("sequence: 10", f"sequence: {number}")
    section.unlink()
    other = " ".join(f"other{i}" for i in range(200))
    (book / f"{number:03d}-other.md").write_text(f"---\n{front}---\n{other}\n")
    return book


def _w418(result: object) -> dict[str, str]:
    return {
        d.file.name: d.message
        for d in result.diagnostics  # type: ignore[attr-defined]
        if d.code == "W418" and d.file
    }


def test_one_section_from_two_sites_is_said_on_the_later_page(tmp_path: Path) -> None:
    pages = _folder(tmp_path, "pages", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    result = import_pages([pages], tmp_path / "book")
    said = _w418(result)
    assert sorted(said) == ["nepal10.txt"]  # in the import's order: cNepal8.txt is kept
    assert said["nepal10.txt"].startswith("the same text as cNepal8.txt (100% of this page's")
    assert "left out" in said["nepal10.txt"]


def test_a_duplicate_page_is_left_out_not_made_a_second_section(tmp_path: Path) -> None:
    """A user-tester's report: W418 said "the book would hold it twice", and the import
    then wrote it, so the book held tripod's cNepal8 and allrefer's nepal10 (one text) as
    sections 8 and 10. The later twin is now left out: not written, said, exit 0."""
    pages = _folder(tmp_path, "pages", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    book = tmp_path / "book"
    result = import_pages([pages], book)
    assert {r.path.name: r.status for r in result.reports} == {
        "cNepal8.txt": "imported",
        "nepal10.txt": "left out",
    }
    assert [p.name for p in result.written] == ["008-section-8.md"]
    assert sorted(p.name for p in book.glob("*.md")) == ["008-section-8.md"]
    assert result.summary() == "1 imported, 0 unchanged, 1 left out (W418), 0 refused"
    assert not result.refused
    (left,) = result.left_out
    assert left.line().startswith(f"left out  {pages / 'nepal10.txt'}: W418 the same text as")
    # a section of the book is a twin too: imported alone later, it is left out again
    again = import_pages([pages / "nepal10.txt"], book)
    assert again.written == () and [r.status for r in again.reports] == ["left out"]
    assert "section 8 (008-section-8.md)" in _w418(again)["nepal10.txt"]


def test_under_strict_only_the_later_twin_is_refused(tmp_path: Path) -> None:
    from octavo.importers.manifest import load_manifest

    pages = _folder(tmp_path, "pages", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    manifest = tmp_path / "pages.csv"  # numbers and titles: no other warning to refuse
    manifest.write_text("page,sequence,title\ncNepal8.txt,8,Transport\nnepal10.txt,10,Roads\n")
    entries, _ = load_manifest(manifest)
    options = Options(strict=True, manifest=entries)
    result = import_pages([pages], tmp_path / "book", options=options)
    assert {r.path.name: r.status for r in result.reports} == {
        "cNepal8.txt": "imported",
        "nepal10.txt": "refused",
    }
    assert [d.code for d in result.diagnostics] == ["W418", "E411"]


def test_a_twin_that_is_not_written_is_not_named(tmp_path: Path) -> None:
    """One twin refused (E402: its number's file holds other text by then): the other is
    the only copy, and no page is said to be a twin (a refusal says more than W418)."""
    book = _other_text_as(tmp_path, 10)
    pages = _folder(tmp_path, "pages", "allrefer/nepal10.txt", "tripod/cNepal8.txt")
    result = import_pages([pages], book)
    assert {r.path.name: r.status for r in result.reports} == {
        "nepal10.txt": "refused",
        "cNepal8.txt": "imported",
    }
    assert _w418(result) == {}


def test_different_pages_and_short_ones_are_not_compared_alike(tmp_path: Path) -> None:
    pages = _folder(tmp_path, "pages", "allrefer/nepal10.txt", "allrefer/nepal11.txt")
    assert _w418(import_pages([pages], tmp_path / "book")) == {}
    short = " ".join(f"word{i}" for i in range(MIN_WORDS - 1))
    assert runs([short]) == frozenset()
    long = " ".join(f"word{i}" for i in range(MIN_WORDS))
    a, b = Text(Path("a"), "a", runs([long])), Text(Path("b"), "b", runs([long]))
    assert set(duplicates([a, b], [])) == {Path("b")}  # each other's: the later is said
    within = " ".join(f"word{i}" for i in range(MIN_WORDS * 3))
    c = Text(Path("c"), "c", runs([within]))  # a's text and more: a is within c
    assert set(duplicates([a, c], [])) == {Path("a")}
    assert duplicates([a], [Text(Path("s"), "s", runs([long]), sequence=None)])
    assert (
        duplicates([Text(Path("a"), "a", runs([long]), 7)], [Text(Path("s"), "s", a.runs, 7)]) == {}
    )


def test_a_page_whose_earlier_twin_is_refused_is_not_said_a_twin(tmp_path: Path) -> None:
    """The earlier twin refused at writing (E402: its number's file holds another text):
    the later page, written, is the only copy and names no twin. (The test above refuses
    the later one, which is unsaid for being refused itself.)"""
    book = _other_text_as(tmp_path, 8)
    pages = _folder(tmp_path, "pages", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    result = import_pages([pages], book)
    assert {r.path.name: r.status for r in result.reports} == {
        "cNepal8.txt": "refused",
        "nepal10.txt": "imported",
    }
    assert _w418(result) == {}


def test_a_text_s_runs_are_the_same_in_every_process() -> None:
    """A string's hash differs between runs of Python (PYTHONHASHSEED): the sampled runs, and
    so a share near SAME, did too (one page 93 % like another in one import, 89 % in the
    next). Words are hashed by their CRC-32 now."""
    import os
    import subprocess
    import sys

    code = (
        "from octavo.importers.duplicates import runs\n"
        "print(sorted(runs(['Foreign trade with the other members of the Commonwealth ' * 60])))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1 and len(seen.pop()) > 100


def test_a_link_to_a_page_left_out_goes_to_the_copy_kept() -> None:
    from octavo.importers.duplicates import to_copies_kept

    targets = {"a.htm": "008-a.md", "b.htm": "010-b.md", "c.htm": "011-c.md"}
    twins: dict[Path, Path | None] = {Path("p/b.htm"): Path("p/a.htm"), Path("p/c.htm"): None}
    assert to_copies_kept(targets, twins) == {"a.htm": "008-a.md", "b.htm": "008-a.md"}


_TRADE = """<HTML><HEAD><TITLE>Belarus - Foreign Trade</TITLE></HEAD><BODY>
<P><A HREF="http://www.country-data.com/frd/cs/">Country Listing</A></P>
<H2>Belarus</H2><H3>Foreign Trade</H3>
<P>In 1994 Belarus's main trading partner was Russia, which took about half of its exports
(see table 14). Trade with Poland and Germany grew quickly; the owners of the cafes of Minsk
imported coffee through Brest. The government favored barter, a legacy of the Soviet era.</P>
<TABLE BORDER=1><CAPTION>Table 14. Foreign Trade by Partner, 1993-94 (in millions of United
States dollars)</CAPTION>
<TR><TH ROWSPAN=2>Partner</TH><TH COLSPAN=2>Exports</TH><TH COLSPAN=2>Imports</TH></TR>
<TR><TH>1993</TH><TH>1994</TH><TH>1993</TH><TH>1994</TH></TR>
<TR><TD>Russia</TD><TD>1,050</TD><TD>1,320</TD><TD>1,600</TD><TD>1,900</TD></TR>
<TR><TD>Poland<SUP><A HREF="#n2">2</A></SUP></TD><TD>90</TD><TD>120</TD><TD>150</TD><TD>160</TD></TR>
</TABLE>
<P><A NAME="n2">2</A> Estimated from Polish customs data.</P>
<P>The volume of trade fell sharply after 1991, a fall of 40 percent in three years.</P>
<P>Data as of June 1995</P></BODY></HTML>
"""


def test_a_page_imported_again_under_a_manifest_s_number_is_left_out(tmp_path: Path) -> None:
    """A user-trial's report: W408's hint followed (the page's chapter given in a
    --manifest, with a sequence) wrote the page a second time, as 062-foreign-trade.md
    beside 001-foreign-trade.md, no W418, its table labelled as another study's
    ({#tbl:belarus-14}). The section's label, note calls and "@tbl:14" no longer make its
    text differ from its page's: W418 names the section, whose hint says how to move it."""
    from octavo.importers.manifest import load_manifest

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "r-1260.html").write_text(_TRADE)
    book = tmp_path / "book"
    first = import_pages([pages], book)
    assert [p.name for p in first.written] == ["001-foreign-trade.md"]
    manifest = tmp_path / "man.csv"
    manifest.write_text("page,chapter,parents,sequence\nr-1260.html,8,Foreign Relations,62\n")
    entries, _ = load_manifest(manifest)
    again = import_pages([pages], book, options=Options(manifest=entries))
    assert again.written == () and [r.status for r in again.reports] == ["left out"]
    assert sorted(p.name for p in book.glob("*.md")) == ["001-foreign-trade.md"]
    (said,) = [d for d in again.diagnostics if d.code == "W418"]
    assert "section 1 (001-foreign-trade.md)" in said.message
    assert said.hint and "move 001-foreign-trade.md out of the book" in said.hint
    assert "front matter" in said.hint


def test_a_section_s_markdown_compares_as_its_page_s_words() -> None:
    from octavo.importers.duplicates import as_page_words

    body = (
        "Trade (see @tbl:belarus-14) and @fig:8.[^1]\n\n| a |\n\n"
        'Table: Trade, 1994 {#tbl:14}\n\n![Minsk](images/r-1260-minsk.jpg){#fig:8 fig-alt="x"}\n\n'
        "[^1]: Estimated."
    )
    words = "Trade (see table 14) and figure 8. | a | Trade, 1994 ![Minsk] Estimated."
    assert as_page_words(body).split() == words.split(" ")


def test_the_copy_kept_stays_as_titled_when_the_book_holds_it(tmp_path: Path) -> None:
    """A review of session 52: the copy kept took its twin's title, so tripod's cNepal8,
    imported alone first (008-section-8.md), was retitled when imported again with
    allrefer's nepal10, no longer its section (E402), and nepal10 written as section 10:
    the text twice, exit 1. The copy kept is the first imported, as titled: it stays
    unchanged, and nepal10 is left out."""
    book = tmp_path / "book"
    import_pages([_folder(tmp_path, "alone", "tripod/cNepal8.txt")], book)
    both = _folder(tmp_path, "both", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    result = import_pages([both], book)
    assert {r.path.name: r.status for r in result.reports} == {
        "cNepal8.txt": "unchanged",
        "nepal10.txt": "left out",
    }
    assert not result.refused and "E402" not in {d.code for d in result.diagnostics}
    assert sorted(p.name for p in book.glob("*.md")) == ["008-section-8.md"]


def test_a_twin_imported_again_alone_is_unchanged(tmp_path: Path) -> None:
    """The same review: cNepal8 and nepal10 imported together, then cNepal8 again alone,
    unedited, was E402 (its guessed title no longer its section's): an import again is
    unchanged."""
    book = tmp_path / "book"
    both = _folder(tmp_path, "both", "tripod/cNepal8.txt", "allrefer/nepal10.txt")
    (kept,) = import_pages([both], book).written
    again = import_pages([_folder(tmp_path, "alone", "tripod/cNepal8.txt")], book)
    assert again.written == () and again.unchanged == (kept,) and not again.refused
    assert import_pages([both], book).unchanged == (kept,)


def test_the_move_hint_is_for_the_same_page_of_the_same_study(tmp_path: Path) -> None:
    """W418's hint to move a section aside and import again is for the section imported
    from this page: another study's page of the same file name (`1.htm`) is told the
    usual hint."""
    body = " ".join(f"word{i}" for i in range(80))
    page = Text(Path("belarus/1.htm"), "1.htm", runs([body]), None, country="Belarus")
    own = Text(Path("b/001-a.md"), "section 1", runs([body]), 1, "1.htm", "Belarus")
    other = Text(Path("b/001-a.md"), "section 1", runs([body]), 1, "1.htm", "Nepal")
    more = body + " " + " ".join(f"more{i}" for i in range(80))
    longer = Text(Path("b/001-a.md"), "section 1", runs([more]), 1, "1.htm", "Belarus")
    assert "imported before" in (duplicates([page], [own])[page.path][0].hint or "")
    for section in (other, longer):
        hint = duplicates([page], [section])[page.path][0].hint or ""
        assert "imported before" not in hint and hint.startswith("to keep this one instead")
