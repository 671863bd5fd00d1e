"""``govreport absorb``: a reviewed .docx (tracked changes, comments) back into the report YAML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.app import FILE, main, templates_option, user_errors

if TYPE_CHECKING:  # the reader of .docx files (lxml) is loaded only when absorb runs
    from toolkit.workflow.absorb import Absorbed


@main.command()
@click.argument("docx_file", metavar="EDITED.docx", type=FILE)
@click.argument("report", metavar="REPORT.yaml", type=FILE)
@click.option("-o", "--output", type=FILE, default=None, help="写入新的 YAML 文件；默认改写 REPORT.yaml。")
@click.option("--partial", is_flag=True, help="有无法对应到 YAML 的修改时，仍写入其余修改（默认一处不写）。")
@click.option("--force", is_flag=True, help="-o 指定的文件已存在时覆盖（原文件保留为 .bak）。")
@templates_option("生成该 Word 文件时用的模板目录（与 build --templates 相同）。")
@user_errors
def absorb(
    docx_file: Path, report: Path, output: Path | None, partial: bool, force: bool, templates: tuple[Path, ...]
) -> None:
    """把审阅后的 Word 稿（修订、批注）吸收回报告 YAML：改动的数据、措辞、增删的段落与要点。

    修订按“全部接受”读取；列出每处修订的作者和时间，以及非 govreport 的批注。有无法对应的修改时不写文件
    （--partial 除外）；写入后对结果运行 validate。不加 -o 时改写 REPORT.yaml，原文件保留为 .bak。
    退出码：0 成功；1 未写入或结果有错误；2 用法错误。
    """
    from toolkit.diagnostics.finding import has_errors
    from toolkit.diagnostics.text_format import format_text
    from toolkit.output.guard import check_output, write_output
    from toolkit.pipeline import check_file
    from toolkit.workflow.absorb import absorb as run_absorb

    out = output or report
    in_place = output is None
    inputs = [docx_file] if in_place else [docx_file, report]
    check_output(out, inputs=inputs, force=force or in_place, editable=True)
    result = run_absorb(docx_file, report, templates)
    click.echo(format_review(result))
    problems = result.unplaced + result.warnings
    if problems:
        click.echo(format_text(problems), err=True)
    if result.unplaced and not partial:
        click.echo(
            f"有 {len(result.unplaced)} 处修改无法对应到 YAML，未写入任何文件（确认后可加 --partial 写入其余修改）。"
        )
        sys.exit(1)
    if not result.changed:
        click.echo("没有需要写回 YAML 的修改，未写入文件。")
        return
    from toolkit.model.json_schema import with_modeline
    from toolkit.source.encoding import encode_like

    text = with_modeline(result.text, out)  # kept when it resolves from OUT, else pointed at a schema that does
    data = encode_like(text, result.source_bytes)  # the report's own line breaks and byte-order mark
    backup = write_output(out, data, fmt="yaml", inputs=inputs, force=force or in_place, editable=True)
    click.echo(f"已写入：{out}" + (f"（原文件保留为 {backup}）" if backup else ""))
    checked = check_file(out, templates)
    if checked.findings:
        click.echo(format_text(checked.findings))
    sys.exit(1 if has_errors(checked.findings) else 0)


def format_review(result: Absorbed) -> str:
    """The review printed to the drafter: figures, wording, structure, revisions and comments."""
    p = result.provenance
    lines = [
        f"吸收 {result.docx} → {result.yaml}（生成于 {p.built_at}，govreport {p.tool_version}，源文件 {p.source_name}）"
    ]
    if result.source_changed:
        lines.append("  注意：YAML 在生成 Word 稿之后改过，只能吸收修订（修订模式下的改动）；未留修订的改动无法识别。")
    if result.figures:
        lines.append(f"数据 {len(result.figures)} 项：")
        for change in result.figures:
            detail = "，".join(f"{key} {old or '（无）'} → {new or '（无）'}" for key, old, new in change.fields)
            lines.append(f"  {change.location}  {change.metric}：{change.old} → {change.new}（{detail}）")
    if result.wording:
        lines.append(f"文字 {len(result.wording)} 处：")
        for wording in result.wording:
            lines.append(f"  {wording.location}  {wording.location.path}")
            lines.append(f"    原：{wording.old}")
            lines.append(f"    新：{wording.new}")
            if wording.kept:
                lines.append(f"    保留引用：{'、'.join(wording.kept)}")
            if wording.dropped:
                lines.append(f"    不再引用：{'、'.join(wording.dropped)}")
    for structure in result.structure:
        verb = "新增" if structure.kind == "added" else "删除"
        lines.append(f"{verb}：{structure.location}  {structure.location.path}  {structure.text}")
    if result.revisions:
        lines.append(f"修订 {len(result.revisions)} 处：")
        for revision in result.revisions:
            verb = "插入" if revision.kind == "insert" else "删除"
            who = revision.author or "（无作者）"
            lines.append(f"  第 {revision.paragraph + 1} 段  {who}  {revision.date}  {verb}“{revision.text}”")
    if result.comments:
        lines.append(f"审阅批注 {len(result.comments)} 条（请逐条处理，批注不会写入 YAML）：")
        for comment, where in result.comments:
            place = f"第 {comment.paragraph + 1} 段" if comment.paragraph >= 0 else "未锚定"
            yaml_place = f"（{where}，{where.path}）" if where else ""
            lines.append(f"  {result.docx} {place}{yaml_place}  {comment.author}  {comment.date}：{comment.text}")
    if not (result.changed or result.revisions or result.comments):
        lines.append("Word 稿与 YAML 一致，没有修改。")
    return "\n".join(lines)
