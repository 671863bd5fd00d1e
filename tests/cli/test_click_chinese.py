"""click's own messages (usage errors, help) reach the user in Chinese, whatever the locale."""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.paths import ROOT, SAMPLE_2024
from toolkit.cli import click_zh
from toolkit.cli.app import main

ENGLISH = ("Usage:", "Error:", "Try '", "Show this message", "[required]", "[OPTIONS]", "No such", "Missing ")


def click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message the installed click hands to gettext as a literal: singular ones, and (singular, plural)."""
    singular: set[str] = set()
    plural: set[tuple[str, str]] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id == "_" and len(texts) == 1:
                singular.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plural.add((texts[0], texts[1]))
    return singular, plural


def placeholders(text: str) -> list[tuple[str, str | None, str | None]]:
    """The ``{field!conversion:spec}`` and ``%(name)s`` placeholders of a message, sorted."""
    fields = [(name, conv, spec) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    fields += [(name, "%", None) for name in re.findall(r"%\((\w+)\)s", text)]
    return sorted(fields, key=repr)


def test_every_message_of_the_installed_click_is_translated_or_set_aside() -> None:
    singular, plural = click_messages()
    assert len(singular) > 50 and len(plural) > 5  # the scan found click's messages
    missing = singular - click_zh.MESSAGES.keys() - click_zh.UNTRANSLATED
    assert not missing, f"click messages without Chinese: {sorted(missing)}"
    assert not plural - click_zh.PLURALS.keys(), f"counted messages without Chinese: {plural - click_zh.PLURALS.keys()}"


def test_translations_keep_every_placeholder() -> None:
    for english, chinese in click_zh.MESSAGES.items():
        assert placeholders(chinese) == placeholders(english), english
    for (one, many), (one_zh, many_zh) in click_zh.PLURALS.items():
        assert placeholders(one_zh) == placeholders(one), one
        assert placeholders(many_zh) == placeholders(many), many


def test_unknown_messages_pass_through_and_counts_choose_the_form() -> None:
    assert click_zh.translate("a message of a newer click") == "a message of a newer click"
    assert click_zh.translate_plural("one {n}", "many {n}", 1) == "one {n}"
    assert click_zh.translate_plural("one {n}", "many {n}", 3) == "many {n}"
    key = ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.")
    one, many = click_zh.PLURALS[key]
    assert one != many
    assert click_zh.translate_plural(*key, 1) == one
    assert click_zh.translate_plural(*key, 2) == many


def test_install_points_every_loaded_click_module_at_the_catalogue() -> None:
    import gettext

    click_zh.install()  # again: nothing changes
    for name, module in sys.modules.items():
        if name == "click" or name.startswith("click."):
            assert getattr(module, "_", None) is not gettext.gettext, name
            assert getattr(module, "ngettext", None) is not gettext.ngettext, name
    assert click.core._ is click_zh.translate  # type: ignore[attr-defined]
    assert click.exceptions.ngettext is click_zh.translate_plural  # type: ignore[attr-defined]


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args))


def no_english(output: str) -> None:
    for words in ENGLISH:
        assert words not in output, (words, output)


def test_an_unknown_option_is_refused_in_chinese(tmp_path: Path) -> None:
    result = invoke("forms", str(SAMPLE_2024), "--out-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "错误：没有选项 '--out-dir'。" in result.output
    assert "用法: main forms [选项] FILE" in result.output
    assert "运行 'main forms --help' 查看帮助。" in result.output
    no_english(result.output)


def test_a_mistyped_command_is_refused_with_a_suggestion() -> None:
    result = invoke("bulid", str(SAMPLE_2024))
    assert result.exit_code == 2
    assert "错误：没有命令 'bulid'。" in result.output and "是否应为 'build'？" in result.output
    no_english(result.output)


def test_a_missing_argument_and_a_missing_option_are_named_in_chinese() -> None:
    result = invoke("build")
    assert result.exit_code == 2 and "错误：缺少参数 'FILES...'" in result.output
    no_english(result.output)
    result = invoke("forms", str(SAMPLE_2024))
    assert result.exit_code == 2 and "错误：缺少选项 '-o' / '--output'" in result.output
    no_english(result.output)


def test_wrong_values_are_explained_in_chinese(tmp_path: Path) -> None:
    result = invoke("build", str(SAMPLE_2024), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert f"错误：'-o' / '--output' 的值无效：'{tmp_path}' 是文件夹，这里需要文件。" in result.output
    result = invoke("status", str(SAMPLE_2024), "--format", "xml")
    assert result.exit_code == 2 and "'xml' 不是 'text', 'json' 之一。" in result.output
    result = invoke("build", str(SAMPLE_2024), "-j")
    assert result.exit_code == 2 and "错误：选项 '-j' 需要一个值。" in result.output
    result = invoke("build", str(SAMPLE_2024), "-j", "many")
    assert result.exit_code == 2 and "'many' 不是有效的数" in result.output
    no_english(result.output)


@pytest.mark.parametrize("args", [["--help"], ["forms", "--help"], ["build", "-h"]])
def test_help_is_in_chinese(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0
    assert result.output.startswith("用法: main ")
    assert "[选项]" in result.output and "选项:" in result.output and "显示本帮助并退出。" in result.output
    no_english(result.output)


def test_help_marks_a_required_option_and_the_version_in_chinese() -> None:
    assert "[必填]" in invoke("forms", "--help").output
    assert invoke("--help").output.count("命令:") == 1
    version = invoke("--version")
    assert version.exit_code == 0 and version.output.startswith("govreport，版本 ")


def test_a_mistyped_command_in_a_process_is_refused_in_chinese(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true", "LANG": "C", "LC_ALL": "C"}
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "bulid"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "错误：没有命令 'bulid'。" in proc.stderr and "是否应为 'build'？" in proc.stderr
    no_english(proc.stderr)


@pytest.mark.parametrize("command", ["status", "diff", "validate"])
def test_every_format_option_names_its_default(command: str) -> None:
    line = next(row for row in invoke(command, "--help").output.splitlines() if "--format" in row)
    assert "默认 text" in line
