"""Issue 16 item 22: two books of one title never overwrite each other's build/<slug>.*
(E124); `invoke all` tells the paths it did write when a book fails, and names --books."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from tests.conftest import BOOK_TOML, section_source


def _book(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "book.toml").write_text(BOOK_TOML)
    (folder / "001-a.md").write_text(section_source(1, total=1, body=body))
    return folder


def test_a_second_book_of_the_same_title_does_not_replace_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = _book(tmp_path / "one", "The first book.\n")
    second = _book(tmp_path / "two", "The second book.\n")
    epub, _ = api.build_epub(first)
    before = epub.read_bytes()
    with pytest.raises(BuildError) as caught:
        api.build_epub(second)
    assert [d.code for d in caught.value.diagnostics] == ["E124"]
    assert epub.read_bytes() == before
    again, _ = api.build_epub(first)  # the book that owns it still rebuilds
    assert again == epub


def test_invoke_all_tells_what_it_wrote_when_a_book_fails(tmp_path: Path) -> None:
    good = _book(tmp_path / "good", "Fine.\n")
    bad = _book(tmp_path / "bad", "Fine.\n")
    (bad / "001-a.md").write_text(section_source(1, total=1, date='"0000-01"'))
    with pytest.raises(BuildError) as caught:
        api.build_all([good, bad, tmp_path / "missing"], tmp_path / "out", jobs=1)
    codes = [d.code for d in caught.value.diagnostics]
    assert "E207" in codes and "E100" in codes
    missing = next(d for d in caught.value.diagnostics if d.code == "E100")
    assert "--books" in missing.hint
    assert sorted(p.suffix for p in caught.value.written) == [".epub", ".pdf"]
    assert all(p.is_file() for p in caught.value.written)
    assert os.path.isdir(tmp_path / "out")


def test_a_books_book_toml_given_to_all_names_its_folder(tmp_path: Path) -> None:
    """`invoke all --books book/book.toml` was "book folder not found", where `invoke epub
    --book book/book.toml` says "the book folder is a file" and names the folder meant."""
    good = _book(tmp_path / "good", "Fine.\n")
    with pytest.raises(BuildError) as caught:
        api.build_all([good / "book.toml"], tmp_path / "out", jobs=1)
    (told,) = caught.value.diagnostics
    assert told.code == "E100" and "is a file" in told.message and str(good) in told.hint


def test_invoke_all_tells_each_books_warnings(tmp_path: Path) -> None:
    """A warning of one book (W208, an unknown field) is told by `invoke all` as by `invoke
    epub` and `invoke pdf`, once: it was dropped, and the books built without a word."""
    good = _book(tmp_path / "good", "Fine.\n")
    odd = _book(tmp_path / "odd", "Fine.\n")
    (odd / "001-a.md").write_text(section_source(1, total=1, extra="colour: red\n"))
    (odd / "book.toml").write_text(BOOK_TOML.replace("123456789abc", "123456789abd"))
    written, found = api.build_all([good, odd], tmp_path / "out", jobs=1)
    assert len(written) == 4
    assert [d.code for d in found] == ["W208"]
    assert found[0].file is not None and found[0].file.name == "001-a.md"


def test_a_second_book_of_the_same_title_does_not_replace_the_first_cover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build/<slug>-cover.pdf is a default output like build/<slug>.pdf: E124, as for them,
    where the second book's cover replaced the first's without a word."""
    monkeypatch.chdir(tmp_path)
    first = _book(tmp_path / "one", "The first book.\n")
    second = _book(tmp_path / "two", "The second book.\n")
    cover, _ = api.build_cover(first, pages=120)
    before = cover.read_bytes()
    with pytest.raises(BuildError) as caught:
        api.build_cover(second, pages=300)
    assert [d.code for d in caught.value.diagnostics] == ["E124"]
    assert cover.read_bytes() == before
    again, _ = api.build_cover(first, pages=120)  # the book that owns it still rebuilds
    assert again == cover


def test_a_second_book_of_the_same_title_does_not_write_into_the_first_handouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build/handouts/<slug>/ is a default output like build/<slug>.pdf: E124, where the
    second book's handouts replaced the first's (of the same names) without a word."""
    monkeypatch.chdir(tmp_path)
    first = _book(tmp_path / "one", "The first book.\n")
    second = _book(tmp_path / "two", "The second book.\n")
    (handout,), _, _ = api.build_handouts(first)
    before = handout.read_bytes()
    with pytest.raises(BuildError) as caught:
        api.build_handouts(second)
    assert [d.code for d in caught.value.diagnostics] == ["E124"]
    assert handout.read_bytes() == before
    again, _, _ = api.build_handouts(first)  # the book that owns them still rebuilds
    assert again == (handout,)


def test_a_book_that_links_to_itself_is_e100(tmp_path: Path) -> None:
    """`invoke all --books loop`, `loop` a link to itself: the books' output names asked
    Path.resolve(), whose RuntimeError ("Symlink loop") was a traceback."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(BuildError) as caught:
        api.build_all([loop], tmp_path / "out", jobs=1)
    assert [d.code for d in caught.value.diagnostics] == ["E100"]


def test_a_book_moved_to_another_folder_keeps_its_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user-tester's report: `mv belarus belarus_moved && invoke epub --book
    belarus_moved` was E124, "holds the output of another book (…/belarus)", for the same
    book (its identifier) whose old folder was gone. A book's stamp records its
    identifier; the same identifier and no book left in the old folder is this book."""
    monkeypatch.chdir(tmp_path)
    first = _book(tmp_path / "belarus", "The first book.\n")
    epub, _ = api.build_epub(first)
    (handout,), _, _ = api.build_handouts(first)
    moved = first.rename(tmp_path / "belarus_moved")
    (moved / "001-a.md").write_text(section_source(1, total=1, body="Moved.\n"))
    again, _ = api.build_epub(moved)
    assert again == epub
    (written,), _, _ = api.build_handouts(moved)
    assert written == handout


def test_a_copy_or_a_book_gone_is_told_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One identifier in two folders is two copies that may differ: still E124, saying a
    copy wrote it; another book (another identifier) whose folder is gone: E124, its hint
    to delete the file if it is not wanted (a second title would not help)."""
    monkeypatch.chdir(tmp_path)
    first = _book(tmp_path / "one", "The first book.\n")
    epub, _ = api.build_epub(first)
    copy = _book(tmp_path / "copy", "The copy.\n")
    with pytest.raises(BuildError) as caught:
        api.build_epub(copy)
    (told,) = caught.value.diagnostics
    assert (told.code, str(first) in told.message) == ("E124", True)
    assert "a copy of this book" in told.message and "delete the copy" in told.hint
    other = tmp_path / "other"
    other.mkdir()
    toml = BOOK_TOML.replace("12345678-1234-5678-9abc-123456789abc", str(uuid.uuid4()))
    (other / "book.toml").write_text(toml)
    (other / "001-a.md").write_text(section_source(1, total=1, body="Another.\n"))
    for gone in (first, copy):
        for name in os.listdir(gone):
            os.unlink(gone / name)
        gone.rmdir()
    before = epub.read_bytes()
    with pytest.raises(BuildError) as caught:
        api.build_epub(other)
    (told,) = caught.value.diagnostics
    assert told.code == "E124" and "no book there now" in told.message
    assert told.hint == f"delete {epub} if that book's output is not wanted, or pass --out"
    assert epub.read_bytes() == before


def test_invoke_all_names_outputs_as_a_single_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user-tester's report: `invoke all` wrote madagascar.epub (the folder's name),
    `invoke epub` madagascar-et-les-comores-etude-de-pays.epub (the title's slug, as the
    README documents every output). Each book's folder in OUT keeps two books of one
    title apart; the files in it are named by the slug."""
    monkeypatch.chdir(tmp_path)
    toml = BOOK_TOML.replace("Testland: A Country Study", "Madagascar et les Comores")
    book = _book(tmp_path / "studies" / "madagascar", "Une île.\n")
    (book / "book.toml").write_text(toml)
    twin = _book(tmp_path / "old" / "madagascar", "Une autre.\n")
    (twin / "book.toml").write_text(toml)
    single, _ = api.build_epub(book)
    assert single == Path("build/madagascar-et-les-comores.epub")
    written, _ = api.build_all([book, twin], tmp_path / "all", jobs=1)
    assert sorted(str(p.relative_to(tmp_path / "all")) for p in written) == [
        "old-madagascar/madagascar-et-les-comores.epub",
        "old-madagascar/madagascar-et-les-comores.pdf",
        "studies-madagascar/madagascar-et-les-comores.epub",
        "studies-madagascar/madagascar-et-les-comores.pdf",
    ]
