"""elide: str.format's every field form (conversion, index or attribute, nested format spec,
and its errors), with a label's own word elided before a value that begins with a vowel."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octavo.model.elision import elide, parse_elisions

FRENCH = parse_elisions("de=d’ le=l’ la=l’ que=qu’")
VALUES: dict[str, object] = {
    "name": "Tchad",
    "when": date(1995, 6, 1),
    "items": ["Niger", "Mali", "Bénin"],
    "table": {"k": "Congo", "n": 7},
    "count": 3,
    "width": 12,
    "ratio": 0.125,
    "city": "Ouagadougou",
}

FORMS = [
    pytest.param("Données de {name}.", id="plain"),
    pytest.param("de {name!r}", id="repr"),
    pytest.param("de {name!s:>10}", id="str-with-spec"),
    pytest.param("de {city!a}", id="ascii"),
    pytest.param("de {items[0]}", id="index"),
    pytest.param("de {items[2]!a}", id="index-ascii"),
    pytest.param("de {table[k]}", id="key"),
    pytest.param("{table[n]:03d}", id="key-spec"),
    pytest.param("{count.real}", id="attribute"),
    pytest.param("de {when:%B %Y}", id="date-spec"),
    pytest.param("{name:^{width}}|", id="nested-spec"),
    pytest.param("{ratio:.{count}f}", id="nested-precision"),
    pytest.param("{{de}} {name} }}{{", id="escaped-braces"),
    pytest.param("{count:}", id="empty-spec"),
]

WRONG = [
    pytest.param("{}", id="auto-number"),
    pytest.param("{0}", id="positional"),
    pytest.param("{[0]}", id="positional-index"),
    pytest.param("{missing}", id="missing"),
    pytest.param("{items[9]}", id="index-out-of-range"),
    pytest.param("{count.nothing}", id="no-attribute"),
    pytest.param("{name!x}", id="unknown-conversion"),
    pytest.param("{name!}", id="no-conversion"),
    pytest.param("{name", id="unclosed"),
    pytest.param("name}", id="single-close"),
    pytest.param("{count.}", id="empty-attribute"),
    pytest.param("{name:{width:{count}}}", id="too-deep"),
    pytest.param("{name:d}", id="wrong-spec"),
    pytest.param("de {when!s:%B}", id="str-then-date-spec"),
]


@pytest.mark.parametrize("template", FORMS)
def test_every_field_form_is_shown_as_str_format_shows_it(template: str) -> None:
    assert elide(template, VALUES, FRENCH) == template.format(**VALUES)


@pytest.mark.parametrize("template", WRONG)
def test_a_field_str_format_refuses_is_refused_alike(template: str) -> None:
    with pytest.raises(Exception) as expected:
        template.format(**VALUES)
    with pytest.raises(type(expected.value)):
        elide(template, VALUES, FRENCH)


@pytest.mark.parametrize(
    ("template", "shown"),
    [
        pytest.param("Données de {items[1]}.", "Données de Mali.", id="index-consonant"),
        pytest.param("Chiffres de {table[a]}", "Chiffres d’avril", id="key-vowel"),
        pytest.param("de {city!a}", "de 'Ouagadougou'", id="ascii-quoted"),
        pytest.param("la {city:.4}", "l’Ouag", id="spec"),
        pytest.param("De {x[0]} que {x[1]}", "D’Irak qu’Oman", id="two-capital"),
        pytest.param("{{de {city}", "{d’Ouagadougou", id="after-escaped-brace"),
        pytest.param("sans de{city}", "sans deOuagadougou", id="no-space"),
    ],
)
def test_the_word_before_a_field_elides_by_the_value_as_shown(template: str, shown: str) -> None:
    """The value as the field shows it decides: index, key and spec included; a repr's
    quote is not a vowel."""
    values = {**VALUES, "table": {"a": "avril"}, "x": ["Irak", "Oman"]}
    assert elide(template, values, FRENCH) == shown


_NAMES = st.sampled_from(
    ["name", "items[0]", "items[1]", "table[k]", "table[n]", "count", "count.real", "when"]
)
_FIELDS = st.builds(
    lambda name, conversion, spec: "{" + name + conversion + spec + "}",
    _NAMES,
    st.sampled_from(["", "!r", "!s", "!a"]),
    st.sampled_from(["", ":", ":>8", ":^{width}", ":.2", ":d", ":%Y", ":{count}"]),
)
_WORDS = st.sampled_from(["", "de ", "De ", " la ", "le", "{{", "}}", "que ", " et "])


@given(st.lists(st.tuples(_WORDS, _FIELDS), max_size=4), _WORDS)
def test_any_template_of_these_forms_formats_as_str_format(
    pieces: list[tuple[str, str]], tail: str
) -> None:
    """With values that begin with no vowel, elide is str.format, result or exception."""
    template = "".join(words + field for words, field in pieces) + tail
    try:
        expected: object = template.format(**VALUES)
    except Exception as exc:  # the same kind is what is compared
        with pytest.raises(type(exc)):
            elide(template, VALUES, FRENCH)
    else:
        assert elide(template, VALUES, FRENCH) == expected
