"""Evaluate one rule of each kind on intervals: pass, fail (certainly false) or not evaluated (a value missing).

Each evaluator returns outcomes; a failing one carries a finding at the first figure's value, with the other
figures (and the rule itself) as related locations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from toolkit.checks.rules.expressions import evaluate
from toolkit.checks.rules.figures import Figures, figure_interval, is_exact
from toolkit.checks.rules.intervals import (
    Interval,
    Truth,
    compare,
    describe_range,
    eq,
    from_figure,
    half_unit,
    le,
    total,
)
from toolkit.checks.rules.typos import typo_corrections
from toolkit.chinese.figures import format_approx, format_number
from toolkit.diagnostics.finding import Finding, Location, Severity
from toolkit.model.report import Section
from toolkit.model.rules import (
    CompareRule,
    CountRule,
    ExprRule,
    PerCapitaRule,
    RangeRule,
    ShareRule,
    SumRule,
    TargetRule,
    YoyRule,
)
from toolkit.model.units import find_unit
from toolkit.source.reader import PathT

Status = Literal["pass", "fail", "not_evaluated"]
OP_WORDS = {"<=": "应不超过", "<": "应小于", ">=": "应不少于", ">": "应大于", "==": "应等于", "!=": "应不等于"}
HUNDRED = Interval.exact(100)
ONE = Interval.exact(1)


@dataclass
class Outcome:
    """One evaluation of a rule (a range rule evaluates once per metric)."""

    status: Status
    finding: Finding | None = None


@dataclass
class RuleContext:
    """A rule being evaluated: the report's figures, the rule's path and summary name."""

    figures: Figures
    name: str
    path: PathT | None
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def rule_location(self) -> list[Location]:
        """The rule's own place, as a related location (none for automatic checks)."""
        if self.path is None:
            return []
        return [self.figures.source.locate(self.path)]

    def passed(self) -> None:
        """Record a pass."""
        self.outcomes.append(Outcome("pass"))

    def fail(self, code: str, message: str, primary: Location, related: Sequence[Location], **extra: object) -> None:
        """Record a failure with its finding."""
        finding = Finding(
            code,
            message,
            primary,
            Severity.ERROR,
            related=_distinct(primary, [*related, *self.rule_location]),
            rule=self.name,
            observed=extra.get("observed"),
            expected=extra.get("expected"),
            suggestion=extra.get("suggestion"),  # type: ignore[arg-type]
        )
        self.outcomes.append(Outcome("fail", finding))

    def missing(self, names: Sequence[str], why: str = "") -> None:
        """Record a rule that could not be evaluated because a value is missing."""
        figs = self.figures
        absent = [n for n in names if figs.metric(n).value is None]
        reasons = [f"缺少{figs.label(n)}（{n}）的数值" for n in absent] + ([why] if why else [])
        where = figs.where(absent[0]) if absent else (self.rule_location or [Location(figs.source.file)])[0]
        message = f"规则 {self.name} 未评估：{'；'.join(reasons)}"
        related = [figs.where(n) for n in absent[1:]] + (self.rule_location if absent else [])
        finding = Finding(
            "rule-not-evaluated",
            message,
            where,
            Severity.INFO,
            related=related,
            rule=self.name,
            observed=absent or None,  # the figures it waits for (``fold_waiting``)
        )
        self.outcomes.append(Outcome("not_evaluated", finding))

    def judge(self, truth: Truth, on_fail: Callable[[], None]) -> None:
        """Pass unless the relation is certainly false."""
        if truth is False:
            on_fail()
        else:
            self.passed()


def _distinct(primary: Location, related: Sequence[Location]) -> list[Location]:
    """Related places without repeats and without the primary place."""
    out: list[Location] = []
    for loc in related:
        if loc != primary and loc not in out:
            out.append(loc)
    return out


def _absent(figs: Figures, names: Sequence[str | None]) -> list[str]:
    return [n for n in names if n is not None and figs.metric(n).value is None]


def _in_unit(figs: Figures, names: Sequence[str], unit: str) -> Decimal:
    """Sum of metric values converted to ``unit`` (point values, for messages)."""
    found = find_unit(unit, figs.declared)
    assert found is not None
    scale = found.scale
    out = Decimal(0)
    for n in names:
        value = figs.metric(n).value
        assert value is not None
        out += value * figs.unit(n).scale / scale
    return out


def _intervals(figs: Figures, names: Sequence[str]) -> list[Interval]:
    found = [figs.interval(n) for n in names]
    assert all(i is not None for i in found)
    return [i for i in found if i is not None]


def check_sum(rule: SumRule, ctx: RuleContext) -> None:
    """total = Σ parts (exhaustive) or Σ parts <= total (其中)."""
    figs = ctx.figures
    names = [rule.total, *rule.parts]
    if _absent(figs, names):
        ctx.missing(names)
        return
    holds = _sum_holds(figs, rule)
    if holds([figs.metric(n).value or Decimal(0) for n in names]) is not False:
        tight = tight_intervals(figs, names)
        if tight is None:
            ctx.passed()
            return
        relation = eq(total(tight[1:]), tight[0]) if rule.exhaustive else le(total(tight[1:]), tight[0])
        if relation is not False:
            ctx.passed()
            return
        total_unit = figs.metric(rule.total).unit
        shown_terms = " + ".join(figs.shown(p) for p in rule.parts)
        shown_sum = format_approx(_in_unit(figs, rule.parts, total_unit))
        said = "与合计" if rule.exhaustive else "不超过合计"
        edge(ctx, names, f"分项之和 {shown_terms} = {shown_sum}{total_unit} {said} {figs.shown(rule.total)}")
        return
    unit = figs.metric(rule.total).unit
    parts_sum, stated = _in_unit(figs, rule.parts, unit), _in_unit(figs, [rule.total], unit)
    terms = " + ".join(format_number(figs.metric(p).value or Decimal(0)) for p in rule.parts)
    if rule.exhaustive:
        diff = format_approx(parts_sum - stated)
        message = f"分项之和 {terms} = {format_approx(parts_sum)} 与合计 {format_approx(stated)} 不符（差 {diff}）"
    else:
        message = f"其中各项之和 {terms} = {format_approx(parts_sum)} 超过合计 {format_approx(stated)}"
    fixes = typo_corrections([figs.metric(n).value or Decimal(0) for n in names], holds) if rule.exhaustive else []
    suggestion = "；或".join(f"将{figs.label(names[i])}的 {old} 改为 {new}（{how}）" for i, old, new, how in fixes)
    ctx.fail(
        "sum-mismatch",
        _prefixed(rule.message, message),
        figs.where(rule.total),
        [figs.where(p) for p in rule.parts],
        observed=format_approx(parts_sum),
        expected=format_approx(stated),
        suggestion=(suggestion + "，合计即可相符") if suggestion else None,
    )


def tight_intervals(figs: Figures, names: Sequence[str]) -> list[Interval] | None:
    """The figures read at the finest precision any of them was written with (in base units); None when they
    share one precision. A qualified figure (约, 以上 …) or an exact count keeps its own interval."""
    halves: dict[str, Decimal] = {}
    for name in names:
        metric, unit = figs.metric(name), figs.unit(name)
        if metric.value is not None and not metric.qualifier and not is_exact(metric.value, unit):
            halves[name] = half_unit(metric.value) * unit.scale
    if len(set(halves.values())) < 2:
        return None
    finest = min(halves.values())
    out: list[Interval] = []
    for name in names:
        metric, unit = figs.metric(name), figs.unit(name)
        if name in halves and metric.value is not None:
            out.append(figure_interval(metric.value, unit, None, half=finest / unit.scale))
        else:
            found = figs.interval(name)
            assert found is not None
            out.append(found)
    return out


def edge(ctx: RuleContext, names: Sequence[str], relation: str) -> None:
    """A rule that holds only because a coarser figure may stand for a wide range: a warning with the figures."""
    figs = ctx.figures
    halves = {n: half_unit(figs.metric(n).value or Decimal(0)) * figs.unit(n).scale for n in names}
    coarse = [n for n in names if halves[n] == max(halves.values()) and not figs.metric(n).qualifier]
    ranges = "，".join(
        f"“{figs.shown(n)}”可代表 {describe_range(figs.interval(n, base=False) or Interval.exact(0), 2)}"
        f"{figs.metric(n).unit_text or figs.metric(n).unit}"
        for n in coarse
    )
    message = (
        f"{relation}，只在报告精度的边缘成立：{ranges}；按各数中最细的精度读则不成立。"
        "请核实这个数（如 2万 是否应为 2.0万）"
    )
    finding = Finding(
        "edge-of-precision",
        message,
        figs.where(coarse[0]),
        Severity.WARNING,
        related=_distinct(figs.where(coarse[0]), [*(figs.where(n) for n in names), *ctx.rule_location]),
        rule=ctx.name,
    )
    ctx.outcomes.append(Outcome("pass", finding))


def _sum_holds(figs: Figures, rule: SumRule) -> Callable[[list[Decimal]], Truth]:
    names = [rule.total, *rule.parts]

    def holds(values: list[Decimal]) -> Truth:
        ivs = [_as_interval(figs, n, v) for n, v in zip(names, values, strict=True)]
        return eq(total(ivs[1:]), ivs[0]) if rule.exhaustive else le(total(ivs[1:]), ivs[0])

    return holds


def _as_interval(figs: Figures, name: str, value: Decimal) -> Interval:
    return figure_interval(value, figs.unit(name), figs.metric(name).qualifier)


def _prefixed(label: str | None, message: str) -> str:
    return f"{label}：{message}" if label else message


@dataclass(frozen=True)
class Ratio:
    """numerator ÷ denominator × factor = ratio, on intervals in base units: what ``share`` and ``per_capita`` check.

    The two YAML kinds stay (their field names read naturally); they are one rule here. ``implied`` words the
    "not evaluated" reason when the denominator is not given; ``wording`` the failure, given the computed ratio in
    the ratio metric's unit.
    """

    code: str
    numerator: str
    denominator: str | None
    ratio: str
    factor: Interval
    message: str | None
    implied: Callable[[Interval], str]
    wording: Callable[[Interval], str]


def check_ratio(spec: Ratio, ctx: RuleContext) -> None:
    """Evaluate one ratio rule: not evaluated when a figure is missing, else pass or fail on intervals."""
    figs = ctx.figures
    names = [n for n in (spec.numerator, spec.denominator, spec.ratio) if n]
    numerator, ratio = figs.interval(spec.numerator), figs.interval(spec.ratio)
    if spec.denominator is None or _absent(figs, names):
        why = ""
        if numerator is not None and ratio is not None and spec.denominator is None:
            why = spec.implied(numerator / (ratio / spec.factor))
        ctx.missing(names, why)
        return
    denominator = figs.interval(spec.denominator)
    assert numerator is not None and ratio is not None and denominator is not None
    computed = numerator / denominator * spec.factor
    shown = computed.scale(1 / figs.unit(spec.ratio).scale)
    ctx.judge(
        eq(computed, ratio),
        lambda: ctx.fail(
            spec.code,
            _prefixed(spec.message, spec.wording(shown)),
            figs.where(spec.ratio),
            [figs.where(spec.numerator), figs.where(spec.denominator or "")],
            observed=figs.shown(spec.ratio),
            expected=str(shown),
        ),
    )


def check_share(rule: ShareRule, ctx: RuleContext) -> None:
    """part / whole × 100 = share."""
    figs = ctx.figures

    def implied(whole: Interval) -> str:
        estimate = describe_range(whole.scale(1 / figs.unit(rule.part).scale))
        return f"报告未给出整体；按{figs.label(rule.part)}与占比推算，整体约为 {estimate}{figs.metric(rule.part).unit}"

    def wording(computed: Interval) -> str:
        whole_base = _base(figs, rule.whole or "")
        value = _base(figs, rule.part) / whole_base * 100 if whole_base else None
        return (
            f"{figs.label(rule.part)} {figs.shown(rule.part)} 占 {figs.label(rule.whole or '')} "
            f"{figs.shown(rule.whole or '')} 的比重应为 {format_approx(value) if value is not None else '?'}%"
            f"（按报告精度 {computed}%），所述为 {figs.shown(rule.share)}"
        )

    check_ratio(
        Ratio("share-mismatch", rule.part, rule.whole, rule.share, HUNDRED, rule.message, implied, wording), ctx
    )


def _base(figs: Figures, name: str) -> Decimal:
    """A metric's point value in its kind's base unit."""
    return (figs.metric(name).value or Decimal(0)) * figs.unit(name).scale


def check_compare(rule: CompareRule, ctx: RuleContext) -> None:
    """Σ left op Σ right."""
    figs = ctx.figures
    left = [rule.left] if isinstance(rule.left, str) else list(rule.left)
    right = [rule.right] if isinstance(rule.right, str) else list(rule.right)
    if _absent(figs, left + right):
        ctx.missing(left + right)
        return
    truth = compare(total(_intervals(figs, left)), rule.op, total(_intervals(figs, right)))
    unit = figs.metric(left[0]).unit

    def side(names: list[str]) -> str:
        text = " + ".join(f"{figs.label(n)} {figs.shown(n)}" for n in names)
        if len(names) > 1:
            text += f" = {format_approx(_in_unit(figs, names, unit))}{unit}"
        return text

    if truth is not False:
        tight = tight_intervals(figs, left + right)
        if tight is not None and compare(total(tight[: len(left)]), rule.op, total(tight[len(left) :])) is False:
            edge(ctx, left + right, f"{side(left)} {OP_WORDS[rule.op].removeprefix('应')} {side(right)}")
            return
    ctx.judge(
        truth,
        lambda: ctx.fail(
            "compare-failed",
            _prefixed(rule.message, f"{side(left)} {OP_WORDS[rule.op]} {side(right)}"),
            figs.where(left[0]),
            [figs.where(n) for n in [*left[1:], *right]],
            observed=format_approx(_in_unit(figs, left, unit)),
            expected=f"{rule.op} {format_approx(_in_unit(figs, right, unit))}",
        ),
    )


def check_yoy(rule: YoyRule, ctx: RuleContext) -> None:
    """growth = (current - prior) / prior × 100, on intervals; comparable-price growth only informs."""
    figs = ctx.figures
    metric = figs.metric(rule.metric)
    growth_value = figs.metric(rule.growth).value if rule.growth else metric.yoy
    growth_where = figs.where(rule.growth) if rule.growth else figs.where(rule.metric, "yoy")
    prior = _prior_of(rule, figs)
    if growth_value is None and rule.growth is None and metric.value is not None and prior is not None:
        ctx.passed()  # no stated rate: the text computes it from value and prior, so they agree by construction
        return
    if metric.value is None or growth_value is None or prior is None:
        names = [n for n in (rule.metric, rule.growth, rule.prior) if n]
        lacking = "缺少所述增速" if growth_value is None else ""
        if prior is None:
            lacking = "缺少上年数值（prior 或 --prior）"
        ctx.missing(names, lacking)
        return
    prior_value, prior_where = prior
    current = figs.interval(rule.metric, base=False)
    before = figure_interval(prior_value, figs.unit(rule.metric), None, base=False)
    assert current is not None
    computed = (current - before) / before * HUNDRED
    stated = from_figure(growth_value)
    point = (metric.value - prior_value) / prior_value * 100 if prior_value else None
    basis = rule.basis or metric.yoy_basis

    def fail() -> None:
        shown = format_approx(point, 2) if point is not None else "?"
        message = (
            f"按本期 {figs.shown(rule.metric)} 与上年 {format_number(prior_value)}{metric.unit} 计算，"
            f"增速为 {shown}%（按报告精度 {computed}%），与所述 {format_number(growth_value)}% 不符"
        )
        if basis == "comparable":
            message += "（所述增速为可比价口径，仅作提示）"
        ctx.fail(
            "yoy-mismatch",
            _prefixed(rule.message, message),
            figs.where(rule.metric),
            [growth_where, prior_where],
            observed=format_number(growth_value),
            expected=str(computed),
        )
        if basis == "comparable" and ctx.outcomes[-1].finding is not None:
            ctx.outcomes[-1].finding.severity = Severity.INFO

    ctx.judge(eq(computed, stated), fail)


def check_target(rule: TargetRule, ctx: RuleContext) -> None:
    """An actual figure against its target: completion in percent, a stated rate checked, met or missed reported."""
    figs = ctx.figures
    actual = figs.metric(rule.actual)
    names = [n for n in (rule.actual, rule.target, rule.rate) if n]
    if rule.target is not None:
        target_value, target_where = figs.metric(rule.target).value, figs.where(rule.target)
        target_unit, target_q = figs.unit(rule.target), figs.metric(rule.target).qualifier
    else:
        target_value, target_where = actual.target, figs.where(rule.actual, "target")
        target_unit, target_q = figs.unit(rule.actual), None
    if _absent(figs, names) or target_value is None:
        ctx.missing(names, "" if target_value is not None else "未设定目标（target）")
        return
    assert actual.value is not None
    done = figs.interval(rule.actual)
    goal = figure_interval(target_value, target_unit, target_q)
    assert done is not None
    target_base = target_value * target_unit.scale
    point = actual.value * figs.unit(rule.actual).scale / target_base * 100 if target_base else None
    rate = format_approx(point, 1) if point is not None else "?"
    target_shown = f"{format_number(target_value)}{target_unit.name}"
    figures = f"实际 {figs.shown(rule.actual)}，目标 {target_shown}"
    if rule.rate is not None and target_base:
        stated = figs.interval(rule.rate)
        assert stated is not None
        computed = done / goal * HUNDRED
        if eq(computed, stated) is False:
            ctx.fail(
                "target-rate-mismatch",
                _prefixed(
                    rule.message,
                    f"按{figures}计算，完成目标的 {rate}%（按报告精度 {computed}%），"
                    f"与所述 {figs.shown(rule.rate)} 不符",
                ),
                figs.where(rule.rate),
                [figs.where(rule.actual), target_where],
                observed=figs.shown(rule.rate),
                expected=rate,
            )
            return
    met = le(goal, done)
    label = figs.label(rule.actual)
    if met is False:
        finding = Finding(
            "target-missed",
            _prefixed(rule.message, f"{label}未完成目标：{figures}，完成目标的 {rate}%"),
            figs.where(rule.actual),
            Severity.ERROR if rule.must_meet else Severity.WARNING,
            related=_distinct(figs.where(rule.actual), [target_where, *ctx.rule_location]),
            rule=ctx.name,
            observed=rate,
            expected="100",
        )
        ctx.outcomes.append(Outcome("fail" if rule.must_meet else "pass", finding))
        return
    word = "完成目标" if met else "与目标持平（按报告精度无法判定是否完成）"
    finding = Finding(
        "target-met",
        _prefixed(rule.message, f"{label}{word}：{figures}，完成目标的 {rate}%"),
        figs.where(rule.actual),
        Severity.INFO,
        related=_distinct(figs.where(rule.actual), [target_where]),
        rule=ctx.name,
        observed=rate,
    )
    ctx.outcomes.append(Outcome("pass", finding))


def _prior_of(rule: YoyRule, figs: Figures) -> tuple[Decimal, Location] | None:
    if rule.prior is not None:
        value = figs.metric(rule.prior).value
        return None if value is None else (value, figs.where(rule.prior))
    return figs.prior(rule.metric)


def check_range(rule: RangeRule, ctx: RuleContext) -> None:
    """Each metric within [min, max]: 0–100 for %, otherwise non-negative by default."""
    figs = ctx.figures
    for name in rule.of:
        value = figs.interval(name, base=False)
        if value is None:
            ctx.missing([name])
            continue
        lo = rule.min if rule.min is not None else Decimal(0)
        hi = rule.max if rule.max is not None else (Decimal(100) if figs.metric(name).unit == "%" else None)
        truth_lo = le(Interval.exact(lo), value)
        truth_hi = le(value, Interval.exact(hi)) if hi is not None else True
        bounds = f"[{format_number(lo)}, {format_number(hi)}]" if hi is not None else f"[{format_number(lo)}, +∞)"
        if False in (truth_lo, truth_hi):
            ctx.fail(
                "out-of-range",
                _prefixed(rule.message, f"{figs.label(name)} {figs.shown(name)} 超出允许范围 {bounds}"),
                figs.where(name),
                [],
                observed=figs.shown(name),
                expected=bounds,
            )
        else:
            ctx.passed()


def check_per_capita(rule: PerCapitaRule, ctx: RuleContext) -> None:
    """total / population = per_capita, units converted by their scales."""
    figs = ctx.figures

    def implied(population: Interval) -> str:
        estimate = describe_range(population.scale(Decimal("0.0001")), 2)
        return f"报告未给出人口；按总量与人均值推算，人口约为 {estimate}万人"

    def wording(computed: Interval) -> str:
        return (
            f"{figs.label(rule.total)} {figs.shown(rule.total)} ÷ {figs.label(rule.population or '')} "
            f"{figs.shown(rule.population or '')} = {computed} "
            f"{figs.metric(rule.per_capita).unit}，与所述 {figs.shown(rule.per_capita)} 不符"
        )

    spec = Ratio(
        "per-capita-mismatch", rule.total, rule.population, rule.per_capita, ONE, rule.message, implied, wording
    )
    check_ratio(spec, ctx)


def check_count(rule: CountRule, ctx: RuleContext) -> None:
    """A stated count equals the number of names, points or items."""
    figs = ctx.figures
    if isinstance(rule.count, str) and figs.metric(rule.count).value is None:
        ctx.missing([rule.count])
        return
    actual, what, target = _counted(rule, figs)
    if isinstance(rule.count, str):
        stated = figs.interval(rule.count, base=False)
        shown, primary = figs.shown(rule.count), figs.where(rule.count)
    else:
        stated, shown = Interval.exact(rule.count), str(rule.count)
        primary = figs.source.locate((*(ctx.path or ()), "count"))
    assert stated is not None
    ctx.judge(
        eq(stated, Interval.exact(actual)),
        lambda: ctx.fail(
            "count-mismatch",
            _prefixed(rule.message, f"所述个数 {shown} 与{what} {actual} 项不符"),
            primary,
            [target],
            observed=actual,
            expected=shown,
        ),
    )


def _counted(rule: CountRule, figs: Figures) -> tuple[int, str, Location]:
    if rule.list is not None:
        names, path = figs.lists[rule.list]
        return len(names), f"清单“{rule.list}”列出的名称", figs.source.locate(path)
    key = rule.points or rule.items or ""
    block, path = figs.blocks[key]
    field_name = children_field(block, bool(rule.points))
    children = getattr(block, field_name, [])
    where = figs.source.locate((*path, field_name), key=True) if children else figs.source.locate(path)
    word = "要点（一是、二是……）" if rule.points else "编号条目"
    return len(children), f"“{key}”写出的{word}", where


def children_field(block: object, points: bool) -> str:
    """The field a count rule counts: points, or numbered children (items, or a section's sub-sections)."""
    if points:
        return "points"
    return "sections" if isinstance(block, Section) else "items"


def check_expr(rule: ExprRule, ctx: RuleContext) -> None:
    """A condition over metrics, evaluated on intervals in the metrics' reported units."""
    figs = ctx.figures
    tree = rule.tree
    used = rule.names
    if _absent(figs, used):
        ctx.missing(used)
        return
    env = {n: figs.interval(n, base=False) for n in used}
    result = evaluate(tree, rule.expr, {k: v for k, v in env.items() if v is not None})
    values = "，".join(f"{n} = {figs.shown(n)}" for n in used)
    ctx.judge(
        result,
        lambda: ctx.fail(
            "expr-failed",
            _prefixed(rule.message, f"表达式 “{rule.expr.strip()}” 不成立（{values}）"),
            figs.where(used[0]) if used else figs.source.locate((*(ctx.path or ()), "expr")),
            [figs.where(n) for n in used[1:]],
            observed=values,
            expected=rule.expr.strip(),
        ),
    )


__all__ = [
    "Outcome",
    "RuleContext",
    "check_compare",
    "check_count",
    "check_expr",
    "check_per_capita",
    "check_range",
    "check_share",
    "check_sum",
    "check_target",
    "check_yoy",
]
