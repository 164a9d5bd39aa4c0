"""A problem inside a paragraph is reported on its own line of the file, not on the
paragraph's first (octavo.render.inlines, octavo.render.tokens.child_lines): a walk found
a broken link on a paragraph's third line reported two lines above it, where the author
looked for it in vain."""

from __future__ import annotations

import pytest

from octavo import api
from octavo.errors import BuildError
from octavo.render.markdown import render_block
from tests.conftest import MakeBook, section_source


def test_each_problem_of_a_paragraph_is_on_its_own_line(make_book: MakeBook) -> None:
    body = (
        "Intro.\n\n"  # the body's first line is the file's 11th
        "A paragraph opens here,\n"  # 13
        "goes on to [x](#nowhere) and\n"  # 14
        "to ![](images/none.png) and a call[^nope],\n"  # 15
        "then @tbl:none\n"  # 16
        "and [y](\n"  # 17
        "002-b.md) at last.\n"  # 18: the address's line
    )
    book = make_book({"001-a.md": section_source(1, "Trade", total=1, body=body)})
    with pytest.raises(BuildError) as raised:  # the missing image
        api.manuscript(book)
    lines = sorted(
        (d.code, d.line)
        for d in raised.value.diagnostics
        if d.code in ("W509", "W510", "W512", "E505")
    )
    assert lines == [
        ("E505", 15),
        ("W509", 15),
        ("W510", 15),
        ("W512", 14),
        ("W512", 16),
        ("W512", 18),
    ]


def test_lines_count_the_breaks_of_a_list_item_and_a_raw_tag() -> None:
    text = "- one\n  two [a](#a)\n\nSome <span\ntitle='x'>words</span> and [b](#b).\n"
    assert render_block(text).links == (("#a", 1), ("#b", 4))


@pytest.mark.parametrize(
    ("source", "kept", "refused"),
    [
        ("[x]{foo=bar}", "<span>x</span>", ["foo"]),  # pandoc's data-foo: dropped unsaid
        ("[x]{aria-hidden=true}", "<span>x</span>", ["aria-hidden"]),  # hid the words
        ("[x]{role=button aria-label=Go}", "<span>x</span>", ["role", "aria-label"]),
        ('[x]{style="width: 5%" data-label=z}', "<span>x</span>", ["style", "data-label"]),
        ("[x]{onclick=go()}", "<span>x</span>", ["onclick"]),  # the attrs plugin's, unsaid
        ("[x]{see=Minsk}", "<span>x</span>", ["see"]),  # no index mark: nothing reads it
        ("[x]{when-format=pdf}", "<span>x</span>", ["when-format"]),  # no condition set
        (
            '[x]{#here .box lang=fr dir=ltr title="a t" role=note}',
            '<span id="here" lang="fr" dir="ltr" title="a t" class="box">x</span>',
            ["role"],
        ),
        ('[x]{.index see="Minsk"}', '<span class="index-mark">x</span>', []),
        ('[x]{.content-visible when-format="epub"}', '<span class="only-epub">x</span>', []),
    ],
    ids=[
        "unknown",
        "aria-hidden",
        "role-aria",
        "trusted-names",
        "handler",
        "see-alone",
        "condition-alone",
        "pandoc-s-kept",
        "index-see",
        "condition",
    ],
)
def test_a_span_keeps_pandoc_s_attributes_and_says_w504_for_others(
    source: str, kept: str, refused: list[str]
) -> None:
    """As a div's and a heading's: every span was trusted, so an author's role and aria-*
    went into the book (a screen reader skipped `aria-hidden` words) and another key was
    dropped by the cleaner unsaid."""
    fragment = render_block(f"One line,\nthen {source} here.\n")
    assert kept in fragment.html
    problems = [(p.code, p.line, p.message.split("=")[0]) for p in fragment.problems]
    assert problems == [("W504", 1, f"attribute {name}") for name in refused]


def test_octavo_s_own_spans_keep_their_aria() -> None:
    """A task's mark is a checkbox to a screen reader, said by octavo itself."""
    fragment = render_block("- [x] done\n- [ ] [to do]{role=checkbox aria-checked=true}\n")
    assert '<span class="task-mark" role="checkbox" aria-checked="true">' in fragment.html
    assert '<span class="task-mark" role="checkbox" aria-checked="false">' in fragment.html
    assert "<span>to do</span>" in fragment.html
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 1)] * 2


def test_a_heading_s_span_leaves_its_aria_out_of_the_contents_too() -> None:
    """The contents, the nav and the PDF's bookmarks repeat a heading's words, made before
    they are walked: `aria-hidden` went into the nav's entry after it left the heading."""
    fragment = render_block("# Trade [x]{aria-hidden=true} {#t}\n")
    assert [h.title_html for h in fragment.headings] == ["Trade <span>x</span>"]
    assert "Trade <span>x</span></h3>" in fragment.html
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 0)]


@pytest.mark.parametrize(
    ("source", "kept", "refused"),
    [
        (
            '[x](#a){role=button aria-label="Go"}',
            '<a href="#a" class="xref">x</a>',
            ["role", "aria-label"],
        ),
        ("[x](https://e.org){aria-hidden=true}", '<a href="https://e.org">x</a>', ["aria-hidden"]),
        ("[x](https://e.org){key=v}", '<a href="https://e.org">x</a>', ["key"]),  # data-key
        ("[x](https://e.org){onclick=go()}", '<a href="https://e.org">x</a>', ["onclick"]),
        ('[x](#a){style="color: red"}', '<a href="#a" class="xref">x</a>', ["style"]),
        ("[x](#a){href=https://e.org}", '<a href="#a" class="xref">x</a>', ["href"]),
        ("[x](#a){epub:type=noteref}", '<a href="#a" class="xref">x</a>', ["epub:type"]),
        (
            '[x](https://e.org){.c #here lang=fr dir=ltr title="a t" role=note}',
            '<a href="https://e.org" id="here" lang="fr" dir="ltr" title="a t" class="c">x</a>',
            ["role"],
        ),
        ("[x](#a){.page}", '<a href="#a" class="xref page">x</a>', []),
        ("[x][r]{.c}", '<a href="https://e.org" class="c">x</a>', []),
        ("[x](#a){lang=x-y-z}", '<a href="#a" class="xref">x</a>', ["lang"]),
    ],
    ids=[
        "role-aria",
        "aria-hidden",
        "unknown",
        "handler",
        "style",
        "href",
        "epub-type",
        "pandoc-s-kept",
        "octavo-s-page-class",
        "reference-link",
        "unreadable-lang",
    ],
)
def test_a_link_keeps_what_a_span_keeps_and_says_w504_for_others(
    source: str, kept: str, refused: list[str]
) -> None:
    """Every link was trusted as octavo's own: its author's role and aria-* went into the
    book as written, and another key was dropped by the cleaner unsaid."""
    fragment = render_block(f"One line,\nthen {source} here.\n\n[r]: https://e.org\n")
    assert kept in fragment.html
    problems = [(p.code, p.line, p.message.split("=")[0]) for p in fragment.problems]
    assert problems == [("W504", 1, f"attribute {name}") for name in refused]
    assert all("on a link" in p.message for p in fragment.problems)


def test_an_autolink_keeps_its_class_beside_octavo_s() -> None:
    fragment = render_block("See <https://e.org>{.c role=link}.\n")
    assert '<a href="https://e.org" class="uri c">' in fragment.html
    assert [(p.code, p.line) for p in fragment.problems] == [("W504", 0)]


def test_octavo_s_own_links_keep_their_attributes() -> None:
    """A cross-reference octavo makes (`@tbl:t`), a note's call and a heading's name."""
    fragment = render_block("See @tbl:t and [Climate] and a note.[^1]\n\n# Climate\n\n[^1]: A.\n")
    assert '<a href="#tbl:t" class="xref auto">@tbl:t</a>' in fragment.html
    assert 'class="noteref"' in fragment.html
    assert '<a href="#s-climate" class="xref">Climate</a>' in fragment.html
    assert fragment.problems == ()


def test_an_inline_of_one_text_is_read_as_any() -> None:
    """A table's cell or a one-line paragraph (one text token, walked the short way): its
    cross-reference linked, its display math and citations told, its index span marked."""
    source = (
        "| a | b |\n|---|---|\n| see @tbl:gdp | $$x^2$$ |\n| [@doe99] | [GDP]{.index} |\n\n"
        "Table: GDP {#tbl:gdp}\n\nAlone: $$y$$\n"
    )
    fragment = render_block(source)
    assert 'href="#tbl:gdp"' in fragment.html
    assert sorted(p.code for p in fragment.problems) == ["W504", "W504", "W504"]
    assert [m.text for m in fragment.marks] == ["GDP"]
