"""The book of every construct (tests/data/constructs): tables, figures, notes, glossary,
cross-references, page references, nested headings, a long URL, a section in French with
an author, the book's own cover; in the EPUB, the PDF and the handouts, read back."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.check.content import check_content
from octavo.check.pdf import check_book_pdf, check_handout_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.model import Manuscript, RenderedSection
from tests.conftest import DATA, MakeBook, section_source
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean
from tests.support.weasyprint_log import quietly

BOOK = DATA / "constructs"


@dataclasses.dataclass(frozen=True)
class Built:
    epub: Path
    pdf: Path
    handouts: tuple[Path, ...]
    manuscript: Manuscript
    warnings: tuple[str, ...]  # octavo's diagnostics and WeasyPrint's log


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("constructs")

    def build() -> tuple[Path, Path, tuple[Path, ...], tuple[str, ...]]:
        epub, found = api.build_epub(BOOK, folder / "c.epub")
        pdf, more = api.build_pdf(BOOK, folder / "c.pdf")
        handouts, most, _ = api.build_handouts(BOOK, folder / "handouts")
        # a handout of one section cannot print the page of a table or figure in another:
        # told (W517), as the book's words "(page [](#tbl:gdp){.page})" meant the book
        told = {(d.code, d.file.name if d.file else "", d.line) for d in most}
        assert told == {
            ("W517", "001-profile.md", 15),
            ("W517", "002-economy.md", 16),
            ("W517", "002-economy.md", 112),
        }, most
        most = tuple(d for d in most if d.code != "W517")
        return epub, pdf, handouts, tuple(str(d) for d in (*found, *more, *most))

    (epub, pdf, handouts, found), logged = quietly(build)
    manuscript, _ = api.manuscript(BOOK)
    return Built(epub, pdf, handouts, manuscript, (*found, *logged))


def test_builds_with_no_warning(built: Built) -> None:
    assert built.warnings == ()


def test_every_construct_is_there(built: Built) -> None:
    ms = built.manuscript
    assert [t.label for t in ms.tables] == ["Table\u00a01"]
    assert [(f.label, f.id) for f in ms.figures] == [
        ("Figure\u00a01", "fig:map"),
        ("Figure\u00a02", "fig:valley"),
    ]
    assert sum(len(s.notes) for s in ms.sections) == 10
    assert ms.cover is not None and ms.cover.path == "images/cover.jpg"
    bodies = "".join(s.body_html for s in ms.sections)
    address = '<span class="address">https://<wbr />statistics<wbr />.veloria'  # with its breaks
    for piece in ("<dl>", 'class="xref page"', address, "<th ", 'scope="col"'):
        assert piece in bodies


def test_epubcheck_reports_nothing(built: Built) -> None:
    assert_epubcheck_clean(built.epub)


def test_ace_reports_no_violation(built: Built, tmp_path: Path) -> None:
    assert_ace_clean(built.epub, outdir=tmp_path / "ace")


def test_epub_references_cross_chapters_both_ways(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as archive:
        text = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith("xhtml")}
        names = archive.namelist()
    assert 'href="ch02.xhtml#tbl:gdp"' in text["EPUB/text/ch01.xhtml"]
    assert 'href="ch03.xhtml#fig:valley"' in text["EPUB/text/ch02.xhtml"]
    assert 'href="ch02.xhtml#structure"' in text["EPUB/text/ch03.xhtml"]
    assert 'href="ch01.xhtml#s001-country-profile"' in text["EPUB/text/ch04.xhtml"]
    assert 'src="../media/images/map.svg"' in text["EPUB/text/ch03.xhtml"]
    assert 'lang="fr" xml:lang="fr"' in text["EPUB/text/ch03.xhtml"]
    french = _section(text["EPUB/text/ch03.xhtml"], 'lang="fr"')
    assert french.count('lang="en" xml:lang="en"') == 2  # its date, line and note, in English
    (rs,) = [rs for rs in built.manuscript.sections if rs.section.lang == "fr"]
    assert rs.note_lang == "en"  # the print's footnote says it too (its element, rtl47)
    assert 'summer</span> <span class="credit">' in text["EPUB/text/ch03.xhtml"]  # a word apart
    # the book's own cover image: its alt text names the book, not words the image may lack
    title = built.manuscript.book.config.title
    assert f'alt="Cover of {title}"' in text["EPUB/text/cover.xhtml"]
    assert {"EPUB/media/images/cover.jpg", "EPUB/media/images/valley.jpg"} <= set(names)
    assert "<script" not in text["EPUB/text/ch03.xhtml"]
    nav = text["EPUB/text/nav.xhtml"]
    assert 'href="ch02.xhtml#structure"' in nav  # a body heading, under its section
    assert "Regional wages" not in nav  # an h4 (the section opens its chapter): past toc_depth 3


def _section(xhtml: str, marker: str) -> str:
    """The text of the (first) section whose opening tag has `marker`, to its end."""
    start = next(m.start() for m in re.finditer(r"<section [^>]*>", xhtml) if marker in m[0])
    return xhtml[start : xhtml.index("</section>", start)]


def test_pdf_reads_back_clean(built: Built) -> None:
    """Notes on the page of their call, header rows repeated, page references equal to the
    target's folio, figures drawn with their captions (octavo.check.content), and no glyph
    outside the text block (E642)."""
    assert [str(d) for d in check_book_pdf(built.pdf, built.manuscript)] == []


def test_every_footnote_starts_at_the_text_edge(make_book: MakeBook, tmp_path: Path) -> None:
    """An author's note called from a paragraph after the first started indented (that
    paragraph's text-indent) where the data-date note did not."""
    import pdfplumber

    body = "The first paragraph.\n\nThe second, with a note.[^a]\n\n[^a]: A note of its author.\n"
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    pdf, _ = api.build_pdf(book, tmp_path / "n.pdf", jobs=1)
    with pdfplumber.open(pdf) as opened:
        page = next(p for p in opened.pages if "A note of its author." in (p.extract_text() or ""))
        notes = [line for line in page.extract_text_lines() if re.match(r"\d\. ", line["text"])]
    assert [line["text"][:2] for line in notes] == ["1.", "2."]
    assert abs(notes[0]["x0"] - notes[1]["x0"]) < 0.5, notes


def test_a_note_wrapped_in_its_source_runs_on_at_the_foot(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A note's lines in the Markdown are not its lines at the page's foot: WeasyPrint 70
    collapses no white space in a `float: footnote` element, so each line end of the source
    broke the printed note there ("…estimates of the" / "statistical office.", half the
    measure empty) and a double space stayed double."""
    import pdfplumber

    body = (
        "Text with a note.[^a]\n\n"
        "[^a]: The last full census was taken in 1989;\n"
        "later  figures are estimates.\n"
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    pdf, _ = api.build_pdf(book, tmp_path / "n.pdf", jobs=1)
    with pdfplumber.open(pdf) as opened:
        page = next(p for p in opened.pages if "census" in (p.extract_text() or ""))
        lines = [line["text"] for line in page.extract_text_lines()]
    assert "2. The last full census was taken in 1989; later figures are estimates." in lines


def test_page_labels_are_the_printed_folios(built: Built) -> None:
    """A viewer's page numbers (/PageLabels) are the folios printed on the pages: the
    cover's two pages labelled as a cover, the front matter roman, the body arabic from 1
    (one process: this book's page references keep it whole; parts merged:
    tests/e2e/test_pdf_parallel_matter.py)."""
    import pypdf

    labels = pypdf.PdfReader(built.pdf).page_labels
    assert labels[:2] == ["Cover", "Cover"] and labels[2] == "i"
    printed = [(n, page.folio) for n, page in enumerate(read_pdf(built.pdf).pages) if page.folio]
    assert len(printed) > 10
    assert [labels[n] for n, _ in printed] == [folio for _, folio in printed]


def test_the_lists_follow_the_contents_without_a_blank_page(built: Built) -> None:
    """The lists of tables and of figures open on the next page, as the Chicago Manual sets
    them (1.4: "recto or verso"): v, vi, vii, then one blank page before Chapter 1, where
    each list opened on a right-hand page after a blank one (three in the front matter)."""
    facts = read_pdf(built.pdf)
    opens = [facts.dests[i] for i in ("contents", "list-of-tables", "list-of-figures")]
    assert [facts.pages[i].folio for i in opens] == ["v", "vi", "vii"]
    body = facts.dests[built.manuscript.chapters[0].id]
    assert [p.index for p in facts.pages[opens[0] : body] if not p.lines] == [body - 1]


def test_footnotes_share_pages_with_data_date_notes(built: Built) -> None:
    facts = read_pdf(built.pdf)
    for rs in built.manuscript.sections:
        if rs.notes:
            assert facts.dests[rs.notes[0].ref_id] == facts.dests[rs.id], rs.id


def test_the_table_spans_pages_and_the_check_sees_each(built: Built) -> None:
    facts = read_pdf(built.pdf)
    ms = built.manuscript
    economy = next(s for s in ms.sections if s.tables)
    renamed = economy.body_html.replace(">Households<", ">Household budgets<")
    broken = _with_section(ms, dataclasses.replace(economy, body_html=renamed))
    found = tuple(check_content(facts, broken))
    assert {d.code for d in found} == {"E620"}
    pages = {d.message.split("folio ")[1].split()[0] for d in found}
    assert len(pages) >= 2, pages  # the first page and every page it goes on to


def test_a_wrong_figure_or_page_reference_is_caught(built: Built) -> None:
    facts = read_pdf(built.pdf)
    ms = built.manuscript
    geography = next(s for s in ms.sections if s.figures)
    figure = dataclasses.replace(geography.figures[0], number="9")
    changed = dataclasses.replace(geography, figures=(figure, *geography.figures[1:]))
    assert "E622" in {d.code for d in check_content(facts, _with_section(ms, changed))}
    moved = dict(facts.dests, **{"tbl:gdp": facts.dests["fig:valley"]})
    assert "E621" in {d.code for d in check_content(dataclasses.replace(facts, dests=moved), ms)}


def test_handouts_carry_their_tables_figures_and_notes(built: Built) -> None:
    ms = built.manuscript
    assert len(built.handouts) == len(ms.sections)
    for path, rs in zip(built.handouts, ms.sections, strict=True):
        assert [str(d) for d in check_handout_pdf(path, ms, (rs,))] == []
    economy = read_pdf(built.handouts[1])
    assert sum("Year Agriculture" in " ".join(p.texts()) for p in economy.pages) >= 2
    geography = " ".join(t for p in read_pdf(built.handouts[2]).pages for t in p.texts())
    assert re.search(r"Figure 1\. Veloria: provinces", geography)
    assert "Figure 2. The Vela valley in summer" in geography
    assert "Photograph courtesy of the Veloria Tourist Office" in geography


def _with_section(ms: Manuscript, section: RenderedSection) -> Manuscript:
    chapters = tuple(
        dataclasses.replace(
            c, sections=tuple(section if s.id == section.id else s for s in c.sections)
        )
        for c in ms.chapters
    )
    return dataclasses.replace(ms, chapters=chapters)


def test_body_headings_are_bookmarks_to_toc_depth(built: Built) -> None:
    titles = {title for title, _ in read_pdf(built.pdf).outline}
    assert {"Structure", "Prices and wages", "Trade", "Climate"} <= titles  # no note call
    assert "Regional wages" not in titles  # an h4: deeper than toc_depth = 3


def test_words_for_one_output_are_in_that_output_alone(built: Built) -> None:
    """`[…]{.content-visible when-format="pdf"}` (Quarto's syntax): the page references'
    words in the PDF only, the EPUB's own words in the EPUB only."""
    with zipfile.ZipFile(built.epub) as archive:
        economy = archive.read("EPUB/text/ch02.xhtml").decode()
    pdf = " ".join(" ".join(p.texts()) for p in read_pdf(built.pdf).pages)
    assert re.search(r'map\s+<span class="only-epub">in\s+<a href="ch03.xhtml#fig:map"', economy)
    assert "on page" not in economy
    assert "ref-label" not in economy and "only-pdf" not in economy
    # the words (read back in reading order or not: "page 7" moved to the next page, kept
    # with its folio, E621)
    assert "on the map on" in pdf and re.search(r"page\s7\.", pdf), pdf
    assert "map in Figure 1" not in pdf


def test_fenced_divs_in_both_outputs_and_one(built: Built) -> None:
    """pandoc's fenced divs: a sidebar in both outputs, with its id and class; a div for
    the EPUB only (Quarto's `.content-visible when-format="epub"`) in the EPUB alone."""
    with zipfile.ZipFile(built.epub) as archive:
        geography = archive.read("EPUB/text/ch03.xhtml").decode()
    pdf = " ".join(" ".join(p.texts()) for p in read_pdf(built.pdf).pages)
    assert '<div id="climate-box" class="sidebar">' in geography
    assert "coldest month is January" in pdf and "Select a figure" in geography
    assert "Select a figure" not in pdf and ":::" not in pdf + geography


def test_lettered_and_roman_lists_as_typed(built: Built) -> None:
    """pandoc's fancy lists: `(a)` and `i.` as typed in print (WeasyPrint reads no `type`;
    the parentheses are counter styles), pandoc's `type` in the EPUB."""
    with zipfile.ZipFile(built.epub) as archive:
        geography = archive.read("EPUB/text/ch03.xhtml").decode()
    pdf = " ".join(" ".join(p.texts()) for p in read_pdf(built.pdf).pages)
    assert '<ol type="a" class="two-parens">' in geography and '<ol type="i">' in geography
    assert "(a) the thaw" in pdf and "(c) the harvest" in pdf
    assert "iii. the lower Vela" in pdf


def test_headings_linked_by_their_words(built: Built) -> None:
    """pandoc's implicit header references: `[Climate]` (another chapter's heading),
    `[the hills][The Northern Hills]` (a section's title), `[Prices and wages]` (the
    section's own heading), in the EPUB and as the PDF's links."""
    with zipfile.ZipFile(built.epub) as archive:
        profile = archive.read("EPUB/text/ch01.xhtml").decode()
        economy = archive.read("EPUB/text/ch02.xhtml").decode()
    assert '<a href="ch03.xhtml#s003-geography-climate" class="xref">Climate</a>' in profile
    assert '<a href="ch03.xhtml#s004-the-northern-hills" class="xref">the hills</a>' in profile
    assert '<a href="#s002-the-economy-prices-and-wages" class="xref">' in economy
    assert "[Climate]" not in profile
    pdf = read_pdf(built.pdf)
    text = " ".join(" ".join(p.texts()) for p in pdf.pages)
    assert "(see Climate)" in text and "[Climate]" not in text
    dests = {link.dest for link in pdf.links}
    assert {"s003-geography-climate", "s004-the-northern-hills"} <= dests
    assert "s002-the-economy-prices-and-wages" in dests


def test_a_task_list_marks_its_items(built: Built) -> None:
    """pandoc's task list: in the EPUB, ☒ and ☐ with their state for a screen reader (no
    form control, which Ace would report); in print, boxes drawn in the book's face, the
    done one crossed (the face has neither character: no other face is embedded)."""
    with zipfile.ZipFile(built.epub) as archive:
        economy = archive.read("EPUB/text/ch02.xhtml").decode()
    assert '<ul class="task-list">' in economy and "<input" not in economy
    assert 'aria-checked="true">\u2612</span> a survey of farm prices' in economy
    pdf = read_pdf(built.pdf)
    lines = {line for page in pdf.pages for line in page.texts()}
    assert "\u00d7 a survey of farm prices" in lines
    assert "a survey of wages in the provinces" in lines
    assert all(name.split("+")[-1].startswith("octavo-serif") for name, _ in pdf.fonts)


def test_a_heading_keeps_its_language(built: Built) -> None:
    """pandoc's `# Le pays d'en haut {lang=fr}`: the heading in French in both outputs (its
    hyphenation in print, its voice in a screen reader), Ace- and EPUBCheck-clean."""
    with zipfile.ZipFile(built.epub) as archive:
        geography = archive.read("EPUB/text/ch03.xhtml").decode()
        nav = archive.read("EPUB/text/nav.xhtml").decode()
    assert re.search(
        r'<h\d id="[^"]*pays[^"]*" class="body-heading" lang="fr" xml:lang="fr"', geography
    )
    # and where the contents name it: a screen reader reads the nav's line in French too
    assert '<span lang="fr" xml:lang="fr">Le pays d\u2019en haut</span></a>' in nav
    pdf = " ".join(" ".join(p.texts()) for p in read_pdf(built.pdf).pages)
    assert "Le pays d\u2019en haut" in pdf


def test_a_passage_keeps_its_language(built: Built) -> None:
    """pandoc's `::: {.letter lang=fr}` and `[le pays d'en haut]{lang=fr}`: in French in
    both outputs (the div lost its `lang`), with `xml:lang` in the EPUB; Ace- and
    EPUBCheck-clean (the tests above)."""
    with zipfile.ZipFile(built.epub) as archive:
        geography = archive.read("EPUB/text/ch03.xhtml").decode()
    assert '<div class="letter" lang="fr" xml:lang="fr">' in geography
    assert '<span lang="fr" xml:lang="fr">le pays d\u2019en\nhaut</span>' in geography
    pdf = " ".join(" ".join(p.texts()) for p in read_pdf(built.pdf).pages)
    assert "Nous avons pass\u00e9 l\u2019hiver dans les collines." in pdf


def test_an_author_s_span_keeps_pandoc_s_attributes_alone(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """`[Hrodna]{aria-hidden=true role=button foo=bar title=…}`: its role and aria-hidden
    went into the EPUB as written (a screen reader skipped the word, or called it a
    button), foo was dropped unsaid. Now each is W504 at the span's line and left out; the
    title stays, and octavo's own task mark keeps its role; EPUBCheck-clean."""
    body = (
        "The west.\n\nThe city of\n"  # the span on the body's 4th line: the file's 14th
        '[Hrodna]{aria-hidden=true role=button foo=bar title="a city"} trades.\n\n'
        "- [x] a survey\n"
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    epub, found = api.build_epub(book, tmp_path / "s.epub")
    assert sorted((d.code, d.line, d.message.split("=")[0]) for d in found) == [
        ("W504", 14, "attribute aria-hidden"),
        ("W504", 14, "attribute foo"),
        ("W504", 14, "attribute role"),
    ]
    with zipfile.ZipFile(epub) as archive:
        text = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("EPUB/text/ch")
        )
    assert '<span title="a city">Hrodna</span>' in text
    assert 'role="checkbox" aria-checked="true">\u2612</span>' in text
    assert_epubcheck_clean(epub)


def test_an_author_s_link_keeps_what_a_span_keeps(make_book: MakeBook, tmp_path: Path) -> None:
    """`[x](#a){role=button aria-label=…}` went into both outputs as written (a screen
    reader called the reference a button and read out another name), `{key=v}` was dropped
    unsaid, and a reference's own `{#back lang=fr}` left both outputs, so a link to #back
    pointed at nothing. Now role, aria-* and key are W504 at the link's line; the id,
    classes, lang and title stay, on a reference as on an address (a title may hold a
    brace, as in pandoc); EPUBCheck and Ace pass."""
    body = (
        "The west.\n\nSee\n"  # the first link on the body's 4th line: the file's 14th
        "[the table](#tbl:t){role=button aria-label=Go} and\n"
        "[la banque](https://example.org){.c #bank key=v lang=fr} there, then\n"
        '[ici](#tbl:t){#back .page lang=fr title="{0}"} and [back](#back),\n'
        '[mot]{title="{0}"}.\n\n'
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Figures {#tbl:t}\n"
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    epub, found = api.build_epub(book, tmp_path / "s.epub")
    assert sorted((d.code, d.line, d.message.split("=")[0]) for d in found) == [
        ("W504", 14, "attribute aria-label"),
        ("W504", 14, "attribute role"),
        ("W504", 15, "attribute key"),
        ("W517", 16, "page reference to #tbl:t shows 'ici' in the EPUB, which has no pages"),
    ]
    with zipfile.ZipFile(epub) as archive:
        text = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("EPUB/text/ch")
        )
    assert '<a href="#tbl:t" class="xref">the table</a>' in text
    assert '<a href="https://example.org" id="bank" lang="fr" xml:lang="fr" class="c">' in text
    assert (
        '<a href="#tbl:t" class="xref page worded" id="back" lang="fr" xml:lang="fr" '
        'title="{0}"><span class="ref-label">ici</span></a>' in text  # words: W529 in print
    )
    assert '<a href="#back" class="xref">back</a>' in text
    assert '<span title="{0}">mot</span>' in text  # a brace in a quoted value, as pandoc
    html = tmp_path / "s.html"
    quietly(lambda: api.build_pdf(book, tmp_path / "s.pdf", html=html, jobs=1))
    printed = html.read_text(encoding="utf-8")
    assert '<a href="#tbl:t" class="xref">the table</a>' in printed
    assert '<a href="#tbl:t" class="xref page worded" id="back" lang="fr" title="{0}">' in printed
    assert_epubcheck_clean(epub)
    assert_ace_clean(epub, outdir=tmp_path / "ace")


def test_the_data_currency_says_a_later_update_in_both_outputs(built: Built) -> None:
    """Each section was updated after its data's date (`last_updated`): the appendix says so
    under the date in print as in the EPUB (print said the date alone)."""
    facts = read_pdf(built.pdf)
    appendix = "".join(c[4] for c in facts.pages[facts.dests["data-currency"]].chars)
    assert appendix.count("(updated September 1995)") == len(built.manuscript.sections)
    with zipfile.ZipFile(built.epub) as epub:
        xhtml = epub.read("EPUB/text/data-currency.xhtml").decode()
    assert xhtml.count("(updated September 1995)") == len(built.manuscript.sections)
