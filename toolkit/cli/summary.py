"""``govreport summary``: the prefecture's table of its counties' reports, as .xlsx, Markdown or csv."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors

MANY_FILES = 5  # a progress bar from this many reports on, on a terminal only


@main.command()
@click.argument("files", type=FILE, nargs=-1, required=True)
@click.option("-o", "--output", type=FILE, required=True, help="汇总表：.xlsx、.md 或 .csv。")
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "md", "csv"]), default=None, help="输出格式，默认按扩展名。"
)
@click.option(
    "--force", is_flag=True, help="输出文件已存在且不是本工具生成的（或已被修改）时仍覆盖（原文件保留为 .bak）。"
)
@user_errors
def summary(files: tuple[Path, ...], output: Path, fmt: str | None, force: bool) -> None:
    """地级市汇总各县报告：每县一行，可比的数据各一列（换算为同一单位），附各县校验状态与可加总数据的合计。"""
    from toolkit.output.guard import check_output, output_format, write_output
    from toolkit.pipeline import check_file
    from toolkit.workflow.summary import summarize
    from toolkit.writers.tables import TABLE_FORMATS, write_table

    kind = output_format(output, fmt, TABLE_FORMATS, default="xlsx")
    check_output(output, inputs=list(files), force=force)
    if sys.stderr.isatty() and len(files) >= MANY_FILES:
        with click.progressbar(files, label="检查报告", file=sys.stderr) as bar:
            checked = [check_file(path) for path in bar]
    else:
        checked = [check_file(path) for path in files]
    result = summarize(checked)
    title = "以县城为重要载体的新型城镇化建设推进情况汇总表"
    footer = [
        "可比数据：同一支柱（及子领域）下名称相同、单位同类的数据，已换算为同一单位。",
        "合计：仅对可加总的数据（金额、数量、长度、面积、装机等，不含百分比），且同一年度至少两县填报时给出；"
        "“填报县数”为合计所含的县数。",
    ]
    data = write_table(kind, title, result.header(), [*result.body(), *result.totals()], footer)
    write_output(output, data, fmt=kind, inputs=list(files), force=force)
    states = ", ".join(f"{r.region} {r.year or ''} {r.state}".replace("  ", " ") for r in result.rows)
    click.echo(f"已生成：{output}（{len(result.rows)} 份报告，{len(result.columns)} 个可比数据列）：{states}")
    sys.exit(0)
