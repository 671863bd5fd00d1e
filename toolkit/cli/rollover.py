"""``govreport rollover``: next year's draft from this year's report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.app import FILE, main, user_errors

if TYPE_CHECKING:  # the rollover (and ruamel, its round-trip editor) is imported only when the command runs
    from toolkit.workflow.rollover import Rollover


@main.command()
@click.argument("file", type=FILE)
@click.option("--year", type=int, default=None, help="新报告年度；默认为原年度的下一年。")
@click.option(
    "-o",
    "--output",
    type=FILE,
    default=None,
    help="新报告 YAML 文件；默认在原文件旁，把文件名中的年份换成新年度（x-city-2024.yaml → x-city-2025.yaml），"
    "文件名没有年份时加上新年度（report.yaml → report-2025.yaml）。",
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@user_errors
def rollover(file: Path, year: int | None, output: Path | None, force: bool) -> None:
    """由上一年度的报告生成新年度草稿：数值移入 prior，新数值待填报，注释与结构保持不变。"""
    from toolkit.workflow.rollover import rollover_file

    click.echo(format_rollover(rollover_file(file, output, year, force=force)))


def format_rollover(result: Rollover) -> str:
    """What the rollover did, for the drafter."""
    lines = [
        f"已生成：{result.output}（{result.old_year} → {result.new_year} 年度草稿）",
        f"  {len(result.metrics)} 个数据的数值已移入 prior，新数值待填报（value: null）",
        f"  编辑器校验所用的 schema（首行）：{result.schema}",
    ]
    if result.yoy_dropped:
        lines.append(
            f"  删除已述同比增速 {len(result.yoy_dropped)} 个（改为由数值计算）：{'、'.join(result.yoy_dropped)}"
        )
    if result.targets_benchmarked:
        lines.append(
            f"  目标 {len(result.targets_benchmarked)} 个已作为本年度的考核基准（target），实际完成值待填报，"
            f"填报后检查是否完成：{'、'.join(result.targets_benchmarked)}"
        )
    if result.targets_kept:
        lines.append(f"  以后年度的目标 {len(result.targets_kept)} 个保持不变：{'、'.join(result.targets_kept)}")
    for path, old, new in result.dates:
        lines.append(f"  {path}：{old} → {new}" if new else f"  {path}：{old} 已清空，签发前请填写")
    if result.rewritten:
        lines.append(f"  文本中的年份已改为年度变量 {len(result.rewritten)} 处：")
        lines += [f"    {m.location}  {m.old} → {m.new}" for m in result.rewritten]
    if result.kept:
        lines.append(f"  保留原文年份 {len(result.kept)} 处，请核对：")
        lines += [f"    {m.location}  {m.old}（{m.location.path}）" for m in result.kept]
    return "\n".join(lines)
