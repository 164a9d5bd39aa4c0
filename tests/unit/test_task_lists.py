"""pandoc's task lists (`- [ ] to do`, `- [x] done`): pandoc's `<ul class="task-list">`, each
item's mark a character with its state for a screen reader, never a form control."""

from __future__ import annotations

from octavo.render.markdown import render_block

TODO = '<span class="task-mark" role="checkbox" aria-checked="false">\u2610</span> '
DONE = '<span class="task-mark" role="checkbox" aria-checked="true">\u2612</span> '


def test_a_task_list() -> None:
    html = render_block("- [ ] to do\n- [x] done\n- [X] done too\n").html
    assert html == (
        '<ul class="task-list">\n'
        f"<li>{TODO}to do</li>\n<li>{DONE}done</li>\n<li>{DONE}done too</li>\n</ul>\n"
    )
    assert "<input" not in html


def test_a_loose_task_list_marks_its_paragraphs() -> None:
    html = render_block("- [x] done\n\n- [ ] to do\n").html
    assert f"<p>{DONE}done</p>" in html and f"<p>{TODO}to do</p>" in html


def test_a_list_not_all_of_tasks_keeps_its_bullets() -> None:
    """pandoc classes a bullet list `task-list` only when every item is a task."""
    html = render_block("- [x] done\n- plain\n").html
    assert html.startswith("<ul>\n") and f"<li>{DONE}done</li>" in html
    assert render_block("1. [x] done\n").html.startswith(f"<ol>\n<li>{DONE}done")


def test_what_is_no_task() -> None:
    assert render_block("- [ ]\n").html == "<ul>\n<li>[ ]</li>\n</ul>\n"
    assert "[x]done" in render_block("- [x]done\n").html
    assert "[x] not in a list" in render_block("[x] not in a list\n").html


def test_a_task_in_a_note() -> None:
    (note,) = render_block("Text.[^n]\n\n[^n]: Still:\n\n    - [ ] to do\n").notes
    assert note.html == f"Still:<br/>\u2022\u00a0{TODO}to do"
