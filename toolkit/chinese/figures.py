"""The one place that formats figures: numbers as reported, units, qualifiers and growth phrases.

Checks and templates both use these functions, so the text and the checks never disagree about a figure.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from toolkit.model.units import qualifiers

PLACEHOLDER = "XX"


def format_number(value: Decimal) -> str:
    """A Decimal as written in the report: reported precision kept, never in exponent form."""
    return format(value, "f")


def format_figure(number: str, unit: str, qualifier: str | None = None) -> str:
    """Number, unit and qualifier in reading order: 约52亿元, 20亿元以上, 30多辆."""
    if qualifier is None:
        return f"{number}{unit}"
    position = qualifiers()[qualifier].position
    if position == "before":
        return f"{qualifier}{number}{unit}"
    if position == "between":
        return f"{number}{qualifier}{unit}"
    return f"{number}{unit}{qualifier}"


def growth_rate(current: Decimal, prior: Decimal, places: int = 1) -> Decimal | None:
    """Growth in percent from prior to current, rounded half-up to ``places`` decimals; None if prior is 0."""
    if prior == 0:
        return None
    rate = (current - prior) / prior * 100
    return rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def growth_phrase(rate: Decimal, label: str = "同比") -> str:
    """同比增长3.6% / 同比下降2.1% / 与上年持平."""
    if rate == 0:
        return "与上年持平"
    verb = "增长" if rate > 0 else "下降"
    return f"{label}{verb}{format_number(abs(rate))}%"


def percent_of(part: int, whole: int, places: int = 1) -> Decimal:
    """``part`` as a percentage of ``whole``, rounded half-up (100 when ``whole`` is 0: nothing is missing)."""
    if whole == 0:
        return Decimal(100).quantize(Decimal(1).scaleb(-places))
    return (Decimal(part) / whole * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_approx(value: Decimal, places: int = 4) -> str:
    """A computed value (a sum, a ratio, an interval bound) for messages: at most ``places`` decimals, no trailing 0."""
    if not value.is_finite():
        return "∞" if value > 0 else "-∞"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
