"""One case per diagnostic code: tests/data/bad/<CODE>/book and expected.txt ('CODE file:line')."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.errors import BuildError, Diagnostic
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, DATA, section_source

CASES = sorted(
    p for p in (DATA / "bad").iterdir() if (p / "expected.txt").is_file() and (p / "book").is_dir()
)


def diagnostics_of(book: Path) -> tuple[Diagnostic, ...]:
    loaded, found = read_book(book)
    if loaded is None or any(d.severity.value == "error" for d in found):
        return found
    return found + render_manuscript(loaded)[1]


def where(diagnostic: Diagnostic, book: Path) -> str:
    if diagnostic.file is None:
        return ""
    file = Path(diagnostic.file).resolve()
    name = "." if file == book.resolve() else str(file.relative_to(book.resolve()))
    return f"{name}:{diagnostic.line}" if diagnostic.line else name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_code_and_location(case: Path) -> None:
    code, _, location = (case / "expected.txt").read_text().strip().partition(" ")
    found = diagnostics_of(case / "book")
    matching = [d for d in found if d.code == code]
    assert matching, f"expected {code}, got {[str(d) for d in found]}"
    assert location in [where(d, case / "book") for d in matching]
    assert all(d.message for d in matching)


# Codes whose message is itself what to do ("'numbering' must be one of book, chapter"):
# every other case's diagnostic says what to do in a hint. A maker's walk found E102, E104,
# E144, E303, E306 and W308 telling what was wrong and not what to do.
SAID_IN_THE_MESSAGE = {
    "E105", "E107", "E108", "E109", "E110", "E114", "E116", "E140", "E142", "E145", "E206",
}  # fmt: skip


HINTED = [
    c for c in CASES if (c / "expected.txt").read_text().split()[0] not in SAID_IN_THE_MESSAGE
]


@pytest.mark.parametrize("case", HINTED, ids=[c.name for c in HINTED])
def test_a_problem_says_what_to_do(case: Path) -> None:
    code = (case / "expected.txt").read_text().split()[0]
    matching = [d for d in diagnostics_of(case / "book") if d.code == code]
    assert matching and all(d.hint for d in matching), [str(d) for d in matching]


def test_every_code_has_a_case() -> None:
    """Each code has a tests/data/bad/<CODE> case or a test that names it."""
    import re

    source = "\n".join(p.read_text() for p in Path("octavo").rglob("*.py"))
    codes = set(re.findall(r'"([EW]\d{3})"', source))
    tests = "\n".join(p.read_text() for p in Path("tests").rglob("test_*.py"))
    named = set(re.findall(r"[EW]\d{3}", tests))
    untested = codes - {c.name for c in CASES} - named
    assert not untested, f"codes without a tests/data/bad case or a test: {sorted(untested)}"


def test_all_problems_are_reported_at_once(make_book) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import section_source

    book = make_book(
        {
            "001-a.md": section_source(1, date='"June 1995"'),
            "002-b.md": section_source(2, extra="colour: red\n"),
            "003-c.md": section_source(3),
            "004-c.md": section_source(3),
        }
    )
    codes = sorted(d.code for d in read_book(book)[1])
    assert codes == ["E207", "E301", "W208"]  # section 1 is not missing: E207 says why


def test_a_section_that_cannot_be_read_is_not_called_missing(make_book) -> None:  # type: ignore[no-untyped-def]
    """A typo in one section's front matter (E204) also said 'sections 2 not present', as
    if the file were not there: one error, with a false warning beside it."""
    from tests.conftest import section_source

    book = make_book(
        {
            "001-a.md": section_source(1, total=3),
            "002-b.md": section_source(2, total=3).replace("data_as_of", "data_as_off"),
            "003-c.md": section_source(3, total=3),
        }
    )
    assert sorted(d.code for d in read_book(book)[1]) == ["E204", "W208"]


def test_a_number_above_the_total_keeps_the_sections_warnings(make_book) -> None:  # type: ignore[no-untyped-def]
    """E303 returned the section's errors alone: its unknown field (W208) went unsaid."""
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(2, total=1, extra="colour: red\n")})
    assert {"E303", "W208"} <= {d.code for d in read_book(book)[1]}


def test_one_missing_section_is_named_in_the_singular(make_book) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1, total=2)})
    (found,) = read_book(book)[1]
    assert found.message == "section 2 not present (1 of 2 in the book)"


def test_build_error_message_has_file_and_line(make_book) -> None:  # type: ignore[no-untyped-def]
    from octavo.source.sections import load_book
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1, date='"June 1995"', total=1)})
    with pytest.raises(BuildError) as caught:
        load_book(book)
    assert "001-a.md:8: E207 error:" in str(caught.value)


def test_strict_turns_warnings_into_errors(make_book) -> None:  # type: ignore[no-untyped-def]
    from octavo.source.sections import load_book
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1)})
    _, found = load_book(book)
    assert [d.code for d in found] == ["W309"]
    with pytest.raises(BuildError):
        load_book(book, strict=True)


def test_e001_unreadable_source(make_book) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "002-gone.md").symlink_to(book / "nowhere.md")
    found = read_book(book)[1]
    assert [(d.code, Path(d.file or "").name) for d in found if d.code == "E001"] == [
        ("E001", "002-gone.md")
    ]


def test_e100_missing_book_folder(tmp_path: Path) -> None:
    found = read_book(tmp_path / "absent")[1]
    assert [d.code for d in found] == ["E100"]
    # `octavo epub pdf --book DIR` gives DIR to pdf alone (invoke's options follow their
    # task): the epub then finds no book in the current folder, so the hint says so.
    assert "epub --book DIR pdf --book DIR" in found[0].hint


def test_e100_a_book_that_is_a_file_names_its_folder(make_book) -> None:  # type: ignore[no-untyped-def]
    """`--book book/book.toml` said "book folder not found" of a file that is there, and
    hinted at the order of invoke's options (a maker's walk)."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    [found] = read_book(book / "book.toml")[1]
    assert (found.code, found.message) == ("E100", "the book folder is a file")
    assert str(book) in found.hint


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5", "9" * 30, "\u0661\u0662\u0663"])
def test_e113_malformed_source_date_epoch(value: str, make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1)})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert [d.code for d in read_book(book)[1]] == ["E113"]


def test_e400_no_such_page(tmp_path: Path) -> None:
    from octavo.importers.batch import expand_paths

    _, found = expand_paths([str(tmp_path / "absent.txt"), str(tmp_path / "*.nothing")])
    assert [d.code for d in found] == ["E400", "E400"]
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    _, found = expand_paths([str(tmp_path / "empty")])  # it 'imported' 0 pages, exit 0
    assert [(d.code, d.file) for d in found] == [("E400", tmp_path / "empty")]


def test_e100_import_into_a_book_that_is_a_file(tmp_path: Path) -> None:
    from octavo.api import run_import
    from tests.conftest import SEED

    (tmp_path / "book.md").write_text("mine\n")
    with pytest.raises(BuildError) as caught:
        run_import([str(SEED)], tmp_path / "book.md")
    assert [(d.code, d.file) for d in caught.value.diagnostics] == [("E100", tmp_path / "book.md")]
    assert (tmp_path / "book.md").read_text() == "mine\n"


def test_w404_page_without_body(tmp_path: Path) -> None:
    from octavo.importers.batch import import_pages
    from tests.conftest import SEED

    text = SEED.read_text()
    start, end = text.index("Even though"), text.index("Data as of")
    page = tmp_path / "empty.txt"
    page.write_text(text[:start] + text[end:])
    result = import_pages([page], tmp_path / "book")
    assert [(d.code, d.line) for d in result.diagnostics] == [("W404", 3)]


def test_a_misspelt_field_is_told_the_field_it_is_close_to(make_book) -> None:  # type: ignore[no-untyped-def]
    """W208 listed every field after 'last_update', and the section's 'updated' date was
    silently gone from its note."""
    from tests.conftest import section_source

    book = make_book({"001-a.md": section_source(1, total=1, extra='last_update: "1995-09"\n')})
    assert [(d.code, d.hint) for d in read_book(book)[1]] == [
        ("W208", "did you mean 'last_updated'?")
    ]


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        ('[chapters]\n2 = "The Economy"\n', 5),
        ('chapters = { 2 = "The Economy" }\n', 5),
        ('parts = ["Testland"]\n\n[chapters.Testland]\n2 = "The Economy"\n', 7),
    ],
    ids=["table", "inline", "part"],
)
def test_w310_points_at_the_chapters_table(make_book, toml: str, line: int) -> None:  # type: ignore[no-untyped-def]
    """A chapter without a title was W310 at book.toml, no line: the line of the table that
    titles the chapters (of the part's country in a book of parts)."""
    head = "\n".join(BOOK_TOML.splitlines()[:4]) + "\n"
    book = make_book({"001-a.md": section_source(1, total=1)}, head + toml)
    (told,) = [d for d in diagnostics_of(book) if d.code == "W310"]
    assert told.line == line, str(told)


def test_build_error_from_a_worker_keeps_its_message() -> None:
    """A BuildError raised in a layout worker is pickled back to the build: unpickled, its
    message was remade from the message's characters (one a line: 'E\\n6\\n0\\n4…')."""
    import pickle

    from octavo.errors import error

    sent = BuildError([error("E604", "note n stays on page 3")], written=[Path("b.pdf")])
    got = pickle.loads(pickle.dumps(sent))
    assert str(got) == str(sent) == "E604 error: note n stays on page 3"
    assert got.diagnostics == sent.diagnostics
    assert got.written == sent.written
