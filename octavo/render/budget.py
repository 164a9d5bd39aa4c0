"""The work a template may do in one render, counted (docs/security.md, "Template limits").

A book's templates are untrusted: Jinja's sandbox stops them reaching code, not working
forever (`{% for i in range(10**5) %}{% for j in range(10**5) %}…`: 10^10 turns) or filling
the memory (`"x" * 10**8`, a string doubled in a namespace 60 times). So every render
(`BudgetedTemplate.render`: a document, with what it includes, imports and calls) has a
budget, counted, not timed, so that a book builds or fails alike on every machine:

- operations (`TEMPLATE_STEPS`): the nodes of the template run, counted from its code
  (budget_code: a body's count at its start, a loop's at each turn), and each item a
  filter's generator yields;
- work (`TEMPLATE_WORK`): units of about a byte, output, read or made: a character, 8 an
  item of a list, tuple, dict or set (a reference), a digit of a number; each `{{ }}`, a
  loop body's literal text at each turn, what an operator, `~`, filter, method, slice,
  comparison or property makes or reads (budget_env);
- one value (`TEMPLATE_VALUE`) made by an operator, `~`, a filter or a method, checked
  before it is made where a small argument makes it large (budget_checks,
  budget_filters), else as it is made;
- a number of at most `TEMPLATE_DIGITS` digits (Python's own limit for printing one).

The renders of one output share OUTPUT_SHARE renders' budgets (`one_output`). Past any
limit the render stops with Jinja's SecurityError at the template's line, which
templates.py reports as E702."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NoReturn

from jinja2 import Template
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from octavo.limits import TEMPLATE_DIGITS, TEMPLATE_STEPS, TEMPLATE_VALUE, TEMPLATE_WORK

__all__ = [
    "ITEM",
    "OBJECT",
    "OUTPUT",
    "OUTPUT_SHARE",
    "OUTSIDE",
    "SPENT",
    "Budget",
    "BudgetedTemplate",
    "Counted",
    "check_digits",
    "check_value",
    "digits",
    "one_output",
    "refuse",
    "size",
    "spent",
    "text",
]

ITEM = 8  # the units of one item of a list, tuple, dict or set: a reference's bytes
OBJECT = 64  # an item a filter's generator makes: a small list or tuple, and its reference
_CONTAINERS = (list, tuple, dict, set, frozenset)


class Budget:
    """What is left of one render's steps and work; `cut`: whether each was cut to what is
    left of its output's (one_output). The hooks spend it inline where they run for every
    output or filter (`work -= units`, then `over()` if below zero)."""

    __slots__ = ("cut", "steps", "work")

    def __init__(self, steps: int, work: int, cut: tuple[bool, bool] = (False, False)):
        self.steps, self.work, self.cut = steps, work, cut

    def tick(self, ops: int, units: int) -> None:
        """`ops` operations (a body's nodes, run once) and `units` of work."""
        self.steps -= ops
        self.work -= units
        if self.steps < 0 or self.work < 0:
            self.over()

    def spend(self, units: int) -> None:
        self.work -= units
        if self.work < 0:
            self.over()

    def over(self) -> NoReturn:
        if self is OUTSIDE:
            raise RuntimeError("a template ran outside BudgetedTemplate.render")
        if self.steps < 0:
            limit, whole = TEMPLATE_STEPS, self.cut[0]
            what = "operations"
        else:
            limit, whole = TEMPLATE_WORK, self.cut[1]
            what = "units of text and items made"
        if whole:
            refuse(f"more than {limit * OUTPUT_SHARE:,} {what} in the renders of one output")
        refuse(f"more than {limit:,} {what} in one render")


# No render under way: nothing is left, so the first thing counted is octavo's own mistake.
OUTSIDE = Budget(0, 0)
SPENT: ContextVar[Budget] = ContextVar("octavo_template_budget", default=OUTSIDE)
# The output being made (`one_output`), whose renders share OUTPUT_SHARE renders' budgets
OUTPUT: ContextVar[Budget | None] = ContextVar("octavo_output_budget", default=None)
OUTPUT_SHARE = 4


def spent() -> Budget:
    """The budget of the render under way (`OUTSIDE` if none)."""
    return SPENT.get()


def refuse(why: str) -> NoReturn:
    """Stop the render: Jinja's own error for what the sandbox refuses (E702 at the line)."""
    raise SecurityError(f"{why} (the limits of docs/security.md)")


@contextmanager
def one_output() -> Iterator[None]:
    """The renders of one output share OUTPUT_SHARE renders' budgets: an EPUB renders a
    document a chapter, a PDF its parts and the book again for the index's pages, handouts
    one a section, and a book of a thousand one-line chapters would otherwise spend a
    thousand budgets. Each render spends at most its own, and what is left of this."""
    if OUTPUT.get() is not None:
        yield
        return
    token = OUTPUT.set(Budget(TEMPLATE_STEPS * OUTPUT_SHARE, TEMPLATE_WORK * OUTPUT_SHARE))
    try:
        yield
    finally:
        OUTPUT.reset(token)


class BudgetedTemplate(Template):
    """A template whose render has a budget. A render inside another (none in octavo)
    spends the outer one's. Only `render`: a generator (`generate`, `stream`) would run
    after the budget is gone. `source_size`: the template's length (its loader's)."""

    source_size = 0

    def render(self, *args: Any, **kwargs: Any) -> str:
        if SPENT.get() is not OUTSIDE:
            return super().render(*args, **kwargs)
        output = OUTPUT.get()
        steps, work = TEMPLATE_STEPS, TEMPLATE_WORK
        cut = (False, False)
        if output is not None:
            cut = (output.steps < steps, output.work < work)
            steps, work = min(steps, output.steps), min(work, output.work)
        budget = Budget(steps, work, cut)
        token = SPENT.set(budget)
        try:
            return super().render(*args, **kwargs)
        finally:
            SPENT.reset(token)
            if output is not None:
                output.steps -= steps - budget.steps
                output.work -= work - budget.work

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        raise TypeError("octavo renders a template whole (render), within its budget")


def size(value: Any) -> int:
    """Units of a value as it is held (not printed): a string's characters, 8 an item of a
    list, tuple, dict or set, a number's digits; 0 for anything else (octavo's data, whose
    size is the book's, not the template's making). Constant time: it is asked of most
    of what a render makes."""
    kind = type(value)
    if kind is str or kind is Markup or kind is bytes:
        return len(value)
    if kind is int:
        return digits(value)
    if isinstance(value, _CONTAINERS):
        return ITEM * len(value)
    if isinstance(value, (str, bytes)):
        return len(value)
    return 0


def digits(number: int) -> int:
    """Decimal digits of an integer, at most one too many (its bits × 1233/4096: log10(2)
    is 0.30103): no conversion, it is the conversion Python limits."""
    return ((abs(number).bit_length() * 1233) >> 12) + 1


def check_value(units: int, what: str = "a value") -> None:
    if units > TEMPLATE_VALUE:
        refuse(f"{what} of {units:,} units, past {TEMPLATE_VALUE:,}")


def check_digits(count: float) -> None:
    if count > TEMPLATE_DIGITS:
        refuse(f"a number of {count:,.0f} digits, past {TEMPLATE_DIGITS:,}")


def text(value: Any) -> str:
    """`str(value)`, refused past TEMPLATE_VALUE before it is all made: a list holding one
    section a million times (`[s] * 10**6`, 8 MB) prints as a million sections. A list,
    tuple, dict or set is written as Python writes it, item by item; anything else is
    `str`, at the size octavo's data gives it."""
    if isinstance(value, str):
        return value
    if type(value) in _CONTAINERS:
        room = [TEMPLATE_VALUE]
        return _repr(value, room)
    made = str(value)
    check_value(len(made), "a value printed")
    return made


def _repr(value: Any, room: list[int]) -> str:
    """repr(value) for list, tuple, dict, set and frozenset (exactly those types: a
    subclass has its own), nested ones alike; `room` is what is left of the limit."""
    kind = type(value)
    if kind not in _CONTAINERS:
        made = repr(value)
    elif kind is dict:
        made = "{" + ", ".join(f"{_repr(k, room)}: {_repr(v, room)}" for k, v in value.items())
        made += "}"
    else:
        inner = ", ".join(_repr(item, room) for item in value)
        if kind is list:
            made = f"[{inner}]"
        elif kind is tuple:
            made = f"({inner},)" if len(value) == 1 else f"({inner})"
        elif not value:
            made = f"{kind.__name__}()"
        else:
            made = f"{{{inner}}}" if kind is set else f"frozenset({{{inner}}})"
    room[0] -= len(made)
    if room[0] < 0:
        refuse(f"a value printed of more than {TEMPLATE_VALUE:,} characters")
    return made


class Counted:
    """An iterable whose every item is `ops` operations and `units` of work: a loop's turn
    (its body's nodes; a reference and its body's literal text), an item a filter's
    generator yields (one, and a small object: `batch` and `slice` make lists). Sized as
    what it counts is, for `loop.length`."""

    __slots__ = ("items", "ops", "units")

    def __init__(self, items: Iterable[Any], ops: int = 1, units: int = OBJECT):
        self.items, self.ops, self.units = items, ops, units

    def __len__(self) -> int:
        return len(self.items)  # type: ignore[arg-type]  # TypeError: LoopContext counts

    def __iter__(self) -> Iterator[Any]:
        budget, ops, units = SPENT.get(), self.ops, self.units
        for item in self.items:
            budget.steps -= ops
            budget.work -= units
            if budget.steps < 0 or budget.work < 0:
                budget.over()
            yield item
