"""What an operator or a method would make, checked before it is made
(octavo.render.budget; filters: budget_filters).

Most of what a template makes is at most a few times what it is made from, and is checked
as it is made. These are the exceptions, where a small argument makes a large value: a
count (`"x" * 10**9`, `2 ** (10**9)`, `(1).to_bytes(10**9)`), a width (`"%999999999s" %
x`, `"{:>999999999}".format(x)`, `s.center(10**9)`), a string put at every match
(`s.replace("", t)`, `t.join(items)`, `s.translate(table)`). Each returns nothing or
raises (budget.refuse); a check may also hand the method what it had to read to measure
(an iterator it consumed), as (args, kwargs)."""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

from octavo.render.budget import ITEM, check_digits, check_value, digits, size, text

__all__ = ["METHOD_CHECKS", "Args", "check_binop", "items_of", "printf", "str_format", "units"]

Args = tuple[tuple[Any, ...], dict[str, Any]] | None

# Python's printf conversions: %[(key)][flags][width][.precision][length]type
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?(.)")
_FLOAT = 330  # characters a float may print as, past its precision (1e308 with %f)


def units(value: Any) -> int:
    """Characters `value` prints as (bounded: budget.text)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int):
        return digits(value)
    if isinstance(value, float):
        return _FLOAT
    return len(text(value))


def printf(fmt: Any, values: Any) -> None:
    """`fmt % values`: each conversion prints the longest value (or ten times it, escaped by
    %r and %a), padded to its width and precision (or to any number given, for `*`)."""
    shown = text(fmt)
    if isinstance(values, dict):
        given = list(values.values())
    else:
        given = list(values) if type(values) is tuple else [values]
    longest = max((units(v) for v in given), default=0)
    stars = sum(abs(v) for v in given if isinstance(v, int))
    total = len(shown)
    for width, precision, kind in _PRINTF.findall(shown):
        total += longest * (10 if kind in "ra" else 1) + _FLOAT
        for number in (width, precision):
            total += stars if number == "*" else int(number or 0)
    check_value(total)


def str_format(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """`fmt.format(*args, **kwargs)`, as `printf` bounds `%`: a field prints the longest
    argument (tenfold for !r and !a) padded to any number in its format."""
    given = [*args, *kwargs.values()]
    longest = max((units(v) for v in given), default=0)
    stars = sum(abs(v) for v in given if isinstance(v, int))
    total = len(fmt)
    for _, field, spec, conversion in string.Formatter().parse(fmt):
        if field is None:
            continue
        total += longest * (10 if conversion in ("r", "a") else 1) + _FLOAT
        total += sum(int(n) for n in re.findall(r"\d+", spec or ""))
        total += stars if spec and "{" in spec else 0
    check_value(total)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """`left operator right`, before Python makes it."""
    if operator == "*":
        if isinstance(left, int) and isinstance(right, int):
            check_digits(digits(left) + digits(right))
        elif isinstance(right, int) and isinstance(left, (str, bytes, list, tuple)):
            check_value(size(left) * max(right, 0))
        elif isinstance(left, int) and isinstance(right, (str, bytes, list, tuple)):
            check_value(size(right) * max(left, 0))
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
            check_digits(right * math.log10(abs(left)))
    elif operator == "+":
        if isinstance(left, (str, bytes, list, tuple)):
            check_value(size(left) + size(right))
    elif operator == "%" and isinstance(left, (str, bytes)):
        printf(left, right)


def items_of(value: Any) -> list[Any]:
    """`value`'s items, as a list (itself, if it is one)."""
    return value if type(value) is list else list(value)


def _width(s: Any, width: Any, *args: Any) -> None:
    check_value(max(len(s), int(width)))


def _method_replace(s: Any, old: Any, new: Any, count: Any = -1) -> None:
    found = len(s) + 1 if not old else s.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    grown = len(escape(new)) if isinstance(s, Markup) else size(new)
    check_value(len(s) + found * grown)


def _method_join(s: Any, items: Any) -> Args:
    listed = items_of(items)
    each = [len(escape(i)) if isinstance(s, Markup) else size(i) for i in listed]
    check_value(sum(each) + len(s) * len(listed))
    return (listed,), {}


def _translate(s: Any, table: Any) -> None:
    longest = max((size(v) for v in table.values()), default=1) if type(table) is dict else 1
    check_value(len(s) * max(longest, 1))


def _split(s: Any, sep: Any = None, maxsplit: int = -1) -> None:
    if sep:
        found = s.count(sep)
        check_value(ITEM * (min(found, maxsplit) if maxsplit >= 0 else found), "a split")


# methods of str and bytes (Markup's too), by name: (receiver, *args, **kwargs)
METHOD_CHECKS: dict[str, Callable[..., Args]] = {
    "center": _width,
    "ljust": _width,
    "rjust": _width,
    "zfill": _width,
    "expandtabs": lambda s, tabsize=8: check_value(len(s) + s.count("\t") * int(tabsize)),
    "replace": _method_replace,
    "join": _method_join,
    "translate": _translate,
    "split": _split,
    "rsplit": _split,
    "format": lambda s, *args, **kwargs: str_format(s, args, kwargs),
    "format_map": lambda s, mapping: str_format(s, (), mapping),
}
