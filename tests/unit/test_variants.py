"""octavo.check.variants: the colour spaces PDF/X-1a refuses in an image, as a preflight
reads them (WeasyPrint writes DeviceRGB today; another writer, or a later WeasyPrint, may
write the others)."""

from __future__ import annotations

import pytest
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

from octavo.check.variants import _rgb


def _icc(components: int) -> StreamObject:
    stream = StreamObject()
    stream[NameObject("/N")] = NumberObject(components)
    return stream


def _array(*items: object) -> ArrayObject:
    return ArrayObject(NameObject(i) if isinstance(i, str) else i for i in items)


@pytest.mark.parametrize(
    ("space", "expected"),
    [
        (NameObject("/DeviceRGB"), "DeviceRGB"),
        (_array("/CalRGB", DictionaryObject()), "CalRGB"),
        (_array("/ICCBased", _icc(3)), "ICCBased, 3 components"),
        (_array("/Indexed", "/DeviceRGB", NumberObject(1)), "Indexed on DeviceRGB"),
        (_array("/Indexed", _array("/ICCBased", _icc(3))), "Indexed on ICCBased, 3 components"),
        (_array("/Separation", "/Spot", "/DeviceRGB"), "Separation, alternate DeviceRGB"),
        (NameObject("/DeviceCMYK"), ""),
        (NameObject("/DeviceGray"), ""),
        (_array("/ICCBased", _icc(4)), ""),
        (_array("/ICCBased", _icc(1)), ""),
        (_array("/Indexed", "/DeviceCMYK", NumberObject(1)), ""),
        (_array("/Separation", "/Spot", "/DeviceCMYK"), ""),
        (None, ""),  # an image mask: no colour space of its own
    ],
    ids=[
        "device-rgb",
        "cal-rgb",
        "icc-3",
        "indexed-rgb",
        "indexed-icc-3",
        "separation-rgb",
        "cmyk",
        "grey",
        "icc-4",
        "icc-1",
        "indexed-cmyk",
        "separation-cmyk",
        "mask",
    ],
)
def test_the_rgb_spaces_are_found(space: object, expected: str) -> None:
    assert _rgb(space) == expected
