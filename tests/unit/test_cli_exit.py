"""The command's end: the heap is frozen for the interpreter's shutdown; and its `--out` read
(octavo.cli.running)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from octavo.cli import running
from tests.conftest import ROOT, MakeBook, section_source
from tests.support.cli import command as cli_command


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


def test_the_command_ends_after_what_runs_at_exit(tmp_path: Path) -> None:
    """end_now (octavo.cli.ending): what is printed is flushed, non-daemon threads are waited
    for, atexit's handlers run (after them), each once; then the process ends, status 0,
    without the interpreter's teardown (a __del__ of a module's object never runs)."""
    code = textwrap.dedent(
        f"""
        import atexit, sys, threading, time
        from pathlib import Path
        from octavo.cli.ending import end_now
        out = Path({str(tmp_path)!r})
        atexit.register(lambda: print("atexit", flush=True))
        def late():
            time.sleep(0.2)
            (out / "thread").write_text("x")
        threading.Thread(target=late).start()
        class Teardown:
            def __del__(self):
                (out / "teardown").write_text("x")
        kept = Teardown()
        print("task done", end="")
        sys.stderr.write("said")
        end_now()
        print("not reached")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout == "task doneatexit\n" and done.stderr == "said"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thread"]


def test_ended_ends_only_a_command_line_whose_tasks_all_ran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Program.execute wrapped (octavo.cli.ending.ended): a task's failure goes out as ever;
    a Program run inside another program (a test's) returns; so does a command that ran a
    task of a book's own tasks.py (it may count on the interpreter's teardown); wrapping
    twice is once."""
    from types import SimpleNamespace

    from octavo.cli import ending
    from octavo.cli.tasks import namespace

    def own_task() -> None:  # a task of a book's tasks.py: not octavo's module
        pass

    collection = {"epub": namespace["epub"], "outline": namespace["outline"]}
    collection["mine"] = SimpleNamespace(body=own_task)

    def program(*names: str, failing: bool = False) -> SimpleNamespace:
        calls = [SimpleNamespace(name=name) for name in names]
        return SimpleNamespace(tasks=calls, collection=collection, failing=failing)

    ends: list[str] = []
    monkeypatch.setattr(ending, "end_now", lambda: ends.append("ended"))

    def execute(program: SimpleNamespace) -> None:
        if program.failing:
            raise RuntimeError("task failed")

    wrapped = ending.ended(execute)
    assert ending.ended(wrapped) is wrapped
    monkeypatch.setattr(sys, "argv", ["/usr/bin/pytest"])
    wrapped(program("epub"))
    assert ends == []
    for argv0 in ("/home/u/.local/bin/octavo", "/usr/bin/invoke", "/x/invoke/__main__.py"):
        monkeypatch.setattr(sys, "argv", [argv0, "epub"])
        wrapped(program("epub", "outline"))
    assert ends == ["ended"] * 3
    wrapped(program("epub", "mine"))
    assert len(ends) == 3
    with pytest.raises(RuntimeError):
        wrapped(program("epub", failing=True))
    assert len(ends) == 3


def test_end_now_off_the_main_thread_returns() -> None:
    import threading

    from octavo.cli.ending import end_now

    returned: list[bool] = []

    def ending() -> None:
        end_now()
        returned.append(True)

    worker = threading.Thread(target=ending)
    worker.start()
    worker.join()
    assert returned == [True]


def test_a_command_line_whose_last_task_fails_exits_1(tmp_path: Path) -> None:
    """`invoke outline … epub …`: the first task ran, the second failed; the command exits 1,
    not 0 (the end without teardown comes only after every task ran)."""
    from tests.support.cli import invoke

    done = invoke("new", "--folder", tmp_path / "made", "epub", "--book", tmp_path / "missing")
    assert done.returncode == 1, done.stderr
    assert "E100" in done.stderr
    done = invoke("new", "--folder", tmp_path / "second")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "second" / "book.toml").is_file()


def test_a_profiled_command_ends_as_ever(tmp_path: Path) -> None:
    """`python -m cProfile -o … -m invoke …` writes its stats after the program returns:
    under a profiler (or a tracer: coverage, a debugger) the command is not ended early."""
    code = textwrap.dedent(
        """
        from octavo.cli.ending import end_now
        end_now()
        print("returned")
        """
    )
    script = tmp_path / "ends.py"
    script.write_text(code)
    stats = tmp_path / "stats"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), str(script)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout == "returned\n", done.stderr
    assert stats.stat().st_size > 0


@pytest.mark.parametrize("command", ["invoke", "octavo"])
def test_a_real_command_line_ends_without_the_teardown(
    command: str, make_book: MakeBook, tmp_path: Path
) -> None:
    """`invoke outline …` and `octavo outline …` go through end_now once their task ran: an
    object left alive at the end (planted by a sitecustomize) is never finalized, and the
    task's output and status are whole; `invoke --list` (no task run) ends as ever."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    planted = tmp_path / "site"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import builtins, pathlib
            class Teardown:
                def __del__(self, touch=pathlib.Path({str(tmp_path / "finalized")!r}).touch):
                    touch()
            builtins._octavo_planted = Teardown()
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": f"{planted}{os.pathsep}{ROOT}"}
    if command == "invoke":
        line = [*cli_command("outline", "--book", book)]
    else:
        line = [
            sys.executable,
            "-c",
            "import sys; sys.argv[0] = 'octavo'; from octavo.cli.main import main; main()",
            "outline",
            "--book",
            str(book),
        ]
    done = subprocess.run(line, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Part 1" in done.stdout or done.stdout.strip(), done.stdout
    assert not (tmp_path / "finalized").exists()
    listed = subprocess.run(
        [*cli_command("--list")], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert listed.returncode == 0 and "epub" in listed.stdout
    assert (tmp_path / "finalized").exists()  # no task ran: the teardown as ever
