"""``govreport schema``: write the JSON Schema of the report YAML."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors


@main.command()
@click.option("-o", "--output", type=FILE, default=None, help="输出文件；默认为 schema/report.schema.json。")
@user_errors
def schema(output: Path | None) -> None:
    """导出报告 YAML 的 JSON Schema（供编辑器自动补全）。"""
    from toolkit.model.json_schema import SCHEMA_FILE, report_schema_json
    from toolkit.output.atomic import write_atomic
    from toolkit.resources import data_dir

    out = output or data_dir("schema") / SCHEMA_FILE
    write_atomic(out, report_schema_json().encode("utf-8"))
    click.echo(f"已写入：{out}")
