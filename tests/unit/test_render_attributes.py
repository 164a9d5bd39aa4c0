"""pandoc's attribute syntax: bare values up to a space or '}', as pandoc's manual writes them."""

from __future__ import annotations

import pytest

from octavo.render.attributes import pandoc_attrs
from octavo.render.markdown import render_block
from octavo.text import strip_tags


@pytest.mark.parametrize(
    ("source", "end", "attrs"),
    [
        ("{width=80%} rest", 10, {"width": "80%"}),
        (
            "{#fig:map width=80% height=2.5in}",
            32,
            {"id": "fig:map", "width": "80%", "height": "2.5in"},
        ),
        ('{fig-alt="A map, 1995" width=50%}', 32, {"fig-alt": "A map, 1995", "width": "50%"}),
        ("{.index}", 7, {"class": "index"}),
        ('{index="Belarus!economy"}', 24, {"index": "Belarus!economy"}),
        ('{title="{0}"} rest', 12, {"title": "{0}"}),
        ('{#id title="a}b" width=5%}', 25, {"id": "id", "title": "a}b", "width": "5%"}),
        ('{title="{a}b}" .c}', 17, {"title": "{a}b}", "class": "c"}),
        ('{title="x=5% y"}', 15, {"title": "x=5% y"}),
        ('{title="a \\"b\\" c"}', 18, {"title": 'a "b" c'}),
        ('{title="a\\\\b \\. \\n"} x', 19, {"title": "a\\b . \\n"}),
        ('{#x title="a\\\\"}', 15, {"id": "x", "title": "a\\"}),
    ],
    ids=[
        "percent",
        "id-and-lengths",
        "quoted-beside-bare",
        "class",
        "quoted-only",
        "braces-in-a-quoted-value",
        "a-closing-brace-quoted-beside-a-bare-value",
        "unbalanced-braces-quoted",
        "an-equals-sign-in-a-quoted-value",  # its '5%' was quoted as a bare value
        "an-escaped-quote",  # the backslashes were kept
        "escaped-punctuation-alone",  # as pandoc: '\\n' is a backslash and an n
        "an-escaped-backslash-before-the-closing-quote",
    ],
)
def test_pandoc_values(source: str, end: int, attrs: dict[str, str]) -> None:
    assert pandoc_attrs(source) == (end, attrs)


def test_a_figure_with_a_bare_percentage_is_sized_without_a_warning() -> None:
    fragment = render_block("![Valley](images/v.png){#fig:v width=80%}\n")
    assert 'style="width: 80%"' in fragment.html and "{" not in fragment.html
    assert not [p for p in fragment.problems if p.code == "W504"]


@pytest.mark.parametrize(
    ("source", "heading"),
    [
        ("# Sources {-}\n", '<h3 id="s-sources" class="body-heading unnumbered" '),
        ("# Sources {#src -}\n", '<h3 id="src" class="body-heading unnumbered" '),
        ('# Sources {title="a - b"}\n', '<h3 id="s-sources" class="body-heading" '),
    ],
    ids=["alone", "with-an-id", "a-dash-in-a-quoted-value"],
)
def test_pandocs_unnumbered_shorthand(source: str, heading: str) -> None:
    """`{-}` is pandoc's `{.unnumbered}`: taken off the title, not printed in it."""
    html = render_block(source).html
    assert html.startswith(heading) and "{" not in html and ">Sources</h3>" in html


def test_a_fenced_code_blocks_attributes() -> None:
    """```` ```{#id .language .class} ````: the first class is the language (markdown-it
    took `{#id` for it); the id is the book's like any other."""
    fragment = render_block(
        "~~~ {#named .haskell .numberLines}\nqsort\n~~~\n\n```{.python}\nx\n```\n"
    )
    assert fragment.html.startswith('<pre><code id="named" class="numberLines language-haskell">')
    assert '<pre><code class="language-python">x\n' in fragment.html
    assert fragment.ids == (("named", 0),) and fragment.problems == ()


def test_an_autolinks_address_is_printed_as_typed() -> None:
    """No typography in `<https://…>` (an en dash for `--` gives a wrong address), and the
    link classed as pandoc classes it."""
    html = render_block("See <https://example.org/a--b...c/'x'> -- or <a--b@example.org>.\n").html
    typed = strip_tags(html)
    assert "https://example.org/a--b...c/'x' – or a--b@example.org." in typed
    assert '<a href="mailto:a--b@example.org" class="email"><span class="address">a<wbr />' in html
    assert 'class="uri"><span class="address">https://<wbr />' in html


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ('A [word]{title="{0}"} here.', '<p>A <span title="{0}">word</span> here.</p>'),
        ('A [link](#a){title="{0}"}.', '<p>A <a href="#a" title="{0}" class="xref">link</a>.</p>'),
        ('A `code`{title="}"}.', '<p>A <code title="}">code</code>.</p>'),
        ('# Trade {#t title="a}b"}', '<h3 id="t" class="body-heading" title="a}b" '),
        (
            '# [Trade]{title="{0}"} now',
            '<h3 id="s-trade-now" class="body-heading" data-label="Trade now">'
            '<span title="{0}">Trade</span> now</h3>',
        ),
        ('::: {.c title="{0}"}\nA.\n:::', '<div class="c" title="{0}">'),
    ],
    ids=["span", "link", "code", "heading", "a-heading-s-span", "div"],
)
def test_a_quoted_value_may_hold_braces_as_in_pandoc(source: str, html: str) -> None:
    """The attrs plugin's parser refuses a brace in a quoted value, which pandoc reads: the
    block was text, with W504 or without a word."""
    fragment = render_block(source + "\n")
    assert fragment.html.startswith(html)
    assert fragment.problems == ()


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ('[x]{class="a{b}"}', '<p><span class="a{b}">x</span></p>'),
        ('[x]{.c class="{d}"}', '<p><span class="c {d}">x</span></p>'),
        ('`c`{class="k}"}', '<p><code class="k}">c</code></p>'),
        ('[x](https://e.org){class="{z}"}', '<p><a href="https://e.org" class="{z}">x</a></p>'),
        ('::: {class="box{1}"}\nA.\n:::', '<div class="box{1}">'),
    ],
    ids=["span", "span-with-a-class", "code", "link", "div"],
)
def test_a_brace_in_a_quoted_class_is_put_back(source: str, html: str) -> None:
    """A quoted class's brace was left as the private-use character that stood in for it
    while the plugin's parser read the block: `class="a{b}"` printed class="a\\ue000b\\ue001"
    in both outputs (an id's, in W504's message)."""
    fragment = render_block(source)
    assert fragment.html.startswith(html)
    assert not any("\ue000" <= c <= "\uf8ff" for c in fragment.html)


def test_a_brace_in_a_quoted_id_is_told_as_written() -> None:
    (problem,) = [p for p in render_block('[x]{id="a{b}"}').problems if p.code == "W504"]
    assert "'a{b}'" in problem.message
