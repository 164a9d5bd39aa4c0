"""octavo.render.pdf.parallel.job_memo: the tail's jobs made once a build for layouts alike
in what the jobs read of them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from octavo import api
from octavo.render.pdf.document import PdfOptions
from octavo.render.pdf.parallel.job_memo import made, read_of
from octavo.render.pdf.parallel.jobs import front_job, in_parts, stamp_job
from octavo.render.pdf.parallel.page_maps import LinkBox, PageMap
from octavo.render.pdf.parallel.part import PartLayout
from octavo.render.pdf.parallel.parts_store import PartStore


def _layouts(parts: dict[str, tuple[str, ...]], pages: int = 3) -> tuple[PartLayout, ...]:
    """A layout of `pages` pages for each part (name -> its headings, on its first page)."""

    def page(name: str, i: int) -> PageMap:
        heads = parts[name] if i == 0 else ()
        return PageMap(False, name, heads, (), ((f"{name}-a{i}", 10.0, 20.0),), ())

    return tuple(
        PartLayout(n, f"key-{n}", b"%PDF", tuple(page(n, i) for i in range(pages)), (), ())
        for n in parts
    )


def test_layouts_alike_in_what_the_jobs_read_make_one_job(small_book: Path) -> None:
    manuscript, _ = api.manuscript(small_book)
    parts = {
        c.id: (c.id, *(s.id for s in getattr(c, "sections", ()))) for c in in_parts(manuscript)
    }
    first = _layouts(parts)
    # the same pages as the jobs read them: other glyphs, positions, links, PDF and key
    moved = tuple(
        replace(
            part,
            key="another",
            pdf=b"%PDF other",
            pages=tuple(
                replace(
                    p,
                    anchors=tuple((a, x + 5, y) for a, x, y in p.anchors),
                    links=(LinkBox("x", (0.0, 0.0, 1.0, 1.0)),),
                )
                for p in part.pages
            ),
        )
        for part in first
    )
    assert read_of(first) == read_of(moved)
    store = PartStore(None, "salt")
    options = PdfOptions()
    one = made(store, stamp_job, manuscript, options, first)
    assert made(store, stamp_job, manuscript, options, moved) is one
    assert one == stamp_job(manuscript, options, moved)
    # a page more, or a heading on another page: another job
    last = list(parts)[-1]
    longer = (*first[:-1], _layouts({last: parts[last]}, pages=4)[0])
    assert read_of(longer) != read_of(first)
    assert made(store, stamp_job, manuscript, options, longer) == stamp_job(
        manuscript, options, longer
    )
    assert made(store, stamp_job, manuscript, options, longer) is not one
    front = made(store, front_job, manuscript, options, first, None)
    assert front == front_job(manuscript, options, first)
    assert len(store.made) == 3
