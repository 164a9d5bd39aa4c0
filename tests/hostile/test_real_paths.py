"""The sandbox's real path of a file named directly in a root is taken from the root's, not
resolved again folder by folder (octavo.sandbox._real_path): it must be the path
`os.path.realpath` gives, and a link must still be followed and judged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo.sandbox import FileRefused, check_file


@pytest.fixture
def book(tmp_path: Path) -> Path:
    real = tmp_path / "real" / "book"
    real.mkdir(parents=True)
    (real / "a.md").write_text("a")
    (real / "sub").mkdir()
    (real / "sub" / "b.md").write_text("b")
    (tmp_path / "outside.md").write_text("secret")
    (tmp_path / "named").symlink_to(real)  # the book reached through a linked folder
    return tmp_path / "named"


def test_a_file_in_a_linked_root_has_its_real_path(book: Path) -> None:
    for path in (book / "a.md", book / "sub" / "b.md"):
        assert check_file(path, (book,)) == Path(os.path.realpath(path))


def test_a_link_in_the_root_is_followed_and_judged(book: Path, tmp_path: Path) -> None:
    (book / "out.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(FileRefused) as refused:
        check_file(book / "out.md", (book,))
    assert refused.value.diagnostic.code == "E004"
    (book / "in.md").symlink_to(book / "sub" / "b.md")
    assert check_file(book / "in.md", (book,)) == Path(os.path.realpath(book / "sub" / "b.md"))


def test_a_relative_root_gives_the_real_path(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = Path("named")
    assert check_file(relative / "a.md", (relative,)) == Path(os.path.realpath(book / "a.md"))


def test_roots_given_once_as_an_iterator(book: Path) -> None:
    """`roots` may be any iterable: read once for the real path, once for the check."""
    assert check_file(book / "a.md", iter([book])) == Path(os.path.realpath(book / "a.md"))
