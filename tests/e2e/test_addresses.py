"""A long address in a justified paragraph, as a reader meets it: in the EPUB its text holds
`<wbr/>` at Chicago's places (its href none) and EPUBCheck is content; in print each line
that ends inside it ends at one of those places, with no hyphen added."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from octavo import api
from octavo.render.addresses import parts
from tests.conftest import DATA
from tests.support.validators import assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

URL = "https://www.loc.gov/collections/country-studies/about-this-collection/rights-and-access/?q=belarus&st=gallery"
MAIL = "reference-services.country_studies@loc.example.gov"
_PARAGRAPH = (
    "The Library of Congress keeps the country studies online; the rights statement for the "
    f"whole collection is at <{URL}>, and the same page is [{URL}]({URL}). Questions go to "
    f"<{MAIL}>.\n\n"
)


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    shutil.copytree(DATA / "constructs", book)
    profile = book / "001-profile.md"
    head, rule, body = profile.read_text().partition("---\n\n")
    profile.write_text(head + rule + _PARAGRAPH + body)
    return book


def test_an_address_breaks_at_chicagos_places_in_both_outputs(tmp_path: Path) -> None:
    book = _book(tmp_path)
    (epub, found), logged = quietly(lambda: api.build_epub(book, tmp_path / "b.epub"))
    (pdf, more), more_logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf"))
    assert [str(d) for d in (*found, *more)] == [] and [*logged, *more_logged] == []

    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/text/ch01.xhtml").decode()
    href = URL.replace("&", "&amp;")
    broken = "<wbr />".join(p.replace("&", "&amp;") for p in parts(URL))
    assert chapter.count(f'<a href="{href}"') == 2  # the href as written
    assert f'class="uri"><span class="address">{broken}</span></a>' in chapter
    assert f'<a href="{href}"><span class="address">{broken}</span></a>' in chapter
    assert "<wbr />".join(parts(MAIL)) in chapter
    assert not re.search(r'href="[^"]*<wbr', chapter)
    assert_epubcheck_clean(epub)

    # the PDF's lines: every one that ends inside the address ends at a cut of it
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = next(p for p in text.split("\f") if "keeps the country studies" in p).splitlines()
    joined, ends, at = "", set(), 0
    for line in lines:
        joined += line
        at += len(line)
        ends.add(at)
    cuts = {sum(map(len, parts(URL)[:n])) for n in range(1, len(parts(URL)))}
    start = joined.index(URL)  # whole again when the lines are joined: nothing added
    inside = {end - start for end in ends if start < end < start + len(URL)}
    assert inside and inside <= cuts
