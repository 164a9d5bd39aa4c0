"""octavo.render.epub.links: the EPUB members of the book's images, never two alike."""

from __future__ import annotations

import hashlib

import pytest

from octavo.render.epub.links import media_name, media_names, relink


def test_a_plain_name_is_kept_and_another_is_spelled_with_a_fingerprint() -> None:
    assert media_names(["images/map.png", "images/Kärte 1.png"]) == {
        "images/map.png": "media/images/map.png",
        "images/Kärte 1.png": "media/images/Karte-1-52e271e3.png",
    }


def test_a_file_named_as_another_is_spelled_keeps_its_name() -> None:
    """review47c C2: `images/Karte-1-52e271e3.png` is a plain name, the very spelling of
    `images/Kärte 1.png`: it keeps it, the other's fingerprint grows."""
    digest = hashlib.sha256("images/Kärte 1.png".encode()).hexdigest()
    names = media_names(["images/Kärte 1.png", "images/Karte-1-52e271e3.png"])
    assert names == {
        "images/Karte-1-52e271e3.png": "media/images/Karte-1-52e271e3.png",
        "images/Kärte 1.png": f"media/images/Karte-1-{digest[:16]}.png",
    }


def test_the_fingerprint_grows_past_every_name_taken() -> None:
    """Files named for every length of the fingerprint, the whole one too: a count after it."""
    path = "images/Kärte 1.png"
    digest = hashlib.sha256(path.encode()).hexdigest()
    taken = [f"images/Karte-1-{digest[:n]}.png" for n in (8, 16, 32, 64)]
    names = media_names([path, *taken])
    assert names[path] == f"media/images/Karte-1-{digest}-1.png"
    assert len(set(names.values())) == len(names)


def test_two_spelled_alike_by_chance_get_names_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two names of one spelling whose fingerprints' 8 digits meet (one in 4 billion, or
    sought): the later one, in the order of their paths, gets a longer fingerprint."""
    real = media_name

    def met(path: str, length: int = 8, marked: bool = False) -> str:  # 8 digits: 00000000
        return "media/images/Karte-1-00000000.png" if length == 8 else real(path, length)

    monkeypatch.setattr("octavo.render.epub.links.media_name", met)
    names = media_names(["images/Kärte 1.png", "images/Kärte  1.png"])
    assert names["images/Kärte  1.png"] == "media/images/Karte-1-00000000.png"
    assert names["images/Kärte 1.png"] == real("images/Kärte 1.png", 16)


def test_names_alike_but_for_their_case_are_two_members_unlike_in_any_case() -> None:
    """`Map.png` and `map.png` were two members differing only in case: unpacked on macOS
    or Windows the second overwrote the first (EPUBCheck: OPF-060). The first keeps its
    name, the second takes a fingerprint; a spelled name meeting a plain one in another
    case grows its fingerprint; names unlike in case (the goldens') are as they were."""
    digest = hashlib.sha256(b"images/map.png").hexdigest()
    names = media_names(["images/map.png", "images/Map.png", "images/MAP.PNG"])
    assert names["images/MAP.PNG"] == "media/images/MAP.PNG"  # first in order
    assert names["images/map.png"] == f"media/images/map-{digest[:8]}.png"
    assert len({name.lower() for name in names.values()}) == 3, names
    spelled = "images/Kärte 1.png"
    mark = hashlib.sha256(spelled.encode()).hexdigest()
    names = media_names([spelled, f"images/KARTE-1-{mark[:8]}.png"])
    assert names[spelled] == f"media/images/Karte-1-{mark[:16]}.png"
    assert media_names(["images/a.png", "images/B.png"]) == {
        "images/a.png": "media/images/a.png",
        "images/B.png": "media/images/B.png",
    }


def test_the_same_images_give_the_same_names_in_any_order() -> None:
    paths = [
        "images/Kärte 1.png",
        "images/Karte-1-52e271e3.png",
        "images/b c.png",
        "images/B C.png",
    ]
    paths += ["images/Map.png", "images/map.png"]
    assert media_names(paths) == media_names(reversed(paths))


def test_relink_points_at_the_member_given() -> None:
    html = '<img src="images/K%C3%A4rte%201.png" alt="x" />'
    images = {"images/Kärte 1.png": "media/images/Karte-1-0123456789abcdef.png"}
    assert relink(html, "ch01.xhtml", {}, images) == (
        '<img src="../media/images/Karte-1-0123456789abcdef.png" alt="x" />'
    )
    assert relink(html, "ch01.xhtml", {}) == (
        '<img src="../media/images/Karte-1-52e271e3.png" alt="x" />'
    )
