"""Render findings for people: compiler-style lines grouped by file, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from toolkit.findings import Finding, Severity

_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def format_text(findings: Sequence[Finding], files: Sequence[str] = ()) -> str:
    """Findings grouped by file in line order, followed by counts per severity."""
    order = list(dict.fromkeys([*files, *(f.location.file for f in findings)]))
    lines: list[str] = []
    for name in order:
        mine = sorted(
            (f for f in findings if f.location.file == name), key=lambda f: (f.location.line, f.location.column)
        )
        lines += [f.format() for f in mine]
    counts = Counter(f.severity for f in findings)
    summary = "，".join(f"{_NAMES[s]} {counts[s]} 个" for s in Severity if counts[s])
    lines.append(f"共检查 {len(order)} 个文件：{summary or '未发现问题'}。")
    return "\n".join(lines)
