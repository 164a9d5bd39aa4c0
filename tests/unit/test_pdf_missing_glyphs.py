"""Characters no font holds (W651): heard from WeasyPrint's logger, told at their lines."""

from __future__ import annotations

import logging

from octavo import api
from octavo.render.pdf.missing_glyphs import heard, missing_glyphs
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.weasyprint_log import expected_warnings


def _told(character: str) -> None:
    # WeasyPrint 70's own words (weasyprint/draw/text.py)
    logging.getLogger("weasyprint").warning(
        '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
        character,
        ord(character),
    )


def test_the_characters_weasyprint_drew_as_boxes_are_heard_once_in_order() -> None:
    with expected_warnings(), heard() as boxes:
        _told("北")
        _told("京")
        _told("北")
        logging.getLogger("weasyprint").warning("Anchor defined twice: x")
    assert list(boxes) == ["北", "京"]
    with expected_warnings():
        _told("東")  # after the block: not heard
    assert list(boxes) == ["北", "京"]


def test_each_section_is_told_at_its_first_line_holding_one(make_book: MakeBook) -> None:
    body = "Some text.\n\nPekín (北京) and 東京.\n"
    book = make_book(
        {
            "001.md": section_source(1, "Land", total=2, body=body),
            "002.md": section_source(2, "Sea ☃", total=2),
        },
        BOOK_TOML,
    )
    manuscript, _ = api.manuscript(book)
    found = missing_glyphs(manuscript, ["北", "京", "東", "☃", "\u0378"])
    assert [(d.code, d.file and d.file.name, d.line) for d in found] == [
        ("W651", "001.md", 13),  # the body's line that holds them
        ("W651", "002.md", 2),  # the title's
        ("W651", "book.toml", None),  # none of the sections': a label's, the title's
    ]
    assert "'北' (U+5317), '京' (U+4EAC), '東' (U+6771)" in found[0].message
    assert "each as an empty box" in found[0].message
    assert "'☃' (U+2603): the PDF prints it as an empty box" in found[1].message


def test_a_long_list_is_cut_short(make_book: MakeBook) -> None:
    text = "".join(chr(0x4E00 + i) for i in range(10))
    book = make_book({"001.md": section_source(1, total=1, body=text + "\n")}, BOOK_TOML)
    manuscript, _ = api.manuscript(book)
    (told,) = missing_glyphs(manuscript, list(text))
    assert told.message.count("(U+") == 6 and "and 4 more" in told.message


def test_a_part_taken_from_the_cache_tells_its_boxes_again() -> None:
    """A book laid out in parts: the part of the chapter that holds the character, taken
    from the cache after an edit elsewhere, told nothing, so the build's W651 went."""
    from octavo.render.pdf.parallel.part import PartLayout
    from octavo.render.pdf.parallel.parts_store import PartStore
    from octavo.render.pdf.parallel.started import finish

    told = '.notdef glyph rendered for Unicode string unsupported by fonts: "北" (U+5317)'
    cached = PartLayout("ch01", "key", b"%PDF", (), (), (told,))
    with expected_warnings(), heard() as boxes:
        assert finish(PartStore(None, "salt"), cached) is cached
    assert list(boxes) == ["北"]


def test_book_toml_s_characters_are_told_at_their_key_s_line(make_book: MakeBook) -> None:
    """A character of the title or the editors (the title page, a handout's header, the
    cover) was told at book.toml without a line: at its key's line now; the cover, which
    prints no section, tells of book.toml's alone (`sections=False`)."""
    toml = BOOK_TOML + 'subtitle = "Snow ☃"\neditors = ["Zhang 北"]\n'
    book = make_book({"001.md": section_source(1, "Land", total=1, body="Snow ☃.\n")}, toml)
    lines = toml.splitlines()
    subtitle = lines.index('subtitle = "Snow ☃"') + 1
    editors = lines.index('editors = ["Zhang 北"]') + 1
    manuscript, _ = api.manuscript(book)
    found = missing_glyphs(manuscript, ["☃", "北", "\u0378"])
    assert [(d.code, d.file and d.file.name, d.line) for d in found] == [
        ("W651", "001.md", 11),  # the section's line, before book.toml's
        ("W651", "book.toml", editors),
        ("W651", "book.toml", None),  # a label's: no key of its own
    ]
    cover = missing_glyphs(manuscript, ["☃", "北"], sections=False)
    assert [(d.file and d.file.name, d.line) for d in cover] == [
        ("book.toml", subtitle),
        ("book.toml", editors),
    ]
