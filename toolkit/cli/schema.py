"""``govreport schema``: write the JSON Schema of the report YAML."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors


@main.command()
@click.option(
    "-o",
    "--output",
    type=FILE,
    default=None,
    help="输出文件；默认为当前文件夹下的 report.schema.json。写到团队文件夹（或其 schema/ 子文件夹）后，"
    "new、rollover 在该文件夹及其下写出的文件即以相对路径引用它。",
)
@click.option("--force", is_flag=True, help="覆盖非本工具生成或已被修改的文件（原文件另存为 .bak）。")
@user_errors
def schema(output: Path | None, force: bool) -> None:
    """导出报告 YAML 的 JSON Schema（供编辑器校验与自动补全）。"""
    from toolkit.model.json_schema import SCHEMA_FILE, report_schema_json
    from toolkit.output.guard import write_output

    out = output or Path(SCHEMA_FILE)
    write_output(out, report_schema_json().encode("utf-8"), fmt="json", force=force)
    click.echo(f"已写入：{out}")
