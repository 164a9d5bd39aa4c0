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
    class Owner:
        def method(self, item: object, **kwargs: object) -> None: ...

        data = object()

    assert arguments(Owner, "method") == ("self", "item", "kwargs")
    assert arguments(Owner, "data") == ()


def test_a_version_without_a_method_read_here_is_refused_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A citeproc-py whose Label has no `process` (a reviewer's find: AttributeError out of
    install()) leaves citeproc-py as shipped."""
    from citeproc import model

    from octavo.render import citation_sort_names

    monkeypatch.delattr(model.Label, "process")
    monkeypatch.setattr(citation_sort_names, "installed", lambda: False)
    assert citation_sort_names._patch(model) is False
