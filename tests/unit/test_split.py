"""A cold build's sections rendered from both ends (octavo.render.split): the same bytes,
whatever the helper guesses or becomes."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from octavo import api
from octavo.render import split
from octavo.render.drafts import estimated_contexts
from octavo.render.markdown import render_block
from octavo.source.sections import load_book
from tests.conftest import ROOT, MakeBook, section_source

TWO_CORES = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="Linux with two cores",
)

NOTES = "Text.[^a] More.[^b] Again.[^a]\n\n[^a]: One.\n\n[^b]: Two.\n\n[^c]: Never called.\n"
TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"
GRID = "+---+---+\n| a | b |\n+===+===+\n| 1 | 2 |\n+---+---+\n"
SIMPLE = "  Right   Left\n-------   ------\n     12   one\n    123   two\n"
MULTILINE = (
    "-----------------\n Centre   Words\n-------- --------\n   one    a long\n          line\n\n"
    "   two    another\n-----------------\n"
)


def _real(markdown: str) -> tuple[int, int, int, int]:
    fragment = render_block(markdown)
    return (
        len(fragment.notes),
        len(fragment.tables),
        len(fragment.figures),
        len(fragment.examples),
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "Plain text.\n",
        NOTES,
        "A call to nothing.[^x]\n",
        f"{TABLE}\nTable: After. {{#tbl:a}}\n",
        f"Table: Before.\n\n{TABLE}",
        f": Before.\n\n{TABLE}\nTable: After.\n\n{TABLE}",
        f"{TABLE}\nNo caption.\n",
        "Term\n: a definition, not a caption\n",
        "![A figure](images/a.png){#fig:a}\n\nText ![inline](images/b.png) here.\n",
        "![](images/a.png)\n",
        "![Words with [a span]{.index} in them.](images/a.png){#fig:a}\n",
        '![](images/a.png){#fig:a width="50%"}\n',
        "<table><tr><td>1</td></tr></table>\n\nTable: After.\n",
        "<table><caption>Own.</caption><tr><td>1</td></tr></table>\n\nTable: Next's.\n\n"
        "<table><tr><td>2</td></tr></table>\n",
        "(@) one\n(@good) two\n\nAs @good shows.\n\n(@) three\n",
        "1. a list\n\n    (@) nested\n",
        "- (@) in a bullet\n\n> (@) quoted\n\n@. one\n@. two\n\n@) three\n",
        "```\n(@) code, not a list\n```\n\n(@) a list\n",
        f"{TABLE}Table: Its caption line, no blank line above.\n",
        f"{GRID}\nTable: A grid's.\n",
        f"Table: Above a grid.\n\n{GRID}",
        f"{SIMPLE}\nTable: A simple table's.\n",
        f"{MULTILINE}\nTable: A multiline table's, below its blank line.\n",
        f": Above a multiline table.\n\n{MULTILINE}",
        f"{SIMPLE}\nNo caption.\n\n{GRID}\nTable: Only this one.\n",
        "A paragraph.\n\n---\n\nTable: a rule is no table.\n",
    ],
)
def test_the_counts_are_those_the_rendering_makes(markdown: str) -> None:
    assert split.counted(markdown) == _real(markdown)


@pytest.mark.parametrize("name", ["constructs", "volume"])
def test_the_estimated_contexts_are_the_rendered_ones(name: str) -> None:
    book, _ = load_book(ROOT / "tests" / "data" / name)
    assert estimated_contexts(book, split.counted) == estimated_contexts(book, _real)


def test_the_bench_study_is_estimated_right(tmp_path: Path) -> None:
    """The study `invoke bench` times (octavo.dev.gen: pipe, grid and pandoc tables, figures,
    notes, examples): a count wrong in one section makes every later context wrong, and
    the helper's renderings all wasted (the grid tables once made 29 of 84 so)."""
    from octavo.dev.gen import generate_study

    generate_study(tmp_path / "study", 24, seed=1, constructs=True, matter=True)
    book, _ = load_book(tmp_path / "study")
    assert estimated_contexts(book, split.counted) == estimated_contexts(book, _real)


def test_each_section_is_claimed_by_one_end() -> None:
    ends = split.Split()
    try:
        assert ends.claim(0) and ends.claim(1)
        assert [ends.claim_back(5), ends.claim_back(5), ends.claim_back(5)] == [4, 3, 2]
        assert not ends.claim(2)  # the back has it, and all after it
        assert ends.claim_back(5) is None  # met
    finally:
        ends.close()


def test_the_back_stops_where_the_front_is() -> None:
    ends = split.Split()
    try:
        assert all(ends.claim(i) for i in range(4))
        assert ends.claim_back(4) is None
    finally:
        ends.close()


@pytest.fixture
def book(make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # its state folder (build/.octavo), which `_cold` removes
    bodies = [NOTES, f"{TABLE}\nTable: Counted.\n", "Plain.\n", NOTES, f"{TABLE}\nTable: Two.\n"]
    files: dict[str, str | bytes] = {
        f"00{n}-s.md": section_source(
            n, f"Part {n}", chapter=1 + n // 3, total=len(bodies), body=bodies[n - 1]
        )
        for n in range(1, len(bodies) + 1)
    }
    return make_book(files)


def _cold(book: Path, out: Path, jobs: int) -> bytes:
    shutil.rmtree(api.open_book(book).state, ignore_errors=True)
    built, _ = api.build_epub(book, out, jobs=jobs)
    return built.read_bytes()


def _taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many renderings this process took from the helper (recorded on their way)."""
    taken: list[int] = []
    real = split.Split.entries

    def entries(self: split.Split) -> Any:
        found = real(self)
        taken[:] = [len(found)]
        return found

    monkeypatch.setattr(split.Split, "entries", entries)
    return taken


@TWO_CORES
def test_a_cold_build_from_both_ends_is_the_same_epub(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone = _cold(book, tmp_path / "one.epub", jobs=1)
    assert _cold(book, tmp_path / "two.epub", jobs=0) == alone


@TWO_CORES
def test_the_helper_renders_sections_this_process_takes(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone = _cold(book, tmp_path / "one.epub", jobs=1)
    taken = _taken(monkeypatch)
    real = split.Split.claim

    def claim(self: split.Split, index: int) -> bool:  # this process waits for the helper
        import time  # to claim the last section (after the writer is prepared)

        waited = 0.0
        while self._read()[1] >= split._OPEN and waited < 60:
            time.sleep(0.01)
            waited += 0.01
        return real(self, index)

    monkeypatch.setattr(split.Split, "claim", claim)
    assert _cold(book, tmp_path / "two.epub", jobs=0) == alone
    assert taken and taken[0] >= 1


@TWO_CORES
@pytest.mark.parametrize("guess", [(9, 9, 9, 9), (0, 0, 0, 0)])
def test_a_wrong_count_is_rendered_here_again(
    guess: tuple[int, int, int, int], book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone = _cold(book, tmp_path / "one.epub", jobs=1)
    monkeypatch.setattr(split, "counted", lambda _: guess)  # the helper is forked: it too
    assert _cold(book, tmp_path / "two.epub", jobs=0) == alone


@TWO_CORES
def test_a_helper_that_fails_leaves_the_rendering_here(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone = _cold(book, tmp_path / "one.epub", jobs=1)

    def broken(*_: object) -> None:
        raise RuntimeError("the helper failed")

    monkeypatch.setattr(split, "render_back", broken)
    monkeypatch.setattr(split.Split, "claim", lambda self, index: index < 2)  # then over there
    assert _cold(book, tmp_path / "two.epub", jobs=0) == alone


@TWO_CORES
def test_a_build_with_renderings_kept_starts_no_helper(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    api.build_epub(book, tmp_path / "first.epub", jobs=0)
    (book / "003-s.md").write_text(section_source(3, "Part 3", chapter=2, total=5, body="New.\n"))

    def started(*_: object) -> None:
        raise AssertionError("a helper was started")

    monkeypatch.setattr(split, "helping", started)
    api.build_epub(book, tmp_path / "second.epub", jobs=0)


def test_a_cold_epub_waits_for_the_disk_for_the_epub_only(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What else it writes (the stamp, the renderings, the cover, the deflate streams, the
    stylesheets) is signed and checked when read: one torn by a crash is made again."""
    synced: list[str] = []
    monkeypatch.setattr(
        "octavo.write.os.fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}"))
    )
    _cold(book, tmp_path / "one.epub", jobs=1)
    assert [Path(p).name.split(".")[1:3] for p in synced] == [["one", "epub"]]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and /proc")
def test_a_killed_build_leaves_no_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kill -9` of the build ends its helper too (as the zygote's workers): it must not go
    on rendering a (maybe hostile, slow) book for nobody."""
    import signal
    import time

    from octavo.dev.gen import generate_study

    monkeypatch.setattr(split, "cores", lambda: 2)
    book = api.read(generate_study(tmp_path / "book", 3))[0]
    after, prepared = os.pipe()  # the EPUB writer's "prepared": still preparing
    build = os.fork()
    if build == 0:  # pragma: no cover  (the build)
        try:
            os.close(prepared)
            with split.helping(book, after):
                time.sleep(60)
        finally:
            os._exit(0)
    os.close(after)
    children = Path(f"/proc/{build}/task/{build}/children")
    for _ in range(200):
        if children.read_text().split():
            break
        time.sleep(0.02)
    helper = int(children.read_text().split()[0])
    os.kill(build, signal.SIGKILL)
    os.waitpid(build, 0)
    for _ in range(200):
        if not _alive(helper):
            break
        time.sleep(0.02)
    still = _alive(helper)
    os.close(prepared)
    if still:
        os.kill(helper, signal.SIGKILL)
    assert not still


def test_a_helper_that_cannot_be_forked_leaves_the_rendering_here(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fork() refused (a process limit) for the EPUB writer and the helper: the EPUB is
    made in this process, the same bytes, not an error."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(split, "cores", lambda: 2)
    monkeypatch.setattr("octavo.render.epub.beside.cores", lambda: 2)
    root = make_book({f"00{i}-a.md": section_source(i, total=3) for i in (1, 2, 3)})
    expected, _ = api.build_epub(root, tmp_path / "expected.epub", jobs=1)
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
    calls: list[int] = []

    def fork() -> int:
        calls.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    out, _ = api.build_epub(root, tmp_path / "out.epub", jobs=0)
    assert calls and out.read_bytes() == expected.read_bytes()


def test_a_helper_that_hangs_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper that never sends (hung: say forked while a host program's thread held a
    lock) costs at most `split.WAIT`, then its sections are rendered here."""
    import time

    monkeypatch.setattr(split, "WAIT", 0.2)
    ends = split.Split()
    try:
        started = time.monotonic()
        assert ends.entries() == {}  # the write end open, nothing sent
        assert time.monotonic() - started < 5
    finally:
        ends.close()


def test_the_notes_lines_are_the_same_rendered_by_the_helper(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the back renders (render_back, here in this process: the front claims none)
    carries each note's lines in its section's body, as this process's own rendering."""
    from octavo.render import markdown_cache
    from octavo.render.manuscript import render_manuscript
    from octavo.render.markdown_cache import SectionCache

    loaded, _ = load_book(book)
    ends = split.Split()
    try:
        split.render_back(ends, estimated_contexts(loaded, split.counted))
        cache = SectionCache.of_book(None, loaded.root)
        cache.split = ends
        with monkeypatch.context() as patched:  # all of them taken from the back's
            patched.setattr(markdown_cache, "render_block", None)
            helped, _ = render_manuscript(loaded, cache)
    finally:
        ends.close()
    alone, _ = render_manuscript(loaded)
    lines = [(n.line, n.call_line) for s in helped.sections for n in s.notes]
    assert lines == [(n.line, n.call_line) for s in alone.sections for n in s.notes]
    assert lines == [(2, 0), (4, 0)] * 2  # NOTES: "[^a]: One." and "[^b]: Two."
