"""``govreport validate``: every check on one or more reports, as text, JSON or SARIF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.app import FILE, main, templates_option, user_errors
from toolkit.cli.batch import JOBS, progress_bar, worker_count


@main.command()
@click.argument("files", type=FILE, nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", help="输出格式，默认 text。"
)
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束。")
@click.option(
    "--docs-url",
    default=None,
    metavar="URL",
    help="SARIF 规则 helpUri 所指的 docs/CODES.md 的网址（如代码仓库中该文件的地址）；默认为本机安装中的该文件。",
)
@click.option(
    "--prior",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="上一年度的报告 YAML：其指标值作为本年同名指标的上年数值，用于核对同比增速。",
)
@templates_option("同时检查这些文件夹中的块模板（与 build --templates 相同，可多次给出）。")
@JOBS
@user_errors
def validate(
    files: tuple[Path, ...],
    fmt: str,
    strict: bool,
    docs_url: str | None,
    prior: Path | None,
    templates: tuple[Path, ...],
    jobs: int,
) -> None:
    """检查报告 YAML：结构、文本引用、数据一致性规则与文本检查，按文件输出问题清单。

    也可直接检查 .docx、.txt、.md 报告：先在内存中导入，问题定位到段落（如 x.docx:第12段）。

    多个文件可用 -j 并行检查。退出码：0 无错误；1 有错误（--strict 时有警告亦然）；2 用法错误。
    """
    from toolkit.diagnostics.text_format import failed, format_json, format_text
    from toolkit.pipeline import validate_files

    with progress_bar(len(files), "检查") as progress:
        results = validate_files(files, prior, templates, worker_count(jobs), progress)
    code = 1 if failed(results, strict) else 0
    if fmt == "json":
        click.echo(format_json(results, strict))
    elif fmt == "sarif":
        from toolkit.diagnostics.sarif import format_sarif
        from toolkit.resources import data_dir

        docs = docs_url or (data_dir("docs") / "CODES.md").resolve().as_uri()
        click.echo(format_sarif(results, exit_code=code, docs_url=docs))
    else:
        findings = [finding for r in results for finding in r.findings]
        rules = [summary for r in results for summary in r.rules]
        click.echo(format_text(findings, files=[r.file for r in results], rules=rules))
    sys.exit(code)
