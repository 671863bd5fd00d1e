"""govreport diff: figures changed with both values, metrics, parts and items added or removed; exit 0."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.paths import ROOT, SAMPLES
from toolkit.chinese.figures import format_number
from toolkit.cli import main
from toolkit.workflow.diff import load_report, metrics_of

SAMPLE_2025 = ROOT / "samples" / "x-city-2025.yaml"
Y_COUNTY = ROOT / "samples" / "y-county-2024.yaml"

BASE = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {name: y县, level: 县, province: 某省}
  year: 2024
overview:
  parts:
    - pillar: industry
      heading: 产业
      items:
        - heading: 产业发展
          id: growth
          text: 产值{{ output }}，占比{{ share }}。
          metrics:
            output: {value: 55.30, unit: 亿元, label: 产值}
            share: {value: 71, unit: "%", label: 占比}
        - heading: 平台建设
          text: 园区{{ parks }}。
          metrics:
            parks: {value: 3, unit: 个}
    - pillar: municipal
      heading: 市政
    - pillar: public_services
      heading: 公共服务
    - pillar: environment
      heading: 环境
"""

CHANGED = (
    BASE.replace("value: 55.30", "value: 50.30")
    .replace("value: 71,", "value: 73,")
    .replace(
        "        - heading: 平台建设\n          text: 园区{{ parks }}。\n",
        "        - heading: 商贸流通\n          text: 园区{{ parks }}。\n",
    )
    .replace("parks: {value: 3, unit: 个}", "parks: {value: 3, unit: 个}\n            towns: {value: 12, unit: 个}")
    .replace(
        "    - pillar: environment\n      heading: 环境\n",
        "    - pillar: environment\n      heading: 环境\n    - pillar: county_village\n      heading: 县乡村\n",
    )
    + "plans:\n  heading: 下一步工作计划\n  paragraphs: [继续推进。]\n"
)


def diff(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    return result.exit_code, result.output


def test_diff_between_the_samples_lists_each_changed_figure_with_both_values(sample_2024: Path) -> None:
    code, out = diff(str(sample_2024), str(SAMPLE_2025), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    old, new = metrics_of(load_report(sample_2024)), metrics_of(load_report(SAMPLE_2025))
    expected = [name for name, metric in new.items() if metric.value != old[name].value]
    assert len(expected) > 50
    assert [c["id"] for c in data["figures_changed"]] == expected
    for change in data["figures_changed"]:
        before, after = old[change["id"]].value, new[change["id"]].value
        assert before is not None and after is not None
        assert (change["old"], change["new"]) == (format_number(before), format_number(after))
    first = data["figures_changed"][0]
    assert first == {
        "id": "electronics_output",
        "label": "电子信息产业产值",
        "unit": "亿元",
        "old_unit": "亿元",
        "old": "55.33",
        "new": "57.10",
        "change": "1.77",
        "relative_change_percent": "3.2",
    }
    assert data["metrics_added"] == data["metrics_removed"] == []
    assert data["parts_added"] == data["parts_removed"] == []


def test_text_output(sample_2024: Path) -> None:
    code, out = diff(str(sample_2024), str(SAMPLE_2025))
    assert code == 0, out
    assert out.startswith(f"比较：{sample_2024}（2024 年度）→ {SAMPLE_2025}（2025 年度）")
    assert "    electronics_output  电子信息产业产值：55.33亿元 → 57.10亿元（+1.77亿元，+3.2%）" in out
    assert "新能源装机占全市发电总装机容量的比重：71% → 74%（+3个百分点，+4.2%）" in out
    assert "不同地区" not in out


def test_reports_of_two_regions_are_compared_with_a_notice() -> None:
    other = SAMPLES / "y-county-2024.yaml"
    code, out = diff(str(other), str(SAMPLE_2025))
    assert code == 0, out
    assert out.splitlines()[1] == "注意：两份报告属于不同地区（y县、x市），以下差异是地区之间的，不是逐年的变化。"
    code, out = diff(str(other), str(SAMPLE_2025), "--format", "json")
    data = json.loads(out)
    assert (data["old"]["region"], data["new"]["region"]) == ("y县", "x市")


def test_added_and_removed_metrics_parts_and_items(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(CHANGED, encoding="utf-8")
    code, out = diff(str(old), str(new), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert [(c["id"], c["old"], c["new"], c["change"]) for c in data["figures_changed"]] == [
        ("output", "55.30", "50.30", "-5.00"),
        ("share", "71", "73", "2"),
    ]
    assert data["figures_changed"][0]["relative_change_percent"] == "-9.0"
    assert [m["key"] for m in data["metrics_added"]] == ["towns"]
    assert [p["key"] for p in data["parts_added"]] == ["county_village", "plans"]
    assert [(i["in"], i["heading"]) for i in data["items_added"]] == [("industry", "商贸流通")]
    assert [(i["in"], i["heading"]) for i in data["items_removed"]] == [("industry", "平台建设")]
    code, text = diff(str(new), str(old))
    assert code == 0
    assert "删除数据 1 个：\n    towns  towns" in text
    assert "删除部分 2 个：" in text and "（五）县乡村" in text
    assert "output  产值：50.30亿元 → 55.30亿元（+5.00亿元，+9.9%）" in text


def test_a_missing_value_and_identical_reports(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE.replace("value: 55.30", "value: null"), encoding="utf-8")
    code, out = diff(str(old), str(new))
    assert code == 0
    assert "output  产值：55.30亿元 → 待填报" in out
    code, out = diff(str(old), str(old))
    assert code == 0 and "数据变化 0 个" in out and "两份报告的数据与结构相同" in out


def test_reports_of_different_shapes(sample_2024: Path) -> None:
    code, out = diff(str(sample_2024), str(Y_COUNTY), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert {p["key"] for p in data["parts_added"]} == {"county_village", "problems", "plans"}
    assert len(data["metrics_removed"]) > 100


def test_bad_input(sample_2024: Path, tmp_path: Path) -> None:
    code, out = diff(str(tmp_path / "nope.yaml"), str(sample_2024))
    assert code == 1 and "file-not-found" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("unit: 亿元", "unit: 亿圆"), encoding="utf-8")
    code, out = diff(str(bad), str(tmp_path / "nope.yaml"))
    assert code == 1 and "unknown-unit" in out and "file-not-found" in out  # both files' problems at once
