"""Checks after loading: every part maps to a pillar of the report type's framework, and names are unique."""

from __future__ import annotations

from toolkit.diagnostics.finding import Finding
from toolkit.model.frameworks import framework
from toolkit.model.loading import vocab_finding
from toolkit.model.report import RESERVED, Report, blocks
from toolkit.source.reader import PathT, SourceMap


def check_framework(report: Report, source: SourceMap) -> list[Finding]:
    """Every part maps to a known pillar and sub-area; every required pillar has a part."""
    fw = framework(report.type)
    findings: list[Finding] = []
    for i, part in enumerate(report.overview.parts):
        path: PathT = ("overview", "parts", i)
        pillar = fw.pillars.get(part.pillar)
        if pillar is None:
            findings.append(
                vocab_finding(
                    "unknown-pillar",
                    "支柱",
                    part.pillar,
                    list(fw.pillars),
                    source.locate((*path, "pillar")),
                    f"schema/frameworks/{report.type}.yaml",
                )
            )
            continue
        for k, item in enumerate(part.items):
            if item.sub_area is not None and item.sub_area not in pillar.sub_areas:
                findings.append(
                    vocab_finding(
                        "unknown-sub-area",
                        "子领域",
                        item.sub_area,
                        list(pillar.sub_areas),
                        source.locate((*path, "items", k, "sub_area")),
                        f"schema/frameworks/{report.type}.yaml",
                    )
                )
    present = {p.pillar for p in report.overview.parts}
    for key, pillar in fw.pillars.items():
        if pillar.required and key not in present:
            findings.append(
                Finding(
                    "missing-pillar",
                    f"缺少必备部分：{pillar.name}（支柱 “{key}”）",
                    source.locate(("overview", "parts"), key=True),
                )
            )
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
