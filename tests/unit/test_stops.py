"""A stop ends a command as Ctrl-C does, never inside an import (octavo.cli.stops): each case
runs in a process of its own, which signals itself."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

# a module that is stopped half way through its import (a dataclass made after the signal:
# cut short in __set_name__, Python 3.11 turns the KeyboardInterrupt into RuntimeError)
MODULE = """
import os, signal, time
from dataclasses import dataclass, field
os.kill(os.getpid(), signal.{name})
time.sleep(0.1)
@dataclass
class Made:
    value: int = field(default=1)
DONE = True
"""

RUN = """
import signal, sys, time
sys.path[:0] = [{root!r}, {folder!r}]
from octavo.cli import stops
# its default action, whatever this process was given (a shell without job control starts
# a background command with SIGINT ignored; nohup, SIGHUP): install() leaves an ignored one
signal.signal(signal.{name}, signal.SIG_DFL)
{before}
stops.install()
imported = None
try:
    import stopped_module
    imported = time.monotonic()
    time.sleep(2)
    print("not stopped")
except KeyboardInterrupt:
    module = sys.modules.get("stopped_module")
    after = 0.0 if imported is None else time.monotonic() - imported
    print("stopped", getattr(module, "DONE", False), round(after, 2))
"""


def _run(tmp_path: Path, name: str, before: str = "") -> str:
    (tmp_path / "stopped_module.py").write_text(MODULE.format(name=name))
    code = RUN.format(root=str(ROOT), folder=str(tmp_path), name=name, before=before)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_during_an_import_comes_once_the_module_is_made(tmp_path: Path, name: str) -> None:
    stopped, done, seconds = _run(tmp_path, name).split()
    assert (stopped, done) == ("stopped", "True")
    # at the end of the import (the timer's next look), not after the sleep that follows;
    # counted from the import's end, so a loaded machine's slow import is not counted
    assert float(seconds) < 1.5


def test_without_the_timer_a_stop_comes_at_once(tmp_path: Path) -> None:
    """SIGALRM handled by someone else: no timer, so the stop is raised where it comes."""
    before = "signal.signal(signal.SIGALRM, lambda *_: None)"
    assert _run(tmp_path, "SIGTERM", before).split()[:2] == ["stopped", "False"]


def test_a_signal_ignored_stays_ignored(tmp_path: Path) -> None:
    before = "signal.signal(signal.SIGHUP, signal.SIG_IGN)"
    assert _run(tmp_path, "SIGHUP", before) == "not stopped"


def test_a_second_stop_during_an_import_comes_at_once(tmp_path: Path) -> None:
    """An import that hangs can still be stopped: the second stop is not held."""
    (tmp_path / "stopped_module.py").write_text(
        MODULE.format(name="SIGTERM").replace(
            "time.sleep(0.1)", "time.sleep(0.1)\nos.kill(os.getpid(), signal.SIGTERM)"
        )
    )
    code = RUN.format(root=str(ROOT), folder=str(tmp_path), name="SIGTERM", before="")
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split()[:2] == ["stopped", "False"], done.stderr


def test_a_stop_held_at_the_end_of_the_work_is_raised_then() -> None:
    """`release`: a stop held by the work's last import ends the command before the next
    task; `cancel` drops it (the command ends another way) and leaves no timer."""
    from octavo.cli import stops

    saved = signal.getsignal(signal.SIGALRM)
    try:
        signal.signal(signal.SIGALRM, stops._again)
        stops._held.append(signal.SIGTERM)
        signal.setitimer(signal.ITIMER_REAL, 30)
        with pytest.raises(KeyboardInterrupt):
            stops.release()
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and not stops._held
        stops.release()  # nothing held: nothing raised
        stops._held.append(signal.SIGTERM)
        signal.setitimer(signal.ITIMER_REAL, 30)
        stops.cancel()
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and not stops._held
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        stops._held.clear()
        signal.signal(signal.SIGALRM, saved)


def test_someone_elses_timer_set_later_is_not_taken_over(tmp_path: Path) -> None:
    """A SIGALRM handler set after install(): a stop is raised at once, not held (holding
    would reset that timer and send its alarm to the other handler)."""
    before = "stops.install = (lambda install: lambda: (install(), signal.signal(signal.SIGALRM, lambda *_: None)))(stops.install)"
    assert _run(tmp_path, "SIGTERM", before).split()[:2] == ["stopped", "False"]


def test_installed_twice_it_is_the_same() -> None:
    from octavo.cli import stops

    saved = {n: signal.getsignal(n) for n in (*stops.STOPS, signal.SIGALRM)}
    try:
        stops.install()
        first = {n: signal.getsignal(n) for n in saved}
        stops.install()
        assert {n: signal.getsignal(n) for n in saved} == first
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


# the `octavo` command before its tasks: a stop inside an import of its start (invoke's, here
# a module that signals itself) ends it quietly, exit 1 (a traceback before)
START = """
import signal, sys
sys.path[:0] = [{root!r}, {folder!r}]
# as Python starts: SIGINT raises KeyboardInterrupt, SIGTERM and SIGHUP end the process
default = signal.default_int_handler if "{name}" == "SIGINT" else signal.SIG_DFL
signal.signal(signal.{name}, default)
from octavo.cli import stops
{before}
import stopped_module
print("not stopped")
"""


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("early", [True, False], ids=["before_start", "without"])
def test_a_stop_while_the_command_starts_ends_it_quietly(
    tmp_path: Path, name: str, early: bool
) -> None:
    (tmp_path / "stopped_module.py").write_text(MODULE.format(name=name))
    before = "stops.before_start()" if early else ""
    code = START.format(root=str(ROOT), folder=str(tmp_path), name=name, before=before)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    if early:
        assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    elif name == "SIGINT":  # Python's own: a KeyboardInterrupt's traceback
        assert "Traceback" in done.stderr and done.returncode != 0
    else:  # ended by the signal, as Python leaves SIGTERM and SIGHUP
        assert done.returncode == -getattr(signal, name)


def test_install_takes_over_from_before_start() -> None:
    code = (  # SIGINT as Python sets it in a terminal (a CI job's background shell ignores it)
        "import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from octavo.cli import stops\nstops.before_start()\nstops.install()\n"
        "print(signal.getsignal(signal.SIGINT).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.stdout.strip() == "_stop", done.stderr


def test_the_octavo_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from octavo.cli.main import main; main()", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert (done.returncode, done.stdout.split()[:1]) == (0, ["octavo"]), done.stderr


def test_a_held_stop_is_not_raised_inside_fork_s_hooks() -> None:
    """Python ignores an exception raised in os.fork's hooks ("Exception ignored in:
    <function _releaseLock>"): a held stop whose timer went off there was lost, and
    `invoke watch`, stopped while its first build forked the PDF's workers, watched on.
    While a fork runs its hooks the stop stays held, and is raised after."""
    from octavo.cli import stops

    saved = {n: signal.getsignal(n) for n in (*stops.STOPS, signal.SIGALRM)}
    try:
        stops.install()
        stops._held.append(signal.SIGTERM)
        stops._forking.append(True)  # as the fork's hooks run
        stops._again(signal.SIGALRM, None)  # held on: the timer set again, nothing raised
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0 and stops._held
        stops._forking.clear()
        with pytest.raises(KeyboardInterrupt):
            stops._again(signal.SIGALRM, None)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        stops._held.clear()
        stops._forking.clear()
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_the_hooks_registered_before_install_run_inside_the_fork_window() -> None:
    """logging's hooks, registered when it is imported (before `install`), run while
    `_forking` is set, in the parent; the child starts with it clear."""
    code = f"""
import os, sys
sys.path[:0] = [{str(ROOT)!r}]
from octavo.cli import stops
seen = []
os.register_at_fork(before=lambda: seen.append(bool(stops._forking)),
                    after_in_parent=lambda: seen.append(bool(stops._forking)))
stops.install()
pid = os.fork()
if pid == 0:
    os._exit(3 if stops._forking else 0)
_, status = os.waitpid(pid, 0)
print(seen, stops._forking, os.waitstatus_to_exitcode(status))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[True, True] [] 0", done.stderr
