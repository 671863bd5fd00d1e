"""Findings as SARIF 2.1.0, so editors and CI show them inline: ruleId = finding code, ``level`` on every result.

Each rule descriptor comes from the catalogue of codes (``catalogue.py``): ``name``, the Chinese title as
``shortDescription``, the explanation as ``fullDescription``, ``help`` (text and Markdown, with a wrong and a right
example), ``defaultConfiguration.level`` and a ``helpUri`` to the code's section of docs/CODES.md. The run carries
``automationDetails`` and one invocation with the exit code, so CI tools can tell a clean run from a failed one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from toolkit.diagnostics.catalogue import CATALOGUE
from toolkit.diagnostics.code_docs import help_markdown, help_text, rule_name
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.diagnostics.summary import CheckedFile

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
AUTOMATION_ID = "govreport/validate/"  # category "govreport/validate" for code scanning; no run id
EXIT_CODES = {0: "没有错误", 1: "有错误（--strict 时有警告亦然）"}


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


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result."""
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
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


def rule_descriptor(code: str, docs_url: str, seen: Severity) -> dict[str, Any]:
    """The reportingDescriptor of one code, from the catalogue (``seen``: a level for a code it lacks)."""
    entry = CATALOGUE.get(code)
    if entry is None:  # tests/diagnostics/test_catalogue.py keeps this from happening
        return {"id": code, "name": rule_name(code), "defaultConfiguration": {"level": LEVELS[seen]}}
    return {
        "id": code,
        "name": rule_name(code),
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.explanation},
        "help": {"text": help_text(entry), "markdown": help_markdown(entry)},
        "helpUri": f"{docs_url}#{code}",
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
        "properties": {"tags": [entry.stage]},
    }


def rule_descriptors(findings: Sequence[Finding], docs_url: str) -> list[dict[str, Any]]:
    """reportingDescriptors for every code that occurs, in code order."""
    seen = {f.code: f.severity for f in reversed(findings)}
    return [rule_descriptor(code, docs_url, seen[code]) for code in sorted(seen)]


def format_sarif(results: Sequence[CheckedFile], *, exit_code: int, docs_url: str) -> str:
    """Every file's findings as one SARIF 2.1.0 log with one run.

    ``exit_code`` is the exit code of this ``validate`` run; ``docs_url`` is the absolute URI of docs/CODES.md
    (each rule's ``helpUri`` is it with the code as fragment).
    """
    from toolkit import __version__

    findings = [f for r in results for f in r.findings]
    rules = rule_descriptors(findings, docs_url)
    rule_index = {rule["id"]: k for k, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govreport",
                        "fullName": f"govreport {__version__}：县级政府报告数据校验",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": docs_url,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": AUTOMATION_ID, "description": {"text": "govreport validate"}},
                "invocations": [
                    {
                        "executionSuccessful": True,  # the checks ran; findings are results, not a failure
                        "exitCode": exit_code,
                        "exitCodeDescription": EXIT_CODES.get(exit_code, ""),
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [result(f, rule_index) for f in findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
