"""``govreport status``: read a report and tell what it still lacks (the result; the CLI formats it)."""

from __future__ import annotations

from pathlib import Path

from toolkit.checks.completeness import Status, report_status
from toolkit.model.loading import read_report


def status_file(path: Path) -> Status:
    """Read a report and tell what is missing; raises ReportInvalid when it cannot be read as a report."""
    return report_status(*read_report(path))
