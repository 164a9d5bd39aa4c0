"""A section's front matter that cannot be read says what to do (octavo.source.frontmatter):
a maker's walk found E201 (no closing '---') and E202 (a title with a colon or a bracket)
with a line and no hint, where every other front-matter error gives one."""

from __future__ import annotations

import pytest

from octavo.source.frontmatter import FrontMatterError, split_front_matter


@pytest.mark.parametrize(
    ("text", "code", "line", "hint"),
    [
        ("---\ntitle: A\n\nBody.\n", "E201", 1, "'---'"),
        ("---\ntitle: Russia: Trade\n---\nBody.\n", "E202", 2, 'title: "Russia: Trade"'),
        ("---\ntitle: [Glossary\nkind: glossary\n---\n", "E202", 3, "quote a value"),
    ],
    ids=["not-closed", "colon-in-title", "open-bracket"],
)
def test_a_front_matter_that_cannot_be_read_says_what_to_do(
    text: str, code: str, line: int, hint: str
) -> None:
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)
    assert (raised.value.code, raised.value.line) == (code, line)
    assert hint in raised.value.hint
