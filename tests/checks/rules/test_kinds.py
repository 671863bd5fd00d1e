"""Each rule kind passes and fails on small reports; failures point at the figures' value lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rulecase import check, codes, line_of, only, report_text, write_report
from toolkit.diagnostics.finding import Severity
from toolkit.pipeline import check_file

NEW_ENERGY = """
metrics:
  total: {{value: {total}, unit: 个}}
  wind: {{value: 8, unit: 个}}
  central: {{value: 4, unit: 个}}
  distributed: {{value: {distributed}, unit: 个}}
  biomass: {{value: 1, unit: 个}}
checks:
  - kind: sum
    total: total
    parts: [wind, central, distributed, biomass]
"""


def test_sum_passes_when_the_parts_add_up(tmp_path: Path) -> None:
    checked = check(tmp_path, NEW_ENERGY.format(total=130, distributed=117))
    assert checked.ok and codes(checked) == []
    assert [(r.items, r.passes, r.fails) for r in checked.rules] == [(1, 1, 0)]


def test_sum_fails_at_the_total_with_the_parts_related_and_a_digit_swap_suggested(tmp_path: Path) -> None:
    path = write_report(tmp_path, NEW_ENERGY.format(total=130, distributed=171))
    checked = check_file(path)
    finding = only(checked, "sum-mismatch")
    assert finding.severity is Severity.ERROR
    assert finding.location.line == line_of(path, "total: {value: 130")
    assert line_of(path, "distributed: {value: 171") in [r.line for r in finding.related]
    assert "184" in finding.message and "130" in finding.message and "差 54" in finding.message
    assert finding.suggestion is not None and "171 改为 117" in finding.suggestion
    assert (finding.observed, finding.expected) == ("184", "130")
    assert [(r.passes, r.fails) for r in checked.rules] == [(0, 1)]


def test_sum_suggests_a_single_digit_correction(tmp_path: Path) -> None:
    checked = check(tmp_path, NEW_ENERGY.format(total=180, distributed=117))
    suggestion = only(checked, "sum-mismatch").suggestion or ""
    assert "180 改为 130" in suggestion


PERCENT_PARTS = """
metrics:
  whole: {{value: 100, unit: "%"}}
  a: {{value: 33.3, unit: "%"}}
  b: {{value: 33.3, unit: "%"}}
  c: {{value: {c}, unit: "%"}}
checks:
  - {{kind: sum, total: whole, parts: [a, b, c]}}
"""


def test_rounded_shares_summing_to_99_9_pass(tmp_path: Path) -> None:
    assert check(tmp_path, PERCENT_PARTS.format(c="33.3")).ok


def test_rounded_shares_summing_to_98_9_fail(tmp_path: Path) -> None:
    assert codes(check(tmp_path, PERCENT_PARTS.format(c="32.3"))) == ["sum-mismatch"]


@pytest.mark.parametrize(("stated", "ok"), [("2.49", True), ("2.48", True), ("2.50", False), ("2.46", False)])
def test_decimal_rounding_on_reported_precision(tmp_path: Path, stated: str, ok: bool) -> None:
    block = f"""
    metrics:
      t: {{value: {stated}, unit: 亿元}}
      a: {{value: 1.24, unit: 亿元}}
      b: {{value: 1.24, unit: 亿元}}
    checks:
      - {{kind: sum, total: t, parts: [a, b]}}
    """
    assert check(tmp_path, block).ok is ok


def test_sum_converts_scales_within_a_kind(tmp_path: Path) -> None:
    block = """
    metrics:
      t: {value: 1.5, unit: 亿元}
      a: {value: 10000, unit: 万元}
      b: {value: 5000, unit: 万元}
    checks:
      - {kind: sum, total: t, parts: [a, b]}
    """
    assert check(tmp_path, block).ok


@pytest.mark.parametrize(("parts", "ok"), [("[a]", True), ("[a, b]", False)])
def test_non_exhaustive_sum_is_at_most_the_total(tmp_path: Path, parts: str, ok: bool) -> None:
    block = f"""
    metrics:
      t: {{value: 100, unit: 人次}}
      a: {{value: 60, unit: 人次}}
      b: {{value: 50, unit: 人次}}
    checks:
      - {{kind: sum, total: t, parts: {parts}, exhaustive: false}}
    """
    assert check(tmp_path, block).ok is ok


SHARE = """
metrics:
  part: {{value: 715, unit: 兆瓦}}
  whole: {{value: {whole}, unit: 兆瓦}}
  share: {{value: 71, unit: "%"}}
checks:
  - {{kind: share, part: part, whole: whole, share: share}}
"""


def test_share_passes_within_precision(tmp_path: Path) -> None:
    assert check(tmp_path, SHARE.format(whole=1007)).ok


def test_share_fails_at_the_share_line(tmp_path: Path) -> None:
    path = write_report(tmp_path, SHARE.format(whole=900))
    finding = only(check_file(path), "share-mismatch")
    assert finding.location.line == line_of(path, "share: {value: 71")
    assert line_of(path, "whole: {value: 900") in [r.line for r in finding.related]


def test_share_without_a_whole_is_not_evaluated_and_reports_the_implied_whole(tmp_path: Path) -> None:
    block = """
    metrics:
      part: {value: 715, unit: 兆瓦}
      share: {value: 71, unit: "%"}
    checks:
      - {kind: share, part: part, share: share}
    """
    checked = check(tmp_path, block)
    finding = only(checked, "rule-not-evaluated")
    assert checked.ok and finding.severity is Severity.INFO
    assert "整体约为 999.3～1014.9兆瓦" in finding.message
    assert [(r.items, r.passes, r.fails, r.not_evaluated) for r in checked.rules] == [(1, 0, 0, 1)]


COMPARE = """
metrics:
  producing: {{value: 12, unit: 家}}
  building: {{value: 8, unit: 家}}
  signed: {{value: {signed}, unit: 家}}
checks:
  - kind: compare
    left: [producing, building]
    op: "<="
    right: signed
"""


def test_compare_passes(tmp_path: Path) -> None:
    assert check(tmp_path, COMPARE.format(signed=35)).ok


def test_compare_fails_at_the_first_left_figure(tmp_path: Path) -> None:
    path = write_report(tmp_path, COMPARE.format(signed=15))
    finding = only(check_file(path), "compare-failed")
    assert finding.location.line == line_of(path, "producing: {value: 12")
    assert line_of(path, "signed: {value: 15") in [r.line for r in finding.related]
    assert "应不超过" in finding.message


YOY = """
metrics:
  output:
    value: 55.33
    unit: 亿元
    yoy: 3.6
    prior: {prior}
    yoy_basis: {basis}
checks:
  - {{kind: yoy, metric: output}}
"""


def test_yoy_passes_within_precision(tmp_path: Path) -> None:
    assert check(tmp_path, YOY.format(prior="53.40", basis="nominal")).ok


def test_yoy_fails_with_the_prior_and_rate_related(tmp_path: Path) -> None:
    path = write_report(tmp_path, YOY.format(prior="50.00", basis="nominal"))
    finding = only(check_file(path), "yoy-mismatch")
    assert finding.severity is Severity.ERROR
    assert finding.location.line == line_of(path, "value: 55.33")
    assert {line_of(path, "yoy: 3.6"), line_of(path, "prior: 50.00")} <= {r.line for r in finding.related}


def test_comparable_price_growth_only_informs(tmp_path: Path) -> None:
    checked = check(tmp_path, YOY.format(prior="50.00", basis="comparable"))
    assert checked.ok
    assert only(checked, "yoy-mismatch").severity is Severity.INFO


def test_a_stated_growth_with_a_prior_is_checked_without_a_rule(tmp_path: Path) -> None:
    block = """
    metrics:
      output: {value: 7.6, unit: 亿元, yoy: 18.6, prior: 5.0}
    """
    checked = check(tmp_path, block)
    assert codes(checked) == ["yoy-mismatch"]
    assert [r.rule for r in checked.rules] == ["yoy(自动)"]


def test_yoy_without_a_prior_is_not_evaluated(tmp_path: Path) -> None:
    block = """
    metrics:
      output: {value: 7.6, unit: 亿元, yoy: 18.6}
    checks:
      - {kind: yoy, metric: output}
    """
    checked = check(tmp_path, block)
    assert checked.ok and codes(checked) == ["rule-not-evaluated"]


RANGE = """
metrics:
  progress: {{value: {value}, unit: "%"{qualifier}}}
  count: {{value: {count}, unit: 个}}
checks:
  - {{kind: range, of: [progress, count]}}
"""


@pytest.mark.parametrize(
    ("value", "qualifier", "count", "failing"),
    [
        ("79", "", "3", []),
        ("90", ", qualifier: 以上", "3", []),
        ("100", "", "0", []),
        ("179", "", "3", ["progress"]),
        ("101", "", "3", ["progress"]),
        ("79", "", "-1", ["count"]),
    ],
)
def test_range_defaults_percent_0_100_and_non_negative(
    tmp_path: Path, value: str, qualifier: str, count: str, failing: list[str]
) -> None:
    path = write_report(tmp_path, RANGE.format(value=value, qualifier=qualifier, count=count))
    checked = check_file(path)
    found = [f for f in checked.findings if f.code == "out-of-range"]
    assert [f.location.line for f in found] == [line_of(path, f"{name}: {{value") for name in failing]
    assert checked.rules[0].items == 2 and checked.rules[0].fails == len(failing)


def test_range_with_explicit_bounds(tmp_path: Path) -> None:
    block = """
    metrics:
      rate: {value: 4.5, unit: "%"}
    checks:
      - {kind: range, of: [rate], min: -10, max: 4}
    """
    assert codes(check(tmp_path, block)) == ["out-of-range"]


PER_CAPITA = """
metrics:
  area: {{value: 103.7144, unit: 万平方米}}
  people: {{value: 37.7, unit: 万人}}
  per_head: {{value: {per_head}, unit: 平方米}}
checks:
  - {{kind: per_capita, total: area, population: people, per_capita: per_head}}
"""


def test_per_capita_converts_units(tmp_path: Path) -> None:
    assert check(tmp_path, PER_CAPITA.format(per_head="2.75")).ok


def test_per_capita_fails_at_the_per_capita_figure(tmp_path: Path) -> None:
    path = write_report(tmp_path, PER_CAPITA.format(per_head="2.95"))
    finding = only(check_file(path), "per-capita-mismatch")
    assert finding.location.line == line_of(path, "per_head: {value: 2.95")


COUNT = """
metrics:
  works: {{value: {stated}, unit: 宗}}
lists:
  names: [潭岭水库, 城防工程（右岸）, 城防工程（左岸）, 上兰靛水库]
checks:
  - {{kind: count, count: works, list: names}}
  - {{kind: count, count: {points}, points: item_a}}
"""


def test_count_passes_for_lists_and_points(tmp_path: Path) -> None:
    checked = check(tmp_path, COUNT.format(stated=4, points=2))
    assert checked.ok
    assert [r.rule for r in checked.rules] == ["count:names", "count:item_a"]


def test_count_fails_for_a_metric_count_and_a_literal_count(tmp_path: Path) -> None:
    path = write_report(tmp_path, COUNT.format(stated=5, points=3))
    found = [f for f in check_file(path).findings if f.code == "count-mismatch"]
    assert [f.location.line for f in found] == [line_of(path, "works: {value: 5"), line_of(path, "count: 3")]
    assert line_of(path, "names: [") in [r.line for r in found[0].related]
    assert "4 项" in found[0].message and "2 项" in found[1].message


EXPR = """
metrics:
  a: {{value: 12, unit: 家}}
  b: {{value: 8, unit: 家}}
  c: {{value: {c}, unit: 家}}
checks:
  - {{kind: expr, expr: "a + b <= c and max(a, b) == 12"}}
"""


def test_expr_passes(tmp_path: Path) -> None:
    assert check(tmp_path, EXPR.format(c=35)).ok


def test_expr_fails_at_the_first_name(tmp_path: Path) -> None:
    path = write_report(tmp_path, EXPR.format(c=15))
    finding = only(check_file(path), "expr-failed")
    assert finding.location.line == line_of(path, "a: {value: 12")


def test_a_missing_value_is_not_evaluated_never_passed(tmp_path: Path) -> None:
    checked = check(tmp_path, NEW_ENERGY.format(total="null", distributed=117))
    assert checked.ok
    # the rule waits for a figure still to be filled in: counted in the incomplete note, not one note per rule
    assert codes(checked) == ["incomplete"]
    assert "1 个数据尚未填报，1 条校验规则因此暂未评估" in only(checked, "incomplete").message
    assert [(r.passes, r.fails, r.not_evaluated) for r in checked.rules] == [(0, 0, 1)]


def test_a_rule_not_evaluated_for_another_reason_is_still_reported_in_a_draft(tmp_path: Path) -> None:
    block = """
    metrics:
      output: {value: 7.6, unit: 亿元, yoy: 18.6}
      other: {value: null, unit: 亿元}
    checks:
      - {kind: yoy, metric: output}
    """
    checked = check(tmp_path, block)
    assert codes(checked) == ["rule-not-evaluated", "incomplete"]  # no prior: filling a figure will not help
    assert "1 个数据尚未填报（" in only(checked, "incomplete").message  # and no rule waits for it


@pytest.mark.parametrize(
    ("block", "code", "needle"),
    [
        (
            "metrics:\n  a: {value: 1, unit: 个}\nchecks:\n  - {kind: sum, total: a, parts: [b]}",
            "rule-unknown-metric",
            "kind: sum",
        ),
        (
            "metrics:\n  a: {value: 1, unit: 个}\n  b: {value: 1, unit: 亿元}\nchecks:\n  - kind: sum\n    total: a\n    parts: [b]",
            "rule-unit-mismatch",
            "parts: [b]",
        ),
        (
            "metrics:\n  a: {value: 1, unit: 人次}\n  b: {value: 1, unit: 人}\nchecks:\n  - kind: compare\n    left: a\n    right: b",
            "rule-unit-mismatch",
            "right: b",
        ),
        (
            "metrics:\n  a: {value: 1, unit: 个}\n  s: {value: 1, unit: 个百分点}\nchecks:\n  - kind: share\n    part: a\n    whole: a\n    share: s",
            "rule-unit-mismatch",
            "share: s",
        ),
        (
            "metrics:\n  a: {value: 1, unit: 个}\nchecks:\n  - kind: count\n    count: a\n    list: nowhere",
            "rule-unknown-metric",
            "list: nowhere",
        ),
        (
            "metrics:\n  a: {value: 1, unit: 个}\n  b: {value: 1, unit: 亿元}\nchecks:\n  - kind: expr\n    expr: a + b > 0",
            "rule-unit-mismatch",
            "expr: a + b",
        ),
    ],
)
def test_a_rule_that_does_not_fit_is_rejected_at_its_line(tmp_path: Path, block: str, code: str, needle: str) -> None:
    path = write_report(tmp_path, block)
    checked = check_file(path)
    finding = only(checked, code)
    assert finding.severity is Severity.ERROR
    assert finding.location.line == line_of(path, needle, after="checks:")
    assert checked.rules == []


def test_people_and_counts_may_be_compared(tmp_path: Path) -> None:
    block = """
    metrics:
      supervisors: {value: 12, unit: 名}
      stations: {value: 12, unit: 个}
    checks:
      - {kind: compare, left: supervisors, op: ">=", right: stations}
    """
    assert check(tmp_path, block).ok


def test_severity_per_rule_and_per_report(tmp_path: Path) -> None:
    per_rule = COMPARE.format(signed=15).replace("    op:", "    severity: warning\n    op:")
    checked = check(tmp_path, per_rule)
    assert checked.ok and codes(checked, Severity.WARNING) == ["compare-failed"]
    per_report = "validation:\n  severity: {compare-failed: info, rule-not-evaluated: 'off', incomplete: 'off'}\n"
    checked = check(tmp_path, COMPARE.format(signed=15), top=per_report)
    assert checked.ok and codes(checked, Severity.INFO) == ["compare-failed"]
    checked = check(tmp_path, NEW_ENERGY.format(total="null", distributed=117), top=per_report)
    assert codes(checked) == [] and checked.rules[0].not_evaluated == 1


def test_an_unknown_code_in_the_severity_table_is_an_error(tmp_path: Path) -> None:
    checked = check(tmp_path, "metrics: {}", top="validation:\n  severity: {sum-mismatches: warning}\n")
    assert not checked.ok and "sum-mismatches" in checked.findings[0].message


def test_rule_models_reject_unknown_keys_and_kinds(tmp_path: Path) -> None:
    block = """
    metrics:
      a: {value: 1, unit: 个}
    checks:
      - {kind: sum, total: a, parts: [a], totl: a}
      - {kind: summ, total: a}
      - {kind: count, count: 3}
    """
    path = write_report(tmp_path, block)
    checked = check_file(path)
    # the three rules are left out (all three: the later entries are removed first, so indices stay right) and the
    # rest is checked, with the note that says so
    assert codes(checked) == ["unknown-key", "unknown-rule-kind", "bad-value", "not-checked"]
    assert (
        "checks[0]、overview.parts[0].items[0].checks[1]、overview.parts[0].items[0].checks[2] "
        in checked.findings[3].message
    )
    assert "“sum”" in checked.findings[1].message
    assert checked.findings[1].location.line == line_of(path, "kind: summ")


def test_yoy_without_a_stated_rate_passes_when_the_text_computes_it(tmp_path: Path) -> None:
    block = """
    metrics:
      output: {value: 7.6, unit: 亿元, prior: 6.4}
    checks:
      - {kind: yoy, metric: output}
    """
    checked = check(tmp_path, block)
    assert codes(checked) == [] and checked.rules[0].passes == 1


def test_an_expression_that_is_not_a_condition_is_rejected_at_load(tmp_path: Path) -> None:
    path = write_report(tmp_path, "metrics:\n  a: {value: 1, unit: 个}\nchecks:\n  - kind: expr\n    expr: a + 1")
    finding = only(check_file(path), "rule-bad-expr")
    assert finding.location.line == line_of(path, "expr: a + 1")


def test_duplicate_block_ids_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    text = report_text("metrics: {}").replace("- text: 推进改造。", "- id: item_a\n              text: 推进改造。")
    path.write_text(text, encoding="utf-8")
    finding = only(check_file(path), "duplicate-id")
    assert finding.location.line == line_of(path, "- id: item_a")
    assert finding.related[0].line == line_of(path, "id: item_a")
