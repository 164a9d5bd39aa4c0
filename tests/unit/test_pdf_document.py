"""The print HTML document: notes in their headings, the paper check, the fix cache."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinyhtml5

from octavo import api
from octavo.errors import BuildError
from octavo.render.pdf.document import PdfOptions, fixes_from_json, fixes_to_json, render_print_html
from octavo.render.pdf.notes.place import Fix


def test_print_html_has_every_note_in_its_heading(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    tree = tinyhtml5.parse(render_print_html(manuscript, PdfOptions()))
    for rs in manuscript.sections:
        heading = tree.find(f".//*[@id='{rs.id}']")
        assert heading is not None
        note = heading.find(f".//*[@id='{rs.note_id}']")
        assert note is not None and "".join(note.itertext()) == manuscript.labels.note(rs.section)


def test_unknown_paper_is_e605(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    with pytest.raises(BuildError) as caught:
        render_print_html(manuscript, PdfOptions(paper="tabloid"))
    assert [d.code for d in caught.value.diagnostics] == ["E605"]


def test_fix_cache_round_trips() -> None:
    fixes = (Fix((1, 4, 2), "keep", "note-a"), Fix((1, 5), "break", "note-b"))
    assert fixes_from_json(fixes_to_json(fixes)) == fixes
