"""Digests remembered by stat: a build with nothing to do reads no source, and every change
is still seen (octavo.stat_cache, octavo.cache.build_key)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from octavo import cache, install, stat_cache
from octavo.api import open_book
from octavo.cache import build_key
from octavo.outputs import Made, cached_build, guard_default
from octavo.render import signed
from octavo.sandbox import digest_file
from octavo.source.sections import read_book
from octavo.stamps import as_stamped, edited_since, is_fresh, stamp_of
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.timing import within

OLD = time.time_ns() - 60 * 10**9  # a minute ago: safely out of the racy window


@pytest.fixture(autouse=True)
def user_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    root = make_book(
        {
            "001-a.md": section_source(1, "Land"),
            "002-b.md": section_source(2, "Rivers"),
            "003-c.md": section_source(3, "Lakes"),
            "styles/extra.css": "p { color: black }",
            "templates/x.html": "x",
            "images/map.png": b"\x89PNG not really",
        }
    )
    _age(root)
    return root


def _age(root: Path) -> None:
    """Every file of the book modified a minute ago (as a book is, between builds)."""
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))


Reads = list[str]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    """The files the change check reads, by name."""
    seen: Reads = []
    real = digest_file

    def counted(
        path: Path, roots: tuple[Path, ...], keep: bool = False, walked: Path | None = None
    ) -> bytes:
        seen.append(path.name)
        return real(path, roots, keep, walked)

    monkeypatch.setattr("octavo.stat_cache.digest_file", counted)
    return seen


def _keys(book: Path, state: Path) -> Callable[[], str]:
    """The key with the stat cache, checked against the key from reading every file."""

    def key() -> str:
        project = open_book(book)
        remembered = build_key(project, {}, state)
        assert remembered == build_key(project, {}, None)
        return remembered

    return key


@pytest.mark.usefixtures("ctime_settled")
def test_a_second_check_reads_no_file(book: Path, tmp_path: Path, reads: Reads) -> None:
    key = _keys(book, tmp_path / "state")
    first = key()
    reads.clear()
    project = open_book(book)
    assert build_key(project, {}, tmp_path / "state") == first
    assert reads == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda b: (b / "002-b.md").write_text(section_source(2, "Seas")), id="edit"),
        pytest.param(lambda b: (b / "002-b.md").rename(b / "009-b.md"), id="rename"),
        pytest.param(lambda b: (b / "002-b.md").unlink(), id="remove"),
        pytest.param(lambda b: (b / "004-d.md").write_text(section_source(4)), id="add"),
        pytest.param(
            lambda b: (b / "book.toml").write_text(BOOK_TOML.replace("Testland:", "Other:")),
            id="book.toml",
        ),
        pytest.param(lambda b: (b / "styles/extra.css").write_text("p{}"), id="stylesheet"),
        pytest.param(lambda b: (b / "templates/x.html").write_text("y"), id="template"),
        pytest.param(lambda b: (b / "images/map.png").write_bytes(b"\x89PNG other"), id="image"),
        pytest.param(
            lambda b: (b / "sub").mkdir() or (b / "sub/x.md").write_text("x"), id="folder"
        ),
    ],
)
def test_every_change_changes_the_key(
    book: Path, tmp_path: Path, change: Callable[[Path], object]
) -> None:
    key = _keys(book, tmp_path / "state")
    before = key()
    change(book)
    after = key()
    assert after != before
    assert key() == after


@pytest.mark.usefixtures("ctime_settled")
def test_a_touched_file_is_read_again_and_the_key_is_the_same(
    book: Path, tmp_path: Path, reads: Reads
) -> None:
    key = _keys(book, tmp_path / "state")
    before = key()
    os.utime(book / "002-b.md", ns=(OLD + 10**9, OLD + 10**9))
    reads.clear()
    assert build_key(open_book(book), {}, tmp_path / "state") == before
    assert reads == ["002-b.md"]
    reads.clear()
    assert build_key(open_book(book), {}, tmp_path / "state") == before
    assert reads == []  # the new stat was kept


def test_a_file_replaced_within_the_same_second_is_seen(
    book: Path, tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filesystem of whole seconds that keeps no ctime: a file replaced by one of the same
    size within the same second has the same stat. It is read while it is racy (its mtime
    not older than the keep), so the replacement is seen."""
    monkeypatch.setattr(
        stat_cache, "stat_text", lambda info: f"{info.st_size} {info.st_mtime_ns // 10**9}"
    )
    key = _keys(book, tmp_path / "state")
    section = book / "002-b.md"
    now = time.time_ns()
    section.write_text(section_source(2, "Seas"))
    os.utime(section, ns=(now, now))
    before = key()
    section.write_text(section_source(2, "Bays"))  # the same size, the same second
    os.utime(section, ns=(now, now))
    reads.clear()
    assert key() != before
    assert "002-b.md" in reads


def test_new_bytes_under_an_old_mtime_are_seen(
    book: Path, tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cp -p`, `touch -d` or an archive put an old mtime on new bytes; on a filesystem
    whose ctime has a coarse grain, a copy of the same size made within that grain has the
    same stat (here: a stat without ctime). Only its ctime (now) says it is racy: read again."""
    monkeypatch.setattr(
        stat_cache, "stat_text", lambda info: f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"
    )
    key = _keys(book, tmp_path / "state")
    section = book / "002-b.md"
    section.write_text(section_source(2, "Seas"))
    os.utime(section, ns=(OLD, OLD))
    before = key()
    section.write_text(section_source(2, "Bays"))  # the same size, the same old mtime
    os.utime(section, ns=(OLD, OLD))
    reads.clear()
    assert key() != before
    assert "002-b.md" in reads


def test_a_racy_entry_is_never_taken_even_from_this_users_own_keep(
    book: Path, tmp_path: Path, reads: Reads
) -> None:
    state = tmp_path / "state"
    section = book / "002-b.md"
    now = time.time_ns()
    os.utime(section, ns=(now, now))
    key = _keys(book, state)
    right = key()
    kept = stat_cache.kept_file(state, book.resolve())
    data = _planted_digest(kept, "002-b.md", "00" * 32)
    kept.write_bytes(_sign(data))
    reads.clear()
    assert key() == right
    assert "002-b.md" in reads


def _planted_digest(kept: Path, name: str, digest: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(signed.verified(kept.read_bytes()) or b"")
    files = data["files"]
    assert isinstance(files, dict)
    files[name] = files[name].rsplit(" ", 1)[0] + " " + digest
    return data


def _sign(data: dict[str, object]) -> bytes:
    blob = signed.sign(json.dumps(data).encode())
    assert blob is not None
    return blob


def test_a_planted_keep_is_not_taken(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book that ships build/.octavo/stat/ (signed by another key, or not at all) cannot
    make a changed source look unchanged."""
    state = tmp_path / "state"
    key = _keys(book, state)
    key()
    kept = stat_cache.kept_file(state, book.resolve())
    data = _planted_digest(kept, "002-b.md", "00" * 32)  # a digest the file does not have
    unsigned = json.dumps(data).encode()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    foreign = _sign(data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    for planted in (unsigned, foreign):
        kept.write_bytes(planted)
        key()  # equal to the key from reading every file


@pytest.mark.parametrize(
    "blob",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00garbage", id="garbage"),
        pytest.param(None, id="signed-but-not-json"),
        pytest.param(b"folder", id="a-folder"),
    ],
)
def test_a_damaged_keep_is_ignored(book: Path, tmp_path: Path, blob: bytes | None) -> None:
    state = tmp_path / "state"
    key = _keys(book, state)
    right = key()
    kept = stat_cache.kept_file(state, book.resolve())
    if blob == b"folder":
        kept.unlink()
        kept.mkdir()
    else:
        kept.write_bytes(blob if blob is not None else signed.sign(b"{not json") or b"")
    assert key() == right


def test_a_keep_of_another_folder_is_ignored(book: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    key = _keys(book, state)
    right = key()
    kept = stat_cache.kept_file(state, book.resolve())
    data = json.loads(signed.verified(kept.read_bytes()) or b"")
    data["root"] = "/elsewhere"
    kept.write_bytes(_sign(data))
    assert key() == right


def test_a_link_out_of_the_book_is_checked_every_time(
    book: Path, tmp_path: Path, reads: Reads
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("secret")
    (book / "004-link.md").symlink_to(secret)
    key = _keys(book, tmp_path / "state")
    before = key()
    reads.clear()
    key()
    assert reads.count("004-link.md") == 2  # never kept (twice: with and without the keep)
    secret.write_text("other")
    assert key() == before  # refused, never read: its refusal is hashed, not its bytes


def test_a_section_read_by_the_check_is_not_read_again(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_key(open_book(book), {}, tmp_path / "state")
    sections = {p.stat().st_ino for p in book.glob("*.md")}
    read: list[int] = []
    real = os.read

    def counted(fd: int, size: int) -> bytes:
        read.append(os.fstat(fd).st_ino)
        return real(fd, size)

    monkeypatch.setattr(os, "read", counted)
    loaded, _ = read_book(open_book(book))
    assert loaded is not None and len(loaded.sections) == 3
    assert read and not sections & set(read)  # the labels were read, no section


def test_a_section_changed_after_the_check_is_read_as_it_is(book: Path, tmp_path: Path) -> None:
    build_key(open_book(book), {}, tmp_path / "state")
    (book / "002-b.md").write_text(section_source(2, "Seas"))
    loaded, _ = read_book(open_book(book))
    assert loaded is not None
    assert [s.title for s in loaded.sections] == ["Land", "Seas", "Lakes"]


def test_a_build_is_skipped_exactly_when_nothing_changed(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made: list[int] = []

    def make() -> Made:
        made.append(1)
        return ((tmp_path / "out.bin", b"%d" % len(made)),), ()

    def build() -> int:
        cached_build(open_book(book), tmp_path / "out.bin", {"kind": "test"}, make)
        return len(made)

    assert build() == 1
    assert build() == 1
    os.utime(book / "001-a.md")  # touched, unchanged
    assert build() == 1
    (book / "001-a.md").write_text(section_source(1, "Hills"))
    assert build() == 2
    assert build() == 2
    (book / "styles/extra.css").unlink()
    assert build() == 3
    assert build() == 3


def test_a_kept_text_is_made_again_when_a_folder_changes(tmp_path: Path) -> None:
    """The libraries' versions are kept while no folder of sys.path gains, loses or renames
    an entry (as an installer does to a package's metadata)."""
    state, site = tmp_path / "state", tmp_path / "site"
    site.mkdir()
    os.utime(site, ns=(OLD, OLD))
    made: list[str] = []

    def make() -> str:
        made.append("made")
        return f"pillow={len(made)}"

    def kept() -> str:
        return stat_cache.kept_text(state, "libraries", (str(site), str(tmp_path / "no")), make)

    assert kept() == "pillow=1"
    assert kept() == "pillow=1" and len(made) == 1
    (site / "pillow-13.dist-info").mkdir()  # installed now: racy, made every time
    assert kept() == "pillow=2" and kept() == "pillow=3"
    os.utime(site, ns=(OLD, OLD))
    assert kept() == "pillow=4" and kept() == "pillow=4"
    assert stat_cache.kept_text(None, "libraries", (str(site),), make) == "pillow=5"


def test_a_planted_kept_text_is_not_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state, site = tmp_path / "state", tmp_path / "site"
    site.mkdir()
    os.utime(site, ns=(OLD, OLD))
    assert (
        stat_cache.kept_text(state, "libraries", (str(site),), lambda: "pillow=13") == "pillow=13"
    )
    path = state / "stat" / "libraries.json"
    data = json.loads(signed.verified(path.read_bytes()) or b"")
    data["value"] = "pillow=1"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    for planted in (json.dumps(data).encode(), _sign(data)):
        path.write_bytes(planted)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
        assert stat_cache.kept_text(state, "libraries", (str(site),), lambda: "pillow=13") == (
            "pillow=13"
        )


def test_a_fifo_planted_as_a_keep_is_not_waited_on(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state folder may be an untrusted book's: a FIFO where a keep is (its name is
    anyone's to work out) would block the read for ever."""
    state, first = tmp_path / "state", tmp_path / "first"
    monkeypatch.setattr(install, "_known", {})
    made = install.versions(first)
    expected = build_key(open_book(book), {}, first)
    (state / "stat").mkdir(parents=True)
    for keep in (first / "stat").iterdir():  # the book's, octavo's code's, the libraries'
        os.mkfifo(state / "stat" / keep.name)
    install._known.clear()
    with within(10):
        assert build_key(open_book(book), {}, state) == expected
        assert install.versions(state) == made


def test_the_versions_are_the_same_made_or_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(install, "_known", {})
    made = install.versions()
    for _ in range(2):
        install._known.clear()
        assert install.versions(tmp_path / "state") == made


def test_the_versions_are_kept_for_the_user_not_the_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """octavo's code and the libraries are the user's install: what they took to make is
    kept in the user's cache folder, where a cold build (its state folder removed) finds
    it; nothing of it is kept in (or taken from) a book's state folder."""
    monkeypatch.setattr(install, "_known", {})
    # the import path's folders are kept by their stats, unless one changed in the last
    # two seconds (racy): the other test processes write beside them (pytest-xdist)
    monkeypatch.setattr(stat_cache, "RACY_NS", 0)
    made = install.versions()
    install._known.clear()
    assert install.versions(tmp_path / "state") == made
    assert not (tmp_path / "state").exists()
    kept = sorted(p.name for p in (tmp_path / "user-cache" / "octavo" / "stat").iterdir())
    assert kept and any(name.startswith("libraries-") for name in kept)
    install._known.clear()
    assert install.versions(tmp_path / "other-state") == made


def test_octavos_templates_and_styles_are_kept_for_the_user(book: Path, tmp_path: Path) -> None:
    """Like its code, octavo's shipped templates and styles are its install: their digests
    are kept in the user's cache folder (a cold build, its state removed, finds them);
    the book's folders (its own templates and styles included) are kept in its state."""
    from octavo.shipped import STYLES, TEMPLATES

    state, user = tmp_path / "state" / "stat", tmp_path / "user-cache" / "octavo" / "stat"
    key = build_key(open_book(book), {}, tmp_path / "state")
    shipped = (TEMPLATES.resolve(), STYLES.resolve())
    mine = {stat_cache.kept_file(tmp_path / "state", r).name for r in shipped}
    assert mine <= {p.name for p in user.iterdir()}
    assert not mine & {p.name for p in state.iterdir()}
    assert stat_cache.kept_file(tmp_path / "state", book.resolve()).exists()
    assert build_key(open_book(book), {}, tmp_path / "other") == key


def test_keeps_are_written_without_waiting_for_the_disk(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keep is signed and checked when read: one torn by a crash is only made again, so
    it is not fsynced (a journal commit of 1-6 ms, four times before a book is read)."""
    synced: list[int] = []
    monkeypatch.setattr("octavo.write.os.fsync", synced.append)
    build_key(open_book(book), {}, tmp_path / "state")
    assert list((tmp_path / "state" / "stat").iterdir())
    assert synced == []


def test_a_fifo_planted_in_the_state_folder_is_never_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamps and the cache store's entries too (octavo.stamps, octavo.cache.Store)."""
    monkeypatch.chdir(tmp_path)
    book = tmp_path / "book"
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML)
    (book / "001-a.md").write_text(section_source(1, total=1))
    project = open_book(book)
    out = tmp_path / "x.epub"
    out.write_bytes(b"epub")
    stamp = stamp_of(project, out)
    stamp.parent.mkdir(parents=True)
    os.mkfifo(stamp)
    (tmp_path / "store").mkdir()
    os.mkfifo(tmp_path / "store" / "entry")
    with within(10):
        assert is_fresh(stamp, out, "key") is None
        assert not as_stamped(project, out)
        assert edited_since(project, out)
        guard_default(project, out)
        assert cache.Store(tmp_path / "store").get("entry") is None


def test_a_library_added_to_the_versioned_list_is_asked_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    monkeypatch.setattr(install, "_known", {})
    install.versions(state)
    monkeypatch.setattr(install, "VERSIONED", (*install.VERSIONED, "no-such-library"))
    install._known.clear()
    assert "no-such-library=none" in install.versions(state)


def test_a_file_in_a_subfolder_is_read_by_the_path_walked_to_it(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file the walk found in pages/ is opened at the path walked to it, its
    folders not resolved again; a linked file in that folder, and a linked folder, are
    still refused (their refusal hashed), whatever the walk vouches for."""
    pages = book / "pages"
    pages.mkdir()
    (pages / "0001.txt").write_text("page one")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (pages / "0002.txt").symlink_to(secret)
    (book / "linked").symlink_to(tmp_path)
    resolved: list[str] = []
    real = os.path.realpath

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        resolved.append(os.fspath(path))
        return real(path, *args, **kwargs)

    key = _keys(book, tmp_path / "state")
    before = key()
    monkeypatch.setattr(os.path, "realpath", counted)
    assert key() == before
    assert not any(p.endswith("0001.txt") for p in resolved)
    secret.write_text("other")
    assert key() == before  # the link's refusal, not its target's bytes
