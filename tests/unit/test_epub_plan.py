"""The EPUB plan: documents, headings and nav entries from the manuscript."""

from __future__ import annotations

from octavo import api
from octavo.render.epub.plan import plan_epub
from tests.conftest import ROOT


def test_plan_links_missing_levels_to_their_heading() -> None:
    manuscript, _ = api.manuscript(ROOT / "book")
    (chapter,) = plan_epub(manuscript).chapters
    assert [(h.level, h.id, h.section is None) for h in chapter.headings] == [
        (2, "ch08-level-1", True),
        (3, "s058-russia", False),
    ]
    (level,) = chapter.nav.children
    assert level.href == "ch08.xhtml#ch08-level-1"
    assert level.children[0].href == "ch08.xhtml#s058-russia"
    assert chapter.label == "Chapter 8"
    assert chapter.text == "Chapter 8: Government and Politics"
