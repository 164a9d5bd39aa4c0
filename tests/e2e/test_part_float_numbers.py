"""`numbering = "chapter"` in a volume of parts (review47c C3): chapters are numbered per
part, so a table's number names its part too ("Table II.1.1"); the caption, the references
and the list of tables say the same number, in the EPUB and in the PDF."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from octavo import api
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.validators import assert_epubcheck_clean

TABLE = "| a |\n|---|\n| 1 |\n\nTable: {caption} table {{#tbl:{label}}}\n"
NUMBERS = {"b1": "I.1.1", "mp": "II.1", "m1": "II.1.1", "m2": "II.2.1"}


def _book(make_book: MakeBook) -> Path:
    def one(n: int, country: str, title: str, chapter: int, label: str, extra: str = "") -> str:
        refs = "See @tbl:b1, @tbl:mp, @tbl:m1 and @tbl:m2.\n\n" if n == 1 else ""
        body = refs + TABLE.format(caption=f"{country} {title}", label=label)
        text = section_source(n, title, chapter=chapter, total=4, body=body, extra=extra)
        return text.replace("country: Testland", f"country: {country}")

    files: dict[str, str | bytes] = {
        "001-a.md": one(1, "Belarus", "Trade", 1, "b1"),
        "002-b.md": one(2, "Moldova", "Profile", 0, "mp", "kind: profile\n"),
        "003-c.md": one(3, "Moldova", "Trade", 1, "m1"),
        "004-d.md": one(4, "Moldova", "Roads", 2, "m2"),
    }
    toml = BOOK_TOML + 'numbering = "chapter"\nparts = ["Belarus", "Moldova"]\n'
    return make_book(files, toml)


def test_a_volume_s_tables_are_numbered_with_their_part(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = _book(make_book)
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    with zipfile.ZipFile(epub) as archive:
        text = {
            n.rsplit("/", 1)[1]: archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("EPUB/text/")
        }
    captions = {
        m[1]: m[2]
        for m in re.finditer(
            r'id="tbl:(\w+)".*?Table\u00a0([IVX.\d]*[\d])', "".join(text.values()), re.S
        )
    }
    assert captions == NUMBERS, captions
    listed = re.findall(r'href="[^"]*#tbl:(\w+)">Table\u00a0([IVX.\d]*[\d])', text["nav.xhtml"])
    assert dict(listed) == NUMBERS, listed
    refs = re.findall(
        r'href="[^"]*#tbl:(\w+)"[^>]*>Table\u00a0([IVX.\d]*[\d])</a>', text["p1-ch01.xhtml"]
    )
    assert dict(refs) == NUMBERS, refs
    assert_epubcheck_clean(epub)
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf")
    pages = page_texts(pdf)
    whole = "\n".join(pages)
    for number in NUMBERS.values():  # its caption, its line in the list of tables
        assert len(re.findall(rf"Table {re.escape(number)}\. ", whole)) >= 2, number
    assert "See Table I.1.1, Table II.1, Table II.1.1 and Table II.2.1." in whole
    assert "Table 1.1" not in whole
