"""The last git commit that touched a book folder: its date, asked of git with the book's
repository held down, and the files of git's whose stats stand for it (so that a build with
nothing to do runs no git). A build that will ask git starts it ahead (`ask_ahead`), so
that git walks the history while the build does other work.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["ask_ahead", "commit_files", "kept_commit", "last_commit"]

# git started ahead for a folder (`ask_ahead`), taken by the first `last_commit` of it in
# the process that started it (a process forked since has a copy of the pipe, not its own)
_asked: dict[Path, tuple[int, subprocess.Popen[str]]] = {}


def kept_commit(root: Path, state: Path | None, save: bool = True) -> str:
    """The committer date (ISO) of the last commit touching the folder `root` (a real path),
    "" outside git or before its first commit; kept in `state` while git's files keep
    their stats (octavo.commits.commit_files). `save` False: a keep is taken, not written:
    Project.build_time reads the one the change check just wrote, so that a cold build
    runs git once, not twice (a git process: 10-15 ms before the book is read)."""
    from octavo.stat_cache import kept_text  # (it reads files through octavo.sandbox)

    files = commit_files(root)
    if files == ():
        return ""

    def commit() -> str:
        found = last_commit(root)
        return found.isoformat() if found else ""

    if files is None:
        return commit()
    return kept_text(state, _kept_name(root), files, commit, save)


def ask_ahead(root: Path, state: Path | None) -> None:
    """Start git now for `kept_commit(root, state)` if it will run git: a cold build asked
    it only at the change check, where its walk of the history (20 ms on a repository of
    1,500 commits; all of it for a folder no commit touched) held up the build. What it
    prints is read by the first `last_commit(root)`; one never read is ended at exit.
    Nothing is started when the date is kept, an empty one too (no commit touches the
    folder): a build with nothing to do runs no git."""
    from octavo.stat_cache import text_kept

    _end(_ahead(root))  # an earlier build's, never read (`invoke watch`)
    files = commit_files(root)
    if files == ():
        return
    if files is not None and text_kept(state, _kept_name(root), files) is not None:
        return
    with_git = _started(root)
    if with_git is not None:
        _asked[root] = os.getpid(), with_git


def _end_unread() -> None:
    """At exit: git started ahead and never read (a build that failed before its check)
    is ended and reaped, not left walking the history after the command."""
    for root in list(_asked):
        _end(_ahead(root))


def _end(started: subprocess.Popen[str] | None) -> None:
    """git started ahead and never read, ended and reaped."""
    if started is not None:
        started.kill()
        started.communicate()


atexit.register(_end_unread)


def _ahead(root: Path) -> subprocess.Popen[str] | None:
    """git started ahead for `root` by this process, taken (`ask_ahead`)."""
    pid, started = _asked.pop(root, (0, None))
    return started if pid == os.getpid() else None


def _kept_name(root: Path) -> str:
    return "commit-" + hashlib.sha256(str(root).encode()).hexdigest()[:16]


def last_commit(root: Path) -> datetime | None:
    """The committer date of the newest commit touching `root`; None outside a repository,
    without git, or before the folder's first commit. The book folder is untrusted, and so
    is its repository's own configuration, which git reads whatever we do: git runs with no
    pager, no fsmonitor, no signature shown (a `gpg.program` of the book's ran when its
    `log.showSignature` asked for one), no fetch of a partial clone's missing objects (a
    remote's `uploadpack` runs a program) and no system or global configuration."""
    started = _ahead(root) or _started(root)
    if started is None:
        return None
    try:
        out, _ = started.communicate(timeout=20)
    except BaseException as exc:  # its time out, or a stop (Ctrl-C): git ended with it
        started.kill()
        started.wait()
        if isinstance(exc, subprocess.SubprocessError):
            return None
        raise
    stamp = out.strip()
    if started.returncode != 0 or not (stamp.isascii() and stamp.isdigit()):
        return None
    return datetime.fromtimestamp(int(stamp), UTC)


def _started(root: Path) -> subprocess.Popen[str] | None:
    """git asked for the last commit touching `root` (as `last_commit` says), running; None
    without git."""
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_NO_LAZY_FETCH": "1",  # git 2.44 and later
        "GIT_ALLOW_PROTOCOL": "none",  # earlier ones: no transport at all
        "GIT_TERMINAL_PROMPT": "0",
    }
    settings = ("core.fsmonitor=false", "log.showSignature=false", "gpg.program=false")
    command = ["git", "--no-pager", *(f for s in settings for f in ("-c", s)), "log"]
    command += ["--no-show-signature", "-1", "--format=%ct", "--", "."]
    try:
        return subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None


_GIT_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES")


def commit_files(root: Path) -> tuple[str, ...] | None:
    """The files git rewrites whenever `last_commit(root)` can change (HEAD, its reflog, the
    branch it names, packed-refs), so that their stats can stand for the answer and a build
    with nothing to do runs no git; () outside any repository (no `.git` above `root`); None
    when this cannot be told without git (git's location set by the environment, a `.git`
    file or HEAD that cannot be read)."""
    if any(os.environ.get(name) for name in _GIT_ENV):
        return None
    for folder in (root, *root.parents):
        dot = folder / ".git"
        try:
            if dot.is_dir():
                gitdir = common = dot
            elif dot.exists():
                gitdir = folder / _git_line(dot).removeprefix("gitdir: ")
                shared = gitdir / "commondir"
                common = gitdir / _git_line(shared) if shared.exists() else gitdir
            else:
                continue
            head = _git_line(gitdir / "HEAD")
        except (OSError, ValueError):
            return None
        files = [gitdir / "HEAD", gitdir / "logs" / "HEAD", common / "packed-refs"]
        if head.startswith("ref: "):
            files.append(common / head.removeprefix("ref: "))
        return tuple(str(f) for f in files)
    return ()


def _git_line(path: Path) -> str:
    """The first line of one of git's small files (at most 4 KiB read). A book's `.git` is
    untrusted: anything but a regular file (a FIFO would block) is refused (ValueError)."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError(f"not a regular file: {path}")
        return os.read(fd, 4096).decode("utf-8").split("\n", 1)[0].strip()
    finally:
        os.close(fd)
