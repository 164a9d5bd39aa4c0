"""Fuzzed bodies and titles all the way to the outputs: every EPUB member is well-formed
XHTML (and a sample passes EPUBCheck), every PDF opens."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import octavo.render.epub.book as epub_module
import octavo.render.epub.cover as cover_module
from octavo import api
from octavo.model import Manuscript
from octavo.render.manuscript import render_manuscript
from tests.conftest import ROOT
from tests.support.strategies import any_text, markdown_bodies

RENDER_COVER = cover_module.render_cover


@cache
def _default() -> Manuscript:
    return api.manuscript(ROOT / "book")[0]


@cache
def _cover() -> bytes:
    return RENDER_COVER(_default())


def _fuzzed(body: str, title: str) -> Manuscript:
    manuscript = _default()
    book = manuscript.book
    (section,) = book.sections
    changed = dataclasses.replace(section, body=body, title=title.strip() or "Untitled")
    chapter = dataclasses.replace(book.chapters[0], sections=(changed,))
    return render_manuscript(dataclasses.replace(book, chapters=(chapter,)))[0]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(markdown_bodies, st.one_of(any_text, markdown_bodies))
def test_fuzzed_epub_members_are_well_formed(
    monkeypatch: pytest.MonkeyPatch, body: str, title: str
) -> None:
    monkeypatch.setattr(epub_module, "cached_cover", lambda _m, _cache: _cover())
    data = epub_module.render_epub(_fuzzed(body, title))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                ElementTree.fromstring(archive.read(name))


HOSTILE = (
    '<b onclick="x">bold</b> & &bogus; <script>x</script> "quotes" -- ... \x0b'
    "<div>unclosed *em _under"
)


@pytest.fixture(scope="module")
def fuzzed_sample() -> bytes:
    """An EPUB from a body hypothesis draws (the same one every run) and hostile markup."""
    drawn = find(
        markdown_bodies,
        lambda body: len(body) > 40 and "<" in body,
        settings=settings(database=None, derandomize=True),
    )
    return epub_module.render_epub(_fuzzed(drawn + "\n\n" + HOSTILE, 'Title & <Tag> "q"'))


def test_a_fuzzed_sample_passes_epubcheck(fuzzed_sample: bytes, tmp_path: Path) -> None:
    from octavo.check.epub import run_epubcheck

    path = tmp_path / "fuzzed.epub"
    path.write_bytes(fuzzed_sample)
    result = run_epubcheck(path)
    assert result.messages == (), [str(m) for m in result.messages]


# Characters the book's fonts can draw: WeasyPrint warns (and prints a box) for others; turning
# that warning into an octavo diagnostic is still to do (see the closing notes).
printable = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x52F, exclude_categories=("Cs", "Cc")),
    max_size=200,
)
pdf_bodies = st.lists(
    st.one_of(
        printable,
        st.sampled_from(["<b>", "</i>", "<script>x</script>", "&amp;", "**", "\n\n", "> ", "- "]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pdf_bodies)
def test_fuzzed_pdfs_open(body: str) -> None:
    import pypdf

    from octavo.render.pdf.document import PdfOptions, render_pdf

    result = render_pdf(_fuzzed(body, "Fuzzed"), PdfOptions())
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == result.pages >= 1
