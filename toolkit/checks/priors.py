"""Last year's report as a source of prior values (``validate --prior LAST_YEAR.yaml``)."""

from __future__ import annotations

from pathlib import Path

from toolkit.checks.rules.figures import Prior
from toolkit.model.loading import read_report
from toolkit.model.report import iter_metrics


def load_priors(path: Path) -> dict[str, Prior]:
    """Every metric of the prior report that has a value, by id, with its place in that file.

    Raises:
        ReportInvalid: the prior report cannot be read or modelled.
    """
    report, source = read_report(path)
    priors: dict[str, Prior] = {}
    for name, metric, metric_path in iter_metrics(report):
        if metric.value is not None:
            priors.setdefault(name, Prior(metric.value, source.locate((*metric_path, "value"))))
    return priors
