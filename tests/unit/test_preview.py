"""Preview: the contact sheet of page images."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from octavo.cli.preview import contact_sheet
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.cli import invoke

COLOURS = ((200, 30, 30), (30, 160, 30), (30, 30, 200))


def _box(sheet: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels of exactly `colour`."""
    solid = Image.new("RGB", sheet.size, colour)
    differ = ImageChops.difference(sheet, solid).convert("L")
    return differ.point(lambda v: 255 if v == 0 else 0).getbbox()


def test_contact_sheet_shows_every_page_scaled_in_reading_order(tmp_path: Path) -> None:
    pages = []
    for index, colour in enumerate(COLOURS):
        path = tmp_path / f"page-{index + 1:03d}.png"
        Image.new("RGB", (400, 600), colour).save(path)
        pages.append(path)
    sheet_path = contact_sheet(tuple(pages), tmp_path / "sheet.png", columns=2, height=300)
    with Image.open(sheet_path) as image:
        sheet = image.convert("RGB")
    boxes = [_box(sheet, colour) for colour in COLOURS]
    assert all(box is not None for box in boxes), boxes
    first, second, third = (box for box in boxes if box is not None)
    for left, top, right, bottom in (first, second, third):
        assert (right - left, bottom - top) == (200, 300)  # 400×600 at 300 px tall
    assert second[0] > first[2] and second[1] == first[1]  # page 2 to the right of page 1
    assert third[0] == first[0] and third[1] > first[3]  # page 3 starts the next row
    label = sheet.crop((first[0], first[3], first[2], third[1])).convert("L")
    assert (
        label.point(lambda v: 255 if v < 120 else 0).getbbox() is not None
    )  # a dark page label under page 1


def test_the_preview_takes_the_books_own_cover(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book's own cover (book.toml `cover`, a JPEG here) is the EPUB's cover image, and
    the preview's: it looked for a PNG member named *cover*, found none, and the contact
    sheet went without a cover (or took another image whose name held "cover")."""
    from octavo import api

    monkeypatch.chdir(tmp_path)
    book = make_book(
        {"001-a.md": section_source(1, total=1)},
        toml=BOOK_TOML + 'cover = "images/front.jpg"\n',
    )
    (book / "images").mkdir(exist_ok=True)
    Image.new("RGB", (600, 900), (200, 30, 30)).save(book / "images" / "front.jpg")
    Image.new("RGB", (60, 90), (30, 30, 200)).save(book / "images" / "uncovered.png")
    got, _ = api.epub_cover(book, tmp_path / "preview")
    assert got is not None
    with Image.open(got) as image:
        assert image.size == (600, 900)
        colour = image.convert("RGB").getpixel((300, 450))
    assert isinstance(colour, tuple) and colour[0] > 150 and colour[2] < 80


def test_the_preview_tells_its_builds_warnings(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke preview` builds the PDF and the EPUB: their warnings (W208, an unknown
    field) are told as `invoke pdf` and `invoke epub` tell them, once; they were dropped.
    `--strict` fails on them."""
    from octavo.cli.preview import preview
    from octavo.errors import BuildError

    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1, extra="colour: red\n")})
    written, found = preview(book, 1, tmp_path / "p")
    assert [p.name for p in written] == ["page-001.png", "contact-sheet.png"]
    assert [d.code for d in found] == ["W208"]
    with pytest.raises(BuildError) as caught:
        preview(book, 1, tmp_path / "p", strict=True)
    assert [d.code for d in caught.value.diagnostics] == ["W208"]


def test_a_negative_page_count_is_e645_before_any_work(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke preview --pages -3` built both outputs and rendered no page without a word;
    `invoke cover --pages -3` is E645. Now the preview's is too, and nothing is built."""
    from octavo.cli.preview import preview
    from octavo.errors import BuildError

    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1)})
    with pytest.raises(BuildError) as caught:
        preview(book, -3, tmp_path / "p")
    assert [d.code for d in caught.value.diagnostics] == ["E645"]
    assert not (tmp_path / "p").exists() and not (tmp_path / "build").exists()


def test_a_preview_to_an_out_writes_nothing_else(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke preview --out DIR` needs the PDF and the EPUB only to render pages from: it
    wrote build/<slug>.epub and .pdf too, files nobody asked for. They are made in memory
    now; build/ holds octavo's state alone, its caches serving the next build. Without
    `--out`, the preview builds them at their default places, as `invoke cover` does."""
    from octavo.cli.preview import preview

    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1, extra="colour: red\n")})
    written, found = preview(book, 1, tmp_path / "p")
    assert [p.name for p in written] == ["page-001.png", "contact-sheet.png"]
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "contact-sheet.png",
        "cover.png",
        "page-001.png",
    ]
    assert [p.name for p in (tmp_path / "build").iterdir()] == [".octavo"]
    assert any((tmp_path / "build" / ".octavo" / "cache").iterdir())
    assert [d.code for d in found] == ["W208"]  # told once, as before
    preview(book, 1)
    built = sorted(p.suffix for p in (tmp_path / "build").iterdir() if p.is_file())
    assert built == [".epub", ".pdf"]


def test_a_preview_of_fewer_pages_leaves_no_stale_page(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke preview --pages 6`, then `--pages 2` into the same folder left pages 3 to
    6 of the first run beside the new ones, a reader taking them for the book as it is.
    The folder is one set, as the handouts' is: what the last preview wrote and this one
    does not is removed, never a file octavo did not write."""
    from octavo.cli.preview import preview

    monkeypatch.chdir(tmp_path)
    words = "The area farmed fell in every province after the reforms. " * 40
    body = "\n\n".join([words] * 12) + "\n"
    book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    out = tmp_path / "p"
    preview(book, 4, out)
    (out / "page-009.png").write_bytes(b"a file of the user's")
    written, _ = preview(book, 2, out)
    assert [p.name for p in written] == ["page-001.png", "page-002.png", "contact-sheet.png"]
    assert sorted(p.name for p in out.iterdir()) == [
        "contact-sheet.png",
        "cover.png",
        "page-001.png",
        "page-002.png",
        "page-009.png",
    ]


def test_preview_takes_quiet_as_the_other_building_tasks_do(
    make_book: MakeBook,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A user-tester's report: `invoke preview --quiet` was refused ("No idea what
    '--quiet' is!") while epub, pdf, cover and handouts take it. It takes it now, and says
    its step and time as they do (`octavo: preview (1.23 s)`), nothing of it when quiet."""
    import inspect

    from invoke.context import Context

    from octavo.cli import tasks
    from octavo.cli.running import QUIET

    for task in (tasks.epub, tasks.pdf, tasks.cover, tasks.handouts, tasks.preview):
        assert "quiet" in inspect.signature(task.body).parameters, task.name
    # its help as a user reads it (a task's `help` dict is emptied by invoke's parser once
    # any test of the same process has parsed a command line: read in a fresh process)
    helped = invoke("--help", "preview")
    assert "--quiet" in helped.stdout and " ".join(QUIET.split()[:3]) in helped.stdout
    monkeypatch.chdir(tmp_path)
    book = make_book({"001-a.md": section_source(1, total=1)})
    tasks.preview.body(Context(), book=str(book), pages=1, out=str(tmp_path / "p"))
    said = capsys.readouterr()
    assert said.err.startswith("octavo: preview (") and said.out.endswith("contact-sheet.png\n")
    tasks.preview.body(Context(), book=str(book), pages=1, out=str(tmp_path / "p"), quiet=True)
    said = capsys.readouterr()
    assert said.err == "" and said.out.endswith("contact-sheet.png\n")
