"""Last year's report as a source of prior values (``validate --prior LAST_YEAR.yaml``)."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ReportInvalid
from toolkit.figures import Prior
from toolkit.findings import has_errors
from toolkit.model import blocks
from toolkit.structure import model_report
from toolkit.yamlsource import read_yaml


def load_priors(path: Path) -> dict[str, Prior]:
    """Every metric of the prior report that has a value, by id, with its place in that file.

    Raises:
        ReportInvalid: the prior report cannot be read or modelled.
    """
    loaded = read_yaml(path)
    report, findings = model_report(loaded.data, loaded.source)
    if report is None or has_errors(findings):
        raise ReportInvalid(findings)
    priors: dict[str, Prior] = {}
    for block_path, block in blocks(report):
        for name, metric in block.metrics.items():
            if metric.value is not None:
                where = loaded.source.locate((*block_path, "metrics", name, "value"))
                priors.setdefault(name, Prior(metric.value, where))
    return priors
