"""The figures of a book's folios (octavo.render.pdf.folio_styles)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import MakeBook, section_source

_PROBE = """
import sys
from octavo import api
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.folio_styles import Folios, folio_styles
from pathlib import Path
book = api.open_book(Path(sys.argv[1]))
folios = folio_styles(api.sources(book).manuscript()[0], PdfOptions())
assert folios == Folios(), folios
print("weasyprint" in sys.modules)
"""


def test_octavos_own_stylesheets_need_no_layout(make_book: MakeBook, tmp_path: Path) -> None:
    """A parallel build's parent asks for the folios' figures part by part; with octavo's
    own stylesheets they are known (lower-roman, decimal) without importing WeasyPrint,
    which would cost every parallel build its import (~0.3 s) and a layout."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(book)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
