"""What is written in code, as CommonMark reads it: a code span closes at the next
backtick run of its own length (within a paragraph); a fence of three or more backticks or
tildes closes at a run of the same character at least as long, alone on its line. Every
reader of the source that must not take code for text asks octavo.render.in_code: a link's
line (octavo.render.xref), a heading's id (octavo.render.heading_ids: math or an autolink
in a code span is text), the book's heading names (octavo.render.heading_refs: a `#` line
in a fenced block is no heading)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from octavo.render.in_code import code_span, without_code, without_fences


def _kept(text: str, blank: Callable[[str], str] = without_code) -> str:
    """What `blank` keeps of `text`, runs of spaces and line ends shown as one '_'."""
    return "_".join(blank(text).split())


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("a `[x](#y)` b", "a_b", id="span"),
        pytest.param("a ``b ` c`` d", "a_d", id="span-of-two-holds-one"),
        pytest.param("a ``b` c", "a_``b`_c", id="no-closing-run-of-its-length"),
        pytest.param("a `b``c` d", "a_d", id="a-longer-run-inside"),
        pytest.param("a \\`b` c", "a_\\`b`_c", id="escaped-opening"),
        pytest.param("a `b\nc` d", "a_d", id="span-over-a-line-end"),
        pytest.param("a `b\n\nc` d", "a_`b_c`_d", id="not-over-a-blank-line"),
        pytest.param("a `$x$` and $y$", "a_and_$y$", id="math-in-a-span"),
        pytest.param("`<https://a.org>` <https://b.org>", "<https://b.org>", id="autolink"),
    ],
)
def test_code_spans(text: str, kept: str) -> None:
    assert _kept(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        pytest.param("# A\n```\n# not\n```\n# B", "#_A_#_B", id="backticks"),
        pytest.param("~~~~\n# not\n~~~\n# not\n~~~~\n# C", "#_C", id="shorter-run-no-close"),
        pytest.param("```\n# not\n~~~\n# not\n````\n# D", "#_D", id="other-char-no-close"),
        pytest.param("   ```py\n# not\n```\n# E", "#_E", id="indented-three"),
        pytest.param("    ```\n# F", "```_#_F", id="indented-four-is-no-fence"),
        pytest.param("```\n# not\n``` x\n# not", "", id="closing-run-alone-on-its-line"),
        pytest.param("``` a`b\n# G", "```_a`b_#_G", id="backtick-in-info-no-fence"),
        pytest.param("~~~ a`b\n# not\n~~~\n# H", "#_H", id="tilde-info-may-hold-one"),
        pytest.param("```\n# not to the end\n", "", id="unclosed-to-the-end"),
    ],
)
@pytest.mark.parametrize("blank", [without_code, without_fences], ids=["code", "fences"])
def test_fenced_blocks(text: str, kept: str, blank: Callable[[str], str]) -> None:
    assert _kept(text, blank) == kept


def test_without_fences_keeps_code_spans() -> None:
    assert without_fences("# The `x` function\n```\n# y\n```") == "# The `x` function\n" + (
        "   \n   \n   "
    )


@pytest.mark.parametrize(
    ("text", "at", "after"),
    [
        pytest.param("`$x$` and $y$", 0, (5, True), id="span"),
        pytest.param("``a ` $x$`` $y$", 0, (11, True), id="span-of-two-holds-one"),
        pytest.param("``$x$` $y$", 0, (2, False), id="no-run-of-its-length-the-run-is-text"),
        pytest.param("a `b``c` d", 2, (8, True), id="a-longer-run-inside"),
        pytest.param("`unclosed $x$", 0, (1, False), id="unclosed"),
    ],
)
def test_code_span(text: str, at: int, after: tuple[int, bool]) -> None:
    assert code_span(text, at) == after


def test_lines_and_columns_stay() -> None:
    text = "a `b` c\n```\nx\n```\nd ``e`` f\n"
    blank = without_code(text)
    assert len(blank) == len(text)
    assert [len(line) for line in blank.split("\n")] == [len(line) for line in text.split("\n")]
