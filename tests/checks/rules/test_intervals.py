"""Interval arithmetic on reported precision: rounding, qualifiers, outward rounding and certain comparisons."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from toolkit.checks.rules.intervals import (
    APPROX_MARGIN,
    INF,
    Interval,
    compare,
    contains,
    eq,
    from_figure,
    le,
    lt,
    total,
)


def test_a_figure_stands_for_every_value_that_rounds_to_it() -> None:
    assert from_figure(D("55.33")) == Interval(D("55.325"), D("55.335"))
    assert from_figure(D("55.30")) == Interval(D("55.295"), D("55.305"))
    assert from_figure(D("71")) == Interval(D("70.5"), D("71.5"))
    assert from_figure(D("130"), exact=True) == Interval.exact(130)


def test_qualifiers_widen_or_open_the_interval() -> None:
    approx = from_figure(D("52"), bound="approx")
    assert approx.lo == D("51.5") - 52 * APPROX_MARGIN and approx.hi == D("52.5") + 52 * APPROX_MARGIN
    lower = from_figure(D("20"), bound="lower")
    assert (lower.lo, lower.hi, lower.hi_open) == (D("19.5"), INF, True)
    upper = from_figure(D("10"), exact=True, bound="upper")
    assert (upper.hi, upper.hi_open, upper.lo) == (D("10"), True, -INF)


def test_seed_examples_from_the_validation_notes() -> None:
    parts = total(Interval.exact(n) for n in (8, 4, 117, 1))
    assert eq(parts, Interval.exact(130)) is True
    implied = from_figure(D("715")) / (from_figure(D("71")) / Interval.exact(100))
    assert D("999") < implied.lo < D("1000") and D("1014") < implied.hi < D("1015")
    prior = from_figure(D("55.33")) / (Interval.exact(1) + from_figure(D("3.6")) / Interval.exact(100))
    assert D("53.37") < prior.lo < D("53.39") and D("53.43") < prior.hi < D("53.44")
    assert le(Interval.exact(12) + Interval.exact(8), Interval.exact(35)) is True


def test_comparisons_are_certain_only_when_no_values_could_satisfy_them() -> None:
    a, b = Interval(D(1), D(2)), Interval(D(2), D(3))
    assert le(a, b) is True
    assert lt(a, b) is None
    assert eq(a, b) is None
    assert eq(a, Interval(D("2.1"), D(3))) is False
    assert compare(b, "<=", a) is None
    assert compare(Interval(D(3), D(4)), "<=", a) is False
    assert compare(a, "!=", Interval.exact(5)) is True


def test_open_bounds_decide_touching_intervals() -> None:
    above_twenty = Interval(D(20), INF, True, True)
    assert le(above_twenty, Interval.exact(20)) is False
    assert le(Interval(D(20), INF, False, True), Interval.exact(20)) is None


def test_division_by_an_interval_containing_zero_is_unbounded() -> None:
    result = Interval.exact(1) / Interval(D(-1), D(1))
    assert (result.lo, result.hi) == (-INF, INF)


def test_outward_rounding_keeps_the_true_value_inside() -> None:
    third = Interval.exact(1) / Interval.exact(3)
    assert third.lo * 3 <= 1 <= third.hi * 3
    assert contains(third * Interval.exact(3), D(1))


@pytest.mark.parametrize(("text", "expected"), [("[55.325, 55.335]", (D("55.325"), D("55.335")))])
def test_intervals_print_readably(text: str, expected: tuple[D, D]) -> None:
    assert str(Interval(*expected)) == text
    assert str(Interval(D(1), INF, False, True)) == "[1, +∞)"
