"""Where a line may end in an address: the Chicago Manual's places (14.18, 6.76)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octavo.render.addresses import parts, with_breaks
from octavo.render.markdown import render_block
from octavo.render.sanitize import clean_fragment


@pytest.mark.parametrize(
    ("address", "expected"),  # "|": where a line may end
    [
        pytest.param(
            "http://press-pubs.uchicago.edu/founders/",
            "http://|press|-pubs|.uchicago|.edu|/founders/",
            id="after-double-slash-before-hyphen-period-slash",
        ),
        pytest.param(
            "https://www.loc.gov/search/?fa=partof:country+studies",
            "https://|www|.loc|.gov|/search|/?fa|=|partof:|country+studies",
            id="after-colon-around-equals",  # '/?' a run: broken before, never between
        ),
        pytest.param(
            "https://a.org/q?x=1&y=2",
            "https://|a|.org|/q|?x|=|1|&|y|=|2",
            id="before-question-mark-around-ampersand",
        ),
        pytest.param(
            "https://a.org/~smith/my_file%20name.html#part,2",
            "https://|a|.org|/~smith|/my|_file|%20name|.html|#part|,2",
            id="before-slash-tilde-underscore-percent-number-comma",  # '/~' broken as one
        ),
        pytest.param(
            "reference-services.country_studies@loc.example.gov",
            "reference|-services|.country|_studies@loc|.example|.gov",
            id="mail-address",
        ),
        pytest.param("https://a.org/x/", "https://|a|.org|/x/", id="no-mark-alone-at-end"),
        pytest.param("https://a.org/x.", "https://|a|.org|/x.", id="no-period-alone"),
        pytest.param("localhost", "localhost", id="nowhere-to-break"),
    ],
)
def test_an_address_breaks_where_chicago_breaks_one(address: str, expected: str) -> None:
    assert parts(address) == tuple(expected.split("|"))


def test_never_inside_the_double_slash_nor_after_the_colon_before_it() -> None:
    cut = parts("https://example.org")
    assert cut[0] == "https://" and "https:" not in cut


@given(st.text(alphabet="ab1:/.,-_~?#%=&@+", min_size=1, max_size=40))
def test_the_parts_are_the_address(address: str) -> None:
    """Nothing added, nothing lost (no hyphen), no empty part, and each line's part holds a
    letter or figure at its start and its end of the address."""
    cut = parts(address)
    assert "".join(cut) == address
    assert all(cut)
    if len(cut) > 1:
        assert any(c.isalnum() for c in cut[0]) and any(c.isalnum() for c in cut[-1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "at https://a.org/x. Then",
            'at <span class="address">https://<wbr />a<wbr />.org<wbr />/x</span>. Then',
            id="sentence-period-outside",
        ),
        pytest.param(
            "(see www.un.org/en), or",
            '(see <span class="address">www<wbr />.un<wbr />.org<wbr />/en</span>), or',
            id="parenthesis-not-opened-outside",
        ),
        pytest.param(
            "https://en.wikipedia.org/wiki/Minsk_(city)",
            '<span class="address">https://<wbr />en<wbr />.wikipedia<wbr />.org<wbr />/wiki'
            "<wbr />/Minsk<wbr />_(city)</span>",
            id="parenthesis-of-its-own-kept",
        ),
        pytest.param("a < b & c", "a &lt; b &amp; c", id="no-address-escaped"),
        pytest.param("@tbl:gdp and @smith1990", "@tbl:gdp and @smith1990", id="at-signs-no-mail"),
    ],
)
def test_addresses_in_text(text: str, expected: str) -> None:
    html, removed = clean_fragment(with_breaks(text))  # its span trusted, as octavo's own
    assert (html, removed) == (expected, ())


def test_the_breaks_are_in_the_text_never_the_href() -> None:
    url = "https://www.loc.gov/collections/country-studies/?q=belarus&st=gallery"
    html = render_block(f"The rights: <{url}> and [{url}]({url}); `{url}` in code.\n").html
    href = url.replace("&", "&amp;")
    assert html.count(f'href="{href}"') == 2
    assert html.count('<span class="address">https://<wbr />www<wbr />.loc') == 2
    assert f"<code>{href}</code>" in html  # code is left as typed
