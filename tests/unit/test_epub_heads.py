"""The EPUB's table heads: soft hyphens where the section's language breaks a word."""

from __future__ import annotations

from octavo.render.epub.heads import soft_hyphens

SHY = "\u00ad"
TABLE = (
    '<table class="table"><thead><tr><th title="Agriculture">Agriculture &amp; Construction'
    "</th><th>Year</th><th>Trade&hellip;</th></tr></thead>"
    "<tbody><tr><td>Agriculture</td></tr></tbody></table>"
)


def test_a_heads_long_words_break_as_the_language_breaks_them() -> None:
    """'Agri-cul-ture' in the head: a phone breaks it with a hyphen, not 'Agricultur|e'."""
    made = soft_hyphens(TABLE, "en")
    assert f">Agri{SHY}cul{SHY}ture &amp; Con{SHY}struc{SHY}tion<" in made
    # the body's cells, an attribute, a short word and an entity's name are left alone
    assert "<td>Agriculture</td>" in made and 'title="Agriculture"' in made
    assert ">Year<" in made and "&hellip;" in made
    assert made.replace(SHY, "") == TABLE


def test_the_sections_language_decides_and_an_unknown_one_changes_nothing() -> None:
    assert f"Construc{SHY}tion" in soft_hyphens(TABLE, "fr")  # French breaks it there
    assert soft_hyphens(TABLE, "x-unknown") == TABLE
    assert soft_hyphens(TABLE, "") == TABLE
    assert soft_hyphens("<p>Agriculture</p>", "en") == "<p>Agriculture</p>"


def test_plain_english_breaks_as_american() -> None:
    """'Indus-try' (Pyphen's own "en" is British, which leaves 'Industry' whole and a phone
    breaks it 'Industr|y'), as print hyphenates a book in "en"; en-GB stays British."""
    head = "<table><thead><tr><th>Industry Russians</th></tr></thead></table>"
    assert f"Indus{SHY}try Rus{SHY}sians" in soft_hyphens(head, "en")
    assert ">Industry " in soft_hyphens(head, "en-GB")
