"""The build key and the build stamp: what makes an output fresh."""

from __future__ import annotations

from pathlib import Path

from octavo.api import open_book
from octavo.cache import build_key, is_fresh, record
from tests.conftest import section_source


def test_build_key_changes_with_every_kind_of_input(make_book, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    book = make_book({"001-a.md": section_source(1, total=1)})

    def key(paper: str = "letter") -> str:
        return build_key(open_book(book), {"paper": paper})

    base = key()
    assert key() == base
    assert key("a4") != base
    (book / "001-a.md").write_text(section_source(1, total=1, body="Changed.\n"))
    edited = key()
    assert edited != base
    (book / "styles").mkdir()
    (book / "styles" / "extra.css").write_text("p { color: red }")
    styled = key()
    assert styled != edited
    (book / "templates").mkdir()
    (book / "templates" / "x.html").write_text("x")
    templated = key()
    assert templated != styled
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert key() != templated


def test_fresh_only_with_output_and_matching_key(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert not is_fresh(out, "k")
    out.write_bytes(b"%PDF")
    assert not is_fresh(out, "k")
    record(out, "k")
    assert is_fresh(out, "k") and not is_fresh(out, "other")
    out.unlink()
    assert not is_fresh(out, "k")
