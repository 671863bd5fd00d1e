"""Numbers as departments write them in a cell: read where unambiguous, refused with a reason otherwise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.chinese.amounts import AmountError, number_from_cell, parse_amount
from toolkit.model.units import units

FULL_WIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")
decimals = st.decimals(min_value=Decimal("-1E+12"), max_value=Decimal("1E+12"), places=4, allow_nan=False).map(
    lambda d: d.normalize() if d == d.to_integral_value() else d
)


def plain(value: Decimal) -> str:
    return format(value, "f")


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("55.33亿", "亿元", "55.33"),
        ("55.30", "亿元", "55.30"),
        ("55.33 亿元", "亿元", "55.33"),
        ("1,234", "个", "1234"),
        ("1,234,567.5", "人次", "1234567.5"),
        ("５５.３３", "亿元", "55.33"),
        ("５５．３３亿元", "亿元", "55.33"),
        ("3.6%", "%", "3.6"),
        ("３.６％", "%", "3.6"),
        ("5533万", "亿元", "0.5533"),
        ("5533万元", "亿元", "0.5533"),
        ("0.5533亿元", "万元", "5533"),
        ("1.5万", "人次", "15000"),
        ("3万", "个", "30000"),
        ("12.5万平方米", "万平方米", "12.5"),
        ("1200米", "公里", "1.200"),
        ("−2.5", "亿元", "-2.5"),
        ("  42\u3000", "家", "42"),
        ("", "个", None),
        ("   ", "个", None),
    ],
)
def test_readable_cells(text: str, unit: str, expected: str | None) -> None:
    value = parse_amount(text, unit)
    assert (None if value is None else plain(value)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "reason"),
    [
        ("abc", "个", "不是数字"),
        ("12,3", "个", "逗号"),
        ("1,23,456", "个", "逗号"),
        ("1.234,5", "个", "逗号"),
        ("12.", "个", "小数点结尾"),
        ("约55", "亿元", "限定词“约”"),
        ("20亿元以上", "亿元", "限定词“以上”"),
        ("30多", "辆", "限定词“多”"),
        ("五十五", "个", "汉字"),
        ("3条", "个", "无法识别的单位“条”"),
        ("3.6%", "个", "不能填百分数"),
        ("3万", "%", "只填数字"),
        ("55.33美元", "亿元", "无法识别的单位"),
        ("1e5", "个", "无法识别的单位"),
        ("9" * 20, "元", "过大"),
        ("0." + "1" * 12, "%", "小数位过多"),
        ("1" * 70, "个", "过长"),
    ],
)
def test_ambiguous_cells_are_refused_with_a_reason(text: str, unit: str, reason: str) -> None:
    with pytest.raises(AmountError, match=reason) as caught:
        parse_amount(text, unit)
    assert not caught.value.placeholder


@pytest.mark.parametrize("text", ["-", "—", "／", "无", "N/A", "不适用"])
def test_placeholders_are_marked(text: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_amount(text, "个")
    assert caught.value.placeholder


@given(decimals)
def test_a_plain_number_reads_back_with_its_precision(value: Decimal) -> None:
    read = parse_amount(plain(value), "亿元")
    assert read is not None and plain(read) == plain(value)


@given(decimals)
def test_thousands_separators_full_width_digits_and_the_unit_do_not_change_the_value(value: Decimal) -> None:
    grouped = f"{value:,f}"
    for text in (grouped, grouped.translate(FULL_WIDTH), f"{grouped}亿", f"{grouped}亿元", f" {grouped} 亿 "):
        read = parse_amount(text, "亿元")
        assert read is not None and plain(read) == plain(value), text


@given(decimals.filter(lambda d: abs(d) < Decimal("1E+8")))
def test_other_units_of_the_same_kind_convert_exactly(value: Decimal) -> None:
    read = parse_amount(f"{plain(value)}万", "亿元")
    assert read is not None and read * 10_000 == value
    read = parse_amount(f"{plain(value)}万元", "元")
    assert read is not None and read == value * 10_000
    read = parse_amount(f"{plain(value)}%", "%")
    assert read is not None and read == value


@given(st.text(max_size=80), st.sampled_from(sorted(units())))
def test_any_text_is_read_or_refused_never_crashes(text: str, unit: str) -> None:
    try:
        value = parse_amount(text, unit)
    except AmountError as exc:
        assert exc.reason
        return
    assert value is None or (value.is_finite() and "E" not in plain(value))


@given(st.one_of(st.integers(min_value=-(10**15), max_value=10**15), st.floats(allow_nan=True, allow_infinity=True)))
def test_numeric_cells_read_as_excel_shows_them(value: float) -> None:
    try:
        read = number_from_cell(value)
    except AmountError:
        shown = Decimal(format(value, ".15g"))
        assert isinstance(value, float)
        assert not shown.is_finite() or shown.adjusted() > 15 or int(shown.as_tuple().exponent) < -10
        return
    assert abs(float(read) - float(value)) <= abs(float(value)) * 1e-14


def test_numeric_cells_keep_the_decimals_their_format_shows() -> None:
    assert plain(number_from_cell(55.3, 2)) == "55.30"
    assert plain(number_from_cell(55.333, 2)) == "55.333"
    assert plain(number_from_cell(0.1 + 0.2)) == "0.3"
    assert plain(number_from_cell(130.0)) == "130"
    with pytest.raises(AmountError, match="逻辑值"):
        number_from_cell(True)
