"""Big and hostile inputs either build or fail with a clear, located message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from octavo.render.manuscript import render_manuscript
from octavo.source.frontmatter import FrontMatterError, split_front_matter
from octavo.source.sections import read_book
from tests.conftest import section_source

YAML_BOMB = "\n".join(
    [
        "---",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},"
            f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
            for i in range(8)
        ),
        "---",
        "body",
    ]
)


def _render(make_book, **kwargs: Any) -> tuple[object, list[str]]:  # type: ignore[no-untyped-def]
    book, found = read_book(make_book({"001-a.md": section_source(1, total=1, **kwargs)}))
    codes = [d.code for d in found]
    if book is None:
        return None, codes
    manuscript, problems = render_manuscript(book)
    return manuscript, codes + [d.code for d in problems]


def test_five_megabyte_section_builds(make_book) -> None:  # type: ignore[no-untyped-def]
    paragraph = "word " * 400
    body = "\n\n".join([paragraph] * (5_000_000 // len(paragraph)))
    manuscript, codes = _render(make_book, body=body)
    assert manuscript is not None and codes == []


def test_oversized_section_is_refused_with_its_name(make_book) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1, body="y " * 4_500_000)})
    _, found = read_book(book)
    assert [(d.code, Path(d.file or "").name) for d in found][0] == ("E003", "001-a.md")


def test_ten_thousand_character_title(make_book) -> None:  # type: ignore[no-untyped-def]
    manuscript, codes = _render(make_book, title="T" * 10_000)
    assert manuscript is not None and codes == []


def test_megabyte_line_without_spaces(make_book) -> None:  # type: ignore[no-untyped-def]
    manuscript, codes = _render(make_book, body="x" * 1_000_000)
    assert manuscript is not None and codes == []


def test_yaml_bomb_is_refused() -> None:
    try:
        split_front_matter(YAML_BOMB)
    except FrontMatterError as exc:
        assert (exc.code, exc.line) == ("E203", 2)
    else:
        raise AssertionError("a YAML bomb was loaded")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param("---\ntitle: &t Trade\ncountry: *t\n---\n", 2, id="anchor-and-alias"),
        pytest.param("---\ntitle: Trade\nparents: [*t]\n---\n", 3, id="alias-alone"),
        pytest.param('---\ntitle: "Trade & Industry"\nnote: 2 * 3\n---\n', 0, id="plain-text"),
    ],
)
def test_only_an_anchor_or_alias_is_refused(source: str, line: int) -> None:
    """The second parse that looks for anchors runs only when the text has & or *."""
    if not line:
        assert split_front_matter(source).data["title"] == "Trade & Industry"
        return
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(source)
    assert (caught.value.code, caught.value.line) == ("E203", line)


@pytest.mark.slow
def test_two_thousand_sections_assemble(tmp_path: Path) -> None:
    from octavo.dev.gen import generate_study

    book, found = read_book(generate_study(tmp_path / "big", 2000, words=40))
    assert book is not None and len(book.sections) == 2000
    assert [d.code for d in found] == []


def test_symlink_leaving_the_book_is_not_read(make_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.md"
    secret.write_text(section_source(2, total=2, body="SECRET\n"))
    book = make_book({"001-a.md": section_source(1, total=2)})
    (book / "002-link.md").symlink_to(secret)
    loaded, found = read_book(book)
    assert "E004" in [d.code for d in found]
    assert loaded is None or all("SECRET" not in s.body for s in loaded.sections)
