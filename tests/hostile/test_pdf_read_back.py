"""The PDF/X-1a read-back (octavo.check.paint, told by octavo.check.x1a) on PDFs of any
writer: an object of another type than PDF gives it is a finding (E644, with its page),
never a traceback. A /CA that is no number raised TypeError ("Object is not numeric"), a
`[/ICCBased 3]` AttributeError, a /Group or an XObject that is no dictionary the same."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo.check.variants import check_variant

_NAMES = (
    *("/DeviceRGB", "/ICCBased", "/Indexed", "/Pattern", "/Separation", "/CalRGB"),
    *("/Form", "/Image", "/Transparency", "/None", "/X0", "/CS0", "/RGB"),
)
_KEYS = (
    *("/N", "/Subtype", "/ColorSpace", "/CA", "/ca", "/SMask", "/SMaskInData", "/Width"),
    *("/Height", "/PatternType", "/Shading", "/Resources", "/Group", "/S", "/X0", "/CS0"),
)
_CONTENTS = (b"/X0 Do", b"/CS0 cs /P0 scn", b"1 0 0 rg", b"/GS0 gs /Sh0 sh", b"3 Do")
# every operator the reader follows, each naming the resource of its kind
_PAGE = (
    b"/CS0 cs /CS0 CS /P0 scn /P0 SCN /Sh0 sh /GS0 gs /X0 Do 1 0 0 rg "
    b"BI /W 1 /H 1 /CS /CS0 /BPC 8 ID \x00\x00\x00 EI\n"
)


def _leaves() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.booleans(),
        st.integers(-3, 5),
        st.decimals(-2, 2, places=2),
        st.sampled_from(_NAMES).map(pikepdf.Name),
        st.binary(max_size=4).map(pikepdf.String),
    )


def _objects() -> st.SearchStrategy[Any]:
    """A plan of a PDF object: a leaf, a list, a dict, or ("stream", dict, data)."""
    return st.recursive(
        _leaves(),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.tuples(st.sampled_from(_NAMES[1:6]), st.lists(inner, max_size=3)).map(
                lambda t: [pikepdf.Name(t[0]), *t[1]]
            ),
            st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
            st.tuples(
                st.just("stream"),
                st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
                st.sampled_from(_CONTENTS) | st.binary(max_size=30),
            ),
        ),
        max_leaves=8,
    )


def _made(pdf: pikepdf.Pdf, plan: Any) -> Any:
    if isinstance(plan, tuple):
        stream = pdf.make_stream(plan[2])
        for key, value in plan[1].items():
            stream[key] = _made(pdf, value)
        return pdf.make_indirect(stream)
    if isinstance(plan, list):
        return pikepdf.Array([_made(pdf, v) for v in plan])
    if isinstance(plan, dict):
        return pikepdf.Dictionary({k: _made(pdf, v) for k, v in plan.items()})
    return plan


def _pdf(resources: Any, group: Any = None, content: bytes = _PAGE) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    page.Resources = _made(pdf, resources)
    if group is not None:
        page.Group = _made(pdf, group)
    page.Contents = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _malformed(data: bytes) -> list[str]:
    found = check_variant(data, "pdf/x-1a")
    assert {d.code for d in found} <= {"E644"}
    return [d.message for d in found if "malformed" in d.message]


@pytest.mark.parametrize(
    ("resources", "group", "told"),
    [
        ({"/ExtGState": {"/GS0": {"/CA": pikepdf.Name("/X")}}}, None, "/CA is a name (/X)"),
        ({"/ColorSpace": {"/CS0": [pikepdf.Name("/ICCBased"), 3]}}, None, "the number 3"),
        ({}, 3, "/Group is the number 3"),
        ({"/XObject": {"/X0": True}}, None, "XObject /X0 is the boolean true"),
        ({"/XObject": {"/X0": {"/Subtype": pikepdf.Name("/Form")}}}, None, "not a stream"),
        ({"/Pattern": 7}, None, "/Pattern is the number 7"),
        (
            {
                "/XObject": {
                    "/X0": (
                        "stream",
                        {"/Subtype": pikepdf.Name("/Image"), "/Width": pikepdf.String("w")},
                        b"",
                    )
                }
            },
            None,
            "image /X0: /Width is a string",
        ),
        (
            {
                "/XObject": {
                    "/X0": ("stream", {"/Subtype": pikepdf.Name("/Form"), "/Group": 1}, b"")
                }
            },
            None,
            "in form /X0: /Group is the number 1",
        ),
    ],
    ids=["alpha-name", "icc-number", "group", "xobject", "form-dict", "patterns", "image", "form"],
)
def test_a_malformed_object_is_a_finding_at_its_page(resources: Any, group: Any, told: str) -> None:
    found = _malformed(_pdf(resources, group))
    assert len(found) == 1 and found[0].startswith("pdf/x-1a: page 1: a malformed object")
    assert told in found[0]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    resources=st.dictionaries(
        st.sampled_from(("/ColorSpace", "/ExtGState", "/XObject", "/Pattern", "/Shading")),
        _objects()
        | st.dictionaries(st.sampled_from(("/CS0", "/GS0", "/X0", "/P0", "/Sh0")), _objects()),
        max_size=5,
    ),
    group=st.none() | _objects(),
    content=st.sampled_from((_PAGE, *_CONTENTS)),
)
def test_any_object_anywhere_is_read_without_a_traceback(
    resources: Any, group: Any, content: bytes
) -> None:
    _malformed(_pdf(resources, group, content))


def _document(change: Any) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    change(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("variant", ["pdf/x-1a", "pdf/x-4", "pdf/a-2b", "pdf/ua-1"])
@pytest.mark.parametrize(
    ("change", "told"),
    [
        (lambda pdf: setattr(pdf.Root, "OutputIntents", 3), "no OutputIntent"),
        (lambda pdf: setattr(pdf.Root, "OutputIntents", pikepdf.Array([3])), "not a dictionary"),
        (lambda pdf: setattr(pdf.Root, "MarkInfo", 3), "not a tagged PDF"),
        (lambda pdf: pdf.trailer.__setitem__("/Info", 3), "lacks /GTS_PDFXVersion"),
    ],
    ids=["intents", "intent", "mark-info", "info"],
)
def test_a_malformed_catalog_entry_is_read_as_missing(variant: str, change: Any, told: str) -> None:
    """The OutputIntents, an intent, /MarkInfo or /Info of another type raised TypeError
    or AttributeError; each is a finding of the variant it matters to, as if missing."""
    messages = [d.message for d in check_variant(_document(change), variant)]
    matters = {"no OutputIntent": "pdf/x pdf/a", "not a dictionary": "pdf/x pdf/a"}
    matters |= {"not a tagged PDF": "pdf/ua", "lacks /GTS_PDFXVersion": "pdf/x-1a"}
    if variant.startswith(tuple(matters[told].split())):
        assert any(told in m for m in messages), messages
