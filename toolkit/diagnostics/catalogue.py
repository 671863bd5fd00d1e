"""The catalogue of every finding code (interim)."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.diagnostics.finding import Severity


@dataclass(frozen=True)
class CodeEntry:
    """One finding code."""

    code: str
    severity: Severity
    stage: str
    title: str
    explanation: str
    wrong: str
    right: str


ENTRIES: tuple[CodeEntry, ...] = (
    CodeEntry("sum-mismatch", Severity.ERROR, "rules", "分项之和与合计不符", "", "", ""),
    CodeEntry("share-mismatch", Severity.ERROR, "rules", "占比与部分、整体不符", "", "", ""),
    CodeEntry("compare-failed", Severity.ERROR, "rules", "数值比较关系不成立", "", "", ""),
    CodeEntry("yoy-mismatch", Severity.ERROR, "rules", "同比增速与本期、上年数值不符", "", "", ""),
    CodeEntry("out-of-range", Severity.ERROR, "rules", "数值超出允许范围", "", "", ""),
    CodeEntry("per-capita-mismatch", Severity.ERROR, "rules", "人均值与总量、人口不符", "", "", ""),
    CodeEntry("count-mismatch", Severity.ERROR, "rules", "所述个数与列出的项数不符", "", "", ""),
    CodeEntry("expr-failed", Severity.ERROR, "rules", "表达式校验不成立", "", "", ""),
    CodeEntry("rule-not-evaluated", Severity.ERROR, "rules", "规则缺少数值，未能核对", "", "", ""),
    CodeEntry("rule-unknown-metric", Severity.ERROR, "rules", "规则引用了不存在的指标、清单或条目", "", "", ""),
    CodeEntry("rule-unit-mismatch", Severity.ERROR, "rules", "规则所涉指标的单位不相容", "", "", ""),
    CodeEntry("rule-bad-expr", Severity.ERROR, "rules", "表达式不是条件（比较）", "", "", ""),
    CodeEntry("duplicate-id", Severity.ERROR, "rules", "部分、条目或要点的 id 重复", "", "", ""),
    CodeEntry("figure-in-prose", Severity.ERROR, "rules", "正文中直接写了带单位的数字，应改为指标", "", "", ""),
    CodeEntry("year-mismatch", Severity.ERROR, "rules", "正文中的年份与报告年度不一致", "", "", ""),
    CodeEntry("incomplete", Severity.ERROR, "rules", "报告尚有数据未填报或部分尚无内容", "", "", ""),
)

CATALOGUE: dict[str, CodeEntry] = {entry.code: entry for entry in ENTRIES}


def title(code: str) -> str:
    """The code's one-line Chinese title (the code itself for a code the catalogue lacks)."""
    entry = CATALOGUE.get(code)
    return entry.title if entry else code
