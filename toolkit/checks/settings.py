"""The report's own validation settings applied to findings: severities changed or switched off by code."""

from __future__ import annotations

from toolkit.diagnostics.finding import Finding, Severity
from toolkit.model.rules import Validation


def apply_settings(findings: list[Finding], settings: Validation) -> list[Finding]:
    """Apply the report's severity overrides by code; ``off`` drops a finding."""
    out = []
    for finding in findings:
        level = settings.severity.get(finding.code)
        if level == "off":
            continue
        if level is not None:
            finding.severity = Severity(level)
        out.append(finding)
    return out
