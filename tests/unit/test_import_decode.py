"""A saved page's bytes -> text: the declared charset weighed against the bytes, a stray byte
of another charset read as the character it most likely is, and told (W429, W430)."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.importers.batch import import_pages
from octavo.importers.decode import decode, decode_page
from octavo.importers.decode_warnings import decode_warnings

# countrystudies.us's page, saved as UTF-8 but for one byte of Latin-1 pasted in (é)
HEAD = '<html><head><title>Nepal - Hydroelectric Power</title><meta charset="{}"></head><body>\n'
BODY = (
    "<h2>Hydroelectric Power</h2>\n"
    "<p>In 1990 only 9 percent of households had electricity\u2014most of them in the "
    "Kathmandu Valley, near Pokhar\u0101 and P\u0101tan.</p>\n"
    "<p>The Caf{} de Paris in Thamel had a generator.</p>\n"
    "<p>Data as of September 1991</p>\n</body></html>"
)
GOOD = "In 1990 only 9 percent of households had electricity\u2014most of them"


def _page(charset: str | None, cafe: bytes = b"\xe9") -> bytes:
    head = HEAD.format(charset) if charset else HEAD.replace('<meta charset="{}">', "")
    return (head + BODY).encode("utf-8").replace(b"Caf{}", b"Caf" + cafe)


def test_declared_utf8_wins_over_one_stray_byte() -> None:
    decoded = decode(_page("utf-8"))
    assert GOOD in decoded.text and "Pokhar\u0101" in decoded.text and "Caf\u00e9 " in decoded.text
    assert decoded.encoding == "utf-8" and "\u00e2\u20ac" not in decoded.text
    warnings = decode_warnings(decoded, Path("57.htm"))
    assert [(w.code, w.line) for w in warnings] == [("W429", 4)]
    assert "0xe9 at column 11" in warnings[0].message and "'\u00e9'" in warnings[0].message


def test_a_byte_windows_1252_lacks_is_replaced() -> None:
    decoded = decode(_page("utf-8", b"\x81"))
    assert "Caf\ufffd de" in decoded.text and GOOD in decoded.text
    assert "U+FFFD" in decode_warnings(decoded, Path("57.htm"))[0].message


def test_a_text_page_with_the_same_mix_is_read_as_utf8() -> None:
    text = "Nepal: Hydroelectric Power\n\nelectricity\u2014near Pokhar\u0101.\r\nThe Caf"
    decoded = decode(text.encode("utf-8") + b"\xe9 de Paris")
    assert decoded.text.endswith("electricity\u2014near Pokhar\u0101.\nThe Caf\u00e9 de Paris")
    warnings = decode_warnings(decoded, Path("57.txt"))
    assert [(w.code, w.line) for w in warnings] == [("W429", 4)]
    assert "the rest of the page is UTF-8" in warnings[0].message


def test_a_windows_1252_page_without_a_charset_is_not_told() -> None:
    decoded = decode("The Caf\u00e9 \u201cde Paris\u201d".encode("cp1252"))
    assert decoded.text == "The Caf\u00e9 \u201cde Paris\u201d" and decoded.encoding == "cp1252"
    assert decode_warnings(decoded, Path("57.txt")) == []


def test_a_page_said_utf8_but_written_in_windows_1252() -> None:
    data = (HEAD.format("utf-8") + BODY.format("\u00e9")).encode("cp1252", "replace")
    data = data.replace(b"Pokhar?", b"Pokh\xe2r").replace(b"P?tan", b"P\xe2tan")
    decoded = decode(data)
    assert "electricity\u2014most" in decoded.text and "Pokh\u00e2r" in decoded.text
    assert [(w.code, w.line) for w in decode_warnings(decoded, Path("57.htm"))] == [("W430", 3)]


def test_a_page_said_latin1_but_written_in_utf8() -> None:
    decoded = decode(_page("iso-8859-1", "\u00e9".encode()))
    assert GOOD in decoded.text and "Caf\u00e9 de" in decoded.text
    warnings = decode_warnings(decoded, Path("57.htm"))
    assert [(w.code, w.line) for w in warnings] == [("W430", 1)]
    assert "read as UTF-8" in warnings[0].message


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param("\u201cx\u201d".encode("cp1252"), "\u201cx\u201d", id="windows-1252"),
        pytest.param(b"\xef\xbb\xbfCaf\xe9 \xe2\x80\x94", "Caf\u00e9 \u2014", id="bom-and-stray"),
        pytest.param(
            b'<meta charset="koi8-r">\n' + "\u0416".encode("koi8-r"),
            '<meta charset="koi8-r">\n\u0416',
            id="koi8-r",
        ),
        pytest.param(
            b'<meta charset="shift_jis">\n' + "\u65e5\u672c".encode("shift_jis"),
            '<meta charset="shift_jis">\n\u65e5\u672c',
            id="shift-jis",
        ),
    ],
)
def test_other_charsets_read_as_before(data: bytes, text: str) -> None:
    assert decode_page(data) == text


def test_the_import_tells_the_stray_byte(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "57.htm").write_bytes(_page("utf-8"))
    result = import_pages([pages], tmp_path / "book")
    told = [(d.code, d.file, d.line) for d in result.diagnostics if d.code == "W429"]
    assert told == [("W429", pages / "57.htm", 4)]
    section = next((tmp_path / "book").glob("057-*.md")).read_text()
    assert GOOD in section and "The Caf\u00e9 de Paris" in section


def test_five_runs_are_told_and_the_rest_counted() -> None:
    lines = ["<p>Pokhar\u0101 and P\u0101tan, caf".encode() + b"\xe9</p>" for _ in range(7)]
    decoded = decode(_page("utf-8").replace(b"<h2>", b"\n".join(lines) + b"\n<h2>"))
    warnings = decode_warnings(decoded, Path("57.htm"))
    assert [w.line for w in warnings] == [2, 3, 4, 5, 6]
    assert warnings[-1].message.endswith("(and 3 more such runs later in the page)")
