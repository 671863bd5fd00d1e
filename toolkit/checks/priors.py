"""Last year's report as a source of prior values (``validate --prior LAST_YEAR.yaml``).

Its values stand in for a metric's missing ``prior:`` only when it is the same region's report of the year before:
another county's report, or the wrong year's, would make every growth check compare unrelated figures. Then one
``prior-mismatch`` warning says why, and its values are not used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.checks.rules.figures import Prior
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.model.loading import read_report
from toolkit.model.report import Report, iter_metrics
from toolkit.source.reader import SourceMap


@dataclass(frozen=True)
class PriorReport:
    """The figures of the report given as last year's, by metric id, and whose report it is."""

    values: Mapping[str, Prior]
    file: str
    region: str
    year: int


def load_priors(path: Path) -> PriorReport:
    """Every metric of the prior report that has a value, by id, with its place in that file.

    Raises:
        ReportInvalid: the prior report cannot be read or modelled.
    """
    report, source = read_report(path)
    priors: dict[str, Prior] = {}
    for name, metric, metric_path in iter_metrics(report):
        if metric.value is not None:
            priors.setdefault(name, Prior(metric.value, source.locate((*metric_path, "value"))))
    return PriorReport(priors, str(path), report.meta.region.name, report.meta.year)


def prior_mismatch(report: Report, source: SourceMap, prior: PriorReport) -> Finding | None:
    """Why ``prior`` is not last year's report of this one's region (None when it is)."""
    where_file = Location(prior.file, 1, 1)
    if prior.region.strip() != report.meta.region.name.strip():
        message = (
            f"--prior 给出的是{prior.region}的报告，本报告是{report.meta.region.name}的；"
            "其数值未作为上年数值使用（请给出本地区上一年度的报告）"
        )
        return Finding(
            "prior-mismatch",
            message,
            source.locate(("meta", "region", "name")),
            severity=Severity.WARNING,
            related=[where_file],
        )
    if prior.year != report.meta.year - 1:
        message = (
            f"--prior 给出的是 {prior.year} 年度的报告，不是本报告（{report.meta.year} 年度）的上一年度；"
            "其数值未作为上年数值使用"
        )
        return Finding(
            "prior-mismatch", message, source.locate(("meta", "year")), severity=Severity.WARNING, related=[where_file]
        )
    return None
