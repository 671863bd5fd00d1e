"""``govreport build``: check reports, then write each as .docx, .pdf, .md or .txt."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.app import FILE, main, templates_option, user_errors
from toolkit.cli.batch import JOBS, progress_bar, worker_count
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.writers import FORMATS

if TYPE_CHECKING:
    from toolkit.writers.options import StyleOptions


@main.command()
@click.argument("files", type=FILE, nargs=-1, required=True)
@click.option("-o", "--output", type=FILE, help="输出文件（仅一个输入时）；默认与输入同名，扩展名随格式。")
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="输出目录：每个输入写成 <目录>/<文件名>.<格式>；多个输入时必须给出。",
)
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
@templates_option("先于项目模板搜索的模板目录（可多次给出）。")
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
@JOBS
@user_errors
def build(
    files: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
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
    jobs: int,
) -> None:
    """检查并生成报告（.docx、.pdf、.md 或 .txt）。有错误或缺数据时不写任何文件（--draft 除外）。

    可一次给出多个文件（须配合 --out-dir），-j 指定并行进程数；某个文件失败不影响其他文件，
    最后给出汇总，退出码取最严重的结果。
    """
    from toolkit.writers.options import StyleOptions

    if annotate and not draft:
        raise click.UsageError("批注只用于草稿：请与 --draft 同用（正式稿不带批注）。")
    if output is not None and (len(files) > 1 or out_dir is not None):
        raise click.UsageError("-o 只能用于单个输入文件且不能与 --out-dir 同用；多个文件请用 --out-dir。")
    if len(files) > 1 and out_dir is None:
        raise click.UsageError("多个输入文件需要用 --out-dir 指定输出目录。")
    from toolkit.output.guard import output_format

    fmt = output_format(output, fmt, FORMATS)
    options = StyleOptions(font_profile, bold_level3, sealed, reference_doc)
    if out_dir is None:
        from toolkit.pipeline import annotation_findings
        from toolkit.pipeline import build as run_build

        out = output or files[0].with_suffix(f".{fmt}")
        checked = run_build(
            files[0], out, fmt, templates, draft=draft, options=options, force=force, strict=strict, public=public
        )
        report_findings(checked.findings if checked is not None else [], draft)
        notes = len(annotation_findings(checked)) if draft and fmt == "docx" else 0
        click.echo(f"已生成{'草稿' if draft else ''}：{out}" + (f"（批注 {notes} 条）" if notes else ""))
        return
    build_batch(files, out_dir, fmt, templates, draft, options, force, strict, public, worker_count(jobs))


def build_batch(
    files: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    templates: tuple[Path, ...],
    draft: bool,
    options: StyleOptions,
    force: bool,
    strict: bool,
    public: bool,
    jobs: int,
) -> None:
    """Build every file into ``out_dir``; report failures as they are, then one summary; exit from the worst."""
    from toolkit.pipeline import BuildTask, build_files

    outputs = [out_dir / f"{path.stem}.{fmt}" for path in files]
    seen: dict[Path, Path] = {}
    for path, out in zip(files, outputs, strict=True):
        if out in seen:
            raise click.UsageError(f"{seen[out]} 与 {path} 会写到同一个输出文件 {out}，请分开生成。")
        seen[out] = path
    out_dir.mkdir(parents=True, exist_ok=True)
    tasks = [
        BuildTask(path, out, fmt, templates, draft, options, force, strict, public)
        for path, out in zip(files, outputs, strict=True)
    ]
    with progress_bar(len(tasks), "生成") as progress:
        results = build_files(tasks, jobs, progress)
    from toolkit.diagnostics.text_format import format_text

    failed = 0
    for result in results:
        if result.ok:
            continue
        failed += 1
        if result.error is not None:
            click.echo(f"{result.file}: 错误：{result.error}", err=True)
        else:
            click.echo(format_text(result.findings, files=[result.file]), err=True)
    done = len(results) - failed
    kind = "草稿" if draft else ""
    click.echo(f"共 {len(results)} 个文件：已生成{kind} {done} 个，失败 {failed} 个（输出目录 {out_dir}）。")
    sys.exit(max((r.status for r in results), default=0))


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
