"""The catalogue of finding codes as documentation: docs/CODES.md, and the help of SARIF rule descriptors.

Both come from ``catalogue.ENTRIES``, so a code's explanation and its wrong and right examples read the same in
``govreport codes CODE``, in docs/CODES.md (one anchor per code, the target of SARIF ``helpUri``) and in the
``help`` that GitHub code scanning and other SARIF viewers show beside an alert.
"""

from __future__ import annotations

from toolkit.diagnostics.catalogue import ENTRIES, STAGE_NAMES, CodeEntry
from toolkit.diagnostics.finding import Severity

SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SHELL_WORDS = ("govreport ", "chmod ")


def rule_name(code: str) -> str:
    """The code as a SARIF rule ``name`` (an identifier): ``sum-mismatch`` → ``SumMismatch``."""
    return "".join(part.capitalize() for part in code.split("-"))


def defaults(entry: CodeEntry) -> str:
    """One line: default level, whether it is adjustable, and the stage."""
    adjust = "可在 validation.severity 中调整或关闭" if entry.adjustable else "不可调整"
    level = f"{SEVERITY_WORDS[entry.severity]}（{entry.severity.value}）"
    return f"默认级别：{level}，{adjust}；阶段：{STAGE_NAMES[entry.stage]}"


def _fence(snippet: str) -> list[str]:
    lines = snippet.rstrip("\n").splitlines()
    language = "sh" if any(line.startswith(_SHELL_WORDS) for line in lines) else "yaml"
    return [f"```{language}", *lines, "```"]


def help_markdown(entry: CodeEntry) -> str:
    """The code's help as Markdown: what it means, then a wrong and a right example."""
    lines = [
        f"**{entry.title}**",
        "",
        defaults(entry),
        "",
        entry.explanation,
        "",
        "错误示例：",
        "",
        *_fence(entry.wrong),
        "",
        "正确示例：",
        "",
        *_fence(entry.right),
    ]
    return "\n".join(lines)


def help_text(entry: CodeEntry) -> str:
    """The same help as plain text, for viewers that do not render Markdown."""
    lines = [
        entry.title,
        defaults(entry),
        "",
        entry.explanation,
        "",
        "错误示例：",
        *(f"    {line}" for line in entry.wrong.rstrip("\n").splitlines()),
        "",
        "正确示例：",
        *(f"    {line}" for line in entry.right.rstrip("\n").splitlines()),
    ]
    return "\n".join(lines)


def codes_markdown() -> str:
    """docs/CODES.md: a table of every code, then one section per code (its anchor is the code)."""
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated from toolkit/diagnostics/catalogue.py by `govreport codes --markdown > docs/CODES.md`;"
        " tests/diagnostics/test_code_docs.py fails when it is stale. -->",
        "",
        "Every problem `govreport validate` reports has a stable code. `govreport codes CODE` prints the same",
        "explanation in the terminal; in a SARIF log each rule's `helpUri` points at the code's section below and",
        "its `help` carries the same text. Output formats: [VALIDATION-OUTPUT.md](VALIDATION-OUTPUT.md).",
        "",
        "| code | default | stage | meaning |",
        "|---|---|---|---|",
    ]
    lines += [f"| [`{e.code}`](#{e.code}) | {e.severity.value} | {STAGE_NAMES[e.stage]} | {e.title} |" for e in ENTRIES]
    for entry in ENTRIES:
        lines += ["", f'<a id="{entry.code}"></a>', "", f"## `{entry.code}`", "", help_markdown(entry)]
    return "\n".join(lines) + "\n"
