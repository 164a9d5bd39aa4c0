"""A saved page's bytes -> text: the declared charset weighed against the bytes, a stray byte
of another charset read as the character it most likely is, and told (W429, W430)."""

from __future__ import annotations

import time
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


def _one_line_windows_1252(size: int) -> bytes:
    """A page of `size` bytes on one line, in Windows-1252: each quote and dash a stray."""
    para = "<p>The \u2018Rana\u2019 regime \u2014 as Jang Bahadur\u2019s heirs said.</p>"
    return (HEAD.format("utf-8") + para * (size // len(para))).encode("cp1252")


def _seconds(data: bytes) -> float:
    start = time.perf_counter()
    decoded = decode(data)
    assert decoded.encoding == "cp1252" and len(decoded.stray) == 5
    return time.perf_counter() - start


def test_decoding_is_linear_in_the_page() -> None:
    # each stray once counted lines from the page's start: a 48 KB page took 41 s to import.
    # Four times the page, about four times the time (sixteen when quadratic): the best of
    # runs taken in turns, so that a busy machine slows both sizes alike
    small, large = _one_line_windows_1252(500_000), _one_line_windows_1252(2_000_000)
    times: list[tuple[float, float]] = []
    for _ in range(5):
        times.append((_seconds(small), _seconds(large)))
    best_small, best_large = min(t[0] for t in times), min(t[1] for t in times)
    assert best_large / max(best_small, 1e-4) < 8


def test_all_runs_are_counted_though_five_are_kept() -> None:
    decoded = decode(_one_line_windows_1252(50_000))
    assert decoded.runs > 1000 and decoded.stray_bytes >= decoded.runs
    assert [(s.line, s.column) for s in decoded.stray[:2]] == [(2, 8), (2, 13)]
    message = decode_warnings(decoded, Path("57.htm"))[0].message
    assert f"{decoded.stray_bytes} of its bytes are not UTF-8" in message


def _said(charset: str, text: str, encoding: str) -> bytes:
    return f'<meta charset="{charset}"><p>'.encode() + text.encode(encoding) + b"</p>"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        # Ú and a no-break space make the bytes of Arabic ڠ; П and ё those of Greek ϸ
        pytest.param(
            _said("iso-8859-1", "LIMA, PER\u00da\xa0 1990", "cp1252"),
            "PER\u00da\xa0 1990",
            id="latin-1",
        ),
        pytest.param(
            _said("windows-1251", "Tsar \u041f\u0451", "cp1251"),
            "Tsar \u041f\u0451",
            id="windows-1251",
        ),
        pytest.param(
            _said("windows-1252", "the Strau\u00df\u2019s waltz", "cp1252"),
            "Strau\u00df\u2019s",
            id="one-pair",
        ),
        # a page that says nothing: ß” make the bytes of N'Ko ߔ, the é a stray
        pytest.param(
            "Johann Strau\u00df\u201d visited the caf\u00e9.".encode("cp1252"),
            "Strau\u00df\u201d visited the caf\u00e9.",
            id="none",
        ),
    ],
)
def test_an_accidental_utf8_pair_does_not_overrule_the_charset(data: bytes, text: str) -> None:
    decoded = decode(data)
    assert text in decoded.text and decoded.encoding != "utf-8"
    assert decode_warnings(decoded, Path("p.html")) == []


def test_a_page_said_windows_1251_but_in_utf8_cyrillic_is_utf8() -> None:
    decoded = decode(_said("windows-1251", "\u0420\u043e\u0441\u0441\u0438\u044f", "utf-8"))
    assert "\u0420\u043e\u0441\u0441\u0438\u044f" in decoded.text and decoded.encoding == "utf-8"


def test_greek_letters_do_not_overrule_windows_1252() -> None:
    decoded = decode(_said("windows-1252", "\u03b1\u03b2\u03b3 \u03b4", "utf-8"))
    assert decoded.encoding == "cp1252"
