"""``govreport codes``: the catalogue of finding codes, or one code explained (as ``ruff rule``)."""

from __future__ import annotations

import click

from toolkit.cli.app import main
from toolkit.diagnostics.catalogue import CATALOGUE, ENTRIES, STAGE_NAMES, CodeEntry
from toolkit.diagnostics.code_docs import SEVERITY_WORDS
from toolkit.diagnostics.hints import did_you_mean


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="输出全部代码的 Markdown 文档（即 docs/CODES.md）。")
def codes(code: str | None, markdown: bool) -> None:
    """列出全部问题代码；给出代码时解释该代码（含错误与正确示例）。"""
    if markdown:
        from toolkit.diagnostics.code_docs import codes_markdown

        click.echo(codes_markdown(), nl=False)
        return
    if code is None:
        click.echo(catalogue_table())
        return
    entry = CATALOGUE.get(code)
    if entry is None:
        close = did_you_mean(code, CATALOGUE)
        hint = f"，是否应为 “{close}”？" if close else "（用 govreport codes 列出全部代码）"
        raise click.UsageError(f"未知的问题代码 “{code}”{hint}")
    click.echo(explain(entry))


def catalogue_table() -> str:
    """Every code, one line each, grouped by stage."""
    width = max(len(e.code) for e in ENTRIES)
    lines: list[str] = []
    for stage, name in STAGE_NAMES.items():
        mine = [e for e in ENTRIES if e.stage == stage]
        if not mine:
            continue
        lines.append(f"{name}（{stage}）")
        lines += [f"  {e.code:<{width}}  {SEVERITY_WORDS[e.severity]}  {e.title}" for e in mine]
    lines.append(f"共 {len(ENTRIES)} 个代码。用 govreport codes 代码 查看说明与示例。")
    return "\n".join(lines)


def explain(entry: CodeEntry) -> str:
    """One code: its help as plain text (the same text SARIF viewers show), headed by the code."""
    from toolkit.diagnostics.code_docs import help_text

    return f"{entry.code}：{help_text(entry)}"
