"""A mistake on the command line is E132 with the nearest option or task, under `octavo`
and `invoke` alike (octavo.cli.options); `octavo --help` lists octavo's tasks; a reader that
stops reading ends the command quietly (octavo.cli.running.closed_pipe)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from invoke.collection import Collection

from octavo.cli.main import program
from octavo.cli.options import refuse_unknown
from octavo.cli.tasks import namespace
from tests.support.cli import command


def _octavo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        program().run(["octavo", *args])
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


@pytest.mark.parametrize(
    ("args", "told"),
    [
        pytest.param(["epub", "--jbos", "2"], "--jbos: no such option of task 'epub'", id="flag"),
        pytest.param(["pdf", "--strcit"], "did you mean --strict?", id="bool-flag"),
        pytest.param(["epbu"], "'epbu' is no task (did you mean epub?", id="task"),
        pytest.param(["ebup"], "'ebup' is no task (did you mean epub?", id="task-swap-apart"),
        pytest.param(["fdp"], "'fdp' is no task (did you mean pdf?", id="task-swap-ends"),
        pytest.param(["import-page", "x"], "did you mean import-pages?", id="dashed-task"),
        pytest.param(["epub", "--jobs"], "--jobs needs a value", id="no-value"),
        pytest.param(["epub", "--zzzzzz"], "`octavo --help epub` lists them", id="none-near"),
        pytest.param(["--help", "epbu"], "'epbu' is no task (did you mean epub?", id="help-of"),
    ],
)
def test_octavo_mistake_is_coded(
    capsys: pytest.CaptureFixture[str], args: list[str], told: str
) -> None:
    code, _, err = _octavo(capsys, *args)
    assert code == 1
    assert err.startswith("E132 error: ") and told in err, err
    assert "No idea" not in err and "Traceback" not in err


def test_octavo_value_of_wrong_kind_keeps_e126(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _octavo(capsys, "epub", "--jobs", "x")
    assert code == 1 and err.startswith("E126 error:"), err


def test_octavo_help_lists_tasks_not_shell_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _octavo(capsys, "--help")
    assert code == 0
    for task in ("epub", "pdf", "outline", "import-pages"):
        assert f"  {task} " in out
    for option in ("--help", "--list", "--version"):
        assert option in out
    for option in ("--pty", "--prompt-for-sudo-password", "--dry", "--hide", "--warn-only"):
        assert option not in out, out
    assert out.index("epub") < out.index("--version")  # the tasks first


def _invoke(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    tasks: Collection = namespace,
) -> tuple[int, str, str]:
    """invoke's Program run on `argv` after a tasks.py's `refuse_unknown` (as invoke runs
    it: the tasks' file loaded, then their words parsed), nothing executed."""
    from invoke.program import Program

    monkeypatch.setattr(Program, "parse_tasks", Program.parse_tasks)  # put back after
    monkeypatch.setattr(Program, "parse_cleanup", Program.parse_cleanup)
    monkeypatch.setattr(Program, "execute", lambda self: None)
    monkeypatch.setattr(sys, "argv", argv)
    refuse_unknown()
    refuse_unknown()  # a second tasks.py (`invoke -c`) wraps it once
    code = 0
    try:
        Program(namespace=tasks, binary="invoke").run(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_invoke_help_of_no_task_is_coded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`invoke --help epbu` is read after the tasks' words (invoke's parse_cleanup)."""
    code, _, err = _invoke(monkeypatch, capsys, ["invoke", "--help", "epbu"])
    assert code == 1
    assert err.startswith("E132 error: 'epbu' is no task (did you mean epub?"), err


def test_invoke_missing_value_is_coded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """invoke's own "Flag '--jobs' needed value and was not given one!" had no code."""
    code, _, err = _invoke(monkeypatch, capsys, ["invoke", "epub", "--jobs"])
    assert code == 1
    assert err.startswith("E132 error: --jobs needs a value"), err
    assert "`invoke --help epub` lists its options" in err


@pytest.mark.parametrize(
    "argv0", ["/usr/local/bin/invoke", "inv", "/lib/python3.11/site-packages/invoke/__main__.py"]
)
def test_invoke_unknown_option_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv0: str
) -> None:
    code, _, err = _invoke(monkeypatch, capsys, [argv0, "epub", "--jbos", "2"])
    assert code == 1
    assert err.startswith("E132 error: --jbos") and "did you mean --jobs?" in err, err
    assert "`invoke --help epub`" in err and "No idea" not in err


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        pytest.param(["invoke", "epub", "--jobs", "2", "pdf", "--strict"], 0, "", id="right"),
        pytest.param(["octavo", "epub", "--jbos", "2"], 1, "No idea", id="not-invoke"),
        pytest.param(
            ["invoke", "--complete", "--", "invoke", "epub", "--jb"], 0, "", id="complete"
        ),
        pytest.param(["invoke", "--list"], 0, "", id="list"),
    ],
)
def test_invoke_others_left_to_invoke(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    said: str,
) -> None:
    done, _, err = _invoke(monkeypatch, capsys, argv)
    assert done == code
    assert "E132" not in err and said in err and (said or err == ""), err


def _closed(args: list[str]) -> subprocess.CompletedProcess[str]:
    run = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert run.stdout is not None
    run.stdout.close()  # the reader is gone before anything is written
    _, errors = run.communicate(timeout=120)
    return subprocess.CompletedProcess(args, run.returncode, "", errors)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            [sys.executable, "-c", "from octavo.cli.main import main; main(['octavo', '--list'])"],
            id="octavo-list",
        ),
        pytest.param(
            [sys.executable, "-c", "from octavo.cli.main import main; main(['octavo', '--help'])"],
            id="octavo-help",
        ),
        pytest.param(command("--list"), id="invoke-list"),
    ],
)
def test_closed_pipe_ends_quietly(args: list[str]) -> None:
    done = _closed(args)
    assert done.returncode == 1
    assert done.stderr == "", done.stderr


def test_new_books_tasks_py_tells_e132(tmp_path: Path) -> None:
    """The tasks.py `octavo new` writes hands invoke octavo's tasks with E132 for a word
    invoke does not know, as the repository's does."""
    from octavo.cli.new import new_book

    new_book(tmp_path / "b")
    args = [sys.executable, "-m", "invoke", "--search-root", str(tmp_path / "b")]
    done = subprocess.run(
        [*args, "epub", "--jbos", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert "E132 error: --jbos" in done.stderr and "--jobs" in done.stderr, done.stderr
    assert not (tmp_path / "b" / "build").exists()  # nothing ran


def test_an_old_books_tasks_py_tells_e132(tmp_path: Path) -> None:
    """A book made before `checked` existed has a tasks.py of one import, with no call to
    `checked`: its misspelt option is E132 all the same (octavo.cli.tasks checks its own
    namespace), and nothing runs."""
    book = tmp_path / "b"
    (book / "sections").mkdir(parents=True)
    (book / "tasks.py").write_text("from octavo.cli.tasks import namespace as ns  # noqa: F401\n")
    args = [sys.executable, "-m", "invoke", "--search-root", str(book)]
    done = subprocess.run(
        [*args, "epub", "--jbos", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.startswith("E132 error: --jbos") and "--jobs" in done.stderr, done.stderr
    assert not (book / "build").exists()


def test_the_check_leaves_each_tasks_help_for_invokes_own(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """invoke's parser pops each help it reads: checking the command line before invoke
    did left `invoke --help TASK` with no option's words (CI found it)."""
    from invoke.context import Context
    from invoke.tasks import task

    @task(help={"book": "Book folder.", "quiet": "No progress."})
    def build(c: Context, book: str = "", quiet: bool = False) -> None: ...

    code, out, _ = _invoke(monkeypatch, capsys, ["invoke", "--help", "build"], Collection(build))
    assert code == 0
    assert "Book folder." in out and "No progress." in out, out


def test_a_help_for_no_option_with_invokes_leave_is_no_traceback(tmp_path: Path) -> None:
    """A tasks.py may name help for an option a task lacks where its invoke.yaml sets
    tasks.ignore_unknown_help: the mistake's E132 reads the contexts invoke parsed with,
    not new ones (those raised ValueError, a reviewer's find)."""
    (tmp_path / "invoke.yaml").write_text("tasks:\n  ignore_unknown_help: true\n")
    (tmp_path / "tasks.py").write_text(
        "from invoke import Collection, task\n"
        "from octavo.cli.options import checked\n"
        "@task(help={'book': 'Book folder.', 'nosuch': 'Left over.'})\n"
        "def build(c, book=''):\n"
        "    print('built', book)\n"
        "ns = checked(Collection(build))\n"
    )
    run = [sys.executable, "-m", "invoke", "build"]
    done = subprocess.run(
        [*run, "--bok", "b"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.startswith("E132 error: --bok") and "--book?" in done.stderr, done.stderr
    right = subprocess.run(
        [*run, "--book", "b"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert right.returncode == 0 and right.stdout == "built b\n", right.stderr


@pytest.mark.parametrize("quiet", [False, True], ids=["said", "quiet"])
def test_check_and_all_take_quiet_as_the_other_building_tasks_do(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    quiet: bool,
) -> None:
    """`invoke check --quiet` and `invoke all --quiet` were refused ("No idea what '--quiet'
    is!") while epub, pdf, cover, handouts and preview take it. They take it now, and say
    their step and time as those do (`octavo: check (1.23 s)`), nothing of it when quiet;
    what they print on stdout is as before. (api.check and api.build_all stand in: what
    they do is tested elsewhere.)"""
    import inspect

    from invoke.context import Context

    from octavo import api
    from octavo.api.checks import Checked
    from octavo.cli import tasks

    for task in (tasks.check, tasks.all_books):
        assert "quiet" in inspect.signature(task.body).parameters, task.name
        code, out, _ = _octavo(capsys, "--help", task.name)
        assert code == 0 and "-q, --quiet" in out, out  # (its help: invoke may have popped it)
    pdf = tmp_path / "b.pdf"
    checked = Checked(tmp_path / "b.epub", pdf, ("EPUB: clean", "PDF: clean"), ())
    monkeypatch.setattr(api, "check", lambda *args, **kwargs: checked)
    monkeypatch.setattr(api, "build_all", lambda *args, **kwargs: ((pdf,), ()))
    tasks.check.body(Context(), book=str(tmp_path), quiet=quiet)
    said = capsys.readouterr()
    assert said.out == f"EPUB: clean\nPDF: clean\n{tmp_path}\n"
    assert (said.err == "") if quiet else said.err.startswith("octavo: check ("), said.err
    tasks.all_books.body(Context(), books=[str(tmp_path)], out=str(tmp_path), quiet=quiet)
    said = capsys.readouterr()
    assert said.out == f"{pdf}\n{tmp_path}\n"
    assert (said.err == "") if quiet else said.err.startswith("octavo: all ("), said.err
