"""``govreport build``: check a report, then write it as .docx, .pdf, .md or .txt."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.writers import FORMATS


@main.command()
@click.argument("file", type=FILE)
@click.option("-o", "--output", type=FILE, help="输出文件；默认与输入同名，扩展名随格式。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="输出格式；默认取自输出文件扩展名（.docx、.pdf、.md、.txt），未给 -o 时为 docx。pdf 需要安装 LibreOffice。",
)
@click.option(
    "--force",
    is_flag=True,
    help="输出文件不是本工具生成的、或生成后被修改过时仍然覆盖；原文件先另存为 <文件名>.bak。",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    multiple=True,
    help="先于项目模板搜索的模板目录（可多次给出）。",
)
@click.option(
    "--draft",
    is_flag=True,
    help="生成草稿：尚未填报的数据以高亮占位符（如 XX亿元）显示；一致性规则不符时照样生成，问题以批注标在正文上。",
)
@click.option("--strict", is_flag=True, help="正式稿有警告（未被引用的指标、缺句末标点的文本等）也不生成。")
@click.option(
    "--annotate",
    is_flag=True,
    help="把每个检查问题作为 Word 批注标在相关数据或语句上（草稿总是带批注；正式稿不带，须与 --draft 同用）。",
)
@click.option(
    "--font-profile",
    type=click.Choice(["gb2312", "win10", "open"]),
    default="gb2312",
    show_default=True,
    help="字体名称：gb2312（仿宋_GB2312 等）、win10（仿宋、楷体等 Windows 10 自带字体）、open（思源/Noto 开源字体）。",
)
@click.option(
    "--public",
    is_flag=True,
    help="生成公开版：标为 masked 的数字印为 **（或报告 publication.mask 设定的记号）；检查仍用真实数值。",
)
@click.option("--bold-level3", is_flag=True, help="三级标题（1.）加粗（本单位习惯；国标不加粗）。")
@click.option("--sealed", is_flag=True, help="按加盖印章的格式排发文机关署名和成文日期（默认不加盖印章）。")
@click.option("--reference-doc", type=FILE, default=None, help="从本单位的 .docx 模板取样式、页面设置和页脚。")
@user_errors
def build(
    file: Path,
    output: Path | None,
    fmt: str | None,
    force: bool,
    templates: tuple[Path, ...],
    draft: bool,
    strict: bool,
    annotate: bool,
    font_profile: str,
    bold_level3: bool,
    sealed: bool,
    reference_doc: Path | None,
    public: bool,
) -> None:
    """检查并生成报告（.docx、.pdf、.md 或 .txt）。有错误或缺数据时不写任何文件（--draft 除外）。"""
    from toolkit.output.guard import output_format
    from toolkit.pipeline import annotation_findings
    from toolkit.pipeline import build as run_build
    from toolkit.writers.options import StyleOptions

    if annotate and not draft:
        raise click.UsageError("批注只用于草稿：请与 --draft 同用（正式稿不带批注）。")
    fmt = output_format(output, fmt, FORMATS)
    out = output or file.with_suffix(f".{fmt}")
    options = StyleOptions(font_profile, bold_level3, sealed, reference_doc)
    checked = run_build(
        file, out, fmt, templates, draft=draft, options=options, force=force, strict=strict, public=public
    )
    report_findings(checked.findings if checked is not None else [], draft)
    notes = len(annotation_findings(checked)) if draft and fmt == "docx" else 0
    click.echo(f"已生成{'草稿' if draft else ''}：{out}" + (f"（批注 {notes} 条）" if notes else ""))


def report_findings(findings: list[Finding], draft: bool) -> None:
    """After a build: a draft lists what it marks; a final build lists its warnings (on stderr)."""
    from toolkit.diagnostics.text_format import format_text

    if draft:
        shown = [f for f in findings if f.severity is not Severity.INFO]
        if shown:
            click.echo("草稿照常生成；以下问题在草稿中已标出（不符的数据红色，待填报的数据黄色）：", err=True)
            click.echo(format_text(shown), err=True)
        return
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    if warnings:
        click.echo(format_text(warnings), err=True)
