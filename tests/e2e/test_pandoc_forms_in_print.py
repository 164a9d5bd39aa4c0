"""pandoc's Markdown forms as print sets them: a list numbered from 5 counts from 5, a
lettered or roman one shows its letters as typed, a code line too long for the measure
wraps inside it, unhyphenated."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from octavo import api
from tests.conftest import MakeBook, section_source
from tests.support.weasyprint_log import quietly

LONG = "def a_function(" + ", ".join(f"argument_number_{n}" for n in range(12)) + "):"
BODY = f"""A paragraph.

```{{.python}}
{LONG}
    return 1
```

Text [in small caps]{{.smallcaps}} and [underlined]{{.underline}}.

5. five
6. six

c) three
d) four

(iv) four
(v) five

(@) an example

As (@next) will show:

(@next) the next example
"""


def test_lists_code_and_spans_in_print(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book({"001-a.md": section_source(1, total=1, body=BODY)})
    (pdf, _), logged = quietly(lambda: api.build_pdf(book, tmp_path / "b.pdf", jobs=1))
    assert logged == []
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "five" in (p.extract_text() or ""))
        text = page.extract_text() or ""
        assert "5. five" in text and "6. six" in text  # WeasyPrint alone: "1. five"
        lines = text.splitlines()  # an item a line (markdown-it read one paragraph)
        assert "c) three" in lines and "d) four" in lines  # pandoc's letters, as typed
        assert "(iv) four" in lines and "(v) five" in lines
        assert "(1) an example" in lines and "(2) the next example" in lines  # numbered on
        assert "As (2) will show:" in lines
        words = page.extract_words()
        body = [w for w in words if w["text"] == "paragraph."]
        right = max(w["x1"] for w in words if w["top"] < page.height * 0.9)
        assert body and right <= page.width - body[0]["x0"] + 1  # inside the text block
        assert "argument_number_11" in "".join(text.split())  # wrapped, not cut off
        assert "\u2010" not in text and "argu-" not in text  # and code is never hyphenated
