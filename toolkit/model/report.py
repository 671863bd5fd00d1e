"""The report model (pydantic v2): structure, metrics and metadata, strict about unknown keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator

from toolkit.model.frameworks import framework_names
from toolkit.model.rules import IDENT, Rule, Validation
from toolkit.model.units import qualifiers, units

MIN_YEAR, MAX_YEAR = 2000, 2100
"""The years a report may be for."""
RESERVED = frozenset({"year", "region", "meta", "report", "range", "loop", "lists", "metrics"})


def enum_of(words: list[str]) -> dict[str, JsonValue]:
    """A JSON Schema ``enum`` for a vocabulary that lives in data files."""
    values: list[JsonValue] = list(words)
    return {"enum": values}


class Strict(BaseModel):
    """Base model: unknown keys are errors; every field carries a description."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)


class Region(Strict):
    """The county-level administrative region the report is about."""

    name: str = Field(description="地区名称，如 x市、某某县")
    level: str = Field(description="行政级别：县、县级市、自治县、旗、市辖区等")
    province: str = Field(description="所属省（自治区、直辖市）")
    prefecture: str | None = Field(default=None, description="所属地级市（州、盟），可省略")


class Meta(Strict):
    """Report metadata: title, region, year, period and signature."""

    title: str = Field(description="报告标题")
    region: Region = Field(description="报告所属地区")
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR, description="报告年度")
    period: str | None = Field(default=None, description="多数数据的统计期，如 前三季度、1-10月、全年")
    as_of: dt.date | None = Field(default=None, description="数据截止日期")
    issuer: str | None = Field(default=None, description="落款单位；与 date 同时给出时打印落款")
    date: dt.date | None = Field(default=None, description="成文日期")


class Metric(Strict):
    """A figure: value as reported, unit, qualifier, period, growth, prior value and source."""

    value: Decimal | None = Field(description="数值（按报告的精度书写，如 55.30）；尚未收集时写 null")
    unit: str = Field(
        description="单位，取自 schema/units.yaml",
        json_schema_extra=enum_of(sorted(units())),
    )
    unit_text: str | None = Field(default=None, description="原文中单位的写法（如 亿元 写作 亿），默认同 unit")
    qualifier: str | None = Field(
        default=None,
        description="限定词：约、近、超过、不足（数字前），以上（单位后），多、余（数字与单位之间）",
        json_schema_extra=enum_of(sorted(qualifiers())),
    )
    period: str | None = Field(default=None, description="统计期，如 前三季度、1-10月、截至10月底、全年")
    yoy: Decimal | None = Field(default=None, description="报告所述同比增速（%），下降为负数")
    yoy_label: str = Field(default="同比", description="增速的说法：同比、同期、比上年")
    yoy_basis: Literal["nominal", "comparable"] = Field(
        default="nominal", description="增速口径：nominal 现价，comparable 可比价"
    )
    prior: Decimal | None = Field(default=None, description="上年同期数值")
    label: str | None = Field(default=None, description="指标含义，如 电子信息产业产值")
    source: str | None = Field(default=None, description="报送部门，如 工信局")
    note: str | None = Field(default=None, description="备注")

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in units():
            raise ValueError(f"unknown-unit:{unit}")
        return unit

    @field_validator("qualifier")
    @classmethod
    def _known_qualifier(cls, word: str | None) -> str | None:
        if word is not None and word not in qualifiers():
            raise ValueError(f"unknown-qualifier:{word}")
        return word


MetricId = Annotated[str, Field(pattern=IDENT)]


class Block(Strict):
    """Fields shared by every block that may hold figures next to its text."""

    metrics: dict[MetricId, Metric] = Field(default_factory=dict, description="本段落使用的指标，键为指标名")
    lists: dict[MetricId, list[str]] = Field(default_factory=dict, description="具名清单，如“五大中心”的名称")
    checks: list[Rule] = Field(default_factory=list, description="数据一致性校验规则（sum、share、compare 等）")


class Point(Block):
    """一是/二是… inside an item: an optional lead phrase and text."""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    heading: str | None = Field(default=None, description="要点标题，后接句号；省略时只输出正文")
    text: str = Field(description="正文（Jinja2 模板，可引用指标）")


class Item(Block):
    """A numbered item (1. 2. …): heading, text and 一是/二是 points, in one paragraph."""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    heading: str = Field(description="条目标题，如 县城产业支撑能力不断增强")
    sub_area: str | None = Field(default=None, description="对应框架中该支柱的子领域键")
    text: str | None = Field(default=None, description="标题后的正文")
    points: list[Point] = Field(default_factory=list, description="一是、二是……要点")


class Part(Block):
    """A part of 一、基本情况 mapped to one pillar of the framework."""

    id: MetricId | None = Field(default=None, description="标识，供校验规则引用")
    pillar: str = Field(description="对应框架支柱的键，如 industry、municipal、public_services、environment")
    heading: str = Field(description="部分标题，如 建强平台、壮大产业，县域经济蓬勃发展")
    text: str | None = Field(default=None, description="标题下的导语段落")
    items: list[Item] = Field(default_factory=list, description="编号条目 1. 2. ……")
    points: list[Point] = Field(default_factory=list, description="不分条目时直接列出的一是、二是……")


class Overview(Block):
    """一、基本情况."""

    heading: str = Field(default="基本情况", description="标题")
    text: str | None = Field(default=None, description="导语段落")
    parts: list[Part] = Field(min_length=1, description="各部分（一）（二）……，每部分对应一个框架支柱")


class Closing(Block):
    """An optional closing section such as 存在的问题 or 下一步工作计划."""

    heading: str = Field(description="标题")
    paragraphs: list[str] = Field(default_factory=list, description="不编号的段落")
    items: list[Item] = Field(default_factory=list, description="编号条目")
    points: list[Point] = Field(default_factory=list, description="一是、二是……要点")


class Report(Block):
    """One county's report for one year."""

    type: str = Field(description="报告类型，对应 schema/frameworks/ 与 templates/ 下的名称")
    meta: Meta = Field(description="报告元数据")
    preamble: list[str] = Field(default_factory=list, description="“一、”之前的段落")
    overview: Overview = Field(description="一、基本情况")
    problems: Closing | None = Field(default=None, description="二、存在的问题（可选）")
    plans: Closing | None = Field(default=None, description="三、下一步工作计划（可选）")
    validation: Validation = Field(
        default_factory=Validation, description="校验设置：按代码调整级别、文本检查开关、允许出现的其他年份"
    )

    @field_validator("type")
    @classmethod
    def _known_type(cls, kind: str) -> str:
        if kind not in framework_names():
            raise ValueError(f"unknown-type:{kind}")
        return kind

    @field_validator("preamble", mode="before")
    @classmethod
    def _one_paragraph(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


def blocks(report: Report) -> list[tuple[tuple[str | int, ...], Block]]:
    """Every block of a report with its data path, in document order."""
    out: list[tuple[tuple[str | int, ...], Block]] = [((), report), (("overview",), report.overview)]
    for pi, part in enumerate(report.overview.parts):
        out += _item_blocks(("overview", "parts", pi), part)
    for key in ("problems", "plans"):
        closing = getattr(report, key)
        if closing is not None:
            out += _item_blocks((key,), closing)
    return out


def iter_metrics(report: Report) -> Iterator[tuple[str, Metric, tuple[str | int, ...]]]:
    """Every metric of a report as (id, metric, data path of the metric), in document order."""
    for path, block in blocks(report):
        for name, metric in block.metrics.items():
            yield name, metric, (*path, "metrics", name)


def _item_blocks(path: tuple[str | int, ...], block: Part | Closing) -> list[tuple[tuple[str | int, ...], Block]]:
    out: list[tuple[tuple[str | int, ...], Block]] = [(path, block)]
    for ii, item in enumerate(block.items):
        out.append(((*path, "items", ii), item))
        out += [((*path, "items", ii, "points", k), p) for k, p in enumerate(item.points)]
    out += [((*path, "points", k), p) for k, p in enumerate(block.points)]
    return out
