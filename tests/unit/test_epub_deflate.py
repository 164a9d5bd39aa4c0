"""The EPUB members' deflate streams: zipfile's own bytes, kept between builds, never a
stream the state folder was given by someone else."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from octavo.render.epub.container import EpubWriteError, repack
from octavo.render.epub.deflate import COMPRESSLEVEL, Deflated, raw_deflate
from octavo.render.signed import sign, verified

WHEN = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def _page(word: str, size: int) -> bytes:
    words = " ".join(f"{word}{n % 97}" for n in range(size // 6))
    return f'<?xml version="1.0"?><html><body><p>{words}</p></body></html>'.encode()


def _source(pages: dict[str, bytes]) -> bytes:
    """A zip as ebooklib leaves it: members stored, in any order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("mimetype", b"application/epub+zip")
        for name, data in pages.items():
            target.writestr(name, data)
    return out.getvalue()


PAGES = {
    "EPUB/text/ch01.xhtml": _page("alpha", 120_000),  # two large members: two threads
    "EPUB/text/ch02.xhtml": _page("beta", 90_000),
    "EPUB/css/book.css": b"p { margin: 0 }",
}


def test_a_stream_is_the_one_zipfile_writes() -> None:
    data = PAGES["EPUB/text/ch01.xhtml"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("a", data, zipfile.ZIP_DEFLATED, COMPRESSLEVEL)
    with zipfile.ZipFile(out) as written:
        info = written.getinfo("a")
    start = info.header_offset + 30 + len("a")
    assert out.getvalue()[start : start + info.compress_size] == raw_deflate(data)


def test_kept_streams_give_the_same_epub_and_only_changes_are_deflated(tmp_path: Path) -> None:
    plain = repack(_source(PAGES), WHEN)
    first = Deflated.of_book(tmp_path, "urn:x")
    assert repack(_source(PAGES), WHEN, first) == plain
    assert first.made == len(PAGES)
    first.save()
    edited = {**PAGES, "EPUB/text/ch02.xhtml": _page("gamma", 90_000)}
    again = Deflated.of_book(tmp_path, "urn:x")
    assert repack(_source(edited), WHEN, again) == repack(_source(edited), WHEN)
    assert again.made == 1
    again.save()
    kept = Deflated.of_book(tmp_path, "urn:x")
    assert len(kept.known) == len(PAGES)  # the streams used, not the one replaced


def test_a_planted_or_damaged_file_is_not_taken(tmp_path: Path) -> None:
    first = Deflated.of_book(tmp_path, "urn:x")
    plain = repack(_source(PAGES), WHEN, first)
    first.save()
    (entry,) = tmp_path.glob("deflated-*.bin")
    head, _, _ = (verified(entry.read_bytes()) or b"").partition(b"\n")
    other = b"".join(raw_deflate(_page("planted", len(d))) for d in PAGES.values())
    planted = head + b"\n" + other
    for blob in (planted, b"octavo-signed-1\n" + b"0" * 64 + b"\n" + planted):
        entry.write_bytes(blob)  # unsigned, or signed with another key
        assert Deflated.of_book(tmp_path, "urn:x").known == {}
    entry.write_bytes(sign(head + b"\n" + other[:-1]) or b"")  # signed, sizes do not add up
    taken = Deflated.of_book(tmp_path, "urn:x")
    assert taken.known == {}
    assert repack(_source(PAGES), WHEN, taken) == plain


def test_without_a_cache_folder_nothing_is_kept() -> None:
    streams = Deflated.of_book(None, "urn:x")
    repack(_source(PAGES), WHEN, streams)
    streams.save()
    assert streams.store is None and streams.made == len(PAGES)


def test_streams_begun_early_are_the_same_and_still_checked() -> None:
    early = Deflated()
    early.start({name: data for name, data in PAGES.items() if name.endswith(".xhtml")})
    assert repack(_source(PAGES), WHEN, early) == repack(_source(PAGES), WHEN)
    broken = {**PAGES, "EPUB/text/ch02.xhtml": b"<p>not closed"}
    begun = Deflated()
    begun.start(broken)
    with pytest.raises(EpubWriteError, match="ch02"):
        repack(_source(broken), WHEN, begun)


def test_streams_begun_early_are_made_on_one_thread_as_they_are_given() -> None:
    """Each document is given as it is rendered: one thread deflates them in turn (the
    streams of raw_deflate), and what still waits when they are taken is deflated beside
    it; a stream known already is not made again."""
    import threading

    members = {f"EPUB/text/ch{i}.xhtml": (b"<p>%d</p>" % i) * (4000 + 500 * i) for i in range(6)}
    before = threading.active_count()
    kept = Deflated()
    for name, data in members.items():
        kept.start({name: data})
    assert threading.active_count() <= before + 1
    got = kept.streams(members, lambda name, data: None)
    assert got == {name: raw_deflate(data) for name, data in members.items()}
    assert kept.made == len(members) and threading.active_count() == before
    kept.start(members)  # all known now: no thread, nothing made again
    assert kept.streams(members, lambda name, data: None) == got
    assert kept.made == len(members) and threading.active_count() == before


def test_a_stopped_thread_ends_and_leaves_streams_to_make() -> None:
    """A render that fails half-way stops the thread: none is left waiting."""
    import threading

    before = threading.active_count()
    kept = Deflated()
    kept.start({"EPUB/text/ch1.xhtml": b"<p>1</p>"})
    kept.stop()
    kept.stop()  # (once is enough)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(timeout=5)
    assert threading.active_count() == before
    got = kept.streams({"EPUB/a.xhtml": b"<p/>"}, lambda name, data: None)
    assert got == {"EPUB/a.xhtml": raw_deflate(b"<p/>")}
