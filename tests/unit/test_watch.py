"""The watch loop: a rebuild after each change, a broken save reported then waited out."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

from octavo.cli.watch import watch
from octavo.errors import BuildError, error


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


def test_only_build_and_hidden_folders_below_the_watched_one_are_ignored(tmp_path: Path) -> None:
    from octavo.cli.watch import _ignored

    root = tmp_path / "build" / "books" / "belarus"  # a book kept under a folder named build
    roots = (root,)
    assert not _ignored(str(root / "001-a.md"), roots)
    assert not _ignored(str(root / "styles" / "print" / "book.css"), roots)
    assert _ignored(str(root / "build" / "belarus.pdf"), roots)  # the outputs, run from here
    assert _ignored(str(root / "build" / ".octavo" / "stamp"), roots)
    assert _ignored(str(root / ".git" / "index"), roots)
    assert _ignored(str(root / ".001-a.md.swp"), roots)
    assert _ignored(str(root / "001-a.md~"), roots)


def test_a_kill_ends_the_watch_as_ctrl_c_ends_any_task(tmp_path: Path) -> None:
    """A user-tester's report: `invoke watch` stopped by SIGTERM printed watchfiles' own
    "KeyboardInterrupt caught, stopping watch" and exited 0. It ends as every task does
    now, Ctrl-C (SIGINT) or a kill: octavo's line, exit 1."""
    import os
    import shutil
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    for name in ("SIGTERM", "SIGINT"):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "invoke",
                "--search-root",
                str(ROOT),
                "watch",
                "--book",
                str(book),
            ],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # its default action: a shell without job control starts a background
            # command with SIGINT ignored, which octavo leaves ignored
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert process.stderr is not None
        lines: list[str] = []
        while not any(line.startswith("watch: rebuilt") for line in lines):
            line = process.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
        process.send_signal(getattr(signal, name))
        _, rest = process.communicate(timeout=60)
        told = rest.strip().splitlines()
        assert process.returncode == 1, rest
        assert told[-1].startswith("octavo: interrupted; no file is left half-written"), rest
        assert "KeyboardInterrupt" not in rest
