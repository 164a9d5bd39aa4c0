"""Issue 16 items 3-4: an output never harms an input: --out/--html inside the book or onto a
source is refused (E120), an existing --out that is not a regular file is refused (E121)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from tests.conftest import MakeBook, section_source
from tests.support.cli import invoke


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book({"058-russia.md": section_source(1, total=1)})


def _codes(action: Callable[[], object]) -> list[str]:
    with pytest.raises(BuildError) as caught:
        action()
    return [d.code for d in caught.value.diagnostics]


def _snapshot(book: Path) -> dict[str, bytes]:
    return {str(p.relative_to(book)): p.read_bytes() for p in book.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ["058-russia.md", "book.toml", "new.pdf", "sub/new.pdf"])
def test_pdf_out_inside_the_book_is_refused(book: Path, name: str) -> None:
    before = _snapshot(book)
    assert _codes(lambda: api.build_pdf(book, book / name)) == ["E120"]
    assert _snapshot(book) == before


@pytest.mark.parametrize("name", ["058-russia.md", "book.toml"])
def test_epub_out_onto_a_source_is_refused(book: Path, name: str) -> None:
    before = _snapshot(book)
    assert _codes(lambda: api.build_epub(book, book / name)) == ["E120"]
    assert _snapshot(book) == before


def test_html_onto_a_source_is_refused(book: Path, tmp_path: Path) -> None:
    before = _snapshot(book)
    html = book / "058-russia.md"
    assert _codes(lambda: api.build_pdf(book, tmp_path / "b.pdf", html=html)) == ["E120"]
    assert _snapshot(book) == before and not (tmp_path / "b.pdf").exists()


def test_out_through_a_symlink_into_the_book_is_refused(book: Path, tmp_path: Path) -> None:
    (tmp_path / "link.pdf").symlink_to(book / "058-russia.md")
    before = _snapshot(book)
    assert _codes(lambda: api.build_pdf(book, tmp_path / "link.pdf")) == ["E120"]
    assert _snapshot(book) == before


def test_out_onto_octavos_own_styles_is_refused(book: Path) -> None:
    from octavo.shipped import STYLES

    assert _codes(lambda: api.build_epub(book, STYLES / "base.css")) == ["E120"]


def test_the_books_build_folder_may_hold_outputs(book: Path) -> None:
    out, _ = api.build_epub(book, book / "build" / "b.epub")
    assert out.is_file()


def test_handouts_into_the_book_are_refused(book: Path) -> None:
    assert _codes(lambda: api.build_handouts(book, book / "handouts")) == ["E120"]


def test_out_that_is_a_fifo_is_refused(book: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    assert _codes(lambda: api.build_pdf(book, fifo)) == ["E121"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "out.pdf"]


def test_out_that_is_a_folder_is_refused(book: Path, tmp_path: Path) -> None:
    assert _codes(lambda: api.build_epub(book, tmp_path)) == ["E121"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_out_that_is_a_device_is_refused_and_kept(book: Path, tmp_path: Path) -> None:
    null = tmp_path / "devnull"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert _codes(lambda: api.build_pdf(book, null)) == ["E121"]
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book", "devnull"]


def test_dev_null_as_out_exits_1_and_keeps_the_device(book: Path) -> None:
    result = invoke("epub", "--book", book, "--out", "/dev/null")
    assert result.returncode == 1 and "E121" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null.*"))


def test_pdf_out_or_html_that_is_a_folder_is_refused(book: Path, tmp_path: Path) -> None:
    assert _codes(lambda: api.build_pdf(book, tmp_path)) == ["E121"]
    html = tmp_path / "html"
    html.mkdir()
    assert _codes(lambda: api.build_pdf(book, tmp_path / "b.pdf", html=html)) == ["E121"]
    assert not (tmp_path / "b.pdf").exists()


def test_handouts_onto_a_file_are_refused_and_the_file_kept(book: Path, tmp_path: Path) -> None:
    """A folder of outputs onto an existing file is E121 before any work (a maker's walk:
    `invoke handouts --out build/book.pdf` said "E701 cannot write the handouts: File
    exists" of a file inside it, build/book.pdf/1-s001-….pdf)."""
    made = tmp_path / "book.pdf"
    made.write_bytes(b"%PDF-1.7 an earlier output")
    with pytest.raises(BuildError) as caught:
        api.build_handouts(book, made)
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E121", made)
    assert "is a file" in found.message and "folder" in found.hint
    assert made.read_bytes() == b"%PDF-1.7 an earlier output"


def test_out_under_a_file_is_E121_with_a_hint(book: Path, tmp_path: Path) -> None:
    made = tmp_path / "book.pdf"
    made.write_bytes(b"%PDF-1.7 an earlier output")
    with pytest.raises(BuildError) as caught:
        api.build_pdf(book, made / "x.pdf")
    [found] = caught.value.diagnostics
    assert found.code == "E121" and "a file" in found.hint
    assert made.read_bytes() == b"%PDF-1.7 an earlier output"


def test_out_through_a_symlink_loop_is_E121(book: Path, tmp_path: Path) -> None:
    """`invoke epub --out loop/x.epub`, `loop` a link to itself: the EPUB's writer, started
    early (jobs 0, the task's default), asked for the output's stamp before the output was
    checked, and Path.resolve() raised RuntimeError, a traceback. The PDF said E121."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert _codes(lambda: api.build_epub(book, loop / "x.epub", jobs=0)) == ["E121"]
    assert _codes(lambda: api.build_pdf(book, loop / "x.pdf")) == ["E121"]


def test_preview_into_the_book_is_refused(book: Path) -> None:
    from octavo.cli.preview import preview

    before = _snapshot(book)
    assert _codes(lambda: preview(book, 1, book / "preview")) == ["E120"]
    assert _snapshot(book) == before


def test_a_books_build_link_out_of_it_is_e125(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`octavo epub` in a book folder whose own `build` is a link elsewhere wrote its
    output (named by the book's title) and its state there, over a file of the user's."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    (book / "build").symlink_to(elsewhere)
    monkeypatch.chdir(book)
    with pytest.raises(BuildError) as refused:
        api.build_epub(book)
    assert [d.code for d in refused.value.diagnostics] == ["E125"]
    assert list(elsewhere.iterdir()) == []


def test_html_and_out_naming_one_file_is_e127(make_book: MakeBook, tmp_path: Path) -> None:
    """`--html` the same file as `--out`: the PDF silently replaced the HTML."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    out = tmp_path / "b.pdf"
    with pytest.raises(BuildError) as refused:
        api.build_pdf(book, out, html=out)
    assert [d.code for d in refused.value.diagnostics] == ["E127"] and not out.exists()


def test_out_named_for_the_other_output_is_refused(book: Path, tmp_path: Path) -> None:
    """`invoke epub --out b.pdf pdf` (the option given to the task before the one meant)
    wrote the EPUB's bytes into b.pdf without a word; the PDF went to build/."""
    assert _codes(lambda: api.build_epub(book, tmp_path / "b.pdf")) == ["E128"]
    assert _codes(lambda: api.build_pdf(book, tmp_path / "b.EPUB")) == ["E128"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book"]
    out, _ = api.build_epub(book, tmp_path / "b.kepub")  # a name of its own is the user's
    assert out.is_file()


def test_a_folder_as_the_epubs_out_is_told_an_epub_name(book: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path)
    assert [d.hint for d in caught.value.diagnostics] == [
        "give --out a file name, e.g. build/book.epub"
    ]


class _Wrote(Exception):
    """A folder of outputs was taken: the work that writes into it began."""


@pytest.mark.parametrize("folder", ["/", "/proc", "/sys/kernel"])
@pytest.mark.parametrize("task", ["handouts", "preview", "check", "all"])
def test_a_folder_of_outputs_is_never_the_root_nor_the_kernels(
    book: Path, monkeypatch: pytest.MonkeyPatch, task: str, folder: str
) -> None:
    """`invoke handouts --out /` wrote the handouts into the root folder without a word (so
    did `preview --out /` its PNGs and `check --out /` the EPUB and the PDF), where `epub
    --out /` is E121; `--out /proc` failed late. Each is E121 before any work now. (The
    work is stopped where it would begin: nothing is written here, before the fix either.)
    `invoke all --out /` made a folder a book in the root folder, and wrote into it."""
    from octavo.api import books, checks
    from octavo.cli import preview as previewing

    def wrote(*args: object, **kwargs: object) -> None:
        raise _Wrote

    if not Path("/proc/self/mountinfo").exists() and folder != "/":
        pytest.skip("the kernel's folders are known from /proc/self/mountinfo (Linux)")
    monkeypatch.setattr("octavo.output_folder.write_folder", wrote)
    monkeypatch.setattr(checks, "build_epub", wrote)
    monkeypatch.setattr(api, "laid_out_pdf", wrote)
    monkeypatch.setattr(books, "_build_one", wrote)
    run: Callable[[], object] = {
        "handouts": lambda: api.build_handouts(book, Path(folder)),
        "preview": lambda: previewing.preview(book, 1, Path(folder)),
        "check": lambda: api.check(book, out=Path(folder)),
        "all": lambda: api.build_all([book], Path(folder), 1),
    }[task]
    with pytest.raises(BuildError) as caught:
        run()
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E121", Path(folder))
    assert found.message.startswith(f"the output folder {folder} is ") and found.hint
    # each task's own folder as the example (preview, check and all were sent to handouts')
    own = {"handouts": "build/handouts", "preview": "build/preview", "check": "build "}
    assert f"e.g. {own.get(task, 'build/all')}" in found.hint


def test_a_folder_of_outputs_elsewhere_is_taken(book: Path, tmp_path: Path) -> None:
    from octavo.output_guard import guard_output

    guard_output(book, tmp_path, folder=True)  # an existing folder of the user's
    guard_output(book, tmp_path / "new", folder=True)


def test_out_onto_another_books_section_is_refused_and_kept(book: Path, tmp_path: Path) -> None:
    """A user-tester's find: `invoke epub --out ../other/058-russia.md` replaced another
    book's section with an EPUB (E120 guards this book's folder only). An existing --out
    that is not an earlier output of its kind is E131, before any work."""
    section = tmp_path / "other" / "058-russia.md"
    section.parent.mkdir()
    section.write_text(section_source(1, total=1), encoding="utf-8")
    before = section.read_bytes()
    result = invoke("epub", "--book", book, "--out", section)
    assert result.returncode == 1 and "E131" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and section.read_bytes() == before
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF\n")
    assert _codes(lambda: api.build_pdf(book, notes)) == ["E131"]
    assert notes.read_text() == "my notes, not a PDF\n"
    assert _codes(lambda: api.build_pdf(book, tmp_path / "b.pdf", html=section)) == ["E131"]
    assert section.read_bytes() == before and not (tmp_path / "b.pdf").exists()


def test_an_earlier_output_or_an_empty_file_is_replaced(book: Path, tmp_path: Path) -> None:
    out, _ = api.build_epub(book, tmp_path / "a.epub")
    again = tmp_path / "again.epub"
    again.write_bytes(out.read_bytes())
    assert api.build_epub(book, again)[0] == again  # an EPUB (another build's): replaced
    empty = tmp_path / "empty.epub"
    empty.touch()
    api.build_epub(book, empty)
    assert empty.read_bytes() == out.read_bytes()
