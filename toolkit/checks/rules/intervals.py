"""Interval arithmetic in Decimal on reported precision: a figure stands for every value that rounds to it.

Why: published figures are rounded (55.33 may be anything in [55.325, 55.335]) and qualified (约, 超过, 不足), so
a consistency rule can only say a relation is *certainly* false when no values behind the figures satisfy it.
Bounds are rounded outward (floor for lower, ceiling for upper), so a rule never fails on a rounding artefact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

from toolkit.chinese.figures import format_approx

INF = Decimal("Infinity")
APPROX_MARGIN = Decimal("0.05")
"""约/近 widen a figure by 5% of its value on each side (after the rounding half-unit)."""

PRECISION = 40

Truth = bool | None
"""Three-valued: True certainly, False certainly, None possibly either way."""


# Arithmetic rounded outward at PRECISION digits: one context per direction, used through its methods (entering a
# local context for each operation costs more than the operation). Traps as the default context's.
_FLOOR = Context(prec=PRECISION, rounding=ROUND_FLOOR)
_CEILING = Context(prec=PRECISION, rounding=ROUND_CEILING)
_DIRECTION = {ROUND_FLOOR: _FLOOR, ROUND_CEILING: _CEILING}


def _mul(a: Decimal, b: Decimal, rounding: str) -> Decimal:
    if a == 0 or b == 0:
        return Decimal(0)
    return _DIRECTION[rounding].multiply(a, b)


@dataclass(frozen=True)
class Interval:
    """A closed, half-open or open interval of Decimals; infinite bounds are always open."""

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        """A value known exactly (a count, a constant)."""
        return cls(Decimal(value), Decimal(value))

    @property
    def is_exact(self) -> bool:
        """True when the interval is one point."""
        return self.lo == self.hi and not (self.lo_open or self.hi_open)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            _FLOOR.add(self.lo, other.lo),
            _CEILING.add(self.hi, other.hi),
            self.lo_open or other.lo_open,
            self.hi_open or other.hi_open,
        )

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        ends = [(self.lo, self.lo_open), (self.hi, self.hi_open)]
        others = [(other.lo, other.lo_open), (other.hi, other.hi_open)]
        lows = [(_mul(a, b, ROUND_FLOOR), ao or bo) for a, ao in ends for b, bo in others]
        highs = [(_mul(a, b, ROUND_CEILING), ao or bo) for a, ao in ends for b, bo in others]
        lo = min(v for v, _ in lows)
        hi = max(v for v, _ in highs)
        lo_open = all(o for v, o in lows if v == lo) or lo.is_infinite()
        hi_open = all(o for v, o in highs if v == hi) or hi.is_infinite()
        return Interval(lo, hi, lo_open, hi_open)

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            return Interval(-INF, INF, True, True)
        return self * other.reciprocal()

    def reciprocal(self) -> Interval:
        """1 / x for an interval that does not contain 0."""
        lo = Decimal(0) if self.hi.is_infinite() else _FLOOR.divide(1, self.hi)
        hi = Decimal(0) if self.lo.is_infinite() else _CEILING.divide(1, self.lo)
        return Interval(lo, hi, self.hi_open, self.lo_open)

    def scale(self, factor: Decimal) -> Interval:
        """Multiply by an exact constant (a unit's scale)."""
        return self * Interval.exact(factor)

    def __str__(self) -> str:
        if self.is_exact or _end(self.lo) == _end(self.hi):
            return _end(self.lo)
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{_end(self.lo)}, {_end(self.hi)}{right}"


def describe_range(interval: Interval, places: int = 1) -> str:
    """An interval for people: ``949.3～1065.6``, bounds rounded to ``places`` decimals."""
    lo, hi = (format_approx(v, places) if v.is_finite() else _end(v) for v in (interval.lo, interval.hi))
    return lo if lo == hi else f"{lo}～{hi}"


def _end(value: Decimal) -> str:
    if value.is_infinite():
        return "+∞" if value > 0 else "-∞"
    return format_approx(value)


def total(intervals: Iterable[Interval]) -> Interval:
    """The sum of intervals (0 for none)."""
    out = Interval.exact(0)
    for item in intervals:
        out = out + item
    return out


def half_unit(value: Decimal) -> Decimal:
    """Half of the last reported digit: 55.33 → 0.005, 130 → 0.5, 55.30 → 0.005."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent) / 2


def from_figure(
    value: Decimal, *, exact: bool = False, bound: str | None = None, half: Decimal | None = None
) -> Interval:
    """The values a reported figure may stand for.

    Args:
        value: the figure as reported (its exponent is its precision).
        exact: the figure is an exact count (no rounding).
        bound: the qualifier's bound: ``approx`` (约/近), ``lower`` (超过/以上/多/余), ``upper`` (不足), ``exact``
            (达) or None.
        half: read the figure at this half-unit instead of its own (the edge-of-precision check).
    """
    if exact:
        half = Decimal(0)
    elif half is None:
        half = half_unit(value)
    lo, hi = value - half, value + half
    if bound == "approx":
        margin = abs(value) * APPROX_MARGIN
        return Interval(lo - margin, hi + margin)
    if bound == "lower":
        return Interval(lo, INF, False, True)
    if bound == "upper":
        return Interval(-INF, hi, True, True)
    return Interval(lo, hi)


def eq(a: Interval, b: Interval) -> Truth:
    """a == b: certainly false when the intervals are disjoint."""
    if lt(a, b) is True or lt(b, a) is True:
        return False
    if a.is_exact and b.is_exact:
        return a.lo == b.lo
    return None


def le(a: Interval, b: Interval) -> Truth:
    """a <= b."""
    if a.hi <= b.lo:
        return True
    if a.lo > b.hi or (a.lo == b.hi and (a.lo_open or b.hi_open)):
        return False
    return None


def lt(a: Interval, b: Interval) -> Truth:
    """a < b."""
    if a.hi < b.lo or (a.hi == b.lo and (a.hi_open or b.lo_open)):
        return True
    if a.lo >= b.hi:
        return False
    return None


def compare(a: Interval, op: str, b: Interval) -> Truth:
    """Compare two intervals with ``==``, ``!=``, ``<=``, ``<``, ``>=`` or ``>``."""
    if op == "==":
        return eq(a, b)
    if op == "!=":
        result = eq(a, b)
        return None if result is None else not result
    if op == "<=":
        return le(a, b)
    if op == "<":
        return lt(a, b)
    if op == ">=":
        return le(b, a)
    if op == ">":
        return lt(b, a)
    raise ValueError(f"unknown comparison {op}")


def contains(outer: Interval, value: Decimal) -> bool:
    """True when ``value`` lies in the interval."""
    above = value > outer.lo or (value == outer.lo and not outer.lo_open)
    below = value < outer.hi or (value == outer.hi and not outer.hi_open)
    return above and below
