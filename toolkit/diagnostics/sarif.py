"""Findings as SARIF 2.1.0, so editors and CI show them inline: ruleId = finding code, ``level`` on every result."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from toolkit.diagnostics.catalogue import title
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.diagnostics.summary import CheckedFile

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """A file name as a URI reference: relative paths stay relative (percent-encoded, forward slashes)."""
    path = Path(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def physical(location: Location) -> dict[str, Any]:
    """A SARIF physicalLocation; the region is left out when the line is unknown."""
    out: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(location.file)}}
    if location.line >= 1:
        out["region"] = {"startLine": location.line, "startColumn": max(location.column, 1)}
    return out


def sarif_location(location: Location, index: int | None = None) -> dict[str, Any]:
    """A SARIF location, with the data path as a logical location."""
    out: dict[str, Any] = {"physicalLocation": physical(location)}
    if location.paragraph:
        out["message"] = {"text": f"第{location.paragraph}段"}
        out["properties"] = {"paragraph": location.paragraph}
    if index is not None:
        out["id"] = index
    if location.path:
        out["logicalLocations"] = [{"fullyQualifiedName": location.path, "kind": "member"}]
    return out


def result(finding: Finding) -> dict[str, Any]:
    """One SARIF result."""
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message + (f"（建议：{finding.suggestion}）" if finding.suggestion else "")},
        "locations": [sarif_location(finding.location)],
    }
    if finding.related:
        out["relatedLocations"] = [sarif_location(loc, k) for k, loc in enumerate(finding.related)]
    props = {k: str(v) for k, v in (("observed", finding.observed), ("expected", finding.expected)) if v is not None}
    if finding.rule:
        props["rule"] = finding.rule
    if props:
        out["properties"] = props
    return out


def rule_descriptors(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """reportingDescriptors for every code that occurs, with its Chinese title where the catalogue has one."""
    codes = sorted({f.code for f in findings})
    return [{"id": code, "shortDescription": {"text": title(code)}} for code in codes]


def format_sarif(results: Sequence[CheckedFile]) -> str:
    """Every file's findings as one SARIF 2.1.0 log with one run."""
    from toolkit import __version__

    findings = [f for r in results for f in r.findings]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govreport",
                        "version": __version__,
                        "rules": rule_descriptors(findings),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result(f) for f in findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
