"""Headings and points typed with their own number.

The toolkit numbers headings itself (一、 （一） 1. （1） ①, by level) and points (一是, 二是 …; ① below them), so
a heading written as “（一）基本情况”, or a point as “一是加快…”, prints its number twice: “一、（一）基本情况”. The
heading numbers are recognised as ``govreport import`` recognises them (``toolkit.chinese.recognise``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from toolkit.chinese.heading_numbers import numbering
from toolkit.chinese.numerals import circled, number_for, ordinal
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.model.report import Report
from toolkit.model.tree import PointNode, report_tree
from toolkit.source.reader import PathT, SourceMap


def own_numbers(report: Report, source: SourceMap) -> list[Finding]:
    """A warning for each numbered heading or point whose text starts with a number of its own."""
    findings: list[Finding] = []
    for node in report_tree(report).walk():
        if node.level and node.number is not None and node.heading:
            finding = _own_number(node.heading, node.heading_path, partial(number_for, node.level, node.number), source)
            if finding is not None:
                findings.append(finding)
        for k, point in enumerate(node.points, start=1):
            findings += _points(point, partial(ordinal, k), source)
    return findings


def _points(node: PointNode, printed: Callable[[], str], source: SourceMap) -> Iterator[Finding]:
    point = node.point
    field, text = ("heading", point.heading) if point.heading else ("text", point.text)
    finding = _own_number(text or "", (*node.path, field), printed, source)
    if finding is not None:
        yield finding
    for k, child in enumerate(node.children, start=1):
        yield from _points(child, partial(circled, k), source)


def _own_number(text: str, path: PathT, printed: Callable[[], str], source: SourceMap) -> Finding | None:
    """The finding for a text starting with a number of its own; ``printed`` makes the number it gets."""
    found = numbering(text.lstrip())
    if found is None:
        return None
    start = len(text) - len(text.lstrip())
    own = text[start : start + found.end]
    rest = text[start + found.end :].lstrip()
    shown = rest if len(rest) <= 12 else rest[:12] + "…"
    return Finding(
        "numbered-heading",
        f"“{own}”是自带的编号；生成时会自动编号，将印成 “{printed()}{own}{shown}”。请删去 “{own}”",
        source.locate(path),
        Severity.WARNING,
        observed=own,
        suggestion=rest,
    )
