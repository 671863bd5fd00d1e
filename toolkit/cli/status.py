"""``govreport status``: missing figures by source department, and percent complete."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from toolkit.checks.completeness import Figure, Status
from toolkit.chinese.figures import format_number, percent_of
from toolkit.cli.app import FILE, main, user_errors


@main.command()
@click.argument("file", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式，默认 text。")
@user_errors
def status(file: Path, fmt: str) -> None:
    """按报送部门列出尚未填报的数据与完成比例；仍有缺项时退出码为 1。"""
    from toolkit.workflow.status import status_file

    result = status_file(file)
    click.echo(status_json(result) if fmt == "json" else format_status_text(result))
    sys.exit(0 if result.complete else 1)


def percent_complete(figures: list[Figure]) -> str:
    """Share of figures filled, as written in the status (``72.6%``)."""
    filled = sum(not f.missing for f in figures)
    return f"{format_number(percent_of(filled, len(figures)))}%"


def format_status_text(status: Status) -> str:
    """The status for people: a summary line, then each department with what it still owes."""
    missing = status.missing
    lines = [
        f"{status.file}：{status.year} 年度，共 {len(status.figures)} 个数据，已填 "
        f"{len(status.figures) - len(missing)} 个，缺 {len(missing)} 个，"
        + (
            f"数据完成 {percent_complete(status.figures)}，另有 {len(status.empty_parts)} 个部分尚无内容。"
            if status.empty_parts
            else f"完成 {percent_complete(status.figures)}。"
        )
    ]
    for name, figures in status.by_source().items():
        owed = [f for f in figures if f.missing]
        if not owed:
            lines.append(f"{name}：已齐（{len(figures)} 个）")
            continue
        lines.append(f"{name}：缺 {len(owed)} / 共 {len(figures)} 个（完成 {percent_complete(figures)}）")
        lines += [f"    {f.id}  {f.label}（{f.unit}）  第 {f.where.line} 行" for f in owed]
    if status.empty_parts:
        lines.append(f"尚无内容的部分 {len(status.empty_parts)} 个：")
        lines += [
            f"    {p.number}{p.heading}{f'（{p.pillar}）' if p.pillar else ''}  第 {p.location.line} 行"
            for p in status.empty_parts
        ]
    lines.append("已全部填报。" if status.complete else "尚未完成。")
    return "\n".join(lines)


def status_json(status: Status) -> str:
    """The status for machines."""
    return json.dumps(status_dict(status), ensure_ascii=False, indent=2)


def status_dict(status: Status) -> dict[str, Any]:
    """The status as plain data."""
    filled = len(status.figures) - len(status.missing)
    return {
        "file": status.file,
        "year": status.year,
        "complete": status.complete,
        "total": len(status.figures),
        "filled": filled,
        "missing": len(status.missing),
        "percent_complete": float(percent_of(filled, len(status.figures))),
        "sources": [source_dict(name, figures) for name, figures in status.by_source().items()],
        "empty_parts": [
            {"number": p.number, "heading": p.heading, "pillar": p.pillar, "line": p.location.line}
            for p in status.empty_parts
        ],
    }


def source_dict(name: str, figures: list[Figure]) -> dict[str, Any]:
    """One department's figures as plain data."""
    owed = [f for f in figures if f.missing]
    return {
        "source": name,
        "total": len(figures),
        "missing": len(owed),
        "percent_complete": float(percent_of(len(figures) - len(owed), len(figures))),
        "figures": [
            {"id": f.id, "label": f.label, "unit": f.unit, "line": f.where.line, "path": f.where.path} for f in owed
        ],
    }
