"""Small reports for rule tests: a valid skeleton with one item holding the metrics, lists and checks given."""

from __future__ import annotations

import textwrap
from pathlib import Path

from toolkit.diagnostics.finding import Finding, Severity
from toolkit.pipeline import Checked, check_file

SKELETON = """\
type: county-urbanization
meta:
  title: 测试报告
  region: {{name: x市, level: 县级市, province: 广东省}}
  year: 2024
{top}overview:
  parts:
    - pillar: industry
      heading: 产业
      items:
        - heading: 条目
          id: item_a
          text: {text}
          points:
            - text: 加快建设。
            - text: 推进改造。
{block}
    - pillar: municipal
      heading: 市政
      text: 正文。
    - pillar: public_services
      heading: 公共服务
      text: 正文。
    - pillar: environment
      heading: 环境
      text: 正文。
"""


def report_text(block: str, top: str = "", text: str = "正文。") -> str:
    """A report whose first item carries ``block`` (metrics:, lists:, checks: as YAML, unindented)."""
    return SKELETON.format(
        block=textwrap.indent(textwrap.dedent(block).strip("\n"), " " * 10),
        top=textwrap.dedent(top).lstrip("\n"),
        text=text,
    )


def write_report(tmp_path: Path, block: str, top: str = "", text: str = "正文。", name: str = "r.yaml") -> Path:
    """Write a test report and return its path."""
    path = tmp_path / name
    path.write_text(report_text(block, top, text), encoding="utf-8")
    return path


def check(tmp_path: Path, block: str, top: str = "", text: str = "正文。") -> Checked:
    """Check a test report."""
    return check_file(write_report(tmp_path, block, top, text))


def codes(checked: Checked, severity: Severity | None = None) -> list[str]:
    """Codes of the findings (optionally of one severity)."""
    return [f.code for f in checked.findings if severity is None or f.severity is severity]


def only(checked: Checked, code: str) -> Finding:
    """The single finding with ``code``."""
    found = [f for f in checked.findings if f.code == code]
    assert len(found) == 1, [f.format() for f in checked.findings]
    return found[0]


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based line of the first line containing ``needle`` (after the first line containing ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if after in line) if after else 0
    return next(k for k in range(start, len(lines)) if needle in lines[k]) + 1
