"""Consistency layer: check each declared rule's references and units, evaluate it, and summarise per rule.

Also the automatic check: a metric with a stated ``yoy`` and a prior value (its own ``prior`` or the ``--prior``
report's) has its growth checked as a ``yoy`` rule would.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from toolkit.checks.rules.evaluate import (
    RuleContext,
    check_compare,
    check_count,
    check_expr,
    check_per_capita,
    check_range,
    check_share,
    check_sum,
    check_target,
    check_yoy,
    children_field,
)
from toolkit.checks.rules.expressions import evaluate, infer_unit
from toolkit.checks.rules.figures import Figures, Prior, compatible
from toolkit.checks.rules.intervals import Interval
from toolkit.checks.settings import apply_settings
from toolkit.diagnostics.finding import Finding, Severity
from toolkit.diagnostics.hints import did_you_mean
from toolkit.diagnostics.summary import RuleSummary
from toolkit.model.expressions import ExprError, names, parse_expr
from toolkit.model.report import MetricCell, Report, blocks
from toolkit.model.rules import Rule, SumRule, TargetRule, Validation, YoyRule
from toolkit.model.tree import report_tree
from toolkit.source.reader import PathT, SourceMap

AUTO_YOY = "yoy(自动)"

EVALUATORS: dict[str, Callable[[Any, RuleContext], None]] = {
    "sum": check_sum,
    "share": check_share,
    "compare": check_compare,
    "yoy": check_yoy,
    "range": check_range,
    "per_capita": check_per_capita,
    "count": check_count,
    "expr": check_expr,
    "target": check_target,
}
AUTO_TARGET = "target(自动)"


def declared_rules(report: Report) -> Iterator[tuple[PathT, Rule]]:
    """Every rule of the report with its data path, in document order."""
    for path, block in blocks(report):
        for k, rule in enumerate(block.checks):
            yield (*path, "checks", k), rule


def check_consistency(
    report: Report, source: SourceMap, priors: Mapping[str, Prior] | None = None
) -> tuple[list[Finding], list[RuleSummary]]:
    """Load-check and evaluate every declared rule, then the automatic yoy check."""
    figures = Figures.index(report, source, priors)
    settings = report.validation
    findings = apply_settings([duplicate_id(name, path, figures) for name, path in figures.duplicates], settings)
    summaries: list[RuleSummary] = []
    seen: dict[str, int] = {}
    explicit_yoy: set[str] = set()
    explicit_target: set[str] = set()
    for path, rule in declared_rules(report):
        problems = load_problems(rule, path, figures)
        findings += apply_settings(problems, settings)
        if problems:
            continue
        if isinstance(rule, YoyRule):
            explicit_yoy.add(rule.metric)
        if isinstance(rule, TargetRule):
            explicit_target.add(rule.actual)
        name = unique(rule_name(rule), seen)
        ctx = RuleContext(figures, name, path)
        evaluate_safely(rule, ctx)
        findings += with_rule_severity(ctx, rule.severity, settings)
        summaries.append(summarise(source.file, name, rule.kind, ctx))
    for path, rule in table_totals(report):
        if load_problems(rule, path, figures):
            continue  # an unknown metric in a cell is reported where the table is composed
        name = unique(rule.id or "table_total", seen)
        ctx = RuleContext(figures, name, path)
        evaluate_safely(rule, ctx)
        findings += with_rule_severity(ctx, None, settings)
        summaries.append(summarise(source.file, name, "sum", ctx))
    auto = auto_yoy(figures, explicit_yoy)
    findings += apply_settings([o.finding for o in auto.outcomes if o.finding], settings)
    if auto.outcomes:
        summaries.append(summarise(source.file, AUTO_YOY, "yoy", auto))
    targets = auto_target(figures, explicit_target)
    findings += apply_settings([o.finding for o in targets.outcomes if o.finding], settings)
    if targets.outcomes:
        summaries.append(summarise(source.file, AUTO_TARGET, "target", targets))
    return findings, summaries


def evaluate_safely(rule: Rule, ctx: RuleContext) -> None:
    """Evaluate one rule; arithmetic that overflows or is undefined leaves it not evaluated, with the reason."""
    try:
        EVALUATORS[rule.kind](rule, ctx)
    except (decimal.DecimalException, ArithmeticError, OverflowError) as exc:
        ctx.outcomes.clear()
        ctx.missing([], f"数值超出可计算的范围（{type(exc).__name__}）")


def table_totals(report: Report) -> Iterator[tuple[PathT, SumRule]]:
    """A sum rule per column of a table whose last row is a total row and whose cells in that column are metrics."""
    for node in report_tree(report).walk():
        for path, table in node.tables:
            if not table.total_row or len(table.rows) < 2:
                continue
            for c, column in enumerate(table.columns):
                cells = [row[c] for row in table.rows]
                if all(isinstance(cell, MetricCell) for cell in cells):
                    names = [cell.metric for cell in cells if isinstance(cell, MetricCell)]
                    label = table.id or "table"
                    rule = SumRule(kind="sum", id=f"{label}_total_{c + 1}", total=names[-1], parts=names[:-1])
                    rule.message = f"表格“{table.title or label}”的合计行（{column}）"
                    yield (*path, "rows", len(table.rows) - 1, c), rule


def duplicate_id(name: str, path: PathT, figures: Figures) -> Finding:
    """Two parts, items or points with the same ``id``: rules could not tell them apart."""
    first = figures.source.locate((*figures.blocks[name][1], "id"))
    return Finding(
        "duplicate-id",
        f"条目 id “{name}” 重复（第一次出现在第 {first.line} 行），校验规则无法区分",
        figures.source.locate((*path, "id")),
        related=[first],
    )


def unique(name: str, seen: dict[str, int]) -> str:
    """A summary name made unique with #2, #3 …"""
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name}#{seen[name]}"


def rule_name(rule: Rule) -> str:
    """The rule's id, else its kind and first operand: ``sum:new_energy_projects``."""
    if rule.id:
        return rule.id
    if rule.kind == "count":
        return f"count:{rule.list or rule.points or rule.items}"
    first = next(iter(operands(rule)), ("", ""))[1]
    return f"{rule.kind}:{first}" if first else rule.kind


def with_rule_severity(ctx: RuleContext, level: str | None, settings: Validation) -> list[Finding]:
    """A rule's findings: a failure takes the rule's own severity when set, else the report's by code."""
    out = []
    for outcome in ctx.outcomes:
        finding = outcome.finding
        if finding is None:
            continue
        if level and outcome.status == "fail":
            finding.severity = Severity(level)
            out.append(finding)
        else:
            out += apply_settings([finding], settings)
    return out


def summarise(file: str, name: str, kind: str, ctx: RuleContext) -> RuleSummary:
    """Count a rule's outcomes."""
    statuses = [o.status for o in ctx.outcomes]
    return RuleSummary(
        file,
        name,
        kind,
        len(statuses),
        statuses.count("pass"),
        statuses.count("fail"),
        statuses.count("not_evaluated"),
    )


def auto_yoy(figures: Figures, explicit: set[str]) -> RuleContext:
    """Check stated growth against a prior value for every metric not covered by a declared yoy rule."""
    ctx = RuleContext(figures, AUTO_YOY, None)
    for name, (metric, _) in figures.metrics.items():
        if name in explicit or metric.yoy is None or metric.value is None:
            continue
        if figures.prior(name) is not None:
            check_yoy(YoyRule(kind="yoy", metric=name), ctx)
    return ctx


def auto_target(figures: Figures, explicit: set[str]) -> RuleContext:
    """Every metric with a value and a ``target`` (last year's plan) is checked against it: met or missed."""
    ctx = RuleContext(figures, AUTO_TARGET, None)
    for name, (metric, _) in figures.metrics.items():
        if name not in explicit and metric.value is not None and metric.target is not None:
            check_target(TargetRule(kind="target", actual=name), ctx)
    return ctx


# ---------------------------------------------------------------------------------------------- load checks


def operands(rule: Rule) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The metric ids a rule names, with the sub-path of each inside the rule."""
    if rule.kind == "expr":
        yield from ((("expr",), n) for n in rule.names)
        return
    keys = ("total", "part", "whole", "share", "metric", "growth", "prior", "population", "per_capita", "count")
    fields = vars(rule)  # the rule's fields (a missing one through the model's __getattr__ is slow)
    for key in (*keys, "actual", "target", "rate"):
        value = fields.get(key)
        if isinstance(value, str):
            yield (key,), value
    for key in ("parts", "of", "left", "right"):
        value = fields.get(key)
        if isinstance(value, str):
            yield (key,), value
        elif isinstance(value, list):
            yield from (((key, i), v) for i, v in enumerate(value))


def load_problems(rule: Rule, path: PathT, figures: Figures) -> list[Finding]:
    """Unknown metrics, lists or blocks, and units that do not fit the rule kind; each at the rule's line."""
    problems = [
        Finding(
            "rule-unknown-metric",
            unknown_message(name, figures),
            figures.source.locate((*path, *sub)),
            observed=name,
        )
        for sub, name in operands(rule)
        if name not in figures.metrics
    ]
    problems += target_problems(rule, path, figures)
    if problems:
        return problems
    if rule.kind == "expr":
        problem = expr_shape_problem(rule.expr)
        if problem:
            return [Finding("rule-bad-expr", problem, figures.source.locate((*path, "expr")))]
    return [
        Finding("rule-unit-mismatch", message, figures.source.locate((*path, *sub)))
        for sub, message in unit_problems(rule, figures)
    ]


def expr_shape_problem(text: str) -> str | None:
    """An expression that is not a condition (``a + b``), found by a dry run on placeholder values."""
    tree = parse_expr(text)
    try:
        evaluate(tree, text, {n: Interval.exact(1) for n in names(tree)})
    except ExprError as exc:
        return str(exc)
    return None


def unknown_message(name: str, figures: Figures) -> str:
    """Chinese message for an unknown metric id, with a did-you-mean."""
    close = did_you_mean(name, figures.metrics)
    hint = f"，是否应为 “{close}”？" if close else ""
    kind = "清单" if name in figures.lists else "指标"
    if name in figures.lists:
        return f"规则在此处需要指标，但 “{name}” 是{kind}"
    return f"规则引用了不存在的指标 “{name}”{hint}"


def target_problems(rule: Rule, path: PathT, figures: Figures) -> list[Finding]:
    """A count rule's list, item or part must exist."""
    if rule.kind != "count":
        return []
    if rule.list is not None and rule.list not in figures.lists:
        where = figures.source.locate((*path, "list"))
        return [Finding("rule-unknown-metric", f"个数规则引用了不存在的清单 “{rule.list}”", where)]
    key = rule.points or rule.items
    if key is None:
        return []
    block = figures.blocks.get(key)
    field_name = children_field(block[0], bool(rule.points)) if block else "items"
    if block is None:
        message = f"个数规则引用了不存在的条目或部分 id “{key}”"
    elif not hasattr(block[0], field_name):
        message = f"“{key}” 没有{'要点' if rule.points else '编号条目'}可数"
    else:
        return []
    return [Finding("rule-unknown-metric", message, figures.source.locate((*path, field_name)))]


def unit_problems(rule: Rule, figures: Figures) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Units that do not fit: parts of another kind, a share not in %, a population not of people …"""
    unit = figures.unit
    if rule.kind in ("sum", "compare"):
        ops = list(operands(rule))
        first = ops[0][1]
        for sub, name in ops[1:]:
            if not compatible(unit(first), unit(name)):
                yield sub, mismatch(first, name, figures)
    elif rule.kind == "share":
        if figures.metric(rule.share).unit != "%":
            yield ("share",), f"占比指标 “{rule.share}” 的单位应为 %，实际为 {figures.metric(rule.share).unit}"
        if rule.whole and not compatible(unit(rule.part), unit(rule.whole)):
            yield ("whole",), mismatch(rule.part, rule.whole, figures)
    elif rule.kind == "yoy":
        if rule.growth and figures.metric(rule.growth).unit != "%":
            yield ("growth",), f"增速指标 “{rule.growth}” 的单位应为 %"
        if rule.prior and unit(rule.prior).kind != unit(rule.metric).kind:
            yield ("prior",), mismatch(rule.metric, rule.prior, figures)
    elif rule.kind == "per_capita":
        if rule.population and unit(rule.population).kind != "people":
            actual = figures.metric(rule.population).unit
            yield ("population",), f"人口指标 “{rule.population}” 的单位应为人、万人等，实际为 {actual}"
        if unit(rule.total).kind != unit(rule.per_capita).kind:
            yield ("per_capita",), mismatch(rule.total, rule.per_capita, figures)
    elif rule.kind == "count" and isinstance(rule.count, str) and unit(rule.count).kind != "count":
        actual = figures.metric(rule.count).unit
        yield ("count",), f"个数指标 “{rule.count}” 的单位应为个、宗、家等计数单位，实际为 {actual}"
    elif rule.kind == "target":
        if rule.target and not compatible(unit(rule.actual), unit(rule.target)):
            yield ("target",), mismatch(rule.actual, rule.target, figures)
        if rule.rate and figures.metric(rule.rate).unit != "%":
            yield ("rate",), f"完成率指标 “{rule.rate}” 的单位应为 %，实际为 {figures.metric(rule.rate).unit}"
    elif rule.kind == "expr":
        try:
            infer_unit(rule.tree, {n: m.unit for n, (m, _) in figures.metrics.items()})
        except ExprError as exc:
            yield ("expr",), str(exc)


def mismatch(a: str, b: str, figures: Figures) -> str:
    """Message for two metrics whose units cannot be added or compared."""
    ua, ub = figures.metric(a).unit, figures.metric(b).unit
    ka, kb = figures.unit(a).kind, figures.unit(b).kind
    return f"单位不相容：“{a}” 为 {ua}（{ka}），“{b}” 为 {ub}（{kb}）"


# ---------------------------------------------------------------------------------------------- severities
