"""A note called in a raw HTML table's cell (octavo.render.table_calls), read back from the
outputs: in the PDF the note is at the foot of the page of its call, numbered with the
text's; in the EPUB the call is a noteref to its footnote, which links back to it. The
table is the one tests/unit/test_table_calls.py imports from a page and writes again as
W423's hint says, with its spans; "[^2]" was printed in its cell and the note left out."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
from lxml import etree

from octavo import api
from octavo.check.pdf import check_book_pdf
from tests.conftest import MakeBook, section_source
from tests.support.validators import assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

FILLER = (
    "The oblasts of the republic differ in how many of their people live in towns, and "
    "the census of 1989 counted them by the place each person lived in that January. "
) * 4
BODY = f"""The population of Belarus in 1994 was about 10.4 million people.[^1]

{(FILLER.strip() + chr(10) + chr(10)) * 9}<table>
<tr><th>Region</th><th>Urban</th><th>Rural</th></tr>
<tr><td>Minsk[^2]</td><td rowspan="2" align="right">1,600</td><td align="right">400</td></tr>
<tr><td colspan="3">Brest[^3]</td></tr>
</table>

Table: Population by Region, 1989 (in thousands) {{#tbl:5}}

[^1]: Estimate of the Ministry of Statistics.

[^2]: The city of Minsk, without its oblast.

[^3]: Brest Oblast as a whole.
"""
# the data-date note is the section's first: the text's note is 2, the cells' 3 and 4
CELLS = {
    "Minsk3": "3. The city of Minsk, without its oblast.",
    "Brest4": "4. Brest Oblast as a whole.",
}
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def _book(make_book: MakeBook) -> Path:
    return make_book({"001-a.md": section_source(1, "Population", total=1, body=BODY)})


def test_a_table_cell_s_note_is_on_the_page_of_its_call(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    (pdf, found), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == [] and not [d for d in found if d.code in ("W510", "W511")]
    with pdfplumber.open(pdf) as document:
        pages = [(p.extract_text() or "").splitlines() for p in document.pages]
    first = next(n for n, lines in enumerate(pages) if any("10.4 million" in x for x in lines))
    assert "2. Estimate of the Ministry of Statistics." in pages[first]
    for cell, note in CELLS.items():
        (page,) = [n for n, lines in enumerate(pages) if any(cell in x for x in lines)]
        assert page > first  # the table on a later page than the text's note
        assert note in pages[page], (cell, pages[page])
    assert not any("[^" in line for lines in pages for line in lines)
    rendered, _ = api.manuscript(book)
    assert [str(d) for d in check_book_pdf(pdf, rendered)] == []


def test_a_table_cell_s_call_is_a_noteref_in_the_epub(make_book: MakeBook, tmp_path: Path) -> None:
    book = _book(make_book)
    epub, found = api.build_epub(book, tmp_path / "b.epub")
    assert not [d for d in found if d.code in ("W510", "W511")]
    with zipfile.ZipFile(epub) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith("ch01.xhtml")]
        doc = etree.fromstring(archive.read(name))
    calls = doc.xpath("//x:td/x:a[@epub:type='noteref']", namespaces=NS)
    assert [(a.getparent().text, a.text) for a in calls] == [("Minsk", "3"), ("Brest", "4")]
    for call, note in zip(calls, CELLS.values(), strict=True):
        assert call.get("role") == "doc-noteref"
        (aside,) = doc.xpath(f"//x:aside[@id='{call.get('href')[1:]}']", namespaces=NS)
        assert aside.get("{http://www.idpf.org/2007/ops}type") == "footnote"
        (back,) = aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
        assert back.get("href") == f"#{call.get('id')}"
        assert note.split(". ", 1)[1] in "".join(aside.itertext())
    assert_epubcheck_clean(epub)
