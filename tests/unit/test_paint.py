"""octavo.check.paint: the colour spaces PDF/X-1a refuses as RGB, as a preflight reads them
(WeasyPrint writes DeviceRGB and sRGB today; another writer, or a later WeasyPrint, may
write the others)."""

from __future__ import annotations

import pikepdf
import pytest

from octavo.check.paint import rgb_space

_OWNER = pikepdf.new()  # the PDF the colour spaces below belong to


def _profile(components: int) -> pikepdf.Stream:
    return pikepdf.Stream(_OWNER, b"profile", N=components)


def _array(*items: object) -> pikepdf.Array:
    return pikepdf.Array(pikepdf.Name(i) if isinstance(i, str) else i for i in items)


@pytest.mark.parametrize(
    ("space", "expected"),
    [
        (pikepdf.Name.DeviceRGB, "DeviceRGB"),
        (_array("/CalRGB", pikepdf.Dictionary()), "CalRGB"),
        (_array("/ICCBased", _profile(3)), "ICCBased, 3 components"),
        (_array("/Indexed", "/DeviceRGB", 1), "Indexed on DeviceRGB"),
        (_array("/Indexed", _array("/ICCBased", _profile(3))), "Indexed on ICCBased, 3 components"),
        (_array("/Separation", "/Spot", "/DeviceRGB"), "Separation, alternate DeviceRGB"),
        (_array("/Pattern", "/DeviceRGB"), "Pattern on DeviceRGB"),
        (pikepdf.Name.DeviceCMYK, ""),
        (pikepdf.Name.DeviceGray, ""),
        (_array("/ICCBased", _profile(4)), ""),
        (_array("/ICCBased", _profile(1)), ""),
        (_array("/Indexed", "/DeviceCMYK", 1), ""),
        (_array("/Separation", "/Spot", "/DeviceCMYK"), ""),
        (_array("/Pattern"), ""),
        (None, ""),  # an image mask: no colour space of its own
    ],
    ids=[
        "device-rgb",
        "cal-rgb",
        "icc-3",
        "indexed-rgb",
        "indexed-icc-3",
        "separation-rgb",
        "pattern-rgb",
        "cmyk",
        "grey",
        "icc-4",
        "icc-1",
        "indexed-cmyk",
        "separation-cmyk",
        "pattern",
        "mask",
    ],
)
def test_the_rgb_spaces_are_found(space: object, expected: str) -> None:
    assert rgb_space(space) == expected
