"""``govreport forms``: one Excel form per source department for the figures it still owes."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors


@main.command()
@click.argument("file", type=FILE)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, file_okay=False), required=True, help="存放填报表的文件夹。"
)
@click.option("--include-filled", is_flag=True, help="报告中已有的数据也列入（只读），供部门核对。")
@click.option("--force", is_flag=True, help="同名填报表已存在时覆盖。")
@user_errors
def forms(file: Path, output: Path, include_filled: bool, force: bool) -> None:
    """按报送部门生成 Excel 填报表（每个部门一个 .xlsx），列出尚未填报的数据；填好后用 govreport collect 收回。"""
    from toolkit.model.loading import read_report
    from toolkit.writers.forms import write_forms

    report, _ = read_report(file)
    written = write_forms(report, file, output, include_filled=include_filled, force=force)
    if not written:
        click.echo(f"{file}：没有待填报的数据，未生成填报表（如需核对已有数据，请加 --include-filled）。")
        return
    owed = sum(w.owed for w in written)
    click.echo(f"已生成 {len(written)} 个部门的填报表，共 {owed} 项待填数据：{output}")
    for w in written:
        extra = f"，另列已填 {w.listed - w.owed} 项供核对" if w.listed > w.owed else ""
        click.echo(f"  {w.department}：{w.owed} 项待填{extra}  {w.path.name}")
