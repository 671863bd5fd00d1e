"""The one exceptions module; only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from toolkit.diagnostics.finding import Finding


class GovreportError(Exception):
    """A user error: bad input or a refused operation. Shown without a traceback, exit code 1."""


class ReportInvalid(GovreportError):
    """Validation produced errors; carries every finding so they are reported together."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} 个问题")
        self.findings = findings


class InternalError(Exception):
    """A bug in govreport, not in the input: the CLI reports it as 内部错误 (exit 3) with a saved report."""
