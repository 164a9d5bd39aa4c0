"""What a filter would make, checked before it is made (octavo.render.budget): the
filters where a small argument makes a large value, or one value makes much work (see
budget_checks for operators and methods).

A width or a count (`center(10**9)`, `batch(10**9, fill)`), a string put at every match
or line (`replace("", s)`, `indent(s)`, `wordwrap(1, wrapstring=s)`, `join(s)`), a key
lowered for every item of a list holding one long string many times (`sort`, `unique`),
a list printed (`[s] * 10**6`, every filter in STRINGIFY). Each check takes the filter's
arguments (after what Jinja passes first, with the environment instead) and returns
nothing or raises (budget.refuse); it may hand the filter what it had to read to measure
(an iterator it consumed), as (args, kwargs)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from typing import Any

from jinja2 import Environment
from jinja2.filters import make_attrgetter, make_multi_attrgetter, sync_do_sum
from jinja2.utils import pass_environment
from markupsafe import escape

from octavo.render.budget import ITEM, check_value, size, spent, text
from octavo.render.budget_checks import Args, items_of, printf, units

__all__ = ["FILTER_CHECKS", "STRINGIFY", "budget_sum"]


def _keys(
    environment: Environment, value: Any, attribute: Any, multi: bool = False, kept: bool = True
) -> list[Any]:
    """The items of `value`, each lowered key's characters spent (and, where the filter
    keeps every key, as a sort does, checked as one value): a list holding one long
    string many times is as many long strings once lowered."""
    items = items_of(value)
    getter: Callable[[Any], Any] = (
        (make_multi_attrgetter if multi else make_attrgetter)(environment, attribute)
        if attribute is not None
        else (lambda item: item)
    )
    total = 0
    for item in items:
        key = getter(item)
        for part in key if multi and isinstance(key, list) else (key,):
            total += len(part) if isinstance(part, str) else 0
    spent().spend(total)
    if kept:
        check_value(total, "the keys lowered")
    return items


def _lowered(multi: bool = False, kept: bool = True) -> Callable[..., Args]:
    """sort (`multi`: its attribute may name several), unique, min and max, unless
    case-sensitive."""
    names = ("reverse", "case_sensitive", "attribute") if multi else ("case_sensitive", "attribute")

    def check(environment: Environment, value: Any, *args: Any, **kwargs: Any) -> Args:
        given = dict(zip(names, args, strict=False)) | kwargs
        if given.get("case_sensitive"):
            return None
        items = _keys(environment, value, given.get("attribute"), multi, kept)
        return (items, *args), kwargs

    return check


def _groupby(
    environment: Environment,
    value: Any,
    attribute: Any,
    default: Any = None,
    case_sensitive: bool = False,
) -> Args:
    if case_sensitive:
        return None
    return (_keys(environment, value, attribute), attribute, default, case_sensitive), {}


def _dictsort(
    environment: Environment, value: Any, case_sensitive: bool = False, by: str = "key", *args: Any
) -> None:
    if not case_sensitive:
        _keys(environment, value.keys() if by == "key" else value.values(), None)


def _join(environment: Environment, value: Any, d: Any = "", attribute: Any = None) -> Args:
    """Items printed one by one, refused past the limit before they are joined."""
    if attribute is not None:
        value = map(make_attrgetter(environment, attribute), value)
    separator, items, total = units(d), [], 0
    for item in value:
        shown = item if isinstance(item, str) or hasattr(item, "__html__") else text(item)
        total += separator + (len(shown) if isinstance(shown, str) else 0)
        check_value(total)
        items.append(shown)
    return (items, d), {}


def _wordwrap(
    environment: Environment,
    s: Any,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: Any = None,
    break_on_hyphens: bool = True,
) -> None:
    """textwrap copies the rest of a word at every piece it breaks off: a word of n
    characters broken every `width` is n²/width characters of work."""
    shown = text(s)
    line = max(int(width), 1)
    lines = len(shown) // line + shown.count("\n") + 1
    check_value(len(shown) + lines * len(text(wrapstring or "\n")))
    longest = max(map(len, shown.split()), default=0)
    spent().spend(len(shown) * (longest // line + 1))


def _replace(environment: Environment, s: Any, old: Any, new: Any, count: Any = None) -> None:
    shown, old_text = text(s), text(old)
    found = len(shown) + 1 if not old_text else shown.count(old_text)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    check_value(len(shown) + found * len(escape(text(new))))


def _indent(environment: Environment, s: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    shown = text(s)
    each = len(width) if isinstance(width, str) else int(width)
    check_value(len(shown) + (shown.count("\n") + 2) * max(each, 0))


def _shape(value: Any, depth: int = 1) -> tuple[int, int]:
    """(items, deepest level) of nested lists, tuples and dicts, counted up to the limit."""
    if not isinstance(value, (list, tuple, dict)):
        return 1, depth
    items, deepest = 1, depth
    for item in chain(value.keys(), value.values()) if isinstance(value, dict) else value:
        more, level = _shape(item, depth + 1)
        items, deepest = items + more, max(deepest, level)
        check_value(items * ITEM, "a value's items")
    return items, deepest


def _pretty(value: Any, indent: Any) -> None:
    """pprint and tojson put an item a line, indented by its depth."""
    items, deepest = _shape(value)
    step = len(indent) if isinstance(indent, str) else int(indent or 0)
    check_value(len(text(value)) + items * (deepest * max(step, 0) + 1))


def _urlize(environment: Environment, value: Any, *args: Any, **kwargs: Any) -> None:
    """Each link is given `target` and `rel`: at most one a four characters."""
    shown = text(value)
    names = ("trim_url_limit", "nofollow", "target", "rel")
    given = dict(zip(names, args, strict=False)) | kwargs
    added = sum(len(text(given.get(name) or "")) for name in ("target", "rel"))
    check_value(len(shown) + (len(shown) // 4 + 1) * added)


def _batch(environment: Environment, value: Any, linecount: int, fill_with: Any = None) -> None:
    if fill_with is not None:
        check_value(ITEM * int(linecount), "a batch")


@pass_environment
def budget_sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    """Jinja's `sum`, but lists (or tuples) are put end to end once: Python's sum of n
    lists copies the first one n times (quadratic)."""
    if type(start) not in (list, tuple):
        return sync_do_sum(environment, iterable, attribute, start)
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    items = items_of(iterable)
    if any(type(item) is not type(start) for item in items):
        return sum(items, start)  # Python's own TypeError
    check_value(size(start) + sum(size(item) for item in items))
    return type(start)(chain(start, *items))


FILTER_CHECKS: dict[str, Callable[..., Args]] = {
    "center": lambda environment, value, width=80: check_value(units(value) + int(width)),
    "format": lambda environment, value, *args, **kwargs: printf(value, kwargs or args),
    "indent": _indent,
    "join": _join,
    "replace": _replace,
    "wordwrap": _wordwrap,
    "urlize": _urlize,
    "batch": _batch,
    "pprint": lambda environment, value: _pretty(value, 1),
    "tojson": lambda environment, value, indent=None: _pretty(value, indent),
    "sort": _lowered(multi=True),
    "unique": _lowered(),
    "min": _lowered(kept=False),
    "max": _lowered(kept=False),
    "groupby": _groupby,
    "dictsort": _dictsort,
}

# filters that print their arguments (a list given is printed, bounded: budget.text)
STRINGIFY = frozenset(
    [
        "capitalize",
        "center",
        "e",
        "escape",
        "forceescape",
        "format",
        "indent",
        "lower",
        "replace",
        "safe",
        "string",
        "striptags",
        "title",
        "trim",
        "truncate",
        "upper",
        "urlencode",
        "urlize",
        "wordcount",
        "wordwrap",
        "xmlattr",
        "yaml",
        "toml",
    ]
)
