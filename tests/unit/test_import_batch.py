"""The batch import: pages to section files, re-import, the book.toml it creates."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from octavo.importers.supply import Options
from octavo.model import YearMonth
from octavo.source.sections import read_book
from tests.conftest import ROOT, SEED


def test_batch_goes_on_after_a_bad_page(tmp_path: Path, seed_text: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_text)
    (pages / "b.txt").write_text("just some text\n")
    other = (
        _own_words(seed_text, 59)
        .replace("Section 58 of 81", "Section 59 of 81")
        .replace("Belarus: Russia", "Belarus: Ukraine")
        .replace("> Russia", "> Ukraine")
    )
    (pages / "c.txt").write_text(other)
    result = import_pages([pages], tmp_path / "book")
    assert sorted(p.name for p in result.written) == ["058-russia.md", "059-ukraine.md"]
    assert [(d.code, d.file) for d in result.diagnostics] == [("E401", pages / "b.txt")]


def test_reimport_changes_no_byte_and_refuses_other_content(tmp_path: Path, seed_text: str) -> None:
    book = tmp_path / "book"
    import_pages([SEED], book)
    before = {p.name: p.read_bytes() for p in book.iterdir()}
    again = import_pages([SEED], book)
    assert again.written == () and len(again.unchanged) == 1
    assert {p.name: p.read_bytes() for p in book.iterdir()} == before
    changed = tmp_path / "changed.txt"
    changed.write_text(seed_text.replace("neutral country", "neutral state"))
    refused = import_pages([changed], book)
    assert [d.code for d in refused.diagnostics] == ["E402"]
    assert {p.name: p.read_bytes() for p in book.iterdir()} == before
    forced = import_pages([changed], book, force=True)
    assert forced.written and "neutral state" in forced.written[0].read_text()


def test_missing_data_date_is_an_error(tmp_path: Path, seed_text: str) -> None:
    page = tmp_path / "p.txt"
    page.write_text(seed_text.replace("Data as of June 1995", ""))
    result = import_pages([page], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["E403"] and not result.written


def test_book_toml_is_created_and_reads_back(tmp_path: Path) -> None:
    import_pages([SEED], tmp_path)
    book, found = read_book(tmp_path)
    assert book is not None
    assert book.config.title == "Belarus: A Country Study"
    assert book.config.language == "en"
    assert book.config.identifier.startswith("urn:uuid:")
    assert [d.code for d in found] == ["W310", "W309"]  # chapter 8's title is not known


# --- pages from other sites: what they lack is supplied, and every page is reported ---

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"


# Every real page of Nepal's study in tests/data/pages (README.md there says where each is
# from), and Bhutan's Acknowledgments and Preface, of the same volume: a reader's mixed set.
NEPAL_PAGES = (
    "allrefer/nepal10.txt",
    "allrefer/nepal11.txt",
    "allrefer/nepal26.txt",
    "tripod/cNepal8.txt",
    "photius/nepal_economy_other_modes_of_trans~10117.txt",
    "country-data.com/r-9052.txt",
    "mongabay/nepal_all.txt",
    "mongabay/nepal-the_rana_oligarchy.txt",
    "mongabay/country_profiles_2004-2005_Nepal.txt",
    "country-studies.com/nepal_preface.txt",
    "countrystudies.us/bhutan_1.txt",
)


def _dated() -> Options:
    return Options(data_as_of=YearMonth(1991, 9))


def _copy(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    for name in names:
        source = PAGES / name
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def _nameless(tmp_path: Path) -> str:
    """The 2005 Country Profile of Nepal with its country put out of the studies
    ('Ruritania'): a page that names no country; its path, for _copy."""
    source = PAGES / "mongabay/country_profiles_2004-2005_Nepal.txt"
    page = tmp_path / "nameless" / "country_profiles_2004-2005_Nepal.txt"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(source.read_text(encoding="utf-8").replace("Nepal", "Ruritania"))
    return str(page)


def _front(path: Path) -> dict[str, object]:
    import yaml

    return dict(yaml.safe_load(path.read_text().split("---\n")[1]))


def test_mixed_batch_reports_every_page_and_a_true_summary(tmp_path: Path, seed_text: str) -> None:
    book = tmp_path / "book"
    import_pages([SEED], book)  # the seed is then 'unchanged'
    folder = _copy(tmp_path, "allrefer/nepal10.txt", "country-data.com/r-8805.txt")
    (folder / "zz-not-a-page.txt").write_text("hello\n")
    (folder / SEED.name).write_text(seed_text)
    result = import_pages([folder], book)
    status = {r.path.name: r.status for r in result.reports}
    assert status == {
        "nepal10.txt": "imported",
        "r-8805.txt": "imported",
        SEED.name: "unchanged",
        "zz-not-a-page.txt": "refused",
    }
    assert result.summary() == "2 imported, 1 unchanged, 1 refused"
    refused = next(r for r in result.reports if r.status == "refused")
    assert "E401" in refused.line() and "zz-not-a-page.txt" in refused.line()
    assert all(p.is_file() for p in result.written)


def test_numbers_from_the_file_name_and_in_order(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "allrefer/nepal10.txt", "allrefer/nepal11.txt", "tripod/cNepal8.txt")
    (folder / "r-9052.txt").write_bytes((PAGES / "country-data.com/r-9052.txt").read_bytes())
    result = import_pages([folder], tmp_path / "book")
    numbers = {r.path.name: _front(r.target)["sequence"] for r in result.reports if r.target}
    assert numbers == {"nepal11.txt": 11, "cNepal8.txt": 8}
    # profile pages: chapter 0; cNepal8 is nepal10's text and r-9052 nepal11's, saved from
    # other sites (W418): left out, numbered all the same
    assert {d.code for d in result.diagnostics} == {"W406", "W407", "W418"}
    left = {r.path.name: r.supplied[0] for r in result.left_out}
    assert left == {
        "nepal10.txt": "section 10: from the file name 'nepal10.txt'",
        "r-9052.txt": "section 12: in order after the others",
    }


def test_w408_a_section_with_no_chapter_goes_to_chapter_0(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")
    result = import_pages([folder], tmp_path / "book")
    assert [d.code for d in result.diagnostics] == ["W407", "W408"]
    assert _front(result.written[0])["chapter"] == 0


def test_manifest_csv_gives_chapter_parents_number_title(tmp_path: Path) -> None:
    from octavo.importers.batch import Options
    from octavo.importers.manifest import load_manifest

    folder = _copy(tmp_path, "country-data.com/r-1249.txt", "countrystudies.us/moldova_1.txt")
    manifest = tmp_path / "pages.csv"
    manifest.write_text(
        "page,chapter,parents,sequence,title,chapter_title\n"
        "r-1249.txt,3,The Economy > Infrastructure,40,Transportation and Telecommunications,"
        "The Economy\n"
        "moldova_1.txt,0,,2,Preface,\n"
    )
    entries, problems = load_manifest(manifest)
    assert problems == ()
    result = import_pages(
        [folder], tmp_path / "book", options=Options(manifest=entries, data_as_of=None)
    )
    fronts = {r.path.name: _front(r.target) for r in result.reports if r.target}
    assert fronts["r-1249.txt"]["chapter"] == 3 and fronts["r-1249.txt"]["sequence"] == 40
    assert fronts["r-1249.txt"]["parents"] == ["The Economy", "Infrastructure"]
    assert fronts["r-1249.txt"]["title"] == "Transportation and Telecommunications"
    # The preface has no date of its own: it takes the other page's (W412).
    assert '3 = "The Economy"' in (tmp_path / "book" / "book.toml").read_text()
    assert not any("W407" in str(d) and "r-1249" in str(d) for d in result.diagnostics)
    assert fronts["moldova_1.txt"]["kind"] == "preface"
    assert fronts["moldova_1.txt"]["data_as_of"] == "1995-06"
    assert any(d.code == "W412" for d in result.diagnostics)


def test_manifest_toml_by_page_address(tmp_path: Path) -> None:
    from octavo.importers.batch import Options
    from octavo.importers.manifest import load_manifest

    folder = _copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")
    manifest = tmp_path / "pages.toml"
    manifest.write_text(
        '[pages."https://photius.com/countries/nepal/economy/'
        'nepal_economy_other_modes_of_trans~10117.html"]\n'
        'chapter = 3\nparents = ["Transportation and Communications"]\nsequence = 74\n'
    )
    entries, problems = load_manifest(manifest)
    assert problems == ()
    result = import_pages([folder], tmp_path / "book", options=Options(manifest=entries))
    (report,) = result.reports
    assert (
        report.target is not None and report.target.name == "074-other-modes-of-transportation.md"
    )
    assert _front(report.target)["parents"] == ["Transportation and Communications"]


def test_a_manifest_row_naming_no_page_is_told(tmp_path: Path) -> None:
    """A typo in a row's page (`r-1249.htm` for `r-1249.txt`) gave the page nothing and
    said nothing: now W426, once, at the first such row; the rows that name a page, by
    file name or by address, are not told."""
    from octavo.importers.manifest import load_manifest

    folder = _copy(
        tmp_path,
        "country-data.com/r-1249.txt",
        "photius/nepal_economy_other_modes_of_trans~10117.txt",
    )
    manifest = tmp_path / "pages.csv"
    manifest.write_text(
        "page,chapter,sequence,title\n"
        "r-1249.htm,3,40,Transportation\n"
        "https://photius.com/countries/nepal/economy/nepal_economy_other_modes_of_trans~10117.html"
        ",3,74,\n"
    )
    entries, problems = load_manifest(manifest)
    assert problems == ()
    options = Options(manifest=entries, manifest_file=manifest)
    result = import_pages([folder], tmp_path / "book", options=options)
    told = [d for d in result.diagnostics if d.code == "W426"]
    assert [(d.file, d.line) for d in told] == [(manifest, 2)]
    assert "'r-1249.htm'" in told[0].message and "photius" not in told[0].message
    manifest.write_text("page,chapter\nr-1249.txt,3\n")
    entries, _ = load_manifest(manifest)
    again = import_pages([folder], tmp_path / "other", options=Options(manifest=entries))
    assert not any(d.code == "W426" for d in again.diagnostics)


def test_a_row_w426_calls_unused_gives_no_chapter_title(tmp_path: Path) -> None:
    """A user-tester's report: a row that W426 said "is not used" (`r-1249.htm`, the page
    saved as r-1249.txt) still gave book.toml its `chapter_title`, and chapter 3's
    title placed a photius page under it (W420). An unused row gives nothing now."""
    from octavo.importers.manifest import load_manifest

    folder = _copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")
    manifest = tmp_path / "pages.csv"
    manifest.write_text("page,chapter,chapter_title\nr-1249.htm,3,The Economy\n")
    entries, _ = load_manifest(manifest)
    options = Options(manifest=entries, manifest_file=manifest, data_as_of=YearMonth(1991, 9))
    result = import_pages([folder], tmp_path / "book", options=options)
    assert [d.code for d in result.diagnostics if d.code == "W426"] == ["W426"]
    assert "The Economy" not in (tmp_path / "book" / "book.toml").read_text()
    (written,) = result.written
    assert _front(written)["chapter"] == 0  # not placed by the unused row's title (W420)


def test_e409_manifest_problems_have_their_line(tmp_path: Path) -> None:
    from octavo.importers.manifest import load_manifest

    manifest = tmp_path / "pages.csv"
    deep = " > ".join(f"Level {n}" for n in range(13))
    manifest.write_text(
        "page,chapter,sequence,parents\na.htm,three,1,\nb.htm,2,0,\n"
        f"c.htm,99999999999999999999999,3,\nd.htm,1,4,{deep}\n"
    )
    _, problems = load_manifest(manifest)
    # (a chapter past any a build takes, or parents deeper than it nests: refused here,
    # not written into a section the build then refuses)
    assert [(d.code, d.line) for d in problems] == [("E409", n) for n in (2, 3, 4, 5)]
    bad = tmp_path / "bad.toml"
    bad.write_text("[pages\n")
    assert [d.code for d in load_manifest(bad)[1]] == ["E409"]


def test_data_date_supplied_by_option_then_book_toml(tmp_path: Path) -> None:
    from octavo.importers.batch import Options
    from octavo.model import YearMonth

    folder = _copy(tmp_path, "country-studies.com/nepal_preface.txt")
    given = import_pages([folder], tmp_path / "a", options=Options(data_as_of=YearMonth(1991, 9)))
    assert _front(given.written[0])["data_as_of"] == "1991-09"
    assert "--data-as-of" in given.reports[0].line()
    (w412,) = [d for d in given.diagnostics if d.code == "W412"]
    assert w412.hint == ""  # never 'pass --data-as-of' to one who did
    book = tmp_path / "b"
    book.mkdir()
    (book / "book.toml").write_text('research_completed = "1991-09"\ncountry = "Nepal"\n')
    from_toml = import_pages([folder], book)
    assert "research_completed in book.toml" in from_toml.reports[0].line()
    none = import_pages([folder], tmp_path / "c")
    assert [d.code for d in none.diagnostics if d.code[0] == "E"] == ["E403"]
    assert none.summary() == "0 imported, 0 unchanged, 1 refused"


def test_e410_bad_data_as_of_stops_the_import(tmp_path: Path) -> None:
    import pytest

    from octavo.api import run_import
    from octavo.errors import BuildError

    with pytest.raises(BuildError) as caught:
        run_import([str(SEED)], tmp_path / "book", data_as_of="June 1995")
    assert [d.code for d in caught.value.diagnostics] == ["E410"]
    assert not (tmp_path / "book").exists()


def test_e411_strict_refuses_a_page_that_needs_a_warning(tmp_path: Path) -> None:
    from octavo.importers.batch import Options

    folder = _copy(tmp_path, "allrefer/nepal10.txt")
    result = import_pages([folder, SEED], tmp_path / "book", options=Options(strict=True))
    assert [r.status for r in result.reports] == ["refused", "imported"]
    assert "E411" in result.reports[0].line()


def test_chapter_page_gives_book_toml_its_chapter_title(tmp_path: Path, seed_text: str) -> None:
    book = tmp_path / "book"
    import_pages([SEED], book)
    chapter = tmp_path / "chapter.txt"
    chapter.write_text(  # words of its own: the seed's would be its twin (W418)
        _own_words(seed_text, 50)
        .replace("Belarus: Russia", "Belarus: Government and Politics")
        .replace(
            "Country Study > Chapter 8 > Foreign Relations > Russia", "Country Study > Chapter 8"
        )
        .replace("Section 58 of 81", "Section 50 of 81")
        .replace("Data as of June 1995", "Constitution\nThe Presidency\nData as of June 1995")
    )
    result = import_pages([chapter], book)
    front = _front(result.written[0])
    assert front["kind"] == "chapter" and front["chapter_title"] == "Government and Politics"
    body = result.written[0].read_text()
    assert "Constitution" not in body and "The Presidency" not in body  # its list of subsections
    assert '8 = "Government and Politics"' in (book / "book.toml").read_text()
    loaded, found = read_book(book)
    assert loaded is not None, [str(d) for d in found]


def test_kinds_are_written_and_read_back(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "mongabay/nepal_all.txt", "allrefer/nepal11.txt")
    result = import_pages([folder], tmp_path / "book")
    kinds = {r.path.name: _front(r.target).get("kind") for r in result.reports if r.target}
    assert kinds == {"nepal_all.txt": "acknowledgments", "nepal11.txt": "profile"}
    profile = next(r.target for r in result.reports if r.path.name == "nepal11.txt")
    assert profile is not None and _front(profile)["parents"] == ["Country Profile"]
    loaded, found = read_book(tmp_path / "book")
    assert loaded is not None, [str(d) for d in found]
    assert {s.chapter for s in loaded.sections} == {0}


def test_signature_keeps_its_lines(tmp_path: Path) -> None:
    from octavo.render.markdown import render_block

    page = tmp_path / "foreword.txt"
    page.write_text(
        "Belarus: Foreword\n\n"
        "This volume is one in a continuing series of books prepared by the Federal "
        "Research Division of the Library of Congress.\n\n"
        "Louis R. Mortimer\nChief\nFederal Research Division\nLibrary of Congress\n"
        "Washington, DC 20540-4840\n\nData as of June 1995\n"
    )
    result = import_pages([page], tmp_path / "book")
    body = result.written[0].read_text().split("---\n", 2)[2]
    assert "| Louis R. Mortimer\n| Chief\n| Federal Research Division\n" in body  # pandoc's
    html = render_block(body, typography=False).html
    assert "Louis R. Mortimer<br />" in html and "Washington, DC 20540-4840" in html
    assert "|" not in html
    assert _front(result.written[0])["kind"] == "foreword"


def test_outline_shows_what_was_supplied_and_by_whom(tmp_path: Path) -> None:
    from octavo.cli.outline import outline

    folder = _copy(tmp_path, "country-studies.com/nepal_preface.txt", "allrefer/nepal10.txt")
    import_pages([folder], tmp_path / "book")
    lines, _ = outline(tmp_path / "book")
    preface = next(line for line in lines if "Preface" in line and "supplied" in line)
    assert "(supplied: section 11: in order after the others" in preface
    assert "data date 1991-09 from the other pages of Nepal in this import" in preface
    seed_only = tmp_path / "seed"
    import_pages([SEED], seed_only)
    assert "supplied" not in "\n".join(outline(seed_only)[0])


def test_pages_with_supplied_fields_reimport_unchanged(tmp_path: Path) -> None:
    folder = _copy(
        tmp_path,
        "country-studies.com/nepal_preface.txt",
        "allrefer/nepal10.txt",
        "country-data.com/r-9052.txt",
        "mongabay/nepal-the_rana_oligarchy.txt",
    )
    first = import_pages([folder], tmp_path / "book")
    before = {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir()}
    again = import_pages([folder], tmp_path / "book")
    assert first.summary() == "4 imported, 0 unchanged, 0 refused"
    assert again.summary() == "0 imported, 4 unchanged, 0 refused"
    assert {p.name: p.read_bytes() for p in (tmp_path / "book").iterdir()} == before


def test_a_manifest_that_is_no_regular_file_is_refused_before_reading(tmp_path: Path) -> None:
    from octavo.importers.manifest import load_manifest

    link = tmp_path / "pages.csv"
    link.symlink_to("/dev/zero")
    entries, problems = load_manifest(link)
    assert entries == {} and [d.code[0] for d in problems] == ["E"]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("page,title\na.htm,Caf\xe9\n".encode("latin-1"))
    assert [d.code for d in load_manifest(latin)[1]] == ["E409"]


def test_outline_counts_in_words_that_agree_with_the_number() -> None:
    from octavo.cli.outline import outline

    lines, _ = outline(ROOT / "book")
    assert lines[1] == "1 section in 1 chapter"


def test_a_sites_home_page_is_not_imported_as_a_section(tmp_path: Path) -> None:
    """The Library's Country Studies home page shows loc.gov's chrome and nothing of a
    section (no title, no data date, no breadcrumb): it was imported as 'rr_frd_cs_cshome'."""
    folder = _copy(tmp_path, "loc.gov/rr_frd_cs_cshome.txt", "allrefer/nepal10.txt")
    result = import_pages([folder], tmp_path / "book")
    assert [d.code for d in result.diagnostics if d.code[0] == "E"] == ["E401"]
    assert result.summary() == "1 imported, 0 unchanged, 1 refused"


def test_a_page_without_a_date_takes_its_own_countrys_date(tmp_path: Path) -> None:
    """Pages of two studies imported together: the undated Belarus page takes the Belarus
    pages' June 1995, not the September 1991 of the more numerous Nepal pages."""
    folder = _copy(
        tmp_path,
        "photius/belarus_society_ethnic_composition.txt",
        "allrefer/belarus9.txt",
        "allrefer/nepal10.txt",
        "allrefer/nepal11.txt",
    )
    result = import_pages([folder], tmp_path / "book")
    (ethnic,) = [p for p in result.written if "ethnic" in p.name]
    assert _front(ethnic)["data_as_of"] == "1995-06"


def test_pages_of_two_countries_make_a_volume_of_both(tmp_path: Path) -> None:
    """Belarus and Moldova pages imported together: the book is titled for both (it was
    'Belarus: A Country Study', from the first page, with Moldova a part inside it)."""
    import tomllib

    folder = _copy(tmp_path, "allrefer/belarus9.txt", "country-data.com/r-8805.txt")
    import_pages([folder], tmp_path / "book")
    config = tomllib.loads((tmp_path / "book" / "book.toml").read_text())
    assert (config["title"], config["country"]) == (
        "Belarus and Moldova: Country Studies",
        "Belarus and Moldova",
    )
    # in the order of the parts (Nepal's section 8 comes first), not of the files
    (tmp_path / "more").mkdir()
    more = _copy(tmp_path / "more", "allrefer/belarus9.txt", "tripod/cNepal8.txt")
    import_pages([more], tmp_path / "more" / "book")
    config = tomllib.loads((tmp_path / "more" / "book" / "book.toml").read_text())
    assert config["title"] == "Nepal and Belarus: Country Studies"


def test_a_page_with_no_country_takes_one_only_from_one_country(tmp_path: Path) -> None:
    """A page naming no country beside pages of one study takes theirs, said (W414, and
    `supplied:`); beside pages of several it is refused (E401 naming them), never given the
    most frequent one; and a second import of the same pages refuses it alike, where it
    took the volume's book.toml country ("Bhutan, Nepal, …") and then clashed (E402)."""
    profile = _nameless(tmp_path)  # names no country
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _copy(tmp_path / "one", profile, "allrefer/belarus9.txt")
    result = import_pages([one], tmp_path / "one" / "book")
    (w414,) = [d for d in result.diagnostics if d.code == "W414"]
    assert "took Belarus from the other pages of this import" in w414.message
    (page,) = [p for p in result.written if "profile" in p.name]  # its title's, not its name's
    assert _front(page)["country"] == "Belarus"
    assert _front(page)["title"] == "Country Profile: Belarus"
    assert "country Belarus from the other pages of this import" in str(_front(page)["supplied"])
    again = import_pages([one], tmp_path / "one" / "book")  # book.toml now says Belarus
    assert len(again.unchanged) == 2 and not [d for d in again.diagnostics if d.code[0] == "E"]
    # a volume's book.toml country ("Belarus and Nepal") is no page's: refused, said whose
    (tmp_path / "vol").mkdir()
    both = _copy(tmp_path / "vol", "allrefer/belarus9.txt", "allrefer/nepal10.txt")
    import_pages([both], tmp_path / "vol" / "book")
    (tmp_path / "alone").mkdir()
    alone = import_pages([_copy(tmp_path / "alone", profile)], tmp_path / "vol" / "book")
    (e401,) = [d for d in alone.diagnostics if d.code == "E401"]
    assert "the book's sections name Belarus, Nepal" in e401.message and not alone.written
    several = _copy(tmp_path / "two", profile, "allrefer/belarus9.txt", "allrefer/nepal10.txt")
    for _ in range(2):  # the same answer both times
        result = import_pages([several], tmp_path / "two" / "book")
        (e401,) = [d for d in result.diagnostics if d.code == "E401"]
        assert "name Belarus, Nepal" in e401.message
        assert not [d for d in result.diagnostics if d.code in ("E402", "W414")]


def test_a_manifest_number_of_no_digits_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """'²' passed str.isdigit and then int() raised (found in review)."""
    from octavo.importers.manifest import load_manifest

    manifest = tmp_path / "pages.csv"
    manifest.write_text("page,chapter,parents,sequence,title\nr-1.txt,\u00b2,,3,Trade\n")
    _, problems = load_manifest(manifest)
    assert [(p.code, p.line) for p in problems] == [("E409", 2)]


def test_a_manifest_number_in_another_scripts_figures_is_e409(tmp_path: Path) -> None:
    """A sequence "٥" passed isdecimal() and was read as 5, where book.toml's [chapters]
    and a section's front matter take 0-9 only."""
    from octavo.importers.manifest import load_manifest

    manifest = tmp_path / "pages.csv"
    manifest.write_text("page,chapter,parents,sequence,title\nr-1.txt,1,,\u0665,Trade\n")
    _, problems = load_manifest(manifest)
    assert [(p.code, p.line) for p in problems] == [("E409", 2)]


def test_a_file_name_of_a_country_and_a_number_is_no_title(tmp_path: Path) -> None:
    """tripod's `cNepal8.txt` has no title of its own: 'cNepal8' was its heading and its
    contents line; a name that holds a word keeps being the title."""
    from octavo.importers.page_fields import _file_title
    from tests.conftest import DATA

    result = import_pages([DATA / "pages" / "tripod" / "cNepal8.txt"], tmp_path / "book")
    (report,) = result.reports
    assert report.target is not None and _front(report.target)["title"] == "Section 8"
    assert _file_title("belarus-economy", "Belarus", 9) == "belarus-economy"
    assert _file_title("r-9052", "Nepal", 9052) == "Section 9052"


# --- a page that names no chapter, placed by its neighbours (W417) ---

CRUMB = "Country Study > Chapter 8 > Foreign Relations > Russia"


def _section(folder: Path, seed_text: str, number: int, title: str, crumb: str = "") -> Path:
    """A page of the seed's study: section `number`, under `crumb` (none: no chapter), its
    prose its own (a word of its number every third word: the seed's text twice is W418)."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{number:03d}.txt"
    page.write_text(
        _own_words(seed_text, number)
        .replace("Belarus: Russia", f"Belarus: {title}")
        .replace(CRUMB, crumb)
        .replace("Section 58 of 81", f"Section {number} of 81")
    )
    return page


def _own_words(text: str, number: int) -> str:
    """The seed's prose lines with a word of `number` after every third word."""

    def own(line: str) -> str:
        words = line.split(" ")
        return " ".join(w + (f" w{number}" if i % 3 == 2 else "") for i, w in enumerate(words))

    return "\n".join(own(line) if len(line) > 200 else line for line in text.split("\n"))


def _study(tmp_path: Path, seed_text: str, pages: dict[int, str]) -> Path:
    """Pages by number: a breadcrumb, or "" for a page that names no chapter."""
    folder = tmp_path / "pages"
    for number, crumb in pages.items():
        _section(folder, seed_text, number, f"Topic {number}", crumb)
    return folder


SOCIETY = "Country Study > Chapter 2 > The Society and Its Environment > Population"
OPENS_3 = "Country Study > Chapter 3"


def test_w417_pages_between_two_of_a_chapter_are_of_that_chapter(
    tmp_path: Path, seed_text: str
) -> None:
    """Two pages with no chapter between pages of chapter 2 (the website's reading order)
    go to chapter 2 under the previous page's breadcrumb, said; they were an 'Introduction'
    set at the front of the book."""
    folder = _study(tmp_path, seed_text, {20: SOCIETY, 21: "", 22: "", 23: SOCIETY})
    book = tmp_path / "book"
    result = import_pages([folder], book)
    fronts = {r.path.name: _front(r.target) for r in result.reports if r.target}
    for name in ("021.txt", "022.txt"):
        assert (fronts[name]["chapter"], fronts[name]["parents"]) == (
            2,
            ["The Society and Its Environment"],
        )
        assert fronts[name]["supplied"] == [
            "chapter 2 by its neighbours (sections 20 and 23), "
            "under The Society and Its Environment"
        ]
    w417 = [(d.code, d.file) for d in result.diagnostics if d.code[0] in "WE"]
    assert w417 == [("W417", folder / "021.txt"), ("W417", folder / "022.txt")]
    assert "sections 20 and 23 are both of chapter 2" in result.diagnostics[0].message
    loaded, found = read_book(book)
    assert loaded is not None, [str(d) for d in found]
    (chapter,) = [c for c in loaded.chapters if c.number == 2]
    assert [s.sequence for s in chapter.sections] == [20, 21, 22, 23]
    assert not [c for c in loaded.chapters if c.number == 0]  # no 'Introduction'
    # re-import, in one batch or page by page: not a byte changed
    before = {p.name: p.read_bytes() for p in book.iterdir()}
    again = import_pages([folder], book)
    assert again.summary() == "0 imported, 4 unchanged, 0 refused"
    alone = import_pages([folder / "022.txt"], book)  # its neighbours are the book's sections
    assert alone.summary() == "0 imported, 1 unchanged, 0 refused"
    assert {p.name: p.read_bytes() for p in book.iterdir()} == before


def test_w408_a_page_before_every_placed_page_or_beside_none_stays_in_chapter_0(
    tmp_path: Path, seed_text: str
) -> None:
    folder = _study(tmp_path, seed_text, {19: "", 20: SOCIETY, 21: SOCIETY, 22: ""})
    result = import_pages([folder], tmp_path / "book")
    codes = [(d.code, d.file.name) for d in result.diagnostics if d.file]
    assert codes == [("W408", "019.txt"), ("W408", "022.txt")]
    assert {r.path.name: _front(r.target)["chapter"] for r in result.reports if r.target} == {
        "019.txt": 0,
        "020.txt": 2,
        "021.txt": 2,
        "022.txt": 0,
    }


def test_w417_disagreeing_neighbours_place_only_before_the_next_chapters_opening(
    tmp_path: Path, seed_text: str
) -> None:
    """A page between a page of chapter 2 and the opening page of chapter 3 ends chapter 2:
    nothing of chapter 3 comes before its opening. Before any other page of chapter 3 it may
    be that chapter's first, and before chapter 4 a whole chapter may lie between: W408."""
    opens = import_pages(
        [_study(tmp_path / "a", seed_text, {20: SOCIETY, 21: "", 22: OPENS_3})], tmp_path / "a/b"
    )
    assert [d.code for d in opens.diagnostics] == ["W417"]
    assert "section 20 is of chapter 2, section 22 opens chapter 3" in opens.diagnostics[0].message
    (placed,) = [r.target for r in opens.reports if r.path.name == "021.txt"]
    assert placed is not None and _front(placed)["chapter"] == 2
    economy = "Country Study > Chapter 3 > The Economy > Industry"
    opens_4 = "Country Study > Chapter 4"
    for where, pages in (
        ("c", {20: SOCIETY, 21: "", 22: economy}),
        ("d", {20: SOCIETY, 21: "", 22: opens_4}),
    ):
        result = import_pages([_study(tmp_path / where, seed_text, pages)], tmp_path / where / "b")
        assert [d.code for d in result.diagnostics] == ["W408"], where
        # the hint names the pages it lies between, for the editor who decides
        chapter = 3 if where == "c" else 4
        assert (
            result.diagnostics[0].hint == "give its chapter and parents in a --manifest: it lies "
            f"between section 20, of chapter 2, and section 22, of chapter {chapter}"
        ), where


def test_w417_the_manifest_wins_and_guesses_are_no_evidence(tmp_path: Path, seed_text: str) -> None:
    """A manifest's chapter is never overruled by the neighbours; a page placed by a guess
    (W408's chapter 0, or W417's) places no other page."""
    from octavo.importers.batch import Options
    from octavo.importers.manifest import load_manifest

    folder = _study(tmp_path, seed_text, {20: SOCIETY, 21: "", 22: "", 23: SOCIETY})
    manifest = tmp_path / "pages.csv"
    manifest.write_text("page,chapter,parents\n021.txt,5,Elsewhere\n")
    entries, _ = load_manifest(manifest)
    result = import_pages([folder], tmp_path / "book", options=Options(manifest=entries))
    fronts = {r.path.name: _front(r.target) for r in result.reports if r.target}
    assert (fronts["021.txt"]["chapter"], fronts["021.txt"]["parents"]) == (5, ["Elsewhere"])
    # the manifest's chapter is evidence like a page's own: 22, between 5 and 2, is not placed
    assert fronts["022.txt"]["chapter"] == 0
    assert [(d.code, d.file.name) for d in result.diagnostics if d.file] == [("W408", "022.txt")]
    # a book whose only neighbour before the page was guessed: the page is not placed by it
    book = tmp_path / "guessed"
    import_pages([_study(tmp_path / "g", seed_text, {20: SOCIETY, 21: "", 23: SOCIETY})], book)
    (book / "020-topic-20.md").unlink()
    lone = import_pages([_section(tmp_path / "h", seed_text, 22, "Topic 22")], book)
    assert [d.code for d in lone.diagnostics] == ["W408"]


def test_w417_pages_without_numbers_are_read_in_the_files_order(
    tmp_path: Path, seed_text: str
) -> None:
    folder = tmp_path / "pages"
    for name, crumb in (("a", SOCIETY), ("b", ""), ("c", SOCIETY)):
        page = _section(folder, seed_text, 1, name.upper(), crumb)
        page.write_text(page.read_text().replace("Section 1 of 81", ""))
        page.rename(folder / f"{name}.txt")
    result = import_pages([folder], tmp_path / "book")
    placed = [d.file for d in result.diagnostics if d.code == "W417"]
    assert [f.name if f else None for f in placed] == ["b.txt"]


def test_w417_two_book_sections_of_one_number_are_read_not_compared() -> None:
    """Two of the book's sections numbered alike (E301 at build) were sorted as Neighbour
    objects, which have no order: a TypeError, not a report (found in review)."""
    from octavo.importers.neighbours import Neighbour, placements

    book = [Neighbour("Belarus", n, 2, ("Population",), False) for n in (20, 20, 23)]
    pages: list[Neighbour | None] = [Neighbour("Belarus", 21, None, (), False, placeable=True)]
    (placed,) = placements(pages, book).values()
    assert (placed.chapter, placed.parents, placed.after, placed.before) == (
        2,
        ("Population",),
        20,
        23,
    )


def test_a_page_is_never_dated_from_another_country_s_pages(tmp_path: Path) -> None:
    """A reader's review: a Belarus page without a date, imported beside a Nepal page of
    September 1991, was dated September 1991 (W412 "from the other pages"). Another
    country's pages lend no date: the page is refused (E403), its hint says how to date it."""
    folder = _copy(
        tmp_path,
        "photius/belarus_society_ethnic_composition.txt",
        "photius/nepal_economy_other_modes_of_trans~10117.txt",
    )
    result = import_pages([folder], tmp_path / "book")
    refused = {r.path.name: [d.code for d in r.problems] for r in result.reports if not r.target}
    assert "E403" in refused["belarus_society_ethnic_composition.txt"]
    (nepal,) = result.written
    assert _front(nepal)["data_as_of"] == "1991-09"


def test_a_page_that_names_no_country_lends_no_date(tmp_path: Path) -> None:
    """A 2005 country profile that names no country (refused, E401) dated the 1995 pages
    imported with it November 2005."""
    folder = _copy(
        tmp_path,
        _nameless(tmp_path),
        "mongabay/nepal-the_rana_oligarchy.txt",
        "mongabay/moldova_all_b.txt",
    )
    result = import_pages([folder], tmp_path / "book")
    codes = {r.path.name: {d.code for d in r.problems} for r in result.reports}
    assert "E401" in codes["country_profiles_2004-2005_Nepal.txt"]
    # no page of Moldova or Nepal has a date of its own: none is given the profile's
    assert "E403" in codes["nepal-the_rana_oligarchy.txt"] and "E403" in codes["moldova_all_b.txt"]
    assert result.written == ()


def test_a_page_naming_one_study_s_country_many_times_is_of_it(tmp_path: Path) -> None:
    """The real 2005 Country Profile names Nepal six times (four as a word) and no other
    study's country, and was refused for naming none (E401), or given Moldova beside a
    Moldova page (W414). It is Nepal's, said (W419, `supplied:`), alone or beside pages of
    Moldova; its 'November 2005', its own publication's date, dates no page of the 1991
    study of Nepal (they are refused, E403, as before)."""
    profile = "mongabay/country_profiles_2004-2005_Nepal.txt"
    for name, pages in (
        ("alone", (profile,)),
        ("beside", (profile, "mongabay/moldova_all_a.txt", "mongabay/nepal_all.txt")),
    ):
        (tmp_path / name).mkdir()
        result = import_pages([_copy(tmp_path / name, *pages)], tmp_path / name / "book")
        report = next(r for r in result.reports if r.path.name.startswith("country_"))
        codes = {d.code for d in report.problems}
        assert "W419" in codes and not codes & {"E401", "W414"} and report.target
        assert _front(report.target)["country"] == "Nepal"
        assert "country Nepal from the page's text (named 4 times)" in report.supplied
        others = [r for r in result.reports if r is not report]
        assert all("E403" in {d.code for d in r.problems} for r in others)


def test_a_country_profile_is_titled_by_its_own_words_not_its_file_name(tmp_path: Path) -> None:
    """The 2005 Country Profile has no title line; its first line says it is one of the
    Library's series of profiles, which titles each "Country Profile: Nepal". It was titled
    'country_profiles_2004-2005_Nepal' from its file name (W406), in the contents of both
    outputs; its country is the one its text names (W419), or, where the page names none
    and the import one, the import's (W414)."""
    result = import_pages(
        [_copy(tmp_path, "mongabay/country_profiles_2004-2005_Nepal.txt")], tmp_path / "book"
    )
    (written,) = result.written
    assert written.name == "001-country-profile-nepal.md"
    front = _front(written)
    assert (front["title"], front["kind"], front["parents"]) == (
        "Country Profile: Nepal",
        "profile",
        ["Country Profile"],
    )
    assert "W406" not in {d.code for d in result.diagnostics}
    (report,) = result.reports
    assert "line 1: one of the Library's Country Profiles, no title line" in report.reasons
    nameless = tmp_path / "nameless"
    nameless.mkdir()
    folder = _copy(nameless, _nameless(nameless), "allrefer/nepal10.txt")
    result = import_pages([folder], nameless / "book", options=_dated())
    profile = next(p for p in result.written if "profile" in p.name)
    assert _front(profile)["title"] == "Country Profile: Nepal"  # W414: the import's


def test_the_real_nepal_pages_set_no_introduction(tmp_path: Path) -> None:
    """A reader's import of every real Nepal page: chapter 0, the pages it could not place,
    was one 'Introduction' holding 'The Rana Oligarchy' twice and 'Economy > Other Modes of
    Transportation', a heading none has; each heading is a division of its own now. (The
    Rana Oligarchy is there once: mongabay's and allrefer's copies are one text, W418.)"""
    folder = _copy(tmp_path, *NEPAL_PAGES)
    import_pages([folder], tmp_path / "book")
    book, _ = read_book(tmp_path / "book")
    assert book is not None
    body = [(c.title, [s.title for s in c.sections]) for c in book.chapters if c.matter == "body"]
    assert body == [
        ("The Rana Oligarchy", ["The Rana Oligarchy"]),
        ("Economy", ["Other Modes of Transportation"]),
    ]
    (profile,) = [c for c in book.chapters if c.kind == "profile"]
    assert "Country Profile: Nepal" in [s.title for s in profile.sections]
    assert "Introduction" not in [c.title for c in book.chapters]


def test_a_page_naming_two_study_countries_names_none(tmp_path: Path) -> None:
    """Named four times, but beside another study's country (India, once): E401 as before;
    so too where it is named twice only."""
    text = (PAGES / "mongabay/country_profiles_2004-2005_Nepal.txt").read_text(encoding="utf-8")
    for name, changed in (
        ("india", text.replace("Kathmandu Valley under", "Kathmandu Valley, beside India, under")),
        (
            "twice",
            text.replace("Short Form: Nepal", "Short Form: it").replace("Nepal recog", "It recog"),
        ),
    ):
        page = tmp_path / name / "country_profiles_2004-2005_Nepal.txt"
        page.parent.mkdir()
        page.write_text(changed)
        result = import_pages([page], tmp_path / name / "book")
        assert "E401" in {d.code for d in result.diagnostics} and not result.written


def _page(folder: Path, name: str, title: str, date: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    words = " ".join(f"{body}{i}" for i in range(60))
    (folder / name).write_text(f"{title}\n\n{words}.\n\n{date}\n")


def test_a_volume_s_preface_takes_the_import_s_one_date_only(tmp_path: Path) -> None:
    """A Preface names no country of one study: it takes the import's date when its pages
    give one, and none beside pages of 1995 and 1991 (which study is it of?)."""
    one = tmp_path / "one"
    _page(one, "a.txt", "Belarus: Economy", "Data as of June 1995", "alpha")
    _page(one, "b.txt", "Moldova: Economy", "Data as of June 1995", "beta")
    _page(one, "c.txt", "Belarus and Moldova: Preface", "", "gamma")
    agreed = import_pages([one], tmp_path / "book1")
    preface = next(r for r in agreed.reports if r.path.name == "c.txt")
    assert preface.target is not None and _front(preface.target)["data_as_of"] == "1995-06"
    two = tmp_path / "two"
    _page(two, "a.txt", "Belarus: Economy", "Data as of June 1995", "alpha")
    _page(two, "b.txt", "Nepal: Economy", "Data as of September 1991", "beta")
    _page(two, "c.txt", "Belarus and Moldova: Preface", "", "gamma")
    split = import_pages([two], tmp_path / "book2")
    preface = next(r for r in split.reports if r.path.name == "c.txt")
    assert preface.status == "refused" and "E403" in {d.code for d in preface.problems}


def test_a_page_given_the_import_s_country_lends_its_date(tmp_path: Path) -> None:
    """A dated page that names no country is given the import's one country (W414), and
    its date is that country's for the undated pages (the review found it lent none)."""
    folder = tmp_path / "pages"
    _page(folder, "a.txt", "Trade", "Data as of September 1991", "alpha")
    _page(folder, "b.txt", "Nepal: Roads", "", "beta")
    result = import_pages([folder], tmp_path / "book")
    fronts = {r.path.name: _front(r.target) for r in result.reports if r.target}
    assert fronts["a.txt"]["country"] == "Nepal" and fronts["b.txt"]["data_as_of"] == "1991-09"


def test_an_undated_page_takes_the_book_s_date_for_its_country(tmp_path: Path) -> None:
    book = tmp_path / "book"
    import_pages([_copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")], book)
    later = tmp_path / "later"
    later.mkdir()
    (later / "nepal-the_rana_oligarchy.txt").write_bytes(
        (PAGES / "mongabay/nepal-the_rana_oligarchy.txt").read_bytes()
    )
    result = import_pages([later], book)
    (report,) = result.reports
    assert report.target is not None and _front(report.target)["data_as_of"] == "1991-09"
    assert "data date 1991-09 from the book's sections of Nepal" in report.line()


def test_w406_says_whether_the_title_is_the_file_s_name_or_the_section_s_number(
    tmp_path: Path,
) -> None:
    """'r-1249.txt' has no words in its name: its title 'Section 1' is its number's, which
    W406 called 'from the file name' (a reader's review)."""
    numbered = import_pages([_copy(tmp_path, "country-data.com/r-1249.txt")], tmp_path / "a")
    (w406,) = [d for d in numbered.diagnostics if d.code == "W406"]
    assert w406.message == "no title found: titled 'Section 1' from its section number"
    named = tmp_path / "named"
    named.mkdir()
    (named / "belarus-economy.txt").write_bytes(
        (PAGES / "country-data.com/r-1249.txt").read_bytes()
    )
    (w406,) = [d for d in import_pages([named], tmp_path / "b").diagnostics if d.code == "W406"]
    assert w406.message == "no title found: titled 'belarus-economy' from the file name"


def test_the_subject_an_address_names_places_a_page_that_names_no_chapter(
    tmp_path: Path,
) -> None:
    """photius's belarus_society_ethnic_composition names no chapter, and was numbered 60
    after the others and set after chapter 8 as a heading of its own; its address names its
    chapter's subject, Society. Where book.toml titles a chapter that names it, the page is
    of that chapter (W420, in its `supplied:` list); where none does, it is set under
    'Society' in chapter 0 (W408 names it); a re-import finds the same."""
    page = "photius/belarus_society_ethnic_composition.txt"
    titled = tmp_path / "titled"
    titled.mkdir()
    (titled / "book").mkdir()
    (titled / "book" / "book.toml").write_text(
        'title = "Belarus: A Country Study"\nlanguage = "en"\ncountry = "Belarus"\n'
        'research_completed = "1995-06"\n\n[chapters]\n1 = "Historical Setting"\n'
        '2 = "The Society and Its Environment"\n3 = "The Economy"\n'
    )
    result = import_pages([_copy(titled, page)], titled / "book")
    (w420,) = [d for d in result.diagnostics if d.code == "W420"]
    assert "chapter 2 ('The Society and Its Environment')" in w420.message
    assert "'Society' in 'belarus_society_ethnic_composition.txt'" in w420.message
    (written,) = result.written
    front = _front(written)
    assert (front["chapter"], front["parents"]) == (2, [])
    assert "chapter 2 by its address" in str(front["supplied"])
    bare = tmp_path / "bare"
    bare.mkdir()
    folder = _copy(bare, page, "allrefer/belarus9.txt")
    for _ in range(2):
        result = import_pages([folder], bare / "book")
        (w408,) = [d for d in result.diagnostics if d.code == "W408"]
        assert "placed in chapter 0, under 'Society', the subject its address names" in (
            w408.message
        )
    assert len(result.unchanged) == 2
    section = next(p for p in result.unchanged if "ethnic" in p.name)
    assert (_front(section)["chapter"], _front(section)["parents"]) == (0, ["Society"])


def test_another_country_s_chapter_titles_place_no_page(tmp_path: Path) -> None:
    """A Nepal page (photius's address: /countries/nepal/economy/) in a Belarus book whose
    [chapters] name 'The Economy' is not placed in Belarus's chapter 3: under 'Economy'."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "book.toml").write_text(
        'title = "Belarus: A Country Study"\nlanguage = "en"\ncountry = "Belarus"\n\n'
        '[chapters]\n3 = "The Economy"\n'
    )
    folder = _copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")
    result = import_pages([folder], tmp_path / "book")
    assert "W420" not in {d.code for d in result.diagnostics}
    (written,) = result.written
    assert (_front(written)["chapter"], _front(written)["parents"]) == (0, ["Economy"])


def test_a_country_s_chapter_titles_are_made_once_an_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page placed by its address's subject (W420) made its country's chapter titles
    again, a walk of every page of the import: once a country now, the pages placed alike."""
    from octavo.importers.supply import Supplier

    made: list[str] = []
    make = Supplier._chapter_titles

    def counted(self: Supplier, own: str, *rest: object) -> dict[int, str]:
        made.append(own)
        return make(self, own, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(Supplier, "_chapter_titles", counted)
    nepal = PAGES / "photius/nepal_economy_other_modes_of_trans~10117.txt"
    folder = _copy(tmp_path, "photius/belarus_society_ethnic_composition.txt")
    for n in range(3):  # three pages of one subject: 'Economy' (W418 aside)
        (folder / f"nepal_economy_other_modes_of_trans~1011{n}.txt").write_bytes(nepal.read_bytes())
    result = import_pages(
        [folder], tmp_path / "book", options=Options(data_as_of=YearMonth(1995, 6))
    )
    assert sorted(made) == ["Belarus", "Nepal"]
    placed = {p.name: _front(p)["parents"] for p in result.written}
    assert sorted(map(str, placed.values())) == ["['Economy']", "['Society']"]
    # the two copies of the first Nepal page are left out (W418), placed alike all the same
    assert len(result.left_out) == 2
    assert all("under Economy" in r.supplied[-1] for r in result.left_out)


def test_only_a_site_that_names_pages_by_subject_is_read_so(tmp_path: Path) -> None:
    """A page of another site saved as nepal_chapter3_trade.txt: its name is the user's,
    and 'Chapter3' no subject (photius's names are country, subject, title)."""
    _page(tmp_path / "pages", "nepal_chapter3_trade.txt", "Nepal: Trade",
          "Data as of September 1991", "trade")  # fmt: skip
    result = import_pages([tmp_path / "pages"], tmp_path / "book")
    (w408,) = [d for d in result.diagnostics if d.code == "W408"]
    assert w408.message == "no chapter found: placed in chapter 0"
    (written,) = result.written
    assert _front(written)["parents"] == []


def test_a_chapter_number_not_in_figures_is_passed_by(tmp_path: Path) -> None:
    """An import into a book whose [chapters] holds `"²" = "…"` (which isdigit() takes and
    int() refuses) stopped with a ValueError; the key names no chapter, as the build says
    (E109)."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "book.toml").write_text(
        'title = "Belarus: A Country Study"\nlanguage = "en"\ncountry = "Belarus"\n'
        'research_completed = "1995-06"\n\n[chapters]\n"²" = "The Society and Its Environment"\n'
    )
    folder = _copy(tmp_path, "photius/belarus_society_ethnic_composition.txt")
    result = import_pages([folder], tmp_path / "book")
    (written,) = result.written
    assert _front(written)["chapter"] == 0


DEEP_TOML = "x = " + "[" * 3000 + "]" * 3000 + "\n"  # tomllib: a RecursionError
HUGE_TOML = "x = " + "9" * 5000 + "\n"  # tomllib: Python's ValueError, not TOMLDecodeError


@pytest.mark.parametrize("text", [DEEP_TOML, HUGE_TOML], ids=["3000-brackets", "5000-digits"])
def test_a_manifest_tomllib_cannot_read_is_e409(tmp_path: Path, text: str) -> None:
    from octavo.importers.manifest import load_manifest

    manifest = tmp_path / "pages.toml"
    manifest.write_text(text)
    assert [d.code for d in load_manifest(manifest)[1]] == ["E409"]


def test_an_import_into_a_book_toml_nested_too_deep_is_no_traceback(tmp_path: Path) -> None:
    """The importer reads the book's book.toml (its country, date, chapters): 3,000 nested
    brackets there stopped the import with a RecursionError; the build says what is wrong
    with the file (E102)."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "book.toml").write_text(DEEP_TOML)
    folder = _copy(tmp_path, "photius/nepal_economy_other_modes_of_trans~10117.txt")
    result = import_pages([folder], tmp_path / "book", options=Options(data_as_of=None))
    assert result.reports


def test_two_pages_of_one_section_number_in_one_import(tmp_path: Path, seed_text: str) -> None:
    """Every page is planned before any is written (octavo.importers.writing), yet a second
    page of a number finds the first's section as when they were written one by one: with
    other content, E402; the first is written."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_text)
    (pages / "b.txt").write_text(seed_text.replace("neutral country", "neutral state"))
    result = import_pages([pages], tmp_path / "book")
    assert result.summary() == "1 imported, 0 unchanged, 1 refused"
    assert [(d.code, d.file) for d in result.diagnostics] == [("E402", pages / "b.txt")]
    assert "neutral country" in (tmp_path / "book" / "058-russia.md").read_text()


def test_no_page_states_a_total_so_none_is_written(tmp_path: Path) -> None:
    """allrefer's real pages say no "Section N of M": their numbers come from the file
    names (10, 26). The import wrote `total: 26` (the highest number) and the build's W309
    then named sections 1–9 and 11–25 as missing from a study whose size no page gave."""
    pages = ROOT / "tests/data/pages/allrefer"
    result = import_pages([pages / "nepal10.txt", pages / "nepal26.txt"], tmp_path / "book")
    assert sorted(p.name for p in result.written) == [
        "010-transportation-and-communications.md",
        "026-the-rana-oligarchy.md",
    ]
    assert not any("total:" in p.read_text() for p in result.written)
    book, found = read_book(tmp_path / "book")
    assert book is not None and "W309" not in [d.code for d in found]


def test_a_stated_total_is_written_on_the_pages_that_lack_one(
    tmp_path: Path, seed_text: str
) -> None:
    """What is known is written: the book's section of the seed states "Section 58 of 81",
    the study's total, so a page imported later with no total of its own takes 81."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_text)
    (pages / "nepal10.txt").write_bytes(
        (ROOT / "tests/data/pages/allrefer/nepal10.txt").read_bytes()
    )
    result = import_pages([pages / "a.txt"], tmp_path / "book")
    again = import_pages([pages / "nepal10.txt"], tmp_path / "book")
    assert result.written and again.written
    assert "total: 81\n" in again.written[0].read_text()


def test_a_page_imported_without_a_total_is_present_beside_a_later_total(
    tmp_path: Path, seed_text: str
) -> None:
    """allrefer's belarus9 imported first, with no total (none known), then a page that
    states "Section 58 of 81": W309 named section 9 among those missing, beside its own
    section. It counts as present (what its import supplied says it is a page)."""
    pages = ROOT / "tests/data/pages/allrefer"
    book = tmp_path / "book"
    import_pages([pages / "belarus9.txt"], book)
    (tmp_path / "seed.txt").write_text(seed_text)
    import_pages([tmp_path / "seed.txt"], book)
    _, found = read_book(book)
    (gaps,) = [d for d in found if d.code == "W309"]
    assert gaps.message == "sections 1–8, 10–57, 59–81 not present (2 of 81 in the book)"
