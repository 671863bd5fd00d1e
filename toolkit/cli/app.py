"""The click group and the one error boundary every command goes through.

Library modules never import click; user errors (and OSErrors) become Chinese messages and exit code 1 here. Any
other exception is a bug: the group's last-resort handler saves its traceback to a crash report and says
“内部错误” with that file's path, exit code 3 — a user never sees a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit import __version__
from toolkit.cli import click_zh, no_plugins
from toolkit.errors import GovreportError, ReportInvalid

F = TypeVar("F", bound=Callable[..., Any])

click_zh.install()  # click's own messages (usage errors, help headings) in Chinese, whatever the locale


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
        except OSError as exc:
            where = f"{exc.filename}：" if exc.filename else ""
            click.echo(f"错误：文件操作失败：{where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


INTERNAL_ERROR = 3


def save_crash_report(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected exception to a file in the temporary folder; None if that fails."""
    import platform
    import tempfile
    import traceback

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    text = "".join(
        [
            f"govreport {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
            f"argv: {sys.argv!r}\n\n",
            *traceback.format_exception(exc),
        ]
    )
    try:
        fd, name = tempfile.mkstemp(prefix=f"govreport-crash-{stamp}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return None
    return Path(name)


# The module of ``toolkit.cli`` of each command; a module is imported when its command runs (or is listed by
# --help), so a command loads only what it needs.
COMMANDS = {
    "absorb": "absorb",
    "build": "build",
    "codes": "codes",
    "collect": "collect",
    "diff": "diff",
    "forms": "forms",
    "import": "importer",
    "new": "new",
    "outline": "outline",
    "rollover": "rollover",
    "schema": "schema",
    "status": "status",
    "summary": "summary",
    "validate": "validate",
}


OPTIONS_METAVAR = "[选项]"
"""How a usage line names a command's options (click's ``[OPTIONS]``)."""


class Command(click.Command):
    """A command whose usage line names its options in Chinese (``用法: govreport build [选项] FILES...``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Main(click.Group):
    """The command group, with the last-resort handler around every command; commands are loaded on demand."""

    command_class = Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"toolkit.cli.{COMMANDS[cmd_name]}")  # registers itself on ``main``
            gc.freeze()
            if cmd_name not in COLLECTS_ITSELF:
                gc.enable()
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            if exc.possibilities:
                raise
            # click suggests from the commands loaded so far, none here (they load on demand): suggest from all
            known = self.list_commands(ctx)
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=known, ctx=ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(130)
        except Exception as exc:
            report = save_crash_report(exc)
            where = f"详细信息已保存到 {report}，" if report else ""
            kind = type(exc).__name__
            message = f"内部错误：govreport 遇到了意外情况（{kind}）。{where}请将该文件和所用的 YAML 发给维护者。"
            click.echo(message, err=True)
            sys.exit(INTERNAL_ERROR)


@click.group(
    cls=Main,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar="命令 [参数]...",
)
@click.version_option(__version__, prog_name="govreport")
def main() -> None:
    """govreport：用数据生成县级政府报告（以县城为重要载体的新型城镇化建设推进情况的报告）。"""


FILE = click.Path(path_type=Path, dir_okay=False)


# The cyclic garbage collector is off while the CLI and a command's modules are imported: imports make hundreds of
# thousands of objects it would walk again and again for nothing. Then they are frozen (out of its reach) and it is
# turned on, except for the commands that manage it themselves: ``build`` and ``validate`` run each file with it
# paused and collect once between files, when the file's tree is already garbage (``toolkit.pipeline._slim_call``).
COLLECTS_ITSELF = frozenset({"build", "validate"})


def run() -> None:
    """The console entry point: the CLI, then an immediate exit once stdout and stderr are flushed.

    Why: tearing down the interpreter (pydantic's and the toolkit's modules) costs more than some commands take.
    Every output is already written, flushed and closed (``toolkit.output``), worker pools are shut down, and
    nothing the CLI uses needs an ``atexit`` handler. The cyclic garbage collector is off while modules are
    imported (``COLLECTS_ITSELF``), and pydantic neither scans the installed packages for plugins nor imports the
    machinery to (``toolkit.cli.no_plugins``).
    """
    gc.disable()  # until the command's modules are imported (see COLLECTS_ITSELF)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # no plugin scan: the CLI's models use none
    no_plugins.install()
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        pass
    os._exit(code)


def templates_option(help_text: str) -> Callable[[F], F]:
    """``--templates DIR`` (repeatable): the block-template folders searched before the project's own."""
    return click.option(
        "--templates",
        "templates",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        multiple=True,
        help=help_text,
    )
