"""``govreport import``: a .docx, .txt or .md report into a report YAML, then validated with a short summary.

The module is not named ``import`` (a keyword); the command is.
"""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors


@main.command("import")
@click.argument("file", type=FILE)
@click.option("-o", "--output", type=FILE, required=True, help="写出的报告 YAML。")
@click.option("--type", "report_type", default="county-urbanization", show_default=True, help="报告类型（框架）。")
@click.option("--region", default=None, help="地区名称（如 x市）；默认从正文推测。")
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="报告年度；默认从正文推测。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@user_errors
def import_command(
    file: Path, output: Path, report_type: str, region: str | None, year: int | None, force: bool
) -> None:
    """把已有的报告（.docx、.txt、.md）导入为报告 YAML：结构、数字（指标）和原文所述的关系（校验规则）。

    导入后立即校验，并给出小结：识别出的数字、检出的关系、需要核对的地方。
    """
    from toolkit.diagnostics.text_format import format_text
    from toolkit.pipeline import check_file
    from toolkit.workflow.importer import import_file

    imported = import_file(file, output, report_type=report_type, region=region, year=year, force=force)
    checked = check_file(output)
    click.echo(f"已导入：{output}")
    click.echo(
        f"识别出数字 {imported.figures} 个，检出关系 {imported.relations} 条，"
        f"需要核对 {imported.unsure} 处（YAML 中带“请确认”的注释），"
        f"未能放入当前格式的段落 {len(imported.unplaced)} 个。"
    )
    if checked.findings:
        click.echo(format_text(checked.findings, files=[checked.file], rules=checked.rules))
    else:
        click.echo("校验：未发现问题。")
