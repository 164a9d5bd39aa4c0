"""The command's end: the heap is frozen for the interpreter's shutdown; and its `--out` read
(octavo.cli.running)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from octavo.cli import running


def test_a_task_freezes_the_heap_once_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[object] = []

    def register(handler: object) -> object:
        registered.append(handler)
        return handler

    monkeypatch.setattr(running, "_ending", [])
    monkeypatch.setattr("octavo.cli.running.atexit.register", register)
    monkeypatch.setattr("octavo.cli.stops.install", lambda: None)  # pytest keeps its signals
    assert running.run(lambda: 1) == 1
    assert running.run(lambda: 2) == 2
    assert registered == [running._quick_exit]


def test_the_frozen_exit_still_runs_what_runs_at_exit(tmp_path: Path) -> None:
    """atexit handlers registered before and after, and weakref finalizers, still run."""
    code = textwrap.dedent(
        f"""
        import atexit, weakref
        from pathlib import Path
        from octavo.cli import running
        out = Path({str(tmp_path / "out")!r})
        atexit.register(lambda: out.with_suffix(".before").write_text("x"))
        running.run(lambda: None)
        class Thing: pass
        thing = Thing()
        weakref.finalize(thing, lambda: out.with_suffix(".finalized").write_text("x"))
        atexit.register(lambda: out.with_suffix(".after").write_text("x"))
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".after", ".before", ".finalized"]


@pytest.mark.parametrize("given", ["build/x/", "/tmp/out/"])
def test_an_out_that_ends_in_a_slash_is_a_folder_and_refused(given: str) -> None:
    """`--out build/x/` wrote a file named `x`: a folder's name for one file is E121."""
    from octavo.cli.running import output_file
    from octavo.errors import BuildError

    with pytest.raises(BuildError) as caught:
        output_file(given, ".epub")
    assert [d.code for d in caught.value.diagnostics] == ["E121"]
    assert output_file("", ".epub") is None
    assert output_file(given.rstrip("/") + ".epub", ".epub") == Path(given.rstrip("/") + ".epub")
