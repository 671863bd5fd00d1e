"""Is the report finished? For a final build: figures no text uses and text that stops mid-sentence (warnings;
refused with ``--strict``), and what it refuses: a signature without its date and parts left empty.

A report that is knowingly partial (``validation.partial``, e.g. a seed cut off mid-sentence) says so in its
data: then neither the unclosed text nor the empty parts are reported.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from toolkit.checks.completeness import Status
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.model.fields import reference_names, table_metric_names, template_fields
from toolkit.model.report import Report, iter_metrics
from toolkit.source.reader import SourceMap

SENTENCE_ENDS = "。！？!?…；："
CLOSERS = "”’）)》」』】\"'"
if TYPE_CHECKING:
    from jinja2 import Environment


@cache
def _parser() -> Environment:
    """Jinja for parsing only (nothing is rendered here), made when a text is more than the documented forms."""
    from jinja2 import Environment

    return Environment(autoescape=False)


def used_names(report: Report) -> set[str]:
    """Every name the report prints: what its templates refer to (one that does not parse refers to none) and the
    metrics of its table cells."""
    used = table_metric_names(report)
    for field in template_fields(report):
        names = reference_names(field.text)
        if names is None:
            from jinja2 import TemplateSyntaxError, meta

            try:
                names = meta.find_undeclared_variables(_parser().parse(field.text))
            except TemplateSyntaxError:
                continue
        used |= names
    return used


def unused_metrics(report: Report, source: SourceMap, reads: set[str] | None = None) -> list[Finding]:
    """A warning for every metric that no text prints (collected, checked, and then never shown).

    ``reads``: the names the report's texts read as they were rendered (``compose``), when every text rendered;
    else they are found here (``used_names``).
    """
    used = used_names(report) if reads is None else table_metric_names(report) | reads
    return [
        Finding(
            "unused-metric",
            f"指标 “{name}”（{metric.label or name}）没有被任何文本引用，不会出现在报告中",
            source.locate(path, key=True),
            severity=Severity.WARNING,
            suggestion=f"在文本中写 {{{{ {name} }}}}，或删去该指标",
        )
        for name, metric, path in iter_metrics(report)
        if name not in used
    ]


def unclosed_texts(report: Report, source: SourceMap) -> list[Finding]:
    """A warning for every paragraph whose text does not end a sentence (a text ending in ``}}`` is not judged)."""
    if report.validation.partial:
        return []
    findings: list[Finding] = []
    for field in template_fields(report):
        if field.role not in ("text", "paragraph", "preamble"):
            continue
        text = field.text.strip()
        if text.endswith(("}}", "%}", "#}")):
            continue
        core = text.rstrip(CLOSERS)
        if core and core[-1] in SENTENCE_ENDS:
            continue
        findings.append(
            Finding(
                "unclosed-text",
                f"文本没有以句末标点结束（结尾为 “{text[-12:]}”），可能缺了半句",
                source.locate(field.path),
                severity=Severity.WARNING,
                suggestion="补全句子并以 “。” 结束；报告有意不完整时，在 validation.partial 中写明原因",
            )
        )
    return findings


def final_findings(report: Report, source: SourceMap, status: Status) -> list[Finding]:
    """What a final build refuses besides errors: a signature without its date, and parts left empty."""
    findings: list[Finding] = []
    meta_ = report.meta
    if meta_.issuer and not meta_.date:
        findings.append(
            Finding(
                "signature-undated",
                f"已写落款单位 “{meta_.issuer}”，但没有成文日期（meta.date），正式稿不能没有日期",
                source.locate(("meta", "issuer")),
                suggestion="在 meta 中写 date: 2025-11-08 这样的日期（rollover 会清空上年的日期）",
            )
        )
    if report.validation.partial:
        return findings
    for part in status.empty_parts:
        findings.append(
            Finding(
                "empty-part",
                f"部分 {part.number}{part.heading} 尚无内容，正式稿不能留空",
                part.location,
                suggestion="填写该部分的文字，或删去该部分（未涉及的支柱写进 uncovered）",
            )
        )
    return findings
