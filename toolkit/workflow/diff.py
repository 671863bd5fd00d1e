"""Compare two reports: figures changed (with absolute and relative change), metrics, parts and items added or removed.

Parts are matched by ``id``, else by pillar; items and loose points by ``id``, else by heading; metrics by id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from toolkit.chinese.figures import growth_rate
from toolkit.chinese.numerals import number_for
from toolkit.diagnostics.finding import Finding
from toolkit.errors import ReportInvalid
from toolkit.model.loading import read_report
from toolkit.model.report import Closing, Metric, Part, Point, Report, iter_metrics
from toolkit.model.tree import Node, report_tree

MISSING = "待填报"


@dataclass(frozen=True)
class FigureChange:
    """A metric present in both reports whose value or unit differs."""

    id: str
    label: str
    old: Metric
    new: Metric

    @property
    def change(self) -> Decimal | None:
        """New minus old, when both are known and in the same unit."""
        if self.old.value is None or self.new.value is None or self.old.unit != self.new.unit:
            return None
        return self.new.value - self.old.value

    @property
    def relative(self) -> Decimal | None:
        """The change in percent of the old value (one decimal), when it can be computed."""
        if self.change is None or self.old.value is None or self.new.value is None:
            return None
        return growth_rate(self.new.value, self.old.value)


@dataclass(frozen=True)
class Entry:
    """A part, section, item or point that exists in only one of the reports."""

    where: str
    key: str
    heading: str


@dataclass
class ReportDiff:
    """Everything that differs between two reports, in the new report's order."""

    old_file: str
    new_file: str
    old_year: int
    new_year: int
    old_region: str = ""
    new_region: str = ""
    changed: list[FigureChange] = field(default_factory=list)
    metrics_added: list[Entry] = field(default_factory=list)
    metrics_removed: list[Entry] = field(default_factory=list)
    parts_added: list[Entry] = field(default_factory=list)
    parts_removed: list[Entry] = field(default_factory=list)
    items_added: list[Entry] = field(default_factory=list)
    items_removed: list[Entry] = field(default_factory=list)


def load_report(path: Path) -> Report:
    """Read a report; raise ReportInvalid when it cannot be read as one."""
    return read_report(path)[0]


def diff_files(old_path: Path, new_path: Path) -> ReportDiff:
    """Compare two report files; findings of both are reported together when either cannot be read."""
    reports: list[Report] = []
    findings: list[Finding] = []
    for path in (old_path, new_path):
        try:
            reports.append(load_report(path))
        except ReportInvalid as exc:
            findings += exc.findings
    if findings:
        raise ReportInvalid(findings)
    return diff_reports(reports[0], reports[1], str(old_path), str(new_path))


def diff_reports(old: Report, new: Report, old_file: str = "old", new_file: str = "new") -> ReportDiff:
    """Compare two reports."""
    diff = ReportDiff(old_file, new_file, old.meta.year, new.meta.year, old.meta.region.name, new.meta.region.name)
    diff_metrics(metrics_of(old), metrics_of(new), diff)
    old_sections, new_sections = sections_of(old), sections_of(new)
    diff.parts_removed = [entry for key, entry in old_sections.items() if key not in new_sections]
    diff.parts_added = [entry for key, entry in new_sections.items() if key not in old_sections]
    old_children, new_children = children_of(old), children_of(new)
    for key in (k for k in new_sections if k in old_sections):
        before, after = old_children.get(key, {}), new_children.get(key, {})
        diff.items_removed += [entry for k, entry in before.items() if k not in after]
        diff.items_added += [entry for k, entry in after.items() if k not in before]
    return diff


def metrics_of(report: Report) -> dict[str, Metric]:
    """Every metric of a report by id, in document order."""
    return {name: metric for name, metric, _ in iter_metrics(report)}


def diff_metrics(old: dict[str, Metric], new: dict[str, Metric], diff: ReportDiff) -> None:
    """Changed, added and removed metrics."""
    for name, metric in new.items():
        before = old.get(name)
        if before is None:
            diff.metrics_added.append(Entry("metrics", name, metric.label or name))
        elif before.value != metric.value or before.unit != metric.unit:
            diff.changed.append(FigureChange(name, metric.label or before.label or name, before, metric))
    diff.metrics_removed = [Entry("metrics", n, m.label or n) for n, m in old.items() if n not in new]


def sections_of(report: Report) -> dict[str, Entry]:
    """Parts of 一、 keyed by id or pillar, and the closing sections keyed by name; in a section tree, every
    headed section keyed by id, else pillar, else heading."""
    out: dict[str, Entry] = {}
    seen: Counter[str] = Counter()
    if report.overview is None:
        for node in report_tree(report).walk():
            if node.level and node.heading is not None:
                key = node_key(node, seen)
                number = number_for(node.level, node.number) if node.number is not None else ""
                out[key] = Entry("sections", key, f"{number}{node.heading}")
        return out
    for k, part in enumerate(report.overview.parts):
        key = part_key(part, seen)
        out[key] = Entry("overview.parts", key, f"{number_for(2, k + 1)}{part.heading}")
    for name in ("problems", "plans"):
        closing: Closing | None = getattr(report, name)
        if closing is not None:
            out[name] = Entry(name, name, closing.heading)
    return out


def node_key(node: Node, seen: Counter[str]) -> str:
    """A section's matching key: its id, else its pillar, else its heading (numbered when one repeats)."""
    base = node.id or node.pillar or node.heading or ""
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}#{seen[base]}"


def part_key(part: Part, seen: Counter[str]) -> str:
    """A part's matching key: its id, else its pillar (numbered when a pillar repeats)."""
    base = part.id or part.pillar
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}#{seen[base]}"


def children_of(report: Report) -> dict[str, dict[str, Entry]]:
    """Items and loose points of each part or section, keyed by id or heading (unnamed points are skipped)."""
    out: dict[str, dict[str, Entry]] = {}
    seen: Counter[str] = Counter()
    if report.overview is None:
        for node in report_tree(report).walk():
            if node.level and node.heading is not None:
                key = node_key(node, seen)
                out[key] = point_entries(key, [p.point for p in node.points])
        return out
    owners: list[tuple[str, Part | Closing]] = []
    owners += [(part_key(p, seen), p) for p in report.overview.parts]
    owners += [(name, c) for name in ("problems", "plans") if (c := getattr(report, name)) is not None]
    for key, owner in owners:
        table: dict[str, Entry] = {}
        for item in owner.items:
            table["item:" + (item.id or item.heading)] = Entry(key, item.id or item.heading, item.heading)
        table.update(point_entries(key, owner.points))
        out[key] = table
    return out


def point_entries(key: str, points: list[Point]) -> dict[str, Entry]:
    """Named points keyed by id or heading."""
    table: dict[str, Entry] = {}
    for point in points:
        name = point.id or point.heading
        if name:
            table["point:" + name] = Entry(key, name, point.heading or name)
    return table
