"""The click CLI: thin commands mapping options to one library call each.

Library modules never import click; user errors become Chinese messages and exit code 1 here, at one boundary.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit import __version__
from toolkit.errors import GovreportError, ReportInvalid

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn library errors into messages on stderr and exit code 1, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReportInvalid as exc:
            from toolkit.diagnostics.text_format import format_text

            click.echo(format_text(exc.findings), err=True)
            sys.exit(1)
        except GovreportError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govreport")
def main() -> None:
    """govreport：用数据生成县级政府报告（以县城为重要载体的新型城镇化建设推进情况的报告）。"""


FILE = click.Path(path_type=Path, dir_okay=False)


@main.command()
@click.argument("file", type=FILE)
@click.option("-o", "--output", type=FILE, help="输出文件；默认与输入同名，扩展名随格式。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "md", "txt"]),
    default=None,
    help="输出格式；默认取自输出文件扩展名，否则为 docx。pdf 需要安装 LibreOffice。",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    multiple=True,
    help="先于项目模板搜索的模板目录（可多次给出）。",
)
@click.option("--draft", is_flag=True, help="生成草稿：尚未填报的数据以高亮占位符（如 XX亿元）显示。")
@click.option(
    "--font-profile",
    type=click.Choice(["gb2312", "win10", "open"]),
    default="gb2312",
    show_default=True,
    help="字体名称：gb2312（仿宋_GB2312 等）、win10（仿宋、楷体等 Windows 10 自带字体）、open（思源/Noto 开源字体）。",
)
@click.option("--bold-level3", is_flag=True, help="三级标题（1.）加粗（本单位习惯；国标不加粗）。")
@click.option("--sealed", is_flag=True, help="按加盖印章的格式排发文机关署名和成文日期（默认不加盖印章）。")
@click.option("--reference-doc", type=FILE, default=None, help="从本单位的 .docx 模板取样式、页面设置和页脚。")
@user_errors
def build(
    file: Path,
    output: Path | None,
    fmt: str | None,
    templates: tuple[Path, ...],
    draft: bool,
    font_profile: str,
    bold_level3: bool,
    sealed: bool,
    reference_doc: Path | None,
) -> None:
    """检查并生成报告（.docx、.pdf、.md 或 .txt）。有错误或缺数据时不写任何文件（--draft 除外）。"""
    from toolkit.pipeline import FORMATS
    from toolkit.pipeline import build as run_build
    from toolkit.writers.options import StyleOptions

    if fmt is None:
        suffix = output.suffix.lstrip(".").lower() if output else ""
        fmt = suffix if suffix in FORMATS else "docx"
    out = output or file.with_suffix(f".{fmt}")
    options = StyleOptions(font_profile, bold_level3, sealed, reference_doc)
    run_build(file, out, fmt, templates, draft=draft, options=options)
    click.echo(f"已生成{'草稿' if draft else ''}：{out}")


@main.command()
@click.argument("files", type=FILE, nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", help="输出格式，默认 text。"
)
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束。")
@click.option(
    "--prior",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="上一年度的报告 YAML：其指标值作为本年同名指标的上年数值，用于核对同比增速。",
)
@user_errors
def validate(files: tuple[Path, ...], fmt: str, strict: bool, prior: Path | None) -> None:
    """检查报告 YAML：结构、文本引用、数据一致性规则与文本检查，按文件输出问题清单。

    退出码：0 无错误；1 有错误（--strict 时有警告亦然）；2 用法错误。
    """
    from toolkit.diagnostics.text_format import failed, format_json, format_text
    from toolkit.pipeline import validate_files

    results = validate_files(files, prior)
    if fmt == "json":
        click.echo(format_json(results, strict))
    elif fmt == "sarif":
        from toolkit.diagnostics.sarif import format_sarif

        click.echo(format_sarif(results))
    else:
        findings = [finding for r in results for finding in r.findings]
        rules = [summary for r in results for summary in r.rules]
        click.echo(format_text(findings, files=[r.file for r in results], rules=rules))
    sys.exit(1 if failed(results, strict) else 0)


@main.command()
@click.argument("file", type=FILE)
@user_errors
def outline(file: Path) -> None:
    """检查报告并以缩进大纲打印文档结构。"""
    from toolkit.pipeline import load_document

    document = load_document(file).document
    assert document is not None
    click.echo(document.outline())


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


@main.command()
@click.argument("file", type=FILE)
@click.option("--year", type=int, default=None, help="新报告年度；默认为原年度的下一年。")
@click.option("-o", "--output", type=FILE, required=True, help="新报告 YAML 文件。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@user_errors
def rollover(file: Path, year: int | None, output: Path, force: bool) -> None:
    """由上一年度的报告生成新年度草稿：数值移入 prior，新数值待填报，注释与结构保持不变。"""
    from toolkit.workflow.rollover import format_rollover, rollover_file

    click.echo(format_rollover(rollover_file(file, output, year, force=force)))


@main.command()
@click.argument("file", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式。")
@user_errors
def status(file: Path, fmt: str) -> None:
    """按报送部门列出尚未填报的数据与完成比例；仍有缺项时退出码为 1。"""
    from toolkit.workflow.status import format_status_text, status_file, status_json

    result = status_file(file)
    click.echo(status_json(result) if fmt == "json" else format_status_text(result))
    sys.exit(0 if result.complete else 1)


@main.command()
@click.argument("old", type=FILE)
@click.argument("new", type=FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式。")
@user_errors
def diff(old: Path, new: Path, fmt: str) -> None:
    """比较两份报告：数据变化（含增减量与增减幅度），新增或删除的数据、部分与条目。"""
    from toolkit.workflow.diff import diff_files, diff_json, format_diff_text

    result = diff_files(old, new)
    click.echo(diff_json(result) if fmt == "json" else format_diff_text(result))


@main.command()
@click.option("--region", required=True, help="地区名称，如 y县。")
@click.option("--year", type=int, required=True, help="报告年度。")
@click.option("-o", "--output", type=FILE, required=True, help="新报告 YAML 文件。")
@click.option("--level", default="县", show_default=True, help="行政级别：县、县级市、自治县、旗、市辖区等。")
@click.option("--province", default="", help="所属省（自治区、直辖市）。")
@click.option("--type", "kind", default="county-urbanization", show_default=True, help="报告类型（框架名）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@user_errors
def new(region: str, year: int, output: Path, level: str, province: str, kind: str, force: bool) -> None:
    """为另一个县生成报告骨架：框架的必备部分与子领域提示，待逐项填写。"""
    from toolkit.workflow.new_county import write_skeleton

    write_skeleton(output, region, year, level=level, province=province, kind=kind, force=force)
    click.echo(f"已生成：{output}（{region} {year} 年度骨架；用 govreport status 查看待填内容）")
