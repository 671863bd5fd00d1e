"""govreport status: missing figures by source department, percent complete, exit 1 while anything is missing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.paths import ROOT
from toolkit.cli import main

PARTIAL = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {name: y县, level: 县, province: 某省}
  year: 2025
overview:
  parts:
    - pillar: industry
      heading: 产业
      text: 产值{{ output }}，企业{{ firms }}，投资{{ investment }}，就业{{ jobs }}。
      metrics:
        output: {value: null, prior: 55.30, unit: 亿元, label: 产值, source: 工信局}
        firms: {value: 57, unit: 家, source: 工信局}
        investment: {value: ~, unit: 亿元, label: 投资}
        jobs: {value: null, unit: 人, label: 城镇新增就业, source: 人社局}
    - pillar: municipal
      heading: 市政
      text: 市政设施不断完善。
    - pillar: public_services
      heading: 公共服务
      text: 公共服务不断完善。
    - pillar: environment
      heading: 环境
      text: 人居环境不断改善。
"""


def status(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["status", *args])
    return result.exit_code, result.output


def test_a_rolled_report_counts_every_metric_missing(rolled: Path) -> None:
    code, out = status(str(rolled), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["year"] == 2025 and data["complete"] is False
    assert data["total"] == data["missing"] == 117
    assert data["filled"] == 0 and data["percent_complete"] == 0.0
    assert sum(s["missing"] for s in data["sources"]) == 117
    assert {s["source"] for s in data["sources"]} >= {"工信局", "发改局", "人社局", "卫健局", "教育局"}
    first = data["sources"][0]
    assert first["source"] == "工信局"
    assert first["figures"][0]["id"] == "electronics_output"
    assert first["figures"][0]["path"].endswith("metrics.electronics_output.value")
    line = first["figures"][0]["line"]
    assert rolled.read_text(encoding="utf-8").splitlines()[line - 1].strip() == "value: null"


def test_text_groups_by_department_with_counts_and_percent(tmp_path: Path) -> None:
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    code, out = status(str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("共 4 个数据，已填 1 个，缺 3 个，完成 25.0%。")
    assert "工信局：缺 1 / 共 2 个（完成 50.0%）" in lines
    assert "    output  产值（亿元）  第 12 行" in lines
    assert "未注明部门：缺 1 / 共 1 个（完成 0.0%）" in lines  # `~` is missing too
    assert "人社局：缺 1 / 共 1 个（完成 0.0%）" in lines
    assert lines[-1] == "尚未完成。"


def test_a_complete_report_exits_zero(sample_2024: Path) -> None:
    code, out = status(str(sample_2024))
    assert code == 0, out
    assert "完成 100.0%" in out and "已全部填报。" in out
    code, out = status(str(ROOT / "samples" / "x-city-2025.yaml"), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["missing"] == 0


def test_a_skeleton_lists_its_empty_parts(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert CliRunner().invoke(main, ["new", "--region", "z县", "--year", "2025", "-o", str(path)]).exit_code == 0
    code, out = status(str(path), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["total"] == 0 and data["percent_complete"] == 100.0
    assert [p["pillar"] for p in data["empty_parts"]] == ["industry", "municipal", "public_services", "environment"]


def test_bad_input(tmp_path: Path) -> None:
    code, out = status(str(tmp_path / "nope.yaml"))
    assert code == 1 and "file-not-found" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(PARTIAL.replace("year: 2025", "year: 二〇二五"), encoding="utf-8")
    code, out = status(str(bad))
    assert code == 1 and "wrong-type" in out
    code, out = status(str(bad), "--format", "xml")
    assert code == 2


def test_validate_says_a_rolled_over_report_is_incomplete_without_failing(rolled: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(rolled)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if "info[incomplete]" in ln]
    assert len(lines) == 1
    assert lines[0].startswith(f"{rolled}:18:")  # meta.year of the rolled file
    assert "117 个数据尚未填报" in lines[0]


def test_validate_of_a_complete_report_has_no_incomplete_finding(sample_2024: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(sample_2024)])
    assert result.exit_code == 0
    assert "incomplete" not in result.output
