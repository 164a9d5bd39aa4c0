"""The whole book in its real order (issue 14): tests/data/volume, two countries with front
matter, parts, back matter and an index; and tests/data/russian, whose outputs must hold no
generated English word."""

from __future__ import annotations

import re
import subprocess
import tomllib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_book_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.model import Manuscript
from octavo.text import strip_tags
from tests.conftest import DATA, ROOT, MakeBook, section_source
from tests.support.validators import assert_ace_clean, assert_epubcheck_clean

VOLUME = DATA / "volume"
RUSSIAN = DATA / "russian"


@pytest.fixture(scope="module")
def volume(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manuscript, Path, Path]:
    folder = tmp_path_factory.mktemp("volume")
    manuscript, found = api.manuscript(VOLUME, strict=True)
    assert found == ()  # no warning at all
    epub, _ = api.build_epub(VOLUME, folder / "volume.epub", strict=True)
    pdf, _ = api.build_pdf(VOLUME, folder / "volume.pdf", strict=True, jobs=2)
    return manuscript, epub, pdf


def test_the_volume_has_what_the_issue_asks(volume: tuple[Manuscript, Path, Path]) -> None:
    ms = volume[0]
    kinds = {c.kind for c in ms.chapters}
    assert {"foreword", "preface", "acronyms", "chronology", "profile", "introduction"} <= kinds
    assert {"appendix", "bibliography", "glossary"} <= kinds
    assert [p.heading_text for p in ms.parts] == ["Part I · Belarus", "Part II · Moldova"]
    entries = ms.index_entries
    assert len(entries) >= 60
    assert any(e.children for e in entries) and any(e.see for e in entries)
    assert any(e.see_also for e in entries)
    assert any(not e.term.isascii() for e in entries)  # Bălți, Chișinău, Ștefan cel Mare
    terms = [e.term for g in ms.index for e in g.entries]
    assert terms.index("Bălți") < terms.index("Belarus") < terms.index("Bessarabia")
    assert (
        terms.index("Soviet Union")
        < terms.index("Ștefan cel Mare")
        < terms.index("sunflower seeds")
    )


def test_epub_is_epubcheck_and_ace_clean(
    volume: tuple[Manuscript, Path, Path], tmp_path: Path
) -> None:
    assert_epubcheck_clean(volume[1])
    assert_ace_clean(volume[1], outdir=tmp_path / "ace")


def test_epub_semantics_landmarks_and_index(volume: tuple[Manuscript, Path, Path]) -> None:
    with zipfile.ZipFile(volume[1]) as epub:
        nav = epub.read("EPUB/text/nav.xhtml").decode()
        index = epub.read("EPUB/text/index.xhtml").decode()
        foreword = epub.read("EPUB/text/foreword.xhtml").decode()
        part = epub.read("EPUB/text/part1.xhtml").decode()
    for kind in ("frontmatter", "bodymatter", "backmatter", "glossary", "bibliography", "index"):
        assert f'epub:type="{kind}"' in nav
    assert 'epub:type="foreword"' in foreword and 'body epub:type="frontmatter"' in foreword
    assert 'epub:type="part"' in part and "Part I · Belarus" in part
    assert 'epub:type="lot"' in nav and "Table\u00a02. Population of the largest cities" in nav
    assert 'epub:type="index"' in index and 'epub:type="index-locator"' in index
    assert 'epub:type="index-xref-preferred"' in index and 'epub:type="index-xref-related"' in index
    # two sections of one title, one in each part: each locator says whose
    ukrainians = strip_tags(next(line for line in index.splitlines() if "Ukrainians" in line))
    assert ukrainians == "Ukrainians: Country Profile (Belarus); Country Profile (Moldova)"
    # one of them in an entry says whose too; a title holding a comma stays one locator
    dniester = strip_tags(next(line for line in index.splitlines() if "Dniester" in line))
    assert dniester.startswith("Dniester River: Country Profile (Moldova); Introduction (")
    balti = strip_tags(next(line for line in index.splitlines() if "Bălți" in line))
    assert balti.endswith("; Population of the Largest Cities, 1994")


def test_pdf_reads_back_with_roman_front_matter_and_every_index_page(
    volume: tuple[Manuscript, Path, Path],
) -> None:
    ms, _, pdf = volume
    assert [str(d) for d in check_book_pdf(pdf, ms)] == []  # E625: every index number
    facts = read_pdf(pdf)
    folio = {c.id: facts.pages[facts.dests[c.id]].folio for c in ms.chapters}
    assert all(re.fullmatch("[ivxl]+", folio[c.id]) for c in ms.chapters if c.matter == "front")
    assert all(folio[c.id].isdigit() for c in ms.chapters if c.matter != "front")
    order = [facts.dests[c.id] for c in ms.chapters]
    assert order == sorted(order)  # back matter after the chapters ...
    assert facts.dests["index"] > max(order)  # ... and the index after the back matter
    index_text = " ".join(" ".join(p.texts()) for p in facts.pages[facts.dests["index"] :])
    assert re.search(r"\d+–\d+", index_text)  # a range joined


def test_each_appendix_is_named_by_its_letter_in_the_pdf(
    volume: tuple[Manuscript, Path, Path],
) -> None:
    """A reader told "Table B.1" (numbering = "chapter") found no B: an appendix's heading,
    contents line and bookmark now say "Appendix B", on the page where it opens."""
    _, _, pdf = volume
    facts = read_pdf(pdf)
    names = {
        "appendix": "Appendix A: Population of the Largest Cities, 1994",
        "appendix-2": "Appendix B: Principal Exports, 1994",
    }
    for ident, name in names.items():
        page = facts.dests[ident]
        assert (name, page) in facts.outline
        assert name.split(": ")[0] in " ".join(facts.pages[page].texts())  # its heading
    contents = " ".join(" ".join(p.texts()) for p in facts.pages[: facts.dests["foreword"]])
    assert "Appendix A" in contents and "Appendix B" in contents


def test_the_acronyms_and_the_chronology_open_on_the_next_page(
    volume: tuple[Manuscript, Path, Path],
) -> None:
    """The Chicago Manual (1.4): abbreviations and a chronology begin "recto or verso", so no
    blank page before them (each had one, and the chronology another after it); the
    Preface before them and Part I after still open on a right-hand page, and an opening
    page on the left carries no running head (the book's title, before)."""
    ms, _, pdf = volume
    facts = read_pdf(pdf)
    opens = {c.kind: facts.dests[c.id] for c in ms.chapters if c.matter == "front"}
    part = facts.dests[ms.parts[0].id]
    assert opens["acronyms"] == opens["preface"] + 1  # a one-page Preface: xiii, then xiv
    assert opens["chronology"] == opens["acronyms"] + 1
    assert [p.index for p in facts.pages[opens["preface"] : part] if not p.lines] == [part - 1]
    assert opens["preface"] % 2 == 0 and part % 2 == 0  # 0-based: right-hand pages
    assert [facts.pages[opens[k]].head for k in ("acronyms", "chronology")] == ["", ""]
    assert facts.pages[opens["acronyms"]].folio == "xiv"


def test_the_data_currency_names_each_country(volume: tuple[Manuscript, Path, Path]) -> None:
    """A part's row before its chapters in the appendix, EPUB and PDF: 'Country Profile' and
    'Chapter 1: Historical Setting' are each Belarus's and Moldova's, told apart by it."""
    _, epub, pdf = volume
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/text/data-currency.xhtml").decode()
    rows = re.findall(r'<tbody class="currency-part"><tr><th[^>]*>(.*?)</th>', page)
    assert [strip_tags(r) for r in rows] == ["Part I · Belarus", "Part II · Moldova"]
    assert page.index("Part II · Moldova") < page.rindex("Country Profile")
    lines = [" ".join(t for _, _, t in p.lines) for p in read_pdf(pdf).pages]
    appendix = " ".join(p for p in lines if "Section Data as of Page" in p)  # its head row
    belarus, moldova = appendix.index("Part I · Belarus"), appendix.index("Part II · Moldova")
    assert belarus < appendix.index("Country Profile") < moldova
    assert moldova < appendix.rindex("Country Profile")


def test_the_data_currency_names_a_lone_division_once(
    volume: tuple[Manuscript, Path, Path],
) -> None:
    """A division that is its one section ("Foreword") was a heading row over a row of the
    same words, "Foreword" over "Foreword", in both outputs' appendix; a division of
    several ("Bibliography": "Belarus", "Moldova") keeps its heading row."""
    manuscript, epub, pdf = volume
    lone = {c.heading_text for c in manuscript.chapters if c.lone}
    assert {"Foreword", "Preface", "Glossary"} <= lone and "Bibliography" not in lone
    with zipfile.ZipFile(epub) as archive:
        page = archive.read("EPUB/text/data-currency.xhtml").decode()
    heads = [
        strip_tags(h) for h in re.findall(r'class="currency-chapter"><th[^>]*>(.*?)</th>', page)
    ]
    assert "Foreword" not in heads and "Glossary" not in heads and "Bibliography" in heads
    assert strip_tags(page).count("Foreword") == 1
    lines = [" ".join(t for _, _, t in p.lines) for p in read_pdf(pdf).pages]
    appendix = " ".join(p for p in lines if "Section Data as of Page" in p)
    assert appendix.count("Foreword") == 1 and appendix.count("Glossary") == 1


def test_an_index_entry_is_not_parted_where_a_line_would_stand_alone(
    volume: tuple[Manuscript, Path, Path],
) -> None:
    """'Russians' and both its sub-entries in one column: 'in Moldova, 13' stood alone at
    the top of the second column, its heading at the foot of the first."""
    import pdfplumber

    with pdfplumber.open(volume[2]) as document:
        page = next(p for p in reversed(document.pages) if "Russians" in (p.extract_text() or ""))
        words = page.extract_words()
    middle = page.width / 2
    heading = next(w for w in words if w["text"] == "Russians")
    subs = [
        w
        for i, w in enumerate(words)
        if w["text"] == "in" and words[i + 1]["text"] in ("Belarus,", "Moldova,")
    ]
    assert len(subs) == 2
    column = heading["x0"] > middle
    assert all((w["x0"] > middle) == column and w["top"] > heading["top"] for w in subs)


def test_bibliography_entries_hang_ragged_right(make_book: MakeBook, tmp_path: Path) -> None:
    """Each entry's first line at the text's left edge (not indented as prose's next
    paragraph is), its further lines indented by 1.5em."""
    import pdfplumber

    long = "A Very Long Title of a Study of Agriculture, Industry and Trade in the Region"
    entries = f"Marples, David R. *{long}*. New York: St. Martin's Press, 1996.\n\n" * 2
    book = make_book(
        {
            "001-a.md": section_source(1, "Trade", total=2),
            "002-b.md": section_source(
                2, "Sources", chapter=0, total=2, extra="kind: bibliography\n", body=entries
            ),
        }
    )
    pdf, _ = api.build_pdf(book, tmp_path / "b.pdf", jobs=1)
    with pdfplumber.open(pdf) as opened:
        page = next(p for p in opened.pages if "Marples" in (p.extract_text() or ""))
        lines = [(line["x0"], line["text"]) for line in page.extract_text_lines()]
    firsts = [x for x, text in lines if text.startswith("Marples")]
    nexts = [x for x, text in lines if "Press" in text and not text.startswith("Marples")]
    assert len(firsts) == 2 and abs(firsts[1] - firsts[0]) < 0.5
    assert len(nexts) == 2 and all(12 < x - firsts[0] < 20 for x in nexts)  # 1.5em of ~10pt


def test_a_wrong_index_number_is_caught(volume: tuple[Manuscript, Path, Path]) -> None:
    ms, _, pdf = volume
    group = ms.index[0]
    first = group.entries[0]
    other = next(e for g in ms.index for e in g.entries if e.locators and e is not first)
    wrong = replace(first, locators=other.locators[:1], words=other.words[:1])
    tampered = replace(
        ms, index=(replace(group, entries=(wrong, *group.entries[1:])), *ms.index[1:])
    )
    assert "E625" in {d.code for d in check_book_pdf(pdf, tampered)}


def _english_words() -> set[str]:
    catalogue = tomllib.loads((ROOT / "templates" / "labels" / "en.toml").read_text())
    words: set[str] = set()
    for value in catalogue.values():
        for text in value if isinstance(value, list) else [value]:
            words |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", "", text)))
    return words - {"octavo"}


def _epub_texts(epub: Path) -> list[str]:
    texts = []
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".ncx", ".opf")):
                xml = re.sub(r"<(link|meta)\b[^>]*>", " ", archive.read(name).decode())
                texts.append(re.sub(r"<[^>]+>", " ", xml))
                texts += re.findall(r'(?:alt|aria-label|title|content)="([^"]*)"', xml)
    return texts


def _english_in(texts: list[str]) -> set[str]:
    return {w for w in _english_words() for t in texts if re.search(rf"\b{w}\b", t)}


def test_a_russian_book_has_no_english_generated_word(tmp_path: Path) -> None:
    epub, _ = api.build_epub(RUSSIAN, tmp_path / "ru.epub", strict=True)
    pdf, _ = api.build_pdf(RUSSIAN, tmp_path / "ru.pdf", strict=True, jobs=1)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    outline = [title for title, _ in read_pdf(pdf).outline]
    assert _english_in([*_epub_texts(epub), text, *outline]) == set()
    assert "Указатель" in text and "Глава 1" in text and "июнь 1995 г." in text
    # the same check finds the English words of an English build
    english = tmp_path / "en"
    english.mkdir()
    for source in RUSSIAN.iterdir():
        (english / source.name).write_bytes(source.read_bytes())
    toml = (english / "book.toml").read_text().replace('language = "ru"', 'language = "en"')
    (english / "book.toml").write_text(toml)
    control, _ = api.build_epub(english, tmp_path / "en.epub")
    assert {"Contents", "Chapter", "Index", "Data"} <= _english_in(_epub_texts(control))


def test_page_list_is_keyed_to_the_printed_folios(
    volume: tuple[Manuscript, Path, Path], tmp_path: Path
) -> None:
    book = tmp_path / "volume"
    book.mkdir()
    for source in VOLUME.iterdir():
        (book / source.name).write_bytes(source.read_bytes())
    toml = (book / "book.toml").read_text().replace("parts =", "page_list = true\nparts =")
    (book / "book.toml").write_text(toml)
    epub, _ = api.build_epub(book, tmp_path / "paged.epub", strict=True)
    assert_epubcheck_clean(epub)
    facts = read_pdf(volume[2])
    marker = re.compile(r'id="page-(\w+)" aria-label="\1"></span>\s*<\w+[^>]*?\bid="([^"]+)"')
    found: list[tuple[str, str]] = []
    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/text/nav.xhtml").decode()
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                found += marker.findall(archive.read(name).decode())
    assert 'epub:type="page-list"' in nav and len(found) >= 20
    for folio, ident in found:
        assert facts.pages[facts.dests[ident]].folio == folio, ident
    assert {"ix", "xiv", "xv", "7", "21"} <= {folio for folio, _ in found}  # xiv: a left page
    # the data-currency appendix and the index open printed pages of their own: a reader
    # going to "page 41" of the printed book finds them too (they had no marker)
    manuscript = volume[0]
    assert {manuscript.appendix_id, "index"} <= {ident for _, ident in found}
