"""A page's table with spans, a head of two rows and a foot, imported as pandoc's grid table
(its spans kept, its cells' note call and link to another page of the import read), and
the book built and checked as `invoke check` checks it: EPUBCheck, DAISY Ace, the PDF read
back, with no warning but the partial study's."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
from lxml import etree

from octavo import api
from octavo.importers.batch import import_pages
from tests.support.weasyprint_log import quietly

OUTPUT = """<html><head><title>Belarus - Agriculture</title></head><body>
<p><a href="index.htm">Belarus Table of Contents</a></p>
<h3>Agriculture</h3>
<p>Section 60 of 81</p>
<p>Farms produced less in 1994 than in 1990, as the table shows; transport is described
under <a href="61.htm">Transportation</a>.</p>
<table border="1"><caption>Table 7. Output by Region and Farm, 1990 and 1994</caption>
<thead>
<tr><th rowspan="2">Region</th><th rowspan="2">Farm</th><th colspan="2">Output</th></tr>
<tr><th>1990</th><th>1994</th></tr>
</thead>
<tbody>
<tr><td rowspan="2">Minsk</td><td><i>Kolkhozy</i><a href="#n1">1</a></td><td>1,600</td><td>1,400</td></tr>
<tr><td>Sovkhozy</td><td>900</td><td>850</td></tr>
<tr><td rowspan="2"><a href="61.htm">Brest</a></td><td>Kolkhozy</td><td>700</td><td>640</td></tr>
<tr><td>Sovkhozy</td><td colspan="2">n.a.</td></tr>
</tbody>
<tfoot><tr><td colspan="2">Total</td><td>3,200</td><td>2,890</td></tr></tfoot>
</table>
<p><a name="n1">1</a> Collective farms.</p>
<p>Data as of June 1995</p>
</body></html>
"""
TRANSPORT = """<html><head><title>Belarus - Transportation</title></head><body>
<p><a href="index.htm">Belarus Table of Contents</a></p>
<h3>Transportation</h3>
<p>Section 61 of 81</p>
<p>Brest is the country's gate to the west, on the railroad from Moscow to Warsaw.</p>
<p>Data as of June 1995</p>
</body></html>
"""


def test_a_spanned_table_imported_builds_clean(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "60.htm").write_text(OUTPUT, encoding="utf-8")
    (pages / "61.htm").write_text(TRANSPORT, encoding="utf-8")
    book = tmp_path / "book"
    result = import_pages([pages / "60.htm", pages / "61.htm"], book)
    assert result.summary() == "2 imported, 0 unchanged, 0 refused", result.diagnostics
    assert [d for d in result.diagnostics if d.code == "W423"] == []
    section = next(book.glob("060-*.md")).read_text(encoding="utf-8")
    assert "\n| Total  " in section and "+======:+======:+" in section  # a grid table
    assert "[Brest](061-transportation.md)" in section and "*Kolkhozy*[^1]" in section

    checked, logged = quietly(lambda: api.check(book, out=tmp_path / "build"))
    assert [d.code for d in checked.found] == ["W309"] and logged == []  # 2 sections of 81
    assert "DAISY Ace: no violations" in "\n".join(checked.lines)

    with zipfile.ZipFile(checked.epub) as epub:
        name = next(n for n in epub.namelist() if n.endswith(".xhtml") and b"Minsk" in epub.read(n))
        tree = etree.fromstring(epub.read(name))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    (table,) = tree.iterfind(".//h:table", ns)
    head = table.find("h:thead", ns)
    assert [[c.get("colspan") or c.get("rowspan") for c in r] for r in head] == [
        ["2", "2", "2"],
        [None, None],
    ]
    minsk = table.find("h:tbody/h:tr/h:th", ns)
    assert (minsk.get("rowspan"), minsk.get("scope"), minsk.text) == ("2", "row", "Minsk")
    brest = table.findall("h:tbody/h:tr", ns)[2][0]
    assert brest.find("h:a", ns).get("href").endswith(".xhtml#s061-transportation")
    (total,) = table.find("h:tfoot", ns)
    assert [c.text for c in total] == ["Total", "3,200", "2,890"]

    with pdfplumber.open(checked.pdf) as document:
        page = next(p for p in document.pages if "Minsk" in (p.extract_text() or ""))
        lines = (page.extract_text() or "").splitlines()
        at = {w["text"]: w for w in page.extract_words()}
    assert "Table 1. Output by Region and Farm, 1990 and 1994" in lines
    assert "Brest Kolkhozy 700 640" in lines and "Total 3,200 2,890" in lines
    assert "Sovkhozy n.a." in lines  # once, across both years: centred between them
    middle = (at["n.a."]["x0"] + at["n.a."]["x1"]) / 2
    assert at["1990"]["x1"] < middle < at["1994"]["x0"]
