"""Titles rendered once a process, and handed to another (the EPUB writer's)."""

from __future__ import annotations

import pytest

from octavo.render import titles


def test_a_title_is_rendered_with_typography_and_escaped() -> None:
    assert titles.title_html('The "Rise" -- & Fall') == "The \u201cRise\u201d \u2013 &amp; Fall"
    assert titles.title_html("A <b>tag</b>") == "A &lt;b&gt;tag&lt;/b&gt;"


def test_a_title_learned_from_another_process_is_not_rendered_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(titles, "_known", {})
    titles.learn({"Belarus": "<em>Belarus</em>"})  # as the other process rendered it
    assert titles.title_html("Belarus") == "<em>Belarus</em>"
    assert titles.rendered() == {"Belarus": "<em>Belarus</em>"}
    assert titles.rendered(("Minsk",)) == {"Minsk": "Minsk"}  # rendered now
