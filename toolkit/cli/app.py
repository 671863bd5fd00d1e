"""The click group and the one error boundary every command goes through.

Library modules never import click; user errors become Chinese messages and exit code 1 here.
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
