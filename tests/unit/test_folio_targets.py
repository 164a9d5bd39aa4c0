"""octavo.render.pdf.folio_targets: a book's own target-counter() rules set again in the
figures of the folios they point at."""

from __future__ import annotations

import pytest

from octavo.render.pdf.folio_styles import Folios
from octavo.render.pdf.folio_targets import restyled_targets

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
    assert restyled_targets(css, folios) == expected
