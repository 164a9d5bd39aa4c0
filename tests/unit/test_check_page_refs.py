"""The PDF read back for its page references (octavo.check.page_refs)."""

from __future__ import annotations

from pathlib import Path

from octavo.check import page_refs
from octavo.check.pdf_facts import PdfFacts, PdfPage


def test_page_references_are_told_from_other_links_in_one_pass() -> None:
    """E621's page references, read as `_LINK`'s links whose class is a page reference's
    (one pass over the HTML, which also gives the other links' words), are the targets
    `_PAGE_REF` finds, and only they."""
    html = (
        '<p>See <a href="#tbl:gdp" class="xref page">12</a>, '
        '<a href="#fig:map" class="xref">the map</a> and '
        '<a href="#sec" class="xref page hidden" data-x="1">iv</a>; '
        '<a href="#a" class="xref pages">3</a> <a href="#b">B\nwrapped</a> '
        '<a href="https://example.org">out</a></p>'
    )
    links = page_refs._LINK.findall(html)
    found = {target for target, attributes, _ in links if page_refs.is_page_ref(attributes)}
    assert found == set(page_refs._PAGE_REF.findall(html)) == {"tbl:gdp", "sec"}
    assert page_refs._other_words(links, ()) == {
        "fig:map": "themap",
        "a": "3",  # "xref pages" is no page reference's class
        "b": "bwrapped",
    }


def test_a_note_s_page_reference_is_looked_for_as_its_folio() -> None:
    """E611 looks for a note's text as print shows it (octavo.check.content.check_notes): a
    page reference as its target's folio (its label is hidden in print), nothing for a
    target the PDF lacks; any other link as it is."""
    page = PdfPage(0, 792.0, (), number="vii")
    facts = PdfFacts(Path("b.pdf"), (page,), {"tbl:gdp": 0}, frozenset(), (), {}, ())
    html = (
        'See <a href="#tbl:gdp" class="xref page">p.\u00a0<span>12</span></a>, '
        '<a href="#gone" class="xref page hidden">3</a> and <a href="#tbl:gdp" class="xref">'
        "Table 1</a>."
    )
    assert page_refs.with_folios(facts, html) == (
        'See vii,  and <a href="#tbl:gdp" class="xref">Table 1</a>.'
    )
