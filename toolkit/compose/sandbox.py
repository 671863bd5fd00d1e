"""The one sandbox every template renders in: text fields from the YAML and block templates from ``--templates``.

Why: text comes from departments and other counties, block templates are shared between counties; neither may
reach Python objects, run for long or produce megabytes. So: Jinja's immutable sandbox, no globals (no ``range``,
``lipsum``, ``dict``, ``cycler`` …), a short allow-list of filters, ``**``, ``*``, ``+`` and ``%`` bounded,
no assignments, macros or nested loops, and a bound on the rendered length. Every exception a template raises is
turned into a ``TemplateProblem`` with the template's line, for a finding at the file and line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from types import TracebackType
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from toolkit.compose.problems import MAX_OUTPUT as MAX_OUTPUT
from toolkit.compose.problems import TemplateProblem as TemplateProblem
from toolkit.compose.problems import check_output as check_output

MAX_SEQUENCE = 20_000  # characters or items a string or list operation may produce
MAX_POWER_BITS = 256  # a ** b only when the result fits in this many bits
MAX_INT_BITS = 1024  # a * b of integers only when the result fits

# Filters a template may use; the rest of Jinja's (center, indent, wordwrap, replace, format, batch …) can
# blow up the output or are not needed.
ALLOWED_FILTERS = (
    "join",
    "length",
    "count",
    "first",
    "last",
    "sort",
    "sum",
    "min",
    "max",
    "round",
    "abs",
    "int",
    "default",
    "lower",
    "upper",
    "trim",
    "string",
)
_REFUSED_NODES: dict[type[nodes.Node], str] = {
    nodes.Assign: "赋值 {% set %}",
    nodes.AssignBlock: "赋值 {% set %}",
    nodes.Macro: "宏 {% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.With: "{% with %}",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
}


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _bounded_power(left: Any, right: Any) -> Any:
    if isinstance(left, int | float) and isinstance(right, int | float):
        base = abs(float(left))
        if abs(right) > 4096 or (base > 1 and right > 0 and right * math.log2(base) > MAX_POWER_BITS):
            raise SecurityError("乘方结果过大")
    return left**right


def _bounded_times(left: Any, right: Any) -> Any:
    for seq, n in ((left, right), (right, left)):
        size = _size(seq)
        if size is not None and isinstance(n, int) and size * max(n, 0) > MAX_SEQUENCE:
            raise SecurityError("重复后的文本或列表过长")
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise SecurityError("乘积过大")
    return left * right


def _bounded_plus(left: Any, right: Any) -> Any:
    a, b = _size(left), _size(right)
    if a is not None and b is not None and a + b > MAX_SEQUENCE:
        raise SecurityError("拼接后的文本或列表过长")
    return left + right


def _no_string_format(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        raise SecurityError("文本中不允许用 % 格式化字符串")
    return left % right


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "**": _bounded_power,
    "*": _bounded_times,
    "+": _bounded_plus,
    "%": _no_string_format,
}


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded operators, no globals and an allow-list of filters."""

    intercepted_binops = frozenset(_BINOPS)

    def __init__(self, loader: BaseLoader | None = None, **options: Any) -> None:
        super().__init__(
            loader=loader, undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, **options
        )
        self.globals.clear()
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply an intercepted binary operator within its bound."""
        return _BINOPS[operator](left, right)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then refuse what no template needs (see ``vet``)."""
        tree = super()._parse(source, name, filename)
        vet(tree)
        return tree


def vet(tree: nodes.Template) -> None:
    """Refuse what a text or block template has no use for: assignments, macros, includes, nested loops."""
    for node in tree.find_all(nodes.Node):
        what = _REFUSED_NODES.get(type(node))
        if what is not None:
            raise TemplateProblem("unsafe-template", f"模板中不允许使用{what}", node.lineno)
        if isinstance(node, nodes.For):
            if node.recursive:
                raise TemplateProblem("unsafe-template", "模板中不允许递归循环", node.lineno)
            if any(True for _ in node.find_all(nodes.For)):
                raise TemplateProblem("unsafe-template", "模板中不允许嵌套循环", node.lineno)


def template_line(tb: TracebackType | None, filename: str | None) -> int:
    """The template line of the innermost frame of a rendering traceback (0 when unknown)."""
    line = 0
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name == "<template>" or (filename is not None and name == filename):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def problem_of(exc: Exception, filename: str | None = None) -> TemplateProblem:
    """Any exception raised while parsing or rendering a template, as a TemplateProblem with its line."""
    if isinstance(exc, TemplateProblem):
        return exc
    if isinstance(exc, TemplateSyntaxError):
        return TemplateProblem("template-syntax", f"模板语法错误：{explain_syntax(exc.message or '')}", exc.lineno)
    line = template_line(exc.__traceback__, filename)
    if isinstance(exc, SecurityError):
        return TemplateProblem("unsafe-template", f"模板中不允许的操作：{exc}", line)
    if isinstance(exc, UndefinedError):
        return TemplateProblem("template-error", f"模板渲染错误：{explain_undefined(str(exc.message))}", line)
    if isinstance(exc, ZeroDivisionError):
        return TemplateProblem("template-error", "模板渲染错误：除数为零", line)
    if isinstance(exc, TypeError):
        return TemplateProblem("template-error", f"模板渲染错误：{explain_type_error(str(exc))}", line)
    if isinstance(exc, RecursionError | MemoryError | OverflowError):
        return TemplateProblem("template-limit", f"模板超出计算限制（{type(exc).__name__}）", line)
    detail = str(exc)[:200]
    return TemplateProblem("template-error", f"模板渲染错误（{type(exc).__name__}）：{detail}", line)


_SYNTAX = (  # the first that matches explains (specific wordings before the general ones)
    (", expected ')'", "括号 “(” 没有配对的 “)”"),
    (", expected ']'", "方括号 “[” 没有配对的 “]”"),
    ("unexpected ')'", "多了 “)”，或缺少与之配对的 “(”"),
    ("unexpected ']'", "多了 “]”，或缺少与之配对的 “[”"),
    ("unexpected '}'", "多了 “}”，或 “{{” 没有配对"),
    ("unexpected end of template", "模板意外结束：{% if %} / {% for %} 等没有对应的 {% endif %} / {% endfor %}"),
    ("Jinja was looking for the following tags", "结束标签与开始标签不配对（如 {% for %} 应以 {% endfor %} 结束）"),
    ("unexpected 'end of print statement'", "{{ }} 中的表达式不完整：运算符之后缺少内容"),
    ("expected token 'end of print statement'", "{{ }} 中的表达式不完整或多了内容"),
    ("Expected an expression", "缺少表达式：{{ }} 以及 {% if %}、{% for %} 中应写上名称或算式"),
    ("expected token 'name'", "此处应为名称（如 “|” 之后的过滤器名）"),
    ("expected name or number", "“.” 之后应为名称或数字"),
    ("tag name expected", "{% %} 中缺少标签名（如 if、for）"),
    ("Missing end of comment tag", "注释 “{#” 没有对应的 “#}”"),
    ("Missing end of raw directive", "{% raw %} 没有对应的 {% endraw %}"),
    ("No filter named", "没有这个过滤器"),
    ("No test named", "没有这个判断（is 之后的名称）"),
    ("Encountered unknown tag", "未知的标签"),
    ("unexpected char", "出现了不能识别的字符"),
    ("unexpected '", "多了符号"),
    ("expected token", "此处缺少或多了符号"),
)


def explain_syntax(message: str) -> str:
    """A Chinese explanation of a Jinja syntax error, keeping Jinja's words for reference."""
    for english, chinese in _SYNTAX:
        if english.lower() in message.lower():
            return f"{chinese}（{message.splitlines()[0]}）"
    return message.splitlines()[0] if message else "无法解析"


def explain_undefined(message: str) -> str:
    """An undefined attribute or element without the internal class name."""
    if "has no attribute" in message:
        attribute = message.rsplit("has no attribute", 1)[1].strip(" '\"")
        return f"没有 “.{attribute}” 这一项（指标可用 .number、.unit、.growth）"
    if "has no element" in message:
        return f"{_kind_named(message)}不能按序号取用（只有列表可以）"
    return message


METRIC_IN_AN_EXPRESSION = (
    "指标不能在文本中运算、比较或逐项取用：请直接引用（{{ 名称 }}、{{ 名称.number }}、{{ 名称.growth }}），"
    "数据之间的关系请写成校验规则（rules）"
)

# Python's names of the types a text meets, as a drafter would name them
_KINDS = {
    "MetricView": "指标",
    "int": "数字",
    "float": "数字",
    "Decimal": "数字",
    "str": "文字",
    "list": "列表",
    "tuple": "列表",
    "dict": "表",
    "bool": "是/否值",
    "NoneType": "空值",
}


def _kind_named(message: str) -> str:
    """The kind of the first type a Python error message names (“值” when none is known)."""
    found = re.findall(r"[\w.]+", message)
    for word in found:
        kind = _KINDS.get(word.rsplit(".", 1)[-1])
        if kind is not None:
            return kind
    return "值"


def explain_type_error(message: str) -> str:
    """A Chinese explanation of a TypeError raised while rendering (an operation on the wrong kind of value).

    A metric in an expression is the usual cause: say what a text can do with one instead; Python's words are kept
    for the rest, after the explanation, as for syntax errors.
    """
    if "MetricView" in message:
        return METRIC_IN_AN_EXPRESSION
    operands = re.findall(r"'([\w.]+)'", message)
    kinds = [_KINDS.get(name.rsplit(".", 1)[-1], name) for name in operands]
    detail = message.splitlines()[0][:200]
    if "unsupported operand" in message and len(kinds) >= 2:
        operator = message.split("for ", 1)[1].split(":", 1)[0] if "for " in message else ""
        return f"不能对{kinds[0]}和{kinds[1]}做 “{operator}” 运算（{detail}）"
    if "not supported between instances" in message and len(kinds) >= 2:
        return f"不能比较{kinds[0]}和{kinds[1]}（{detail}）"
    if "can only concatenate" in message or "must be str" in message:
        return f"文字只能与文字相连：文本中直接写出文字和 {{{{ 名称 }}}} 即可（{detail}）"
    if "is not iterable" in message:
        return f"{_kind_named(message)}不能逐项取用（只有列表可以）（{detail}）"
    if "is not callable" in message:
        return f"{_kind_named(message)}不能当作函数调用（{detail}）"
    return f"值的类型不符（{detail}）"
