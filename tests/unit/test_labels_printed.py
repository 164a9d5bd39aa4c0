"""Every label a template prints goes through Labels.format (a brace a book writes `{{`
is one), those without fields too; a handout's `page_of` with either counter or both."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from octavo import api
from octavo.check.pdf import check_handout_pdf
from octavo.check.pdf_facts import read_pdf
from octavo.render.pdf.document import PdfOptions, render_print_html
from octavo.render.pdf.handouts import handouts_of
from octavo.shipped import TEMPLATES
from octavo.text import strip_tags
from tests.conftest import BOOK_TOML, MakeBook, section_source

BODY = '[Minsk]{index="Minsk"} and [Brest]{index="Brest" see="Minsk"}.\n'
BRACED = (
    '\n[labels]\ncontents = "Con{{t}}ents"\nindex = "In{{d}}ex"\nsee = "s{{e}}e"\n'
    'colophon = "Co{{l}}ophon"\ncolumn_data_as_of = "A{{s}} of"\ndata_currency = "Da{{t}}a"\n'
    'part_heading = "{label} {{·}} {title}"\n'
)


def test_labels_without_fields_are_formatted_too(make_book: MakeBook, tmp_path: Path) -> None:
    """`contents = "Con{{t}}ents"` showed `Con{{t}}ents` in the nav, the print contents and
    the index's "See", where a label with fields showed its `{{` as one brace."""
    files: dict[str, str | bytes] = {
        "001-a.md": section_source(1, "Alpha", total=2, body=BODY),
        "002-b.md": section_source(2, "Beta", total=2, body=BODY),
    }
    root = make_book(files, BOOK_TOML + BRACED)
    path, _ = api.build_epub(root, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        texts = {
            n: epub.read(n).decode()
            for n in epub.namelist()
            if n.endswith(("html", ".ncx", ".opf"))
        }
    nav = texts["EPUB/text/nav.xhtml"] + texts["EPUB/toc.ncx"]
    assert "Con{t}ents" in nav and "In{d}ex" in nav and "Da{t}a" in nav, nav
    assert "S{e}e" in strip_tags(texts["EPUB/text/index.xhtml"])
    assert "Co{l}ophon" in texts["EPUB/text/colophon.xhtml"]
    assert "A{s} of" in "".join(texts.values())
    assert not [n for n, text in texts.items() if "{{" in text]
    manuscript, _ = api.manuscript(root)
    located = {m.id: (4, "5", False) for rs in manuscript.sections for m in rs.marks if m.id}
    html = render_print_html(manuscript, PdfOptions(), located)
    assert "Con{t}ents" in html and "In{d}ex" in html and "S{e}e" in html, html
    assert "A{s} of" in html
    assert "{{" not in html


def test_labels_parts_around_and_separator_show_one_brace(make_book: MakeBook) -> None:
    toml = BOOK_TOML + '\n[labels]\nhandout_from = "{{F}} {title} {{x}}"\n'
    toml += 'chapter_heading = "{label}{{:}} {title}"\npage_of = "{{p}} {number}"\n'
    manuscript, _ = api.manuscript(make_book({"001.md": section_source(1, "A", total=1)}, toml))
    labels = manuscript.labels
    assert labels.around("handout_from", "title", "A") == ("{F} ", " {x}")
    assert labels.separator("chapter_heading") == "{:} "
    assert labels.parts("page_of") == (("{p} ", "number"),)


_RAW = re.compile(
    r"labels\.(?!format\(|capital\(|around\(|parts\(|separator\(|updated\(|month_year\()\w+"
    r"|labels\[[^]]*\]"
)
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def test_the_shipped_templates_print_labels_through_format() -> None:
    """One accessor: a template that reads `labels.contents` or `labels[key]` prints the
    label as the catalogue writes it, `{{` and all."""
    raw = [
        f"{path.relative_to(TEMPLATES)}: {found}"
        for folder in ("epub", "print", "shared")
        for path in sorted((TEMPLATES / folder).iterdir())
        for found in _RAW.findall(_COMMENT.sub("", path.read_text(encoding="utf-8")))
    ]
    assert raw == []


@pytest.mark.parametrize(
    ("page_of", "folio"),
    [("Page {number}", "Page 1"), ("{total} pages", "1 pages"), ("{number}/{total}", "1/1")],
    ids=["number-alone", "total-alone", "both"],
)
def test_a_handout_page_of_with_either_counter(
    make_book: MakeBook, tmp_path: Path, page_of: str, folio: str
) -> None:
    """`page_of = "Page {number}"` failed the handouts with E702 (handout.html could not
    unpack the label around {total}); the folio shows what the label names, and the
    handout check (E619) reads it back."""
    toml = BOOK_TOML + f'\n[labels]\npage_of = "{page_of}"\n'
    root = make_book({"001-a.md": section_source(1, "Alpha", total=1)}, toml)
    made = api.build_handouts(root, tmp_path / "h")
    assert [d.code for d in made.found if d.code.startswith("E")] == []
    (path,) = made.written
    manuscript, _ = api.manuscript(root)
    (unit,) = handouts_of(manuscript, "section")
    assert [str(d) for d in check_handout_pdf(path, manuscript, unit.sections)] == []
    assert read_pdf(path).pages[0].folio_line == folio


_RU = BOOK_TOML.replace('language = "en"', 'language = "ru"') + (
    '\n[labels]\ncontents = "Оглав{{л}}ение"\n'
)


def test_a_books_own_template_reads_a_label_as_the_book_prints_it(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A book's own template that read `labels.contents` (or `labels['index']`) printed the
    label as the catalogue writes it (`Оглав{{л}}ение`, a label with fields its
    `{number}`): reading a label gives its words as the book prints them; one with fields
    is E702 naming the call that fills them; the methods are the methods still."""
    from octavo.errors import BuildError
    from octavo.render.templates import environment

    manuscript, _ = api.manuscript(make_book({"001.md": section_source(1, "A", total=1)}, _RU))
    env = environment((tmp_path,))

    def shown(source: str) -> str:
        return str(env.from_string(source).render(labels=manuscript.labels, ms=manuscript))

    assert shown("{{ labels.contents }}|{{ labels['index'] }}|{{ ms.labels.contents }}") == (
        "Оглав{л}ение|Указатель|Оглав{л}ение"
    )
    assert shown("{{ labels.format('chapter_label', number=3) }}") == "Глава 3"
    assert shown("{{ labels.months[0] }}|{{ labels.language }}") == "январь|ru"
    for source in ("{{ labels.chapter_label }}", "{{ labels['updated'] }}"):
        with pytest.raises(BuildError) as refused:
            shown(source)
        (told,) = refused.value.diagnostics
        assert told.code == "E702", source
        assert "labels.format(" in told.message and "=…)" in told.message, told.message
    with pytest.raises(BuildError):
        shown("{{ labels.no_such_label }}")


def test_a_books_own_nav_reading_labels_contents_builds(
    make_book: MakeBook, tmp_path: Path
) -> None:
    root = make_book({"001.md": section_source(1, "A", total=1)}, _RU)
    nav = (TEMPLATES / "epub" / "nav.xhtml").read_text(encoding="utf-8")
    (root / "templates" / "epub").mkdir(parents=True)
    own = nav.replace('labels.format("contents")', "labels.contents")
    assert own != nav
    (root / "templates" / "epub" / "nav.xhtml").write_text(own, encoding="utf-8")
    path, _ = api.build_epub(root, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        text = epub.read("EPUB/text/nav.xhtml").decode()
    assert '<h1 id="toc-title">Оглав{л}ение</h1>' in text


def test_e619_quotes_the_folio_expected_in_the_figures_printed(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """A book whose folios print Arabic-Indic figures (`counter(page, arabic-indic)`): E619
    said "expected 'Page 1 of 1'", a folio no page of it prints; the words it expects are
    in the figures the handout prints (١), its own "on page 1" in ASCII, as a location."""
    import dataclasses

    from octavo.model import Labels
    from octavo.shipped import STYLES

    css = (STYLES / "print" / "book.css").read_text(encoding="utf-8")
    css = css.replace("content: counter(page);", "content: counter(page, arabic-indic);")
    root = make_book(
        {"001-a.md": section_source(1, "Alpha", total=1), "styles/print/book.css": css}
    )
    made = api.build_handouts(root, tmp_path / "h")
    (path,) = made.written
    manuscript, _ = api.manuscript(root)
    (unit,) = handouts_of(manuscript, "section")
    assert read_pdf(path).pages[0].folio_line == "page ١ of ١"
    words = dict(manuscript.labels.words) | {"page_of": "Page {number} of {total}"}
    labels = Labels(manuscript.labels.language, tuple(sorted(words.items())), (), ())
    book = dataclasses.replace(manuscript.book, labels=labels)
    other = dataclasses.replace(manuscript, book=book)
    told = [d.message for d in check_handout_pdf(path, other, unit.sections) if d.code == "E619"]
    assert told == ["folio 'page ١ of ١' on page 1, expected 'Page ١ of ١'"]


def test_a_label_with_fields_is_tested_in_a_template_and_refused_only_printed(
    make_book: MakeBook, tmp_path: Path
) -> None:
    """session 48 review: `labels.page_of is defined` (or `| default(…)`, `{% if %}`) was
    E702 for a label with fields, which a test never prints: it is a label like another
    there (defined, true); printing it unfilled is E702, at the template's line."""
    from octavo.errors import BuildError
    from octavo.render.templates import environment

    manuscript, _ = api.manuscript(make_book({"001.md": section_source(1, "A", total=1)}, _RU))
    env = environment((tmp_path,))

    def shown(source: str) -> str:
        return str(env.from_string(source).render(labels=manuscript.labels, ms=manuscript))

    tests = (
        "{{ labels.page_of is defined }}|{{ labels['chapter_label'] is defined }}|"
        "{{ labels.no_such_label is defined }}|{% if labels.page_of %}yes{% endif %}|"
        "{% set kept = labels.page_of | default('none') %}{{ kept is defined }}"
    )
    assert shown(tests) == "True|True|False|yes|True"
    printed = ("{{ labels.page_of | default('none') }}", "{{ labels.page_of ~ '' }}")
    for number, source in enumerate(printed):
        own = tmp_path / f"own{number}.html"
        own.write_text("x\n" + source, encoding="utf-8")
        with pytest.raises(BuildError) as refused:
            env.get_template(own.name).render(labels=manuscript.labels)
        (told,) = refused.value.diagnostics
        assert told.code == "E702" and "labels.format('page_of'" in told.message, told.message
        assert (told.file, told.line) == (own, 2), told


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("{{ labels.page_of | default('x') }}", None),
        ("{{ labels.page_of | default('x', true) }}", None),
        ("{{ labels.page_of | d('x') | upper }}", None),
        ("{{ labels.no_such_label | default('x') }}", "x"),
        ("{{ labels.contents | default('x') }}", "Contents"),
        ("{{ labels.format('page_of', number=1, total=2) | default('x') }}", "page 1 of 2"),
    ],
    ids=["default", "default-boolean", "d-filtered", "undefined", "no-fields", "formatted"],
)
def test_default_keeps_a_label_with_fields_and_printing_it_is_e702(
    make_book: MakeBook, tmp_path: Path, written: str, shown: str | None
) -> None:
    """session 49, decided: a label with fields is defined (and true), so `default(…)` gives
    the label itself, not its value, as for any defined name; printed, what it gives is
    E702 at the template's line naming the call that fills the fields. `default` gives its
    value only for a label the book lacks. Through a real build of a book's own nav."""
    from octavo.errors import BuildError

    root = make_book({"001.md": section_source(1, "A", total=1)})
    nav = (TEMPLATES / "epub" / "nav.xhtml").read_text(encoding="utf-8")
    own = nav.replace('{{ labels.format("contents") }}', written)
    assert own != nav
    line = own[: own.index(written)].count("\n") + 1
    (root / "templates" / "epub").mkdir(parents=True)
    (root / "templates" / "epub" / "nav.xhtml").write_text(own, encoding="utf-8")
    if shown is None:
        with pytest.raises(BuildError) as refused:
            api.build_epub(root, tmp_path / "b.epub", jobs=0)
        (told,) = refused.value.diagnostics
        assert told.code == "E702", told
        assert "write labels.format('page_of', number=…, total=…)" in told.message, told
        assert (told.file, told.line) == (root / "templates" / "epub" / "nav.xhtml", line)
        return
    path, _ = api.build_epub(root, tmp_path / "b.epub", jobs=0)
    with zipfile.ZipFile(path) as epub:
        text = epub.read("EPUB/text/nav.xhtml").decode()
    assert f'<h1 id="toc-title">{shown}</h1>' in text
