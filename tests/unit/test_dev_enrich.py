"""A generated study with constructs: tables (one wide and long), figures, footnotes and
links across chapters, which octavo renders with no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.dev.gen import generate_study


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_study(tmp_path_factory.mktemp("rich") / "book", 12, words=80, constructs=True)


def test_every_kind_of_content_is_added(rich: Path) -> None:
    text = "\n".join(p.read_text() for p in sorted(rich.glob("*.md")))
    assert text.count("[^n") == 2 * 3  # 3 notes, each called and defined
    assert text.count("Table: ") == 3 and "{#tbl:t12}" in text and "{#tbl:g8}" in text
    assert "| Total               |" in text  # the grid table's foot
    wide = next(p for p in rich.glob("012-*.md")).read_text()
    assert wide.count("\n| 19") == 45 and "|:--|" + "--:|" * 8 in wide  # 9 columns, 45 rows
    assert "](images/figure.png){#fig:f9}" in text
    assert (rich / "images" / "figure.png").read_bytes().startswith(b"\x89PNG")


def test_the_rich_study_renders_without_a_warning(rich: Path) -> None:
    manuscript, found = api.manuscript(rich, strict=True)
    assert found == ()
    assert len(manuscript.book.sections) == 12


def test_enriching_is_reproducible(rich: Path, tmp_path: Path) -> None:
    again = generate_study(tmp_path / "book", 12, words=80, constructs=True)
    for path in sorted(rich.rglob("*.*")):
        if "pages" not in path.parts:
            assert path.read_bytes() == (again / path.relative_to(rich)).read_bytes(), path


@pytest.fixture(scope="module")
def furnished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("furnished") / "book"
    return generate_study(folder, 25, words=200, constructs=True, matter=True)


def test_the_benchmark_study_has_matter_around_its_chapters_and_an_index(
    furnished: Path,
) -> None:
    """What a real study has and the benchmark measures (octavo.dev.gen.furnish): a Preface
    with a note, a Bibliography, a Glossary, and marks for an index of subentries."""
    manuscript, found = api.manuscript(furnished, strict=True)
    assert found == ()  # every section says 28 sections, none is missing
    kinds = [c.kind for c in manuscript.chapters]
    assert kinds[0] == "preface" and kinds[-2:] == ["bibliography", "glossary"]
    assert kinds.count("section") >= 2  # chapters of the body
    terms = {e.term for e in manuscript.index_entries}
    assert len({"Rivers", "Currency", "Energy", "parliament", "forest"} & terms) >= 3
    assert any(e.children for e in manuscript.index_entries)  # "Rivers!navigation": a subentry
    marked = sum(
        "{.index}" in p.read_text() or '{index="' in p.read_text() for p in furnished.glob("*.md")
    )
    assert 7 <= marked <= 8  # every 3rd of 25 sections, where its words occur
    broadside = next(furnished.glob("024-*.md")).read_text()
    assert broadside.count("\n| 19") == 30 and "|:--|" + "--:|" * 14 in broadside  # 15 columns


def test_furnishing_is_reproducible(furnished: Path, tmp_path: Path) -> None:
    again = generate_study(tmp_path / "book", 25, words=200, constructs=True, matter=True)
    for path in sorted(furnished.glob("*.md")):
        assert path.read_bytes() == (again / path.name).read_bytes(), path
