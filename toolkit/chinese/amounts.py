"""Numbers as departments write them in a spreadsheet cell: ``55.33亿``, ``1,234``, ``５５.３３``, ``3.6%``.

A figure is read only when its meaning is unambiguous; anything else raises ``AmountError`` with a Chinese reason
for the finding. The result keeps the precision as written (``55.30`` stays ``55.30``) and is converted to the
metric's unit when the cell names another unit of the same kind (``5533万`` for 亿元 is ``0.5533``) — exactly,
because the vocabulary's scales differ by powers of ten.

Why so strict: a misread figure goes into a published report. ``12,3`` may be 12.3 (a decimal comma) or a typo
for 123; ``约55`` carries a qualifier the cell cannot hold; ``五十五`` could be read, but a department that types
it has probably pasted text from a document, and the drafter should look.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from toolkit.model.scalars import GROUPED
from toolkit.model.units import find_unit, qualifiers

MAX_CHARS = 64  # a cell holding more than this is not a number
MAX_EXPONENT = 15  # |value| < 10^16 in the metric's unit
MIN_EXPONENT = -10  # at most ten decimal places
MAGNITUDES = {"万": 4, "亿": 8}
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无", "暂无", "n/a", "na", "不适用", "空"})
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"^(?P<sign>[-+]?)(?P<digits>[0-9][0-9,]*(?:\.[0-9,]*)?|\.[0-9]+)(?P<rest>.*)$")
_CJK_NUMERALS = re.compile(r"^[零〇一二两三四五六七八九十百千万亿点]+")


class AmountError(ValueError):
    """A cell that cannot be read as a figure; ``reason`` is the Chinese explanation for the finding."""

    def __init__(self, reason: str, *, placeholder: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.placeholder = placeholder


def parse_amount(text: str, unit: str) -> Decimal | None:
    """The figure a cell's text states, in ``unit``; None for an empty cell; AmountError when ambiguous."""
    if len(text) > MAX_CHARS:
        raise AmountError(f"内容过长（{len(text)} 个字符），不是一个数字")
    plain = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).replace("\u2212", "-")).strip()
    if not plain:
        return None
    if plain.lower() in PLACEHOLDERS:
        raise AmountError(f"“{text.strip()}”不是数字，按未填处理", placeholder=True)
    for word, qualifier in qualifiers().items():
        if (qualifier.position == "before" and plain.startswith(word)) or (
            qualifier.position != "before" and word in plain
        ):
            raise AmountError(f"含限定词“{word}”：本列只填数字，“约、以上、多”等由起草人在报告中标注")
    match = _NUMBER.match(plain)
    if match is None:
        if _CJK_NUMERALS.match(plain):
            raise AmountError("用汉字写的数字，请改用阿拉伯数字")
        raise AmountError("不是数字")
    number = plain_digits(match.group("digits"))
    value = Decimal(match.group("sign") + number)
    return in_range(convert(value, match.group("rest").strip(), unit))


def plain_digits(digits: str) -> str:
    """The digits without thousands separators; a comma that is not one makes the number ambiguous."""
    whole, _, fraction = digits.partition(".")
    if "," in fraction or ("," in whole and not GROUPED.match(whole)):
        raise AmountError(f"“{digits}”中的逗号不是千分位分隔符（应为 1,234 这样每三位一个），无法确定其含义")
    if digits.endswith("."):
        raise AmountError(f"“{digits}”以小数点结尾，无法确定其含义")
    return whole.replace(",", "") + ("." + fraction if fraction else "")


def convert(value: Decimal, suffix: str, unit: str) -> Decimal:
    """``value`` written with ``suffix`` (a unit, a magnitude or ``%``), in ``unit``."""
    if suffix in ("", unit):
        return value
    target = find_unit(unit)
    if target is None:
        raise AmountError(f"单位“{unit}”不在词表中")
    if suffix == "%":
        if unit != "%":
            raise AmountError(f"本指标单位为“{unit}”，不能填百分数")
        return value
    if target.kind in ("percent", "percentage_points"):
        raise AmountError(f"本指标单位为“{unit}”，请只填数字，不带“{suffix}”")
    shift = suffix_shift(suffix, unit)
    if shift is None:
        raise AmountError(f"无法识别的单位“{suffix}”（本指标单位为“{unit}”）")
    return value.scaleb(shift)


def suffix_shift(suffix: str, unit: str) -> int | None:
    """The power of ten from a number written with ``suffix`` to ``unit``; None when they do not convert."""
    target = find_unit(unit)
    if target is None:
        return None
    if suffix in MAGNITUDES:  # a bare 万/亿 means the unit's own base: 亿 for 亿元, 万 for 万人次, 万 for 个
        return MAGNITUDES[suffix] - (power_of_ten(target.magnitude) or 0)
    named = find_unit(suffix)
    if named is None or named.kind != target.kind:
        return None
    if named.kind == "count" and named.base_name != target.base_name:
        return None  # 3条 is not 3个
    return power_of_ten(named.scale / target.scale)


def power_of_ten(ratio: Decimal) -> int | None:
    """k when ``ratio`` is exactly 10^k."""
    normal = ratio.normalize()
    sign, digits, exponent = normal.as_tuple()
    if sign or digits != (1,) or not isinstance(exponent, int):
        return None
    return exponent


def in_range(value: Decimal) -> Decimal:
    """The value written without an exponent, or AmountError when it is out of any report's range."""
    if value.is_zero():
        return abs(value).quantize(Decimal(1).scaleb(min(0, int(value.as_tuple().exponent))))
    if value.adjusted() > MAX_EXPONENT:
        raise AmountError("数值过大")
    exponent = int(value.as_tuple().exponent)
    if exponent < MIN_EXPONENT:
        raise AmountError(f"小数位过多（最多 {-MIN_EXPONENT} 位）")
    return value.quantize(Decimal(1)) if exponent > 0 else value


def number_from_cell(value: float | int, places: int | None = None) -> Decimal:
    """A numeric cell's value as a Decimal, as Excel shows it: the double to 15 significant digits (Excel's own
    precision, so 0.1 + 0.2 reads 0.3).

    ``places`` is the number of decimals the cell's format shows (``0.00`` → 2); trailing zeros up to it are kept
    (55.3 shown as 55.30 is read as 55.30), never rounded away.
    """
    if isinstance(value, bool):
        raise AmountError("是逻辑值（TRUE/FALSE），不是数字")
    try:
        number = Decimal(value) if isinstance(value, int) else Decimal(format(float(value), ".15g"))
    except (InvalidOperation, ValueError, OverflowError) as exc:
        raise AmountError("不是有限的数字") from exc
    if not number.is_finite():
        raise AmountError("不是有限的数字")
    if places is not None and 0 < places <= -MIN_EXPONENT and int(number.as_tuple().exponent) > -places:
        number = number.quantize(Decimal(1).scaleb(-places))
    return in_range(number)
