"""Consistency rules as data: the typed rule kinds of a block's ``checks:`` list and the report's ``validation:``.

Shape only (pydantic); the arithmetic lives in ``toolkit/consistency.py``. A rule names metrics by id; whether
those ids exist and their units fit is checked when the report is loaded, with a finding at the rule's line.
"""

from __future__ import annotations

import ast
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolkit.diagnostics.catalogue import CATALOGUE
from toolkit.model.expressions import ExprError, names, parse_expr
from toolkit.model.scalars import Ident, Number, new_dict, new_list

Level = Literal["error", "warning", "info"]
Op = Literal["==", "!=", "<=", "<", ">=", ">"]


class RuleModel(BaseModel):
    """Base of rule models: unknown keys are errors; built on first use (see ``toolkit.model.report.Strict``)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class RuleBase(RuleModel):
    """Fields every rule may carry."""

    id: Ident | None = Field(default=None, description="规则标识（可选），出现在结果汇总中")
    severity: Level | None = Field(default=None, description="不成立时的级别：error、warning、info；默认 error")
    message: str | None = Field(default=None, description="规则的说明（中文），显示在问题信息前")


class SumRule(RuleBase):
    """Parts add up to a total; ``exhaustive: false`` (其中) checks ``sum(parts) <= total``."""

    kind: Literal["sum"] = Field(description="规则类型：分项之和")
    total: Ident = Field(description="合计指标")
    parts: list[Ident] = Field(min_length=1, description="分项指标")
    exhaustive: bool = Field(
        default=True, strict=True, description="分项是否穷尽：true 要求相等，false（其中）要求不超过合计"
    )


class ShareRule(RuleBase):
    """part / whole × 100 = share (%); without a whole the rule is not evaluated (the implied whole is reported)."""

    kind: Literal["share"] = Field(description="规则类型：占比")
    part: Ident = Field(description="部分指标")
    whole: Ident | None = Field(default=None, description="整体指标；报告未给出整体时省略，规则记为未评估")
    share: Ident = Field(description="占比指标（单位 %）")


class CompareRule(RuleBase):
    """left op right; a list on either side is summed (e.g. 已投产 + 在建 <= 已签约)."""

    kind: Literal["compare"] = Field(description="规则类型：比较")
    left: Ident | list[Ident] = Field(description="左边的指标（多个时相加）")
    op: Op = Field(default="<=", description="比较符：<=、<、>=、>、==、!=")
    right: Ident | list[Ident] = Field(description="右边的指标（多个时相加）")


class YoyRule(RuleBase):
    """Current value, stated growth and prior value agree: growth = (current - prior) / prior × 100."""

    kind: Literal["yoy"] = Field(description="规则类型：同比增速")
    metric: Ident = Field(description="本期指标")
    growth: Ident | None = Field(default=None, description="单独给出增速的指标（%）；默认用本期指标的 yoy")
    prior: Ident | None = Field(default=None, description="上年数值的指标；默认用本期指标的 prior 或 --prior 文件")
    basis: Literal["nominal", "comparable"] | None = Field(
        default=None, description="增速口径；默认取本期指标的 yoy_basis。可比价增速不符只作提示"
    )


class RangeRule(RuleBase):
    """Each metric lies within [min, max]; defaults: 0–100 for %, otherwise non-negative."""

    kind: Literal["range"] = Field(description="规则类型：取值范围")
    of: list[Ident] = Field(min_length=1, description="要检查的指标")
    min: Number | None = Field(default=None, description="下限；省略时为 0")
    max: Number | None = Field(default=None, description="上限；省略时 % 为 100，其他单位不设上限")


class PerCapitaRule(RuleBase):
    """total / population = per_capita, converting units by their scales (万平方米 / 万人 → 平方米)."""

    kind: Literal["per_capita"] = Field(description="规则类型：人均")
    total: Ident = Field(description="总量指标")
    population: Ident | None = Field(default=None, description="人口指标；报告未给出时省略，规则记为未评估")
    per_capita: Ident = Field(description="人均指标")


class CountRule(RuleBase):
    """A stated count (六个百亿, 五大中心, 4宗) equals the number of names listed or points/items written."""

    kind: Literal["count"] = Field(description="规则类型：个数")
    count: Ident | Annotated[int, Field(ge=0, strict=True)] = Field(
        description="所述个数：指标名，或直接写数字（如 6）"
    )
    list: Ident | None = Field(default=None, description="清单名：数其中的名称")
    points: Ident | None = Field(default=None, description="条目或部分的 id：数其“一是、二是……”")
    items: Ident | None = Field(default=None, description="部分的 id：数其编号条目")

    @model_validator(mode="after")
    def _one_target(self) -> CountRule:
        targets = [t for t in (self.list, self.points, self.items) if t is not None]
        if len(targets) != 1:
            raise ValueError("个数规则须且只须给出 list、points、items 中的一个")
        return self


class ExprRule(RuleBase):
    """A last resort: a condition over metric names, e.g. ``a + b <= c``; evaluated on intervals, never by eval."""

    kind: Literal["expr"] = Field(description="规则类型：表达式")
    expr: str = Field(description="条件表达式：数字、指标名、+ - * /、比较、and/or、sum/abs/min/max")

    @field_validator("expr")
    @classmethod
    def _allowed(cls, text: str) -> str:
        try:
            parse_expr(text)
        except ExprError as exc:
            raise ValueError(str(exc)) from None
        return text

    @property
    def tree(self) -> ast.Expression:
        """The vetted syntax tree of ``expr`` (parsed once per distinct text: ``parse_expr`` is cached)."""
        return parse_expr(self.expr)

    @property
    def names(self) -> list[str]:
        """Metric names the expression uses, in order of first use."""
        return names(self.tree)


class TargetRule(RuleBase):
    """An actual figure against its target: 完成目标的 x%; a missed target is reported (an error with ``must_meet``)."""

    kind: Literal["target"] = Field(description="规则类型：目标完成情况")
    actual: Ident = Field(description="实际完成的指标")
    target: Ident | None = Field(default=None, description="目标指标；默认用实际指标的 target 字段（如上年计划所定）")
    rate: Ident | None = Field(default=None, description="报告所述完成率的指标（%，完成目标的 x%），可省略")
    must_meet: bool = Field(default=False, description="目标必须完成：未完成时为错误（默认只作警告）")


Rule = Annotated[
    SumRule | ShareRule | CompareRule | YoyRule | RangeRule | PerCapitaRule | CountRule | ExprRule | TargetRule,
    Field(discriminator="kind"),
]
RULE_KINDS = ("sum", "share", "compare", "yoy", "range", "per_capita", "count", "expr", "target")


class LintSwitches(RuleModel):
    """Which lints run."""

    figure_in_prose: bool = Field(default=True, strict=True, description="检查正文中直接写出的带单位数字")
    year_mismatch: bool = Field(default=True, strict=True, description="检查正文中与报告年度不一致的年份")


class Validation(RuleModel):
    """Per-report validation settings: severities by code, lint switches, accepted historical years."""

    severity: dict[str, Level | Literal["off"]] = Field(
        default_factory=new_dict, description="按问题代码调整级别：error、warning、info，或 off 关闭"
    )
    lint: LintSwitches = Field(default_factory=LintSwitches, description="文本检查开关")
    allowed_years: list[int] = Field(
        default_factory=new_list, description="正文中可以出现的其他年份（如 2021年以来、2027年竣工）"
    )
    partial: str | None = Field(
        default=None,
        description="报告有意不完整时写明原因（如 原文在此中断）：不再提示结尾缺标点、部分为空，正式稿照常生成",
    )

    @field_validator("severity")
    @classmethod
    def _known_codes(cls, table: dict[str, str]) -> dict[str, str]:
        unknown = [code for code in table if code not in CATALOGUE or not CATALOGUE[code].adjustable]
        if unknown:
            raise ValueError(f"未知的问题代码：{'、'.join(unknown)}（可调整的代码见 govreport codes）")
        return table
