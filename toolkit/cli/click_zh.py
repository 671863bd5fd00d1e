"""Chinese for click's own messages: usage errors, help headings and prompts.

click marks its messages for gettext (``_("No such option {name!r}.")``), but gettext finds a translation only in
.mo files chosen by the locale variables, which a county office's Windows machine does not set; so a user mistyping
an option read ``Error: No such option '--out-dir'.`` among Chinese messages. ``install`` points the ``_`` and
``ngettext`` every loaded click module took from gettext at this catalogue, so the CLI speaks Chinese whatever the
locale. A message not in it (from a click newer than the catalogue) stays as click wrote it; a test holds the
catalogue to every message of the installed click, placeholders included (written for click 8.4 and 8.5).
"""

from __future__ import annotations

import gettext as _gettext
import sys

MESSAGES: dict[str, str] = {
    # errors a user meets
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少 {param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止。",
    "required": "必填",  # passed to ``_`` through a variable (``extra["required"]``), see THROUGH_A_VARIABLE
    # values of a wrong kind (click's parameter types)
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件，这里需要{name}。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹，这里需要{name}。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取（没有权限）。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入（没有权限）。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行（没有权限）。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数（{number_type}）。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值。可用：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    # help
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "提醒：命令 {name!r} 已弃用。{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "提醒：{param_type} {name!r} 已弃用。{extra_message}"
    ),
    # prompts and the terminal
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不经询问直接确认。",
    "Repeat for confirmation": "请再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以前的版本不支持命令补全。",
    "Unknown standard stream '{name}'": "未知的标准流 '{name}'",
    "Unknown color {colour!r}": "未知的颜色 {colour!r}",
}
"""click's message → its Chinese, with the same placeholders."""

PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "多余的参数（{args}）",
        "多余的参数（{args}）",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "是否应为 {possibility}？",
        "（是否应为其中之一：{possibilities}？）",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "选项 {name!r} 需要一个值。",
        "选项 {name!r} 需要 {nargs} 个值。",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "需要 {nargs} 个值，只给了 1 个。",
        "需要 {nargs} 个值，给了 {len} 个。",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} 不是 {choice}。",
        "{value!r} 不是 {choices} 之一。",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} 不符合格式 {format}。",
        "{value!r} 不符合格式 {formats} 中的任何一种。",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "需要 {len_type} 个值，给了 {len_value} 个。",
        "需要 {len_type} 个值，给了 {len_value} 个。",
    ),
}
"""click's (singular, plural) → their Chinese (singular, plural)."""

UNTRANSLATED: frozenset[str] = frozenset(
    {
        # raised while a command is being declared: a programmer's mistake, never shown to a user
        "Could not determine name for option with declarations {decls!r}",
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
        "Did you mean to pass '--{name}'?",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Name '{name}' defined twice",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Invalid start character for option ({option})",
        "Value must be an iterable.",
        # not words: a type's name in code, and the progress bar's unit of days
        "Choice({choices})",
        "d",
    }
)
"""click's messages left as they are, and why."""

THROUGH_A_VARIABLE: frozenset[str] = frozenset({"required"})
"""Messages click hands to ``_`` in a variable, not as a literal (a scan of its source does not see them)."""


def translate(message: str) -> str:
    """The Chinese of one of click's messages (``gettext``'s signature); unknown ones as they are."""
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """The Chinese of one of click's counted messages (``ngettext``'s signature); unknown ones as they are."""
    pair = PLURALS.get((singular, plural), (singular, plural))
    return pair[0] if n == 1 else pair[1]


def install() -> None:
    """Point the ``_`` and ``ngettext`` of every loaded click module at the catalogue (again: nothing changes).

    Modules click loads only on demand (the progress bar's and the editor's, shell completion) keep gettext's.
    """
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is _gettext.gettext:
            module._ = translate  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is _gettext.ngettext:
            module.ngettext = translate_plural  # type: ignore[attr-defined]
