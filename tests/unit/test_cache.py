"""The build key and the build stamp: what makes an output fresh."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo import stamps
from octavo.api import open_book
from octavo.cache import build_key, fingerprint
from octavo.errors import warning
from octavo.install import versions
from octavo.stamps import is_fresh, record
from tests.conftest import MakeBook, section_source


def test_build_key_changes_with_every_kind_of_input(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1)})

    def key(paper: str = "letter") -> str:
        return build_key(open_book(book), {"paper": paper})

    base = key()
    assert key() == base
    assert key("a4") != base
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    edited = key()
    assert edited != base
    (book / "styles").mkdir()
    (book / "styles" / "extra.css").write_text("p { color: red }")
    styled = key()
    assert styled != edited
    (book / "templates").mkdir()
    (book / "templates" / "x.html").write_text("x")
    templated = key()
    assert templated != styled
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert key() != templated


def test_fresh_only_with_output_and_matching_key(tmp_path: Path) -> None:
    out, stamp = tmp_path / "b.pdf", tmp_path / "state" / "stamps" / "b.json"
    assert is_fresh(stamp, out, "k") is None
    out.write_bytes(b"%PDF")
    assert is_fresh(stamp, out, "k") is None
    found = (warning("W309", "partial"),)
    record(stamp, out, "k", found)
    assert is_fresh(stamp, out, "k") == found and is_fresh(stamp, out, "other") is None
    out.write_bytes(b"%PDF changed")
    assert is_fresh(stamp, out, "k") is None
    out.unlink()
    assert is_fresh(stamp, out, "k") is None


def test_a_stamp_not_signed_by_this_user_is_not_taken(tmp_path: Path) -> None:
    """A build/.octavo planted with a stamp and an output beside it (an untrusted working
    folder) must not make octavo say "nothing to do": only a stamp this user signed counts."""
    import json

    out, stamp = tmp_path / "b.pdf", tmp_path / "state" / "stamps" / "b.json"
    out.write_bytes(b"%PDF")
    record(stamp, out, "k")
    assert is_fresh(stamp, out, "k") == ()
    signed = stamp.read_bytes()
    planted = signed[signed.index(b"{") :]  # the same stamp without its signature
    assert json.loads(planted)["key"] == "k"
    stamp.write_bytes(planted)
    assert is_fresh(stamp, out, "k") is None
    forged = signed.replace(b'"k"', b'"j"')  # signed once, then changed
    stamp.write_bytes(forged)
    assert is_fresh(stamp, out, "j") is None


def test_state_is_one_hidden_folder_never_beside_the_output(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octavo import api

    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.chdir(tmp_path)
    desktop = tmp_path / "desktop"
    api.build_epub(book, desktop / "x.epub")
    api.build_pdf(book, desktop / "x.pdf")
    assert sorted(p.name for p in desktop.iterdir()) == ["x.epub", "x.pdf"]
    state = tmp_path / "build" / ".octavo"
    assert len(list((state / "stamps").glob("*.json"))) == 2
    assert api.build_pdf(book, desktop / "x.pdf")[0] == desktop / "x.pdf"  # fresh: replayed


def test_one_fingerprint_starts_every_key() -> None:
    assert fingerprint("a") == fingerprint("a") != fingerprint("b")
    assert fingerprint("ab") != fingerprint("a", "b")
    assert "weasyprint=" in versions() and versions().startswith("octavo=")


@pytest.mark.usefixtures("ctime_settled")
def test_an_output_is_read_only_when_its_stat_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, stamp = tmp_path / "b.pdf", tmp_path / "state" / "stamps" / "b.json"
    out.write_bytes(b"%PDF")
    record(stamp, out, "k")
    read: list[Path] = []
    real = stamps._digest

    def counted(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(stamps, "_digest", counted)
    assert is_fresh(stamp, out, "k") == ()
    assert read == [out]  # just written: racy, so read
    old = time.time_ns() - 60 * 10**9
    os.utime(out, ns=(old, old))  # a new stat (the ctime), the same bytes: read, then kept
    assert is_fresh(stamp, out, "k") == ()
    read.clear()
    assert is_fresh(stamp, out, "k") == () and read == []
    out.write_bytes(b"%PDX")  # the same size
    os.utime(out, ns=(old, old))
    assert is_fresh(stamp, out, "k") is None


def test_an_output_replaced_within_its_second_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filesystem of whole seconds without ctimes: the same stat, other bytes."""
    monkeypatch.setattr(
        stamps, "stat_text", lambda info: f"{info.st_size} {info.st_mtime_ns // 10**9}"
    )
    out, stamp = tmp_path / "b.pdf", tmp_path / "state" / "stamps" / "b.json"
    now = time.time_ns()
    out.write_bytes(b"%PDF")
    os.utime(out, ns=(now, now))
    record(stamp, out, "k")
    out.write_bytes(b"%PDX")
    os.utime(out, ns=(now, now))
    assert is_fresh(stamp, out, "k") is None


def _git(folder: Path, *args: str, date: str = "2024-03-01T12:00:00Z") -> None:
    import subprocess

    people = {
        f"GIT_{who}_{what}": value
        for who in ("AUTHOR", "COMMITTER")
        for what, value in (("NAME", "t"), ("EMAIL", "t@example.org"), ("DATE", date))
    }
    subprocess.run(["git", *args], cwd=folder, env={**os.environ, **people}, check=True)


def _age(*paths: Path) -> None:
    """As if written long ago: the kept answers of octavo.stat_cache are taken only then."""
    for path in paths:
        if path.exists():
            os.utime(path, (1_600_000_000, 1_600_000_000))


@pytest.mark.usefixtures("ctime_settled")
def test_a_commit_of_what_was_built_changes_the_key(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The build date is the book's last commit: committing what was already built dates a
    clean checkout's output anew, so the key changes too (else the output kept the old
    date). While git's files keep their stats, git is not run again."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    book = make_book({"001-a.md": section_source(1, total=1)})
    _git(book, "init", "-q")
    _git(book, "add", ".")
    _git(book, "commit", "-qm", "one")
    state = book / "build" / ".octavo"
    git = book / ".git"

    def aged() -> None:  # git's files as if written long ago, once (utime changes ctime)
        heads = git / "refs" / "heads"
        _age(git / "HEAD", git / "logs" / "HEAD", heads / "main", heads / "master")

    def key() -> str:
        return build_key(open_book(book), {}, state)

    aged()
    first = key()
    assert key() == first
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    edited = key()
    assert edited != first
    _git(book, "commit", "-qam", "two", date="2025-04-01T12:00:00Z")
    aged()
    committed = key()
    assert committed != edited  # the same files, a new build date
    ran: list[str] = []
    monkeypatch.setattr("octavo.commits.last_commit", lambda root: ran.append(str(root)))
    assert key() == committed
    assert ran == []  # known from git's files' stats


@pytest.mark.usefixtures("ctime_settled")
def test_a_build_runs_git_once(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The change check asks git for the build date and keeps it; the build's own date
    (Project.build_time) takes what it kept, and is the same date."""
    project = open_book(_committed_book(make_book, monkeypatch))
    build_key(project, {}, project.state)
    ran: list[str] = []
    monkeypatch.setattr("octavo.commits.last_commit", lambda root: ran.append(str(root)))
    assert project.build_time(()) == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    assert ran == []


@pytest.mark.usefixtures("ctime_settled")
def test_a_touched_source_outside_git_changes_the_key(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Outside git the build date is the newest source's mtime: a source touched (`touch`,
    `cp -p`) dates a clean build anew, so the key changes though no byte did."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(book.parent))  # no repository above
    state = book / "build" / ".octavo"
    os.utime(book / "001-a.md", (1_600_000_000, 1_600_000_000))
    os.utime(book / "book.toml", (1_600_000_000, 1_600_000_000))
    first = build_key(open_book(book), {}, state)
    assert build_key(open_book(book), {}, state) == first
    os.utime(book / "book.toml", (1_650_000_000, 1_650_000_000))
    assert build_key(open_book(book), {}, state) != first


def test_commit_files_outside_a_repository_and_when_git_is_placed_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octavo.commits import commit_files

    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "book"
    folder.mkdir()
    found = commit_files(folder)
    assert found is not None and all(".git" in f for f in found)  # (): no repository above
    _git(folder, "init", "-q")
    files = commit_files(folder)
    assert files is not None and str(folder / ".git" / "HEAD") in files
    assert any(f.endswith(("refs/heads/main", "refs/heads/master")) for f in files)
    monkeypatch.setenv("GIT_DIR", str(folder / ".git"))
    assert commit_files(folder) is None  # git placed elsewhere: asked every time


def test_a_planted_git_file_never_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A book's `.git` file naming a folder whose HEAD is a FIFO: told as "cannot tell"
    (git is asked, with its own timeout), never read."""
    from octavo.commits import commit_files

    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)
    book, planted = tmp_path / "book", tmp_path / "planted"
    book.mkdir()
    planted.mkdir()
    os.mkfifo(planted / "HEAD")
    (book / ".git").write_text(f"gitdir: {planted}\n")
    assert commit_files(book) is None


def test_a_signed_store_takes_only_what_this_user_signed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache store is in the working folder, which may be an untrusted book's: a signed
    store (laid-out PDF parts, merged PDFs, font subsets, the cover) takes an entry only if
    this user signed it; a planted entry is made again. No key: nothing is kept or taken."""
    from octavo import cache
    from octavo.render import signed

    store = cache.Store(tmp_path, signed=True)
    store.put("part.pdf", b"%PDF laid out here")
    assert store.get("part.pdf") == b"%PDF laid out here"
    assert cache.Store(tmp_path).get("part.pdf") != b"%PDF laid out here"  # kept signed
    (tmp_path / "part.pdf").write_bytes(b"%PDF planted")
    assert store.get("part.pdf") is None
    store.put("part.pdf", b"%PDF laid out here")
    blob = (tmp_path / "part.pdf").read_bytes()
    (tmp_path / "part.pdf").write_bytes(blob.replace(b"here", b"there"))  # signed, then changed
    assert store.get("part.pdf") is None
    monkeypatch.setattr(signed, "_key", lambda folder: None)
    store.put("other.pdf", b"%PDF")
    assert not (tmp_path / "other.pdf").exists() and store.get("part.pdf") is None


def test_a_signed_entry_is_written_without_waiting_for_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signed entry torn by a crash fails its signature and is made again: no fsync. An
    unsigned one (taken as it reads) is still made durable."""
    from octavo import cache

    synced: list[int] = []
    monkeypatch.setattr("octavo.write.os.fsync", synced.append)
    cache.Store(tmp_path, signed=True).put("part.pdf", b"%PDF laid out here")
    assert cache.Store(tmp_path, signed=True).get("part.pdf") == b"%PDF laid out here"
    assert synced == []
    cache.Store(tmp_path).put("library-x", b"libx.so.1")
    assert len(synced) == 1


def test_a_planted_pdf_part_is_not_merged(make_book: MakeBook, tmp_path: Path) -> None:
    """A laid-out part planted under the right name (its key is a function of the book's
    HTML and styles, which anyone can compute) is not taken: it is laid out again."""
    from octavo.render.pdf.parallel import parts_store
    from octavo.render.pdf.parallel.part import PartJob, PartLayout
    from octavo.render.pdf.parallel.part_json import to_json

    store = parts_store.PartStore(tmp_path / "cache", "salt")
    project = open_book(make_book({"001-a.md": section_source(1)}))
    job = store.keyed(PartJob("ch1", "", "<p>x</p>", project, (), ()))
    part = PartLayout("ch1", job.key, b"%PDF laid out here", (), (), ())
    store.put(part)
    assert parts_store.PartStore(tmp_path / "cache", "salt").get(job) == part
    (tmp_path / "cache" / f"{job.key}.pdf").write_bytes(b"%PDF planted")
    (tmp_path / "cache" / f"{job.key}.json").write_bytes(to_json(part).encode("utf-8"))
    assert parts_store.PartStore(tmp_path / "cache", "salt").get(job) is None


def test_icus_own_versions_are_in_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key held PyICU's version, not ICU's: a machine whose PyICU was built against
    another ICU (other letters, capitals and order in the index) reused a cached index."""
    import icu

    from octavo import install

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(install, "_known", {})
    here = versions(tmp_path / "state")
    assert f"icu={icu.ICU_VERSION}" in here and f"unicode={icu.UNICODE_VERSION}" in here
    monkeypatch.setattr(icu, "ICU_VERSION", "99.1")
    monkeypatch.setattr(install, "_known", {})
    assert versions() != here


def test_the_text_libraries_versions_are_in_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pango, HarfBuzz (and whether its subsetter is there) and fontconfig lay out and cut
    the PDF's fonts, outside any Python package's version: a system upgrade of them kept
    serving laid-out parts and font subsets of the old ones. Each is asked of the library
    WeasyPrint loads."""
    from octavo import install

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(install, "_known", {})
    here = versions(tmp_path / "state")
    for name in ("pango", "harfbuzz", "fontconfig"):  # WeasyPrint's, never missing
        assert re.search(rf";{name}=\d[\d.]*(;|$)", here), (name, here)
    assert re.search(r";harfbuzz-subset=(\d[\d.]*|none)(;|$)", here), here  # optional
    native = install._native()
    monkeypatch.setattr(install, "_native", lambda: native.replace("harfbuzz=", "harfbuzz=0."))
    monkeypatch.setattr(install, "_known", {})
    assert versions() != here


def test_an_icu_upgraded_in_place_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is kept of the versions is kept by the folders of the ICU libraries too: a
    system's ICU upgraded (its files replaced, PyICU's own folder untouched) is asked
    again; kept as it was, no ICU is imported (a build with nothing to do)."""
    import icu

    from octavo import install

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lib = tmp_path / "lib"
    lib.mkdir()
    monkeypatch.setattr(install, "_native_folders", lambda: str(lib))
    old = time.time_ns() - 60 * 10**9
    os.utime(lib, ns=(old, old))
    monkeypatch.setattr(install, "_known", {})
    here = versions(tmp_path / "state")
    monkeypatch.setattr(icu, "ICU_VERSION", "99.1")
    monkeypatch.setattr(install, "_known", {})
    assert versions(tmp_path / "state") == here  # kept: nothing asked
    (lib / "libicudata.so.99").write_bytes(b"")
    os.utime(lib, ns=(old + 10**9, old + 10**9))
    monkeypatch.setattr(install, "_known", {})
    assert "icu=99.1" in versions(tmp_path / "state")


def test_what_is_asked_and_where_the_libraries_are_name_the_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept versions are taken while what is asked is the same: an octavo that asks
    more (`_ASKED`) or a linker told to look elsewhere (LD_LIBRARY_PATH: another Pango)
    asks again, where the entry an older octavo kept (without the text libraries) was
    taken, its folders' stats unchanged."""
    from octavo import install, stat_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(stat_cache, "RACY_NS", 0)  # the folders' stats are taken as kept
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)

    def asked(answer: str) -> str:
        monkeypatch.setattr(install, "_libraries", lambda: answer)
        monkeypatch.setattr(install, "_known", {})
        # the libraries' part, before the machine's fonts (octavo.machine.font_folders)
        return install.versions(tmp_path / "state").rsplit(";fonts=", 1)[0]

    monkeypatch.setattr(install, "_ASKED", 1)
    assert asked("old=1").endswith(";old=1")
    assert asked("new=2").endswith(";old=1")  # kept: nothing asked
    monkeypatch.setattr(install, "_ASKED", 2)
    assert asked("new=2").endswith(";new=2")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    assert asked("other=3").endswith(";other=3")


def _committed_book(make_book: MakeBook, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    book = make_book({"001-a.md": section_source(1, total=1)})
    _git(book, "init", "-q")
    _git(book, "add", ".")
    _git(book, "commit", "-qm", "one", date="2024-05-06T07:08:09Z")
    git = book / ".git"
    heads = git / "refs" / "heads"
    _age(git / "HEAD", git / "logs" / "HEAD", heads / "main", heads / "master")
    monkeypatch.chdir(book.parent)  # build/.octavo/ there
    return book


@pytest.mark.usefixtures("ctime_settled")
def test_a_build_starts_git_ahead_and_the_check_reads_it(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's book opened (Sources) starts git at once; the change check reads what that
    git says, and starts no other."""
    from octavo import commits
    from octavo.api.opened import Sources

    book = _committed_book(make_book, monkeypatch)
    opened = Sources(book)
    root = opened.project.root.resolve()
    assert commits._asked[root][0] == os.getpid()
    started: list[Path] = []
    monkeypatch.setattr(commits, "_started", lambda root: started.append(root))
    build_key(opened.project, {}, opened.project.state)
    assert root not in commits._asked and started == []
    assert opened.project.build_time(()) == datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


@pytest.mark.usefixtures("ctime_settled")
def test_a_kept_date_starts_no_git_ahead(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the date is kept (git's files unchanged since), no git is started ahead; nor for
    a command that keeps nothing, nor under SOURCE_DATE_EPOCH."""
    from octavo import commits
    from octavo.api.opened import Sources

    book = _committed_book(make_book, monkeypatch)
    project = open_book(book)
    build_key(project, {}, project.state)  # asks git and keeps its answer
    started: list[Path] = []
    monkeypatch.setattr(commits, "_started", lambda root: started.append(root))
    Sources(book)
    Sources(book, keep=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    Sources(book)
    assert started == []


@pytest.mark.usefixtures("ctime_settled")
def test_a_kept_empty_date_starts_no_git_ahead(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book in a repository whose folder no commit touches keeps the date "" (the newest
    source's time is the build date): the next build starts no git either (review51: one
    was started on every build, and never read)."""
    from octavo import commits
    from octavo.api.opened import Sources

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "elsewhere.txt").write_text("x")
    _git(book, "init", "-q")
    _git(book, "add", "elsewhere.txt")
    _git(book, "commit", "-qm", "one")
    (book / "sub").mkdir()
    for name in ("book.toml", "001-a.md"):
        (book / name).rename(book / "sub" / name)
    git = book / ".git"
    heads = git / "refs" / "heads"
    _age(git / "HEAD", git / "logs" / "HEAD", heads / "main", heads / "master")
    monkeypatch.chdir(book.parent)
    project = open_book(book / "sub")
    build_key(project, {}, project.state)  # asks git: nothing, kept as ""
    started: list[Path] = []
    monkeypatch.setattr(commits, "_started", lambda root: started.append(root))
    Sources(book / "sub")
    assert started == []


def test_git_started_ahead_and_never_read_is_ended_at_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from octavo import commits

    unread = subprocess.Popen(["sleep", "30"], text=True)
    monkeypatch.setattr(commits, "_asked", {tmp_path: (os.getpid(), unread)})
    commits._end_unread()
    assert unread.returncode is not None and commits._asked == {}


def test_git_started_ahead_is_read_only_by_the_process_that_started_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process forked since (the EPUB writer) holds a copy of the pipe, not its own: it
    runs git itself; an earlier build's git never read (`watch`) is ended by the next."""
    import subprocess

    from octavo import commits

    earlier = subprocess.Popen(["sleep", "30"], text=True)
    monkeypatch.setattr(commits, "_asked", {tmp_path: (os.getpid() + 1, earlier)})
    assert commits._ahead(tmp_path) is None and commits._asked == {}
    commits._asked[tmp_path] = (os.getpid(), earlier)
    monkeypatch.setattr(commits, "commit_files", lambda root: ())
    commits.ask_ahead(tmp_path, None)  # outside a repository now: nothing started
    assert earlier.poll() is not None and commits._asked == {}
