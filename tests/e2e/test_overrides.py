"""A book's own templates/ and styles/ override single files of octavo's defaults."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from tests.conftest import ROOT
from tests.support.cli import invoke


def _book(tmp_path: Path) -> Path:
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    return book


def test_template_override_changes_the_epub(tmp_path: Path) -> None:
    book = _book(tmp_path)
    own = book / "templates" / "epub" / "colophon.xhtml"
    own.parent.mkdir(parents=True)
    text = (ROOT / "templates" / "epub" / "colophon.xhtml").read_text()
    own.write_text(
        text.replace(
            "{%- block body -%}", "{%- block body -%}<p>Printed for the Minsk seminar.</p>", 1
        )
    )
    out = tmp_path / "b.epub"
    result = invoke("epub", "--book", book, "--out", out)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        texts = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")]
    assert any("Printed for the Minsk seminar." in t for t in texts)
    assert not (ROOT / "build" / "b.epub").exists()


def test_style_override_changes_the_print_html(tmp_path: Path) -> None:
    book = _book(tmp_path)
    own = book / "styles" / "print" / "book.css"
    own.parent.mkdir(parents=True)
    own.write_text(
        (ROOT / "styles" / "print" / "book.css").read_text() + "\n:root { --accent: #004488; }\n"
    )
    html = tmp_path / "b.html"
    result = invoke("pdf", "--book", book, "--out", tmp_path / "b.pdf", "--html", html)
    assert result.returncode == 0, result.stderr
    assert f'href="{own.resolve().as_uri()}"' in html.read_text()
