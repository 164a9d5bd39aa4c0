"""W427: a chapter title book.toml has, kept where the import gives another."""

from __future__ import annotations

from pathlib import Path

from octavo.importers.chapter_titles import kept_titles

_TOML = """title = "Nepal: A Country Study"
country = "Nepal"

[chapters]
1 = "Introduction"
"2" = "Society"
3 = "Economy"
"""


def test_a_title_book_toml_has_is_kept_and_said_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "book.toml").write_text(_TOML, "utf-8")
    found = kept_titles(tmp_path, {1: "Historical Setting", 2: "Society", 4: "Government"})
    assert [(d.code, d.line) for d in found] == [("W427", 5)]
    assert '"Introduction" in book.toml, "Historical Setting" as imported' in found[0].message
    assert found[0].hint is not None and '1 = "Historical Setting"' in found[0].hint


def test_a_quoted_key_is_found_and_equal_titles_say_nothing(tmp_path: Path) -> None:
    (tmp_path / "book.toml").write_text(_TOML, "utf-8")
    found = kept_titles(tmp_path, {2: "La société", 3: "Economy"})
    assert [(d.code, d.line) for d in found] == [("W427", 6)]


def test_an_unreadable_book_toml_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "book.toml").write_text("[chapters\n1 = ", "utf-8")
    assert kept_titles(tmp_path, {1: "Economy"}) == []
    assert kept_titles(tmp_path / "none", {1: "Economy"}) == []
