"""The EPUB cover: the shipped design drawn with Pillow; a book's own design laid out by
WeasyPrint once, kept by hash, laid out again when what it shows changes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from octavo import api
from octavo.render.epub import cover
from octavo.render.epub.cover import CoverText, cover_text, render_cover
from octavo.render.epub.cover_draw import COVER_SIZE, CoverDesign, balanced_lines
from tests.conftest import BOOK_TOML, ROOT, section_source

SHIPPED_CSS = ROOT / "styles" / "cover.css"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the drawing of the cover by a stub that counts its calls."""
    calls: list[str] = []

    def fake(manuscript):  # type: ignore[no-untyped-def]
        calls.append(manuscript.book.config.title)
        return f"png of {manuscript.book.config.title}".encode()

    monkeypatch.setattr(cover, "render_cover", fake)
    return calls


def _manuscript(root: Path):  # type: ignore[no-untyped-def]
    return api.manuscript(root)[0]


def _own_design(root: Path, ground: str = "#6b2d1f") -> Path:
    """Give the book its own cover stylesheet (so WeasyPrint lays the cover out)."""
    (root / "styles").mkdir(exist_ok=True)
    (root / "styles" / "cover.css").write_text(SHIPPED_CSS.read_text().replace("#6b2d1f", ground))
    return root


def test_cover_is_drawn_once_then_read_from_the_cache(make_book, tmp_path: Path, counted) -> None:  # type: ignore[no-untyped-def]
    root = _own_design(make_book({"001-a.md": section_source(1)}))
    cache = tmp_path / "cache"
    first = cover.cached_cover(_manuscript(root), cache)
    again = cover.cached_cover(_manuscript(root), cache)
    assert first == again and len(counted) == 1
    assert len(list(cache.glob("cover-*.png"))) == 1


def test_cover_is_drawn_again_when_what_it_shows_changes(  # type: ignore[no-untyped-def]
    make_book, tmp_path: Path, counted
) -> None:
    root = _own_design(make_book({"001-a.md": section_source(1)}))
    cache = tmp_path / "cache"
    cover.cached_cover(_manuscript(root), cache)
    (root / "book.toml").write_text(BOOK_TOML.replace("Testland: A", "Otherland: A"))
    assert cover.cached_cover(_manuscript(root), cache) == b"png of Otherland: A Country Study"
    assert len(counted) == 2
    assert len(list(cache.glob("cover-*.png"))) == 1  # the old one is gone


def test_cover_is_drawn_again_when_its_style_changes(make_book, tmp_path: Path, counted) -> None:  # type: ignore[no-untyped-def]
    root = _own_design(make_book({"001-a.md": section_source(1)}))
    cache = tmp_path / "cache"
    manuscript = _manuscript(root)
    key = cover.cover_key(manuscript)
    cover.cached_cover(manuscript, cache)
    _own_design(root, "#1f2d6b")
    assert cover.cover_key(_manuscript(root)) != key
    cover.cached_cover(_manuscript(root), cache)
    assert len(counted) == 2


def test_cover_png_is_tall_deterministic_and_undated() -> None:
    manuscript, _ = api.manuscript(ROOT / "book")
    png = render_cover(manuscript)
    assert render_cover(manuscript) == png
    image = Image.open(io.BytesIO(png))
    assert image.size == COVER_SIZE and COVER_SIZE[1] >= 1600
    assert not {b"tIME", b"tEXt", b"iTXt", b"zTXt"} & set(_png_chunks(png))
    alt = cover_text(manuscript).alt
    assert "Belarus: A Country Study" in alt and "Country Studies" in alt


def _png_chunks(png: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        chunks.append(png[at + 4 : at + 8])
        at += 12 + length
    return chunks


def test_the_shipped_design_is_kept_in_the_cache_too(make_book, tmp_path: Path, counted) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    cache = tmp_path / "cache"
    first = cover.cached_cover(_manuscript(root), cache)
    assert cover.cached_cover(_manuscript(root), cache) == first and len(counted) == 1
    (root / "book.toml").write_text(BOOK_TOML.replace("Testland: A", "Otherland: A"))
    assert cover.cached_cover(_manuscript(root), cache) == b"png of Otherland: A Country Study"
    assert len(counted) == 2 and len(list(cache.glob("cover-*.png"))) == 1


def test_the_shipped_design_is_drawn_without_weasyprint(make_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from octavo import api\n"
        f"api.build_epub(Path({str(root)!r}), Path({str(tmp_path / 'x.epub')!r}))\n"
        "print('weasyprint' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False", result.stderr
    assert not list(tmp_path.rglob("cover-*.png"))


def test_a_book_with_its_own_cover_template_is_laid_out(make_book) -> None:  # type: ignore[no-untyped-def]
    root = make_book({"001-a.md": section_source(1)})
    assert not cover.own_design(_manuscript(root).book.project)
    (root / "templates" / "shared").mkdir(parents=True)
    (root / "templates" / "shared" / "cover.html").write_text("<p>{{ cover.title }}</p>")
    assert cover.own_design(_manuscript(root).book.project)


def test_drawn_cover_has_the_design_of_cover_css() -> None:
    """cover_draw keeps its colours and page in step with styles/cover.css."""
    css = SHIPPED_CSS.read_text()
    design = CoverDesign()
    for colour in (design.ground, design.ink, design.accent):
        assert colour in css
    assert "size: 4in 6in" in css and design.size == (4 * 400, 6 * 400)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Belarus: A Country Study", ["Belarus:", "A Country Study"]),
        (
            "Bosnia and Herzegovina: A Country Study",
            ["Bosnia and", "Herzegovina:", "A Country Study"],
        ),
        ("Nepal", ["Nepal"]),
    ],
    ids=["colon-break", "long", "one-word"],
)
def test_titles_break_into_even_lines_without_a_lone_word(title: str, expected: list[str]) -> None:
    font = ImageFont.truetype(str(ROOT / "styles" / "fonts" / "LinLibertine_R.otf"), 111)
    lines = balanced_lines(title, font, 1122)
    assert lines == expected
    assert len(lines[-1].split()) > 1 or len(lines) == 1  # no word alone on the last line


def test_a_long_country_and_title_never_run_into_the_publisher() -> None:
    """A volume of three countries: the 36 pt country took four lines and the title's last
    line was drawn over 'Federal Research Division…'; the middle is set smaller instead."""
    from octavo.render.epub.cover_draw import PT, draw_cover
    from octavo.shipped import STYLES

    design = CoverDesign()
    text = CoverText(
        language="en",
        title="Belarus, Nepal and Moldova: Country Studies",
        title_html="Belarus, Nepal and Moldova: Country Studies",
        subtitle_html="",
        country="Belarus, Nepal and Moldova",
        series="Country Studies",
        publisher="Federal Research Division, Library of Congress",
    )
    png = draw_cover(text, STYLES / "fonts")
    picture = Image.open(io.BytesIO(png))
    indices = Image.frombytes("L", picture.size, picture.tobytes())  # palette indices
    ink = indices.point(lambda v: 255 if 0 < v < 128 else 0)  # 1-127: the ink's shades
    inner = design.inset + design.border
    line = round(round(design.publisher_pt * PT) * 1.2)
    publisher_top = picture.size[1] - inner - design.publisher_bottom - line
    box = ink.getbbox()
    assert box is not None and box[3] <= publisher_top


@pytest.mark.parametrize("rows", [(0, 3), (60, 70), (127, 128), (300, 400)], ids=str)
def test_the_indices_are_those_of_the_whole_masks(rows: tuple[int, int]) -> None:
    """Worked out strip by strip, where there is text: the same as over the whole cover."""
    from PIL import ImageChops, ImageDraw

    from octavo.render.epub import cover_draw

    ink, accent = Image.new("L", (50, 400)), Image.new("L", (50, 400))
    ImageDraw.Draw(ink).ellipse((5, rows[0], 30, rows[1]), fill=200)
    ImageDraw.Draw(accent).rectangle((35, rows[0] + 1, 45, rows[1] + 40), fill=255)
    ImageDraw.Draw(accent).line((0, 399, 49, 399), fill=90)
    whole = ImageChops.add(ink.point(cover_draw._TO_INK), accent.point(cover_draw._TO_ACCENT))
    assert cover_draw._indices(ink, accent).tobytes() == whole.tobytes()
    empty = Image.new("L", (50, 400))
    assert cover_draw._indices(empty, empty).tobytes() == empty.tobytes()


@pytest.mark.parametrize(
    ("language", "country", "series", "drawn"),
    [
        pytest.param(
            "tr", "Türkiye", "ülke incelemeleri", ["TÜRKİYE", "ÜLKE İNCELEMELERİ"], id="tr"
        ),
        pytest.param("el", "Ελλάδα", "μελέτες χωρών", ["ΕΛΛΑΔΑ", "ΜΕΛΕΤΕΣ ΧΩΡΩΝ"], id="el"),
        pytest.param("en", "Türkiye", "country studies", ["TÜRKIYE", "COUNTRY STUDIES"], id="en"),
    ],
)
def test_the_drawn_cover_s_capitals_are_the_language_s(
    monkeypatch: pytest.MonkeyPatch, language: str, country: str, series: str, drawn: list[str]
) -> None:
    """The country and the series in capitals as the book's language writes them, as the
    print cover's `text-transform: uppercase` gives them (WeasyPrint's, by the page's
    lang): Python's str.upper() drew TÜRKIYE in a Turkish book, ΕΛΛΆΔΑ in a Greek one."""
    from octavo.render.epub import cover_draw
    from octavo.shipped import STYLES

    lines: list[str] = []
    real = cover_draw._centred

    def centred(draw, text, *rest):  # type: ignore[no-untyped-def]
        lines.append(text)
        real(draw, text, *rest)

    monkeypatch.setattr(cover_draw, "_centred", centred)
    text = CoverText(language, "T", "T", "", country, series, "P")
    cover_draw.draw_cover(text, STYLES / "fonts")
    assert drawn[0] in lines and drawn[1] in lines


def test_the_drawn_cover_names_the_authors_and_editors_in_the_book_s_language(  # type: ignore[no-untyped-def]
    make_book, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The print cover names who made the book; the EPUB's drawn cover named nobody. It
    draws the title page's lines now ('A y B', 'Edición de C', in a Spanish book), below
    the subtitle and clear of the publisher, and its text alternative says them too."""
    from octavo.render.epub import cover_draw
    from octavo.render.epub.cover_draw import PT
    from octavo.shipped import STYLES

    toml = BOOK_TOML.replace('language = "en"', 'language = "es"') + (
        'authors = ["Ana López", "Luis Pérez"]\neditors = ["Helen Fedor"]\n'
        'publisher = "Federal Research Division, Library of Congress"\n'
    )
    root = make_book({"001.md": section_source(1, "Marco", total=1)}, toml)
    text = cover_text(_manuscript(root))
    assert text.contributors == ("Ana López y Luis Pérez", "Edición de Helen Fedor")
    assert "Ana López y Luis Pérez. Edición de Helen Fedor." in text.alt
    drawn: list[tuple[str, float]] = []
    real = cover_draw._centred

    def centred(draw, line, font, y, *rest):  # type: ignore[no-untyped-def]
        drawn.append((line, y))
        real(draw, line, font, y, *rest)

    monkeypatch.setattr(cover_draw, "_centred", centred)
    png = cover_draw.draw_cover(text, STYLES / "fonts")
    lines = [line for line, _ in drawn]
    assert "Ana López y Luis Pérez" in lines and "Edición de Helen Fedor" in lines
    y_of = dict(drawn)
    design = CoverDesign()
    publisher_top = (
        COVER_SIZE[1]
        - design.inset
        - design.border
        - design.publisher_bottom
        - round(round(design.publisher_pt * PT) * 1.2) * 2  # the publisher in two lines
    )
    assert y_of["Edición de Helen Fedor"] < publisher_top
    assert y_of["Ana López y Luis Pérez"] < y_of["Edición de Helen Fedor"]
    assert cover_draw.draw_cover(text, STYLES / "fonts") == png  # the same bytes again
