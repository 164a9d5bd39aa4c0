"""Running heads cut to one line (octavo.render.pdf.running_heads)."""

from __future__ import annotations

from octavo.render.pdf.running_heads import running_head

LONG = (
    "La economía, las relaciones exteriores y la política de seguridad nacional de la "
    "República de Belarús después de la independencia"
)


def test_a_head_that_fits_is_left_whole() -> None:
    assert running_head("La economía", 333.0) == ""
    assert running_head(LONG, None) == ""  # no measure: nothing cut


def test_a_long_head_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    head = running_head(LONG, 333.0)  # a 6x9 in page's text block
    assert head.endswith("…") and LONG.startswith(head[:-1])
    assert LONG[len(head) - 1] == " "  # after a whole word
    assert running_head(head, 333.0) == ""  # and it fits
    assert len(head) > len(LONG) // 2


def test_the_cut_drops_the_punctuation_before_it() -> None:
    head = running_head("Economía, " * 20 + "fin", 60.0)
    assert head == "Economía, Economía…" or head == "Economía…"
    assert ",…" not in head
