"""The prefecture's view: one row per county report, one column per comparable figure, for ``govreport summary``.

- A figure is **comparable** across reports when it sits under the same pillar (and sub-area, when the item
  declares one), has the same label (compared after NFKC and without spaces), a unit of the same kind and the
  same nature (an actual figure, a target or an estimate: 目标 and 预计 are marked in the header). Its
  column takes the unit most reports use, and every value is converted to it exactly (the vocabulary's scales
  differ by powers of ten: 5533万元 is 0.5533亿元).
- Each row carries the county's validation status: errors, warnings and missing figures; a report that cannot be
  read is a row that says so.
- **Totals** are given per year where adding makes sense: a unit that counts or measures an amount (money,
  counts, people, length, area, capacity …, not % or 个百分点), no figure bounded only on one side (20亿元以上),
  and at least two counties of that year reporting it; the row under the total says how many did.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from toolkit.checks.completeness import Status
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.model.frameworks import framework
from toolkit.model.report import Metric, Report, iter_metrics
from toolkit.model.tree import Node, PointNode, report_tree
from toolkit.model.units import Unit, find_unit, qualifiers
from toolkit.source.reader import PathT

ADDITIVE_KINDS = frozenset(
    {"money", "count", "people", "attendances", "length", "area", "farmland", "power", "energy", "mass", "volume"}
)
SECTIONS = {"problems": "存在的问题", "plans": "下一步工作计划", "": "其他"}

Value = str | int | Decimal | None
Key = tuple[str, str, str, str, str]  # pillar, sub-area, normalised label, unit kind, figure kind
KIND_NAMES = {"target": "（目标）", "estimate": "（预计）"}


class CheckedReport(Protocol):
    """What the summary needs of a checked report (``toolkit.pipeline.Checked`` is one)."""

    file: str
    report: Report | None
    findings: list[Finding]
    status: Status | None


@dataclass
class Column:
    """A comparable figure across reports."""

    key: Key
    group: str  # the pillar's name (or section) for the header
    label: str
    units: Counter[str] = field(default_factory=Counter)
    table: dict[str, Unit] = field(default_factory=dict)  # the units seen, by name
    periods: dict[str, None] = field(default_factory=dict)  # in order of first appearance
    additive: bool = True

    @property
    def unit(self) -> str:
        """The unit most reports use (the first seen on a tie)."""
        return self.units.most_common(1)[0][0]

    @property
    def period(self) -> str:
        """The common period, or the periods listed when they differ."""
        periods = [p for p in self.periods if p]
        if len(periods) <= 1:
            return periods[0] if periods else ""
        return "不一：" + "、".join(periods)


@dataclass
class CountyRow:
    """One report: where from, its status and its figures by column key (in the report's own units)."""

    file: str
    region: str
    year: int | None
    errors: int
    warnings: int
    missing: int
    readable: bool = True
    figures: dict[Key, tuple[Metric, str]] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """The status in a word or two."""
        if not self.readable:
            return "无法读取"
        if self.errors:
            return "有错误"
        if self.missing:
            return "未填齐"
        return "有警告" if self.warnings else "通过"


@dataclass
class Summary:
    """Rows, columns and per-year totals."""

    rows: list[CountyRow] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)

    def value(self, row: CountyRow, column: Column) -> Decimal | None:
        """A county's figure in the column's unit."""
        found = row.figures.get(column.key)
        if found is None or found[0].value is None:
            return None
        return convert(found[0].value, column.table[found[0].unit], column.table[column.unit])

    def years(self) -> list[int]:
        """The report years, in order."""
        return sorted({r.year for r in self.rows if r.year is not None})

    def total(self, year: int, column: Column) -> tuple[Decimal | None, int]:
        """The sum over the year's counties that report the figure, and how many do; None where not additive."""
        values = [self.value(r, column) for r in self.rows if r.year == year]
        present = [v for v in values if v is not None]
        if not column.additive or len(present) < 2:
            return None, len(present)
        return sum(present, Decimal(0)), len(present)

    def header(self) -> list[list[str]]:
        """Three header rows: pillar, figure (unit), period."""
        fixed = ["", "", "", "", "", ""]
        return [
            ["", "", "校验", "", "", "", *[c.group for c in self.columns]],
            ["县（市、区）", "年度", "状态", "错误", "警告", "缺项", *[f"{c.label}（{c.unit}）" for c in self.columns]],
            [*fixed[:5], "统计期", *[c.period for c in self.columns]],
        ]

    def body(self) -> list[list[Value]]:
        """One row per county."""
        return [
            [
                r.region,
                r.year,
                r.state,
                r.errors,
                r.warnings,
                r.missing if r.readable else None,
                *[self.value(r, c) for c in self.columns],
            ]
            for r in self.rows
        ]

    def totals(self) -> list[list[Value]]:
        """Per year with at least two counties: the totals, then how many counties each total covers."""
        out: list[list[Value]] = []
        for year in self.years():
            counties = sum(r.year == year for r in self.rows)
            if counties < 2:
                continue
            sums = [self.total(year, c) for c in self.columns]
            out.append([f"合计（{year}年）", year, "", None, None, None, *[s for s, _ in sums]])
            out.append(
                [
                    "填报县数",
                    year,
                    "",
                    None,
                    None,
                    None,
                    *[n if c.additive else None for (_, n), c in zip(sums, self.columns, strict=True)],
                ]
            )
        return out


def summarize(checked: Sequence[CheckedReport]) -> Summary:
    """The summary of checked reports, in the order given."""
    summary = Summary()
    columns: dict[Key, Column] = {}
    for item in checked:
        errors = sum(f.severity is Severity.ERROR for f in item.findings)
        warnings = sum(f.severity is Severity.WARNING for f in item.findings)
        report = item.report
        if report is None:
            summary.rows.append(CountyRow(item.file, item.file, None, errors, warnings, 0, readable=False))
            continue
        missing = len(item.status.missing) if item.status is not None else 0
        row = CountyRow(item.file, report.meta.region.name, report.meta.year, errors, warnings, missing)
        places = block_places(report)
        for name, metric, path in iter_metrics(report):
            key, group = column_key(report, places, name, metric, path)
            column = columns.get(key)
            if column is None:
                label = "".join((metric.label or name).split()) + KIND_NAMES.get(metric.kind, "")
                column = columns[key] = Column(key, group, label)
            column.units[metric.unit] += 1
            unit = column.table.setdefault(metric.unit, unit_of(report, metric.unit))
            column.periods.setdefault(metric.period or report.meta.period or "", None)
            bound = qualifiers()[metric.qualifier].bound if metric.qualifier else "exact"
            column.additive = column.additive and unit.kind in ADDITIVE_KINDS and bound in ("exact", "approx")
            if key not in row.figures:  # the same figure twice in one report: the first counts
                row.figures[key] = (metric, name)
        summary.rows.append(row)
    summary.columns = list(columns.values())
    return summary


def block_places(report: Report) -> dict[PathT, tuple[str, str]]:
    """Each block's pillar and sub-area, inherited from the sections above it ("" where none is declared)."""
    out: dict[PathT, tuple[str, str]] = {}

    def points(nodes: list[PointNode], place: tuple[str, str]) -> None:
        for node in nodes:
            out[node.path] = place
            points(node.children, place)

    def visit(node: Node, pillar: str, sub_area: str) -> None:
        place = (node.pillar or pillar, node.sub_area or sub_area)
        if node.path and node.path[0] in ("problems", "plans") and not node.pillar:
            place = (str(node.path[0]), "")
        out[node.path] = place
        points(node.points, place)
        for child in node.children:
            visit(child, *place)

    visit(report_tree(report), "", "")
    return out


def column_key(
    report: Report, places: dict[PathT, tuple[str, str]], name: str, metric: Metric, path: PathT
) -> tuple[Key, str]:
    """The comparable key of a metric (pillar, sub-area, label, unit kind, actual/target/estimate) and its group."""
    pillar, sub_area = places.get(path[:-2], ("", ""))
    pillars = framework(report.type).pillars
    group = pillars[pillar].name if pillar in pillars else SECTIONS.get(pillar, pillar or SECTIONS[""])
    label = "".join(unicodedata.normalize("NFKC", metric.label or name).split())
    return (pillar, sub_area, label, unit_of(report, metric.unit).kind, metric.kind), group


def unit_of(report: Report, name: str) -> Unit:
    """A metric's unit: declared by the report, named in the vocabulary, or a magnitude of one (validated)."""
    found = find_unit(name, report.unit_table())
    assert found is not None, name  # the model accepted the unit
    return found


def convert(value: Decimal, unit: Unit, to: Unit) -> Decimal:
    """``value`` in ``unit`` expressed in ``to`` (same kind; the scales differ by a power of ten, so exactly)."""
    if unit.name == to.name:
        return value
    ratio = unit.scale / to.scale
    converted = value * ratio
    return converted.quantize(Decimal(1)) if converted == converted.to_integral_value() and ratio >= 1 else converted
