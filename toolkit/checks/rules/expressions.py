"""The ``expr`` rule: a tiny allow-list walker over Python's ``ast``, evaluated on intervals.

Why not ``eval`` (or simpleeval/asteval): rule text comes from the report YAML, which is untrusted. Only numbers,
metric names, ``+ - * /``, comparisons, ``and``/``or``/``not`` and the functions sum/abs/min/max are accepted;
anything else (attribute access, subscripts, other calls, lambdas, comprehensions) is refused at load.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from toolkit.checks.rules.intervals import Interval, Truth, compare, total

MAX_CHARS = 500
MAX_NODES = 200
MAX_DEPTH = 30
MAX_LITERAL_DIGITS = 30
FUNCTIONS = ("sum", "abs", "min", "max")

_BINOPS: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMPOPS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}
_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.USub,
    ast.UAdd,
    ast.Not,
    ast.BinOp,
    ast.Compare,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Call,
    ast.List,
    ast.Tuple,
    *_BINOPS,
    *_CMPOPS,
)

Value = Interval | Truth


class ExprError(ValueError):
    """An expression outside the allowed language (message in Chinese)."""


def parse_expr(text: str) -> ast.Expression:
    """Parse and vet an expression; raise ExprError for anything outside the allow-list."""
    if len(text) > MAX_CHARS:
        raise ExprError(f"表达式过长（{len(text)} 个字符，上限 {MAX_CHARS}）")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (RecursionError, MemoryError):
        raise ExprError("表达式嵌套过深") from None
    except SyntaxError as exc:
        raise ExprError(f"表达式语法错误：{exc.msg}") from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise ExprError(f"表达式过于复杂（{len(nodes)} 个节点，上限 {MAX_NODES}）")
    if _depth(tree) > MAX_DEPTH:
        raise ExprError(f"表达式嵌套过深（上限 {MAX_DEPTH} 层）")
    for node in nodes:
        _vet(node)
    return tree


def _depth(node: ast.AST) -> int:
    return 1 + max((_depth(c) for c in ast.iter_child_nodes(node)), default=0)


def _vet(node: ast.AST) -> None:
    if not isinstance(node, _ALLOWED):
        allowed = "只允许数字、指标名、+ - * /、比较、and/or 与 sum/abs/min/max"
        raise ExprError(f"表达式中不允许使用 {type(node).__name__}（{allowed}）")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExprError(f"表达式中只允许调用 {'、'.join(FUNCTIONS)}")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args) or not node.args:
            raise ExprError("函数调用只允许位置参数")
    if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int | float)):
        raise ExprError(f"表达式中只允许数字常量，不允许 {node.value!r}")


def names(tree: ast.Expression) -> list[str]:
    """Metric names used by an expression, in order of first use (function names excluded)."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called]
    found.sort(key=lambda n: (n.lineno, n.col_offset))
    return list(dict.fromkeys(n.id for n in found))


def literal(node: ast.Constant, text: str) -> Decimal:
    """A numeric constant from its source text (never via a binary float)."""
    raw = ast.get_source_segment(text.strip(), node) or str(node.value)
    if len(raw) > MAX_LITERAL_DIGITS:
        raise ExprError(f"数字常量过长：{raw[:20]}…")
    try:
        return Decimal(raw.replace("_", ""))
    except InvalidOperation:
        raise ExprError(f"无法识别的数字：{raw}") from None


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
        op = _BINOPS[type(node.op)]
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
            results.append(compare(left, _CMPOPS[type(op)], right))
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
