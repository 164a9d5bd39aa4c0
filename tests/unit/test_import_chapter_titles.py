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


def test_titles_are_read_as_the_build_reads_them(tmp_path: Path) -> None:
    """ "01" is chapter 1, a title is read stripped (a reviewer's cases)."""
    toml = '[chapters]\n"01" = "Introduction "\n2 = "Society"\n'
    (tmp_path / "book.toml").write_text(toml, "utf-8")
    assert kept_titles(tmp_path, {1: "Introduction", 2: " Society"}) == []
    found = kept_titles(tmp_path, {1: "Historical Setting"})
    assert [(d.code, d.line) for d in found] == [("W427", 2)]


def test_a_title_with_a_backslash_is_added_as_written(tmp_path: Path) -> None:
    """A chapter title added to book.toml's [chapters] went through re.sub's replacement,
    which read its backslashes as escapes (book.toml no longer parsed; a control
    character's \\u escape stopped the import with a traceback)."""
    import tomllib

    from octavo.importers.section import _add_chapters

    (tmp_path / "book.toml").write_text('title = "T"\n\n[chapters]\n1 = "One"\n', "utf-8")
    assert _add_chapters(tmp_path / "book.toml", {2: "Foreign\\Relations", 3: "Tab\there"})
    read = tomllib.loads((tmp_path / "book.toml").read_text("utf-8"))
    assert read["chapters"] == {"1": "One", "2": "Foreign\\Relations", "3": "Tab\there"}
