"""Headings and points typed with their own number are flagged: the toolkit numbers them itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SAMPLES
from tests.rulecase import check, only
from toolkit.diagnostics.finding import Severity
from toolkit.pipeline import check_file


@pytest.mark.parametrize(
    ("heading", "own", "printed"),
    [
        ("（一）产业", "（一）", "“（一）（一）产业”"),
        ("一、产业", "一、", "“（一）一、产业”"),
        ("1.产业", "1.", "“（一）1.产业”"),
        ("(1)产业", "(1)", "“（一）(1)产业”"),
        ("①产业", "①", "“（一）①产业”"),
    ],
)
def test_a_part_heading_with_its_own_number(tmp_path: Path, heading: str, own: str, printed: str) -> None:
    checked = check(tmp_path, "", text="正文。")
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8").replace("heading: 产业", f"heading: {heading}", 1)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    assert checked.ok
    finding = only(check_file(tmp_path / "r.yaml"), "numbered-heading")
    assert finding.severity is Severity.WARNING and finding.observed == own and finding.suggestion == "产业"
    assert printed in finding.message and f"请删去 “{own}”" in finding.message
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if f"heading: {heading}" in row)
    assert finding.location.line == line


@pytest.mark.parametrize("field", ["text", "heading"])
def test_a_point_with_its_own_ordinal(tmp_path: Path, field: str) -> None:
    checked = check(tmp_path, "")
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    new = "- heading: 一是加快建设\n              text: 正文。" if field == "heading" else "- text: 一是加快建设。"
    (tmp_path / "r.yaml").write_text(text.replace("- text: 加快建设。", new, 1), encoding="utf-8")
    assert checked.ok
    finding = only(check_file(tmp_path / "r.yaml"), "numbered-heading")
    assert finding.observed == "一是" and "“一是一是加快建设" in finding.message


@pytest.mark.parametrize("heading", ["2024年重点工作", "一是否达标", "产业（一）", "十四五规划实施", "1号工程"])
def test_headings_that_only_look_numbered_are_left_alone(tmp_path: Path, heading: str) -> None:
    check(tmp_path, "")
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8").replace("heading: 产业", f"heading: {heading}", 1)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    assert "numbered-heading" not in [f.code for f in check_file(tmp_path / "r.yaml").findings]


def test_an_unnumbered_section_may_carry_its_own_number(tmp_path: Path) -> None:
    text = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {name: x市, level: 县级市, province: 广东省}
  year: 2024
sections:
  - heading: 附件1 主要指标
    numbered: false
    text: 正文。
  - heading: （二）产业
    pillar: industry
    text: 正文。
"""
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    found = [f for f in check_file(path).findings if f.code == "numbered-heading"]
    assert [f.observed for f in found] == ["（二）"]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_sample_heading_carries_its_own_number(sample: Path) -> None:
    assert "numbered-heading" not in [f.code for f in check_file(sample).findings]
