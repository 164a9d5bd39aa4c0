"""Progress lines, the build key, the watch loop and contact sheets."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

from PIL import Image

from octavo.cache import build_key, is_fresh, record
from octavo.cli.preview import contact_sheet
from octavo.cli.progress import progress
from octavo.cli.watch import watch
from octavo.errors import BuildError, error
from tests.conftest import section_source


def test_progress_is_plain_and_timed_off_a_terminal() -> None:
    out = io.StringIO()
    reporter = progress(stream=out)
    with reporter.step("reading book"):
        pass
    reporter.summary()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("octavo: reading book (") and lines[-1].startswith("octavo: done in")


def test_quiet_progress_says_nothing() -> None:
    out = io.StringIO()
    reporter = progress(quiet=True, stream=out)
    with reporter.step("x"):
        pass
    reporter.summary()
    assert out.getvalue() == ""


def test_build_key_changes_with_every_kind_of_input(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1)})
    base = build_key(book, {"paper": "letter"})
    assert build_key(book, {"paper": "letter"}) == base
    assert build_key(book, {"paper": "a4"}) != base
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    edited = build_key(book, {"paper": "letter"})
    assert edited != base
    (book / "styles").mkdir()
    (book / "styles" / "extra.css").write_text("p { color: red }")
    styled = build_key(book, {"paper": "letter"})
    assert styled != edited
    (book / "templates").mkdir()
    (book / "templates" / "x.html").write_text("x")
    assert build_key(book, {"paper": "letter"}) != styled
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert build_key(book, {"paper": "letter"}) != build_key(book, {"paper": "x"})


def test_fresh_only_with_output_and_matching_key(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert not is_fresh(out, "k")
    out.write_bytes(b"%PDF")
    assert not is_fresh(out, "k")
    record(out, "k")
    assert is_fresh(out, "k") and not is_fresh(out, "other")
    out.unlink()
    assert not is_fresh(out, "k")


def test_watch_rebuilds_after_a_change_and_survives_a_broken_save(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("one")
    calls: list[str] = []

    def rebuild() -> list[Path]:
        text = source.read_text()
        calls.append(text)
        if text == "broken":
            raise BuildError([error("E207", "bad date", source, 8)])
        return [tmp_path / "out.pdf"]

    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=((tmp_path,), rebuild, out, stop, 50))
    thread.start()
    try:
        for text in ("broken", "fixed"):
            time.sleep(0.6)
            source.write_text(text)
            deadline = time.monotonic() + 10
            while calls[-1] != text and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        time.sleep(0.3)
        stop.set()
        thread.join(10)
    log = out.getvalue()
    assert calls[0] == "one" and "broken" in calls and calls[-1] == "fixed"
    assert "build failed" in log and "E207" in log and "changed: a.md" in log


def test_contact_sheet(tmp_path: Path) -> None:
    pages = []
    for index in range(3):
        path = tmp_path / f"page-{index + 1:03d}.png"
        Image.new("RGB", (400, 600), (255, 255, 255)).save(path)
        pages.append(path)
    sheet = contact_sheet(tuple(pages), tmp_path / "sheet.png", columns=2, height=300)
    with Image.open(sheet) as image:
        assert image.width > 400 and image.height > 600
