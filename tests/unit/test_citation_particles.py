"""A name's particles read as pandoc reads them (octavo.render.citation_particles). Each
expected text is what `pandoc --citeproc -t plain --wrap=none` 3.9 prints with the same
style, references and Markdown: an author-date style whose list demotes a non-dropping
particle for sorting only (`demote-non-dropping-particle="sort-only"`, Harvard's)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from octavo.render.citation_particles import unparsed
from octavo.render.manuscript import render_manuscript
from octavo.source.sections import read_book
from tests.conftest import BOOK_TOML, MakeBook, section_source
from tests.support.citation_styles import AUTHOR_DATE, cited_text

SORT_ONLY = AUTHOR_DATE.replace(
    'class="in-text">', 'class="in-text" demote-non-dropping-particle="sort-only">', 1
)
assert SORT_ONLY != AUTHOR_DATE


def _author(title: str, family: str, given: str) -> dict[str, Any]:
    return {
        "type": "book", "title": title, "issued": {"date-parts": [[1990]]},
        "author": [{"family": family, "given": given}],
    }  # fmt: skip


def test_csl_json_particles_read_from_the_names(make_book: MakeBook) -> None:
    """citeproc-py read "von Neumann" as a family name ("von Neumann" sorted under V),
    "d'Alembert" too ("d’Alembert" under D), "Ludwig van" as a given name ("Beethoven,
    Ludwig van ." where it was initialized)."""
    refs = {
        "a": _author("A", "von Neumann", "John"),
        "b": _author("B", "Beethoven", "Ludwig van"),
        "c": _author("C", "d'Alembert", "Jean"),
        "d": _author("D", "van der Berg", "Piet"),
        "e": _author("E", "Van Gogh", "Vincent"),
        "f": _author("F", "al-Rahman", "Abd"),
        "g": _author("G", "de la Fontaine", "Jean"),
    }
    assert cited_text(make_book, refs, "[@a; @b; @c; @d; @e; @f; @g]\n", SORT_ONLY) == [
        "(von Neumann 1990; Beethoven 1990; d’Alembert 1990; van der Berg 1990;"
        " Van Gogh 1990; al-Rahman 1990; de la Fontaine 1990)",
        "d’Alembert, Jean. 1990. C.",
        "Beethoven, Ludwig van. 1990. B.",
        "van der Berg, Piet. 1990. D.",
        "de la Fontaine, Jean. 1990. G.",
        "von Neumann, John. 1990. A.",
        "al-Rahman, Abd. 1990. F.",
        "Van Gogh, Vincent. 1990. E.",
    ]


BIBTEX = """@book{fables, author = {de la Fontaine, Jean}, title = {Fables}, year = {1668}}
@book{contes, author = {Jean de la Fontaine}, title = {Contes}, year = {1665}}
@book{gennep, author = {van Gennep, Arnold}, title = {Rites}, year = {1909},
  options = {useprefix=true}}
@book{games, author = {von Neumann, Jr., John}, title = {Games}, year = {1944}}
"""


def test_a_bibtex_von_part_is_a_dropping_particle(make_book: MakeBook) -> None:
    """citeproc-py read "de la" of "de la Fontaine" as a non-dropping particle: "(de la
    Fontaine 1668, 1665)" and "de la Fontaine, Jean. 1665." sorted under D; pandoc reads it
    as biblatex does without `useprefix`, a dropping particle, and with it a non-dropping
    one ("van Gennep")."""
    given: dict[str, str | bytes] = {
        "refs.bib": BIBTEX,
        "style.csl": SORT_ONLY,
        "001-a.md": section_source(1, body="[@fables; @contes; @gennep; @games]\n", total=1),
    }
    config = BOOK_TOML + 'bibliography = "refs.bib"\ncsl = "style.csl"\n'
    book, found = read_book(make_book(given, config))
    assert book is not None, found
    manuscript, more = render_manuscript(book)
    assert [d.code for d in [*found, *more]] == ["W152"]  # `options`: useprefix alone read
    html = "\n".join(s.body_html for c in manuscript.chapters for s in c.sections)
    kept = re.findall(r"<p>(.*?)</p>|<div id=\"ref-[^\"]+\"[^>]*>(.*?)</div>", html, re.DOTALL)
    text = [re.sub(r"<[^>]+>", "", "".join(m)).replace("\u2060", "").strip() for m in kept]
    assert [t for t in text if t and "Data as of" not in t] == [
        "(Fontaine 1668, 1665; van Gennep 1909; Neumann 1944)",
        "Fontaine, Jean de la. 1665. Contes.",
        "———. 1668. Fables.",
        "van Gennep, Arnold. 1909. Rites.",
        "Neumann, John von, Jr. 1944. Games.",
    ]


def test_a_name_saying_parse_names_false_is_kept_as_given(make_book: MakeBook) -> None:
    """`"parse-names": false` (CSL-JSON's) keeps a name's parts as given, as citeproc-js
    reads it: "van Gogh, Vincent" sorted under V beside "van Gogh, Theo" under G; `true`
    reads it as any name. The expected text is pandoc 3.9's for the first names written as
    its own way of keeping a part whole (`"\\"van Gogh\\""`): pandoc reads `parse-names`
    as nothing, and splits such a name as any other. octavo warned (W152: citeproc-py knew
    no `parse-names`) and read a name saying it, true or false, as given."""
    refs = {
        "a": _author("A", "van Gogh", "Vincent"),
        "b": _author("B", "van Gogh", "Theo"),
        "c": _author("C", "Beethoven", "Ludwig van"),
        "d": _author("D", "d'Alembert", "Jean"),
        "e": _author("E", "de la Fontaine", "Jean"),
    }
    for key, parse in (("a", False), ("c", 0), ("d", None), ("e", True)):
        refs[key]["author"][0]["parse-names"] = parse
    assert cited_text(make_book, refs, "[@a; @b; @c; @d; @e]\n", SORT_ONLY) == [
        "(van Gogh 1990b; van Gogh 1990a; Beethoven 1990; d’Alembert 1990; de la Fontaine 1990)",
        "Beethoven, Ludwig van. 1990. C.",
        "d’Alembert, Jean. 1990. D.",
        "de la Fontaine, Jean. 1990. E.",
        "van Gogh, Theo. 1990a. B.",
        "van Gogh, Vincent. 1990b. A.",
    ]


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        pytest.param(False, True, id="false"),
        pytest.param(None, True, id="null"),
        pytest.param(0, True, id="zero"),
        pytest.param("", True, id="empty-string"),
        pytest.param(True, False, id="true"),
        pytest.param("false", False, id="string-false"),
        pytest.param("0", False, id="string-zero"),
        pytest.param([], False, id="empty-list"),
    ],
)
def test_parse_names_read_as_citeproc_js_reads_it(value: object, kept: bool) -> None:
    """citeproc-js keeps a name as given where `!name["parse-names"]`: JavaScript's
    false, null, 0 and "", not the string "false" (octavo read "false" and "0" as false,
    and null, "" as true)."""
    entries = [{"id": "a", "author": [{"family": "van Gogh", "parse-names": value}]}]
    assert unparsed(entries) == ({("a", "author", 0)} if kept else set())
    assert entries[0]["author"] == [{"family": "van Gogh"}]


def test_parse_names_of_the_entry_citeproc_py_keeps() -> None:
    """Two entries of one key (`doe99`, `Doe99`: citeproc-py keeps the last, W151): the
    last one's `parse-names` applies, not the first's to the last's names."""
    said = {"id": "doe99", "author": [{"family": "van Gogh", "parse-names": False}]}
    plain = {"id": "Doe99", "author": [{"family": "van Gogh"}]}
    assert unparsed([said, plain]) == set()
    said = {"id": "doe99", "author": [{"family": "van Gogh", "parse-names": False}]}
    assert unparsed([plain, said]) == {("doe99", "author", 0)}
