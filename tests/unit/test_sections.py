"""octavo.source.sections and the checks across them: a section written for the book (a
foreword, a glossary) states no `total`, the "of M" of a study's imported page."""

from __future__ import annotations

from octavo.cli.outline import outline_lines
from octavo.source.sections import read_book
from tests.conftest import MakeBook, section_source


def _written(sequence: int, title: str, kind: str) -> str:
    """A section written by hand: no `total`."""
    return (
        f"---\ntitle: {title}\ncountry: Testland\nchapter: 0\nparents: []\n"
        f'sequence: {sequence}\ndata_as_of: "1995-06"\nkind: {kind}\n---\n\nWritten here.\n'
    )


def test_a_foreword_and_a_glossary_written_by_hand_need_no_total(make_book: MakeBook) -> None:
    """They were E204 ('total' is missing); given one, E302 (not the study's 81) or E303
    (a glossary numbered 90 of 81): a section not of the study had to take a study's
    number and count."""
    book = make_book(
        {
            "058-russia.md": section_source(58, "Russia", total=81),
            "foreword.md": _written(1, "Foreword", "foreword"),
            "glossary.md": _written(90, "Glossary", "glossary"),
        }
    )
    loaded, found = read_book(book)
    assert loaded is not None
    # the study's sections alone are counted: the foreword's 1 is not the study's section 1
    assert [(d.code, d.message) for d in found] == [
        ("W309", "sections 1–57, 59–81 not present (1 of 81 in the book)")
    ]
    assert [(s.title, s.kind, s.total) for s in loaded.sections] == [
        ("Foreword", "foreword", None),
        ("Russia", "section", 81),
        ("Glossary", "glossary", None),
    ]
    assert "  1  Foreword" in "\n".join(outline_lines(loaded))
    assert " 58/81  Russia" in "\n".join(outline_lines(loaded))


def test_a_book_written_by_hand_states_no_total_and_misses_nothing(make_book: MakeBook) -> None:
    book = make_book(
        {
            "001-a.md": section_source(1, "Land").replace("total: 3\n", ""),
            "003-c.md": section_source(3, "Rivers").replace("total: 3\n", ""),
            "foreword.md": _written(9, "Foreword", "foreword"),
        }
    )
    loaded, found = read_book(book)
    assert loaded is not None and found == ()


def test_a_stated_total_is_still_checked(make_book: MakeBook) -> None:
    book = make_book(
        {
            "001-a.md": section_source(1, total=3),
            "002-b.md": section_source(2, total=4),
            "005-e.md": section_source(5, total=3),
            "foreword.md": _written(9, "Foreword", "foreword"),
        }
    )
    codes = sorted(d.code for d in read_book(book)[1])
    assert codes == ["E302", "E303"]


def test_a_section_written_for_the_book_may_have_no_data_date(make_book: MakeBook) -> None:
    """A foreword written by hand had to state a `data_as_of`, which the book then printed
    as its "Data as of" note and a row of the Data Currency appendix, as if a page of the
    study. Without `total:` (a section written for the book) it may have none: no note, no
    row. A study's page (with `total:`) still needs one (E204)."""
    from octavo.render.epub.documents import currency
    from octavo.render.manuscript import render_manuscript

    foreword = _written(9, "Foreword", "foreword").replace('data_as_of: "1995-06"\n', "")
    book = make_book({"058-russia.md": section_source(58, "Russia", total=81), "f.md": foreword})
    loaded, found = read_book(book)
    assert loaded is not None, found
    assert [(s.title, s.dated) for s in loaded.sections] == [
        ("Foreword", False),
        ("Russia", True),
    ]
    manuscript, _ = render_manuscript(loaded)
    written = manuscript.sections[0]
    assert (written.section.title, written.note_html) == ("Foreword", "")
    assert currency(manuscript).count == 1
    assert "  9  Foreword\n" in "\n".join(outline_lines(loaded)) + "\n"
    undated = section_source(58, "Russia", total=81).replace('data_as_of: "1995-06"\n', "")
    codes = [d.code for d in read_book(make_book({"058-russia.md": undated}))[1]]
    assert codes == ["E204"]


def test_what_reading_the_sections_told_is_not_said_again(make_book: MakeBook) -> None:
    """A book whose one section file cannot be read (E002) is told that, not "no
    sections" (E305) beside it; a section not read is not missing (no W309 for it). The
    assembly is given what reading told; these two were said, then found again by their
    codes among its diagnostics and dropped."""
    bad = b"\xff\xfe not UTF-8"
    book = make_book({"001-a.md": bad})
    assert [d.code for d in read_book(book)[1]] == ["E002"]
    (book / "001-a.md").unlink()
    assert [d.code for d in read_book(book)[1]] == ["E305"]  # none at all
    (book / "001-a.md").write_text(section_source(1, total=3), encoding="utf-8")
    assert [d.code for d in read_book(book)[1]] == ["W309"]  # 2 and 3 of 3 missing
    (book / "002-b.md").write_bytes(bad)
    assert [d.code for d in read_book(book)[1]] == ["E002"]  # 2 not read, not missing


def test_a_book_whose_files_told_only_warnings_and_gave_no_section_says_e305(
    make_book: MakeBook,
) -> None:
    """What reading told silences "no sections" only where it was an error (it says why a
    section was not read): warnings alone, and no section, was no book and no error."""
    from octavo.errors import warning
    from octavo.project import open_project
    from octavo.source.assemble import assemble
    from octavo.source.labels import load_labels

    book = make_book({"001-a.md": section_source(1)})
    project, _ = open_project(book)
    assert project is not None
    labels, _ = load_labels(project.config, project.template_dirs)
    told = (warning("W208", "front matter: unknown field 'x' is ignored", book / "001-a.md"),)
    assembled, found = assemble(project, (), labels, told)
    assert assembled is None
    assert [d.code for d in found] == ["E305"]
