"""The EPUB writer in a second process: the same bytes; any failure there is made here."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from octavo import api
from octavo.api import epub as api_epub
from octavo.errors import BuildError
from octavo.render.epub import beside, handover, prepare
from tests.conftest import MakeBook, section_source

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="Linux with two cores",
)


@pytest.fixture
def book(make_book: MakeBook) -> Path:
    return make_book({f"00{n}-s.md": section_source(n, f"Part {n}", total=3) for n in (1, 2, 3)})


def _here_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> bytes:
        raise AssertionError("the EPUB was made in this process")

    monkeypatch.setattr(api_epub, "_epub", fail)


def test_the_second_process_makes_the_same_epub(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone, _ = api.build_epub(book, tmp_path / "one.epub", jobs=1)
    _here_fails(monkeypatch)
    two, _ = api.build_epub(book, tmp_path / "two.epub", jobs=0)
    assert two.read_bytes() == alone.read_bytes()


def test_a_failure_over_there_is_made_here(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    alone, _ = api.build_epub(book, tmp_path / "one.epub", jobs=1)

    def broken(_: bytes) -> object:
        raise RuntimeError("the manuscript did not arrive")

    monkeypatch.setattr(pickle, "loads", broken)  # only the second process unpickles
    two, _ = api.build_epub(book, tmp_path / "two.epub", jobs=2)
    assert two.read_bytes() == alone.read_bytes()


def test_a_broken_template_is_reported_as_with_one_process(book: Path, tmp_path: Path) -> None:
    (book / "templates" / "epub").mkdir(parents=True)
    (book / "templates" / "epub" / "chapter.xhtml").write_text("{{ nothing.here }}")
    codes = []
    for jobs in (1, 0):
        with pytest.raises(BuildError) as raised:
            api.build_epub(book, tmp_path / f"{jobs}.epub", jobs=jobs)
        codes.append([d.code for d in raised.value.diagnostics])
    assert codes[0] == codes[1] == ["E702"]
    assert not list(tmp_path.glob("*.epub"))


def test_the_second_process_is_ended_when_the_build_stops(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int] = []
    real = beside.beside

    def watched(*args: object) -> object:
        context = real(*args)  # type: ignore[arg-type]
        writer = context.__enter__()
        started.append(writer.pid if writer else 0)
        return _Exiting(context, writer)

    monkeypatch.setattr(beside, "beside", watched)
    (book / "001-s.md").write_text("---\ntitle: [unclosed\n---\n")
    with pytest.raises(BuildError):
        api.build_epub(book, tmp_path / "x.epub", jobs=0)
    assert started and started[0] > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0], os.WNOHANG)  # reaped: no such child any more


class _Exiting:
    def __init__(self, context: object, writer: object):
        self.context, self.writer = context, writer

    def __enter__(self) -> object:
        return self.writer

    def __exit__(self, *exc: object) -> object:
        return self.context.__exit__(*exc)  # type: ignore[attr-defined]


def test_a_build_with_nothing_to_do_ends_the_second_process_cleanly(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # build/.octavo here
    out = tmp_path / "x.epub"
    api.build_epub(book, out, jobs=0)
    made = out.stat().st_mtime_ns
    for cover in (tmp_path / "build").rglob("cover-*.png"):
        cover.unlink()  # so the second process has something to write when it is stopped
    api.build_epub(book, out, jobs=0)
    assert out.stat().st_mtime_ns == made
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    beside._reap_ended()  # the first build's writer, which ended by itself
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left


def test_a_writer_that_sent_the_epub_is_reaped_later_once_it_kept_its_streams(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process waits for the writer's pipe to end (it has saved the deflate streams
    the next build takes), not for the process to be gone (the kernel freeing its memory):
    it is reaped at the next build, or left to init as this process exits."""
    monkeypatch.chdir(tmp_path)  # build/.octavo here
    _here_fails(monkeypatch)
    api.build_epub(book, tmp_path / "x.epub", jobs=0)
    assert len(beside._ending) == 1
    assert list((tmp_path / "build").rglob("deflated-*.bin"))  # kept before the pipe ended
    api.build_epub(book, tmp_path / "y.epub", jobs=0)  # reaps the first
    assert len(beside._ending) == 1
    beside._reap_ended()
    assert beside._ending == []
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_the_heap_is_frozen_for_the_build_only(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frozen before the fork (neither process's collector traverses the heap both hold),
    given back to the collector when the build ends, failed or not (`invoke watch` builds
    again and again in one process)."""
    import gc

    real = beside._write

    def write(*args: object) -> int:  # the second process: what it was forked with
        return real(*args) if gc.get_freeze_count() else 1  # type: ignore[arg-type]

    monkeypatch.setattr(beside, "_write", write)
    _here_fails(monkeypatch)  # (the second process gave up: not frozen)
    api.build_epub(book, tmp_path / "b.epub", jobs=0)
    assert gc.get_freeze_count() == 0


def test_the_writer_is_sent_the_manuscript_without_the_sections_markdown(book: Path) -> None:
    """The EPUB is made of the rendered sections: their Markdown stays here (40 % of the
    pickle); everything else arrives equal, each section still one object."""
    from dataclasses import replace

    manuscript, _ = api.manuscript(book)
    sent, titles, unsorted = pickle.loads(handover.dumps(manuscript))
    assert unsorted is False
    chapter, there = manuscript.chapters[0], sent.chapters[0]
    assert titles[manuscript.book.config.title] == manuscript.title_html  # rendered here
    assert [s.section.body for s in there.sections] == ["", "", ""]
    assert all(s.section.body for s in chapter.sections)
    assert there.sections[0].section is sent.book.chapters[0].sections[0]
    assert [s.section for s in there.sections] == [
        replace(s.section, body="") for s in chapter.sections
    ]
    assert [s.body_html for s in there.sections] == [s.body_html for s in chapter.sections]
    for name in ("title_html", "anchors", "images", "cover", "parts", "index"):
        assert getattr(sent, name) == getattr(manuscript, name)  # rebuilt from their fields
    assert sent.book.config == manuscript.book.config
    assert [c.sections[1:] for c in sent.chapters] == [
        tuple(replace(s, section=replace(s.section, body="")) for s in c.sections[1:])
        for c in manuscript.chapters
    ]


def test_the_models_dataclasses_are_pickled_by_their_fields() -> None:
    """Every dataclass of the model's modules that its fields make again is pickled as its
    class and fields (handover._BY_ARGUMENTS): until session 51 only the two defined in
    octavo.model itself were, the rest (defined in octavo.model.manuscript …) by
    dataclasses' slower state."""
    from octavo import model
    from octavo.model import Chapter, IndexEntry, Manuscript, RenderedChapter, RenderedSection

    for kind in (Chapter, IndexEntry, Manuscript, RenderedChapter, RenderedSection):
        assert kind in handover._BY_ARGUMENTS, kind
    assert all(k.__module__.startswith("octavo.") for k in handover._BY_ARGUMENTS)
    assert len(handover._BY_ARGUMENTS) > len(
        [k for k in vars(model).values() if getattr(k, "__module__", "") == "octavo.model"]
    )


def test_the_writer_runs_without_the_cyclic_collector(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from octavo.render.epub import book as epub_book

    real = epub_book.render_epub

    def render(*args: object, **kwargs: object) -> bytes:  # the second process's render
        if gc.isenabled():
            raise RuntimeError("the collector is on")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(epub_book, "render_epub", render)
    _here_fails(monkeypatch)
    api.build_epub(book, tmp_path / "b.epub", jobs=0)
    assert gc.isenabled()  # this process's is untouched


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def test_the_writer_measures_the_books_raster_images_as_this_process_would(
    make_book: MakeBook,
) -> None:
    from octavo.render.images import raster_size
    from octavo.render.markdown_cache import raster_key

    root = make_book(
        {
            "images/map.png": _png(40, 30),
            "images/broken.jpg": b"not a jpeg",
            "build/images/old.png": _png(5, 5),  # never the build folder
            "001-s.md": section_source(1, total=1),
        }
    )
    found = prepare.measures(root)
    image = (root / "images/map.png").read_bytes()
    assert sorted(found) == sorted([raster_key(image), raster_key(b"not a jpeg")])
    assert found[raster_key(image)] == list(raster_size(image)) == ["PNG", 40, 30]
    assert isinstance(found[raster_key(b"not a jpeg")], str)  # why not, as raster_size says


def test_a_measure_given_by_the_writer_is_taken_without_pillow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from octavo.render import markdown_cache
    from octavo.render.markdown_cache import SectionCache, raster_key

    def refused(_: bytes) -> object:
        raise AssertionError("measured here")

    sections = SectionCache.of_book(tmp_path / "cache", tmp_path)
    data = _png(3, 2)
    sections.measured = lambda: {raster_key(data): ["PNG", 3, 2], "image:x": ["bad"]}
    monkeypatch.setattr(markdown_cache, "raster_size", refused)
    assert sections.raster(data) == ("PNG", 3, 2)
    monkeypatch.undo()
    assert sections.raster(_png(4, 4)) == ("PNG", 4, 4)  # not given: measured here


def test_a_book_with_images_gives_the_same_epub_from_the_second_process(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    body = "Text.\n\n![A map](images/map.png)\n\nMore text.\n"
    root = make_book(
        {
            "images/map.png": _png(400, 300),
            **{f"00{n}-s.md": section_source(n, f"Part {n}", total=2, body=body) for n in (1, 2)},
        }
    )
    monkeypatch.chdir(tmp_path)
    alone, _ = api.build_epub(root, tmp_path / "one.epub", jobs=1)
    shutil.rmtree(tmp_path / "build" / ".octavo")  # cold again: the writer measures
    _here_fails(monkeypatch)
    two, _ = api.build_epub(root, tmp_path / "two.epub", jobs=0)
    assert two.read_bytes() == alone.read_bytes()


def test_the_writer_never_imports_the_markdown_parser() -> None:
    """It is forked before this process imports markdown-it, and told the titles it needs:
    importing the parser there would cost the second core 25-30 ms of every cold build."""
    import subprocess

    code = (
        "import sys\n"
        "from octavo.render.epub import beside, book, cover_draw, styles\n"
        "from octavo.render.epub.beside import _write\n"
        "from octavo.render.epub.prepare import prepare\n"
        "from octavo.render.index import indexed\n"  # the writer sorts the index (unsorted)
        "print(sorted(m for m in sys.modules if m.startswith(('markdown_it', 'mdit_py'))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


def test_the_writer_is_told_the_covers_titles_and_whether_to_measure(
    book: Path, tmp_path: Path
) -> None:
    from octavo.render.titles import title_html

    project = api.open_book(book)
    told = beside._told(project, tmp_path / "cache")
    assert told == {
        "titles": {project.config.title: title_html(project.config.title)},
        "measure": True,  # a cold build: nothing measured is kept
    }


def test_a_failure_as_the_writer_is_told_ends_it(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What goes wrong here between the fork and the manuscript never leaves the writer
    waiting for a manuscript that will not come."""

    def broken(*_: object) -> object:
        raise RuntimeError("cannot tell")

    monkeypatch.setattr(beside, "_told", broken)
    with pytest.raises(RuntimeError, match="cannot tell"), beside.beside(api.open_book(book), None):
        pass
    beside._reap_ended()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # ended and reaped


_INDEXED = (
    'The [Hanse]{{index="Hanseatic League" see="Hanse"}} traded [{word}]{{.index}} and '
    '[Zinc]{{.index}}, [ábaco]{{.index}} and [the capital]{{index="Capital" see="Towns!Lumen"}}.\n'
)


def _indexed_book(make_book: MakeBook) -> Path:
    return make_book(
        {
            f"00{n}-s.md": section_source(
                n, f"Part {n}", total=3, body=_INDEXED.format(word=("Eel", "apple", "Öl")[n - 1])
            )
            for n in (1, 2, 3)
        }
    )


def test_the_writer_sorts_the_index_and_the_epub_is_the_same(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The manuscript goes over with its index unsorted and the writer sorts it: the same
    bytes and the same W519s as one process, where the index is sorted here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = _indexed_book(make_book)
    monkeypatch.chdir(tmp_path)
    alone, one_found = api.build_epub(root, tmp_path / "one.epub", jobs=1)
    shutil.rmtree(tmp_path / "build" / ".octavo")  # cold again
    _here_fails(monkeypatch)
    two, two_found = api.build_epub(root, tmp_path / "two.epub", jobs=0)
    assert two.read_bytes() == alone.read_bytes()
    assert [d.code for d in two_found] == [d.code for d in one_found]
    assert [d.code for d in one_found].count("W519") == 6  # Hanse, Towns!Lumen: 3 times each


def test_a_sources_manuscript_made_unsorted_is_sorted_when_asked_again(
    make_book: MakeBook,
) -> None:
    """An EPUB's manuscript made with its index unsorted, then a PDF's from the same
    Sources (`watch`, `all`): the index is there, sorted as ever."""
    from octavo.api.opened import sources

    given = sources(_indexed_book(make_book))
    unsorted, _ = given.manuscript(unsorted=True)
    assert unsorted.index == ()
    made, _ = given.manuscript()
    expected, _ = api.manuscript(_indexed_book(make_book))
    assert made.index == expected.index != ()
    assert [e.term for g in made.index for e in g.entries][:3] == ["ábaco", "apple", "Capital"]


def test_a_cold_epub_never_sorts_the_index_here(
    make_book: MakeBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorting the index needs ICU (10 ms to import); the writer's process has it for the
    cover, and sorts it there: this process, which both wait for, never sorts it (nor
    imports ICU for it), and the index is in the EPUB all the same."""
    import zipfile

    from octavo.render import index

    root = _indexed_book(make_book)
    monkeypatch.chdir(tmp_path)
    index._collator.cache_clear()
    _here_fails(monkeypatch)
    out, _ = api.build_epub(root, tmp_path / "b.epub", jobs=0)
    assert index._collator.cache_info().currsize == 0
    with zipfile.ZipFile(out) as epub:
        assert "ábaco" in epub.read("EPUB/text/index.xhtml").decode()


def test_the_writer_sorts_the_index_without_the_markdown_parser(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """What the writer's process has imported when it renders the EPUB of a book whose
    index it sorted, in a cold build of a fresh process: no Markdown parser, nor the
    manuscript's renderer (importing `octavo.render.manuscript` to sort the index cost the
    writer 70-100 ms, while the build waited)."""
    import json
    import subprocess

    root = _indexed_book(make_book)
    seen = tmp_path / "seen.json"
    code = (
        "import json, os, sys\nfrom pathlib import Path\n"
        "import octavo.render.epub.book as book\n"
        "real = book.render_epub\n"
        "def spy(*args, **kwargs):\n"
        "    loaded = [m for m in sys.modules if m.startswith(('markdown_it', 'mdit_py'))]\n"
        "    loaded += [m for m in ('octavo.render.manuscript',) if m in sys.modules]\n"
        f"    Path({str(seen)!r}).write_text(json.dumps([os.getpid(), sorted(loaded)]))\n"
        "    return real(*args, **kwargs)\n"
        "book.render_epub = spy\n"
        "from octavo import api\n"
        f"api.build_epub(Path({str(root)!r}), Path({str(tmp_path / 'b.epub')!r}), jobs=0)\n"
        "print(os.getpid())\n"
    )
    parent = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    pid, loaded = json.loads(seen.read_text())
    assert str(pid) != parent  # rendered by the writer's process
    assert loaded == []
