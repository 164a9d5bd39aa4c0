"""Page references in the EPUB (`[](#id){.page}`): with a page list, the folio the PDF prints
on the target's page; without one, a warning (W517), fatal under --strict."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf_facts import read_pdf
from octavo.errors import BuildError
from tests.conftest import DATA
from tests.support.validators import assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

_MARKED = re.compile(
    r"\[([^\[\]]*(?:\[\]\(#[^)]+\)\{\.page\})[^\[\]]*)\]\{\.content-visible\s+when-format=\"pdf\"\}"
)


def plain_page_refs(tmp_path: Path, page_list: bool) -> Path:
    """The book of every construct, its page references' words for both outputs (their
    print-only marks taken off), with a page list or not."""
    book = tmp_path / "book"
    shutil.copytree(DATA / "constructs", book)
    for name in ("001-profile.md", "002-economy.md"):
        path = book / name
        path.write_text(_MARKED.sub(r"\1", path.read_text()))
    if page_list:
        toml = book / "book.toml"
        toml.write_text(toml.read_text().replace("numbering =", "page_list = true\nnumbering =", 1))
    return book


def test_with_a_page_list_the_epub_prints_the_printed_folio(tmp_path: Path) -> None:
    book = plain_page_refs(tmp_path, page_list=True)
    (epub, found), logged = quietly(lambda: api.build_epub(book, tmp_path / "b.epub"))
    (pdf, more), more_logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf"))
    assert [str(d) for d in (*found, *more)] == [] and [*logged, *more_logged] == []
    facts = read_pdf(pdf)
    folio = {i: facts.pages[facts.dests[i]].folio for i in ("tbl:gdp", "fig:valley", "fig:map")}
    with zipfile.ZipFile(epub) as archive:
        text = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")}
    profile, economy = text["EPUB/text/ch01.xhtml"], text["EPUB/text/ch02.xhtml"]
    assert f'#tbl:gdp" class="xref page">{folio["tbl:gdp"]}</a>' in profile
    assert f'#fig:valley" class="xref page">{folio["fig:valley"]}</a>' in economy
    assert (
        f'on page\u00a0<a href="ch03.xhtml#fig:map" class="xref page">{folio["fig:map"]}</a>'
        in economy
    )
    assert "ref-label" not in "".join(text.values())
    assert_epubcheck_clean(epub)
    # the pages are the printed book's: its title (or ISBN) is the pagination's source, not
    # the book's `source`, the web pages it came from (which have no pages)
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    title = re.search(r'<dc:title id="title">([^<]+)<', opf)
    paged = re.search(r'<dc:source id="pagination-source">([^<]+)<', opf)
    assert title and paged and paged[1] == title[1], opf
    assert '<meta refines="#pagination-source" property="source-of">pagination</meta>' in opf
    assert 'refines="#source"' not in opf


def test_without_one_each_page_reference_is_a_warning(tmp_path: Path) -> None:
    book = plain_page_refs(tmp_path, page_list=False)
    (_, found), _ = quietly(lambda: api.build_epub(book, tmp_path / "b.epub"))
    warned = [d for d in found if d.code == "W517"]
    assert [(d.file.name if d.file else "", d.line) for d in warned] == [
        ("001-profile.md", 15),
        ("002-economy.md", 16),
        ("002-economy.md", 111),
    ]
    assert "#fig:map shows 'Figure\u00a01' in the EPUB" in warned[2].message
    assert "page_list = true" in warned[0].hint
    # under --strict every problem at once, the EPUB's own with the manuscript's (a
    # broken link's W512 stopped the build first, W517 only on the next run)
    gone = book / "001-profile.md"
    gone.write_text(gone.read_text().replace("(002-economy.md)", "(009-nowhere.md)", 1))
    with pytest.raises(BuildError) as refused:
        quietly(lambda: api.build_epub(book, tmp_path / "c.epub", strict=True))
    codes = [d.code for d in refused.value.diagnostics]
    assert sorted(codes) == ["W512", "W517", "W517", "W517"]
    assert not (tmp_path / "c.epub").exists()
