"""pandoc's raw attribute (octavo.render.raw): `{=html}` (`html5`, any case) is raw HTML, cleaned
as any; every other format is left out of both outputs and told (W526) at its line."""

from __future__ import annotations

import pytest

from octavo.render.markdown import render_block
from octavo.render.sanitize import Removal


def test_a_latex_block_is_left_out_and_told_at_its_fence() -> None:
    fragment = render_block("Before.\n\n```{=latex}\n\\newpage\n```\n\nAfter.\n")
    assert fragment.html == "<p>Before.</p>\n<p>After.</p>\n"
    assert [(p.code, p.line) for p in fragment.problems] == [("W526", 2)]
    assert "latex" in fragment.problems[0].message and fragment.problems[0].hint


@pytest.mark.parametrize("fence", ["```{=html}", "~~~ {=HTML}", "```{ =html5 }"])
def test_an_html_block_is_raw_html(fence: str) -> None:
    closing = fence[:3]
    fragment = render_block(f"{fence}\n<p>A <b>raw</b> one.</p>\n{closing}\n")
    assert fragment.html == "<p>A <b>raw</b> one.</p>\n"
    assert fragment.problems == ()


def test_a_raw_html_block_is_cleaned_and_told_as_raw_html_is() -> None:
    fragment = render_block("Text.\n\n```{=html}\n<b>kept</b><script>alert(1)</script>\n```\n")
    assert "<b>kept</b>" in fragment.html and "script" not in fragment.html
    assert fragment.removed == (Removal("tag <script>", 2),)  # W502, at the fence


def test_a_raw_html_table_is_read_as_an_html_table() -> None:
    table = "<table><caption>Output</caption><tr><th>a</th></tr><tr><td>1</td></tr></table>"
    fragment = render_block(f"```{{=html}}\n{table}\n```\n")
    assert [c.caption_html for c in fragment.tables] == ["Output"]  # numbered, as raw HTML's


def test_inline_raw_code() -> None:
    fragment = render_block(
        "A `\\hfill`{=latex} fill, `<b>bold</b>`{=html} and\n`x`{=context}, `<i>y</i>`{=Html5}.\n"
    )
    assert fragment.html == "<p>A  fill, <b>bold</b> and\n, <i>y</i>.</p>\n"
    assert [(p.code, p.line) for p in fragment.problems] == [("W526", 0), ("W526", 1)]
    assert "context" in fragment.problems[1].message


def test_inline_raw_html_is_cleaned_and_told() -> None:
    fragment = render_block("A `<b onclick='x()'>b</b>`{=html} word.\n")
    assert fragment.html == "<p>A <b>b</b> word.</p>\n"
    assert [r.what for r in fragment.removed] == ["attribute onclick on <b>"]


def test_raw_code_in_notes() -> None:
    fragment = render_block(
        "A.^[Inline `<sup>2</sup>`{=html} `\\x`{=tex}.] B.[^n]\n\n"
        "[^n]: Note.\n\n    ```{=latex}\n    \\foo\n    ```\n"
    )
    assert "<sup>2</sup>" in fragment.notes[0].html and "\\x" not in fragment.notes[0].html
    assert "foo" not in fragment.notes[1].html
    assert [(p.code, p.line) for p in fragment.problems] == [("W526", 0), ("W526", 4)]


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("```{.python}\nx\n```\n", '<pre><code class="language-python">x\n</code></pre>\n'),
        ("```{=latex} more\nx\n```\n", '<pre><code class="language-{=latex}">x\n</code></pre>\n'),
        ("```latex\nx\n```\n", '<pre><code class="language-latex">x\n</code></pre>\n'),
        ("`x`{.cls} `y`{#k}\n", '<p><code class="cls">x</code> <code id="k">y</code></p>\n'),
        ("`x` {=html}\n", "<p><code>x</code> {=html}</p>\n"),  # pandoc: the attribute is glued
        ("`a`{=latex text}\n", "<p><code>a</code>{=latex text}</p>\n"),
    ],
    ids=["class", "words-after", "language", "inline-attrs", "spaced", "not-an-attribute"],
)
def test_code_without_a_raw_attribute_is_code(source: str, html: str) -> None:
    fragment = render_block(source)
    assert fragment.html == html
    assert not [p for p in fragment.problems if p.code == "W526"]


@pytest.mark.parametrize(
    ("heading", "ident"),
    [
        ("## Heading `x`{=latex} end", "s-heading-end"),
        ("## Other `<b>y</b>`{=html}", "s-other-y"),
        ("## Code `x` and ``a`b``{=tex}", "s-code-x-and"),
        ("## Plain `code`", "s-plain-code"),
    ],
)
def test_a_heading_s_id_is_made_of_the_words_it_shows(heading: str, ident: str) -> None:
    """A raw code left out of a heading was still in its id (`s-heading-x-latex-end`; a
    review's find); raw HTML's words are in it, as shown."""
    assert f'id="{ident}"' in render_block(heading + "\n").html
