"""HTML pages. The search corpus holds no real page's HTML (tests/data/pages/README.md), so
these documents are written here, in the shape of the country-study pages, to test the HTML
reader itself: charsets, paragraphs, italics, lists, tables, images, links, <title>."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from octavo.importers.decode import decode_page, looks_like_html
from octavo.importers.html import parse_html_page
from octavo.importers.section import render_section
from octavo.model import YearMonth
from octavo.render.markdown import render_block

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Belarus - Religion</title></head>
<body>
<p><a href="index.html">Country Listing</a></p>
<p>Belarus Table of Contents</p>
<p>Most believers belong to the <i>Belarusian Orthodox Church</i>, which was part of the
Russian Orthodox Church until 1990, as the census and surveys of 1990 showed clearly.</p>
<ul><li>Orthodox believers in the east</li><li>Roman Catholics in the west</li></ul>
<table><tr><th>Faith</th><th>Share</th></tr><tr><td>Orthodox</td><td>60 percent</td></tr>
<tr><td>Roman Catholic | Uniate</td><td>8 percent</td></tr></table>
<img src="church.jpg" alt="A church in Minsk">
<p>Courtesy Embassy of Belarus</p>
<p>See also <a href="59.htm">Education</a> and the
<a href="http://example.org/x">site's own page</a> on the subject, which gives more
of the same details for readers. Data as of June 1995</p>
</body></html>
"""


def _page(tmp_path: Path, charset: str = "utf-8", text: str = PAGE) -> Path:
    (tmp_path / "church.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    path = tmp_path / "58.htm"
    path.write_bytes(text.format(charset=charset).encode(charset))
    return path


def test_html_is_told_from_text() -> None:
    assert looks_like_html(b"\xef\xbb\xbf<!DOCTYPE html><html>")
    assert looks_like_html(b"  <!-- saved -->\n<html>")
    assert not looks_like_html(b"Belarus: Russia\nCountry Study > Chapter 8")


def test_charset_from_bom_meta_and_bytes() -> None:
    quoted = "<html><head><meta charset='windows-1252'></head><body>\u201cx\u201d</body></html>"
    assert "\u201cx\u201d" in decode_page(quoted.encode("cp1252"))
    assert "\u201cx\u201d" in decode_page(b"\xef\xbb\xbf" + quoted.encode("utf-8"))
    assert decode_page("caf\u00e9".encode("cp1252")) == "caf\u00e9"  # no charset: not UTF-8


def test_structure_kept(tmp_path: Path) -> None:
    page = parse_html_page(_page(tmp_path).read_bytes(), tmp_path / "58.htm")
    assert (page.country, page.title, page.data_as_of) == (
        "Belarus",
        "Religion",
        YearMonth(1995, 6),
    )
    kinds = [b.kind for b in page.blocks]
    assert kinds == ["paragraph", "list", "table", "image", "credit", "paragraph"]
    first, items, table, image, credit, last = page.blocks
    assert "*Belarusian Orthodox Church*" in first.markdown
    assert items.items == ("Orthodox believers in the east", "Roman Catholics in the west")
    assert table.rows[0] == ("Faith", "Share") and table.rows[2][0] == "Roman Catholic \\| Uniate"
    assert image.text == "A church in Minsk" and image.src == "images/58-church.jpg"
    assert credit.text == "Courtesy Embassy of Belarus"
    assert "Data as of" not in last.markdown and last.text.endswith("for readers.")
    assert "Country Listing" not in " ".join(b.text for b in page.blocks)


def test_comments_and_processing_instructions_are_not_text(tmp_path: Path) -> None:
    """A comment between blocks (a saved page's "<!-- saved from url -->", a template's
    notes) crashed the import with lxml's "Document is empty"; one inside a paragraph was
    read as its words."""
    text = PAGE.replace(
        "<ul>", "<!-- a comment between blocks -->\n<?php echo 1; ?>\n<ul>"
    ).replace("as the census", "as the <!-- hidden words --> census")
    page = parse_html_page(_page(tmp_path, text=text).read_bytes(), tmp_path / "58.htm")
    assert [b.kind for b in page.blocks][:3] == ["paragraph", "list", "table"]
    words = " ".join(b.text for b in page.blocks)
    assert "as the census" in words
    assert "hidden" not in words and "comment" not in words and "php" not in words


def test_title_from_the_html_title(tmp_path: Path) -> None:
    page = parse_html_page(_page(tmp_path).read_bytes(), tmp_path / "58.htm")
    assert page.title == "Religion" and any("<title>" in r for r in page.reasons)


def test_import_copies_images_and_rewrites_links(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages, "windows-1252")
    (pages / "59.htm").write_text(
        "<html><head><title>Belarus - Education</title></head><body><p>Belarus Table of "
        "Contents</p><p>Schools teach in Belarusian and in Russian, as they have done "
        "since independence in the early 1990s.</p><p>Data as of June 1995</p></body></html>"
    )
    book = tmp_path / "book"
    result = import_pages([pages], book)
    assert result.summary() == "2 imported, 0 unchanged, 0 refused"
    religion = (book / "058-religion.md").read_text()
    assert "[Education](059-education.md)" in religion
    assert "site's own page" in religion and "example.org" not in religion
    assert "| Faith | Share |" in religion and "|---|---|" in religion
    # the credit under the image is the figure's (it was a paragraph after it)
    credit = '{credit="Courtesy Embassy of Belarus"}'
    assert f"![A church in Minsk](images/58-church.jpg){credit}\n" in religion
    assert "\nCourtesy Embassy" not in religion
    assert (book / "images" / "58-church.jpg").read_bytes().startswith(b"\xff\xd8")
    body = religion.split("---\n", 2)[2]
    assert "\x00" not in body
    assert "Belarusian Orthodox Church" in render_block(body, typography=False).html


def test_chapter_page_drops_its_list_of_subsections(tmp_path: Path) -> None:
    chapter = tmp_path / "50.htm"
    chapter.write_text(
        "<html><body><p>Belarus: Government and Politics</p>"
        "<p>Country Study &gt; Chapter 8</p>"
        "<p>Belarus declared its sovereignty in 1990 and its independence in 1991, and wrote "
        "a new constitution in 1994.</p>"
        "<ul><li><a href='51.htm'>Constitution</a></li><li><a href='52.htm'>Presidency</a></li>"
        "</ul><p>Data as of June 1995</p></body></html>"
    )
    page = parse_html_page(chapter.read_bytes(), chapter)
    assert page.kind == "chapter" and page.chapter_title == "Government and Politics"
    assert [b.kind for b in page.blocks] == ["paragraph"]


def test_w413_an_image_that_cannot_be_read_is_not_copied(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages)
    (pages / "church.jpg").unlink()
    (pages / "church.jpg").symlink_to("/dev/zero")  # never read: not a regular file
    result = import_pages([pages], tmp_path / "book")
    assert [d.code for d in result.diagnostics if d.code == "W413"] == ["W413"]
    text = (tmp_path / "book" / "058-religion.md").read_text()
    assert "*A church in Minsk*" in text and "![" not in text
    assert not (tmp_path / "book" / "images").exists()


def test_html_nested_too_deep_is_refused_not_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "deep.htm"
    page.write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000)
    result = import_pages([page], tmp_path / "book")
    assert result.summary() == "0 imported, 0 unchanged, 1 refused"
    assert [d.code for d in result.diagnostics] == ["E401"]


def test_a_table_keeps_its_caption_without_the_page_s_number(tmp_path: Path) -> None:
    """An HTML table's <caption> was dropped; it is the table's caption in pandoc's syntax
    (`Table: …` after it), without the page's own "Table 12." (octavo numbers tables), which
    labels it instead (`{#tbl:12}`: the text's "table 12" names it, test_import_mentions)."""
    text = PAGE.replace("<table>", "<table><caption>Table 12. Faiths, <i>1990</i></caption>")
    page = parse_html_page(_page(tmp_path, text=text).read_bytes(), tmp_path / "58.htm")
    (table,) = [b for b in page.blocks if b.kind == "table"]
    assert table.label == "Faiths, *1990*" and table.text.startswith("Faiths, 1990 Faith")
    result = import_pages([tmp_path / "58.htm"], tmp_path / "book")
    (section,) = result.written
    assert "| Roman Catholic \\| Uniate | 8 percent |\n\nTable: Faiths, *1990* {#tbl:12}\n" in (
        section.read_text()
    )
    (fragment,) = [render_block(section.read_text().split("---\n", 2)[2])]
    assert "Table\u00a01.</span> Faiths, <em>1990</em>" in fragment.html
    assert 'id="tbl:12"' in fragment.html


def test_a_page_cut_short_is_said(tmp_path: Path) -> None:
    """A page saved or downloaded only in part read as a section ending mid-sentence, in
    silence: W415 (and so refused under --strict)."""
    whole = import_pages([_page(tmp_path)], tmp_path / "whole")
    assert not [d for d in whole.diagnostics if d.code == "W415"]
    cut = PAGE[: PAGE.index("</body>")]  # its end lost
    (tmp_path / "cut").mkdir()
    result = import_pages([_page(tmp_path / "cut", text=cut)], tmp_path / "book")
    (w415,) = [d for d in result.diagnostics if d.code == "W415"]
    assert "cut short" in w415.message and result.written


SHORT = """<html><head><title>Belarus - Trade</title>
<link rel="canonical" href="http://countrystudies.us/belarus/12.htm"></head><body>
<h3>Trade</h3>
<p><a href="index.htm">Belarus Table of Contents</a></p>
<p>Trade grew quickly.</p>
<table><tr><th>Year</th><th>Exports</th></tr><tr><td>1992</td><td>1,234</td></tr>
<tr><td>1993</td><td>1,456</td></tr></table>
<p>Imports fell, as the table shows.</p>
<p>Data as of June 1995</p>
</body></html>
"""


def test_a_short_section_s_title_is_the_heading_its_title_names(tmp_path: Path) -> None:
    """A short section's lines before its first long paragraph read as header lines: the
    last of them was taken for its title and the rest lost ("Imports fell, …" titled a
    section with an empty body). The <h3> the <title> names ('Belarus - Trade') is it."""
    page = parse_html_page(_page(tmp_path, text=SHORT).read_bytes(), tmp_path / "12.htm")
    assert page.title == "Trade"
    assert [b.kind for b in page.blocks] == ["paragraph", "table", "paragraph"]
    assert page.blocks[0].text == "Trade grew quickly."
    assert any("the heading its <title> names" in r for r in page.reasons)


def test_a_table_keeps_its_columns_alignment(tmp_path: Path) -> None:
    """Figures right-aligned as the printed studies set them, and as the page aligns its
    cells (found by an author's walk: every imported column was left-aligned, and a raw
    HTML table's align="right" was dropped silently)."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "30.htm").write_text(
        "<html><head><title>Belarus - Economy</title></head><body><p>Belarus Table of "
        "Contents</p><p>Output fell in every sector after 1991; the ministry's figures below "
        "are disputed by the statistical office and by foreign observers alike.</p>"
        "<table><caption>Table 3. Output, 1990-94</caption>"
        "<tr><th>Year</th><th>Industry</th><th>Farming</th><th>Grade</th><th>City</th></tr>"
        "<tr><td></td><td>(millions)</td><td>(percent)</td><td></td><td></td></tr>"
        "<tr><td>1990</td><td>1,234.5</td><td>(12.3)</td><td align=center>a</td>"
        "<td>Minsk</td></tr>"
        "<tr><td>1991</td><td>-</td><td>45%</td><td style='text-align: center'>b</td>"
        "<td align=right>Brest</td></tr>"
        "<tr><td>1992</td><td>n.a.</td><td>\u2013 7</td><td>c</td><td>Hrodna</td></tr>"
        "<tr align=center><td>1993</td><td>N/A</td><td>8</td><td>d</td><td>Pinsk</td></tr>"
        "</table><p>Data as of June 1995</p></body></html>"
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    source = (book / "030-economy.md").read_text()
    assert "| Year | Industry | Farming | Grade | City |\n|---|---:|---:|:---:|---|\n" in source
    html = render_block(source.split("---\n", 2)[2]).html
    assert '<td class="align-right">1,234.5</td>' in html
    assert '<td class="align-center">a</td>' in html and "<td>1990</td>" in html


@pytest.mark.parametrize(
    ("caption", "label"),
    [
        ("Table 3. Output, 1990-94", "Output, 1990-94"),
        ("<b>Table 3.</b> Output, 1990-94", "Output, 1990-94"),  # was "**** Output, 1990-94"
        ("<i>Table 3-4:</i> Output of <i>kolkhozy</i>", "Output of *kolkhozy*"),
        ("<b>Table IV. Output</b>", "**Output**"),
        ("<i><b>Table 3.</b> Output</i>", "*Output*"),  # review: "***** Output*"
        ("<b>Table 3</b>. Output", "Output"),
        ("Table 12.3 Tariffs", "Table 12.3 Tariffs"),  # no number of the page's: kept whole
        ("Output (see Table 2.)", "Output (see Table 2.)"),
        ("Table tennis: clubs", "Table tennis: clubs"),
    ],
)
def test_a_table_s_own_number_is_dropped_from_its_caption(
    tmp_path: Path, caption: str, label: str
) -> None:
    """The page's "Table 3." goes (octavo numbers the book's tables) however the page sets
    it: in bold it left "**** Output" behind, and "Table IV." or "Table 3-4:" stayed."""
    html = (
        "<html><head><title>Belarus - Economy</title></head><body><p>Belarus Table of "
        "Contents</p><p>Output fell in every sector after 1991; the ministry's figures below "
        f"are disputed.</p><table><caption>{caption}</caption><tr><th>Sector</th><th>1990"
        "</th></tr><tr><td>Industry</td><td>1,234</td></tr></table><p>Data as of June 1995"
        "</p></body></html>"
    )
    path = tmp_path / "30.htm"
    path.write_text(html)
    (table,) = [b for b in parse_html_page(path.read_bytes(), path).blocks if b.kind == "table"]
    assert table.label == label


_NOTED = {
    "by-hand": (
        '<p>Output fell after 1991, as the ministry reported.<sup><a href="#fn1" id="r1">1</a>'
        '</sup> The figures are disputed.<a href="#fn2"><sup>[2]</sup></a> The ministry'
        ' repeated it<a href="#fn1">1</a>.</p><p>Data as of June 1995</p><hr><ol>'
        '<li id="fn1">Ministry of Statistics, <i>Report</i>, 1995. <a href="#r1">&#8617;</a>'
        '</li><li id="fn2">See the IMF report.</li></ol>'
    ),
    "word": (
        '<p>Output fell after 1991, as the ministry reported.<a href="#_ftn1" name="_ftnref1">'
        '<span><sup>[1]</sup></span></a> The figures are disputed.<a href="#_ftn2" name='
        '"_ftnref2">[2]</a> The ministry repeated it.</p><p>Data as of June 1995</p><div><hr>'
        '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Ministry of Statistics, '
        '<i>Report</i>, 1995.</p></div><div id="ftn2"><p><a href="#_ftnref2" name="_ftn2">[2]'
        "</a> See the IMF report.</p></div></div>"
    ),
    "pandoc": (
        '<p>Output fell after 1991, as the ministry reported.<a href="#fn1" class="footnote-ref"'
        ' id="fnref1" role="doc-noteref"><sup>1</sup></a> The figures are disputed.<a href='
        '"#fn2" class="footnote-ref" id="fnref2"><sup>2</sup></a> The ministry repeated it.</p>'
        '<p>Data as of June 1995</p><section class="footnotes"><hr /><ol><li id="fn1"><p>'
        'Ministry of Statistics, <em>Report</em>, 1995.<a href="#fnref1" class="footnote-'
        'back">&#8617;&#xFE0E;</a></p></li><li id="fn2"><p>See the IMF report.<a href="#fnref2"'
        ">&#8617;</a></p></li></ol></section>"
    ),
}


@pytest.mark.parametrize("body", _NOTED.values(), ids=_NOTED.keys())
def test_a_page_s_footnotes_become_the_section_s_notes(tmp_path: Path, body: str) -> None:
    """A call (an in-page link whose words are a mark, to a block after it) becomes pandoc's
    `[^N]` and its note a definition, without its links back: they were read as a number
    run into the sentence ("reported.1") and a list of notes with "↩" links."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "30.htm").write_text(
        "<html><head><title>Belarus - Economy</title></head><body><p>Belarus Table of "
        f"Contents</p>{body}</body></html>"
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    source = (book / "030-economy.md").read_text()
    text = source.split("---\n", 2)[2]
    assert "as the ministry reported.[^1] The figures are disputed.[^2]" in text
    assert "[^1]: Ministry of Statistics, *Report*, 1995.\n" in text
    assert "[^2]: See the IMF report.\n" in text
    assert "\u21a9" not in text and "\\[1\\]" not in text and "fn" not in text
    fragment = render_block(text, typography=False)
    assert [n.html for n in fragment.notes][:2] == [
        "Ministry of Statistics, <em>Report</em>, 1995.",
        "See the IMF report.",
    ]


def test_a_note_call_beside_a_link_out_of_the_study_keeps_its_brackets(tmp_path: Path) -> None:
    """A paragraph with a note's call and a link the study does not hold (another site, a
    page not imported): taking the link's brackets away took the call's too, so the text
    read "paved.^1" and the note was never called (W511); a credit span kept its words."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "49.htm").write_text(
        "<html><head><title>Belarus - Transportation</title></head><body><p>Belarus Table of "
        'Contents</p><p>Roads total 98,200 kilometers, of which 66,100 are paved.<a href="#fn1"'
        '>1</a> See <a href="http://example.org/">the ministry</a> and <a href="48.htm">the '
        'previous section</a>.</p><p>Data as of June 1995</p><hr><p><a name="fn1">1</a> '
        "Figures of the ministry, 1994.</p></body></html>"
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "049-transportation.md").read_text().split("---\n", 2)[2]
    assert "are paved.[^1] See the ministry and the previous section." in text
    assert not render_block(text, typography=False).problems


def _saved_page(tmp_path: Path, html: str, images: dict[str, tuple[int, int]]) -> Path:
    """A folder holding the page 49.htm (`html`) and its images (name -> size in pixels),
    as a browser saves them."""
    from PIL import Image as Pil

    pages = tmp_path / "pages"
    pages.mkdir()
    for name, size in images.items():
        Pil.new("RGB", size).save(pages / name)
    (pages / "49.htm").write_text(html)
    return pages


def test_images_without_alt_text_are_kept_with_their_captions(tmp_path: Path) -> None:
    """A photo or map saved without alt text (most 1990s pages) was an empty line to the
    profile, and left out of the section without a word, its caption kept as a paragraph.
    Now a figure with its caption (the page's own 'Figure 8.' dropped, its label instead:
    `{#fig:8}`); an image with alt text over a 'Figure 2. …' line takes the line as
    caption, its alt text as fig-alt. A logo over the chrome and a button after the body
    stay out."""
    names = ("logo.gif", "photo.jpg", "map.gif", "chart.png", "next.gif")
    pages = _saved_page(
        tmp_path,
        '<html><head><title>Belarus - Transportation</title></head><body><img src="logo.gif">'
        "<p>Belarus Table of Contents</p><h3>Transportation</h3><p><img src='photo.jpg'><br>The Minsk railroad "
        "station</p><p>The railroad system, 5,488 kilometers long, is the country's main "
        "carrier, most of it built before 1914.</p><p><img src='map.gif'><br>Figure 8. "
        "Railroads, 1994</p><p>Roads total 98,200 kilometers.</p><p><img src='chart.png' alt="
        "'Bar chart of freight'></p><p>Figure 9. Freight, 1990-94</p><p>Freight fell by half"
        " after 1991, as the ministry reported it.</p><p>Data as of June 1995</p><p><a href="
        "'50.htm'><img src='next.gif'></a></p></body></html>",
        dict.fromkeys(names, (900, 600)),
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "049-transportation.md").read_text().split("---\n", 2)[2]
    figures = [line for line in text.splitlines() if line.startswith("![")]
    assert figures == [
        "![The Minsk railroad station](images/49-photo.jpg)",
        "![Railroads, 1994](images/49-map.gif){#fig:8}",
        '![Freight, 1990-94](images/49-chart.png){#fig:9 fig-alt="Bar chart of freight"}',
    ]
    assert "Figure 8" not in text and "Figure 9" not in text
    assert sorted(p.name for p in (book / "images").iterdir()) == [
        "49-chart.png",
        "49-map.gif",
        "49-photo.jpg",
    ]


def test_an_image_s_own_alt_text_loses_its_figure_number(tmp_path: Path) -> None:
    """An image whose alt text is its caption, 'Figure 8. Railroads, 1994', with no line under
    it, was printed "Figure 1. Figure 8. Railroads, 1994": the page's number is its label."""
    pages = _saved_page(
        tmp_path,
        "<html><head><title>Belarus - Transportation</title></head><body><p>Belarus Table of "
        "Contents</p><h3>Transportation</h3><p>The railroad system, 5,488 kilometers long, "
        "is the country's main carrier.</p><p><img src='map.gif' alt='Figure 8. Railroads, "
        "1994'></p><p>Data as of June 1995</p></body></html>",
        {"map.gif": (900, 600)},
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "049-transportation.md").read_text()
    assert "\n![Railroads, 1994](images/49-map.gif){#fig:8}\n" in text


def test_decorations_of_a_page_are_not_figures(tmp_path: Path) -> None:
    """A bullet GIF before a paragraph, a spacer and a rule drawn as a picture, without alt
    text or caption, each became a numbered figure with nothing to say (W509 at the build),
    and the bullet's paragraph its caption: they are left out, and not copied. A small
    image with a caption or with alt text stays a figure, as a photo does."""
    sizes = {
        "bullet.gif": (12, 12),
        "spacer.gif": (1, 1),
        "rule.gif": (600, 2),
        "flag.gif": (30, 20),
        "seal.gif": (24, 24),
        "photo.jpg": (900, 600),
    }
    pages = _saved_page(
        tmp_path,
        "<html><head><title>Belarus - Transportation</title></head><body><p>Belarus Table "
        "of Contents</p><h3>Transportation</h3><p><img src='bullet.gif'> The railroad "
        "system, 5,488 kilometers long, is the country's main carrier.</p><p><img src="
        "'spacer.gif' width='1' height='1'></p><p><img src='rule.gif'></p><p><img src="
        "'flag.gif'><br>The flag of 1991</p><p><img src='seal.gif' alt='The state seal'></p>"
        "<p><img src='photo.jpg'><br>Minsk</p><p>Roads total 98,200 kilometers.</p><p>Data as of "
        "June 1995</p></body></html>",
        sizes,
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "049-transportation.md").read_text().split("---\n", 2)[2]
    figures = [line for line in text.splitlines() if line.startswith("![")]
    assert figures == [
        "![The flag of 1991](images/49-flag.gif)",
        "![The state seal](images/49-seal.gif)",
        "![Minsk](images/49-photo.jpg)",
    ]
    assert "\nThe railroad system, 5,488 kilometers long, is the country's main carrier.\n" in text
    assert "\nRoads total 98,200 kilometers.\n" in text
    assert sorted(p.name for p in (book / "images").iterdir()) == [
        "49-flag.gif",
        "49-photo.jpg",
        "49-seal.gif",
    ]


def test_a_font_around_the_body_keeps_its_paragraphs(tmp_path: Path) -> None:
    """1990s pages wrap the whole body in a <font> (and a heading in an <a name>): an inline
    element read as one run of words, it glued the page into one paragraph, the site's
    "Table of Contents" line and the heading with it. Its blocks are blocks."""
    pages = _saved_page(
        tmp_path,
        '<html><head><title>Belarus - Transportation</title></head><body><font face="Arial">'
        '<p>Belarus Table of Contents</p><a name="t"><h3>Transportation</h3></a><p>The '
        "railroad system, 5,488 kilometers long, is the country's main carrier.</p><p>Roads "
        "total 98,200 kilometers, of which 66,100 are <b>paved</b>.</p><p>Data as of June "
        "1995</p></font></body></html>",
        {},
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    head, _, body = (
        (book / "049-transportation.md").read_text().partition("---\n")[2].partition("---\n")
    )
    assert "title: Transportation\n" in head
    assert body.strip().split("\n\n") == [
        "The railroad system, 5,488 kilometers long, is the country's main carrier.",
        "Roads total 98,200 kilometers, of which 66,100 are **paved**.",
    ]


def test_a_photo_opening_the_body_is_not_the_title(tmp_path: Path) -> None:
    """countrystudies.us sets the title over 'Belarus Table of Contents'; the title was
    taken as the last short line above the body, so a photo's caption opening the body
    titled the section 'The Minsk Railroad Station'."""
    from PIL import Image as Pil

    pages = tmp_path / "pages"
    pages.mkdir()
    Pil.new("RGB", (900, 600)).save(pages / "photo.gif")
    (pages / "49.htm").write_text(
        "<html><head><title>Belarus - Transportation</title></head><body><p>Transportation"
        "</p><p>Belarus Table of Contents</p><p><img src='photo.gif'><br>The Minsk railroad "
        "station</p><p>The railroad system, 5,488 kilometers long, is the country's main "
        "carrier, most of it built before 1914.</p><p>Data as of June 1995</p></body></html>"
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "049-transportation.md").read_text()
    assert "title: Transportation\n" in text
    assert "\n![The Minsk railroad station](images/49-photo.gif)\n" in text


def test_the_body_s_headings_stay_headings(tmp_path: Path) -> None:
    """A page's <h4> subheadings under its title became one-line paragraphs ('Oil and Gas'
    read as a sentence of the text); they are headings one level below the section's own
    and on, by their levels in the page. The title's own <h3> is not repeated."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "60.htm").write_text(
        "<html><head><title>Belarus - Energy</title></head><body><p>Belarus Table of Contents"
        "</p><h3>Energy</h3><p>Belarus produces only a tenth of the fuel it uses, and imports"
        " the rest from Russia.</p><h4>Oil and <i>Gas</i></h4><p>Two refineries process "
        "Russian crude oil for export to the West.</p><h5>Mazyr</h5><p>The newer refinery "
        "was built in 1975.</p><h4>Nuclear Power</h4><p>Plans for a nuclear power station "
        "near Minsk were abandoned in 1988.</p><p>Data as of June 1995</p></body></html>"
    )
    book = tmp_path / "book"
    assert import_pages([pages], book).summary() == "1 imported, 0 unchanged, 0 refused"
    text = (book / "060-energy.md").read_text().split("---\n", 2)[2]
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["# Oil and *Gas*", "## Mazyr", "# Nuclear Power"]
    fragment = render_block(text, typography=False)
    assert fragment.html.count("<h3") == 2 and fragment.html.count("<h4") == 1


def test_a_lone_label_line_is_a_paragraph_entries_come_in_runs(tmp_path: Path) -> None:
    """'Source: Based on …' under a table became a definition list of one term, 'Source',
    as a Country Profile's entries are set; a text page kept it a paragraph already."""
    page = _page(
        tmp_path,
        text=(
            "<html><head><title>Belarus - Population</title></head><body><p>Belarus Table of "
            "Contents</p><p>The population was 10.4 million in 1994, most of it in the cities"
            " along the railroads.</p><table><tr><th>Year</th><th>Urban</th></tr><tr><td>1989"
            "</td><td>65.5</td></tr></table><p>Source: Based on information from the 1989 "
            "census.</p><p>The towns grew fastest in the 1970s, with the new factories.</p><p>Capital: Minsk.</p><p>Climate: Continental, with cold winters.</p>"
            "<p>Data as of June 1995</p></body></html>"
        ),
    )
    blocks = parse_html_page(page.read_bytes(), page).blocks
    kinds = [b.kind for b in blocks]
    assert kinds == ["paragraph", "table", "paragraph", "paragraph", "entry", "entry"]
    assert blocks[2].markdown == "Source: Based on information from the 1989 census."


def test_an_in_page_link_that_is_no_note_stays_words(tmp_path: Path) -> None:
    """A link to a part of the page (a section's div, a heading, the top) is not a note, nor
    is a number linking back; a superscript and a subscript are pandoc's ^…^ and ~…~."""
    page = _page(
        tmp_path,
        text=(
            '<html><head><title>Belarus - Economy</title></head><body><a name="top"></a><p>'
            "Belarus Table of Contents</p><p>Output is told in <a href='#s2'>2</a> parts, of 10"
            " km<sup>2</sup> and of H<sub>2</sub>O on the 10<sup>th of May</sup>, as the "
            "ministry reported it.</p><div id='s2'><h2>Two</h2><p>The second part, long enough"
            " to be kept as a paragraph of the body.</p></div><p><a href='#top'>1</a></p><p>"
            "Data as of June 1995</p></body></html>"
        ),
    )
    blocks = parse_html_page(page.read_bytes(), page).blocks
    assert "note" not in [b.kind for b in blocks]
    first = blocks[0].markdown
    assert "of 10 km^2^ and of H~2~O on the 10^th\\ of\\ May^" in first and "[^" not in first


def test_an_image_of_the_books_own_is_never_replaced(tmp_path: Path) -> None:
    """The page's image written where the book has one of its own with other bytes was
    replaced without a word, and written through an `images/` linked out of the book:
    now E402 (E004 for the link), the page refused, nothing written; `--force` replaces
    the book's own; the same bytes again are no change."""
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages)
    book = tmp_path / "book"
    (book / "images").mkdir(parents=True)
    own = book / "images" / "58-church.jpg"
    own.write_bytes(b"the book's own picture")
    result = import_pages([pages], book)
    assert result.summary() == "0 imported, 0 unchanged, 1 refused"
    assert [d.code for d in result.diagnostics if d.severity.value == "error"] == ["E402"]
    assert own.read_bytes() == b"the book's own picture" and not (book / "058-religion.md").exists()
    assert import_pages([pages], book, force=True).summary() == "1 imported, 0 unchanged, 0 refused"
    assert own.read_bytes().startswith(b"\xff\xd8")
    assert import_pages([pages], book).summary() == "0 imported, 1 unchanged, 0 refused"
    elsewhere, linked = tmp_path / "elsewhere", tmp_path / "linked"
    elsewhere.mkdir()
    (linked / "images").parent.mkdir()
    (linked / "images").symlink_to(elsewhere)
    out = import_pages([pages], linked)
    assert [d.code for d in out.diagnostics if d.severity.value == "error"] == ["E004"]
    assert list(elsewhere.iterdir()) == [] and not (linked / "058-religion.md").exists()


def test_a_section_line_above_the_body_is_not_its_end(tmp_path: Path) -> None:
    """'Section 5 of 20' (or a data date) under the title, above the text: the end of the
    body was looked for from the title down, and the whole body was lost (W404 alone)."""
    page = tmp_path / "belarus5.html"
    page.write_text(
        "<html><head><title>Belarus: Transportation</title></head><body>"
        "<p>Belarus: Transportation</p><p>Section 5 of 20</p>"
        "<p>The railroad network of Belarus consisted of about 5,600 kilometers of track in "
        "1994, most of it broad gauge.</p><p>Roads are many.</p>"
        "<p>Data as of June 1995</p></body></html>",
        encoding="utf-8",
    )
    result = import_pages([page], tmp_path / "book")
    assert [d.code for d in result.diagnostics if d.code == "W404"] == []
    text = (tmp_path / "book" / "005-transportation.md").read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert "5,600 kilometers" in body and "Roads are many." in body and "Section 5" not in body
    assert 'data_as_of: "1995-06"' in text and "total: 20" in text


def test_a_page_past_the_parsers_depth_is_refused_not_cut(tmp_path: Path) -> None:
    """libxml2 stops at 256 open elements and keeps what came before: the page's text
    after them, its data date with it, was lost, and W412 blamed a missing date."""
    page = tmp_path / "belarus5.html"
    deep = "<div>" * 300 + "deep" + "</div>" * 300
    page.write_text(
        "<html><head><title>Belarus: Transportation</title></head><body>"
        f"<p>Belarus: Transportation</p><p>The railroad network grew.</p>{deep}"
        "<p>Roads are many.</p><p>Data as of June 1995</p></body></html>",
        encoding="utf-8",
    )
    result = import_pages([page], tmp_path / "book")
    assert result.summary() == "0 imported, 0 unchanged, 1 refused"
    assert [d.code for d in result.diagnostics] == ["E401"]


def _quoting(body: str, title: str = "Belarus - Politics") -> str:
    """A page in countrystudies.us's shape around `body`, as imported: its section's text."""
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<p><a href='index.htm'>Belarus Table of Contents</a></p>"
        f"{body}</body></html>"
    )


_OWN = (
    "<p>The Supreme Soviet debated the draft constitution through the spring of 1994, and "
    "the chairman's speech opening the session set out what was at stake for the republic.</p>"
)
_QUOTED = (
    "<blockquote><p>We are building a state that has never existed, on land that has "
    "always been ours.</p><p>Its constitution must say three things:</p><ul><li>that "
    "power belongs to the people;</li><li>that the law binds the state.</li></ul>"
    "<blockquote><p>Whatever is not forbidden is allowed.</p></blockquote></blockquote>"
)
_AFTER = (
    "<p>The constitution was adopted on March 15, 1994, and a president was elected in "
    "July under it, the first in the country's history.</p><p>Data as of June 1995</p>"
)


def _section(tmp_path: Path, html: str, name: str = "51.htm") -> str:
    pages = tmp_path / "pages"
    pages.mkdir(exist_ok=True)
    (pages / name).write_text(html, encoding="utf-8")
    book = tmp_path / "book"
    result = import_pages([pages / name], book)
    assert result.summary() == "1 imported, 0 unchanged, 0 refused", result.diagnostics
    (written,) = result.written
    return written.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_a_quotation_among_the_page_s_paragraphs_is_a_block_quote(tmp_path: Path) -> None:
    """A reader's walk: a speech quoted among the page's own paragraphs read as ordinary
    paragraphs of the text, its quotation lost. It is a pandoc block quote, its paragraphs
    one quotation, its list a list and the quotation inside it nested (`> >`); the page's
    own paragraphs around it stay unquoted."""
    text = _section(tmp_path, _quoting(_OWN + _QUOTED + _AFTER))
    assert (
        "spring of 1994, and the chairman's speech opening the session set out what was at "
        "stake for the republic.\n\n"
        "> We are building a state that has never existed, on land that has always been ours.\n"
        ">\n"
        "> Its constitution must say three things:\n"
        ">\n"
        "> - that power belongs to the people;\n"
        "> - that the law binds the state.\n"
        ">\n"
        "> > Whatever is not forbidden is allowed.\n\n"
        "The constitution was adopted"
    ) in text
    html = render_block(text, typography=False).html
    assert html.count("<blockquote>") == 2 and "<blockquote>\n<blockquote>" not in html
    quote = html[html.index("<blockquote>") : html.rindex("</blockquote>")]
    assert "<li>that power belongs to the people;</li>" in quote
    assert "<blockquote>\n<p>Whatever is not forbidden is allowed.</p>" in quote
    assert "The constitution was adopted" not in quote and "Supreme Soviet" not in quote


def test_two_quotations_side_by_side_stay_two(tmp_path: Path) -> None:
    body = (
        _OWN + "<blockquote><p>The first speaker said this, and said it at length.</p>"
        "</blockquote><blockquote><p>The second speaker answered him.</p></blockquote>" + _AFTER
    )
    text = _section(tmp_path, _quoting(body))
    assert "> The first speaker said this, and said it at length.\n\n> The second" in text
    assert render_block(text, typography=False).html.count("<blockquote>") == 2


_LAYOUTS = {
    # countrystudies.us: the whole body, its title and its data date in one blockquote
    "whole-body": "<blockquote><h3>Politics</h3>{own}{quoted}{after}</blockquote>",
    # the text indented in pieces, each less than half of it
    "in-pieces": "<h3>Politics</h3><blockquote>{own}</blockquote><blockquote>{quoted}"
    "</blockquote>{after}",
    # the title indented in one blockquote, the text in the next
    "title-apart": "<blockquote><h3>Politics</h3></blockquote><blockquote>{own}{quoted}"
    "</blockquote>{after}",
    # indented twice over, no heading, its data date outside
    "nested-indent": "<blockquote><blockquote>{own}{quoted}<p>The constitution was adopted"
    " on March 15, 1994.</p></blockquote></blockquote><p>Data as of June 1995</p>",
    # most of the page's words, its heading and date outside
    "most-words": "<h3>Politics</h3><blockquote>{own}{quoted}<p>The constitution was adopted"
    " on March 15, 1994.</p></blockquote><p>Data as of June 1995</p>",
    # the body's only block, under more of the site's own words than it holds
    "only-block": "Country Studies: the Library of Congress's, as this site carries them "
    + "for the readers of its pages, with its thanks to the Federal Research Division, " * 5
    + "<blockquote>{own}{quoted}</blockquote>Data as of June 1995",
    # the body's end indented with its data date, which no quotation holds
    "dated": "<h3>Politics</h3>{own}{quoted}<blockquote>{after}</blockquote>",
    # a table set in from the margin
    "table": "{own}<blockquote><table><tr><th>Year</th><th>Seats</th></tr><tr><td>1994</td>"
    "<td>260</td></tr></table></blockquote>{after}",
}


@pytest.mark.parametrize("layout", _LAYOUTS.values(), ids=_LAYOUTS.keys())
def test_a_blockquote_that_only_indents_the_page_is_not_a_quotation(
    tmp_path: Path, layout: str
) -> None:
    """Old sites wrap the body, or most of it, in blockquotes to indent it: read as its
    contents, as before, every word kept; a quotation inside such a wrapper (its
    `{quoted}`) is still a quotation, nested once less."""
    quoted = _QUOTED.replace("<blockquote>", "", 1).replace("</blockquote>", "", 1)
    # the unwrapped quotation's own nested one, the only quotation left, among paragraphs
    body = layout.format(own=_OWN, quoted=quoted, after=_AFTER)
    text = _section(tmp_path, _quoting(body))
    quoted_lines = [line for line in text.splitlines() if line.startswith(">")]
    if "{quoted}" in layout:
        assert quoted_lines == ["> Whatever is not forbidden is allowed."]
        assert "\nWe are building a state" in text and "\n- that power belongs" in text
    else:
        assert quoted_lines == [] and "| 1994 | 260 |" in text
    assert "Supreme Soviet" in text and "Data as of" not in text


def test_explain_says_how_each_blockquote_was_read(tmp_path: Path) -> None:
    """`import --explain` said why a page's layout was read as it was, but not which of
    its blockquotes were read as quotations and which as indents (html_quotes decides):
    each is said, at its line in the page, with its first words and the rule that decided."""
    nested = _QUOTED.replace("</ul><blockquote>", "</ul>\n<blockquote>")
    body = f"\n<blockquote><h3>Politics</h3></blockquote>\n{_OWN}\n{nested}\n{_AFTER}"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "51.htm").write_text(_quoting(body), encoding="utf-8")
    result = import_pages([pages / "51.htm"], tmp_path / "book")
    (report,) = result.reports
    said = [reason for reason in report.reasons if "<blockquote>" in reason]
    assert said == [
        "line 2: <blockquote> 'Politics' is an indent, read as its contents: it holds a <h3>",
        "line 4: <blockquote> 'We are building a state that has never…' is a quotation: 40 "
        "of the page's 97 words, among its own blocks",
        "line 5: <blockquote> 'Whatever is not forbidden is allowed.' is a quotation: 6 of "
        "the page's 97 words, among its own blocks",
    ]


def test_explain_names_the_saved_page_s_own_lines(tmp_path: Path) -> None:
    """--explain named the lines of the page's flattened text ('title on line 5'), where its
    blockquotes are named at their lines in the saved HTML: the title's line is the HTML's
    too, and so is the line a warning about the page points at (W404's)."""
    blank = "<p>Belarus Table of Contents</p>\n\n\n<h2>Religion</h2>"
    path = _page(tmp_path, text=PAGE.replace("<p>Belarus Table of Contents</p>", blank))
    page = parse_html_page(path.read_bytes(), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[7] == "<h2>Religion</h2>"
    assert "title on line 8 (the heading its <title> names)" in page.reasons
    assert page.title_line == 8


def test_an_entry_s_bold_label_takes_its_emphasis_with_it(tmp_path: Path) -> None:
    """`<b>Agriculture:</b> State farms …`: the label was cut at its colon, inside the bold,
    so the entry's text began with the '**' that closed it (`:   ** State farms …`)."""
    entries = (
        "<p><b>Agriculture:</b> State and collective farms became joint-stock companies.</p>"
        "<p><i>Industry:</i> Food, machinery and metalworking, light industry.</p>"
        "<p><b>Minerals</b>: No commercial mineral deposits.</p>"
        "<p><b>Energy:</b> Power plants meet <b>1 percent</b> of needs.</p>"
    )
    path = tmp_path / "r-8805.html"
    path.write_text(
        "<html><head><title>Moldova - ECONOMY</title></head><body><p>Country Listing</p>"
        f"<p>Moldova Table of Contents</p><h3>ECONOMY</h3>{entries}"
        "<p>Data as of June 1995</p></body></html>",
        encoding="utf-8",
    )
    page = parse_html_page(path.read_bytes(), path)
    assert [(b.kind, b.label, b.markdown) for b in page.blocks] == [
        ("entry", "Agriculture", "State and collective farms became joint-stock companies."),
        ("entry", "Industry", "Food, machinery and metalworking, light industry."),
        ("entry", "Minerals", "No commercial mineral deposits."),
        ("entry", "Energy", "Power plants meet **1 percent** of needs."),
    ]


def test_a_no_break_space_between_words_is_kept(tmp_path: Path) -> None:
    """`30&nbsp;percent` was imported `30 percent`: Python's split() takes U+00A0 for a
    space, so the page's own no-break space was lost (pandoc's HTML reader keeps it). A lone
    one between words is kept, in the text, a table's cell and a heading; runs of them and
    those beside a space or at a block's end (a 1990s page's indent) are spaces as before."""
    text = PAGE.replace(
        "as the census and surveys", "as the 1990&nbsp;census and&nbsp;&nbsp;surveys"
    ).replace("<td>60 percent</td>", "<td>&nbsp;60&nbsp;percent &nbsp;</td>")
    text = text.replace("<p>Most believers", "<p>&nbsp;&nbsp;&nbsp;Most believers")
    page = parse_html_page(_page(tmp_path, text=text).read_bytes(), tmp_path / "58.htm")
    body = render_section(page, "58.htm", ())
    assert "the 1990\u00a0census and surveys" in body
    assert "| 60\u00a0percent |" in body
    assert "\nMost believers" in body and "\u00a0Most" not in body
