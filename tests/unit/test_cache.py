"""The build key and the build stamp: what makes an output fresh."""

from __future__ import annotations

from pathlib import Path

from octavo.cache import build_key, is_fresh, record
from tests.conftest import section_source


def test_build_key_changes_with_every_kind_of_input(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1)})
    base = build_key(book, {"paper": "letter"})
    assert build_key(book, {"paper": "letter"}) == base
    assert build_key(book, {"paper": "a4"}) != base
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    edited = build_key(book, {"paper": "letter"})
    assert edited != base
    (book / "styles").mkdir()
    (book / "styles" / "extra.css").write_text("p { color: red }")
    styled = build_key(book, {"paper": "letter"})
    assert styled != edited
    (book / "templates").mkdir()
    (book / "templates" / "x.html").write_text("x")
    assert build_key(book, {"paper": "letter"}) != styled
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert build_key(book, {"paper": "letter"}) != build_key(book, {"paper": "x"})


def test_fresh_only_with_output_and_matching_key(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert not is_fresh(out, "k")
    out.write_bytes(b"%PDF")
    assert not is_fresh(out, "k")
    record(out, "k")
    assert is_fresh(out, "k") and not is_fresh(out, "other")
    out.unlink()
    assert not is_fresh(out, "k")
