"""Department forms back into the report: every cell checked, values written in place, comments and order kept.

- A cell is read as a number when its meaning is unambiguous (``toolkit.chinese.amounts``): a numeric cell as
  Excel shows it, a number typed as text (``55.33亿``, ``1,234``, ``５５.３３``, ``3.6%``) converted to the metric's
  unit. A formula, a date, a logical value, an error value or ambiguous text is an error at ``file.xlsx:Sheet!G12``.
- Two cells giving one figure different values (in two workbooks, or twice in one) is an error naming both.
- A form made for another report (region or year) is refused; a row whose metric the report lacks is an error.
- A figure already filled in the report is not replaced unless ``force``; a value far from last year's (more than
  ``jump`` percent) is a warning.
- Nothing is written while there is an error, unless ``partial``: then every figure that was read cleanly is
  written and the rest are left as they were. Consistency findings on the report never block writing: the CLI
  runs ``validate`` and ``status`` after.

Values are written with the round-trip editor (``toolkit.source.editor``), so only the value lines change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from toolkit.chinese.amounts import AmountError, in_range, number_from_cell, parse_amount
from toolkit.chinese.figures import format_number
from toolkit.diagnostics.finding import Finding, Location, Severity, has_errors
from toolkit.errors import ReportInvalid
from toolkit.model.json_schema import with_modeline
from toolkit.model.loading import model_report
from toolkit.model.report import Metric, Report, iter_metrics
from toolkit.source.encoding import encode_like
from toolkit.source.reader import PathT, parse_yaml, read_with_bytes
from toolkit.source.workbooks import Cell, Form, WorkbookUnreadable, read_form

DEFAULT_JUMP = Decimal(50)
_PLACES = re.compile(r"\.(0+)")


@dataclass(frozen=True)
class Reading:
    """A figure read from one cell."""

    metric: str
    value: Decimal
    cell: Cell


@dataclass(frozen=True)
class Change:
    """A value written into the report."""

    metric: str
    label: str
    old: Decimal | None
    new: Decimal
    unit: str
    where: str


@dataclass(frozen=True)
class Note:
    """A department's remark on a figure."""

    metric: str
    label: str
    text: str
    where: str


@dataclass
class Collected:
    """What ``collect`` read, found and wrote."""

    file: str
    forms: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    cells_read: int = 0
    written: bool = False
    backup: Path | None = None
    blocked: bool = False  # errors, and no --partial: nothing was written


def collect_files(
    report_path: Path,
    workbooks: Sequence[Path],
    *,
    force: bool = False,
    partial: bool = False,
    jump: Decimal = DEFAULT_JUMP,
) -> Collected:
    """Read the returned forms and write their figures into ``report_path`` in place, through the output guard.

    The previous version is kept as ``<name>.bak`` (``.bak2`` … when that exists): the YAML is the drafter's work.
    """
    from toolkit.output.guard import write_output

    text, raw = read_with_bytes(report_path, str(report_path))
    loaded = parse_yaml(text, str(report_path))
    report, findings = model_report(loaded.data, loaded.source)
    if report is None:
        raise ReportInvalid(findings)
    metrics = {name: (metric, path) for name, metric, path in iter_metrics(report)}
    result = Collected(str(report_path))
    readings: dict[str, list[Reading]] = {}
    for book in workbooks:
        form = open_form(book, report, result)
        if form is None:
            continue
        result.forms.append(form.file)
        for row in form.rows:
            entry = metrics.get(row.metric)
            if entry is None:
                message = f"填报表中的指标代码“{row.metric}”在报告中不存在（表格是否来自另一份报告，或代码被改动？）"
                result.findings.append(Finding("form-unknown-metric", message, place(row.id_cell, row.metric)))
                continue
            metric = entry[0]
            if row.note is not None and isinstance(row.note.value, str | int | float) and str(row.note.value).strip():
                note = str(row.note.value).strip()[:500]
                result.notes.append(Note(row.metric, metric.label or row.metric, note, row.note.where))
            value = read_cell(row.value, row.metric, metric, result.findings)
            if value is not None:
                result.cells_read += 1
                readings.setdefault(row.metric, []).append(Reading(row.metric, value, row.value))
    accepted = agree(readings, metrics, result.findings)
    for reading in accepted:
        change = decide(reading, metrics[reading.metric][0], force=force, jump=jump, findings=result.findings)
        if change is not None:
            result.changes.append(change)
    if has_errors(result.findings) and not partial:
        result.blocked = True
        return result
    if result.changes:
        new_text = write_values(text, {c.metric: (metrics[c.metric][1], c.new) for c in result.changes})
        verify(new_text, str(report_path), report, {c.metric: c.new for c in result.changes})
        new_text = with_modeline(new_text, report_path)  # kept when it resolves, else pointed at one that does
        data = encode_like(new_text, raw)
        result.backup = write_output(report_path, data, fmt="yaml", force=True, editable=True)
        result.written = True
    return result


def place(cell: Cell, metric: str) -> Location:
    """A finding's location: ``file.xlsx:Sheet!G12`` (no line: a cell is not a line of the YAML)."""
    return Location(cell.where, path=metric)


def open_form(book: Path, report: Report, result: Collected) -> Form | None:
    """Read a workbook; None (with a finding) when it is unreadable or made for another report."""
    try:
        form = read_form(book)
    except WorkbookUnreadable as exc:
        result.findings.append(Finding("workbook-unreadable", exc.reason, Location(str(book))))
        return None
    region, year = report.meta.region.name, str(report.meta.year)
    if form.meta.get("region") != region or form.meta.get("year") != year:
        message = (
            f"此表是为 {form.meta.get('region', '?')} {form.meta.get('year', '?')} 年度的报告生成的，"
            f"而本报告是 {region} {year} 年度：整个工作簿不读取"
        )
        result.findings.append(Finding("form-other-report", message, Location(f"{form.file}:{form.sheet}")))
        return None
    return form


def read_cell(cell: Cell, name: str, metric: Metric, findings: list[Finding]) -> Decimal | None:
    """The figure a value cell holds, in the metric's unit; None when empty or unreadable (with a finding)."""
    where = place(cell, name)
    label = metric.label or name

    def refuse(reason: str) -> None:
        message = f"“{label}”（{name}）的数值无法读取：{reason}"
        findings.append(Finding("cell-unreadable", message, where, observed=cell.value))

    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        refuse(f"是公式“{str(value)[:60]}”，请改为数值（复制后“选择性粘贴—数值”）")
        return None
    if cell.is_date or cell.data_type == "d":
        refuse(f"是日期（{value}），不是数字；请检查单元格格式是否被设成了日期")
        return None
    if cell.data_type == "e":
        refuse(f"是错误值“{value}”")
        return None
    try:
        if isinstance(value, bool):
            return number_from_cell(value)
        if isinstance(value, int | float):
            return numeric(value, cell.number_format, metric.unit)
        if isinstance(value, str):
            read = parse_amount(value, metric.unit)
            if read is not None and format_number(read) != value.strip():
                message = f"“{label}”（{name}）的文本“{value.strip()}”读作 {format_number(read)}（{metric.unit}）"
                findings.append(Finding("cell-converted", message, where, severity=Severity.INFO))
            return read
        refuse(f"无法识别的内容类型（{type(value).__name__}）")
    except AmountError as exc:
        if exc.placeholder:
            message = f"“{label}”（{name}）：{exc.reason}"
            findings.append(Finding("cell-placeholder", message, where, severity=Severity.WARNING))
        else:
            refuse(exc.reason)
    return None


def numeric(value: float | int, number_format: str, unit: str) -> Decimal:
    """A numeric cell: a percentage-formatted cell (0.036 shown as 3.6%) is read as shown, for a % metric only."""
    section = number_format.split(";")[0]
    match = _PLACES.search(section)
    places = len(match.group(1)) if match else None
    if "%" not in section:
        return number_from_cell(value, places)
    if unit != "%":
        raise AmountError(f"单元格为百分比格式（显示为 {float(value) * 100:g}%），而本指标单位为“{unit}”")
    shown = number_from_cell(value).scaleb(2)
    if places is not None and int(shown.as_tuple().exponent) > -places:
        shown = shown.quantize(Decimal(1).scaleb(-places))
    return in_range(shown)


def agree(
    readings: dict[str, list[Reading]], metrics: dict[str, tuple[Metric, PathT]], findings: list[Finding]
) -> list[Reading]:
    """One reading per figure; cells giving one figure different values are a conflict, and none is taken."""
    accepted: list[Reading] = []
    for name, found in readings.items():
        values = {r.value for r in found}
        if len(values) == 1:
            accepted.append(found[0])
            continue
        label = metrics[name][0].label or name
        listed = "；".join(f"{r.cell.where} 填 {format_number(r.value)}" for r in found)
        message = f"“{label}”（{name}）在不同单元格中的数值不一致：{listed}。请与报送部门核实后只保留一处"
        related = [place(r.cell, name) for r in found[1:]]
        findings.append(Finding("cell-conflict", message, place(found[0].cell, name), related=related))
    return accepted


def decide(reading: Reading, metric: Metric, *, force: bool, jump: Decimal, findings: list[Finding]) -> Change | None:
    """The change a reading makes, or None (with a finding when a filled figure is kept)."""
    name, new = reading.metric, reading.value
    label = metric.label or name
    where = place(reading.cell, name)
    if metric.value is not None:
        if metric.value == new:
            return None
        if not force:
            message = (
                f"“{label}”（{name}）报告中已填 {format_number(metric.value)}{metric.unit}，"
                f"表中为 {format_number(new)}{metric.unit}：未替换（如需替换请加 --force）"
            )
            findings.append(Finding("figure-already-filled", message, where, severity=Severity.WARNING))
            return None
    if metric.prior is not None and metric.prior != 0:
        change = (new - metric.prior) / abs(metric.prior) * 100
        if abs(change) > jump:
            message = (
                f"“{label}”（{name}）本年 {format_number(new)}{metric.unit}，上年 {format_number(metric.prior)}"
                f"{metric.unit}，变化 {change:+.1f}%，超过 ±{format_number(jump.normalize())}%：请核对数值与单位"
            )
            findings.append(
                Finding("figure-jump", message, where, severity=Severity.WARNING, observed=new, expected=metric.prior)
            )
    return Change(name, label, metric.value, new, metric.unit, reading.cell.where)


def write_values(text: str, values: dict[str, tuple[PathT, Decimal]]) -> str:
    """The report text with ``value`` of each metric set, through the comment-keeping round trip."""
    from toolkit.source.editor import dump_rt, load_rt, node_at  # ruamel, only when a form is collected

    root, yaml = load_rt(text)
    for path, value in values.values():
        node_at(root, path)["value"] = value
    return dump_rt(root, yaml)


def verify(text: str, name: str, before: Report, expected: dict[str, Decimal]) -> None:
    """The new text reads back as the same report with exactly the collected values changed; else a bug."""
    loaded = parse_yaml(text, name)
    after, findings = model_report(loaded.data, loaded.source)
    if after is None:
        raise AssertionError(f"collect produced an invalid report: {[f.code for f in findings]}")
    old = {n: m for n, m, _ in iter_metrics(before)}
    for name_, metric, _ in iter_metrics(after):
        want = old[name_].model_copy(update={"value": expected[name_]}) if name_ in expected else old[name_]
        if metric != want or (name_ in expected and str(metric.value) != str(expected[name_])):
            raise AssertionError(f"collect changed {name_} unexpectedly")
