"""What consistency rules can name: metrics, lists and blocks with an ``id``, with their places in the YAML.

Also turns a metric into an interval on its reported precision, in the base unit of its kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.checks.rules.intervals import Interval, from_figure
from toolkit.chinese.figures import format_figure, format_number
from toolkit.diagnostics.finding import Location
from toolkit.model.report import Block, Item, Metric, Part, Point, Report, Section, blocks
from toolkit.model.units import Unit, qualifiers
from toolkit.source.reader import PathT, SourceMap

TALLY_KINDS = frozenset({"count", "people"})
"""个/家… and 人/名 are both tallies of things and may be added or compared; 人次 is not a tally of people."""
EXACT_KINDS = TALLY_KINDS | {"attendances"}
"""Unit kinds whose integer values (at scale 1) are exact counts, not rounded figures."""


@dataclass(frozen=True)
class Prior:
    """Last year's value of a metric taken from another report (``--prior``), with its place there."""

    value: Decimal
    location: Location


@dataclass
class Figures:
    """Every nameable thing of one report, by id, with its data path."""

    report: Report
    source: SourceMap
    priors: Mapping[str, Prior] = field(default_factory=dict)
    metrics: dict[str, tuple[Metric, PathT]] = field(default_factory=dict)
    lists: dict[str, tuple[list[str], PathT]] = field(default_factory=dict)
    blocks: dict[str, tuple[Block, PathT]] = field(default_factory=dict)
    duplicates: list[tuple[str, PathT]] = field(default_factory=list)
    declared: dict[str, Unit] = field(default_factory=dict)  # the units the report declares

    @classmethod
    def index(cls, report: Report, source: SourceMap, priors: Mapping[str, Prior] | None = None) -> Figures:
        """Index a report's metrics, lists and blocks that carry an id."""
        figures = cls(report, source, priors or {}, declared=report.unit_table())
        for path, block in blocks(report):
            figures.metrics.update({k: (m, (*path, "metrics", k)) for k, m in block.metrics.items()})
            figures.lists.update({k: (list(v), (*path, "lists", k)) for k, v in block.lists.items()})
            block_id = getattr(block, "id", None) if isinstance(block, Item | Part | Point | Section) else None
            if block_id and block_id in figures.blocks:
                figures.duplicates.append((block_id, path))
            elif block_id:
                figures.blocks[block_id] = (block, path)
        return figures

    def metric(self, name: str) -> Metric:
        """A metric by id."""
        return self.metrics[name][0]

    def unit(self, name: str) -> Unit:
        """A metric's unit."""
        return self.metric(name).unit_in(self.declared)

    def where(self, name: str, field_name: str = "value") -> Location:
        """The place of a metric's field (its value by default)."""
        return self.source.locate((*self.metrics[name][1], field_name))

    def label(self, name: str) -> str:
        """What a metric measures, for messages."""
        return self.metric(name).label or name

    def shown(self, name: str) -> str:
        """A metric as the text prints it: 约52亿元."""
        metric = self.metric(name)
        number = "空" if metric.value is None else format_number(metric.value)
        return format_figure(number, metric.unit_text or metric.unit, metric.qualifier)

    def interval(self, name: str, *, base: bool = True, value: Decimal | None = None) -> Interval | None:
        """The values a metric may stand for (in its kind's base unit unless ``base`` is False); None if missing."""
        metric = self.metric(name)
        value = metric.value if value is None else value
        if value is None:
            return None
        return figure_interval(value, metric.unit_in(self.declared), metric.qualifier, base=base)

    def prior(self, name: str) -> tuple[Decimal, Location] | None:
        """Last year's value: the metric's own ``prior``, else the ``--prior`` report's value."""
        metric = self.metric(name)
        if metric.prior is not None:
            return metric.prior, self.where(name, "prior")
        found = self.priors.get(name)
        return (found.value, found.location) if found else None


def is_exact(value: Decimal, unit: Unit) -> bool:
    """An integer count at scale 1 is exact, not a rounded figure."""
    return unit.kind in EXACT_KINDS and unit.scale == 1 and value == value.to_integral_value()


def figure_interval(
    value: Decimal, unit: Unit, qualifier: str | None, *, base: bool = True, half: Decimal | None = None
) -> Interval:
    """A reported figure as an interval, optionally converted to the base unit of its kind.

    ``half`` reads the figure at another half-unit (in the figure's own unit) than the one it was written with.
    """
    bound = qualifiers()[qualifier].bound if qualifier else None
    interval = from_figure(value, exact=is_exact(value, unit), bound=bound, half=half)
    return interval.scale(unit.scale) if base and unit.scale != 1 else interval


def compatible(a: Unit, b: Unit) -> bool:
    """Units that may be added or compared: the same kind, or two kinds of tally."""
    return a.kind == b.kind or (a.kind in TALLY_KINDS and b.kind in TALLY_KINDS)
