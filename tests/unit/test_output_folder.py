"""output_folder: a folder of handouts holds this build's, written as one set, and never
loses a file octavo did not write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from tests.conftest import MakeBook, section_source


def _two(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2),
            "002-b.md": section_source(2, "Aid", chapter=2, total=2),
        }
    )


def test_handouts_of_an_earlier_build_are_removed_but_never_a_users_file(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A section removed from the book left its old handout beside the new ones, so the
    folder held handouts of no book. Now the folder holds this build's; a file octavo did
    not write (notes.txt), or a handout a user changed since, is kept."""
    monkeypatch.chdir(tmp_path)
    book = _two(make_book)
    written, _, _ = api.build_handouts(book)
    folder = written[0].parent
    assert len(written) == 2
    (folder / "notes.txt").write_text("mine")
    (book / "002-b.md").unlink()
    again, _, _ = api.build_handouts(book)
    assert sorted(p.name for p in folder.iterdir()) == sorted([again[0].name, "notes.txt"])
    assert again[0] == written[0]
    (book / "002-b.md").write_text(section_source(2, "Aid", chapter=2, total=2))
    api.build_handouts(book)
    written[1].write_bytes(b"%PDF-1.7 a user's own")  # changed since octavo wrote it
    (book / "002-b.md").unlink()
    api.build_handouts(book)
    assert written[1].read_bytes() == b"%PDF-1.7 a user's own"
    assert (folder / "notes.txt").read_text() == "mine"


def test_handouts_are_written_as_a_set(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails writing its second handout (a full disk) leaves every handout
    of the last build as it was, and no temporary file: the first was replaced already."""

    monkeypatch.chdir(tmp_path)
    book = _two(make_book)
    written, _, _ = api.build_handouts(book)
    before = {p: p.read_bytes() for p in written}
    section = book / "001-a.md"
    section.write_text(section.read_text().replace("Some text.", "Other text."))
    real = os.fsync
    staged = []

    def full(fd: int) -> None:
        name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        staged.append(name)
        if name.startswith(f".{written[1].name}."):  # the second handout's temporary file
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BuildError) as caught:
        api.build_handouts(book)
    assert [d.code for d in caught.value.diagnostics] == ["E701"]
    assert any(n.startswith(f".{written[0].name}.") for n in staged)  # the first was made
    assert {p: p.read_bytes() for p in written} == before
    assert sorted(os.listdir(written[0].parent)) == sorted(p.name for p in written)


def test_the_handouts_task_prints_the_folder_it_used_though_it_wrote_none(
    make_book: MakeBook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`invoke handouts` prints the folder it wrote into last. When it wrote no handout it
    printed build/handouts, not the book's own build/handouts/<slug> it used (its removed
    handouts' folder); the folder now comes from the API, which used it."""
    from invoke.context import Context

    from octavo.cli.tasks import handouts

    monkeypatch.chdir(tmp_path)
    book = _two(make_book)
    written = api.build_handouts(book)[0]
    folder = written[0].parent
    assert len(written) == 2 and folder == Path("build/handouts/testland-a-country-study")
    monkeypatch.setattr("octavo.render.pdf.handouts.render_handouts", lambda *_: ((), ()))
    handouts.body(Context(), book=str(book), quiet=True)
    assert capsys.readouterr().out.splitlines()[-1] == str(folder)
    assert list(folder.iterdir()) == []  # the last build's, removed
    assert api.build_handouts(book).folder == folder
