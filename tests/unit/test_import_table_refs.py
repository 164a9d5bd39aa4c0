"""A user's report: the importer dropped a page's "Table 12." from its caption (octavo numbers
the book's tables), but the text still cited the page's number: "The road network is shown
in Table 12." was printed over a table captioned "Table 1.". Now the page's number labels
the table (`{#tbl:12}`) and the text's mention is a reference to it, which the book prints
with its own number; a mention of a table the book will not hold keeps the page's words and
is told (W424). The pages are tests/data/mentions/pages (its README says what each holds);
each book is rendered, and what a reader sees is checked: the sentence and the caption."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from octavo.importers.batch import ImportResult, import_pages
from octavo.importers.supply import Options
from octavo.model import Manuscript
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import DATA

PAGES = DATA / "mentions" / "pages"


def _import(tmp_path: Path, *names: str, strict: bool = False) -> ImportResult:
    """Import the named pages (saved beside map.gif) into tmp_path/book."""
    saved = tmp_path / "saved"
    saved.mkdir(exist_ok=True)
    for name in (*names, "map.gif"):
        shutil.copy(PAGES / name, saved / name)
    given = [saved / name for name in names]
    return import_pages(given, tmp_path / "book", options=Options(strict=strict))


def _body(tmp_path: Path, stem: str) -> str:
    (found,) = (tmp_path / "book").glob(f"{stem}-*.md")
    return found.read_text(encoding="utf-8").split("---\n", 2)[2]


def _rendered(tmp_path: Path) -> tuple[Manuscript, list[str]]:
    book, found = read_book(tmp_path / "book")
    assert book is not None, found
    manuscript, more = render_manuscript(book)
    return manuscript, [d.code for d in (*found, *more)]


def _text(manuscript: Manuscript, sequence: int) -> str:
    """A section's body as a reader reads it: the words of its HTML, spaces made one."""
    (section,) = [
        s for c in manuscript.chapters for s in c.sections if s.section.sequence == sequence
    ]
    words = re.sub(r"<[^>]+>", "", section.body_html).replace("\u00a0", " ")
    return " ".join(words.split())


def _codes(result: ImportResult) -> list[tuple[str, str, int | None]]:
    """Each diagnostic's code, file name and line, but W408's (the pages name no chapter)."""
    return [
        (d.code, Path(d.file).name if d.file else "", d.line)
        for d in result.diagnostics
        if d.code != "W408"
    ]


def test_a_page_cites_its_own_table_and_figure(tmp_path: Path) -> None:
    """The user's case: the sentence and the caption agree. The Appendix's table 3, which
    the import lacks, keeps the page's words, told at its line (W424)."""
    result = _import(tmp_path, "60.htm")
    assert result.summary() == "1 imported, 0 unchanged, 0 refused"
    assert _codes(result) == [("W424", "60.htm", 12)]
    body = _body(tmp_path, "060")
    assert "The road network is shown in @tbl:12; the railroads" in body
    assert "are mapped in @fig:8.\n" in body
    assert "Table: Roads, 1994 {#tbl:12}\n" in body
    assert "![Railroads, 1994](images/60-map.gif){#fig:8}\n" in body
    assert "(see @fig:8), and the population they serve is given by region in table 3" in body
    manuscript, codes = _rendered(tmp_path)
    text = _text(manuscript, 60)
    assert "The road network is shown in Table 1; the railroads" in text
    assert "are mapped in Figure 1." in text and "(see Figure 1)" in text
    assert "Table 1. Roads, 1994" in text and "Figure 1. Railroads, 1994" in text
    assert "in table 3 of the Appendix" in text
    assert "W512" not in codes
    (report,) = result.reports
    assert "line 5: 'Table 12' is @tbl:12, the table of this page" in report.reasons
    assert "line 12: 'fig. 8' is @fig:8, the figure of this page" in report.reasons


def test_a_page_cites_another_page_s_table_of_the_import(tmp_path: Path) -> None:
    """Page 61 cites the Appendix's table 3, which page 70 of the same import holds (titled
    by a bold line over it, not a <caption>); with page 60's table 12 before it, the book
    numbers it Table 2, and the sentence says so."""
    result = _import(tmp_path, "60.htm", "61.htm", "70.htm")
    assert result.summary() == "3 imported, 0 unchanged, 0 refused"
    assert _codes(result) == []  # page 60's table 3 is in the import now
    assert "the region (see @tbl:3, Appendix).\n" in _body(tmp_path, "061")
    assert "Table: Population by Region, 1994 {#tbl:3}\n" in _body(tmp_path, "070")
    assert "**Table 3" not in _body(tmp_path, "070")
    manuscript, codes = _rendered(tmp_path)
    assert "the region (see Table 2, Appendix)." in _text(manuscript, 61)
    assert "Table 2. Population by Region, 1994" in _text(manuscript, 70)
    assert "by region in Table 2 of the Appendix" in _text(manuscript, 60)
    assert "W512" not in codes
    reasons = next(r for r in result.reports if r.path.name == "61.htm").reasons
    assert "line 5: 'table 3' is @tbl:3, the table of 70.htm of this import" in reasons
    reasons = next(r for r in result.reports if r.path.name == "70.htm").reasons
    assert "line 6: 'Table 3. Population by Region, 1994' over a table is its caption" in reasons


def test_a_range_and_a_list_of_tables_the_book_holds_are_cited(tmp_path: Path) -> None:
    """Page 71 cites "Tables 3–5" (its own 4 and 5, and the Appendix's 3 on page 70),
    "tables 4-5" and "Tables 4 and 5": each number its reference without its word
    (pandoc-crossref's `[-@tbl:4]`), the page's words around them, so the book prints its
    own numbers as the page wrote the study's: "Tables 1–3". Importing again changes no
    byte. Without page 70 the range keeps its words and its table 3 is told (W424)."""
    result = _import(tmp_path, "70.htm", "71.htm")
    assert result.summary() == "2 imported, 0 unchanged, 0 refused"
    assert _codes(result) == []
    body = _body(tmp_path, "071")
    assert "Tables [-@tbl:3]\u2013[-@tbl:5] give the figures" in body
    assert "Tables [-@tbl:4] and [-@tbl:5] give the output alone" in body
    assert "in tables [-@tbl:4]\u2013[-@tbl:5] too." in body
    manuscript, codes = _rendered(tmp_path)
    text = _text(manuscript, 71)
    assert "Tables 1\u20133 give the figures of 1994" in text
    assert "Tables 2 and 3 give the output alone" in text and "in tables 2\u20133 too." in text
    assert "Table 2. Output by Sector, 1994" in text and "Table 3. Output by Region" in text
    assert "W512" not in codes
    reasons = next(r for r in result.reports if r.path.name == "71.htm").reasons
    assert "line 5: 'Table 3' is @tbl:3, the table of 70.htm of this import" in reasons
    assert "line 5: 'Table 5' is @tbl:5, the table of this page" in reasons
    files = {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir() if p.is_file()}
    again = _import(tmp_path, "70.htm", "71.htm")
    assert again.summary() == "0 imported, 2 unchanged, 0 refused"
    assert {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir() if p.is_file()} == (files)
    (tmp_path / "alone").mkdir()
    alone = _import(tmp_path / "alone", "71.htm")
    assert _codes(alone) == [("W424", "71.htm", 5)]
    assert "Tables 3\u20135 give the figures" in _body(tmp_path / "alone", "071")
    (told,) = [d for d in alone.diagnostics if d.code == "W424"]
    assert "cites 'Table 3'" in told.message


def test_a_partial_import_keeps_the_words_of_a_table_it_lacks(tmp_path: Path) -> None:
    """No reference that would not resolve (W512 at the build): the page's words, told."""
    result = _import(tmp_path, "61.htm")
    assert result.summary() == "1 imported, 0 unchanged, 0 refused"
    assert _codes(result) == [("W424", "61.htm", 5)]
    assert "the region (see table 3, Appendix).\n" in _body(tmp_path, "061")
    manuscript, codes = _rendered(tmp_path)
    assert "the region (see table 3, Appendix)." in _text(manuscript, 61)
    assert "W512" not in codes and manuscript.lists == ()


def test_strict_refuses_a_page_citing_a_table_the_book_lacks(tmp_path: Path) -> None:
    result = _import(tmp_path, "61.htm", strict=True)
    assert [code for code, _, _ in _codes(result)] == ["W424", "E411"]


def test_a_table_the_book_holds_already_is_cited(tmp_path: Path) -> None:
    """The Appendix imported first: a later import's page names its table."""
    _import(tmp_path, "70.htm")
    result = _import(tmp_path, "61.htm")
    assert _codes(result) == []
    assert "(see @tbl:3, Appendix)" in _body(tmp_path, "061")
    reasons = result.reports[0].reasons
    assert "line 5: 'table 3' is @tbl:3, the table of 070-appendix.md in the book" in reasons


def test_importing_the_cited_table_later_tells_and_mends_the_section(tmp_path: Path) -> None:
    """Page 61 imported alone keeps 'table 3'; importing the Appendix later tells it at the
    section's line (W425: the book now numbers that table otherwise); importing both again
    names the table without --force (the section differs from a new import only in what
    the book held), and again changes no byte."""
    _import(tmp_path, "61.htm")
    later = _import(tmp_path, "70.htm")
    assert _codes(later) == [("W425", "061-civil-aviation.md", 13)]
    both = _import(tmp_path, "61.htm", "70.htm")
    assert both.summary() == "1 imported, 1 unchanged, 0 refused", both.diagnostics
    assert _codes(both) == []
    assert "(see @tbl:3, Appendix)" in _body(tmp_path, "061")
    files = {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir() if p.is_file()}
    again = _import(tmp_path, "61.htm", "70.htm")
    assert again.summary() == "0 imported, 2 unchanged, 0 refused"
    assert {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir() if p.is_file()} == (files)


def test_a_section_citing_a_range_is_mended_as_imported(tmp_path: Path) -> None:
    """Page 61, citing "Tables 3–5" and "tables 3 through 5" (page 70's 3, page 71's 4 and
    5) and the road table 12 of page 60, imported without page 60: its range is written
    by its ends alone. Imported again with page 60, it is replaced without --force: the
    range's middle, table 4, is read from its ends (it was E402: the section's text named
    4 nowhere, so the range read from it lacked it)."""
    saved = tmp_path / "saved"
    saved.mkdir()
    for name in ("60.htm", "70.htm", "71.htm", "map.gif"):
        shutil.copy(PAGES / name, saved / name)
    cites = "(see Tables 3&ndash;5 and tables 3 through 5, Appendix, and table 12)"
    page = (PAGES / "61.htm").read_text(encoding="utf-8").replace("(see table 3, Appendix)", cites)
    (saved / "61.htm").write_text(page, encoding="utf-8")
    first = import_pages([saved / n for n in ("61.htm", "70.htm", "71.htm")], tmp_path / "book")
    assert _codes(first) == [("W424", "61.htm", 5)]  # table 12
    written = "Tables [-@tbl:3]\u2013[-@tbl:5] and tables [-@tbl:3] through [-@tbl:5]"
    assert written in _body(tmp_path, "061")
    both = import_pages([saved / "61.htm", saved / "60.htm"], tmp_path / "book")
    assert both.summary() == "2 imported, 0 unchanged, 0 refused", both.diagnostics
    assert f"{written}, Appendix, and @tbl:12)" in _body(tmp_path, "061")


def test_a_section_edited_by_hand_is_still_protected(tmp_path: Path) -> None:
    _import(tmp_path, "61.htm")
    (section,) = (tmp_path / "book").glob("061-*.md")
    section.write_text(section.read_text().replace("Belavia", "Belavia (national)"))
    result = _import(tmp_path, "61.htm", "70.htm")
    assert [code for code, _, _ in _codes(result)] == ["E402", "W425"]
    assert "Belavia (national)" in section.read_text()


@pytest.mark.parametrize(
    ("edit", "cited"),
    [
        pytest.param((" {#tbl:3}", ""), "(see table 3, Appendix)", id="its-label-removed"),
        pytest.param(("by Region", "of the Regions"), "(see @tbl:3, Appendix)", id="kept"),
    ],
)
def test_a_refused_page_s_table_is_cited_only_where_its_section_keeps_it(
    tmp_path: Path, edit: tuple[str, str], cited: str
) -> None:
    """The Appendix's section edited by hand is refused (E402): its page writes nothing,
    so page 61 names table 3 only if the section in the book still labels it; never a
    reference to a label no file holds."""
    _import(tmp_path, "70.htm")
    (appendix,) = (tmp_path / "book").glob("070-*.md")
    appendix.write_text(appendix.read_text().replace(*edit))
    result = _import(tmp_path, "61.htm", "70.htm")
    assert "E402" in [d.code for d in result.diagnostics]
    assert cited in _body(tmp_path, "061")
    _, codes = _rendered(tmp_path)
    assert "W512" not in codes


def test_two_studies_tables_of_one_number_are_each_their_study_s(tmp_path: Path) -> None:
    """Belarus's and Moldova's "Table 12" (a volume of two studies): two labels, each
    page's text naming its own study's table, and no id given twice (E513)."""
    result = _import(tmp_path, "60.htm", "75.htm")
    assert result.summary() == "2 imported, 0 unchanged, 0 refused"
    assert "Table: Roads, 1994 {#tbl:12}" in _body(tmp_path, "060")
    assert "Table: Roads, 1994 {#tbl:moldova-12}" in _body(tmp_path, "075")
    assert "given in @tbl:moldova-12," in _body(tmp_path, "075")
    manuscript, codes = _rendered(tmp_path)
    assert "E513" not in codes and "W512" not in codes
    assert "their lengths are given in Table 2," in _text(manuscript, 75)
    assert "The road network is shown in Table 1;" in _text(manuscript, 60)
