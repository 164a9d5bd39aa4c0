"""The line under an image without alt text: its caption only when the page sets it as one
(octavo.importers.html_captions). Pages written here, in the shape of the 1990s pages: the
search corpus holds no real page's HTML (tests/data/pages/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.batch import import_pages

_BEFORE = (
    "<p>The railroad system, 5,488 kilometers long, is the country's main carrier, most of "
    "it built before 1914 and all of it run from Minsk by the state railroad company.</p>"
)
_AFTER = (
    "<p>Freight fell by half after 1991, as the ministry reported it, and passengers by a "
    "third, most of them commuters to Minsk.</p><p>Data as of June 1995</p>"
)
_PROSE = "Roads total 98,200 kilometers, of which 66,100 are paved."
_SUN_DHOKA = (
    "The gilded copper Sun Dhoka gate, built in 1753, in Durbar Square, at the medieval city "
    "of Bhaktapur. The gate, which is the entrance to the main courtyard palace and the "
    "Taleju Bhavani Temple, is flanked by a small shrine of the Rana period."
)


def _section(tmp_path: Path, body: str) -> str:
    """The section imported from a page in countrystudies.us's shape around `body`, with
    map.gif beside it (a map's size: no decoration)."""
    from PIL import Image as Pil

    pages = tmp_path / "pages"
    pages.mkdir()
    Pil.new("RGB", (900, 600)).save(pages / "map.gif")
    (pages / "49.htm").write_text(
        "<html><head><title>Belarus - Transportation</title></head><body><p>Belarus Table "
        f"of Contents</p><h3>Transportation</h3>{_BEFORE}{body}{_AFTER}</body></html>",
        encoding="utf-8",
    )
    book = tmp_path / "book"
    result = import_pages([pages], book)
    assert result.summary() == "1 imported, 0 unchanged, 0 refused", result.diagnostics
    return (book / "049-transportation.md").read_text(encoding="utf-8").split("---\n", 2)[2]


_CAPTIONS = {
    # the words in the image's own box, on a line of their own under it
    "same-paragraph": ("<p><img src='map.gif'><br>{}</p>", "Railroads and roads, 1994."),
    "with-its-credit": (
        "<p><img src='map.gif'><br>{}<br>Courtesy Embassy of Belarus</p>",
        "The Minsk railroad station, built in 1873.",
    ),
    # the Library's own caption of a photo (Nepal, "The Rana Oligarchy"): 44 words
    "long-in-its-box": ("<p><img src='map.gif'><br>{}</p>", _SUN_DHOKA),
    "table-cell": (
        "<table><tr><td><img src='map.gif'></td></tr><tr><td>{}</td></tr></table>",
        "The railroads of Belarus in 1994, as the ministry drew them.",
    ),
    "center": (
        "<center><img src='map.gif'><br><font size='-1'>{}</font></center>",
        "The railroads of Belarus in 1994.",
    ),
    "center-italics": ("<center><img src='map.gif'><br><i>{}</i></center>", "Minsk in 1994."),
    "figure": (
        "<figure><img src='map.gif'><figcaption>{}</figcaption></figure>",
        "The railroads of Belarus in 1994.",
    ),
    "div": (
        "<div><p><img src='map.gif'></p><p>{}</p></div>",
        "The railroads of Belarus in 1994.",
    ),
    # set apart from the text in a paragraph of its own
    "centered": ("<p><img src='map.gif'></p><p align='center'>{}</p>", "Minsk in 1994."),
    "text-align": (
        "<p><img src='map.gif'></p><p style='text-align: center'>{}</p>",
        "Minsk in 1994.",
    ),
    "italics": ("<p><img src='map.gif'></p><p><i>{}</i></p>", "Minsk in 1994."),
    "small-type": (
        "<p><img src='map.gif'></p><p><font size='-1'>{}</font></p>",
        "Minsk in 1994.",
    ),
    "class": ("<p><img src='map.gif'></p><p class='Caption'>{}</p>", "Minsk in 1994."),
    # said by its words
    "labelled": ("<p><img src='map.gif'></p><p>{}</p>", "Map 3. Railroads, 1994."),
    "a-title": ("<p><img src='map.gif'></p><p>{}</p>", "The Minsk railroad station"),
}


@pytest.mark.parametrize(("layout", "caption"), _CAPTIONS.values(), ids=_CAPTIONS.keys())
def test_a_caption_the_page_sets_as_one_is_the_figure_s(
    tmp_path: Path, layout: str, caption: str
) -> None:
    """The words under an image without alt text that the page sets as its caption are
    the figure's: in the image's own box, set apart from the text, labelled, or a title
    rather than a sentence (its italics, which set it apart, are the caption's look)."""
    text = _section(tmp_path, layout.format(caption))
    assert f"\n![{caption}](images/49-map.gif)" in text
    assert text.count(caption) == 1


_PARAGRAPHS = {
    # the body's next paragraph, in a paragraph of its own after the map's
    "after-the-map": (f"<p><img src='map.gif'></p><p>{_PROSE}</p>", _PROSE),
    # the map between the body's paragraphs, in none
    "in-the-body": (f"<img src='map.gif'><p>{_PROSE}</p>", _PROSE),
    "after-a-break": (f"<img src='map.gif'><br>{_PROSE}<p>More are planned.</p>", _PROSE),
    # a map floated into a paragraph: its words flow beside it, on its line
    "floated": (f"<p><img src='map.gif' align='left'>{_PROSE}</p>", _PROSE),
    # a run-in heading under it
    "bold": ("<p><img src='map.gif'></p><p><b>Roads</b></p>", "**Roads**"),
    # as long as the Library's caption, but in no box of the map's, nor set apart
    "long": (f"<p><img src='map.gif'></p><p>{_SUN_DHOKA}</p>", _SUN_DHOKA),
    # a layout's cell holding the map and the text's paragraphs
    "layout-cell": (
        f"<table><tr><td><img src='map.gif'><br>{_PROSE}<p>More are planned.</p></td></tr></table>",
        _PROSE,
    ),
}


@pytest.mark.parametrize(("body", "paragraph"), _PARAGRAPHS.values(), ids=_PARAGRAPHS.keys())
def test_a_paragraph_after_a_map_stays_a_paragraph(
    tmp_path: Path, body: str, paragraph: str
) -> None:
    """A map or photo without alt text took the body's next paragraph as its caption when
    it had fewer than 40 words ('Figure 3. Roads total 98,200 kilometers…'): 1990s pages
    set the text's next paragraph right under a map as often as a caption. It stays a
    paragraph of the text, in its place; the map is a figure without a caption."""
    text = _section(tmp_path, body)
    assert f"\n![](images/49-map.gif)\n\n{paragraph}\n" in text


def test_explain_says_how_the_line_under_an_image_was_read(tmp_path: Path) -> None:
    """`import --explain` said nothing of the line under an image without alt text: now it
    says, at the line's place in the saved page, whether it became the image's caption and
    why, or stayed a paragraph."""
    from octavo.importers.html import parse_html_page

    body = (
        "\n<center><img src='map.gif'><br>Railroads and roads, 1994.</center>\n"
        f"<p><img src='map.gif'></p>\n<p>{_PROSE}</p>\n"
    )
    _section(tmp_path, body)
    path = tmp_path / "pages" / "49.htm"
    page = parse_html_page(path.read_bytes(), path)
    said = [r for r in page.reasons if "under an image" in r]
    assert said == [
        "line 2: 'Railroads and roads, 1994.' under an image without alt text is its "
        "caption: with its image",
        "line 4: 'Roads total 98,200 kilometers, of which…' under an image without alt text "
        "is a paragraph: the page does not set it as a caption",
    ]


_ALT = "Photograph of Minsk railway station"
_WITH_ALT = {
    # the user trial's page: the caption and its credit in the image's centred paragraph
    "centred-small-credited": (
        f"<p align='center'><img src='map.gif' alt='{_ALT}'><br><font size='-1'>"
        "Minsk railway station, 1993<br>Courtesy Jeffrey Schultz</font></p>",
        "Minsk railway station, 1993",
    ),
    "same-paragraph": (f"<p><img src='map.gif' alt='{_ALT}'><br>{{}}</p>", "Minsk in 1994."),
    "centered": (
        f"<p><img src='map.gif' alt='{_ALT}'></p><p align='center'>{{}}</p>",
        "Minsk in 1994.",
    ),
    "labelled": (f"<p><img src='map.gif' alt='{_ALT}'></p><p>{{}}</p>", "Map 3. Minsk, 1994."),
}


@pytest.mark.parametrize(("layout", "caption"), _WITH_ALT.values(), ids=_WITH_ALT.keys())
def test_an_image_with_alt_text_takes_the_caption_the_page_sets(
    tmp_path: Path, layout: str, caption: str
) -> None:
    """A user trial's report: under an image with alt text, the centred small caption and
    the credit under it became loose paragraphs, and the alt text was printed as the
    caption ("Figure 1. Photograph of Minsk…", in the List of Figures too); the same page
    without alt text made the figure. The line the page sets as the caption is the
    figure's now, its alt text its fig-alt, its credit its credit."""
    text = _section(tmp_path, layout.format(caption))
    assert f'\n![{caption}](images/49-map.gif){{fig-alt="{_ALT}"' in text
    assert text.count(caption) == 1
    if "Courtesy" in layout:
        assert (
            'fig-alt="Photograph of Minsk railway station" credit="Courtesy Jeffrey Schultz"}'
            in text
        )
        assert "\nCourtesy" not in text


def test_under_an_image_with_alt_text_a_title_or_prose_stays_text(tmp_path: Path) -> None:
    """A line the page does not set as a caption stays the text's under an image with alt
    text, a title too (the alt text is the figure's caption, as before)."""
    body = (
        f"<p><img src='map.gif' alt='{_ALT}'></p><p>The Minsk railroad station</p><p>{_PROSE}</p>"
    )
    text = _section(tmp_path, body)
    assert f"\n![{_ALT}](images/49-map.gif)\n\nThe Minsk railroad station\n\n{_PROSE}\n" in text


_FONT2 = "<p><font size='2' face='Arial'>{}</font></p>"
_BODY_UNDER_ALT = {
    # a page that sets every paragraph in small type
    "small-type-text": _FONT2.format(
        "Freight fell by half after 1991, as the ministry reported, and passengers by a "
        "third. The ministry plans to electrify the line to Brest by 2000."
    ),
    # a quotation the text sets in italics
    "italic-quotation": "<p><i>Belarus must become the transit bridge between East and West, "
    "the president told parliament in 1994.</i></p>",
}


@pytest.mark.parametrize("paragraph", _BODY_UNDER_ALT.values(), ids=_BODY_UNDER_ALT.keys())
def test_a_paragraph_in_small_type_or_italics_under_an_image_with_alt_text_stays_text(
    tmp_path: Path, paragraph: str
) -> None:
    """A review of session 52: under an image with alt text, the body's next paragraph
    became the figure's caption (out of the text) where the page sets every paragraph in
    `<font size=2>`, or the paragraph was a quotation in italics. Under an image with alt
    text only the layout's rules (its box, centred, a caption's markup) or a label make a
    caption: the alt text captions the figure, the paragraph stays the text's."""
    before = _FONT2.format("The railroad system is the country's main carrier.")
    image = f"<p><img src='map.gif' alt='{_ALT}'></p>"
    text = _section(tmp_path, before + image + paragraph + _FONT2.format("Roads total 98,200."))
    assert f"\n![{_ALT}](images/49-map.gif)\n\n" in text
    words = " ".join(paragraph.split("</")[0].split(">")[-1].split())
    assert words in " ".join(text.split()) and f"[{words[:20]}" not in text
