"""Property tests of the rule evaluator: random expressions and numbers are evaluated, refused as a user error, or
left not evaluated; nothing else escapes and nothing hangs (exponents and literal sizes are bounded)."""

from __future__ import annotations

import decimal
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.rules.expressions import evaluate
from toolkit.checks.rules.intervals import Interval
from toolkit.model.expressions import ExprError, parse_expr

NAMES = ["a", "b", "c"]
ATOMS = st.one_of(
    st.sampled_from(NAMES),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=3).map(str),
    st.sampled_from(["0", "1e999999", "1e-999999", "9" * 29, "0.000", "1_000", "1e30", "-1e30"]),
)
OPS = ["+", "-", "*", "/", "+", "-", "*", "/", "**", "%"]  # the last two are refused
CMPS = ["<", "<=", ">", ">=", "==", "!="]


@st.composite
def numeric(draw: st.DrawFn, depth: int = 0) -> str:
    """A numeric expression: mostly the allowed language, sometimes not."""
    if depth > 3 or draw(st.booleans()):
        return draw(ATOMS)
    kind = draw(st.integers(0, 4))
    left, right = draw(numeric(depth + 1)), draw(numeric(depth + 1))
    if kind <= 1:
        return f"({left} {draw(st.sampled_from(OPS))} {right})"
    if kind == 2:
        return f"-{left}"
    if kind == 3:
        return f"{draw(st.sampled_from(['sum', 'min', 'max']))}({left}, {right})"
    return f"{draw(st.sampled_from(['abs', 'len', 'eval']))}({left})"


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    """A condition: comparisons joined by and/or/not."""
    comparison = f"{draw(numeric())} {draw(st.sampled_from(CMPS))} {draw(numeric())}"
    if depth > 2 or draw(st.booleans()):
        return comparison
    joined = draw(st.sampled_from(["and", "or"]))
    return f"({comparison}) {joined} not ({draw(expressions(depth + 1))})"


def interval(value: Decimal) -> Interval:
    return Interval(value - Decimal("0.005"), value + Decimal("0.005"))


@settings(max_examples=300, deadline=None)
@given(
    expressions(),
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**30), max_value=10**30, places=2),
        min_size=3,
        max_size=3,
    ),
)
def test_random_expressions_evaluate_or_are_refused(text: str, values: list[Decimal]) -> None:
    env = {name: interval(v) for name, v in zip(NAMES, values, strict=True)}
    try:
        tree = parse_expr(text)
        result = evaluate(tree, text, env)
    except ExprError:
        return  # a user error, reported as rule-bad-expr / expr-failed
    except (decimal.DecimalException, ArithmeticError):
        return  # caught by evaluate_safely: the rule is reported as not evaluated
    assert result in (True, False, None)
