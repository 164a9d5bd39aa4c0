"""A user's report, as the user ran it: pages imported whose text cites the study's "Table
12", and the PDF read back. The sentence must name the table as its caption does, on the
printed page, a range of tables ("Tables 3–5") as a range of the book's (tests/unit/
test_import_table_refs.py tests the import itself)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA
from tests.support.cli import invoke
from tests.support.pdf_text import page_texts


def test_the_printed_sentence_names_the_table_as_its_caption_does(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(DATA / "mentions" / "pages", pages)
    book = tmp_path / "book"
    more = ("--more", pages / "61.htm", "--more", pages / "70.htm", "--more", pages / "71.htm")
    imported = invoke("import-pages", pages / "60.htm", *more, "--book", book, "--explain")
    assert imported.returncode == 0, imported.stderr
    assert "line 5: 'Table 12' is @tbl:12, the table of this page" in imported.stdout
    assert "line 5: 'table 3' is @tbl:3, the table of 70.htm of this import" in imported.stdout
    assert "W424" not in imported.stderr
    built = invoke("pdf", "--book", book, "--out", tmp_path / "book.pdf")
    assert built.returncode == 0, built.stderr
    assert "W512" not in built.stderr
    texts = page_texts(tmp_path / "book.pdf")
    (roads,) = [t for t in texts if "The road network is shown in" in t]
    assert "The road network is shown in Table 1;" in roads and "Table 1. Roads, 1994" in roads
    assert "are mapped in Figure 1." in roads and "Figure 1. Railroads, 1994" in roads
    (aviation,) = [t for t in texts if "Belavia" in t]
    assert "(see Table 2, Appendix)" in aviation
    (appendix,) = [t for t in texts if "reported for 1994" in t]
    assert "Table 2. Population by Region, 1994" in appendix
    # page 71's range and list of the study's tables 3-5, in the book's numbers, as a range
    (output,) = [t for t in texts if "by region and by sector" in t]
    assert "Tables 2\u20134 give the figures of 1994" in output
    assert "Tables 3 and 4 give the output alone" in output and "in tables 3\u20134 too." in output
    assert "Table 3. Output by Sector, 1994" in output
