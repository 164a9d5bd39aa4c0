"""The cleaner's fast path (plain markup split without html.parser) gives html.parser's bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo.render import html_cleaner, markdown, sanitize, tokens
from octavo.render.allow_list import TRUSTED
from octavo.render.markdown import render_block
from octavo.render.sanitize import clean_fragment
from tests.support.strategies import any_text, construct_bodies, html_bits, markdown_bodies

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
MARK = f'{TRUSTED[0]}="{TRUSTED[1]}"'


def _parsed(html: str) -> tuple[str, tuple[str, ...]]:
    """clean_fragment through html.parser alone."""
    cleaner = html_cleaner.Cleaner(sanitize._closers(html))
    cleaner.feed(html)
    return sanitize.strip_controls(cleaner.result()), tuple(cleaner.removed)


@pytest.mark.parametrize(
    "html",
    [
        "<p>plain</p>",
        f'<h3 id="a" {MARK}>T</h3 {MARK}>\n<p {MARK}>x</p {MARK}>',
        "<p>&quot;quoted&quot; &amp; &lt;b&gt; &#39;x&#39; &nbsp;&bogus; &#0;</p>",
        f'<img src="a.png" alt="Veloria&#39;s &quot;x&quot; &amp; y" {MARK} />',
        '<img src="a.png" alt="a">',
        "<br /><hr/><br>",
        f"<div {MARK}/>after",
        "<span>unclosed <em>twice",
        "stray</em> end</p>",
        "<P CLASS='x'>upper</P>",
        '<a href="javascript:x()" onclick="y">l</a>',
        '<a href="http://x.org/?a=1&amp;b=2" title="">l</a>',
        '<td colspan="2" scope="row" checked>c</td>',
        '<td colspan="\u00b2" rowspan="\u0663">c</td>',  # found in review: int("²") raised
        "<p>a < b and c > d</p>",
        "<p>x<!-- c -->y</p>",
        "<script>alert(1)</script><p>after</p>",
        "<p>tail &amp",
        "<p>\x00\x0b\ufffe</p>",
        '<p title="a\nb">nl</p>',
        "</>",
        "",
        "<em><b>x</em>y</b>z",  # an end tag not of the element opened last
        "<p><p>x</p></p></p>",
        "<span>" * 70 + "deep" + "</span>" * 70 + "</span>after",  # past MAX_DEPTH
        "<span>" * 66 + "<em>x</em>" + "</span>" * 3,
    ],
    ids=lambda html: repr(html.replace(TRUSTED[1], "KEY")),  # the same names in every process
)
def test_the_fast_path_cleans_as_html_parser_does(html: str) -> None:
    assert clean_fragment(html) == _parsed(html)


def test_markdown_output_takes_the_fast_path() -> None:
    html = render_block("A *b* [c](#d) and a note.[^n]\n\n[^n]: Text.\n\n| a |\n|--|\n| 1 |\n").html
    raw = markdown._parser(True).render("A *b* [c](#d)\n")
    assert html and sanitize._clean_plain(raw) is not None


@FUZZ
@given(st.lists(st.one_of(any_text, html_bits), max_size=30).map("".join))
def test_any_markup_cleans_as_html_parser_does(html: str) -> None:
    assert clean_fragment(html) == _parsed(html)


@FUZZ
@given(body=st.one_of(markdown_bodies, construct_bodies))
def test_rendered_bodies_clean_as_html_parser_does(body: str) -> None:
    seen: list[str] = []

    def both(html: str) -> tuple[str, tuple[str, ...]]:
        seen.append(html)
        fast = clean_fragment(html)
        assert fast == _parsed(html)
        return fast

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown, "clean_fragment", both)
        patch.setattr(tokens, "clean_fragment", both)
        render_block(body)
    assert seen


def test_plain_markup_is_cleaned_without_importing_html_parser() -> None:
    """html.parser (2 ms of every command) is imported only for markup that is not plain."""
    import subprocess
    import sys

    code = (
        "import sys; from octavo.render.markdown import render_block; "
        "render_block('Some *text*, [a link](#x) and <sup>2</sup>.'); "
        "print('html.parser' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


@pytest.mark.parametrize(
    "source",
    [
        '<script>alert(1)</script><![Cap *x*](images/m.png){#fig:m credit="C"}\n',  # fuzz's
        "<div><![if !supportLists]>1.<![endif]> Word's lists</div>\n",
        "<p>a <![CDATA[ b ]]> c</p>\n",
    ],
)
def test_a_marked_section_is_a_bogus_comment_not_a_traceback(source: str) -> None:
    """`<![` opens a marked section to Python's parser, which raised an AssertionError for
    any keyword but SGML's few; HTML reads it as a bogus comment (CDATA only in SVG or
    MathML): removed, and the rest of the block kept."""
    html = render_block(source).html
    assert "<![" not in html.replace("&lt;![", "")


@pytest.mark.parametrize(
    "source",
    ["<!-- to check: the 1994 figures -->\n\nText.\n", "Text <!-- not yet --> more.\n"],
    ids=["block", "inline"],
)
def test_a_comment_is_dropped_without_a_warning(source: str) -> None:
    """An author's note to self: never printed and never a warning (W502 made `--strict`
    fail on it); pandoc passes it to HTML, where it shows nowhere either."""
    fragment = render_block(source)
    assert "<!--" not in fragment.html and "not yet" not in fragment.html
    assert fragment.removed == ()


def test_lang_and_dir_only_with_values_a_reader_can_read() -> None:
    html, removed = sanitize.clean_fragment(
        '<span lang="fr" dir="rtl">a</span><span lang="" dir="up">b</span><b lang="en-GB">c</b>'
    )
    assert html == '<span lang="fr" dir="rtl">a</span><span>b</span><b lang="en-GB">c</b>'
    assert removed == ("attribute lang on <span>", "attribute dir on <span>")


def test_lang_is_a_language_of_the_registry_not_only_its_shape() -> None:
    """`xx` has a tag's shape and names no language (Ace's valid-lang refuses it); the
    registry's own are kept, script and region subtags too."""
    html, removed = sanitize.clean_fragment(
        '<i lang="xx">a</i><i lang="sr-Latn">b</i><i lang="zh-Hans-CN">c</i>'
    )
    assert html == '<i>a</i><i lang="sr-Latn">b</i><i lang="zh-Hans-CN">c</i>'
    assert removed == ("attribute lang on <i>",)


@pytest.mark.parametrize(
    "html",
    [
        '<table><tr><td colspan="\u0665">a</td></tr></table>',
        '<table><tr><td rowspan="\u0968">a</td></tr></table>',
        '<table><tr><th colspan="\uff15">a</th></tr></table>',  # a fullwidth 5
        '<ol start="\u0663"><li>a</li></ol>',
        '<ol start="three"><li>a</li></ol>',
    ],
    ids=["colspan-arabic-indic", "rowspan-devanagari", "colspan-fullwidth", "start", "start-word"],
)
def test_a_number_not_in_figures_0_9_is_removed_and_said(html: str) -> None:
    """colspan="٥" was kept as written (isdecimal() takes it), and an <ol>'s start took
    any value: no browser or reading system reads either as a number, and the PDF's
    continued table counted ٥ columns. The attribute is removed, and said (W502)."""
    fragment = render_block(html + "\n")
    assert "span=" not in fragment.html and "start=" not in fragment.html
    assert len(fragment.removed) == 1 and fragment.removed[0].what.startswith("attribute ")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "Text.[^1]\n\n[^1]: A note <script>x</script> <font>y</font>.\n",
            [("tag <script>", 2), ("tag <font>", 2)],
        ),
        ("Line.\n\nText.^[an inline <font>y</font> note]\n", [("tag <font>", 2)]),
        ("Text.[^1]\n\n[^1]: A <sup>2</sup> note.\n", []),
        # each at its own line, as the text's (a review's find: all were at the note's first)
        (
            "text[^1]\n\nx\n\n[^1]: a <font>b</font> c\n\n    <script>z</script> para\n",
            [("tag <font>", 4), ("tag <script>", 6)],
        ),
        (
            "Text.[^1]\n\n[^1]: A <script>x</script>\n    on <font>y</font>.\n",
            [("tag <script>", 2), ("tag <font>", 3)],
        ),
        ("line0\n\ntext\nmore ^[a <font>b</font> c]\n", [("tag <font>", 3)]),
    ],
    ids=["defined-note", "inline-note", "kept", "paragraphs", "lines", "inline-call-line"],
)
def test_a_note_s_raw_html_removed_is_said(source: str, expected: list[tuple[str, int]]) -> None:
    """A user's walk: what the cleaner takes out of a note's raw HTML was dropped without
    W502, which the text's gets (the note's own line, an inline note's call's)."""
    found = [
        (p.message.removeprefix("raw HTML removed: "), p.line)
        for p in render_block(source).problems
        if p.code == "W502"
    ]
    assert found == expected
