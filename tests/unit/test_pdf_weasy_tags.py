"""octavo.render.pdf.weasy_tags: a tagged PDF's structure elements carry the language of an
HTML element that names its own (`lang`), as /Lang, so that a screen reader reading the PDF
speaks a Russian name in Russian (docs/upstream/weasyprint-structure-lang.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo import api
from octavo.render.pdf import weasy_tags
from octavo.render.pdf.document import PdfOptions, render_pdf
from tests.conftest import MakeBook, section_source
from tests.support.pdf_structure import Tagged, languages

TRADE = """The capital, [Moskva]{lang=ru}, lies east of the border.

::: {lang=fr}
Une phrase en français.
:::

Back in English.
"""
COMMERCE = "Ein deutscher Absatz.\n"


@pytest.fixture
def languages_book(make_book: MakeBook) -> Path:
    return make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2, body=TRADE),
            "002-b.md": section_source(2, "Handel", total=2, body=COMMERCE, extra="lang: de\n"),
        }
    )


def _shipped() -> object:
    from weasyprint.pdf import tags

    function = tags._build_box_tree
    return getattr(function, "__wrapped__", function)


EXPECTED = [
    Tagged("Span", "ru", "Moskva"),
    Tagged("Div", "fr", "Une phrase en français."),
    Tagged("Sect", "de", "Handel2Ein deutscher Absatz."),  # 2: its data date's note call
    # the note itself, octavo's own words in the book's language, set at the page's foot:
    # its element says so (RenderedSection.note_lang), its number with it
    Tagged("Span", "en", "2. Data as of June 1995."),
]


def test_the_patch_applies_to_this_weasyprint() -> None:
    """Fails once WeasyPrint's tagging no longer reads as checked: does it write /Lang
    itself now (docs/upstream/weasyprint-structure-lang.md)? Then remove the patch."""
    assert weasy_tags.install()
    assert weasy_tags.installed()


def test_as_shipped_no_structure_element_names_its_language(
    languages_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gap the patch fills: the test below means something while this passes."""
    from weasyprint.pdf import tags

    manuscript, _ = api.manuscript(languages_book)
    monkeypatch.setattr(weasy_tags, "install", lambda: False)
    monkeypatch.setattr(tags, "_build_box_tree", _shipped())
    assert languages(render_pdf(manuscript, PdfOptions(tagged=True)).pdf) == []


def test_a_span_a_div_and_a_section_in_other_languages_carry_lang(languages_book: Path) -> None:
    manuscript, _ = api.manuscript(languages_book)
    first = render_pdf(manuscript, PdfOptions(tagged=True)).pdf
    assert languages(first) == EXPECTED
    assert render_pdf(manuscript, PdfOptions(tagged=True)).pdf == first  # reproducible


def test_the_parallel_build_carries_them_too(languages_book: Path, tmp_path: Path) -> None:
    """A tagged PDF is laid out in one process whatever `jobs` says (the parts' structure
    trees are not merged): the same bytes, the same languages."""
    one, _ = api.build_pdf(languages_book, tmp_path / "one.pdf", tagged=True)
    two, _ = api.build_pdf(languages_book, tmp_path / "two.pdf", tagged=True, jobs=2)
    assert languages(two.read_bytes()) == EXPECTED
    assert two.read_bytes() == one.read_bytes()


def test_a_book_in_one_language_is_the_same_pdf(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.pdf import tags

    body = "A paragraph with *emphasis*, [a link](#s001-output) and a list:\n\n- one\n- two\n"
    manuscript, _ = api.manuscript(
        make_book({"001-a.md": section_source(1, "Output", total=1, body=body)})
    )
    with monkeypatch.context() as plain:
        plain.setattr(weasy_tags, "install", lambda: False)
        plain.setattr(tags, "_build_box_tree", _shipped())
        without = render_pdf(manuscript, PdfOptions(tagged=True))
    with_patch = render_pdf(manuscript, PdfOptions(tagged=True))
    assert weasy_tags.installed()
    assert with_patch.pdf == without.pdf


def test_an_unchecked_weasyprint_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.pdf import tags

    shipped = _shipped()
    monkeypatch.setattr(tags, "_build_box_tree", shipped)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert weasy_tags.install() is False
    assert tags._build_box_tree is shipped


def test_a_changed_tree_builder_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import tags

    shipped = _shipped()
    monkeypatch.setattr(tags, "_build_box_tree", shipped)
    monkeypatch.setattr(weasy_tags, "SHAPE", weasy_tags.SHAPE + "x")
    assert weasy_tags.install() is False
    assert tags._build_box_tree is shipped
