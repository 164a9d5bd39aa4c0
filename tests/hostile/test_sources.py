"""Issue 16 items 7, 8, 9 (sources), 16, 17, 18: numbers and dates bounded, every source
file checked before it is read, control characters and bad language tags refused, dot files
ignored."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.source.assemble import missing_runs
from octavo.source.config import _openings, load_config
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source


def _codes(book: Path) -> list[str]:
    _, found = read_book(book)
    return [d.code for d in found]


@pytest.mark.parametrize(
    "extra",
    ["total: 300000000", "total: 100001", "sequence: " + "9" * 5000, "total: " + "1" * 40],
    ids=["huge-total", "over-limit", "5000-digits", "40-digits"],
)
def test_huge_numbers_are_E206_at_once(make_book: MakeBook, extra: str) -> None:
    key = extra.split(":")[0]
    text = section_source(1, total=1).replace(f"{key}: 1\n", extra + "\n")
    started = time.monotonic()
    assert "E206" in _codes(make_book({"001-a.md": text}))
    assert time.monotonic() - started < 5


def test_gaps_come_from_the_numbers_present() -> None:
    assert missing_runs([58], 300_000_000) == [(1, 57), (59, 300_000_000)]
    assert missing_runs([1, 2, 3], 3) == []
    assert missing_runs([2, 5], 6) == [(1, 1), (3, 4), (6, 6)]


@pytest.mark.parametrize("date", ['"0000-01"', '"10000-01"', '"0000-13"'])
def test_years_outside_1_to_9999_are_refused(make_book: MakeBook, date: str) -> None:
    assert "E207" in _codes(make_book({"001-a.md": section_source(1, total=1, date=date)}))


def test_research_completed_year_zero_is_E107(make_book: MakeBook) -> None:
    book = make_book({}, toml=BOOK_TOML + 'research_completed = "0000-01"\n')
    _, found = load_config(book)
    assert [d.code for d in found] == ["E107"]


def test_year_zero_builds_nothing_and_raises_no_traceback(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, date='"0000-01"')})
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "b.epub")
    assert "E207" in [d.code for d in caught.value.diagnostics]


def test_a_5000_digit_number_in_book_toml_is_E102(make_book: MakeBook) -> None:
    book = make_book({}, toml=BOOK_TOML + "order = [" + "9" * 5000 + "]\n")
    _, found = load_config(book)
    assert [d.code for d in found] == ["E102"]


def test_a_huge_chapter_key_is_E109(make_book: MakeBook) -> None:
    toml = BOOK_TOML.replace(
        'chapters = { 1 = "The Economy"', "chapters = { " + "9" * 5000 + ' = "x"'
    )
    book = make_book({}, toml=toml)
    _, found = load_config(book)
    assert [d.code for d in found] == ["E109"]


@pytest.mark.parametrize("key", ["title", "subtitle", "publisher"])
def test_control_characters_in_book_toml_are_E123(make_book: MakeBook, key: str) -> None:
    toml = BOOK_TOML.replace('title = "Testland: A Country Study"\n', "")
    book = make_book(
        {}, toml=toml + f'{key} = "Test\\u0001land"\n' + ('title = "T"\n' if key != "title" else "")
    )
    _, found = load_config(book)
    assert [d.code for d in found] == ["E123"]


@pytest.mark.parametrize("tag", ["klingon!! <x>", "en-", "xx", "e"])
def test_language_that_is_not_bcp47_is_E122(make_book: MakeBook, tag: str) -> None:
    book = make_book({}, toml=BOOK_TOML.replace('language = "en"', f'language = "{tag}"'))
    _, found = load_config(book)
    assert [d.code for d in found] == ["E122"]


@pytest.mark.parametrize("tag", ["en", "en-US", "be", "zh-Hant-TW", "sr-Latn"])
def test_good_language_tags_pass(make_book: MakeBook, tag: str) -> None:
    book = make_book({}, toml=BOOK_TOML.replace('language = "en"', f'language = "{tag}"'))
    config, found = load_config(book)
    assert config is not None and found == ()


@pytest.mark.parametrize("name", [".#001-a.md", "._001-a.md", ".001-a.md.swp.md"])
def test_dot_files_are_not_sections(make_book: MakeBook, name: str) -> None:
    book = make_book({"001-a.md": section_source(1, total=1), name: b"\x00\x01garbage"})
    assert _codes(book) == []


def test_a_dangling_emacs_lock_link_is_ignored(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / ".#001-a.md").symlink_to("root@host.1234:1700000000")
    assert _codes(book) == []


def test_a_dangling_symlink_section_is_E001(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=2)})
    (book / "002-b.md").symlink_to(book / "missing.md")
    assert "E001" in _codes(book)


def test_a_fifo_section_is_E005_without_hanging(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=2)})
    os.mkfifo(book / "002-b.md")
    assert "E005" in _codes(book)


def test_a_symlink_to_dev_zero_is_E005(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=2)})
    (book / "002-b.md").symlink_to("/dev/zero")
    assert "E004" in _codes(book) or "E005" in _codes(book)


def test_a_symlink_to_a_big_file_inside_is_E003_unread(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=2)})
    big = book / "assets" / "big.bin"
    big.parent.mkdir()
    with big.open("wb") as handle:
        handle.truncate(1024**3)
    (book / "002-b.md").symlink_to(big)
    assert "E003" in _codes(book)


def test_book_toml_symlinked_out_of_the_book_is_E004(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    outside = tmp_path / "outside.toml"
    outside.write_text(BOOK_TOML)
    (book / "book.toml").unlink()
    (book / "book.toml").symlink_to(outside)
    _, found = load_config(book)
    assert [d.code for d in found] == ["E004"]


def test_book_toml_that_is_a_fifo_is_E005(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "book.toml").unlink()
    os.mkfifo(book / "book.toml")
    _, found = load_config(book)
    assert [d.code for d in found] == ["E005"]


def _key(book: Path) -> str:
    from octavo.api import open_book
    from octavo.cache import build_key

    return build_key(open_book(book), {})


def test_the_change_check_never_reads_a_fifo_device_or_outside(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    os.mkfifo(book / "pipe.md")
    (book / "zero.md").symlink_to("/dev/zero")
    (book / "dangling.md").symlink_to(book / "nothing")
    secret = tmp_path / "secret.txt"
    secret.write_text("one")
    (book / "secret.md").symlink_to(secret)
    started = time.monotonic()
    first = _key(book)
    secret.write_text("two")  # outside the book: not read, so not part of the key
    assert _key(book) == first
    assert time.monotonic() - started < 5


def test_the_change_check_streams_a_big_file(make_book: MakeBook) -> None:
    import resource

    book = make_book({"001-a.md": section_source(1, total=1)})
    with (book / "big.bin").open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _key(book)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20 * 1024


@pytest.mark.parametrize("kind", ["link-out", "fifo", "broken"])
def test_a_books_labels_catalogue_is_read_through_the_sandbox(
    make_book: MakeBook, tmp_path: Path, kind: str
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1)})
    catalogue = book / "templates" / "labels" / "en.toml"
    catalogue.parent.mkdir(parents=True)
    if kind == "link-out":
        (tmp_path / "secret.toml").write_text('contents = "SECRET"\n')
        catalogue.symlink_to(tmp_path / "secret.toml")
    elif kind == "fifo":
        os.mkfifo(catalogue)
    else:
        catalogue.write_text("contents = [unclosed\n")
    if kind == "fifo":  # not a catalogue: octavo's own is used, the FIFO never opened
        assert api.build_epub(book, tmp_path / "b.epub")[0].is_file()
        return
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "b.epub")
    assert [d.code for d in caught.value.diagnostics] == [
        {"link-out": "E004", "broken": "E116"}[kind]
    ]


def test_import_next_to_a_fifo_book_toml_does_not_hang(tmp_path: Path) -> None:
    from octavo.importers.batch import import_pages
    from tests.conftest import SEED

    book = tmp_path / "book"
    book.mkdir()
    os.mkfifo(book / "book.toml")
    started = time.monotonic()
    import_pages([SEED], book)
    assert time.monotonic() - started < 30
    assert stat_is_fifo(book / "book.toml")


def stat_is_fifo(path: Path) -> bool:
    import stat

    return stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_file_name_that_is_not_utf8_is_no_traceback(make_book: MakeBook, tmp_path: Path) -> None:
    """Any file of the book goes into the change check by its name's bytes: a name that
    is not UTF-8 (`readme-\\xe9.txt`, Latin-1) raised UnicodeEncodeError there."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / os.fsdecode(b"readme-\xe9.txt")).write_text("notes\n", encoding="utf-8")
    first, _ = api.build_epub(book, tmp_path / "a.epub")
    again, _ = api.build_epub(book, tmp_path / "a.epub")
    assert first == again and first.stat().st_size > 0


def test_a_book_folder_whose_name_is_not_utf8_builds(tmp_path: Path) -> None:
    """The book folder's own name goes into the key of its sections' cache: a name that is
    not UTF-8 (`b\\xe9k`, Latin-1) raised UnicodeEncodeError there, a traceback on every
    task but `outline`."""
    book = tmp_path / os.fsdecode(b"b\xe9k")
    book.mkdir()
    (book / "book.toml").write_text(BOOK_TOML, encoding="utf-8")
    (book / "001-a.md").write_text(section_source(1, total=1), encoding="utf-8")
    built, _ = api.build_epub(book, tmp_path / "a.epub")
    assert built.stat().st_size > 0


def test_parents_deeper_than_the_contents_nest_are_e206(make_book: MakeBook) -> None:
    """150 levels of `parents` nested the PDF's contents into a RecursionError."""
    parents = "[" + ", ".join(f"L{n}" for n in range(150)) + "]"
    book = make_book({"001-a.md": section_source(1, total=1, parents=parents)})
    assert _codes(book) == ["E206"]


def test_a_title_longer_than_a_title_page_line_is_e123(make_book: MakeBook) -> None:
    """A 50,000-letter title asked the EPUB's cover for a picture past Pillow's limit (a
    DecompressionBombError traceback) and the PDF for minutes; a long description (a
    blurb) is fine."""
    toml = BOOK_TOML.replace('title = "', 'title = "' + "Belarus " * 6000, 1)
    book = make_book({"001-a.md": section_source(1, total=1)}, toml)
    assert _codes(book) == ["E123"]
    blurb = BOOK_TOML + 'description = "' + "A study of the country. " * 200 + '"\n'
    assert _codes(make_book({"001-a.md": section_source(1, total=1)}, blurb)) == []


def test_a_front_matter_key_given_twice_is_e202(make_book: MakeBook) -> None:
    """YAML keeps the last of a key given twice, silently: 'title' twice chose one."""
    source = section_source(1, total=1).replace("title: Trade\n", "title: Trade\ntitle: Other\n", 1)
    book = make_book({"001-a.md": source})
    _, found = read_book(book)
    assert [(d.code, d.line) for d in found] == [("E202", 3)]


@pytest.mark.parametrize(
    ("field", "line"), [("country", 3), ("chapter_title", 9)], ids=["country", "chapter-title"]
)
def test_control_characters_in_a_shown_field_are_e206(
    make_book: MakeBook, tmp_path: Path, field: str, line: int
) -> None:
    """A section's country (its part's heading, in a book of two countries) or its
    chapter_title (its chapter's heading) holding "\\x01" stopped the EPUB at E704, which
    names neither file nor line and blames a template; it is E206 at the field's line, as
    book.toml's strings are E123."""
    text = section_source(2, total=2, chapter=7, extra='chapter_title: "Trade"\n')
    value = {"country": "Test\\x01land", "chapter_title": "Tr\\x01ade"}[field]
    old = {"country": "country: Testland", "chapter_title": 'chapter_title: "Trade"'}[field]
    bad = text.replace(old, f'{field}: "{value}"')
    book = make_book({"001-a.md": section_source(1, total=2), "002-b.md": bad})
    with pytest.raises(BuildError) as caught:
        api.build_epub(book, tmp_path / "b.epub")
    assert [(d.code, Path(str(d.file)).name, d.line) for d in caught.value.diagnostics] == [
        ("E206", "002-b.md", line)
    ]


@pytest.mark.parametrize("where", ["mark", "index.toml"])
def test_an_index_entry_of_500_levels_is_W515(
    make_book: MakeBook, tmp_path: Path, where: str
) -> None:
    """`[x]{index="a!a!…"}` of 500 levels (or such a term in index.toml) nested the index
    500 deep, and its sort (and templates) recursed past Python's limit: RecursionError, a
    traceback on every build. An entry is at most MAX_INDEX_LEVELS deep: W515, left out."""
    entry = "!".join(["Minsk"] * 500)
    if where == "mark":
        body = f'The capital, [Minsk]{{index="{entry}"}}, and [Hrodna]{{.index}}.\n'
        book = make_book({"001-a.md": section_source(1, total=1, body=body)})
    else:
        body = "The capital, Minsk, and [Hrodna]{.index}.\n"
        book = make_book(
            {
                "001-a.md": section_source(1, total=1, body=body),
                "index.toml": f'[terms]\nMinsk = "{entry}"\n',
            }
        )
    built, found = api.build_epub(book, tmp_path / "b.epub")
    (told,) = found
    assert told.code == "W515" and "500 levels" in told.message and told.file is not None
    assert (told.file.name, told.line) == (
        ("index.toml", 2) if where == "index.toml" else ("001-a.md", 11)
    )
    assert built.stat().st_size > 0


def test_a_book_toml_of_many_unknown_keys_is_read_at_once(make_book: MakeBook) -> None:
    """Each W103 (and each line any diagnostic of book.toml names) searched the whole text
    for its key: 4,000 unknown keys took 20 s, the 50,000 a book.toml under its 1 MiB limit
    holds most of an hour. The lines of the text's keys are found in one pass: the text is
    read for its keys' lines once, however many diagnostics name a line (no clock: a timed
    test fails on a loaded machine, as this one did at 11.6 s)."""
    toml = BOOK_TOML + "".join(f"k{i} = 1\n" for i in range(20_000))
    book = make_book({}, toml=toml)
    _openings.cache_clear()
    _, found = load_config(book)
    assert _openings.cache_info().misses == 1
    lines = {d.message: d.line for d in found}
    assert (
        len(lines) == 20_000
        and lines["unknown key 'k19999' is ignored"] == len(toml.split("\n")) - 1
    )


@pytest.mark.parametrize("target", ["outside", "missing", "/dev/zero"])
def test_a_linked_section_is_named_by_the_link_not_its_target(
    make_book: MakeBook, tmp_path: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal names the file in the book (002-b.md), not where the link leads: run from
    a folder above both, the message was at 'elsewhere/058-russia.md', a file not the book's."""
    book = make_book({"001-a.md": section_source(1, total=2)})
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "elsewhere" / "058-russia.md"
    outside.parent.mkdir()
    outside.write_text(section_source(2, total=2), encoding="utf-8")
    lead = {"outside": outside, "missing": book / "gone.md", "/dev/zero": Path("/dev/zero")}
    (book / "002-b.md").symlink_to(lead[target])
    _, found = read_book(book)
    refused = [d for d in found if d.code in ("E001", "E004", "E005")]
    assert refused and all(Path(str(d.file)).name == "002-b.md" for d in refused), refused


def test_a_book_toml_not_in_utf8_is_not_told_to_be_imported(make_book: MakeBook) -> None:
    """E002's hint sent a book.toml (or index.toml) saved in Latin-1 to `invoke
    import-pages`, which imports pages: only a section is re-imported."""
    book = make_book({"001-a.md": section_source(1, total=1)})
    (book / "book.toml").write_bytes(BOOK_TOML.replace('"', "'").encode() + b"# caf\xe9\n")
    _, found = load_config(book)
    assert [d.code for d in found] == ["E002"] and "import-pages" not in found[0].hint
    (book / "001-a.md").write_bytes(section_source(1, total=1).encode() + b"caf\xe9\n")
    (book / "book.toml").write_text(BOOK_TOML, encoding="utf-8")
    _, sections = read_book(book)
    assert [d.code for d in sections] == ["E002"] and "import-pages" in sections[0].hint


@pytest.mark.parametrize("name", ["_drafts/ideas.md", "_notes.md", "_drafts/deep/more.md"])
def test_underscore_files_and_folders_are_not_sections(make_book: MakeBook, name: str) -> None:
    """ut47 bug 23c: drafts kept in the book folder were read as sections (E201), as Quarto
    would not: a name that begins with '_' is kept beside the book, never in it."""
    book = make_book({"001-a.md": section_source(1, total=1), name: "Some idea.\n"})
    assert _codes(book) == []


def test_a_markdown_file_in_a_subfolder_is_still_a_section(make_book: MakeBook) -> None:
    book = make_book({"001-a.md": section_source(1, total=1), "drafts/ideas.md": "Idea.\n"})
    _, found = read_book(book)
    [told] = [d for d in found if d.code == "E201"]
    assert "_drafts/" in told.hint


def test_a_link_to_a_section_of_the_book_is_one_section(make_book: MakeBook) -> None:
    """ut47 bug 23c: `002-b.md -> src/002-b.md` was E301, section 2 twice, for one file."""
    book = make_book(
        {"001-a.md": section_source(1, total=2), "src/002-b.md": section_source(2, total=2)}
    )
    (book / "002-b.md").symlink_to("src/002-b.md")
    loaded, found = read_book(book)
    assert loaded is not None and not [d for d in found if d.severity.value == "error"], found
    assert [s.path.name for s in loaded.sections] == ["001-a.md", "002-b.md"]
