"""Bad input gives a clear Chinese message at file:line:col and exit code 1, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

GOOD = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {name: y县, level: 县, province: 某省}
  year: 2024
preamble: ["{{ year }}年，{{ region }}推进县城建设。"]
overview:
  parts:
    - pillar: industry
      heading: 产业
      items:
        - heading: 产业发展
          text: 产值{{ output }}。
          metrics:
            output: {value: 55.30, unit: 亿元}
    - pillar: municipal
      text: 市政设施提档升级。
      heading: 市政
    - pillar: public_services
      text: 公共服务提标扩面。
      heading: 公共服务
    - pillar: environment
      text: 环境设施提级扩能。
      heading: 环境
"""

# (name, replaced text, replacement, code, line, column, words the message must contain)
CASES = [
    # an unclosed bracket is reported where it opened (issue 9), not where the parser gave up
    ("yaml-syntax", "  year: 2024\n", "  year: [2024\n", "yaml-syntax", 5, 9, ["YAML 语法错误", "没有闭合"]),
    ("duplicate-key", "  year: 2024\n", "  year: 2024\n  year: 2025\n", "duplicate-key", 6, 3, ["重复", "第 5 行"]),
    (
        "unknown-key",
        "  year: 2024\n",
        "  year: 2024\n  yaer: 2025\n",
        "unknown-key",
        6,
        3,
        ["未知字段", "yaer", "是否应为", "year"],
    ),
    ("wrong-type", "  year: 2024\n", "  year: 二〇二四\n", "wrong-type", 5, 9, ["year", "整数"]),
    ("unknown-unit", "unit: 亿元}", "unit: 亿圆}", "unknown-unit", 15, 42, ["未知单位", "亿圆", "亿元"]),
    (
        "missing-pillar",
        "    - pillar: environment\n      text: 环境设施提级扩能。\n      heading: 环境\n",
        "",
        "missing-pillar",
        8,
        3,
        ["缺少必备部分", "环境基础设施提级扩能"],
    ),
    (
        "undefined-metric",
        "产值{{ output }}。",
        "产值{{ outptu }}。",
        "undefined-metric",
        13,
        22,  # at the name itself (issue 9), not at the start of the text
        ["未定义", "outptu", "output"],
    ),
    ("missing-key", "      heading: 产业\n", "", "missing-key", 9, 7, ["缺少必填字段", "heading"]),
    ("unknown-pillar", "pillar: industry", "pillar: industri", "unknown-pillar", 9, 15, ["未知支柱", "industry"]),
]


def write_case(tmp_path: Path, old: str, new: str) -> Path:
    assert old in GOOD
    path = tmp_path / "report.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_good_base_builds(tmp_path: Path) -> None:
    path = write_case(tmp_path, "", "")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out.txt")])
    assert result.exit_code == 0, result.output
    assert "2024年，y县推进县城建设。" in (tmp_path / "out.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_bad_input_is_reported_at_its_place(tmp_path: Path, case: tuple, command: str) -> None:  # type: ignore[type-arg]
    _, old, new, code, line, column, words = case
    path = write_case(tmp_path, old, new)
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    expected = f"{path}:{line}:{column}: error[{code}]"
    lines = [ln for ln in result.output.splitlines() if f"[{code}]" in ln]
    assert lines, result.output
    assert lines[0].startswith(expected), result.output
    for word in words:
        assert word in lines[0], lines[0]


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "找不到文件" in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2


def test_bad_input_through_a_subprocess(tmp_path: Path) -> None:
    path = write_case(tmp_path, "unit: 亿元}", "unit: 亿圆}")
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", str(path), "-o", str(tmp_path / "x.docx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{path}:15:42: error[unknown-unit]" in proc.stderr
    assert not (tmp_path / "x.docx").exists()


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    path = write_case(tmp_path, "  year: 2024\n", "  yaer: 2024\n  yaer2: 1\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.count("error[") >= 3  # two unknown keys and the missing year


def test_sandbox_blocks_attribute_escape(tmp_path: Path) -> None:
    path = write_case(tmp_path, "产值{{ output }}。", "产值{{ output.__class__.__mro__ }}")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "error[unsafe-template]" in result.output
    assert not (tmp_path / "x.txt").exists()
