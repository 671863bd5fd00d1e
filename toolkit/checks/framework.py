"""Checks after loading: sections map to pillars of the framework, coverage fits the scope, names are unique."""

from __future__ import annotations

from toolkit.diagnostics.finding import Finding, Severity
from toolkit.model.frameworks import Framework, framework
from toolkit.model.loading import vocab_finding
from toolkit.model.report import RESERVED, Report, blocks
from toolkit.model.tree import Node, report_tree
from toolkit.source.reader import PathT, SourceMap

SCOPE_NAMES = {"full": "全面报告", "excerpt": "摘录", "briefing": "专项汇报", "plan": "计划"}


def check_framework(report: Report, source: SourceMap) -> list[Finding]:
    """Every declared pillar and sub-area is known; a full report covers every required pillar or says why not."""
    fw = framework(report.type)
    ref = f"schema/frameworks/{report.type}.yaml"
    findings: list[Finding] = []
    covered: set[str] = set()
    for node in report_tree(report).walk():
        findings += _node_pillar(node, fw, ref, source, covered)
    for k, entry in enumerate(report.uncovered):
        where = source.locate(("uncovered", k, "pillar"))
        if entry.pillar not in fw.pillars:
            findings.append(vocab_finding("unknown-pillar", "支柱", entry.pillar, list(fw.pillars), where, ref))
        elif entry.pillar in covered:
            message = f"支柱 “{entry.pillar}” 列为未涉及，但报告中有章节写了它"
            findings.append(Finding("uncovered-but-present", message, where, Severity.WARNING))
    declared = {u.pillar for u in report.uncovered}
    if report.scope != "full":
        return findings
    anchor: PathT = ("overview", "parts") if report.overview is not None else ("sections",)
    for key, pillar in fw.pillars.items():
        if pillar.required and key not in covered and key not in declared:
            findings.append(
                Finding(
                    "missing-pillar",
                    f"缺少必备部分：{pillar.name}（支柱 “{key}”）。请补写该部分，或在 uncovered 中说明不涉及的原因，"
                    "或用 scope 声明本报告不是全面报告（excerpt、briefing、plan）",
                    source.locate(anchor, key=True),
                )
            )
    return findings


def _node_pillar(node: Node, fw: Framework, ref: str, source: SourceMap, covered: set[str]) -> list[Finding]:
    """A node's pillar and sub-area must be known; the pillar of its nearest declaring ancestor governs sub-areas."""
    findings: list[Finding] = []
    if node.pillar is not None:
        if node.pillar not in fw.pillars:
            where = source.locate((*node.path, "pillar"))
            return [vocab_finding("unknown-pillar", "支柱", node.pillar, list(fw.pillars), where, ref)]
        covered.add(node.pillar)
    for child in node.children:
        if child.sub_area is None:
            continue
        owner = node.pillar or child.pillar
        areas = fw.pillars[owner].sub_areas if owner in fw.pillars else {}
        if owner is None:
            areas = {k: v for p in fw.pillars.values() for k, v in p.sub_areas.items()}
        if child.sub_area not in areas:
            where = source.locate((*child.path, "sub_area"))
            findings.append(vocab_finding("unknown-sub-area", "子领域", child.sub_area, list(areas), where, ref))
    return findings


def check_names(report: Report, source: SourceMap) -> list[Finding]:
    """Metric and list ids are unique across the report and do not shadow built-in names."""
    seen: dict[str, PathT] = {}
    findings: list[Finding] = []
    for path, block in blocks(report):
        for table in ("metrics", "lists"):
            for name in getattr(block, table):
                where = (*path, table, name)
                if name in RESERVED:
                    findings.append(
                        Finding(
                            "reserved-name", f"名称 “{name}” 为保留字，请换一个名称", source.locate(where, key=True)
                        )
                    )
                elif name in seen:
                    first = source.locate(seen[name], key=True)
                    findings.append(
                        Finding(
                            "duplicate-metric",
                            f"指标或清单名 “{name}” 重复（第一次出现在第 {first.line} 行）",
                            source.locate(where, key=True),
                            related=[first],
                        )
                    )
                else:
                    seen[name] = where
    return findings
