"""A class of the author's (`::: note`, `[words]{.separator}`) is the author's to style:
octavo's own rules for its notes, chapters, front matter and labels do not take it (a
`note` div was floated to the page foot as a footnote, renumbering the chapter's notes; a
`separator` span vanished from the EPUB)."""

from __future__ import annotations

from pathlib import Path

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.readers import mutool_text, need
from tests.support.weasyprint_log import quietly

CLASSES = (
    "note",
    "chapter",
    "contents",
    "separator",
    "imprint",
    "title-page",
    "half-title",
    "colophon",
    "front-division",
    "appendix",
)


def _body(classes: tuple[str, ...]) -> str:
    parts = ["First paragraph with a call.[^a]\n"]
    for name in classes:
        parts.append(f"::: {name}\nWords in a div of class {name} stay here.\n:::\n")
        parts.append(f"A span [of class {name}]{{.{name}}} in a line.\n")
    parts.append("Last paragraph with a call.[^b]\n\n[^a]: Note A.\n\n[^b]: Note B.\n")
    return "\n".join(parts)


def test_an_authors_class_is_not_one_of_octavos_own(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=_body(CLASSES))})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    need("mutool")
    epub, _ = api.build_epub(book, tmp_path / "b.epub")
    shown = " ".join(mutool_text(epub).split())
    words = [f"Words in a div of class {name} stay here." for name in CLASSES]
    spans = [f"A span of class {name} in a line." for name in CLASSES]
    assert [w for w in (*words, *spans) if w not in shown] == [], shown
    pages = page_texts(pdf)
    text = next(page for page in pages if "First paragraph" in page)
    assert [w for w in (*words, *spans) if w not in " ".join(text.split())] == [], text
    # the notes numbered as in the EPUB: the data date 1, then A and B, at the page foot
    assert "2. Note A." in text and "3. Note B." in text
    assert not any(f"{n}. Words in a div" in text for n in range(1, 9))
    make_book({"001-a.md": section_source(1, total=1, body=_body(()))})
    (bare, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "bare.pdf", jobs=1))
    assert len(pages) == len(page_texts(bare))  # no page broken, no page of its own
