"""Completeness: what a report still lacks — missing figures (``value: null``) by source department, empty parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.chinese.numerals import number_for
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.model.report import Report, iter_metrics
from toolkit.model.tree import report_tree
from toolkit.source.reader import SourceMap

NO_SOURCE = "未注明部门"


@dataclass(frozen=True)
class Figure:
    """One metric as the status sees it: id, what it measures, who reports it, and where its value is when it is
    missing (None for a figure filled in: nothing asks where it is)."""

    id: str
    label: str
    unit: str
    source: str
    missing: bool
    location: Location | None

    @property
    def where(self) -> Location:
        """Where a missing figure's value is."""
        assert self.location is not None, f"{self.id} is filled in: only a missing figure is placed"
        return self.location


@dataclass(frozen=True)
class EmptyPart:
    """A section with a heading and no text, points, tables or child sections yet."""

    number: str
    heading: str
    pillar: str
    location: Location


@dataclass
class Status:
    """Completeness of one report file."""

    file: str
    year: int
    figures: list[Figure] = field(default_factory=list)
    empty_parts: list[EmptyPart] = field(default_factory=list)

    @property
    def missing(self) -> list[Figure]:
        """The figures still missing, in document order."""
        return [f for f in self.figures if f.missing]

    @property
    def complete(self) -> bool:
        """True when every figure is filled and every part has content."""
        return not self.missing and not self.empty_parts

    def by_source(self) -> dict[str, list[Figure]]:
        """Figures grouped by source department, departments in order of first appearance."""
        groups: dict[str, list[Figure]] = {}
        for figure in self.figures:
            groups.setdefault(figure.source, []).append(figure)
        return groups


def report_figures(report: Report, source: SourceMap) -> list[Figure]:
    """Every metric of a report, with its value's location when it is missing."""
    return [
        Figure(
            name,
            metric.label or name,
            metric.unit,
            metric.source or NO_SOURCE,
            metric.missing,
            source.locate((*path, "value")) if metric.missing else None,
        )
        for name, metric, path in iter_metrics(report)
    ]


def empty_parts(report: Report, source: SourceMap) -> list[EmptyPart]:
    """Sections with a heading and nothing under it (a skeleton's prompts not yet filled in).

    Why no filler: a report that does not cover a pillar says so in ``uncovered``, it does not keep an empty part.
    """
    return [
        EmptyPart(
            number_for(node.level, node.number) if node.number is not None else "",
            node.heading or "",
            node.pillar or "",
            source.locate(node.path),
        )
        for node in report_tree(report).walk()
        if node.level and node.heading is not None and node.empty
    ]


def report_status(report: Report, source: SourceMap) -> Status:
    """The completeness of a validated report."""
    return Status(source.file, report.meta.year, report_figures(report, source), empty_parts(report, source))


def incomplete_findings(status: Status, severity: Severity = Severity.ERROR) -> list[Finding]:
    """Findings for a normal build to refuse: one per missing figure, at its value.

    Why not empty parts: a part may be only a heading on purpose; ``status`` lists them for the drafter.
    """
    return [
        Finding(
            "missing-figure",
            f"数据尚未填报：{f.id}（{f.label}，{f.unit}，报送部门：{f.source}）",
            f.where,
            severity=severity,
            suggestion=None if k else "填入数值后再生成正式稿，或用 build --draft 生成带占位符的草稿",
        )
        for k, f in enumerate(status.missing)
    ]


def incomplete_summary(status: Status, where: Location, waiting: int = 0) -> list[Finding]:
    """One informational finding for ``validate`` when figures are missing or parts are still empty; ``waiting``
    rules could not be evaluated for want of those figures (``fold_waiting``)."""
    if status.complete:
        return []
    pieces = [f"{len(status.missing)} 个数据尚未填报"] if status.missing else []
    pieces += [f"{len(status.empty_parts)} 个部分尚无内容"] if status.empty_parts else []
    pieces += [f"{waiting} 条校验规则因此暂未评估，填报后再检查"] if waiting else []
    message = f"报告尚未完成：{'，'.join(pieces)}（明细见 govreport status）"
    return [Finding("incomplete", message, where, severity=Severity.INFO)]


def fold_waiting(findings: list[Finding], status: Status) -> tuple[list[Finding], int]:
    """The findings without the ``rule-not-evaluated`` of rules that wait for figures still to be filled in, and
    how many those were (``incomplete_summary`` counts them).

    Why: in a draft just rolled over every rule waits for its figures, and one note per rule (each listing the
    figures ``status`` lists already) buried everything else.
    """
    missing = {figure.id for figure in status.missing}
    if not missing:
        return findings, 0
    kept = [
        f
        for f in findings
        if not (f.code == "rule-not-evaluated" and isinstance(f.observed, list) and missing.intersection(f.observed))
    ]
    return kept, len(findings) - len(kept)
