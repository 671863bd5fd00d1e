"""``govreport outline``: the document tree as an indented outline."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.app import FILE, main, user_errors


@main.command()
@click.argument("file", type=FILE)
@user_errors
def outline(file: Path) -> None:
    """检查报告并以缩进大纲打印文档结构。"""
    from toolkit.pipeline import load_document

    document = load_document(file).document
    assert document is not None
    click.echo(document.outline())
