"""octavo.render.pdf.parallel.book_fonts and page_glyphs: each font of the merged PDF is
written from the glyphs the book's pages draw, never from what the parts' fonts held."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from octavo.dev.gen import generate_study
from octavo.project import Project, open_project
from octavo.render.pdf.parallel.book_fonts import keep_files
from octavo.render.pdf.parallel.font_dicts import to_unicode
from octavo.render.pdf.parallel.merge import Placed, Spliced
from octavo.render.pdf.parallel.merging import merge_parts
from octavo.render.pdf.parallel.part import PartJob, PartLayout, lay_out_part
from octavo.render.pdf.parallel.part_json import from_json, to_json
from octavo.render.pdf.parallel.parts_store import PartStore
from octavo.render.pdf.parallel.spliced_fonts import whole_again

PAGE = """<!DOCTYPE html>
<html lang="en" class="octavo-print octavo-part"><head><meta charset="utf-8"><title>Part</title>
<link rel="stylesheet" href="file://styles/base.css">
<link rel="stylesheet" href="file://styles/print/fonts.css">
<link rel="stylesheet" href="file://styles/print/book.css">
</head><body><main class="body-matter">
<p>Regional <em>international</em> cooperation and <strong>industry</strong>.</p>
{more}
</main></body></html>"""
MORE = '<p style="break-before: page">Zephyr quartz, vexing jukebox: 789 <em>WQZ</em>.</p>'


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    found, _ = open_project(generate_study(tmp_path_factory.mktemp("book") / "book", 2))
    assert found is not None
    return found


def _laid_out(project: Project, html: str, name: str = "ch01") -> PartLayout:
    layout = lay_out_part(PartJob(name, name, html, project, (), ()))
    assert layout.warnings == ()
    keep_files(layout.files)  # as PartStore.put does
    return layout


def _first_page_only(layout: PartLayout) -> PartLayout:
    """`layout` with its last page dropped, its fonts still holding that page's glyphs (as
    a part spliced from two layouts would)."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(layout.pdf)) as document:
        del document.pages[-1]
        document.save(out)
    return replace(layout, pdf=out.getvalue(), pages=layout.pages[:-1])


def _font_files(pdf: bytes) -> list[bytes]:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return sorted(
            obj["/FontFile3"].read_bytes()
            for obj in document.objects
            if isinstance(obj, pikepdf.Dictionary) and "/FontFile3" in obj
        )


def test_each_page_records_the_glyphs_it_draws(project: Project) -> None:
    two = _laid_out(project, PAGE.format(more=MORE))
    assert len(two.pages) == 2 and two.faces
    first, second = (dict(p.glyphs or ()) for p in two.pages)
    texts = {t for glyphs in second.values() for _, _, t in glyphs}
    assert {"Z", "q", "x", "j", "7"} <= texts
    assert "Z" not in {t for glyphs in first.values() for _, _, t in glyphs}
    assert all(w > 0 for glyphs in first.values() for _, w, t in glyphs if t.strip())


def test_the_records_are_kept_with_the_page_map(project: Project) -> None:
    one = _laid_out(project, PAGE.format(more=""))
    again = from_json(to_json(one), one.pdf)
    assert again.pages == one.pages and again.faces == one.faces and not again.spliced
    spliced = replace(one, spliced=True)  # a part of two layouts stays one in the cache
    assert from_json(to_json(spliced), one.pdf).spliced


def test_a_spliced_part_that_would_keep_its_own_font_is_told(project: Project) -> None:
    """A font the merge does not write for the book stays as the part has it: a spliced
    part's would carry the replaced pages' glyphs (parallel.spliced_fonts)."""
    two = _first_page_only(_laid_out(project, PAGE.format(more=MORE)))
    assert two.faces
    odd = replace(two, faces=(replace(two.faces[0], whole=False), *two.faces[1:]))
    stamp = _laid_out(project, "<!DOCTYPE html><html><body></body></html>", "stamp")
    merge_parts((Placed(odd, 0),), 1, stamp)  # laid out whole: its own fonts are its own
    with pytest.raises(Spliced) as told:
        merge_parts((Placed(replace(odd, spliced=True), 0),), 1, stamp)
    assert told.value.names == ("ch01",)


def test_a_chapter_laid_out_whole_again_keeps_its_key(project: Project, tmp_path: Path) -> None:
    store = PartStore(tmp_path / "parts", "salt")
    jobs = {n: PartJob(n, "", PAGE.format(more=""), project, (), ()) for n in ("ch01", "ch02")}
    first, second = (store.keyed(job) for job in jobs.values())
    old = (replace(_laid_out(project, first.html), key=first.key, spliced=True),)
    kept = replace(old[0], name="ch02", key=second.key)
    with ThreadPoolExecutor(1) as pool:
        again = whole_again(pool, store, jobs.__getitem__, (*old, kept), ("ch01",))
    assert again[0].key == first.key and not again[0].spliced and again[1] is kept
    found = store.get(first)
    assert found is not None and not found.spliced  # kept in the spliced one's place


def test_a_font_holding_glyphs_of_a_page_not_in_the_book_gives_the_same_book(
    project: Project,
) -> None:
    one = _laid_out(project, PAGE.format(more=""))
    spliced = replace(_first_page_only(_laid_out(project, PAGE.format(more=MORE))), spliced=True)
    assert _font_files(one.pdf) != _font_files(spliced.pdf)  # the glyphs of the page dropped
    stamp = _laid_out(project, "<!DOCTYPE html><html><body></body></html>", "stamp")
    book = merge_parts((Placed(one, 0),), 1, stamp)
    assert merge_parts((Placed(spliced, 0),), 1, stamp) == book
    assert len(_font_files(book)) == len(one.faces or ())  # one file a font


def test_a_to_unicode_map_names_each_glyph_s_text() -> None:
    cmap = to_unicode([(3, 500, "f"), (7, 600, "fi"), (9, 0, "")])
    assert b"3 beginbfchar\n<0003> <0066>\n<0007> <00660069>\n<0009> <>\nendbfchar" in cmap


def test_recording_leaves_the_part_s_bytes_as_they_were(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contextlib import nullcontext

    from octavo.render.pdf.parallel import page_glyphs

    html = PAGE.format(more=MORE)
    recorded = _laid_out(project, html).pdf
    monkeypatch.setattr(page_glyphs, "recording", lambda document: nullcontext())
    monkeypatch.setattr("octavo.render.pdf.parallel.part._with_glyphs", lambda layout, *_: layout)
    assert lay_out_part(PartJob("ch01", "ch01", html, project, (), ())).pdf == recorded


def test_a_part_without_records_keeps_its_fonts(project: Project, tmp_path: Path) -> None:
    one = _laid_out(project, PAGE.format(more=""))
    stamp = _laid_out(project, "<!DOCTYPE html><html><body></body></html>", "stamp")
    old = replace(one, faces=None)  # as a part of an older cache format
    assert len(_font_files(merge_parts((Placed(old, 0),), 1, stamp))) == len(one.faces or ())
