"""Read back what a workflow command is about to write: it must load as a valid report, or it is a bug."""

from __future__ import annotations

from toolkit.checks.framework import check_framework
from toolkit.errors import InternalError
from toolkit.model.loading import model_report
from toolkit.model.report import Report
from toolkit.source.reader import parse_yaml


def read_back(text: str, name: str, *, framework: bool = False) -> Report:
    """The report ``text`` (about to be written to ``name``) loads, and with ``framework`` has every pillar.

    Raises InternalError: the input was valid, so an invalid result is the toolkit's fault, never the user's.
    """
    loaded = parse_yaml(text, name)
    report, findings = model_report(loaded.data, loaded.source)
    if report is not None and framework:
        findings = check_framework(report, loaded.source)
    if report is None or findings:
        detail = "; ".join(f"{f.code} {f.location.path}" for f in findings)
        raise InternalError(f"{name}: the generated report does not read back: {detail}")
    return report
