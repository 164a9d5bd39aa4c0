"""Divisions by kind, parts by country, chapter titles and openings (tests/data/volume)."""

from __future__ import annotations

from octavo.model import Book
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, DATA, section_source

VOLUME = DATA / "volume"


def _volume() -> Book:
    book, found = read_book(VOLUME)
    assert book is not None and not found, [str(d) for d in found]
    return book


def test_front_matter_then_parts_then_back_matter() -> None:
    book = _volume()
    order = [(c.matter, c.part, c.kind, c.number) for c in book.chapters]
    assert order == [
        ("front", 0, "foreword", 0),
        ("front", 0, "acknowledgments", 0),
        ("front", 0, "preface", 0),
        ("front", 0, "acronyms", 0),
        ("front", 0, "chronology", 0),
        ("body", 1, "profile", 0),
        ("body", 1, "introduction", 0),
        ("body", 1, "section", 1),
        ("body", 1, "section", 2),
        ("body", 2, "profile", 0),
        ("body", 2, "introduction", 0),
        ("body", 2, "section", 1),
        ("body", 2, "section", 2),
        ("back", 0, "appendix", 0),
        ("back", 0, "appendix", 0),
        ("back", 0, "bibliography", 0),
        ("back", 0, "glossary", 0),
    ]
    assert [p.title for p in book.parts] == ["Belarus", "Moldova"]
    assert len({c.slug for c in book.chapters}) == len(book.chapters)


def test_labels_and_headings() -> None:
    manuscript, _ = render_manuscript(_volume())
    by_id = {c.id: c for c in manuscript.chapters}
    assert by_id["p2-ch02"].heading_text == "Chapter 2: The Economy and Politics"
    assert by_id["foreword"].heading_text == "Foreword" and by_id["foreword"].label == ""
    # two appendix pages are two appendices, lettered, as a Quarto book's are
    assert [(c.id, c.label, c.heading_text) for c in manuscript.chapters if c.label[:1] == "A"] == [
        ("appendix", "Appendix A", "Appendix A: Population of the Largest Cities, 1994"),
        ("appendix-2", "Appendix B", "Appendix B: Principal Exports, 1994"),
    ]
    assert by_id["bibliography"].title_text == "Bibliography"  # two sections: the kind's label
    assert by_id["bibliography"].label == ""  # no letter: it is no appendix
    assert [p.heading_text for p in manuscript.parts] == ["Part I · Belarus", "Part II · Moldova"]


def test_a_chapter_level_page_opens_its_chapter() -> None:
    manuscript, _ = render_manuscript(_volume())
    chapter = next(c for c in manuscript.chapters if c.id == "p1-ch01")
    assert chapter.opening is not None and chapter.opening.section.title == "Historical Setting"
    assert all(node.id != chapter.opening.id for node in chapter.toc)
    foreword = manuscript.chapters[0]
    assert foreword.opening is foreword.sections[0]  # a one-section division is its text


def test_order_cannot_move_back_matter_to_the_front(make_book) -> None:  # type: ignore[no-untyped-def]
    book_dir = make_book(
        {
            "001-g.md": section_source(1, "Glossary", chapter=0, total=2, extra="kind: glossary\n"),
            "002-a.md": section_source(2, "Trade", total=2),
        }
    )
    book, found = read_book(book_dir)
    assert book is not None and not found
    assert [c.kind for c in book.chapters] == ["section", "glossary"]


def test_a_chapter_without_a_title_is_W310_naming_the_key(make_book) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import BOOK_TOML

    toml = BOOK_TOML.split("chapters =")[0]
    book, found = read_book(make_book({"001-a.md": section_source(1, total=1)}, toml))
    assert [d.code for d in found] == ["W310"] and "[chapters] 1 =" in found[0].hint
    assert book is not None and book.chapters[0].heading(book.labels) == "Chapter 1"


def test_a_chapter_page_titles_its_untitled_chapter(make_book) -> None:  # type: ignore[no-untyped-def]
    """The README's order: book.toml's [chapters], else a section's chapter_title, else the
    chapter-level page's own title. A `kind: chapter` page "Overview" left its chapter
    "Chapter 1" (W310), "Overview" shown nowhere; it titles the chapter now, and gives way
    to a chapter_title and to book.toml."""
    toml = BOOK_TOML.split("chapters =")[0]
    page = "kind: chapter\n"
    files = {
        "001-a.md": section_source(1, "Overview", total=2, extra=page),
        "002-b.md": section_source(2, "Ports", total=2),
    }
    book, found = read_book(make_book(files, toml))
    assert book is not None and [d.code for d in found] == []
    assert book.chapters[0].heading(book.labels) == "Chapter 1: Overview"
    assert book.chapters[0].opening is not None and book.chapters[0].opening.title == "Overview"
    files["002-b.md"] = section_source(2, "Ports", total=2, extra="chapter_title: Harbours\n")
    book, found = read_book(make_book(files, toml))
    assert book is not None and book.chapters[0].title == "Harbours"
    book, found = read_book(make_book(files))  # book.toml's [chapters] 1 = "The Economy"
    assert book is not None and book.chapters[0].title == "The Economy"


def test_another_countrys_section_does_not_interrupt_a_chapter(make_book) -> None:  # type: ignore[no-untyped-def]
    """Pages of two countries imported together interleave by number; each country's
    chapter is whole in its own part, so W308 ("interrupted") would be false."""
    files = {
        "001-a.md": section_source(1, "Roads", total=4),
        "002-b.md": section_source(2, "Rails", total=4).replace("Testland", "Otherland"),
        "003-c.md": section_source(3, "Ports", total=4),
        "004-d.md": section_source(4, "Canals", total=4).replace("Testland", "Otherland"),
    }
    book, found = read_book(make_book(files))
    assert book is not None and [d.code for d in found] == []
    assert [(c.part, [s.title for s in c.sections]) for c in book.chapters] == [
        (1, ["Roads", "Ports"]),
        (2, ["Rails", "Canals"]),
    ]


def test_a_chapter_interrupted_within_its_own_part_is_still_W308(make_book) -> None:  # type: ignore[no-untyped-def]
    files = {
        "001-a.md": section_source(1, "Roads", total=4),
        "002-b.md": section_source(2, "Rails", total=4).replace("Testland", "Otherland"),
        "003-c.md": section_source(3, "Ports", chapter=2, total=4),
        "004-d.md": section_source(4, "Canals", total=4),
    }
    _, found = read_book(make_book(files))
    assert [(d.code, d.file.name if d.file else None) for d in found] == [("W308", "004-d.md")]


def test_imported_profile_parts_are_set_once_under_the_country_profile(make_book) -> None:  # type: ignore[no-untyped-def]
    """The importer puts 'Economy' and 'Transportation' pages under [Country Profile]: the
    division is titled 'Country Profile' once (not again as a heading inside it), and a
    lone part keeps its own title as a section of that division."""
    part = {"chapter": 0, "parents": "[Country Profile]", "total": 2, "extra": "kind: profile\n"}
    two = {
        "001-a.md": section_source(1, "Economy", **part),  # type: ignore[arg-type]
        "002-b.md": section_source(2, "Transportation", **part),  # type: ignore[arg-type]
    }
    book, found = read_book(make_book(two))
    assert book is not None and not found
    (chapter,) = book.chapters
    assert chapter.title == "Country Profile" and chapter.opening is None
    assert [(s.title, s.parents) for s in chapter.sections] == [
        ("Economy", ()),
        ("Transportation", ()),
    ]
    second = chapter.sections[1].path
    second.unlink()
    book, _ = read_book(second.parent)
    assert book is not None
    (chapter,) = book.chapters
    assert (chapter.title, chapter.opening) == ("Country Profile", None)
    assert [(s.title, s.parents) for s in chapter.sections] == [("Economy", ())]


def test_french_profile_parts_are_set_once_under_profil_du_pays(make_book) -> None:  # type: ignore[no-untyped-def]
    """A user trial's report: in a `language = "fr"` book, imported profile pages (the
    importer's English `parents: [Country Profile]`) were set under "Profil du pays ›
    Country Profile": the division is the kind's under its English name too."""
    part = {"chapter": 0, "parents": "[Country Profile]", "total": 2, "extra": "kind: profile\n"}
    two = {
        "001-a.md": section_source(1, "Économie", **part),  # type: ignore[arg-type]
        "002-b.md": section_source(2, "Transports", **part),  # type: ignore[arg-type]
    }
    french = BOOK_TOML.replace('language = "en"', 'language = "fr"')
    book, found = read_book(make_book(two, french))
    assert book is not None and not found, [str(d) for d in found]
    (chapter,) = book.chapters
    assert chapter.title == "Profil du pays" and chapter.opening is None
    assert [(s.title, s.parents) for s in chapter.sections] == [
        ("Économie", ()),
        ("Transports", ()),
    ]
    manuscript, _ = render_manuscript(book)
    assert "Country Profile" not in str(manuscript)


def test_an_imported_country_profile_opens_a_french_book_s_profil_du_pays(make_book) -> None:  # type: ignore[no-untyped-def]
    """A review of session 52: an imported overview page titled "Country Profile" (kind:
    profile, no parents) was no longer the opening of a French book's "Profil du pays"
    (compared with that title alone): it is, under the kind's English name too."""
    profile = {"chapter": 0, "total": 2, "extra": "kind: profile\n"}
    two = {
        "001-a.md": section_source(1, "Country Profile", **profile),  # type: ignore[arg-type]
        "002-b.md": section_source(2, "Économie", parents="[Country Profile]", **profile),  # type: ignore[arg-type]
    }
    french = BOOK_TOML.replace('language = "en"', 'language = "fr"')
    book, found = read_book(make_book(two, french))
    assert book is not None and not found, [str(d) for d in found]
    (chapter,) = book.chapters
    assert chapter.title == "Profil du pays"
    assert chapter.opening is not None and chapter.opening.title == "Country Profile"
    assert [(s.title, s.parents) for s in chapter.sections][1] == ("Économie", ())


def test_a_german_book_s_own_grouping_in_its_bibliography_stays(make_book) -> None:  # type: ignore[no-untyped-def]
    """The same review: a German book's own `parents: [Bibliography]` grouping within its
    division "Literatur" was stripped as the division's English name; only the
    importer's Country Profile is so read."""
    entry = {"chapter": 0, "parents": "[Bibliography]", "total": 2, "extra": "kind: bibliography\n"}
    two = {
        "001-a.md": section_source(1, "Bücher", **entry),  # type: ignore[arg-type]
        "002-b.md": section_source(2, "Aufsätze", **entry),  # type: ignore[arg-type]
    }
    german = BOOK_TOML.replace('language = "en"', 'language = "de"')
    book, found = read_book(make_book(two, german))
    assert book is not None and not found, [str(d) for d in found]
    (chapter,) = book.chapters
    assert chapter.title == "Literatur"
    assert [s.parents for s in chapter.sections] == [("Bibliography",), ("Bibliography",)]


def test_lists_of_tables_unless_book_toml_says_no(make_book) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import BOOK_TOML

    body = "| a | b |\n| - | - |\n| 1 | 2 |\n\nTable: Output\n"
    files = {"001-a.md": section_source(1, total=1, body=body)}
    book, _ = read_book(make_book(files))
    assert book is not None
    manuscript, _ = render_manuscript(book)
    assert [(kind, [t.label for t in items]) for kind, items in manuscript.lists] == [
        ("tables", ["Table\u00a01"])
    ]
    book, _ = read_book(make_book(files, BOOK_TOML + "lists = false\n"))
    assert book is not None and render_manuscript(book)[0].lists == ()


def test_a_breadcrumb_that_names_its_own_chapter_is_not_a_level_of_it(make_book) -> None:  # type: ignore[no-untyped-def]
    """The README's manifest example gives parents 'The Economy > Infrastructure' in chapter
    3, The Economy: the section is under Infrastructure, with no heading 'The Economy'
    repeated inside the chapter of that title."""
    parents = "[The Economy, Infrastructure]"
    book, found = read_book(make_book({"001-a.md": section_source(1, parents=parents, total=1)}))
    assert book is not None and not found
    (chapter,) = book.chapters
    assert chapter.title == "The Economy"
    assert [s.parents for s in chapter.sections] == [("Infrastructure",)]


def test_a_lone_unplaced_section_is_a_division_of_its_own_title(make_book) -> None:  # type: ignore[no-untyped-def]
    """An imported page without a chapter (W408, chapter 0) after chapter 1 is its own
    division, not an 'Introduction' at the end of the book."""
    files = {
        "001-a.md": section_source(1, "Trade", total=2),
        "002-b.md": section_source(2, "Ethnic Composition", chapter=0, total=2),
    }
    book, found = read_book(make_book(files))
    assert book is not None and not found
    unplaced = book.chapters[-1]
    assert unplaced.number == 0 and unplaced.title == "Ethnic Composition"
    assert unplaced.opening is unplaced.sections[0]


def test_unplaced_sections_under_one_heading_are_a_division_of_it(make_book) -> None:  # type: ignore[no-untyped-def]
    """Unplaced pages the import set under the subject their address names (W408: 'Society'
    of photius's belarus_society_ethnic_composition) are a division of that heading, not an
    'Introduction'; under two headings, two divisions (they were one 'Introduction', a
    heading neither has)."""
    files = {
        "001-a.md": section_source(1, "Trade", total=3),
        "002-b.md": section_source(2, "Ethnic Composition", chapter=0, parents="[Society]"),
        "003-c.md": section_source(3, "Religion", chapter=0, parents="[Society]"),
    }
    book, found = read_book(make_book(files))
    assert book is not None and not found
    unplaced = book.chapters[-1]
    assert (unplaced.number, unplaced.title) == (0, "Society")
    assert [s.parents for s in unplaced.sections] == [(), ()]  # not 'Society' twice
    files["003-c.md"] = section_source(3, "Religion", chapter=0, parents="[Culture]")
    book, _ = read_book(make_book(files))
    assert book is not None
    assert [(c.number, c.title) for c in book.chapters[1:]] == [(0, "Society"), (0, "Culture")]


def test_unplaced_sections_are_divisions_of_their_own_headings(make_book) -> None:  # type: ignore[no-untyped-def]
    """The real Nepal pages the import could not place (W408): two copies of 'The Rana
    Oligarchy' (allrefer's, mongabay's) and photius's 'Other Modes of Transportation' under
    'Economy' were one division 'Introduction', a heading none of them has, in the contents
    of both outputs: they are a division a heading, each with an id and a file of its own."""
    files = {
        "001-a.md": section_source(1, "Trade", total=4),
        "002-b.md": section_source(2, "The Rana Oligarchy", chapter=0, total=4),
        "003-c.md": section_source(
            3, "Other Modes of Transportation", chapter=0, parents="[Economy]", total=4
        ),
        "004-d.md": section_source(4, "The Rana Oligarchy", chapter=0, total=4),
    }
    book, found = read_book(make_book(files))
    assert book is not None
    # section 4 is set before section 3, with section 2: said
    assert [(d.code, d.file.name, d.message) for d in found if d.file] == [
        (
            "W308",
            "004-d.md",
            "the sections of no chapter under 'The Rana Oligarchy' are interrupted by 003-c.md "
            "(another chapter's, kind's or heading's); their sections are kept together",
        )
    ]
    unplaced = book.chapters[1:]
    assert [(c.title, [s.sequence for s in c.sections]) for c in unplaced] == [
        ("The Rana Oligarchy", [2, 4]),
        ("Economy", [3]),
    ]
    assert unplaced[0].opening is unplaced[0].sections[0]  # its text under the heading
    assert [s.parents for s in unplaced[1].sections] == [()]  # not 'Economy' twice
    assert [c.slug for c in book.chapters] == ["ch01", "ch00", "ch00-2"]
    manuscript, diagnostics = render_manuscript(book)
    assert not [d for d in diagnostics if d.code == "E513"]
    assert [c.heading_text for c in manuscript.chapters][1:] == ["The Rana Oligarchy", "Economy"]


def test_a_titled_chapter_0_is_one_division(make_book) -> None:  # type: ignore[no-untyped-def]
    """Where book.toml titles chapter 0, its sections are that one division, whatever their
    headings: the user said what it is."""
    files = {
        "001-a.md": section_source(1, "The Rana Oligarchy", chapter=0, total=2),
        "002-b.md": section_source(2, "Religion", chapter=0, parents="[Culture]", total=2),
    }
    toml = BOOK_TOML.replace("chapters = { 1 =", 'chapters = { 0 = "Unplaced Pages", 1 =')
    book, found = read_book(make_book(files, toml))
    assert book is not None and not found
    assert [(c.number, c.title) for c in book.chapters] == [(0, "Unplaced Pages")]


def test_the_opening_is_the_first_section_of_its_division(make_book) -> None:  # type: ignore[no-untyped-def]
    """Both outputs set the opening under the division's title, before the other sections;
    its data-date note must then be the division's first (the PDF printed 1 where the
    manuscript, and so the EPUB and the read-back, said 3)."""
    kind = {"chapter": 0, "total": 3, "extra": "kind: acknowledgments\n"}
    files = {
        "001-a.md": section_source(1, "Acknowledgments and Preface", **kind),  # type: ignore[arg-type]
        "002-b.md": section_source(2, "Thanks", **kind),  # type: ignore[arg-type]
        "003-c.md": section_source(3, "Acknowledgments", **kind),  # type: ignore[arg-type]
    }
    book, found = read_book(make_book(files))
    assert book is not None and not found
    (division,) = book.chapters
    assert division.opening is division.sections[0]
    assert [s.sequence for s in division.sections] == [3, 1, 2]
    manuscript, _ = render_manuscript(book)
    (chapter,) = manuscript.chapters
    assert [rs.note_number for rs in chapter.sections] == [1, 2, 3]


def test_w308_names_what_interrupts_and_no_chapter_0(make_book) -> None:  # type: ignore[no-untyped-def]
    """A reader's review: 'chapter 0 is interrupted by another chapter' in a book with no
    chapter 0 (the import's unplaced sections) and no word of what interrupted it."""
    from octavo.source.sections import read_book
    from tests.conftest import section_source

    book = make_book(
        {
            "001-a.md": section_source(1, chapter=0),
            "002-b.md": section_source(2, chapter=1),
            "003-c.md": section_source(3, chapter=0),
        }
    )
    (w308,) = [d for d in read_book(book)[1] if d.code == "W308"]
    assert w308.message.startswith(
        "the sections of no chapter under 'Trade' are interrupted by 002-b.md"
    )


def test_the_lists_abbreviations_and_chronology_open_on_the_next_page() -> None:
    """The Chicago Manual (1.4): the front matter's acronyms and chronology "recto or
    verso", every other division on a right-hand page; a country's own (in a part) are its
    part's chapters."""
    opens = [(c.matter, c.kind, c.opens_recto) for c in _volume().chapters]
    assert [(m, k) for m, k, recto in opens if not recto] == [
        ("front", "acronyms"),
        ("front", "chronology"),
    ]


def test_the_outline_counts_chapters_apart_from_front_and_back_matter() -> None:
    """`invoke outline` said "… in 16 chapters" of the volume: its divisions of front and
    back matter (a Foreword, the Glossary) and its parts' profiles are no chapters."""
    from octavo.cli.outline import outline_lines

    book = _volume()
    assert outline_lines(book)[1] == (
        f"{len(book.sections)} sections in 4 chapters and 13 other divisions"
    )
