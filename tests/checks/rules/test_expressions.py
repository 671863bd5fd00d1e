"""The expr walker: an allow-list over ``ast``; no eval, no attribute access, no calls but sum/abs/min/max."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from toolkit.checks.rules.expressions import evaluate, infer_unit
from toolkit.checks.rules.intervals import Interval
from toolkit.model.expressions import MAX_CHARS, ExprError, names, parse_expr


def run(text: str, **values: str) -> bool | None:
    env = {k: Interval.exact(D(v)) for k, v in values.items()}
    return evaluate(parse_expr(text), text, env)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a + b <= c", True),
        ("a + b > c", False),
        ("sum([a, b]) == 20 and abs(a - c) == 23", True),
        ("min(a, b) == 8 or max(a, b) == 99", True),
        ("not a < b", True),
        ("a / b * 2 == 3", True),
        ("0.1 + 0.2 == 0.3", True),
        ("1 < a < 11", False),
        ("-a < 0", True),
    ],
)
def test_expressions_evaluate_on_intervals(text: str, expected: bool) -> None:
    assert run(text, a="12", b="8", c="35") is expected


def test_rounded_operands_give_unknown_not_false() -> None:
    text = "a + b == c"
    env = {
        "a": Interval(D("1.235"), D("1.245")),
        "b": Interval(D("1.235"), D("1.245")),
        "c": Interval(D("2.485"), D("2.495")),
    }
    assert evaluate(parse_expr(text), text, env) is None


@pytest.mark.parametrize(
    "text",
    [
        "a.__class__",
        "a.real > 0",
        "__import__('os').system('true')",
        "open('x')",
        "eval('1')",
        "(lambda: 1)() > 0",
        "[x for x in a]",
        "a[0] > 1",
        "a ** 2 > 1",
        "'text' == a",
        "sum(a, start=1) > 0",
        "a if b else c",
        "a = 1",
        "True and a > 1",
    ],
)
def test_anything_outside_the_allow_list_is_refused(text: str) -> None:
    with pytest.raises(ExprError):
        parse_expr(text)


def test_huge_or_deep_inputs_are_refused() -> None:
    with pytest.raises(ExprError, match="过长"):
        parse_expr("a + " * (MAX_CHARS // 4 + 1) + "a > 0")
    with pytest.raises(ExprError):
        parse_expr("-" * 60 + "a > 0")
    with pytest.raises(ExprError, match="复杂"):
        parse_expr("+".join(["1"] * 120) + " > 0")
    with pytest.raises(ExprError, match="数字常量过长"):
        run("a > " + "9" * 40, a="1")


def test_a_number_is_not_a_condition() -> None:
    with pytest.raises(ExprError, match="比较"):
        run("a + b", a="1", b="2")


def test_names_in_order_of_use_without_function_names() -> None:
    assert names(parse_expr("max(b, a) + c <= sum([a, d])")) == ["b", "a", "c", "d"]


def test_units_must_agree_for_addition_and_comparison() -> None:
    units = {"a": "家", "b": "家", "m": "亿元"}
    infer_unit(parse_expr("a + b <= 40"), units)
    infer_unit(parse_expr("m / a > 0"), units)
    with pytest.raises(ExprError, match="单位不一致"):
        infer_unit(parse_expr("a + m > 0"), units)
    with pytest.raises(ExprError, match="单位不一致"):
        infer_unit(parse_expr("a <= m"), units)
