"""Properties of the importer: no paragraph lost or reordered; imports read back the same."""

from __future__ import annotations

import re
import tempfile
from html import unescape
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from octavo.importers import decode_page, parse_page
from octavo.importers.batch import import_pages
from octavo.importers.countrystudy import _BODY_END, _CHROME
from octavo.render.markdown import render_block
from octavo.source.sections import read_book
from tests.conftest import SEED

SEED_TEXT = SEED.read_text()
_BODY = SEED_TEXT[SEED_TEXT.index("Even though") : SEED_TEXT.index("Data as of")]

words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=12,
)
paragraph = st.lists(words, min_size=1, max_size=40).map(" ".join)


def _plain(paragraph: str) -> bool:
    return not any(p.fullmatch(paragraph) for p in (*_CHROME, *_BODY_END))


def page_with(paragraphs: list[str]) -> str:
    return SEED_TEXT.replace(_BODY, "\n\n".join(paragraphs) + "\n\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=8))
def test_no_paragraph_lost_or_reordered(paragraphs: list[str]) -> None:
    assume(all(_plain(p) for p in paragraphs))
    page = parse_page(decode_page(page_with(paragraphs).encode("utf-8")))
    assert list(page.paragraphs) == paragraphs


def _rendered_paragraphs(html: str) -> list[str]:
    found = re.findall(r"<p>(.*?)</p>", html, flags=re.DOTALL)
    return [unescape(re.sub(r"<[^>]+>", "", p)) for p in found]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(paragraph, min_size=1, max_size=5),
    st.sampled_from(
        [
            "Russia",
            "Trade & Industry",
            "Minsk <Capital>",
            '"Special" Ties',
            "Écoles: #1 * note",
            "- dash",
            "1995. A year",
        ]
    ),
)
def test_import_reads_back_to_the_same_model(paragraphs: list[str], title: str) -> None:
    assume(all(_plain(p) for p in paragraphs))
    text = (
        page_with(paragraphs)
        .replace("Belarus: Russia", f"Belarus: {title}")
        .replace("> Russia\n", f"> {title}\n")
    )
    page = parse_page(text)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.txt"
        source.write_text(text, encoding="utf-8")
        import_pages([source], Path(folder) / "book")
        book, found = read_book(Path(folder) / "book")
    assert book is not None, [str(d) for d in found]
    (section,) = book.sections
    assert (section.title, section.country, section.chapter, section.parents) == (
        page.title,
        page.country,
        page.chapter,
        page.parents,
    )
    assert (section.sequence, section.total, section.data_as_of) == (
        page.sequence,
        page.total,
        page.data_as_of,
    )
    html = render_block(section.body, typography=False).html
    assert _rendered_paragraphs(html) == paragraphs
