"""octavo.render.pdf.weasy_folders: a build leaves no WeasyPrint font folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from octavo.dev.gen import generate_study
from tests.conftest import ROOT


def test_a_pdf_build_leaves_no_font_folder(tmp_path: Path) -> None:
    """Each build copied octavo's fonts (1.6 MB) into a `weasyprint-*` folder it never
    removed: a command ends without collecting its FontConfigurations."""
    book = generate_study(tmp_path / "book", 3)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "pdf", "--book", str(book)]
    for jobs in ("1", "2"):
        out = tmp_path / f"b{jobs}.pdf"
        subprocess.run(
            [*command, "--out", str(out), "--jobs", jobs], cwd=tmp_path, env=env, check=True
        )
        assert out.is_file()
    assert sorted(p.name for p in temporary.iterdir()) == []


def test_invoke_all_leaves_no_font_folder(tmp_path: Path) -> None:
    """`invoke all` builds each book in a pool's worker, which ends by os._exit after
    multiprocessing's finalizers, not atexit's: each worker left its folder (review51)."""
    books = [generate_study(tmp_path / f"book{n}", 2, seed=n) for n in (1, 2)]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(ROOT)}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), "all", "--out", str(out)]
    for book in books:
        command += ["--books", str(book)]
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    assert sorted(p.suffix for p in out.glob("*/*")) == [".epub", ".epub", ".pdf", ".pdf"]
    assert sorted(p.name for p in temporary.iterdir()) == []


def test_only_the_maker_removes_a_folder(tmp_path: Path) -> None:
    from octavo.render.pdf import weasy_folders

    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    weasy_folders._made.extend([(os.getpid(), str(mine)), (os.getpid() + 1, str(theirs))])
    try:
        weasy_folders.remove_made()
    finally:
        weasy_folders._made[:] = [m for m in weasy_folders._made if m[1] != str(theirs)]
    assert not mine.exists() and theirs.exists()


def _dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_killed_builds_folder_is_swept_later(tmp_path: Path) -> None:
    """A process killed outright (no exit handler ran) leaves its font folder; a later build
    removes it once its maker is gone and it has been untouched for an hour, and nothing
    else: not a running process's, not a recent one, not a folder of another name."""
    from octavo.render.pdf import weasy_folders

    script = (
        "import os, sys; from octavo.render.pdf import weasy_folders as w; "
        "print(w.make_folder(sys.argv[1])); sys.stdout.flush(); os._exit(0)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    made = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(made).is_dir()  # killed: left behind
    dead = _dead_pid()
    recent = tmp_path / f"{weasy_folders.PREFIX}{dead}-recent"
    running = tmp_path / f"{weasy_folders.PREFIX}{os.getpid()}-running"
    other = tmp_path / "weasyprint-abc"
    for folder in (recent, running, other):
        folder.mkdir()
    (tmp_path / f"{weasy_folders.PREFIX}{dead}-link").symlink_to(other)
    later = Path(made).stat().st_mtime + weasy_folders.STALE
    os.utime(recent, (later - 10, later - 10))
    assert weasy_folders.sweep(str(tmp_path), now=later - 1) == ()
    assert weasy_folders.sweep(str(tmp_path), now=later) == (made,)
    assert not Path(made).exists()
    assert recent.is_dir() and running.is_dir() and other.is_dir()


def test_a_planted_folder_name_never_fails_a_build(tmp_path: Path) -> None:
    """/tmp is shared: a folder named with a pid no process can have (too large for the
    system's kill) or with non-ASCII digits is left alone, never an error."""
    from octavo.render.pdf import weasy_folders

    huge = tmp_path / f"{weasy_folders.PREFIX}99999999999999999999-x"
    arabic = tmp_path / f"{weasy_folders.PREFIX}\u0661\u0662-x"
    for folder in (huge, arabic):
        folder.mkdir()
        os.utime(folder, (0, 0))
    assert weasy_folders.sweep(str(tmp_path)) == ()
    assert huge.is_dir() and arabic.is_dir()
    assert weasy_folders._running(2**70)  # an impossible pid counts as running: kept


def test_a_folder_in_use_is_never_swept(tmp_path: Path) -> None:
    """A process this one cannot see (another PID namespace sharing the temporary folder)
    holds its folder's lock: the sweep leaves the folder, however old, until it lets go."""
    import fcntl

    from octavo.render.pdf import weasy_folders

    folder = tmp_path / f"{weasy_folders.PREFIX}{_dead_pid()}-elsewhere"
    folder.mkdir()
    lock = os.open(folder / weasy_folders.LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_SH)
        os.utime(folder, (0, 0))
        assert weasy_folders.sweep(str(tmp_path)) == ()
        assert folder.is_dir()
    finally:
        os.close(lock)
    assert weasy_folders.sweep(str(tmp_path)) == (str(folder),)


def test_the_maker_holds_its_folders_lock_while_the_folder_lives(tmp_path: Path) -> None:
    """Held from `make_folder` on; let go once the folder is removed (by WeasyPrint, when it
    collects its configuration), not held open for the rest of the process."""
    import shutil

    from octavo.render.pdf import weasy_folders

    first = weasy_folders.make_folder(str(tmp_path))
    second = ""
    try:
        assert weasy_folders._claim(Path(first)) is None  # in use: never swept
        shutil.rmtree(first)
        second = weasy_folders.make_folder(str(tmp_path))
        assert first not in weasy_folders._held and second in weasy_folders._held
    finally:
        made = {first, second}
        weasy_folders._let_go(folders=frozenset(made))
        weasy_folders._made[:] = [m for m in weasy_folders._made if m[1] not in made]
    claimed = weasy_folders._claim(Path(second))  # let go: free to sweep
    assert claimed is not None and claimed >= 0
    os.close(claimed)


def test_where_locks_cannot_be_had_the_hour_alone_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without locks (NFS without them, some FUSE): the maker leaves no lock
    file behind (else the sweep would keep its folder for ever once it is dead) and the
    sweep takes a lock file it cannot lock for no lock (-1), not for one held."""
    import errno
    import fcntl

    from octavo.render.pdf import weasy_folders

    def unsupported(fd: int, operation: int) -> None:
        raise OSError(errno.EOPNOTSUPP, "locks not supported")

    monkeypatch.setattr(fcntl, "flock", unsupported)
    made = weasy_folders.make_folder(str(tmp_path))
    try:
        assert not (Path(made) / weasy_folders.LOCK).exists()
        assert made not in weasy_folders._held
    finally:
        weasy_folders._made[:] = [m for m in weasy_folders._made if m[1] != made]
    (Path(made) / weasy_folders.LOCK).touch()  # one left by a maker that could lock
    assert weasy_folders._claim(Path(made)) == -1
