"""Render findings for people: compiler-style lines grouped by file, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.diagnostics.summary import CheckedFile, RuleSummary

_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def format_text(findings: Sequence[Finding], files: Sequence[str] = (), rules: Sequence[RuleSummary] = ()) -> str:
    """Findings grouped by file in line order, then the per-rule summary, then counts per severity."""
    order = list(dict.fromkeys([*files, *(f.location.file for f in findings)]))
    lines: list[str] = []
    for name in order:
        mine = sorted((f for f in findings if f.location.file == name), key=lambda f: position(f.location))
        lines += [f.format() for f in mine]
    lines += rule_table(rules, several=len(order) > 1)
    counts = Counter(f.severity for f in findings)
    summary = "，".join(f"{_NAMES[s]} {counts[s]} 个" for s in Severity if counts[s])
    lines.append(f"共检查 {len(order)} 个文件：{summary or '未发现问题'}。")
    return "\n".join(lines)


def position(location: Location) -> tuple[int, int, int]:
    """Sort key of a place: line, paragraph (imported documents), column."""
    return location.line, location.paragraph, location.column


def rule_table(rules: Sequence[RuleSummary], several: bool = False) -> list[str]:
    """The per-rule summary: items, passes, fails and not evaluated, one line per rule."""
    if not rules:
        return []
    width = max(len(r.rule) for r in rules)
    lines = ["规则汇总（项数 通过 不符 未评估）："]
    current = None
    for r in rules:
        if several and r.file != current:
            current = r.file
            lines.append(f"  {r.file}")
        lines.append(f"  {r.rule:<{width}}  {r.items:>3} {r.passes:>4} {r.fails:>4} {r.not_evaluated:>6}")
    return lines


def failed(results: Sequence[CheckedFile], strict: bool = False) -> bool:
    """True when any file has an error, or a warning under ``strict``."""
    bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in bad for r in results for f in r.findings)


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings per severity: {"error": n, "warning": n, "info": n}."""
    found = Counter(f.severity for f in findings)
    return {s.value: found[s] for s in Severity}


def finding_data(finding: Finding) -> dict[str, Any]:
    """One finding as JSON-ready data (documented in docs/VALIDATION-OUTPUT.md)."""
    loc = finding.location
    return {
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "path": loc.path,
        "paragraph": loc.paragraph,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "rule": finding.rule,
        "observed": _plain(finding.observed),
        "expected": _plain(finding.expected),
        "suggestion": finding.suggestion,
        "related": [
            {"file": r.file, "line": r.line, "column": r.column, "path": r.path, "paragraph": r.paragraph}
            for r in finding.related
        ],
    }


def _plain(value: Any) -> str | None:
    return None if value is None else str(value)


def format_json(results: Sequence[CheckedFile], strict: bool = False) -> str:
    """Findings and the per-rule summary of every file as one JSON document."""
    import json

    from toolkit import __version__

    findings = [f for r in results for f in r.findings]
    rules = [s for r in results for s in r.rules]
    data = {
        "tool": {"name": "govreport", "version": __version__},
        "format_version": 1,
        "valid": not failed(results, strict),
        "strict": strict,
        "counts": counts(findings),
        "files": [{"file": r.file, "valid": not failed([r], strict), "counts": counts(r.findings)} for r in results],
        "findings": [finding_data(f) for f in sorted_findings(findings)],
        "rules": [s.as_dict() for s in rules],
        "rule_totals": {
            key: sum(getattr(s, key) for s in rules) for key in ("items", "passes", "fails", "not_evaluated")
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Findings by file (first appearance), then line and column."""
    order = {name: k for k, name in enumerate(dict.fromkeys(f.location.file for f in findings))}
    return sorted(findings, key=lambda f: (order[f.location.file], *position(f.location)))
