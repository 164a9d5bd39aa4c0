"""What an author's span and link keep of their attributes (octavo.render.inline_attributes):
pandoc's id, classes, `lang`, `dir` and `title`, and what octavo reads (an index mark's, a
condition's); any other is W504 at its line and left out. Every span and link was trusted
as octavo's own: an author's `role` and `aria-*` went into the book as written."""

from __future__ import annotations

import pytest

from octavo.render.markdown import render_block


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
