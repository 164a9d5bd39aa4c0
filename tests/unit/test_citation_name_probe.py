"""The `<name>` printing an entry's people is the one citeproc-py reaches for it
(octavo.render.citation_name_probe), not the first its layout reaches, as in Chicago's
18th edition (pandoc 3.9's default): its citations reach an interviewer's name under
`<if disambiguate="true">` first, its list a treaty's parties. Each expected text is what
`pandoc --citeproc -t plain --wrap=none` 3.9 prints with the same style, references and
Markdown; octavo printed "(Adams 1996a; Adams 1996b)", "Adams, Sam. 1996b. Rivers.",
"毛, 泽东. 1965." and "Doe, Jane, and 泽东 毛. 1999."."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MakeBook
from tests.support.citation_styles import cited_text

# Chicago 18th's shape, cut down: the first `<name>` each layout reaches is not the one
# printing an author
STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
    '<macro name="interviewer"><choose><if disambiguate="true"><names variable="interviewer">'
    '<name and="text"/></names></if></choose></macro>'
    '<macro name="author-short"><names variable="author"><name form="short" and="text"'
    ' delimiter=", " initialize-with=". "/></names></macro>'
    '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
    '<macro name="author-bib"><choose><if type="treaty"><names variable="author">'
    '<name form="short" delimiter="-"/></names></if><else><names variable="author">'
    '<name name-as-sort-order="first" and="text" sort-separator=", " delimiter=", "'
    ' delimiter-precedes-last="always"/></names></else></choose></macro>'
    '<citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true"'
    ' collapse="year" after-collapse-delimiter="; "><layout prefix="(" suffix=")"'
    ' delimiter="; "><group delimiter=" "><text macro="interviewer"/>'
    '<text macro="author-short"/><text macro="year"/></group></layout></citation>'
    '<bibliography><sort><key macro="author-bib"/><key variable="issued"/>'
    '<key variable="title"/></sort><layout suffix="."><group delimiter=". ">'
    '<text macro="author-bib"/><text macro="year"/><text variable="title"/></group>'
    "</layout></bibliography></style>"
)


def _work(title: str, year: int, *names: tuple[str, str]) -> dict[str, Any]:
    people = [{"family": family, "given": given} for family, given in names]
    return {"type": "book", "title": title, "issued": {"date-parts": [[year]]}, "author": people}


REFS = {
    "rita": _work("Roads", 1996, ("Adams", "Rita")),
    "sam": _work("Rivers", 1996, ("Adams", "Sam")),
    "mao": _work("Selected Works", 1965, ("毛", "泽东")),
    "multi": _work("Together", 1999, ("Doe", "Jane"), ("毛", "泽东")),
}


def test_the_name_printing_the_authors_tells_them_apart(make_book: MakeBook) -> None:
    """Given names where two people of one family print alike (`by-cite`), not year
    suffixes; a CJK name one word in the list, family first."""
    assert cited_text(make_book, REFS, "Text [@rita; @sam] and [@mao; @multi].\n", STYLE) == [
        "Text (R. Adams 1996; S. Adams 1996) and (毛 1965; Doe and 毛 1999).",
        "Adams, Rita. 1996. Roads.",
        "Adams, Sam. 1996. Rivers.",
        "Doe, Jane, and 毛泽东. 1999. Together.",
        "毛泽东. 1965. Selected Works.",
    ]


def test_the_name_probe_applies_to_this_citeproc_py() -> None:
    """octavo.render.citation_name_probe wraps citeproc-py 0.11's `Name.process` over
    citation_sort_names' wrapper, whose mark it keeps (each wraps once); on another
    version it leaves it (the first `<name>` a layout reaches is asked): this says when."""
    from octavo.render import citation_name_probe, citation_sort_names

    assert citation_sort_names.install() and citation_name_probe.install()
    assert citation_sort_names.installed() and citation_sort_names.install()
    assert citation_name_probe.install()


def _style(citation: str, cited: str) -> str:
    """A small author-date style whose citations print `cited` under `citation`'s
    attributes and children; its list as Chicago's."""
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        '<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>'
        '<macro name="author-bib"><names variable="author"><name name-as-sort-order="all"'
        ' and="text"/></names></macro>'
        '<citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true"'
        f' givenname-disambiguation-rule="by-cite">{citation}<layout prefix="(" suffix=")"'
        f' delimiter="; "><group delimiter=" ">{cited}<text macro="year"/></group></layout>'
        '</citation><bibliography><sort><key variable="author"/></sort><layout suffix=".">'
        '<group delimiter=". "><names variable="author"><name name-as-sort-order="first"'
        ' and="text"/></names><text macro="year"/><text variable="title"/></group></layout>'
        "</bibliography></style>"
    )


def test_the_name_is_probed_for_each_entry_not_each_type(make_book: MakeBook) -> None:
    """A style choosing its `<name>` by a field other than the type (Chicago's 18th by the
    URL): the Bakers, with a URL, printed by the long `<name>`, the Adamses by the short
    one. Probed once per type, the first entry's answer (the Adamses') was the Bakers':
    octavo printed "(J. Baker 1996b; J. Baker 1996a)"."""
    who = (
        '<choose><if variable="URL" match="none"><names variable="author"><name form="short"'
        ' and="text"/></names></if><else><names variable="author"><name and="text"'
        ' initialize-with=". "/></names></else></choose>'
    )
    refs = {
        "rita": _work("Roads", 1996, ("Adams", "Rita")),
        "sam": _work("Rivers", 1996, ("Adams", "Sam")),
        "john": _work("Lakes", 1996, ("Baker", "John")) | {"URL": "http://x"},
        "jane": _work("Hills", 1996, ("Baker", "Jane")) | {"URL": "http://y"},
    }
    body = "A [@rita; @sam] B [@john; @jane].\n"
    assert cited_text(make_book, refs, body, _style("", who)) == [
        "A (Rita Adams 1996; Sam Adams 1996) B (John Baker 1996; Jane Baker 1996).",
        "Adams, Rita. 1996. Roads.",
        "Adams, Sam. 1996. Rivers.",
        "Baker, Jane. 1996. Hills.",
        "Baker, John. 1996. Lakes.",
    ]


def test_the_name_is_the_one_printed_not_the_one_sorted_by(make_book: MakeBook) -> None:
    """A citation's `<sort>` whose key reaches another `<name>` (`author-bib`'s, long)
    before the layout's short one: the given names telling the Adamses apart are the
    layout's. Probed with the sort, octavo printed "(Adams 1996a; Adams 1996b)"."""
    short = '<names variable="author"><name form="short" and="text" initialize-with=". "/></names>'
    style = _style('<sort><key macro="author-bib"/></sort>', short)
    refs = {k: v for k, v in REFS.items() if k in ("rita", "sam")}
    assert cited_text(make_book, refs, "A [@sam; @rita].\n", style) == [
        "A (R. Adams 1996; S. Adams 1996).",
        "Adams, Rita. 1996. Roads.",
        "Adams, Sam. 1996. Rivers.",
    ]


def test_apa_7_tells_two_authors_apart_by_their_initials(make_book: MakeBook) -> None:
    """APA 7th (tests/data/styles/apa.csl, the CSL project's, 2026-02-07): its citations
    sort by `author-bib`, whose `<name>` is not the one printing the author."""
    style = (Path(__file__).parents[1] / "data/styles/apa.csl").read_text(encoding="utf-8")
    refs = {k: v | {"publisher": "P"} for k, v in REFS.items() if k in ("rita", "sam")}
    assert cited_text(make_book, refs, "A [@rita; @sam].\n", style) == [
        "A (R. Adams, 1996; S. Adams, 1996).",
        "Adams, R. (1996). Roads. P.",
        "Adams, S. (1996). Rivers. P.",
    ]


def test_no_name_probe_without_name_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A citeproc-py whose `Name` has no `process`: neither wrapper is installed, none
    says so by failing (the first `<name>` a layout reaches is then asked)."""
    from citeproc import model

    from octavo.render import citation_name_probe, citation_sort_names

    monkeypatch.delattr(model.Name, "process")
    assert not citation_sort_names.installed() and not citation_sort_names.install()
    assert not citation_name_probe.installed() and not citation_name_probe.install()
