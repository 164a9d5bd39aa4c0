"""octavo.render.pdf.folio_targets: a book's own target-counter() rules set again in the
figures of the folios they point at."""

from __future__ import annotations

import pytest

from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.folio_targets import restyled_sheets

ARABIC = Folios("upper-roman", "arabic-indic")


@pytest.mark.parametrize(
    ("css", "folios", "expected"),
    [
        pytest.param(
            '.toc a::after { content: "\\00a0" leader(". ") target-counter(attr(href url), page); }',
            ARABIC,
            '.toc a::after { content: "\u00a0" leader(". ") '
            "target-counter(attr(href url), page, arabic-indic); }\n",
            id="decimal-to-the-body's",
        ),
        pytest.param(
            "a.f::after { content: target-counter(attr(href url), page, lower-roman) !important }",
            ARABIC,
            "a.f::after { content: target-counter(attr(href url), page, upper-roman)"
            " !important; }\n",
            id="lower-roman-to-the-front's",
        ),
        pytest.param(
            "a::after { content: target-counter(attr(href url), page, arabic-indic); }",
            ARABIC,
            "",
            id="already-the-folios'",
        ),
        pytest.param(
            "a::after { content: target-counter(attr(href url), page); }",
            Folios(),
            "",
            id="octavo's-folios",
        ),
        pytest.param(
            "a::after { content: target-counter(attr(href url), footnote); }",
            ARABIC,
            "",
            id="another-counter",
        ),
        pytest.param(
            "a::after { content: url(x.png) target-counter(attr(href url), page); }",
            ARABIC,
            "",
            id="a-url-stays-in-its-file",
        ),
        pytest.param(
            "@page { @bottom-left { content: counter(page, arabic-indic) } }",
            ARABIC,
            "",
            id="the-folios-themselves",
        ),
        pytest.param(
            'a::after { content: "</style>" target-counter(attr(href url), page); }',
            ARABIC,
            'a::after { content: "<\\/style>" target-counter(attr(href url), page, arabic-indic);'
            " }\n",
            id="no-end-of-style",
        ),
    ],
)
def test_restyled_targets(css: str, folios: Folios, expected: str) -> None:
    assert restyled_sheets((css,), folios) == expected


def test_restyled_targets_in_a_media_block() -> None:
    """A book's stylesheet that sets its target-counter()s inside `@media print` (as a
    stylesheet shared with the screen may): they were left in 0-9 beside the folios'
    figures; now set again inside the same block."""
    css = "@media print { a::after { content: target-counter(attr(href url), page); } }"
    assert restyled_sheets((css,), ARABIC) == (
        "@media print {\n"
        "a::after { content: target-counter(attr(href url), page, arabic-indic); }\n"
        "}\n"
    )


def test_restyled_targets_leaves_a_media_block_without_them() -> None:
    css = "@media screen { a { color: red } } @media print { @page { margin: 1in } }"
    assert restyled_sheets((css,), ARABIC) == ""


def test_restyled_targets_keep_their_order() -> None:
    """Body folios in Arabic-Indic figures, the front matter's left lower-case roman: the
    front's rule, as specific as the body's and after it, was not set again, so the body's
    (set again after it) won, and the Preface's contents line printed ٧ for a page printing
    vii. Every rule numbering a target's page is set again, in its order."""
    css = (
        ".toc a::after { content: target-counter(attr(href url), page); }\n"
        ".toc-front > a::after { content: target-counter(attr(href url), page, lower-roman); }\n"
    )
    assert restyled_sheets((css,), Folios("lower-roman", "arabic-indic")) == (
        ".toc a::after { content: target-counter(attr(href url), page, arabic-indic); }\n"
        ".toc-front > a::after { content: target-counter(attr(href url), page, lower-roman); }\n"
    )
