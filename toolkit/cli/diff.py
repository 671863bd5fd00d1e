"""``govreport diff``: changed figures, added and removed metrics, parts and items."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from toolkit.chinese.figures import format_figure, format_number
from toolkit.cli.app import FILE, main, user_errors
from toolkit.model.report import Metric
from toolkit.workflow.diff import MISSING, Entry, FigureChange, ReportDiff


@main.command()
@click.argument("old", type=FILE)
@click.argument("new", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式，默认 text。")
@user_errors
def diff(old: Path, new: Path, fmt: str) -> None:
    """比较两份报告：数据变化（含增减量与增减幅度），新增或删除的数据、部分与条目。"""
    from toolkit.workflow.diff import diff_files

    result = diff_files(old, new)
    click.echo(diff_json(result) if fmt == "json" else format_diff_text(result))


def figure_text(metric: Metric) -> str:
    """A metric's value with its unit, or 待填报."""
    if metric.value is None:
        return MISSING
    return format_figure(format_number(metric.value), metric.unit)


def change_text(change: FigureChange) -> str:
    """``+1.77亿元，+3.2%`` (percentages change by 个百分点)."""
    delta = change.change
    if delta is None:
        return ""
    unit = "个百分点" if change.new.unit == "%" else change.new.unit
    parts = [signed(delta) + unit]
    if change.relative is not None:
        parts.append(signed(change.relative) + "%")
    return "（" + "，".join(parts) + "）"


def signed(value: Decimal) -> str:
    """A number with an explicit sign."""
    return ("+" if value > 0 else "") + format_number(value)


def format_diff_text(diff: ReportDiff) -> str:
    """The comparison for people."""
    lines = [f"比较：{diff.old_file}（{diff.old_year} 年度）→ {diff.new_file}（{diff.new_year} 年度）"]
    if diff.old_region != diff.new_region:
        lines.append(
            f"注意：两份报告属于不同地区（{diff.old_region}、{diff.new_region}），以下差异是地区之间的，不是逐年的变化。"
        )
    lines.append(f"数据变化 {len(diff.changed)} 个：")
    lines += [
        f"    {c.id}  {c.label}：{figure_text(c.old)} → {figure_text(c.new)}{change_text(c)}" for c in diff.changed
    ]
    sections = [
        ("新增数据", diff.metrics_added),
        ("删除数据", diff.metrics_removed),
        ("新增部分", diff.parts_added),
        ("删除部分", diff.parts_removed),
        ("新增条目", diff.items_added),
        ("删除条目", diff.items_removed),
    ]
    for title, entries in sections:
        if entries:
            lines.append(f"{title} {len(entries)} 个：")
            lines += [f"    {entry_text(e)}" for e in entries]
    if not diff.changed and not any(entries for _, entries in sections):
        lines.append("两份报告的数据与结构相同。")
    return "\n".join(lines)


def entry_text(entry: Entry) -> str:
    """One added or removed entry."""
    if entry.where in ("metrics", "overview.parts", "problems", "plans", "sections"):
        return f"{entry.key}  {entry.heading}"
    return f"{entry.heading}（{entry.where}）"


def diff_json(diff: ReportDiff) -> str:
    """The comparison for machines; numbers are strings to keep their precision."""
    return json.dumps(diff_dict(diff), ensure_ascii=False, indent=2)


def diff_dict(diff: ReportDiff) -> dict[str, Any]:
    """The comparison as plain data."""

    def text(value: Decimal | None) -> str | None:
        return None if value is None else format_number(value)

    def entries(items: list[Entry]) -> list[dict[str, str]]:
        return [{"in": e.where, "key": e.key, "heading": e.heading} for e in items]

    return {
        "old": {"file": diff.old_file, "year": diff.old_year, "region": diff.old_region},
        "new": {"file": diff.new_file, "year": diff.new_year, "region": diff.new_region},
        "figures_changed": [
            {
                "id": c.id,
                "label": c.label,
                "unit": c.new.unit,
                "old_unit": c.old.unit,
                "old": text(c.old.value),
                "new": text(c.new.value),
                "change": text(c.change),
                "relative_change_percent": text(c.relative),
            }
            for c in diff.changed
        ],
        "metrics_added": entries(diff.metrics_added),
        "metrics_removed": entries(diff.metrics_removed),
        "parts_added": entries(diff.parts_added),
        "parts_removed": entries(diff.parts_removed),
        "items_added": entries(diff.items_added),
        "items_removed": entries(diff.items_removed),
    }
