"""Lint the report's prose: figures written as digits instead of metrics, and years other than the report's.

Both are warnings. ``{{ … }}`` references, ``{% … %}`` tags and names in “…” quotes or 《…》 titles are skipped, so
“1310”, “15分钟健身圈” and 《…2023年…》 are never flagged. Historical years a report means to mention go in
``validation.allowed_years``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import cache

from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.model.fields import JINJA_SPAN, YEAR, template_fields
from toolkit.model.report import Metric, Report, iter_metrics
from toolkit.model.units import Unit, find_unit, magnitudes, qualifiers, units
from toolkit.source.reader import PathT, SourceMap

_SKIP = re.compile(JINJA_SPAN + r"|“[^”]*”|《[^》]*》", re.S)
_YEAR = re.compile(YEAR)


@cache
def figure_pattern(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Digits followed by a unit (with an optional magnitude: 3万户), a bare 万/亿, or %; longest words first.

    The first digit is not after a letter, digit or point: tested once a digit is found, so a scan looks only at
    digits (a pattern that starts with a look-behind is tried at every place).
    """
    words = sorted({*units(), *extra}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    prefixes = "|".join(re.escape(w) for w in sorted(magnitudes(), key=len, reverse=True))
    return re.compile(
        rf"[0-9](?<![0-9A-Za-z.][0-9])[0-9]*(?:\.[0-9]+)?\s*(?:多|余)?\s*(?:(?:{prefixes})?(?:{alternatives})|亿|万)"
    )


_WHOLE_FIGURE = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


def doubled_units(
    text: str, metrics: dict[str, Metric], declared: Mapping[str, Unit] | None = None
) -> Iterator[tuple[str, str]]:
    """``{{ m }}`` already prints its unit; the literal text after it repeating the unit (万人人口) doubles it.

    Yields (the reference with what follows it, the unit printed twice). A one-character unit without a magnitude
    (家, 个) is not flagged: 12家家庭农场 is good Chinese.
    """
    for match in _WHOLE_FIGURE.finditer(text):
        metric = metrics.get(match.group(1))
        if metric is None:
            continue
        if metric.qualifier and qualifiers()[metric.qualifier].position == "after":
            continue
        printed = metric.unit_text or metric.unit
        end = match.end()
        unit = metric.unit_in(declared or {})
        repeated = [w for w in (printed, unit.base_name) if w and text.startswith(w, end)]
        if printed in repeated and len(printed) < 2 and unit.base_name == printed:
            repeated.remove(printed)
        if unit.base_name == printed and unit.base_name in repeated and len(printed) < 2:
            repeated.remove(unit.base_name)
        if repeated:
            yield match.group(0) + text[end : end + len(repeated[0]) + 1], printed


def blank(text: str) -> str:
    """The text with references, quoted names and titles replaced by spaces (offsets kept)."""
    if "{" not in text and "“" not in text and "《" not in text:
        return text  # nothing to blank (a substring test is far cheaper than the scan)
    return _SKIP.sub(lambda m: " " * len(m.group(0)), text)


_DIGIT = re.compile(r"[0-9]")


def lint_report(report: Report, source: SourceMap, file_text: str = "") -> list[Finding]:
    """Warnings for figures left in prose and for years that differ from the report's year."""
    switches = report.validation.lint
    allowed = {report.meta.year, *report.validation.allowed_years}
    locator = Locator(source, file_text)
    findings: list[Finding] = []
    metrics = {name: metric for name, metric, _ in iter_metrics(report)}
    declared = report.unit_table()
    extra = tuple(sorted(declared))
    for name, metric, path in iter_metrics(report):
        as_printed = find_unit(metric.unit_text, declared) if metric.unit_text else None
        unit = metric.unit_in(declared)
        if as_printed is not None and (as_printed.kind, as_printed.scale) != (unit.kind, unit.scale):
            findings.append(
                Finding(
                    "unit-text-scale",
                    f"指标 “{name}” 印作 “{metric.unit_text}”，但检查按 unit “{metric.unit}” 计算，两者不是同一单位"
                    f"（如 1.2{metric.unit_text} 会被当作 1.2{metric.unit}）；请直接写 unit: {metric.unit_text}",
                    source.locate((*path, "unit_text")),
                    Severity.WARNING,
                    observed=metric.unit_text,
                    expected=metric.unit,
                    suggestion=f"unit: {metric.unit_text}",
                )
            )
    for field in template_fields(report):
        path, text = field.path, field.text
        # a figure and a year both start with a digit: a text without one needs no blanking (which only removes)
        digits = _DIGIT.search(text) is not None
        plain = blank(text) if digits else text
        digits = digits and (plain is text or _DIGIT.search(plain) is not None)
        if switches.figure_in_prose and digits:
            for match in figure_pattern(extra).finditer(plain):
                findings.append(
                    Finding(
                        "figure-in-prose",
                        f"正文中直接写了数字 “{match.group(0)}”，应写成指标并用 {{{{ 指标名 }}}} 引用",
                        locator.find(path, match.group(0)),
                        Severity.WARNING,
                        observed=match.group(0),
                    )
                )
        for snippet, printed in doubled_units(text, metrics, declared) if "{{" in text else ():
            findings.append(
                Finding(
                    "unit-doubled",
                    f"“{snippet}”：引用已带单位“{printed}”，其后又写了单位，将印成单位重复（如 万人人口）；"
                    "请删去后面的单位字，或改用 {{{{ 指标名.number }}}} 只引用数字",
                    locator.find(path, snippet),
                    Severity.WARNING,
                    observed=snippet,
                )
            )
        if switches.year_mismatch and digits:
            for match in _YEAR.finditer(plain):
                if int(match.group(1)) not in allowed:
                    findings.append(
                        Finding(
                            "year-mismatch",
                            f"正文中的年份 {match.group(1)}年 与报告年度 {report.meta.year} 不一致"
                            "（有意提及往年请列入 validation.allowed_years，本年度请写 {{ year }}）",
                            locator.find(path, match.group(1) + "年"),
                            Severity.WARNING,
                            observed=match.group(1),
                            expected=str(report.meta.year),
                        )
                    )
    return findings


class Locator:
    """Finds a snippet of a text field in the file, searching from the field's position (then after each hit)."""

    def __init__(self, source: SourceMap, file_text: str) -> None:
        self.source = source
        self.text = file_text
        self.lines: list[str] = []
        self.starts: list[int] = []
        self.cursor: dict[PathT, int] = {}

    def find(self, path: PathT, snippet: str) -> Location:
        """The file position of ``snippet`` inside the field at ``path`` (the field's start if not found)."""
        if self.text and not self.lines:  # the line starts, on the first finding only
            self.lines = self.text.splitlines(keepends=True)
            self.starts = [0]
            for row in self.lines:
                self.starts.append(self.starts[-1] + len(row))
        where = self.source.locate(path)
        if not self.text or where.line < 1 or where.line > len(self.lines):
            return where
        start = self.cursor.get(path, self.starts[where.line - 1] + where.column - 1)
        found = self.text.find(snippet, start)
        if found < 0:
            return where
        self.cursor[path] = found + len(snippet)
        line = bisect_right(self.starts, found) - 1
        return Location(where.file, line + 1, found - self.starts[line] + 1, where.path)
