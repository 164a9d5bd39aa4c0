"""octavo.render.citeproc_patch: the version check and install-once lock both citeproc-py
patches (citation_suppress, citation_sort_names) share."""

from __future__ import annotations

from typing import Any

import citeproc
import pytest

from octavo.render import citation_sort_names, citation_suppress
from octavo.render.citeproc_patch import arguments, install_once


def test_both_patches_install_once_on_the_version_read() -> None:
    assert citation_suppress.install() and citation_suppress.installed()
    assert citation_sort_names.install() and citation_sort_names.installed()
    from citeproc import model

    process = model.Name.process
    assert citation_sort_names.install() and model.Name.process is process  # not again


def test_another_version_is_left_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a version not read, nothing is patched: `patch` is never asked."""
    asked: list[Any] = []

    def patch(model: Any) -> bool:
        asked.append(model)
        return True

    monkeypatch.setattr(citeproc, "__version__", "0.12.0")
    assert not install_once(lambda: False, patch)
    assert asked == []
    assert install_once(lambda: True, patch)
    assert asked == []  # in place already: True, nothing asked


def test_arguments_are_a_signatures_names() -> None:
    def method(self: object, item: object, **kwargs: object) -> None: ...

    assert arguments(method) == ("self", "item", "kwargs")
    assert arguments(object()) == ()
