"""``govreport collect``: the departments' forms back into the report, then validate and status."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors
from toolkit.diagnostics.finding import Severity, has_errors
from toolkit.workflow.collect import DEFAULT_JUMP, Collected


@main.command()
@click.argument("file", type=FILE)
@click.argument("workbooks", type=click.Path(path_type=Path, dir_okay=False, exists=True), nargs=-1, required=True)
@click.option("--force", is_flag=True, help="报告中已填的数据也用表中的数值替换。")
@click.option("--partial", is_flag=True, help="有无法读取的单元格或冲突时，仍写入其余数据。")
@click.option(
    "--jump",
    type=click.FloatRange(min=0),
    default=float(DEFAULT_JUMP),
    show_default=True,
    help="与上年数值相比变化超过此百分比时给出警告。",
)
@user_errors
def collect(file: Path, workbooks: tuple[Path, ...], force: bool, partial: bool, jump: float) -> None:
    """把各部门填好的 Excel 填报表写回报告 YAML（保留注释与顺序），随后检查报告并列出仍缺的数据。

    有无法读取的单元格或两表数值冲突时不写入任何数据（除非 --partial）。退出码：0 成功；1 有错误。
    """
    from toolkit.checks.completeness import report_status
    from toolkit.cli.status import format_status_text
    from toolkit.pipeline import check_file
    from toolkit.workflow.collect import collect_files

    result = collect_files(file, workbooks, force=force, partial=partial, jump=Decimal(str(jump)))
    click.echo(format_collected(result))
    checked = check_file(file)
    shown = [f for f in checked.findings if f.severity is not Severity.INFO]
    infos = len(checked.findings) - len(shown)
    more = f"（另有提示 {infos} 个，详见 govreport validate）" if infos else ""
    click.echo(f"\n检查 {file}：" + ("未发现错误或警告" if not shown else f"错误或警告 {len(shown)} 个") + more)
    for finding in shown:
        click.echo(finding.format())
    if checked.report is not None and checked.source is not None:
        click.echo("\n" + format_status_text(checked.status or report_status(checked.report, checked.source)))
    sys.exit(1 if has_errors(result.findings) or not checked.ok else 0)


def format_collected(result: Collected) -> str:
    """What collect read, found and wrote, for the drafter."""
    lines = [f"读取填报表 {len(result.forms)} 个，有数值的单元格 {result.cells_read} 个。"]
    lines += [finding.format() for finding in result.findings]
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    warnings = sum(f.severity is Severity.WARNING for f in result.findings)
    if errors or warnings:
        lines.append(f"错误 {errors} 个，警告 {warnings} 个。")
    if result.blocked:
        lines.append(
            f"未写入任何数据：有 {errors} 个错误。请修正后重新收集，或加 --partial 先写入其余 "
            f"{len(result.changes)} 个数据。"
        )
    elif result.written:
        kept = f"（原文件保留为 {result.backup.name}）" if result.backup else ""
        lines.append(f"已写入 {result.file}：{len(result.changes)} 个数据{kept}。")
        for c in result.changes:
            old = "" if c.old is None else f"{c.old} → "
            lines.append(f"    {c.metric}  {c.label}：{old}{c.new}{c.unit}  （{c.where}）")
    else:
        lines.append("没有需要写入的数据。")
    if result.notes:
        lines.append("部门备注：")
        lines += [f"    {n.metric}  {n.label}：{n.text}  （{n.where}）" for n in result.notes]
    return "\n".join(lines)
