"""The sandbox's hooks, counting a render's work (octavo.render.budget).

Jinja's sandbox sends every call (`environment.call`), every operator it is told to
intercept (`call_binop`), every subscript (`getitem`), every attribute read
(`is_safe_attribute`), every include, import and extends (`get_template`) and, given a
`finalize`, every `{{ }}` output through the environment: each is counted here, with the
hooks the compiled code calls (budget_code: `tick`, `iterated`, `weighed`,
`concat_parts`). Filters and tests are called directly by compiled code, so each is
registered wrapped (`Wrapping`): a check of what it would make (budget_filters), what it
prints, reads and makes."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import Any

from jinja2 import Environment, Template
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, generate_lorem_ipsum

from octavo.limits import TEMPLATE_DIGITS, TEMPLATE_VALUE
from octavo.render.budget import (
    OUTSIDE,
    SPENT,
    BudgetedTemplate,
    Counted,
    check_digits,
    check_value,
    digits,
    size,
    text,
)
from octavo.render.budget_checks import METHOD_CHECKS, Args, check_binop
from octavo.render.budget_code import BudgetedCode
from octavo.render.budget_filters import FILTER_CHECKS, STRINGIFY, budget_sum

__all__ = ["BudgetedSandbox", "computed", "output"]

_CONTAINERS = (list, tuple, dict, set, frozenset)
# filters whose work does not grow with what they are given (a length is kept, an
# attribute looked up): not charged for reading it
_FREE = frozenset(
    ["abs", "attr", "count", "d", "default", "first", "last", "length", "random", "round"]
)
_TESTS_PRINT = frozenset(("lower", "upper"))  # tests that print what they test
_OUTPUTS = (Macro, BlockReference, LoopContext)  # calls whose result is a template's output
_NUMBERS = (int, float, bool)
_BITS = int(TEMPLATE_DIGITS / 0.30103)  # a number of TEMPLATE_DIGITS digits


def output(value: Any) -> Any:
    """Jinja's `finalize`: every `{{ }}` is spent as printed (a value's text is made here,
    bounded, where it is not a string: budget.text)."""
    if not isinstance(value, str):
        if hasattr(value, "__html__"):
            return value
        value = text(value)
    budget = SPENT.get()
    budget.work -= len(value)
    if budget.work < 0:
        budget.over()
    return value


def _checked(check: Callable[..., Args], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Args:
    """A check's answer; arguments it cannot read are left for the operation to refuse
    with its own error."""
    try:
        return check(*args, **kwargs)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return None


def made(result: Any, given: Any = None, reading: bool = True) -> Any:
    """`result` checked, and spent as the larger of it (unless it is `given`, handed back)
    and `given` (what the operation reads whole: a filter's value, a method's object,
    an operator's larger operand), if `reading`: the work of making it is about that.
    An iterator is counted as it is read (a filter's generator)."""
    if result is given:
        units = 0
    elif isinstance(result, str):  # the most of them
        units = len(result)
    else:
        units = size(result)
        if hasattr(result, "__next__") and not isinstance(result, Cycler):
            result = Counted(result)  # (a cycler's `next()` and `current` are its own)
    if units > TEMPLATE_VALUE:
        check_value(units)
    if reading:
        read = len(given) if isinstance(given, str) else size(given)
        units = read if read > units else units
    budget = SPENT.get()
    budget.work -= units
    if budget.work < 0:
        budget.over()
    return result


def _prints(arguments: Iterable[Any]) -> None:
    for argument in arguments:
        if type(argument) in _CONTAINERS:
            SPENT.get().spend(len(text(argument)))


def _wrapped(
    name: str, func: Callable[..., Any], test: bool, environment: Environment
) -> Callable[..., Any]:
    """`func`, a filter or test, counted: its name says what to check. It is given what
    Jinja gives `func` (the context, evaluation context or environment it asks for first).
    Jinja may try a filter while compiling, on constants: outside a render, the wrapper
    refuses at once (budget.OUTSIDE), and Jinja leaves it to run in the render."""
    if getattr(func, "octavo_budget", False):
        return func
    passing = getattr(func, "jinja_pass_arg", None)
    check = None if test else FILTER_CHECKS.get(name)
    prints = name in (_TESTS_PRINT if test else STRINGIFY)
    reading = name not in _FREE

    def counted(lead: tuple[Any, ...], given: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        budget = SPENT.get()
        if budget is OUTSIDE:  # Jinja folding constants while it compiles: left to run
            budget.over()
        if prints:
            for argument in given:
                if type(argument) in _CONTAINERS:
                    budget.spend(len(text(argument)))
            if kwargs:
                _prints(kwargs.values())
        if check is not None:
            changed = _checked(check, (environment, *given), kwargs)
            if changed is not None:
                given, kwargs = changed
        result = func(*lead, *given, **kwargs)
        value = given[0] if given else None
        if test and len(given) > 1:  # `x is in(seq)`, `x is eq(y)`: both are read
            budget.spend(sum(size(argument) for argument in given[1:]))
        if isinstance(result, str) and result is not value:  # the most of them
            units = len(result)
            if reading and isinstance(value, str) and len(value) > units:
                units = len(value)
            if units > TEMPLATE_VALUE:
                check_value(units)
            budget.work -= units
            if budget.work < 0:
                budget.over()
            return result
        return made(result, value, reading)

    def plain(*args: Any, **kwargs: Any) -> Any:
        return counted((), args, kwargs)

    def passed(first: Any, *args: Any, **kwargs: Any) -> Any:  # its context, or environment
        return counted((first,), args, kwargs)

    run = plain if passing is None else passed

    run.__name__ = run.__qualname__ = getattr(func, "__name__", name)
    run.__doc__ = func.__doc__
    run.octavo_budget = True  # type: ignore[attr-defined]
    if passing is not None:
        run.jinja_pass_arg = passing  # type: ignore[attr-defined]
    return run


class Wrapping(dict[str, Callable[..., Any]]):
    """Filters (or tests) by name, each wrapped as it is put in: octavo adds its own
    after the environment is made (octavo.render.pdf.html.print_environment)."""

    def __init__(self, given: Mapping[str, Any], environment: Environment, test: bool):
        super().__init__()
        self.environment, self.test = environment, test
        self.update(given)

    def __setitem__(self, name: str, func: Callable[..., Any]) -> None:
        super().__setitem__(name, _wrapped(name, func, self.test, self.environment))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, func in dict(*args, **kwargs).items():
            self[name] = func

    def setdefault(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        if name not in self:
            self[name] = func
        return self[name]


def computed(kind: type, name: str) -> bool:
    """Whether `name` of a `kind` is made at each read: a property."""
    return isinstance(inspect.getattr_static(kind, name, None), (property, cached_property))


def read(kind: type, name: str, value: Any) -> None:
    """`value`, read as `name` of a `kind`, spent if it is a property's."""
    if computed(kind, name):
        SPENT.get().spend(size(value))


def _lipsum(n: Any = 5, html: Any = True, min: Any = 20, max: Any = 100) -> None:
    check_value(int(n) * int(max) * 16, "lorem ipsum")  # a word and a space: 16 at most


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, its work counted."""

    template_class = BudgetedTemplate
    code_generator_class = BudgetedCode
    # not `/` nor `//`: they make nothing larger, and cost no more than what they divide
    intercepted_binops = frozenset(("+", "-", "*", "%", "**"))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, finalize=output, **kwargs)
        self.filters = Wrapping({**self.filters, "sum": budget_sum}, self, test=False)
        self.tests = Wrapping(self.tests, self, test=True)  # type: ignore[assignment]

    def tick(self, ops: int, units: int) -> None:
        """A body begins (budget_code): its operations and literal text."""
        SPENT.get().tick(ops, units)

    def iterated(self, items: Iterable[Any], ops: int, units: int) -> Counted:
        return Counted(items, ops, units)

    def weighed(self, value: Any) -> Any:
        budget = SPENT.get()
        budget.work -= size(value)
        if budget.work < 0:
            budget.over()
        return value

    def concat_parts(self, parts: tuple[Any, ...]) -> list[Any]:
        """The parts of `a ~ b`, printed (bounded), their sum checked before the join."""
        shown = [p if isinstance(p, str) or hasattr(p, "__html__") else text(p) for p in parts]
        total = sum(len(p) for p in shown if isinstance(p, str))
        check_value(total)
        SPENT.get().spend(total)
        return shown

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if type(left) in _NUMBERS and type(right) in _NUMBERS and operator in "+-":
            result = self.binop_table[operator](left, right)  # no longer than a digit more
            if type(result) is int and result.bit_length() > _BITS:
                check_digits(digits(result))
            return result
        check_binop(operator, left, right)
        larger = left if size(left) >= size(right) else right
        return made(self.binop_table[operator](left, right), larger)

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        return made(value) if type(argument) is slice else value  # a slice copies

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's check of every attribute a template reads; and a property's value, made
        again at each read (`ms.sections` gathers every section of the book), spent.
        (templates.py keeps the answers, and spends a property's value at each read
        itself.)"""
        read(type(obj), attr, value)
        return bool(super().is_safe_attribute(obj, attr, value))

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> Template:
        """A template included, imported or extended by another (`parent`) is spent as its
        length: an include without context outputs the text its module kept, uncounted."""
        template = super().get_template(name, parent, globals)
        if parent is not None:
            SPENT.get().tick(1, getattr(template, "source_size", 0))
        return template

    def select_template(
        self, names: Any, parent: str | None = None, globals: Any = None
    ) -> Template:
        template = super().select_template(names, parent, globals)
        if parent is not None:
            SPENT.get().tick(1, getattr(template, "source_size", 0))
        return template

    def call(__self, __context: Context, __obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A method of a string, bytes or int that a small argument makes large
        (budget_checks.METHOD_CHECKS) is checked first; the result of anything but a macro,
        a block or a loop (whose output is counted as it is made) is spent and checked."""
        if type(__obj) is Macro:  # the most of them; its body counts itself
            return super().call(__context, __obj, *args, **kwargs)
        bound = getattr(__obj, "__wrapped__", __obj)  # the sandbox's str.format
        receiver = getattr(bound, "__self__", None)
        if isinstance(receiver, (str, bytes)):
            check = METHOD_CHECKS.get(getattr(bound, "__name__", ""))
            changed = None if check is None else _checked(check, (receiver, *args), kwargs)
            if changed is not None:
                args, kwargs = changed
        elif isinstance(receiver, int) and getattr(bound, "__name__", "") == "to_bytes":
            _checked(lambda length=1, *rest, **more: check_value(int(length)), args, kwargs)
        elif __obj is generate_lorem_ipsum:
            _checked(_lipsum, args, kwargs)
        elif type(__obj) is LoopContext and args:  # a recursive loop's inner turns
            turn = __obj._iterable  # the outer turns': budget_code counted them
            if isinstance(turn, Counted):
                args = (Counted(args[0], turn.ops, turn.units), *args[1:])
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(__obj, _OUTPUTS):
            return result
        return made(result, receiver if receiver is not None or not args else args[0])
