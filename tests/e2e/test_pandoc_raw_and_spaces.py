"""pandoc's raw attribute and escaped space in both outputs: `{=html}` is in the EPUB's XHTML
and the PDF's text, `{=latex}` in neither (W526 told at each line), `Mr.\\ Smith` a no-break
space in both, not a backslash (a user-tester's reproductions: both were printed as typed,
the raw blocks as code, without a word). EPUBCheck stays clean."""

from __future__ import annotations

from pathlib import Path

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.pdf_text import page_texts
from tests.support.validators import assert_epubcheck_clean, epub_members
from tests.support.weasyprint_log import quietly

NBSP = "\u00a0"
BODY = """Before the break.

```{=latex}
\\newpage
```

Inline raw: `\\hfill`{=latex} end. Also `<b>bold words</b>`{=html} here.

```{=html}
<p>A raw <i>paragraph</i> of HTML.</p>
```

# Mr.\\ Smith's trade

Mr.\\ Smith paid 100\\ lumens.[^n]

| Road | Length |
|------|-------:|
| M1   | 12\\ km |

[^n]: Paid on p.\\ 5.
"""


def test_raw_content_and_escaped_spaces_in_both_outputs(
    make_book: MakeBook, tmp_path: Path
) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=BODY)})
    epub, said = api.build_epub(book, tmp_path / "b.epub")
    assert sorted(d.line or 0 for d in said if d.code == "W526") == [13, 17]  # the fence, the code
    xhtml = b"".join(v for k, v in epub_members(epub).items() if k.endswith(".xhtml")).decode()
    assert "<b>bold words</b>" in xhtml and "<p>A raw <i>paragraph</i> of HTML.</p>" in xhtml
    assert "newpage" not in xhtml and "hfill" not in xhtml and "{=" not in xhtml
    assert f"Mr.{NBSP}Smith paid 100{NBSP}lumens." in xhtml and f"12{NBSP}km" in xhtml
    assert f"p.{NBSP}5." in xhtml and "\\" not in xhtml
    assert_epubcheck_clean(epub)

    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    text = "\n".join(page_texts(pdf))
    assert "bold words" in text and "A raw paragraph of HTML." in text
    assert "newpage" not in text and "hfill" not in text and "{=" not in text
    assert "\\" not in text  # no backslash of an escaped space
    for words in ("Mr. Smith paid 100 lumens.", "12 km", "p. 5."):
        assert words in text.replace(NBSP, " ")  # a no-break space reads as a space
