"""Where an edited chapter's tree differs from the tree its last layout was laid out from
(octavo.render.pdf.parallel.resume), read from a digest of each element kept in the
layout's state (`tree_of`, octavo.render.pdf.parallel.page_states.Recorded.tree): the old
HTML need not be parsed again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

__all__ = ["Diff", "Node", "diff", "tree_of"]


@dataclass(frozen=True, slots=True)
class Diff:
    """Where an edited tree differs from the old one (ordinals in document order): from
    `first` to `old_last` in the old tree, to `new_last` in the new; the elements after
    are the same, `shift` places later in the new tree."""

    first: int
    old_last: int
    new_last: int

    @property
    def shift(self) -> int:
        return self.new_last - self.old_last

    def to_new(self, ordinal: int) -> int | None:
        """An old element's ordinal in the new tree (None: it is in the changed run)."""
        if ordinal < self.first:
            return ordinal
        return ordinal + self.shift if ordinal > self.old_last else None


Node = tuple[bytes, bytes, int]  # an element's `_digests` and its subtree's last ordinal


def tree_of(root: Any) -> tuple[Node, ...]:
    """Each element of a tree in document order, as `diff` compares it: what it is (tag,
    attributes, text, tail, number of children), what selectors see of it (the same but
    the text, and whether it has any) and where its subtree ends."""
    elements = list(root.iter())
    order = {element: i for i, element in enumerate(elements)}
    ends = [0] * len(elements)
    for i in range(len(elements) - 1, -1, -1):  # a subtree ends where its last child's does
        children = elements[i]
        ends[i] = ends[order[children[-1]]] if len(children) else i
    return tuple((*_digests(e), ends[i]) for i, e in enumerate(elements))


def _digests(element: Any) -> tuple[bytes, bytes]:
    tag, attrib, text = element.tag, sorted(element.attrib.items()), element.text
    if not isinstance(tag, str):  # a comment or processing instruction: a function, whose
        tag = getattr(tag, "__name__", "?")  # repr names its address, new in each process
    whole = repr((tag, attrib, text, element.tail, len(element))).encode("utf-8", "replace")
    shape = repr((tag, attrib, len(element), not text)).encode("utf-8", "replace")
    return _digest(whole), _digest(shape)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=12).digest()


def diff(old: tuple[Node, ...], new: tuple[Node, ...]) -> Diff | None:
    """The changed run between two trees (`tree_of`; None: the same). It takes in the
    whole of each changed element (its style is its descendants'), and where the tree's
    shape changed (an element added, removed, its attributes), the whole of the first
    changed element's parent: a selector of siblings (`h2 + p`, `:nth-child`) may style
    the blocks after it otherwise."""
    pairs = zip(old, new, strict=False)
    first = next((i for i, (a, b) in enumerate(pairs) if a[0] != b[0]), None)
    if first is None:
        if len(old) == len(new):
            return None
        first = min(len(old), len(new))
    same = 0  # the elements alike from the end, none of them before `first`
    while same < min(len(old), len(new)) - first and old[-1 - same][0] == new[-1 - same][0]:
        same += 1
    old_last, shift = len(old) - same - 1, len(new) - len(old)
    changed = list(range(first, old_last + 1))
    run = zip(old[first : old_last + 1], new[first:], strict=False)
    shaped = shift != 0 or any(a[1] != b[1] for a, b in run)
    if shaped and first < len(old):  # its parent: the nearest element before holding it
        parent = next((j for j in range(first - 1, -1, -1) if old[j][2] >= first), None)
        changed += [] if parent is None else [parent]
    old_last = max((old_last, *(old[i][2] for i in changed)))
    return Diff(first, old_last, old_last + shift)
