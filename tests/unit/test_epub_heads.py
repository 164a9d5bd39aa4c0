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
