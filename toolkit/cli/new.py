"""``govreport new``: a skeleton report for another county."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors
from toolkit.model.frameworks import DEFAULT_TYPE


@main.command()
@click.option("--region", required=True, help="地区名称，如 y县。")
@click.option("--year", type=int, required=True, help="报告年度。")
@click.option("-o", "--output", type=FILE, required=True, help="新报告 YAML 文件。")
@click.option("--level", default="县", show_default=True, help="行政级别：县、县级市、自治县、旗、市辖区等。")
@click.option("--province", default="", help="所属省（自治区、直辖市）。")
@click.option("--type", "kind", default=DEFAULT_TYPE, show_default=True, help="报告类型（框架名）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@user_errors
def new(region: str, year: int, output: Path, level: str, province: str, kind: str, force: bool) -> None:
    """为另一个县生成报告骨架：框架的必备部分与子领域提示，待逐项填写。"""
    from toolkit.workflow.new_county import write_skeleton

    text = write_skeleton(output, region, year, level=level, province=province, kind=kind, force=force)
    click.echo(f"已生成：{output}（{region} {year} 年度骨架；用 govreport status 查看待填内容）")
    click.echo(f"  编辑器校验所用的 schema（首行）：{text.split('$schema=', 1)[1].splitlines()[0]}")
