"""The ``expr`` rule evaluated on intervals: a walker over the vetted ``ast`` of ``toolkit.model.expressions``."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal

from toolkit.checks.rules.intervals import Interval, Truth, compare, total
from toolkit.model.expressions import BINARY_OPERATORS, COMPARISONS, ExprError, literal

Value = Interval | Truth


def evaluate(tree: ast.Expression, text: str, env: Mapping[str, Interval]) -> Truth:
    """Evaluate a vetted expression on intervals; the result must be a truth value."""
    result = Evaluator(text, env).visit(tree.body)
    if isinstance(result, Interval):
        raise ExprError("表达式的结果必须是比较（如 a + b <= c），而不是数值")
    return result


class Evaluator:
    """Walks a vetted tree; numbers are intervals, conditions are three-valued."""

    def __init__(self, text: str, env: Mapping[str, Interval]) -> None:
        self.text = text
        self.env = env

    def visit(self, node: ast.AST) -> Value:
        """Evaluate one node."""
        method: Callable[[ast.AST], Value] | None = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise ExprError(f"表达式中不允许使用 {type(node).__name__}")
        return method(node)

    def number(self, node: ast.AST) -> Interval:
        """Evaluate a node that must be a number."""
        value = self.visit(node)
        if not isinstance(value, Interval):
            raise ExprError("此处需要数值，而不是条件")
        return value

    def visit_Constant(self, node: ast.Constant) -> Value:
        return Interval.exact(literal(node, self.text))

    def visit_Name(self, node: ast.Name) -> Value:
        if node.id not in self.env:
            raise ExprError(f"表达式引用了未知指标 “{node.id}”")
        return self.env[node.id]

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Value:
        if isinstance(node.op, ast.Not):
            inner = self.truth(node.operand)
            return None if inner is None else not inner
        value = self.number(node.operand)
        return -value if isinstance(node.op, ast.USub) else value

    def visit_BinOp(self, node: ast.BinOp) -> Value:
        left, right = self.number(node.left), self.number(node.right)
        op = BINARY_OPERATORS[type(node.op)]
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        return left / right

    def truth(self, node: ast.AST) -> Truth:
        """Evaluate a node that must be a condition."""
        value = self.visit(node)
        if isinstance(value, Interval):
            raise ExprError("此处需要条件（比较），而不是数值")
        return value

    def visit_BoolOp(self, node: ast.BoolOp) -> Value:
        values = [self.truth(v) for v in node.values]
        if isinstance(node.op, ast.And):
            return False if False in values else (True if all(v is True for v in values) else None)
        return True if True in values else (False if all(v is False for v in values) else None)

    def visit_Compare(self, node: ast.Compare) -> Value:
        left = self.number(node.left)
        results: list[Truth] = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.number(comparator)
            results.append(compare(left, COMPARISONS[type(op)], right))
            left = right
        return False if False in results else (True if all(r is True for r in results) else None)

    def visit_Call(self, node: ast.Call) -> Value:
        assert isinstance(node.func, ast.Name)
        args = self.arguments(node.args)
        name = node.func.id
        if name == "sum":
            return total(args)
        if name == "abs":
            if len(args) != 1:
                raise ExprError("abs 只接受一个参数")
            return _abs(args[0])
        return _extreme(args, name == "min")

    def arguments(self, nodes: list[ast.expr]) -> list[Interval]:
        """Call arguments, with a single list or tuple argument spread out."""
        if len(nodes) == 1 and isinstance(nodes[0], ast.List | ast.Tuple):
            nodes = list(nodes[0].elts)
        return [self.number(n) for n in nodes]

    def visit_List(self, node: ast.List) -> Value:
        raise ExprError("列表只能作为 sum/min/max 的参数")

    def visit_Tuple(self, node: ast.Tuple) -> Value:
        raise ExprError("元组只能作为 sum/min/max 的参数")


def _abs(value: Interval) -> Interval:
    if value.lo >= 0:
        return value
    if value.hi <= 0:
        return -value
    return Interval(Decimal(0), max(-value.lo, value.hi), False, value.hi_open and value.lo_open)


def _extreme(values: list[Interval], smallest: bool) -> Interval:
    if not values:
        raise ExprError("min/max 至少需要一个参数")
    if smallest:
        lo = min(values, key=lambda v: v.lo)
        hi = min(values, key=lambda v: v.hi)
    else:
        lo = max(values, key=lambda v: v.lo)
        hi = max(values, key=lambda v: v.hi)
    return Interval(lo.lo, hi.hi, lo.lo_open, hi.hi_open)


def infer_unit(tree: ast.Expression, units: Mapping[str, str]) -> None:
    """Refuse ``+``, ``-`` and comparisons between metrics of different units (constants fit any unit)."""
    _unit_of(tree.body, units)


def _unit_of(node: ast.AST, units: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return units.get(node.id)
    if isinstance(node, ast.UnaryOp):
        return _unit_of(node.operand, units)
    if isinstance(node, ast.BinOp):
        left, right = _unit_of(node.left, units), _unit_of(node.right, units)
        if isinstance(node.op, ast.Add | ast.Sub):
            return _same(left, right)
        return None
    if isinstance(node, ast.Compare):
        current = _unit_of(node.left, units)
        for comparator in node.comparators:
            current = _same(current, _unit_of(comparator, units)) or _unit_of(comparator, units)
        return None
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _unit_of(value, units)
        return None
    if isinstance(node, ast.Call):
        args = node.args
        if len(args) == 1 and isinstance(args[0], ast.List | ast.Tuple):
            args = args[0].elts
        found = [_unit_of(a, units) for a in args]
        result: str | None = None
        for unit in found:
            result = _same(result, unit)
        return result
    return None


def _same(left: str | None, right: str | None) -> str | None:
    if left is not None and right is not None and left != right:
        raise ExprError(f"单位不一致：“{left}” 与 “{right}” 不能相加减或比较")
    return left or right
