"""The code a template compiles to, counting its operations (octavo.render.budget).

A render's steps are its operations, counted from the template's code rather than one
by one: each body Jinja writes as a function (the template's top level, a block, a macro,
a call block's `caller`) begins with `environment.tick(ops, units)`, its nodes and its
literal text; each turn of a loop counts its body's (`environment.iterated(items, ops,
units)`). A body's count takes in its `if` branches (an upper bound) but not what is
counted apart: a nested loop's body, a macro's or a block's. So a turn of a loop whose
body holds a thousand operations costs a thousand, and a template's own size bounds
what one step can hide.

Jinja lets an environment choose its code generator (`Environment.code_generator_class`)
but allows no new kinds of node: this one writes Jinja's Python but for loops, bodies,
`~` (`environment.concat_parts`: each part printed, bounded, and the whole checked before
it is joined) and comparisons (each operand not a constant `environment.weighed`: a long
list searched at every turn of a loop)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, operators, optimizeconst

from octavo.render.budget import ITEM

__all__ = ["BudgetedCode", "weigh"]

_APART = (nodes.Macro, nodes.CallBlock, nodes.Block)  # bodies counted when they run


def weigh(body: Iterable[nodes.Node]) -> tuple[int, int]:
    """(operations, characters of literal text) of running `body` once, at most."""
    ops = chars = 0
    pending = list(body)
    while pending:
        node = pending.pop()
        ops += 1
        if isinstance(node, nodes.TemplateData):
            chars += len(node.data)
        elif isinstance(node, _APART):
            apart = {id(n) for n in node.body}
            pending += [c for c in node.iter_child_nodes() if id(c) not in apart]
        elif isinstance(node, nodes.For):  # its turns count its body and test
            pending += [node.iter, *node.else_]
        else:
            pending += node.iter_child_nodes()
    return ops, chars


class BudgetedCode(CodeGenerator):
    """Jinja's code generator, counting. Bodies and loops are known by the identity of
    their list of nodes, or of their iterable, while the template is written."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.ticks: dict[int, tuple[int, int]] = {}  # id of a body: its weight
        self.counted: dict[int, tuple[int, int]] = {}  # id of a loop's iterable: a turn's

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        self.ticks[id(node.body)] = weigh(node.body)
        for apart in node.find_all(_APART):
            body = cast(list[nodes.Node], apart.body)  # type: ignore[attr-defined]
            self.ticks[id(body)] = weigh(body)
        for loop in node.find_all(nodes.For):
            ops, chars = weigh(loop.body)  # and the turn itself, its body empty or not
            if loop.test is not None:
                ops += weigh([loop.test])[0]
            self.counted[id(loop.iter)] = (1 + ops, ITEM + chars)
        super().visit_Template(node, frame)

    def blockvisit(self, body: Iterable[nodes.Node], frame: Frame) -> None:
        weight = self.ticks.get(id(body))
        if weight is not None:  # a body of its own: its count as it begins
            self.writeline(f"environment.tick{weight}")
        super().blockvisit(body, frame)

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        weight = self.counted.get(id(node))
        if weight is None:
            return super().visit(node, *args, **kwargs)
        self.write("environment.iterated(")
        super().visit(node, *args, **kwargs)
        self.write(f", {weight[0]}, {weight[1]})")
        return None

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.concat_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")

    @optimizeconst
    def visit_Compare(self, node: nodes.Compare, frame: Frame) -> None:
        self.write("(")
        self._weighed(node.expr, frame)
        for op in node.ops:
            self.write(f" {operators[op.op]} ")
            self._weighed(op.expr, frame)
        self.write(")")

    def _weighed(self, node: nodes.Expr, frame: Frame) -> None:
        if isinstance(node, nodes.Const):
            self.visit(node, frame)
            return
        self.write("environment.weighed(")
        self.visit(node, frame)
        self.write(")")
