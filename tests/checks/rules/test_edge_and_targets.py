"""Edge-of-precision warnings, targets (met, missed, stated rates), qualifiers and value suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rulecase import check, codes, only
from toolkit.diagnostics.finding import Severity

SUM = """\
metrics:
  total: {{value: 4.6, unit: 万人}}
  urban: {{value: 3.1, unit: 万人}}
  rural: {{value: {rural}, unit: 万人}}
checks:
  - {{kind: sum, total: total, parts: [urban, rural]}}
"""


def test_a_sum_that_holds_only_at_the_edge_of_precision_warns(tmp_path: Path) -> None:
    checked = check(tmp_path, SUM.format(rural="2"))
    assert "sum-mismatch" not in codes(checked)
    finding = only(checked, "edge-of-precision")
    assert finding.severity is Severity.WARNING
    assert "3.1万人 + 2万人 = 5.1万人" in finding.message and "4.6万人" in finding.message
    assert "“2万人”可代表 1.5～2.5万人" in finding.message


def test_the_same_sum_written_precisely_is_an_error(tmp_path: Path) -> None:
    checked = check(tmp_path, SUM.format(rural="2.0"))
    assert only(checked, "sum-mismatch").severity is Severity.ERROR
    assert "edge-of-precision" not in codes(checked)


def test_rounded_parts_of_one_precision_do_not_warn(tmp_path: Path) -> None:
    block = """\
    metrics:
      whole: {value: 100, unit: "%"}
      a: {value: 33.3, unit: "%"}
      b: {value: 33.3, unit: "%"}
      c: {value: 33.3, unit: "%"}
    checks:
      - {kind: sum, total: whole, parts: [a, b, c]}
    """
    checked = check(tmp_path, block)
    assert "edge-of-precision" not in codes(checked) and "sum-mismatch" not in codes(checked)


def test_a_comparison_at_the_edge_warns(tmp_path: Path) -> None:
    block = """\
    metrics:
      done: {value: 2, unit: 万元}
      budget: {value: 2.4, unit: 万元}
    checks:
      - {kind: compare, left: done, op: ">=", right: budget}
    """
    assert "“2万元”可代表 1.5～2.5万元" in only(check(tmp_path, block), "edge-of-precision").message


TARGET = """\
metrics:
  roads: {{value: {value}, unit: 公里, target: 12, label: 新建道路}}
"""


def test_a_met_target_is_reported_with_its_completion(tmp_path: Path) -> None:
    finding = only(check(tmp_path, TARGET.format(value="12.5")), "target-met")
    assert finding.severity is Severity.INFO and "完成目标的 104.2%" in finding.message


def test_a_missed_target_is_a_warning_or_an_error_when_it_must_be_met(tmp_path: Path) -> None:
    finding = only(check(tmp_path, TARGET.format(value="10")), "target-missed")
    assert finding.severity is Severity.WARNING and "完成目标的 83.3%" in finding.message
    block = """\
    metrics:
      roads: {value: 10, unit: 公里, label: 新建道路}
      roads_goal: {value: 12, unit: 公里, kind: target}
      roads_rate: {value: 70, unit: "%"}
    checks:
      - {kind: target, actual: roads, target: roads_goal, must_meet: true}
      - {kind: target, actual: roads, target: roads_goal, rate: roads_rate, id: rate_check}
    """
    checked = check(tmp_path, block)
    assert only(checked, "target-missed").severity is Severity.ERROR
    assert "83.3%" in only(checked, "target-rate-mismatch").message


def test_new_qualifiers_read_as_intervals(tmp_path: Path) -> None:
    block = """\
    metrics:
      visitors: {value: 100, unit: 万人次, qualifier: 突破}
      capacity: {value: 90, unit: 万人次}
    checks:
      - {kind: compare, left: visitors, op: ">", right: capacity}
      - {kind: compare, left: visitors, op: ">=", right: capacity}
    """
    assert "compare-failed" not in codes(check(tmp_path, block))


def test_a_value_with_a_qualifier_in_it_suggests_the_qualifier(tmp_path: Path) -> None:
    finding = only(check(tmp_path, "metrics:\n  sites: {value: 约2765, unit: 个}\n"), "wrong-type")
    assert finding.suggestion == "value: 2765，qualifier: 约"
    finding = only(check(tmp_path, "metrics:\n  gdp: {value: 55.33亿元, unit: 亿元}\n"), "wrong-type")
    assert finding.suggestion == "value: 55.33，unit: 亿元"


@pytest.mark.parametrize(
    ("written", "suggestion", "why"),
    [
        ("55．33", "value: 55.33", "全角数字和符号改为半角"),
        ("５５.３３", "value: 55.33", "全角数字和符号改为半角"),
        ("－5", "value: -5", "全角数字和符号改为半角"),
        ('"1,234"', "value: 1234", "去掉千分位逗号"),
        ('"1,234.5"', "value: 1234.5", "去掉千分位逗号"),
        ("1，234", "value: 1234", "全角数字和符号改为半角，去掉千分位逗号"),
        ("５５．３３亿元", "value: 55.33，unit: 亿元", ""),
        ("约２７６５", "value: 2765，qualifier: 约", ""),
    ],
)
def test_a_number_typed_in_full_width_or_with_commas_suggests_the_plain_number(
    tmp_path: Path, written: str, suggestion: str, why: str
) -> None:
    finding = only(check(tmp_path, f"metrics:\n  gdp: {{value: {written}, unit: 亿元}}\n"), "wrong-type")
    assert finding.suggestion == suggestion
    assert f"请写成 {suggestion}" in finding.message and why in finding.message


@pytest.mark.parametrize("field", ["prior", "target"])
def test_every_number_field_suggests_the_plain_number(tmp_path: Path, field: str) -> None:
    finding = only(check(tmp_path, f"metrics:\n  gdp: {{value: 5, {field}: ５５．３０, unit: 亿元}}\n"), "wrong-type")
    assert finding.suggestion == f"{field}: 55.30"


@pytest.mark.parametrize(
    ("written", "suggestion"), [("6.2%", "yoy: 6.2"), ("-3.5%", "yoy: -3.5"), ("６.２％", "yoy: 6.2")]
)
def test_a_growth_rate_written_with_a_percent_sign_suggests_the_bare_number(
    tmp_path: Path, written: str, suggestion: str
) -> None:
    finding = only(check(tmp_path, f"metrics:\n  gdp: {{value: 5, yoy: {written}, unit: 亿元}}\n"), "wrong-type")
    assert finding.suggestion == suggestion and "不写 %" in finding.message


@pytest.mark.parametrize("written", ['"12,3"', '"1,234,5"', '"1,23"'])
def test_a_comma_that_is_no_thousands_separator_is_not_guessed(tmp_path: Path, written: str) -> None:
    finding = only(check(tmp_path, f"metrics:\n  gdp: {{value: {written}, unit: 亿元}}\n"), "wrong-type")
    assert finding.suggestion is None and "逗号不是千分位分隔符" in finding.message


def test_an_approximate_year(tmp_path: Path) -> None:
    path_checked = check(tmp_path, "metrics:\n  sites: {value: 3, unit: 个}\n")
    assert path_checked.ok
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8").replace("year: 2024", "year: 约2014")
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    from toolkit.pipeline import check_file

    checked = check_file(tmp_path / "r.yaml")
    assert checked.ok, checked.findings
    assert checked.report is not None and checked.report.meta.year == 2014 and checked.report.meta.year_approximate
