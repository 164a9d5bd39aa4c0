"""The sandbox's real path of a file named directly in a root is taken from the root's, not
resolved again folder by folder (octavo.sandbox._real_path): it must be the path
`os.path.realpath` gives, and a link must still be followed and judged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo.sandbox import FileRefused, check_file, forget_roots


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


def test_a_linked_root_pointed_elsewhere_is_resolved_again(book: Path, tmp_path: Path) -> None:
    """A long-lived process (`invoke watch`) builds again after the linked book folder was
    pointed at another: each build resolves the roots anew (forget_roots, as Sources
    does), so a file under a subfolder of the new target is not refused as outside."""
    assert check_file(book / "sub" / "b.md", (book,)).is_relative_to(tmp_path / "real")
    other = tmp_path / "other" / "book"
    (other / "sub").mkdir(parents=True)
    (other / "sub" / "b.md").write_text("b, elsewhere")
    book.unlink()
    book.symlink_to(other)
    forget_roots()
    assert check_file(book / "sub" / "b.md", (book,)) == other.resolve() / "sub" / "b.md"


def test_each_command_resolves_the_book_folder_anew(tmp_path: Path) -> None:
    """One command's book (Sources, or one pass of `invoke watch`) is the folder the link
    names now: the book now linked is read whole, its subfolder's section too."""
    import shutil

    from octavo.api.opened import Sources

    shipped = Path(__file__).parents[2] / "book"
    named = tmp_path / "named"
    for name in ("one", "two"):
        real = tmp_path / name
        (real / "08-foreign-relations").mkdir(parents=True)
        shutil.copy(shipped / "book.toml", real / "book.toml")
        text = (shipped / "058-russia.md").read_text(encoding="utf-8")
        (real / "08-foreign-relations" / "058-russia.md").write_text(
            text.replace("Russia", f"Russia {name}"), encoding="utf-8"
        )
    named.symlink_to(tmp_path / "one")
    book, found = Sources(named).read()
    assert book is not None and "Russia one" in book.sections[0].body, found
    named.unlink()
    named.symlink_to(tmp_path / "two")
    book, found = Sources(named).read()
    assert book is not None and "Russia two" in book.sections[0].body, found
