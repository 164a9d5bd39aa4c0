"""Chapters laid out in parallel and merged give the one-process PDF, page for page."""

from __future__ import annotations

import io
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.dev.gen import generate_study
from octavo.model import APPENDIX, Manuscript
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel import book_fonts, build, fonts, jobs, started, tail
from octavo.render.pdf.parallel.build import ParallelResult, render_pdf_parallel
from octavo.render.pdf.parallel.fonts import begin_unions
from octavo.render.pdf.parallel.merge import Merger, Placed, Unmergeable
from octavo.render.pdf.parallel.merging import body_merger, merge_parts
from octavo.render.pdf.parallel.part import PartLayout
from octavo.zygote import Zygote
from tests.support.pdf_text import page_texts
from tests.support.weasyprint_log import quietly


@dataclass(frozen=True)
class Builds:
    root: Path
    manuscript: Manuscript
    one: Path  # jobs=1
    cold: ParallelResult  # jobs=2, empty cache
    cold_pdf: Path
    again: Path  # jobs=2 through api.build_pdf, its own empty cache
    cache: Path
    warnings: tuple[str, ...]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    folder = tmp_path_factory.mktemp("parallel")
    root = generate_study(folder / "book", 81)
    manuscript, _ = api.manuscript(root)
    cache = folder / "cache"
    (one, _), first = quietly(lambda: api.build_pdf(root, folder / "one" / "study.pdf"))
    cold, second = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, cache))
    cold_pdf = folder / "cold.pdf"
    cold_pdf.write_bytes(cold.pdf)
    (again, _), third = quietly(lambda: api.build_pdf(root, folder / "two" / "study.pdf", jobs=2))
    warnings = (*first, *second, *third)
    return Builds(root, manuscript, one, cold, cold_pdf, again, cache, warnings)


def test_no_weasyprint_warning(builds: Builds) -> None:
    assert builds.warnings == ()


def test_cold_build_lays_out_every_part_in_parallel(builds: Builds) -> None:
    chapters = {c.id for c in builds.manuscript.chapters}
    assert builds.cold.parallel and builds.cold.reused == ()
    assert chapters <= set(builds.cold.laid_out)


def test_same_pages_as_one_process(builds: Builds) -> None:
    one, parallel = page_texts(builds.one), page_texts(builds.cold_pdf)
    assert len(parallel) == len(one)
    assert [i for i, (a, b) in enumerate(zip(one, parallel, strict=True)) if a != b] == []


def test_reads_back_clean(builds: Builds) -> None:
    assert [str(d) for d in check_book_pdf(builds.cold_pdf, builds.manuscript)] == []


def test_two_parallel_builds_are_byte_identical(builds: Builds) -> None:
    assert builds.again.read_bytes() == builds.cold.pdf


def test_editing_one_section_lays_out_one_part(builds: Builds, tmp_path: Path) -> None:
    book = tmp_path / "book"
    shutil.copytree(builds.root, book)
    edited = builds.manuscript.chapters[2].sections[3].section.path.name
    source = book / edited
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(text + " One more sentence, about the railway.\n", encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, builds.cache)
    )
    chapters = {c.id for c in manuscript.chapters}
    assert [name for name in result.laid_out if name in chapters] == [manuscript.chapters[2].id]
    # the front matter, appendix and stamp, if laid out again (another day in the imprint),
    # were started beside the chapter, on the folios of the chapter's last layout: one
    # more sentence moved no heading
    assert set(result.guessed) == {"front", APPENDIX, "stamp"} & set(result.laid_out)
    out = tmp_path / "edited.pdf"
    out.write_bytes(result.pdf)
    assert [str(d) for d in check_book_pdf(out, manuscript)] == [] and warnings == []
    # what the cache and the guesses saved changed no byte: a cold build gives the same PDF
    cold, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    assert cold.guessed == () and cold.pdf == result.pdf


def test_an_edit_that_moves_page_numbers_lays_the_front_matter_out_again(
    builds: Builds, tmp_path: Path
) -> None:
    """Pages added to a chapter move the folios after it: the front matter guessed from the
    last layouts is wrong, and is laid out again with the new numbers (its key holds no
    build time, but it holds the folios)."""
    book = tmp_path / "book"
    shutil.copytree(builds.root, book)
    source = book / builds.manuscript.chapters[2].sections[3].section.path.name
    paragraph = "The railway carried grain, timber and machinery to the ports. " * 8
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(text + "\n\n" + "\n\n".join([paragraph] * 30) + "\n", encoding="utf-8")
    manuscript, _ = api.manuscript(book)
    result, warnings = quietly(
        lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, builds.cache)
    )
    assert "front" in result.laid_out and "front" not in result.guessed
    out = tmp_path / "edited.pdf"
    out.write_bytes(result.pdf)
    assert [str(d) for d in check_book_pdf(out, manuscript)] == [] and warnings == []
    cold, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, None))
    assert cold.pdf == result.pdf


def test_parts_that_do_not_fit_leave_no_guessed_part_waiting(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts found not to fit (merge.Unmergeable: page references that never settle, a
    landscape opening) fall back to one process; a guessed tail part not begun yet is
    cancelled then, so a warm pool (watch) is not kept busy with work nobody takes."""
    waiting: Future[PartLayout] = Future()

    def guessed(*args: Any) -> dict[str, Future[PartLayout]]:
        return {"front": waiting}

    def unfit(*args: Any) -> None:
        raise Unmergeable("the parts do not fit")

    monkeypatch.setattr(build, "guess", guessed)
    monkeypatch.setattr(build, "lay_out_tail", unfit)
    monkeypatch.setattr(build, "render_pdf", lambda *args: builds.cold)
    result, _ = quietly(
        lambda: render_pdf_parallel(builds.manuscript, PdfOptions(), 2, builds.cache)
    )
    assert not result.parallel and waiting.cancelled()


def test_a_new_build_time_alone_lays_out_no_part(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The front matter is laid out at a stand-in time and given the book's dates as it is
    merged (octavo.render.pdf.parallel.dates): a build whose only change is its time (a
    source saved again the same day) lays out nothing, and writes the bytes that laying
    the front out at that time gives."""
    at = builds.manuscript.book.modified
    same_day = timedelta(seconds=1 if at.second < 59 else -1)
    later = replace(builds.manuscript, book=replace(builds.manuscript.book, modified=at + same_day))
    result, warnings = quietly(lambda: render_pdf_parallel(later, PdfOptions(), 2, builds.cache))
    assert result.laid_out == () and warnings == []
    when = later.book.modified
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        info = pdf.docinfo
        assert info["/CreationDate"] == info["/ModDate"] == when.strftime("D:%Y%m%d%H%M%SZ")
        xmp = pdf.open_metadata()
        assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == when.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert result.pdf != builds.cold.pdf
    # the front laid out at the book's own time, as before the stand-in: the same bytes
    monkeypatch.setattr(jobs, "stands_in", lambda timestamp: False)
    laid, _ = quietly(lambda: render_pdf_parallel(later, PdfOptions(), 2, builds.cache))
    assert laid.laid_out == ("front",) and laid.pdf == result.pdf


def test_parts_merged_before_are_not_merged_again(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit undone gives back parts merged before: their PDF comes from the cache."""

    def merge(*args: object) -> bytes:
        raise AssertionError("merged again")

    monkeypatch.setattr("octavo.render.pdf.parallel.tail.merge_parts", merge)
    result = render_pdf_parallel(builds.manuscript, PdfOptions(), 2, builds.cache)
    assert result.laid_out == () and result.pdf == builds.cold.pdf


def test_a_merge_begun_while_chapters_are_laid_out_gives_the_same_bytes(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def capture(placed: tuple[Placed, ...], total: int, stamp: PartLayout, *rest: Any) -> bytes:
        seen.update(placed=placed, total=total, stamp=stamp, labels=rest[-1])
        return merge_parts(placed, total, stamp, *rest)

    monkeypatch.setattr(tail, "MERGED", "not merged before")
    monkeypatch.setattr(tail, "merge_parts", capture)
    result = render_pdf_parallel(builds.manuscript, PdfOptions(), 2, builds.cache)
    placed, total, stamp = seen["placed"], seen["total"], seen["stamp"]
    labels = seen["labels"]  # the book's page labels (page_labels.book_labels)
    begun = Merger()
    for p in placed[:3]:
        begun.add(p)
    assert (
        merge_parts(placed, total, stamp, begun=begun, labels=labels)
        == result.pdf
        == builds.cold.pdf
    )
    elsewhere = Merger()  # the front matter, one page later: not the start of `placed`
    elsewhere.add(Placed(placed[0].part, 1))
    assert merge_parts(placed, total, stamp, begun=elsewhere, labels=labels) == result.pdf

    body = tuple(p.part for p in placed[1:])
    first = body_merger(body).stamp_body(stamp)  # the front still being laid out: put before
    assert merge_parts(placed, total, stamp, begun=first, labels=labels) == builds.cold.pdf
    other = replace(stamp, key="another stamp")  # stamped otherwise: merged again, in order
    assert (
        merge_parts(placed, total, stamp, begun=body_merger(body).stamp_body(other), labels=labels)
        == result.pdf
    )


def test_one_job_is_the_one_process_build(builds: Builds) -> None:
    result = render_pdf_parallel(builds.manuscript, PdfOptions(), 1, None)
    assert not result.parallel and result.pdf == builds.one.read_bytes()


def test_the_default_build_is_the_same_bytes_on_one_core(
    builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book laid out in parts by default is so on any machine: on one core it was laid
    out whole, in one process, and its PDF was other bytes than on two."""
    monkeypatch.setattr("octavo.machine.cores", lambda: 1)
    (one_core, _), warnings = quietly(
        lambda: api.build_pdf(builds.root, tmp_path / "one-core.pdf", jobs=0)  # the default
    )
    assert warnings == [] and one_core.read_bytes() == builds.again.read_bytes()


def test_the_fonts_begun_from_the_parts_are_those_the_merge_shares(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """begin_unions reads each font's subsets from the parts while the pages are merged: a
    wrong guess would cost the unions again after the merge (the same bytes, later)."""
    seen: dict[str, Any] = {}

    def capture(placed: tuple[Placed, ...], total: int, stamp: PartLayout, *rest: Any) -> bytes:
        seen.update(placed=placed, total=total, stamp=stamp, labels=rest[-1])
        return b""

    monkeypatch.setattr(tail, "MERGED", "not merged before either")
    monkeypatch.setattr(tail, "merge_parts", capture)
    render_pdf_parallel(builds.manuscript, PdfOptions(), 2, builds.cache)
    placed, total, stamp = seen["placed"], seen["total"], seen["stamp"]
    with ThreadPoolExecutor(2) as pool:
        begun = begin_unions((*(p.part.pdf for p in placed), stamp.pdf), None, pool)
        assert len(begun) >= 2  # the regular face and the bold, at least
        for future in begun.values():
            future.result()
    monkeypatch.setattr(fonts, "_union", lambda subsets: pytest.fail("a union not begun"))
    labels = seen["labels"]
    assert merge_parts(placed, total, stamp, unions=begun, labels=labels) == builds.cold.pdf


class _Late(Future[Any]):
    """A part being laid out that, asked first, is not done yet; asked again, it is (once
    laid out): the front matter still being laid out when the stamp starts, done by the
    time the stamp is (`tail.lay_out_tail`)."""

    def __init__(self, laying_out: Future[Any]) -> None:
        super().__init__()
        self._laying_out = laying_out
        self._asked = False

    def done(self) -> bool:
        if not self._asked:
            self._asked = True
            return False
        self._laying_out.result()
        return True

    def result(self, timeout: float | None = None) -> Any:
        return self._laying_out.result(timeout)


def test_the_fonts_begun_beside_the_stamping_are_those_the_merge_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared fonts begun in the workers while the stamp is laid out (`lay_out_tail`) are
    the ones the merge takes: each union is submitted once, none begun again after the merge.
    (The unions are the fallback for what the pages' records do not cover, book_fonts:
    here nothing is covered.)"""
    monkeypatch.setattr(book_fonts, "plan", lambda parts: book_fonts.Plan({}, (), False))
    root = generate_study(tmp_path / "book", 3)
    manuscript, _ = api.manuscript(root)
    start, lay_out_tail, submit = started.start, tail.lay_out_tail, fonts._submit
    seen: dict[str, Any] = {}
    submitted: list[str] = []

    def late_front(pool: Any, store: Any, keyed: Any) -> Any:
        begun = start(pool, store, keyed)
        return _Late(begun) if keyed.name == "front" and isinstance(begun, Future) else begun

    def tail_seen(*args: Any) -> Any:
        seen["tail"] = lay_out_tail(*args)
        return seen["tail"]

    def merge_seen(*args: Any) -> bytes:
        seen["unions"] = args[6]
        return merge_parts(*args)

    def submitted_seen(*args: Any) -> fonts.Begun:
        begun = submit(*args)
        submitted.extend(begun)
        return begun

    monkeypatch.setattr(tail, "start", late_front)
    monkeypatch.setattr(build, "lay_out_tail", tail_seen)
    monkeypatch.setattr(tail, "merge_parts", merge_seen)
    monkeypatch.setattr(fonts, "_submit", submitted_seen)
    result, _ = quietly(lambda: render_pdf_parallel(manuscript, PdfOptions(), 2, tmp_path / "c"))
    assert result.parallel
    assert seen["tail"].unions, "no shared fonts begun beside the stamping"
    assert seen["unions"] is seen["tail"].unions  # handed on to the merge
    assert sorted(submitted) == sorted(seen["tail"].unions)  # none begun again


def test_an_image_or_font_replaced_is_laid_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture replaced by another of the same size, or a font the book's styles load
    from outside styles/, changes no part's HTML: the incremental PDF must still be the
    cold build's (the parts' key holds the book's other files), not the old one."""
    from PIL import Image

    from octavo.shipped import STYLES

    monkeypatch.chdir(tmp_path)  # the state folder (build/.octavo) is the working folder's
    root = generate_study(tmp_path / "book", 3)
    section = sorted(root.glob("*.md"))[-1]
    section.write_text(section.read_text() + "\n\n![A map](map.png)\n")
    (root / "styles" / "print").mkdir(parents=True, exist_ok=True)
    (root / "fonts").mkdir()
    css = (STYLES / "print" / "fonts.css").read_text()
    css = css.replace('url("../fonts/LinLibertine_R.otf")', 'url("../../fonts/Main.otf")')
    (root / "styles" / "print" / "fonts.css").write_text(css)
    shutil.copy(STYLES / "fonts" / "LinLibertine_R.otf", root / "fonts" / "Main.otf")
    Image.new("RGB", (60, 40), "red").save(root / "map.png")

    def pdf(name: str) -> bytes:
        (out, _), _ = quietly(lambda: api.build_pdf(root, tmp_path / name, jobs=2))
        return out.read_bytes()

    before = pdf("before.pdf")
    for edit in (
        lambda: Image.new("RGB", (60, 40), "blue").save(root / "map.png"),
        lambda: shutil.copy(STYLES / "fonts" / "LinLibertine_RB.otf", root / "fonts" / "Main.otf"),
    ):
        edit()
        incremental = pdf("incremental.pdf")
        shutil.rmtree(tmp_path / "build" / ".octavo")
        cold = pdf("cold.pdf")
        assert cold != before and incremental == cold
        before = cold


def test_watch_rebuilds_by_workers_kept_warm(
    builds: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invoke watch`'s rebuild (api.build_both with KeptWorkers) lays the PDF out in parts
    as `invoke pdf` does, the same bytes, and after an edit lays out the edited chapter
    alone, by the workers started for the first build; they end with the watch."""
    from octavo.render.pdf.parallel import start
    from octavo.render.pdf.parallel.start import KeptWorkers

    monkeypatch.chdir(tmp_path)  # build/ of the default outputs
    book = tmp_path / "book"
    shutil.copytree(builds.root, book)
    pools: list[Any] = []
    real = start.start_workers

    def counted(*args: Any) -> Any:
        pools.append(args)
        return real(*args)

    monkeypatch.setattr(start, "start_workers", counted)
    laid_out: list[tuple[str, ...]] = []
    parallel = build.render_pdf_parallel

    def recorded(*args: Any, **kwargs: Any) -> ParallelResult:
        result = parallel(*args, **kwargs)
        laid_out.append(result.laid_out)
        return result

    monkeypatch.setattr(build, "render_pdf_parallel", recorded)
    with KeptWorkers() as kept:
        (written, _), warnings = quietly(lambda: api.build_both(book, kept=kept))
        first = written[1].read_bytes()
        jobs = pools[0][0]
        zygote = kept.pool(api.open_book(book), jobs)
        assert isinstance(zygote, Zygote)
        source = book / builds.manuscript.chapters[2].sections[3].section.path.name
        text = source.read_text(encoding="utf-8").rstrip("\n")
        source.write_text(text + " One more sentence, about the railway.\n", encoding="utf-8")
        (written, _), more = quietly(lambda: api.build_both(book, kept=kept))
        assert len(pools) == 1 and kept.pool(api.open_book(book), jobs) is zygote
    assert not Path(f"/proc/{zygote._pid}").exists()  # ended with the watch, and reaped
    chapters = {c.id for c in builds.manuscript.chapters}
    assert len(laid_out) == 2 and chapters <= set(laid_out[0])
    assert [n for n in laid_out[1] if n in chapters] == [builds.manuscript.chapters[2].id]
    assert warnings == more == []
    (alone, _), _ = quietly(lambda: api.build_pdf(book, tmp_path / "pdf" / "b.pdf", jobs=0))
    assert written[1].read_bytes() == alone.read_bytes() != first
