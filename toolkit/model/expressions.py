"""Rule expressions (the ``expr`` kind): parsed and vetted against an allow-list of Python's ``ast``.

Why not ``eval`` (or simpleeval/asteval): rule text comes from the report YAML, which is untrusted. Only numbers,
metric names, ``+ - * /``, comparisons, ``and``/``or``/``not`` and the functions sum/abs/min/max are accepted;
anything else (attribute access, subscripts, other calls, lambdas, comprehensions) is refused at load. Parsing is
part of the model (an expression is parsed once, when its rule is loaded, and kept on the rule); evaluation on
intervals lives in ``toolkit.checks.rules.expressions``.
"""

from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation
from functools import lru_cache

MAX_CHARS = 500
MAX_NODES = 200
MAX_DEPTH = 30
MAX_LITERAL_DIGITS = 30
MAX_LITERAL_EXPONENT = 30
FUNCTIONS = ("sum", "abs", "min", "max")

BINARY_OPERATORS: dict[type[ast.operator], str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
COMPARISONS: dict[type[ast.cmpop], str] = {
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
    *BINARY_OPERATORS,
    *COMPARISONS,
)


class ExprError(ValueError):
    """An expression outside the allowed language (message in Chinese)."""


@lru_cache(maxsize=4096)
def parse_expr(text: str) -> ast.Expression:
    """Parse and vet an expression; raise ExprError for anything outside the allow-list.

    Cached: a rule's expression is parsed once per process, however many checks read it. Callers must not
    mutate the returned tree.
    """
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
        value = Decimal(raw.replace("_", ""))
    except InvalidOperation:
        raise ExprError(f"无法识别的数字：{raw}") from None
    if not value.is_finite() or abs(value.adjusted()) > MAX_LITERAL_EXPONENT:
        raise ExprError(f"数字常量 {raw} 超出范围（科学计数法的指数上限为 {MAX_LITERAL_EXPONENT}）")
    return value
