"""Units as base unit × magnitude; a report's own units; suggestions that keep the kind; doubled units."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.rulecase import check, codes, only
from toolkit.checks.rules.figures import Figures
from toolkit.model.units import find_unit, magnitudes, unit_suggestion


@pytest.mark.parametrize(
    ("name", "kind", "scale", "base"),
    [
        ("万户", "count", 10000, "户"),
        ("千米", "length", 1000, "米"),
        ("公里", "length", 1000, "公里"),
        ("万延长米", "length", 10000, "延长米"),
        ("亿千瓦时", "energy", 100000000, "千瓦时"),
        ("项", "count", 1, "项"),
        ("公顷", "area", 10000, "公顷"),
        ("万美元", "money_usd", 10000, "美元"),
        ("千伏安", "apparent_power", 1, "千伏安"),
        ("‰", "permille", 1, "‰"),
        ("天", "duration", 1, "天"),
        ("百万元", "money", 1000000, "元"),  # a magnitude not listed: composed
        ("万栋", "count", 10000, "栋"),
    ],
)
def test_units_are_a_base_times_a_magnitude(name: str, kind: str, scale: int, base: str) -> None:
    unit = find_unit(name)
    assert unit is not None and unit.kind == kind and unit.scale == scale and unit.base_name == base


def test_plain_units_take_no_magnitude() -> None:
    assert find_unit("万%") is None and find_unit("千个百分点") is None and find_unit("万万元") is None


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("亿圆", "亿元"),
        ("平方工里", "平方公里"),
        ("万美圆", "万美元"),
        ("万英镑", None),
        ("千伏", None),
        ("公倾", None),
    ],
)
def test_suggestions_never_change_the_kind(bad: str, expected: str | None) -> None:
    assert unit_suggestion(bad) == expected


def test_magnitudes_convert_in_checks(tmp_path: Path) -> None:
    block = """\
    metrics:
      pipes: {value: 1.2, unit: 万延长米}
      pipes_task: {value: 9000, unit: 延长米}
      households: {value: 1.35, unit: 万户}
      population: {value: 6.02, unit: 万人}
    checks:
      - {kind: compare, left: pipes, op: ">=", right: pipes_task}
    """
    checked = check(tmp_path, block)
    assert "compare-failed" not in codes(checked), checked.findings
    assert checked.report is not None and checked.source is not None
    figures = Figures.index(checked.report, checked.source)
    households, population = figures.interval("households"), figures.interval("population")
    assert households is not None and population is not None
    assert households.lo <= Decimal(13500) <= households.hi and households.hi - households.lo == 100
    assert population.lo <= Decimal(60200) <= population.hi and population.hi - population.lo == 100
    assert figures.unit("households").scale * Decimal("1.35") == 13500
    assert figures.unit("population").scale * Decimal("6.02") == 60200


def test_a_report_declares_its_own_units(tmp_path: Path) -> None:
    top = """\
    units:
      标准箱: {kind: count}
      万标准箱: {base: 标准箱, magnitude: 万}
    """
    block = """\
    metrics:
      boxes: {value: 2.3, unit: 万标准箱}
      boxes_plan: {value: 25000, unit: 标准箱}
    checks:
      - {kind: compare, left: boxes, op: "<=", right: boxes_plan}
    """
    checked = check(tmp_path, block, top=top)
    assert checked.ok, checked.findings
    failing = check(tmp_path, block.replace("value: 25000", "value: 20000"), top=top)
    assert "compare-failed" in codes(failing)


def test_an_unknown_unit_in_a_report_gets_a_same_kind_suggestion(tmp_path: Path) -> None:
    finding = only(check(tmp_path, "metrics:\n  area: {value: 3, unit: 公倾}\n"), "unknown-unit")
    assert finding.suggestion is None and "公里" not in finding.message


def test_a_unit_written_twice_around_a_figure_is_linted(tmp_path: Path) -> None:
    block = "metrics:\n  population: {value: 6.02, unit: 万人}\n  farms: {value: 12, unit: 家}\n"
    doubled = check(tmp_path, block, text="户籍{{ population }}人口，{{ farms }}家庭农场。")
    finding = only(doubled, "unit-doubled")
    assert "万人" in finding.message
    clean = check(tmp_path, block, text="户籍人口{{ population }}，{{ farms }}家庭农场。")
    assert "unit-doubled" not in codes(clean)


def test_a_unit_text_of_another_magnitude_is_linted(tmp_path: Path) -> None:
    block = "metrics:\n  pipes: {value: 1.2, unit: 延长米, unit_text: 万延长米}\n"
    finding = only(check(tmp_path, block, text="铺设管网{{ pipes }}。"), "unit-text-scale")
    assert finding.suggestion == "unit: 万延长米"
    same = "metrics:\n  roads: {value: 3, unit: 千米, unit_text: 公里}\n  gdp: {value: 5, unit: 亿元, unit_text: 亿}\n"
    assert "unit-text-scale" not in codes(check(tmp_path, same, text="{{ roads }}{{ gdp }}。"))


@given(st.text(max_size=8))
def test_any_unit_name_resolves_or_not_without_error(name: str) -> None:
    unit = find_unit(name)
    if unit is not None:
        base = find_unit(unit.base_name)
        assert base is not None and base.kind == unit.kind
        assert unit.scale == base.scale * unit.magnitude or name in ("公里",)
    unit_suggestion(name)


@given(st.sampled_from(sorted(magnitudes())), st.sampled_from(["户", "栋", "米", "元", "人次", "千瓦时", "吨"]))
def test_a_magnitude_times_a_base_unit(word: str, base: str) -> None:
    unit = find_unit(word + base)
    plain = find_unit(base)
    assert unit is not None and plain is not None
    assert unit.kind == plain.kind and unit.scale == plain.scale * magnitudes()[word]
