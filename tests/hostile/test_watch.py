"""Issue 16 item 10: `invoke watch` survives any bad save, and rebuilds after it."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

from octavo import api
from octavo.cli.watch import watch
from tests.conftest import MakeBook, section_source


def _run_watch(root: Path, rebuild, saves: list[tuple[Path, str]]) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=((root,), rebuild, out, stop, 50))
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while "watch:" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)  # the first build is done: changes are watched from now on
        for path, text in saves:
            time.sleep(0.6)
            before = out.getvalue().count("watch:")
            path.write_text(text)
            deadline = time.monotonic() + 20
            while out.getvalue().count("watch:") == before and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    return out.getvalue()


def test_watch_survives_an_unexpected_exception(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("one")

    def rebuild() -> list[Path]:
        if source.read_text() == "crash":
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return [tmp_path / "out.pdf"]

    shown = _run_watch(tmp_path, rebuild, [(source, "crash"), (source, "fixed")])
    assert "build failed unexpectedly" in shown
    assert shown.rstrip().splitlines()[-1].startswith("watch: rebuilt")


def test_watch_survives_a_5000_digit_number(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    section = book / "001-a.md"
    good = section.read_text()

    def rebuild() -> list[Path]:
        out, _ = api.build_epub(book, tmp_path / "b.epub")
        return [out]

    bad = good.replace("sequence: 1", "sequence: " + "9" * 5000)
    shown = _run_watch(book, rebuild, [(section, bad), (section, good + "More.\n")])
    assert "E206" in shown and "Traceback" not in shown
    assert shown.rstrip().splitlines()[-1].startswith("watch: rebuilt")
